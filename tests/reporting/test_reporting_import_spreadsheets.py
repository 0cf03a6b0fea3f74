"""Every spreadsheet an NGO has can be read, by one reader for import and attendance lists."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tipref.reporting.spreadsheet import read_sheet

HEADER = ["name", "sex", "birth_date", "village", "exploited_country"]
ROWS = [
    ["Maria Ulu", "P", "2010-03-14", "Maubesi", "Malaysia"],
    ["Fransiska Naï", "P", "2001-05-02", "Oelolok", "MY"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    text = "\r\n".join(delimiter.join(r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def names(tipref) -> list[str]:
    return sorted(p["name"] for c in tipref.json("case", "list") for p in c["persons"])


# -- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_csv_in_every_excel_encoding_imports(tipref, tmp_path, encoding):
    path = write_csv(tmp_path / "kasus.csv", [HEADER, *ROWS], encoding, ";")
    result = tipref.json("import", str(path))
    assert len(result["created"]) == 2
    assert names(tipref) == ["Fransiska Naï", "Maria Ulu"]  # ï survives every encoding


def test_encoding_can_be_forced_and_a_wrong_one_is_named(tipref, tmp_path):
    path = write_csv(tmp_path / "kasus.csv", [HEADER, *ROWS], "cp1252")
    wrong = tipref("import", str(path), "--encoding", "utf-8", ok=False)
    assert wrong.exit_code == 1 and "utf-8" in wrong.stderr and "Traceback" not in wrong.output
    unknown = tipref("import", str(path), "--encoding", "klingon", ok=False)
    assert unknown.exit_code == 1 and "--encoding" in unknown.stderr
    assert tipref.json("import", str(path), "--encoding", "cp1252")["created"]


def test_attendance_list_reads_the_same_encodings(tipref, tmp_path):
    commitment = tipref.json(
        "commitment", "new", "--title", "Komitmen", "--date", "2022-01-25", "--place", "Kefamenanu"
    )
    rows = [["Nama", "Instansi", "Jabatan"], ["Yohana Kefi", "UPTD PPA", "Kepala"]]
    path = write_csv(tmp_path / "hadir.csv", rows, "utf-16")
    signed = tipref.json("commitment", "sign", commitment["number"], "--from", str(path))
    assert signed["added"] == 1
    again = tipref.json("commitment", "sign", commitment["number"], "--from", str(path))
    assert again["added"] == 0 and len(again["signatories"]) == 1  # no one twice


# -- Excel -----------------------------------------------------------------------------------


def _workbook(tmp_path: Path, build) -> Path:
    workbook = Workbook()
    build(workbook)
    path = tmp_path / "kasus.xlsx"
    workbook.save(path)
    return path


def test_title_rows_second_sheet_and_header_row(tipref, tmp_path):
    def build(workbook):
        workbook.active.title = "Catatan"
        workbook.active.append(["bukan data"])
        sheet = workbook.create_sheet("Data 2025")
        sheet.append(["DATA KORBAN TPPO KABUPATEN TTU"])
        sheet.append(["Diperbarui: Januari"])
        sheet.append([])
        sheet.append(HEADER)
        for row in ROWS:
            sheet.append(row)

    path = _workbook(tmp_path, build)
    result = tipref.json("import", str(path), "--sheet", "data 2025", "--dry-run")
    assert [c["rows"] for c in result["created"]] == [[5], [6]]
    by_number = tipref.json("import", str(path), "--sheet", "2", "--header-row", "4")
    assert len(by_number["created"]) == 2
    missing = tipref("import", str(path), "--sheet", "Data 2024", ok=False)
    assert missing.exit_code == 1 and "--sheet" in missing.stderr and "Data 2025" in missing.stderr


def test_merged_village_cells_are_filled_with_a_warning(tipref, tmp_path):
    def build(workbook):
        sheet = workbook.active
        sheet.append(HEADER)
        sheet.append(["Maria Ulu", "P", "2010-03-14", "Maubesi", "MY"])
        sheet.append(["Ana Tefa", "P", "2011-04-15", None, "MY"])
        sheet.append(["Rina Bano", "P", "2012-05-16", None, "MY"])
        sheet.merge_cells("D2:D4")

    path = _workbook(tmp_path, build)
    result = tipref("import", str(path))
    assert "village" in result.stderr and "Merged" in result.stderr
    villages = {c["persons"][0]["address"]["village"] for c in tipref.json("case", "list")}
    assert villages == {"Maubesi"}


def test_dates_as_dates_and_formulas_by_cached_value_or_error(tipref, tmp_path):
    def build(workbook):
        sheet = workbook.active
        sheet.append([*HEADER, "age"])
        sheet.append(["Maria Ulu", "P", datetime(2010, 3, 14), "Maubesi", "MY", None])
        sheet.append(["Ana Tefa", "P", None, "Maubesi", "MY", "=10+5"])  # no cached value

    path = _workbook(tmp_path, build)
    result = tipref("import", str(path), "--json", ok=False)
    assert result.exit_code == 1
    errors = __import__("json").loads(result.stdout)["errors"]
    assert errors[0]["row"] == 3 and errors[0]["column"] == "age"
    assert "=10+5" in errors[0]["problem"] and "no saved value" in errors[0]["problem"]
    done = tipref.json("import", str(path), "--skip-invalid")
    assert len(done["created"]) == 1
    (case,) = tipref.json("case", "list")
    assert case["persons"][0]["birth_date"] == "2010-03-14"


def test_a_pdf_renamed_xlsx_is_named_not_a_spreadsheet(tipref, tmp_path):
    path = tmp_path / "kasus.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    result = tipref("import", str(path), ok=False)
    assert result.exit_code == 1
    assert "not a spreadsheet" in result.stderr and "PDF" in result.stderr
    assert "BadZipFile" not in result.output and "Unexpected" not in result.output


# -- values ----------------------------------------------------------------------------------


def test_country_names_in_either_language_are_the_same_case_on_reimport(tipref, tmp_path):
    first = write_csv(tmp_path / "a.csv", [HEADER, ROWS[0]], "utf-8")
    assert len(tipref.json("import", str(first))["created"]) == 1
    for spelt in ("MY", "malaysia", "Malaysia"):
        row = [*ROWS[0][:4], spelt]
        again = write_csv(tmp_path / f"b-{spelt}.csv", [HEADER, row], "utf-8")
        result = tipref.json("import", str(again))
        assert result["created"] == [] and result["duplicate_rows"] == [2]
    (case,) = tipref.json("case", "list")
    assert case["trafficking"]["exploitation_place"]["country"] == "MY"


def test_every_problem_of_every_row_is_reported(tipref, tmp_path):
    rows = [
        HEADER + ["age"],
        ["Ana", "X", "31/02/2010", "Maubesi", "Atlantis", "abc"],
        ["Bea", "P", "2010-01-01", "Maubesi", "MY", ""],
        ["", "Q", "kemarin", "", "MY", ""],
    ]
    path = write_csv(tmp_path / "bad.csv", rows, "utf-8")
    result = tipref("import", str(path), "--json", ok=False)
    errors = __import__("json").loads(result.stdout)["errors"]
    row2 = {e["column"] for e in errors if e["row"] == 2}
    assert row2 == {"sex", "birth_date", "exploited_country", "age"}
    row4 = {e["column"] for e in errors if e["row"] == 4}
    assert {"sex", "birth_date"} <= row4
    assert not tipref.json("case", "list")  # nothing imported


def test_all_htcds_prefixes_are_known(tipref, tmp_path):
    header = [
        "prs_FirstName",
        "prs_SecondName",
        "con_Consent",
        "spl_Type",
        "hte_Date",
        "prs_Birtdate",
    ]
    rows = [
        header,
        ["First", "Last", "Consent", "Type", "Date", "Birth"],
        ["Ana", "Tefa", "Yes", "", "", ""],
    ]
    path = write_csv(tmp_path / "htcds.csv", rows, "utf-8")
    result = tipref.json("import", str(path), "--dry-run")
    problems = {u["column"]: u["problem"] for u in result["unmapped"]}
    assert problems["con_Consent"] is None and problems["spl_Type"] is None
    assert problems["hte_Date"] is None
    assert "prs_Birthdate" in problems["prs_Birtdate"]  # a misspelt name still gets a guess


def test_reader_reports_rows_as_the_spreadsheet_numbers_them(tmp_path):
    text = 'Judul\n\nname,village\n"Ana\nTefa",Maubesi\nBea,Oelolok\n'
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    sheet = read_sheet(path, is_header=lambda cells: "name" in cells)
    assert sheet.header_number == 3
    assert [n for n, _ in sheet.rows] == [4, 6]  # a quoted newline spans two lines


# -- the same person twice -------------------------------------------------------------------


def test_import_holds_back_a_person_already_in_the_book(tipref, tmp_path, victim_case):
    rows = [
        ["name", "sex", "birth_date", "nik"],
        ["MARIA  ULU", "P", "2010-03-14", ""],  # same name and birth date as victim_case
        ["Ana Tefa", "P", "2011-01-01", ""],
    ]
    path = write_csv(tmp_path / "dup.csv", rows, "utf-8")
    held = tipref("import", str(path), ok=False)
    assert held.exit_code == 1
    assert victim_case["number"] in held.stderr and "--allow-duplicates" in held.stderr
    assert len(tipref.json("case", "list")) == 1
    skipped = tipref.json("import", str(path), "--skip-invalid")
    assert len(skipped["created"]) == 1 and skipped["same_person"][0]["rows"] == [2]
    assert skipped["same_person"][0]["matches"][0]["by"] == "name+birth_date"
    allowed = tipref.json("import", str(path), "--allow-duplicates")
    assert len(allowed["created"]) == 1  # row 3 was imported before: a duplicate row
    assert len(tipref.json("case", "list")) == 3
