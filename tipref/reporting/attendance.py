"""Reading an attendance list (CSV or XLSX) into signatories, with every bad row reported.

Columns are found by their header, case-insensitively, in Indonesian or English
(Nama/Name, Instansi/Institution, Jabatan/Position). A row with an empty name or
institution is reported by its row number as the user sees it in the spreadsheet
(the header is row 1 when it is the first line) and the column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from tipref.errors import TiprefError
from tipref.i18n import Msg, register_messages

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("nama", "name", "nama lengkap", "full name", "nama peserta", "participant"),
    "institution": (
        "instansi",
        "institution",
        "lembaga",
        "organisasi",
        "organisation",
        "organization",
        "asal instansi",
        "asal lembaga",
        "agency",
    ),
    "position": ("jabatan", "position", "title", "role", "job title"),
}
REQUIRED = ("name", "institution")
COLUMN_LABELS = {
    "name": "Nama/Name",
    "institution": "Instansi/Institution",
    "position": "Jabatan/Position",
}

register_messages(
    {
        "attendance.unreadable": {
            "id": "Daftar hadir {path} tidak bisa dibaca: {detail}",
            "en": "The attendance list {path} cannot be read: {detail}",
        },
        "attendance.format": {
            "id": "Daftar hadir harus berkas .csv atau .xlsx, bukan {suffix}",
            "en": "The attendance list must be a .csv or .xlsx file, not {suffix}",
        },
        "attendance.no_header": {
            "id": "Daftar hadir {path} kosong: tidak ada baris judul kolom.",
            "en": "The attendance list {path} is empty: no header row.",
        },
        "attendance.missing_columns": {
            "id": "Daftar hadir {path} tidak punya kolom {columns} (kolom yang ada: {found}).",
            "en": "The attendance list {path} has no column {columns} (columns found: {found}).",
        },
        "attendance.empty_cell": {
            "id": "baris {row}: kolom {column} kosong",
            "en": "row {row}: column {column} is empty",
        },
        "attendance.rejected": {
            "id": "{count} baris daftar hadir tidak bisa dibaca ({problems}); tidak ada yang ditambahkan. Perbaiki berkasnya, atau pakai --skip-invalid untuk menambahkan baris yang baik saja.",
            "en": "{count} rows of the attendance list could not be read ({problems}); nothing was added. Fix the file, or use --skip-invalid to add the good rows only.",
        },
    }
)


@dataclass
class RowProblem:
    row: int
    column: str

    def message(self) -> Msg:
        return Msg("attendance.empty_cell", row=self.row, column=self.column)


@dataclass
class Attendance:
    rows: list[dict[str, str]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def read_attendance(path: Path) -> Attendance:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path)
    else:
        raise TiprefError("attendance.format", suffix=suffix or path.name)
    return parse_table(table, str(path))


def parse_table(table: list[tuple[int, list[str]]], source: str) -> Attendance:
    """``table``: (row number, cells) pairs; the first non-empty row is the header."""
    body = [(number, cells) for number, cells in table if any(c.strip() for c in cells)]
    if not body:
        raise TiprefError("attendance.no_header", path=source)
    _, header = body[0]
    positions: dict[str, int] = {}
    folded = [_fold(cell) for cell in header]
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(folded):
            if name in aliases:
                positions[key] = index
                break
    missing = [COLUMN_LABELS[key] for key in REQUIRED if key not in positions]
    if missing:
        raise TiprefError(
            "attendance.missing_columns",
            path=source,
            columns=", ".join(missing),
            found=", ".join(cell.strip() for cell in header if cell.strip()) or "-",
        )
    result = Attendance()
    labels = {key: header[index].strip() for key, index in positions.items()}
    for number, cells in body[1:]:
        values = {
            key: (cells[index].strip() if index < len(cells) else "")
            for key, index in positions.items()
        }
        bad = [key for key in REQUIRED if not values.get(key)]
        if bad:
            result.problems += [RowProblem(number, labels[key]) for key in bad]
            continue
        result.rows.append(
            {
                "name": values["name"],
                "institution": values["institution"],
                "position": values.get("position", ""),
            }
        )
    return result


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def _read_csv(path: Path) -> list[tuple[int, list[str]]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TiprefError("attendance.unreadable", path=str(path), detail=str(error)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # Excel on Windows saves CSV in the ANSI code page
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise TiprefError("attendance.unreadable", path=str(path), detail=str(error)) from None


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a damaged or misnamed file
        raise TiprefError("attendance.unreadable", path=str(path), detail=str(error)) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, ["" if value is None else _cell_text(value) for value in row]))
        return rows
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
