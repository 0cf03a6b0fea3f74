"""Text is data: printed as typed, checked by one policy, and safe in every file written."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tipref.errors import InvalidInput
from tipref.schemas.case import ChronologyEntry, Person
from tipref.schemas.provider import Provider
from tipref.schemas.text import STORED, check_single_line, for_xml
from tipref.terminal import for_terminal

# -- 1. markup off: user text printed as typed ---------------------------------------------


def test_provider_name_with_markup_brackets_lists_as_typed(tipref):
    tipref("provider", "add", "--name", "Yayasan [/b] Sejahtera", "--type", "ngo", "--code", "ys")
    result = tipref("provider", "list")
    assert "Yayasan [/b] Sejahtera" in result.stdout
    assert "Yayasan [/b] Sejahtera" in tipref("provider", "show", "ys").stdout


def test_close_reason_and_chronology_with_brackets_shown_whole(tipref, victim_case):
    number = victim_case["number"]
    tipref("case", "close", number, "--reason", "done [/x]")
    shown = tipref("case", "show", number).stdout
    assert "done [/x]" in shown

    created = tipref.json(
        "case", "new", "--name", "Ana", "--chronology", "Dijemput [red] di Atambua"
    )
    shown = tipref("case", "show", created["number"]).stdout
    assert "Dijemput [red] di Atambua" in shown


def test_names_with_tags_list_as_typed(tipref):
    tipref("case", "new", "--name", "Rina [bold]Tefa[/bold]")
    shown = tipref("case", "show", "TTU-2026-0001").stdout
    assert "Rina [bold]Tefa[/bold]" in shown


# -- 2. the text policy in the schemas -------------------------------------------------------


@pytest.mark.parametrize("name", ["   ", "", "Ana\x1bB", "Ana\x07", "Ana\nBeta", "x" * 201])
def test_single_line_refuses_blank_control_and_long(name):
    with pytest.raises(InvalidInput):
        Person(name=name)


def test_single_line_is_nfc_and_trimmed():
    person = Person(name="  Mari\u0301a  ")  # i + combining acute
    assert person.name == "Marí" + "a" and len(person.name) == 5


def test_free_text_keeps_newlines_and_tabs_drops_other_controls():
    entry = ChronologyEntry(text="Baris satu\r\nbaris\tdua\x1b[31m\x07")
    assert entry.text == "Baris satu\nbaris\tdua[31m"


def test_chronology_text_must_say_something():
    with pytest.raises(InvalidInput):
        ChronologyEntry(text="\x07\x08")


def test_stored_text_is_cleaned_not_refused():
    """A record written before the policy (or by another tool) still reads; never 'corrupt'."""
    person = Person.model_validate({"name": "Ana\x1bB"}, context=STORED)
    assert person.name == "Ana B"
    provider = Provider.model_validate(
        {"code": "old code", "name": "RSUD\x07", "type": "hospital"}, context=STORED
    )
    assert provider.name == "RSUD"


def test_case_new_refuses_control_characters_naming_the_option(tipref, book_path):
    before = sorted((book_path / "cases").glob("*.json"))
    result = tipref("case", "new", "--name", "Ana\x1b[2J", ok=False)
    assert result.exit_code == 1
    assert "--name" in result.stderr and "U+001B" in result.stderr
    assert "Traceback" not in result.output
    assert sorted((book_path / "cases").glob("*.json")) == before


def test_blank_and_huge_names_refused(tipref):
    for name in ("", "   "):
        blank = tipref("case", "new", "--name", name, ok=False)
        assert blank.exit_code == 1 and "--name: must not be blank" in blank.stderr
    huge = tipref("case", "new", "--name", "A" * 100_000, ok=False)
    assert huge.exit_code == 1 and "200" in huge.stderr
    old = tipref("case", "new", "--name", "Ana", "--birth-date", "1800-01-01", ok=False)
    assert old.exit_code == 1 and "--birth-date" in old.stderr and "1900" in old.stderr


def test_helpers():
    assert for_terminal("a\x1b[31mb\x07\tc\n") == "a\\x1b[31mb\\x07\tc\n"
    assert for_xml("a\x00b\x0bc\ufffe\td") == "abc\td"
    assert check_single_line(" x ") == "x"


# -- 2. control characters already stored never reach a terminal, a .docx or an .xlsx -------


def _poison_stored_name(book_path: Path, number: str, name: str) -> None:
    for path in (book_path / "cases").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("number") == number:
            data["persons"][0]["name"] = name
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            return
    raise AssertionError(number)


def test_stored_escape_codes_never_reach_terminal_documents_or_spreadsheets(
    tipref, victim_case, book_path, tmp_path
):
    number = victim_case["number"]
    referral = tipref.json(
        "referral", "new", "--case", number, "--service", "health", "--to", "rsud"
    )
    _poison_stored_name(book_path, number, "Maria\x1b[2J\x07 Ulu")

    shown = tipref("case", "show", number)
    assert "\x1b" not in shown.output and "\x07" not in shown.output
    listed = tipref("case", "list")
    assert "\x1b" not in listed.output

    out = tmp_path / "letters"
    tipref("letter", referral["number"], "--out", f"{out}/")
    (letter,) = out.glob("*.docx")
    text = "\n".join(p.text for p in Document(str(letter)).paragraphs)
    assert "\x1b" not in text

    for fmt in ("xlsx", "htcds"):
        target = tmp_path / f"export-{fmt}.xlsx"
        tipref("export", "--format", fmt, "--out", str(target))
        workbook = load_workbook(io.BytesIO(target.read_bytes()))
        values = [c.value for ws in workbook for row in ws.iter_rows() for c in row]
        assert any(isinstance(v, str) and "Maria" in v for v in values)
        assert not any(isinstance(v, str) and "\x1b" in v for v in values)


# -- 6. the same person twice ------------------------------------------------------------------


def test_case_new_names_a_person_already_in_the_book(tipref, victim_case):
    again = tipref("case", "new", "--name", "Maria Ulu", "--birth-date", "2010-03-14")
    assert victim_case["number"] in again.stderr and "same name+birth_date" in again.stderr
    by_nik = tipref.json(
        "case", "new", "--name", "Maria U.", "--sex", "female", "--nik", "5303025403100001"
    )
    assert [m["by"] for m in by_nik["same_person"]] == ["nik"]
    assert by_nik["same_person"][0]["case"] == victim_case["number"]
    other = tipref.json("case", "new", "--name", "Someone Else")
    assert other["same_person"] == []
    added = tipref.json(
        "case", "add-person", other["number"], "--name", "maria ulu", "--birth-date", "2010-03-14"
    )
    assert added["same_person"][0]["case"] == victim_case["number"]


# -- 7. messages -------------------------------------------------------------------------------


def test_nothing_to_change_makes_no_revision(tipref, victim_case):
    referral = tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )
    result = tipref("referral", "update", referral["number"])
    assert "nothing to change" in result.stderr and "revision" not in result.stderr
    assert tipref.json("referral", "show", referral["number"])["revision"] == referral["revision"]
    case = tipref("case", "update", victim_case["number"])
    assert "nothing to change" in case.stderr


def test_case_show_on_a_corrupt_record_says_corrupt(tipref, victim_case, book_path):
    (path,) = [
        p
        for p in (book_path / "cases").glob("*.json")
        if victim_case["number"] in p.read_text(encoding="utf-8")
    ]
    path.write_text('{"number": "' + victim_case["number"] + '", ', encoding="utf-8")
    result = tipref("case", "show", victim_case["number"], ok=False)
    assert result.exit_code == 1 and "Corrupt record file" in result.stderr
    assert path.name in result.stderr and "not found" not in result.stderr
    path.write_text("garbage", encoding="utf-8")
    unknown = tipref("case", "show", victim_case["number"], ok=False)
    assert "corrupt" in unknown.stderr and "tipref doctor" in unknown.stderr


def test_validator_wording_is_replaced_and_names_the_option(tipref):
    result = tipref(
        "case", "new", "--name", "Ana", "--age", "20", "--birth-date", "2000-01-01", ok=False
    )
    assert result.stderr.startswith("Error: --age: ")
    bad_date = tipref("case", "new", "--name", "Ana", "--opened", "2099-01-01", ok=False)
    assert "--opened" in bad_date.stderr and "opened_on" not in bad_date.stderr
    assert "Value error" not in bad_date.stderr and "Input should" not in bad_date.stderr


def test_override_reason_is_not_the_referral_reason(tipref, victim_case, book_path):
    args = ["referral", "new", "--case", victim_case["number"], "--service", "health"]
    args += ["--to", "rsud", "--share-identity"]
    before = sorted(p.name for p in (book_path / "referrals").glob("*.json"))
    wrong = tipref(
        *args, "--override-consent", "--reason", "Trafficker contacted the family", ok=False
    )
    assert wrong.exit_code == 2 and '--override-consent "REASON"' in wrong.stderr
    assert sorted(p.name for p in (book_path / "referrals").glob("*.json")) == before
    made = tipref.json(
        *args,
        "--reason",
        "Needs a medical check",
        "--override-consent",
        "--override-reason",
        "Trafficker contacted the family",
    )
    assert made["reason"] == "Needs a medical check"
    assert made["consent_override"] == "Trafficker contacted the family"
    short = tipref.json(*args, "--override-consent", "Life at risk")
    assert short["consent_override"] == "Life at risk" and short["reason"] == ""
