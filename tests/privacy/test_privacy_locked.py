"""A locked book reads what is not secret and says so for the rest; a member file that
arrives after the records were sealed under a new key is named, never "Nothing found."."""

from __future__ import annotations

import json

import pytest

from tests.privacy.test_privacy_vault import PASS_A, snapshot


@pytest.fixture
def locked(tipref, victim_case, monkeypatch):
    """An encrypted book with a referral and a health need, then opened without a passphrase."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    case = victim_case["number"]
    tipref("referral", "new", "--case", case, "--service", "health", "--to", "rsud")
    tipref("vault", "init")
    tipref("case", "need", case, "health", "--needed")
    unlocked = {
        "report": tipref.json("report"),
        "cases": tipref.json("case", "list"),
        "referrals": tipref.json("referral", "list"),
    }
    monkeypatch.delenv("TIPREF_PASSPHRASE")
    return case, unlocked


def test_a_locked_book_lists_and_counts_every_case(tipref, locked):
    """Before: the sealed value of a person's 'needs' made the case 'corrupt' when locked,
    and the report counted one case fewer without a word."""
    case, unlocked = locked
    listed = tipref("case", "list", "--json")
    assert listed.exit_code == 0 and "could not be read" not in listed.stderr
    assert [c["number"] for c in json.loads(listed.stdout)] == [case]
    assert len(tipref.json("referral", "list")) == len(unlocked["referrals"])
    report = tipref.json("report")
    assert report["totals"] == unlocked["report"]["totals"]
    assert "unreadable" not in report


def test_a_locked_book_refuses_exports_and_documents_of_personal_data(tipref, locked, tmp_path):
    """Before: export exited 0 with '✓ cases exported' and [locked] where the names were."""
    before = snapshot(tipref.book)
    out = tmp_path / "cases.zip"
    result = tipref("export", "--format", "csv", "--out", str(out), ok=False)
    assert result.exit_code == 1 and "encrypted and locked" in result.stderr
    assert not out.exists()
    letters = tmp_path / "letters"
    batch = tipref("letter", "--status", "pending", "--out-dir", str(letters), ok=False)
    assert batch.exit_code == 1 and "encrypted and locked" in batch.stderr
    assert not letters.exists() or not any(letters.iterdir())
    anonymised = tmp_path / "anon.csv"
    tipref("export", "--anonymize", "--k", "2", "--format", "csv", "--out", str(anonymised))
    assert anonymised.exists()  # no personal field: works locked
    assert snapshot(tipref.book) == before


def test_a_member_file_that_has_not_arrived_yet_is_named(tipref, victim_case, monkeypatch):
    """Before: 'case list' printed 'Nothing found.' with exit 0, 'case show' said not found
    and 'case new' failed with 'Unexpected error: KeyError'."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    case = victim_case["number"]
    tipref("vault", "init")
    old_key = tipref.json("vault", "status")["current_key"]
    new_key = tipref.json("vault", "rotate")["new_key"]
    (mine,) = (tipref.book / "vault" / "wrapped").iterdir()
    member = mine / f"{new_key}.json"
    new = member.read_bytes()
    member.unlink()  # the records synced, the new key's wrapped copy for me not yet
    assert (mine / f"{old_key}.json").exists()
    before = snapshot(tipref.book)

    listed = tipref("case", "list", ok=False)
    assert listed.exit_code == 1 and "Nothing found" not in listed.output
    assert "which you do not hold" in listed.stderr
    shown = tipref("case", "show", case, ok=False)
    assert shown.exit_code == 1 and "not found" not in shown.stderr
    assert (
        f"{mine.name}/{new_key}.json" in shown.stderr
        and "wait for the sync" in shown.stderr.lower()
    )
    created = tipref("case", "new", "--name", "Other Person", "--sex", "male", ok=False)
    assert created.exit_code == 1 and "KeyError" not in created.output
    assert "do not hold this book's current key" in created.stderr
    assert f"{mine.name}/{new_key}.json" in created.stderr
    assert snapshot(tipref.book) == before

    member.write_bytes(new)  # the sync brings it: everything reads again
    assert [c["number"] for c in tipref.json("case", "list")] == [case]
    assert tipref.json("case", "show", case)["persons"][0]["name"] == "Maria Ulu"


def test_report_counts_records_sealed_with_a_key_not_held_yet(tipref, locked, monkeypatch):
    """Before: with the book unlocked but the newest key's copy not synced yet, 'report'
    refused (records sealed under that key were unreadable); it needs no personal field."""
    case, unlocked = locked
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("case", "new", "--name", "Ina Bere", "--sex", "female", "--age", "17")
    full = tipref.json("report")
    new_key = tipref.json("vault", "rotate")["new_key"]
    (mine,) = (tipref.book / "vault" / "wrapped").iterdir()
    (mine / f"{new_key}.json").unlink()  # every record is sealed under a key I lack now
    assert tipref("case", "list", ok=False).exit_code == 1  # lists still say so

    result = tipref("report", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == full  # the same counts as with every key
    assert new_key in result.stderr and "counted all the same" in result.stderr
    assert full["totals"] != unlocked["report"]["totals"]  # the new case is counted
