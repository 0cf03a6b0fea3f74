"""No silent partial result: a bulk read that cannot read a record says so and exits 1,
unless --allow-partial (then it says how many it left out)."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def broken_book(tipref, book_path, victim_case):
    """Two cases, each with a referral; the first case's file and its referral's are damaged."""
    other = tipref.json("case", "new", "--name", "Second Person", "--sex", "male")
    for number in (victim_case["number"], other["number"]):
        tipref("referral", "new", "--case", number, "--service", "health", "--to", "rsud")
    (book_path / "cases" / f"{victim_case['id']}.json").write_text('{"id": ', encoding="utf-8")
    referral = next(
        path
        for path in (book_path / "referrals").glob("*.json")
        if victim_case["id"] in path.read_text(encoding="utf-8")
    )
    referral.write_text("{", encoding="utf-8")
    return other


def refused(result) -> None:
    assert result.exit_code == 1, result.output
    assert "could not be read" in result.stderr and "--allow-partial" in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_case_list_refuses_a_partial_list(tipref, broken_book):
    refused(tipref("case", "list", ok=False))
    refused(tipref("case", "list", "--json", ok=False))
    allowed = tipref("case", "list", "--json", "--allow-partial")
    assert [c["number"] for c in json.loads(allowed.stdout)] == [broken_book["number"]]
    assert "1 record file could not be read" in allowed.stderr


def test_referral_list_refuses_a_partial_list(tipref, broken_book):
    refused(tipref("referral", "list", ok=False))
    allowed = tipref("referral", "list", "--json", "--allow-partial")
    assert len(json.loads(allowed.stdout)) == 1 and "could not be read" in allowed.stderr


def test_export_writes_nothing_when_records_cannot_be_read(tipref, broken_book, tmp_path):
    out = tmp_path / "cases.zip"
    refused(tipref("export", "--format", "csv", "--out", str(out), ok=False))
    assert not out.exists()
    result = tipref.json("export", "--format", "csv", "--out", str(out), "--allow-partial")
    assert out.exists() and result["cases"] == 1 and result["unreadable"] == 2


def test_report_does_not_count_fewer_cases_silently(tipref, broken_book):
    refused(tipref("report", "--json", ok=False))
    report = tipref.json("report", "--allow-partial")
    assert report["unreadable"] == 2


def test_due_fails_unless_allowed_and_keeps_its_exit_3(tipref, broken_book):
    refused(tipref("due", ok=False))
    allowed = tipref("due", "--within", "3650", "--allow-partial", ok=False)
    assert allowed.exit_code in (0, 3) and "could not be read" in allowed.stderr


def test_letter_batch_refuses_without_allow_partial(tipref, broken_book, tmp_path):
    out = tmp_path / "letters"
    refused(tipref("letter", "--status", "pending", "--out-dir", str(out), ok=False))
    assert not out.exists() or not any(out.iterdir())


def test_single_record_commands_still_work(tipref, broken_book):
    assert tipref.json("case", "show", broken_book["number"])["id"] == broken_book["id"]
    tipref("case", "update", broken_book["number"], "--risk", "low")


def test_a_whole_book_needs_no_option(tipref, victim_case):
    result = tipref("case", "list", "--json")
    assert result.exit_code == 0 and "could not be read" not in result.stderr
    assert "unreadable" not in tipref.json("report")
