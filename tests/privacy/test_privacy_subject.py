"""A person's rights: export everything held about them; erase them, history included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# The chronology is shared by the case's persons: with a witness left in the case it is
# scrubbed of the person's name, NIK and phone only (wholly erased when she is the only person).
IDENTIFYING = [
    "Maria Ulu",
    "5303025403100001",
    "6281234567890",
    "Maubesi",
    "Yosef Ulu",
    "Maria needs trauma care",
]


@pytest.fixture
def with_referral(tipref, victim_case):
    case = victim_case["number"]
    tipref(
        "consent",
        "add",
        case,
        "--scope",
        "share-identity",
        "--provider",
        "rsud",
        "--guardian",
        "Yosef Ulu",
    )
    tipref(
        "referral",
        "new",
        "--case",
        case,
        "--service",
        "health",
        "--to",
        "rsud",
        "--reason",
        "Maria needs trauma care",
    )
    tipref("case", "add-person", case, "--name", "Petrus Kefi", "--role", "witness", "--age", "40")
    return case


def test_export_subject_holds_everything_about_the_person_only(tipref, with_referral, tmp_path):
    out = tmp_path / "maria.json"
    summary = tipref.json("case", "export-subject", with_referral, "--out", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert summary["referrals"] == 1 and summary["consents"] == 1
    assert data["person"]["name"] == "Maria Ulu" and data["person"]["nik"] == "5303025403100001"
    assert data["consents"][0]["guardian"] == "Yosef Ulu"
    assert data["referrals"][0]["reason"] == "Maria needs trauma care"
    assert data["case"]["chronology"][0]["text"].startswith("Recruited")
    assert {"create", "consent-add"} <= {e["action"] for e in data["history"]}
    assert "Petrus Kefi" not in out.read_text(encoding="utf-8")  # another person of the case


def test_purge_erases_the_person_and_scrubs_history(tipref, with_referral):
    import os

    cache = Path(os.environ["TIPREF_CACHE_DIR"])
    assert tipref.json("case", "list", "--search", "maria ulu")  # the list row is kept
    assert any(b"Maria Ulu" in p.read_bytes() for p in cache.rglob("*") if p.is_file())
    refused = tipref("case", "purge", with_referral, "--request", "request of 2026-11-28", ok=False)
    assert refused.exit_code == 2  # no --yes: nothing done
    done = tipref.json(
        "case", "purge", with_referral, "--request", "request of 2026-11-28", "--yes"
    )
    assert done["referrals"] == 1 and done["history_entries_scrubbed"] > 0
    for path in [*tipref.book.rglob("*"), *cache.rglob("*")]:  # the index's copy too
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            assert not [s for s in IDENTIFYING if s in text], path
    case = tipref.json("case", "show", with_referral)
    maria, petrus = case["persons"]
    assert maria["name"] == "[purged]" and maria["nik"] is None and maria["phone"] is None
    assert (
        maria["sex"] == "female" and maria["estimated_age"] == 16
    )  # still counted, not identified
    assert petrus["name"] == "Petrus Kefi"  # the other person is untouched
    lines = [
        json.loads(x)
        for p in (tipref.book / "history").glob("*.jsonl")
        for x in p.read_text().splitlines()
    ]
    tombstone = [e for e in lines if e["action"] == "purge"]
    assert (
        len(tombstone) == 1
        and tombstone[0]["by"] == "Tester"
        and tombstone[0]["note"] == "request of 2026-11-28"
    )
    again = tipref("case", "purge", with_referral, "--request", "again", "--yes", ok=False)
    assert again.exit_code == 1 and "already purged" in again.stderr
    assert tipref.json("case", "purge", "--pending")["purges"] == 1


def test_purge_in_an_encrypted_book_and_export_outside_it(
    tipref, with_referral, monkeypatch, tmp_path
):
    monkeypatch.setenv("TIPREF_PASSPHRASE", "kefamenanu-staff-A")
    tipref("vault", "init")
    inside = tipref(
        "case", "export-subject", with_referral, "--out", tipref.book / "maria.json", ok=False
    )
    assert inside.exit_code == 1 and not (tipref.book / "maria.json").exists()
    tipref("case", "purge", with_referral, "--request", "request", "--yes")
    out = tmp_path / "after.json"
    tipref("case", "export-subject", with_referral, "--out", out)
    text = out.read_text(
        encoding="utf-8"
    )  # decrypted history: the erased values are gone from it too
    assert not [s for s in IDENTIFYING if s in text]


def test_purge_of_the_only_person_erases_the_chronology(tipref, victim_case):
    tipref("case", "purge", victim_case["number"], "--reason", "request", "--yes")
    case = tipref.json("case", "show", victim_case["number"])
    assert case["chronology"][0]["text"] == "[purged]"
    for path in (tipref.book / "history").glob("*.jsonl"):
        assert "Recruited by a neighbour" not in path.read_text(encoding="utf-8")


def test_export_subject_without_out_prints_the_json(tipref, victim_case):
    tipref(
        "case", "add-person", victim_case["number"], "--name", "Other Person", "--role", "witness"
    )
    data = json.loads(tipref("case", "export-subject", victim_case["number"]).stdout)
    assert data["person"]["name"] == "Maria Ulu" and data["case"]["number"] == victim_case["number"]
    assert "Other Person" not in json.dumps(data)
