"""The letter reporting a case to the police: number, addressee, record, police report time."""

from __future__ import annotations

import pytest

from tipref.documents.render import docx_text

NOW = "2026-11-28T09:00:00"


@pytest.fixture
def book(tipref, monkeypatch):
    monkeypatch.setenv("TIPREF_NOW", NOW)
    return tipref


def test_the_letter_goes_to_the_police_with_the_next_letter_number(book, victim_case, tmp_path):
    number = victim_case["number"]
    book("case", "event", number, "--intake", "2026-11-28 07:30")
    out = tmp_path / "lapor.docx"
    made = book.json("case", "police-report", number, "--out", str(out), "--lang", "id")
    assert made["letter"]["number"].startswith("001/") and made["reported_now"] is True
    text = docx_text(out)
    assert "Yth. Kepala Satuan Reserse Kriminal Polres Timor Tengah Utara" in text
    assert "Penyampaian laporan dugaan tindak pidana perdagangan orang" in text
    assert "28 November 2026, 07.30" in text and "PP 9/2008" in text
    assert "Maria Ulu" not in text and "M.U." in text  # no consent for the police: initials
    assert "Recruited by a neighbour in 2024." in text  # the chronology
    case = book.json("case", "show", number)
    assert case["police_letters"][0]["number"] == made["letter"]["number"]
    assert case["events"]["police_reported_at"] is not None
    # the 24-hour deadline is met
    plan = book.json("case", "plan", number)
    police = next(d for d in plan["deadlines"] if d["key"] == "police_report")
    assert police["state"] == "done"
    # a second letter takes the next number and keeps the recorded time
    again = book.json(
        "case", "police-report", number, "--out", str(tmp_path / "b.docx"), "--to", "polres"
    )
    assert again["letter"]["number"].startswith("002/") and again["reported_now"] is False
    assert (
        book.json("case", "show", number)["events"]["police_reported_at"]
        == (case["events"]["police_reported_at"])
    )


def test_a_referral_letter_and_the_police_letter_share_one_sequence(book, victim_case, tmp_path):
    number = victim_case["number"]
    book("case", "police-report", number, "--out", str(tmp_path / "a.docx"))
    referral = book.json(
        "referral", "new", "--case", number, "--service", "social", "--to", "dinsos"
    )
    made = book.json("letter", referral["number"], "--out", str(tmp_path / "b.docx"))
    assert made["number"].startswith("002/")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--to", "nowhere"], "nowhere"),
        (["--date", "today+2"], "--date"),
        (["--date", "2026-10-01"], "before the case was opened"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_written(book, victim_case, tmp_path, args, words):
    out = tmp_path / "x.docx"
    before = book.json("case", "show", victim_case["number"])
    result = book(
        "case", "police-report", victim_case["number"], "--out", str(out), *args, ok=False
    )
    assert result.exit_code in (1, 2) and words in result.stderr
    assert not out.exists()
    assert book.json("case", "show", victim_case["number"]) == before


def test_the_template_checks_and_the_book_can_override_it(book):
    result = book.json("template", "check", "police-report-en")
    assert result["ok"] and result["kind"] == "police-report"
