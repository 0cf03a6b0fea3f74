"""The SOP's own paperwork in the demo book and in the tour."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tipref.cli import cli
from tipref.documents.render import docx_text

NOW = "2026-11-28T10:00:00+08:00"


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)), catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture
def demo(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPREF_NOW", NOW)
    root = tmp_path / "demo"
    return root, json.loads(run("demo", root, "--json").stdout)


def test_the_demo_makes_each_new_document(demo):
    root, summary = demo
    assert not summary["notes"], summary["notes"]
    documents = summary["documents"]
    for prefix in (
        "balasan-",
        "laporan-polisi-",
        "berita-acara-serah-terima-",
        "pernyataan-penerimaan-keluarga-",
    ):
        assert any(d.startswith(f"dokumen/{prefix}") for d in documents), (prefix, documents)
    handover = next(d for d in documents if "berita-acara" in d)
    assert "PIHAK PERTAMA" in docx_text(root / handover)
    referrals = json.loads(run("--book", root, "referral", "list", "--json").stdout)
    answered = [r for r in referrals if r.get("replies")]
    assert answered and answered[0]["status"] == "completed"
    report = json.loads(run("--book", root, "report", "--json").stdout)
    simfoni = report["cases"]["simfoni"]
    assert simfoni["entered"] >= 1 and simfoni["not_entered"] >= 1
    assert report["cases"]["legal_process"]["p21_on"] >= 1


def test_the_tour_reads_a_reply_slip_back_and_brings_her_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPREF_NOW", NOW)
    root = tmp_path / "tour"
    out = " ".join(run("demo", root, "--tour", "--yes", "--lang", "en").output.split())
    assert "$ tipref case police-report" in out and "$ tipref referral reply" in out
    assert "Health rehabilitation: - → done (Completed)" in out
    assert "$ tipref handover acceptance" in out
    cases = json.loads(run("--book", root, "case", "list", "--json").stdout)
    case = next(c for c in cases if c["persons"][0]["name"] == "Sisilia Taek (fiktif)")
    legs = json.loads(
        run("--book", root, "handover", "list", "--case", case["number"], "--json").stdout
    )
    assert [leg["to_provider_id"] is None for leg in legs] == [False, True]
    assert legs[-1]["acceptance_letters"]
    shown = json.loads(run("--book", root, "case", "show", case["number"], "--json").stdout)
    assert shown["events"]["returned_on"] and shown["events"]["simfoni_entered_on"]
    assert shown["police_letters"] and shown["events"]["bap_companion"]
    referrals = json.loads(run("--book", root, "referral", "list", "--json").stdout)
    health = next(r for r in referrals if r["case_id"] == case["id"] and r["service"] == "health")
    assert health["status"] == "completed" and health["replies"][0]["officer_name"]
