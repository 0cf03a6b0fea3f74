"""Reading an attendance list (CSV or XLSX) into signatories, with every bad row reported.

The file is read by :mod:`tipref.reporting.spreadsheet`, the same reader as ``import``
(encodings, sheets, title rows above the header, merged cells). Columns are found by
their header, case-insensitively, in Indonesian or English (Nama/Name,
Instansi/Institution, Jabatan/Position); the header is the first row that has a name
and an institution column. A row with an empty name or institution is reported by its
row number as the user sees it in the spreadsheet, and the column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tipref.errors import TiprefError
from tipref.i18n import N_, Msg
from tipref.reporting.spreadsheet import Sheet, cell_text, read_sheet

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


@dataclass
class RowProblem:
    row: int
    column: str
    problem: Msg | None = None

    def message(self) -> Msg:
        if self.problem is not None:
            return Msg(
                "row {row}, column {column}: {problem}",
                row=self.row,
                column=self.column,
                problem=self.problem,
            )
        return Msg("row {row}: column {column} is empty", row=self.row, column=self.column)


@dataclass
class Attendance:
    rows: list[dict[str, str]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[Msg] = field(default_factory=list)


def read_attendance(
    path: Path,
    encoding: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
) -> Attendance:
    table = read_sheet(
        path, encoding=encoding, sheet=sheet, header_row=header_row, is_header=_is_header
    )
    return parse_sheet(table)


def _positions(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    folded = [_fold(cell) for cell in header]
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(folded):
            if name in aliases:
                positions[key] = index
                break
    return positions


def _is_header(cells: list[str]) -> bool:
    return all(key in _positions(cells) for key in REQUIRED)


def parse_sheet(table: Sheet) -> Attendance:
    """Signatories from a sheet read by :func:`tipref.reporting.spreadsheet.read_sheet`."""
    header = table.header
    if not any(header):
        raise TiprefError(
            N_("The attendance list {path} is empty: no header row."), path=table.source
        )
    positions = _positions(header)
    missing = [COLUMN_LABELS[key] for key in REQUIRED if key not in positions]
    if missing:
        raise TiprefError(
            N_("The attendance list {path} has no column {columns} (columns found: {found})."),
            path=table.source,
            columns=", ".join(missing),
            found=", ".join(cell for cell in header if cell) or "-",
        )
    result = Attendance(warnings=list(table.warnings))
    result.problems += [
        RowProblem(row, table.column_label(column), problem)
        for row, column, problem in table.errors
    ]
    labels = {key: header[index] for key, index in positions.items()}
    for number, cells in table.rows:
        _read_row(result, number, cells, positions, labels)
    return result


def _read_row(
    result: Attendance,
    number: int,
    cells: list,
    positions: dict[str, int],
    labels: dict[str, str],
) -> None:
    values = {
        key: (cell_text(cells[index]) if index < len(cells) else "")
        for key, index in positions.items()
    }
    if not any(values.values()):
        return  # an empty line in the list
    bad = [key for key in REQUIRED if not values.get(key)]
    if bad:
        result.problems += [RowProblem(number, labels[key]) for key in bad]
        return
    result.rows.append(
        {
            "name": values["name"],
            "institution": values["institution"],
            "position": values.get("position", ""),
        }
    )


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


class AttendanceRejected(TiprefError):
    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__()

    def message(self, lang: str | None = None) -> str:
        shown = "; ".join(p.message().render(lang) for p in self.problems[:5])
        if len(self.problems) > 5:
            shown += "; ..."
        return Msg.plural(
            "{n} row of the attendance list could not be read ({problems}); nothing was "
            "added. Fix the file, or use --skip-invalid to add the good rows only.",
            "{n} rows of the attendance list could not be read ({problems}); nothing was "
            "added. Fix the file, or use --skip-invalid to add the good rows only.",
            len({p.row for p in self.problems}),
            problems=shown,
        ).render(lang)
