"""The one spreadsheet reader, for ``import`` and for attendance lists (``commitment sign --from``).

Reads what Indonesian NGOs actually have (DESIGN.md §2):

- CSV in UTF-8 with or without a BOM, UTF-16 (with a BOM, as Excel's "Unicode text"
  saves it) and cp1252 (Excel on Windows, "CSV (Comma delimited)"); detected in that
  order, or forced with ``encoding``; the delimiter (``,`` ``;`` or tab) is sniffed;
- XLSX/XLSM: the sheet by name or number (default: ``Persons`` if there is one, else the
  first); merged cells are filled into every cell they cover, with one warning per
  column; dates stay dates; formulas are read by the value Excel saved with them, and a
  formula without one is an error naming its cell;
- anything else (a PDF renamed .xlsx, a Word file) is named as "not a spreadsheet".

The header row is the one given (``header_row``, counted as the spreadsheet shows rows),
else the first row a caller's ``is_header`` accepts among the first rows (title rows
above a table are common), else the first non-empty row.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import N_, Msg

HEADER_SEARCH_ROWS = 20
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")


# The first bytes of files people rename to .xlsx by mistake.
_SIGNATURES = (
    (b"%PDF", "PDF"),
    (b"\xd0\xcf\x11\xe0", "Excel 97-2003 (.xls) / Word 97-2003 (.doc)"),
    (b"{\\rtf", "RTF"),
    (b"<!DOCTYPE html", "HTML"),
    (b"<html", "HTML"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
)


@dataclass
class Sheet:
    """Rows as the spreadsheet shows them: (row number, cells), header first."""

    source: str
    header: list[str]
    header_number: int
    rows: list[tuple[int, list[Any]]]
    warnings: list[Msg] = field(default_factory=list)
    errors: list[tuple[int, int, Msg]] = field(default_factory=list)  # (row, column index, why)
    sheet_name: str | None = None

    def column_label(self, index: int) -> str:
        label = self.header[index] if index < len(self.header) else ""
        return label or _letter(index)


@dataclass
class _Raw:
    rows: list[tuple[int, list[Any]]]
    merged: dict[int, int] = field(default_factory=dict)  # column index -> cells filled
    formulas: list[tuple[int, int, str]] = field(default_factory=list)
    sheet_name: str | None = None


def read_sheet(
    path: Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    is_header: Callable[[list[str]], bool] | None = None,
) -> Sheet:
    """Read ``path`` (CSV or XLSX) into a header and data rows; see the module's docstring."""
    raw = _read_raw(Path(path), encoding, sheet)
    number = _header_number(raw.rows, header_row, is_header)
    by_number = dict(raw.rows)
    header = [_text(cell) for cell in by_number.get(number, [])]
    result = Sheet(
        source=str(path),
        header=header,
        header_number=number,
        rows=[(n, cells) for n, cells in raw.rows if n > number],
        sheet_name=raw.sheet_name,
    )
    for column, count in sorted(raw.merged.items()):
        result.warnings.append(
            Msg.plural(
                "Merged cells in column {column} were filled into every row they cover ({count} cell); check the result.",
                "Merged cells in column {column} were filled into every row they cover ({count} cells); check the result.",
                count,
                column=result.column_label(column),
                count=count,
            )
        )
    for row, column, formula in raw.formulas:
        if row > number:
            result.errors.append(
                (
                    row,
                    column,
                    Msg(
                        "the formula {formula} has no saved value; open and save the file in Excel or LibreOffice, or paste it as values",
                        formula=formula,
                    ),
                )
            )
    return result


def _read_raw(path: Path, encoding: str | None, sheet: str | None) -> _Raw:
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TiprefError(
            N_("cannot read {path}: {detail}"), path=str(path), detail=error.strerror or error
        ) from None
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, data, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return _Raw(_read_csv(path, data, encoding))
    raise InvalidInput(
        field="FILE",
        problem=Msg(
            "the file must be .csv, .xlsx or .xlsm, not {suffix}", suffix=suffix or path.name
        ),
    )


# -- CSV -------------------------------------------------------------------------------------


