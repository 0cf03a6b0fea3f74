"""Initials and name parts ignore bracketed notes and symbols: letters, lists, HTCDS export."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tipref.schemas.names import initials, name_parts


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Yosefina Bani (fiktif)", "Y.B."),
        ("Yohanes Sanam (fiktif) 🙏", "Y.S."),
        ("🌸 Maria [alias Mia] Ulu", "M.U."),
        ("maria ulu", "M.U."),
        ("Ana Kolo (ayah: Bapak Kolo", "A.K."),  # an unclosed note runs to the end
        ("Élise d'Almeida", "É.D."),
        ("Bani", "B."),
        ("🙏 (fiktif)", "-"),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


@pytest.mark.parametrize(
    "name, parts",
    [
        ("Yohanes Sanam (fiktif)", ("Yohanes", "", "Sanam")),
        ("Maria Goreti Ulu (fiktif) 🙏", ("Maria", "Goreti", "Ulu")),
        ("Bani", ("Bani", "", "")),
        ("(fiktif)", ("", "", "")),
    ],
)
def test_name_parts(name, parts):
    assert name_parts(name) == parts


def test_consent_list_and_htcds_export_use_clean_names(tipref, monkeypatch, tmp_path):
    monkeypatch.setenv("TIPREF_NOW", "2026-11-28T09:00:00")
    case = tipref.json(
        "case", "new", "--name", "Yohanes Sanam (fiktif) 🙏", "--sex", "male", "--age", "30"
    )["number"]
    tipref("consent", "add", case, "--scope", "services")
    listed = tipref("consent", "list", case)
    assert "Y.S." in listed.stdout and "(." not in listed.stdout
    out = tmp_path / "htcds.xlsx"
    tipref("export", "--format", "htcds", "--out", str(out))
    sheet = load_workbook(out)["Persons"]
    names = [c.value for c in sheet[1]]
    row = dict(zip(names, (c.value for c in sheet[3]), strict=True))
    assert (row["prs_FirstName"], row["prs_MiddleName"], row["prs_SecondName"]) == (
        "Yohanes",
        None,
        "Sanam",
    )
