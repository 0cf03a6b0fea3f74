"""Letters and consent: full identity only with consent or a logged override; no readable
letters inside an encrypted book."""

from __future__ import annotations

import json
from pathlib import Path

from tipref.documents.render import docx_text


def history(book: Path) -> list[dict]:
    return [
        json.loads(line)
        for p in (book / "history").glob("*.jsonl")
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def referral_for(tipref, case):
    return tipref.json(
        "referral", "new", "--case", case["number"], "--service", "health", "--to", "rsud"
    )


def test_a_letter_asked_to_share_identity_without_consent_is_refused(tipref, victim_case, tmp_path):
    ref = referral_for(tipref, victim_case)
    result = tipref("letter", ref["number"], "--out", tmp_path, "--share-identity", ok=False)
    assert result.exit_code == 1 and "consent add" in result.stderr
    assert not list(tmp_path.glob("*.docx"))
    assert any(e["action"] == "consent-refused" for e in history(tipref.book))
    assert tipref.json("referral", "show", ref["number"])["letters"] == []


def test_override_puts_identity_in_the_letter_and_is_logged(tipref, victim_case, tmp_path):
    ref = referral_for(tipref, victim_case)
    made = tipref.json(
        "letter", ref["number"], "--out", tmp_path, "--override-consent", "Court order 12/2026"
    )
    text = docx_text(Path(made["path"]))
    assert "Maria Ulu" in text and "5303025403100001" in text
    shown = tipref.json("referral", "show", ref["number"])
    assert shown["share_identity"] is True and shown["consent_override"] == "Court order 12/2026"
    overrides = [e for e in history(tipref.book) if e["action"] == "consent-override"]
    assert overrides and "Court order 12/2026" in overrides[-1]["note"]


def test_without_consent_a_letter_shows_initials_only(tipref, victim_case, tmp_path):
    ref = referral_for(tipref, victim_case)
    made = tipref.json("letter", ref["number"], "--out", tmp_path)
    text = docx_text(Path(made["path"]))
    assert "M.U." in text and "Maria Ulu" not in text and "5303025403100001" not in text


def test_an_encrypted_book_refuses_letters_inside_its_folder(
    tipref, victim_case, monkeypatch, tmp_path
):
    monkeypatch.setenv("TIPREF_PASSPHRASE", "kefamenanu-staff-A")
    ref = referral_for(tipref, victim_case)
    tipref("vault", "init")
    inside = tipref("letter", ref["number"], "--out", tipref.book / "letters", ok=False)
    assert inside.exit_code == 1
    assert not list(tipref.book.rglob("*.docx"))
    outside = tipref.json("letter", ref["number"], "--out", tmp_path / "out")
    assert Path(outside["path"]).is_file()


def test_override_with_the_flag_and_override_reason(tipref, victim_case, tmp_path):
    """`--override-consent --override-reason "..."`, for referrals and for letters."""
    made = tipref.json(
        "referral",
        "new",
        "--case",
        victim_case["number"],
        "--service",
        "legal",
        "--to",
        "polres",
        "--override-consent",
        "--override-reason",
        "Police protection needed today",
    )
    assert (
        made["share_identity"] is True
        and made["consent_override"] == "Police protection needed today"
    )
    plain = referral_for(tipref, victim_case)
    letter = tipref.json(
        "letter",
        plain["number"],
        "--out",
        tmp_path,
        "--override-consent",
        "--override-reason",
        "Court order",
    )
    assert "Maria Ulu" in docx_text(Path(letter["path"]))
    assert tipref.json("referral", "show", plain["number"])["consent_override"] == "Court order"
    missing = tipref("letter", plain["number"], "--out", tmp_path, "--override-consent", ok=False)
    assert missing.exit_code == 2 and "--override-reason" in missing.stderr
    actions = [e for e in history(tipref.book) if e["action"] == "consent-override"]
    assert {e["record_id"] for e in actions} == {made["id"], plain["id"]}


def test_an_encrypted_book_refuses_exports_inside_its_folder(
    tipref, victim_case, monkeypatch, tmp_path
):
    monkeypatch.setenv("TIPREF_PASSPHRASE", "kefamenanu-staff-A")
    tipref("vault", "init")
    inside = tipref("export", "--format", "csv", "--out", tipref.book / "export", ok=False)
    assert inside.exit_code == 1 and not (tipref.book / "export").exists()
    tipref("export", "--format", "csv", "--out", tmp_path / "export")
    assert "Maria Ulu" in (tmp_path / "export" / "persons.csv").read_text(encoding="utf-8-sig")
