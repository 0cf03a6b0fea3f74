"""tipref letter list: the register of letters sent, filtered, as JSON and as xlsx."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tipref.book.casebook import load_settings, save_settings


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """Set before any record is made (the case's opening day must not be after 'today')."""
    monkeypatch.setenv("TIPREF_NOW", "2026-11-28T09:00:00")


@pytest.fixture
def sent(tipref, tmp_path):
    """Three letters: RSUD in September, Posbakum in November (made twice), RSUD in November."""
    settings = load_settings(tipref.book)
    settings.privacy.require_consent_for_referral = False
    save_settings(tipref.book, settings)
    case = tipref.json(
        "case",
        "new",
        "--name",
        "Rina Fiktif",
        "--sex",
        "female",
        "--age",
        "24",
        "--opened",
        "2026-09-01",
    )["number"]
    out = tmp_path / "letters"
    out.mkdir()
    plan = [("health", "rsud", "2026-09-15"), ("legal", "posbakum", None), ("health", "rsud", None)]
    made = []
    for service, to, day in plan:
        args = ["--date", day] if day else []
        r = tipref.json("referral", "new", "--case", case, "--service", service, "--to", to, *args)
        made.append(tipref.json("letter", r["number"], "--out", f"{out}/", *args))
    tipref("letter", made[1]["referral"], "--out", f"{out}/", "--lang", "id")  # made again
    return made


def test_register_lists_each_letter_once_oldest_first(tipref, sent):
    register = tipref.json("letter", "list")
    assert [e["number"] for e in register] == [
        "001/TTU/IX/2026",
        "002/TTU/XI/2026",
        "003/TTU/XI/2026",
    ]
    first = register[0]
    assert first["date"] == "2026-09-15" and first["provider_code"] == "rsud"
    assert first["referral"] == sent[0]["referral"] and first["made_by"] == "Tester"
    assert first["file_name"] == f"referral-letter-{sent[0]['referral']}.docx"  # book in English
    assert first["lang"] == "en" and first["identity_disclosed"] is False
    again = register[1]
    assert again["remade"] == 1 and again["file_name"].startswith("surat-rujukan-")


def test_register_filters(tipref, sent):
    numbers = lambda *args: [e["number"] for e in tipref.json("letter", "list", *args)]  # noqa: E731
    assert numbers("--since", "2026-10-01") == ["002/TTU/XI/2026", "003/TTU/XI/2026"]
    assert numbers("--until", "2026-09-30") == ["001/TTU/IX/2026"]
    assert numbers("--provider", "rsud") == ["001/TTU/IX/2026", "003/TTU/XI/2026"]
    assert numbers("--provider", "lpsk") == []
    missing = tipref("letter", "list", "--provider", "no-such", ok=False)
    assert (
        missing.exit_code == 1 and "no-such" in missing.stderr and "Traceback" not in missing.output
    )


def test_register_table_and_xlsx(tipref, sent, tmp_path):
    shown = tipref("letter", "list", "--lang", "en").stdout
    assert "001/TTU/IX/2026" in shown and "posbakum" in shown and "Tester" in shown
    out = tmp_path / "register"
    result = tipref("letter", "list", "--xlsx", str(out), "--lang", "id")
    assert "3" in result.stderr and "register.xlsx" in result.stderr
    sheet = load_workbook(tmp_path / "register.xlsx")["Surat keluar"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Nomor surat", "Tanggal", "Rujukan", "Lembaga tujuan"]
    assert [r[0] for r in rows[1:]] == ["001/TTU/IX/2026", "002/TTU/XI/2026", "003/TTU/XI/2026"]
    assert rows[1][3] == "RSUD Timor Tengah Utara"


def test_empty_register(tipref):
    assert tipref.json("letter", "list") == []
    assert (
        "No letter"
        in tipref("letter", "list", "--lang", "en").stdout
        + tipref("letter", "list", "--lang", "en").stderr
    )