def decode(data: bytes, encoding: str | None = None, source: str = "") -> str:
    """Bytes of a CSV as text: the given encoding, else by BOM, else UTF-8, else cp1252."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InvalidInput(
                field="--encoding",
                problem=Msg(
                    "'{encoding}' is not a known encoding; e.g. utf-8, utf-16, cp1252",
                    encoding=encoding,
                ),
            ) from None
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            raise TiprefError(
                N_("{path} cannot be read as {encoding}: {detail}"),
                path=source,
                encoding=encoding,
                detail=str(error),
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel on Windows: the ANSI code page


def _read_csv(path: Path, data: bytes, encoding: str | None) -> list[tuple[int, list[Any]]]:
    text = decode(data, encoding, str(path))
    if "\x00" in text:
        raise TiprefError(
            N_("{path} is not a spreadsheet{kind}; save it as .xlsx or .csv"),
            path=str(path),
            kind=_looks_like(data),
        )  # a binary file named .csv
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = []
    try:
        start = 1
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise TiprefError(
            N_("cannot read {path}: {detail}"), path=str(path), detail=str(error)
        ) from None
    return rows


# -- XLSX ------------------------------------------------------------------------------------


def _looks_like(data: bytes) -> Msg | str:
    head = data[:64].lstrip()
    for signature, kind in _SIGNATURES:
        if head.startswith(signature) or head.lower().startswith(signature.lower()):
            return Msg(" (it holds {kind})", kind=kind)
    return ""


def _read_xlsx(path: Path, data: bytes, sheet: str | None) -> _Raw:
    if not data.startswith(b"PK\x03\x04"):
        raise TiprefError(
            N_("{path} is not a spreadsheet{kind}; save it as .xlsx or .csv"),
            path=str(path),
            kind=_looks_like(data),
        )
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(io.BytesIO(data), data_only=False)
        values = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # a zip that is not a workbook (a .docx renamed), a damaged one
        raise TiprefError(
            N_("{path} is not a spreadsheet{kind}; save it as .xlsx or .csv"),
            path=str(path),
            kind=f" ({type(error).__name__}: {error})",
        ) from None
    name = _pick_sheet(values.sheetnames, sheet)
    raw = _Raw(rows=[], sheet_name=name)
    worksheet = values[name]
    grid = [list(row) for row in worksheet.iter_rows(values_only=True)]
    _fill_merged(worksheet, grid, raw)
    _find_formulas(formulas[name], grid, raw)
    raw.rows = [(n, cells) for n, cells in enumerate(grid, start=1)]
    return raw


def _pick_sheet(names: list[str], wanted: str | None) -> str:
    if wanted is None:
        return "Persons" if "Persons" in names else names[0]
    for candidate in names:
        if candidate.casefold() == wanted.strip().casefold():
            return candidate
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    raise InvalidInput(
        field="--sheet",
        problem=Msg(
            "there is no sheet '{sheet}'; the workbook has: {sheets}",
            sheet=wanted,
            sheets=", ".join(names),
        ),
    )


def _fill_merged(worksheet: Any, grid: list[list[Any]], raw: _Raw) -> None:
    """A merged range's value (held by its top-left cell) into every cell it covers."""
    for merged in list(worksheet.merged_cells.ranges):
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(grid):
            continue
        value = grid[top][left] if left < len(grid[top]) else None
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            row = grid[r]
            row.extend([None] * (merged.max_col - len(row)))
            for c in range(merged.min_col - 1, merged.max_col):
                if (r, c) != (top, left):
                    row[c] = value
                    raw.merged[c] = raw.merged.get(c, 0) + 1


def _find_formulas(worksheet: Any, grid: list[list[Any]], raw: _Raw) -> None:
    for row in worksheet.iter_rows():
        for cell in row:
            if cell.data_type != "f":
                continue
            r, c = cell.row - 1, cell.column - 1
            cached = grid[r][c] if r < len(grid) and c < len(grid[r]) else None
            if cached is None:
                raw.formulas.append((cell.row, c, f"{cell.coordinate} {cell.value}"))


# -- the header ------------------------------------------------------------------------------


def _header_number(
    rows: list[tuple[int, list[Any]]],
    header_row: int | None,
    is_header: Callable[[list[str]], bool] | None,
) -> int:
    filled = [(n, cells) for n, cells in rows if any(_text(c) for c in cells)]
    if header_row is not None:
        if not any(n == header_row for n, _ in filled):
            raise InvalidInput(
                field="--header-row",
                problem=Msg.plural(
                    "row {row} is empty or outside the file (it has {rows} row)",
                    "row {row} is empty or outside the file (it has {rows} rows)",
                    rows[-1][0] if rows else 0,
                    row=header_row,
                    rows=rows[-1][0] if rows else 0,
                ),
            )
        return header_row
    if not filled:
        return 0
    if is_header is not None:
        for number, cells in filled[:HEADER_SEARCH_ROWS]:
            if is_header([_text(c) for c in cells]):
                return number
    return filled[0][0]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_text(value: Any) -> str:
    """A cell as text: None is "", 12.0 is "12", a date is YYYY-MM-DD."""
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") or len(text) == 10 else text
    return _text(value)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
