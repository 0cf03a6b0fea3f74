"""Exporting the book's cases, persons and referrals: CSV, Excel, JSON and HTCDS.

- ``csv``: three files (cases.csv, persons.csv, referrals.csv), UTF-8 with a BOM so
  Excel shows Indonesian names right; into a folder, or a zip when the path ends in .zip.
- ``xlsx``: one workbook, one sheet per table.
- ``json``: one file, {"cases": [...], "referrals": [...], "providers": [...]} as stored.
- ``htcds``: an Excel workbook in the IOM HTCDS toolkit's layout: machine field names in a
  hidden first row, labels in the second, data from the third; sheet "Persons" (prs_,
  vic_, cas_ fields, one row per person of a case) and sheet "Referrals".
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.book.reading import gc_paused
from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.reporting import htcds
from tipref.schemas import Provider
from tipref.schemas.case import Case
from tipref.schemas.referral import Referral
from tipref.schemas.text import for_xml
from tipref.storage.atomic import atomic_write_bytes

if TYPE_CHECKING:
    from tipref.book.casebook import Book

FORMATS = ("csv", "xlsx", "json", "htcds")


CASE_COLUMNS = [
    "id",
    "number",
    "status",
    "opened_on",
    "closed_on",
    "closed_reason",
    "risk",
    "trafficking_status",
    "exploitation",
    "means_of_control",
    "recruitment",
    "relationship",
    "recruitment_place",
    "recruitment_country",
    "exploitation_place",
    "exploitation_country",
    "persons",
]
PERSON_COLUMNS = [
    "case_id",
    "case_number",
    "position",
    "id",
    "role",
    "name",
    "sex",
    "birth_date",
    "estimated_age",
    "age",
    "nik",
    "phone",
    "street",
    "village",
    "subdistrict",
    "district",
    "province",
    "region_code",
    "country",
    "nationality",
]
REFERRAL_COLUMNS = [
    "id",
    "number",
    "case_id",
    "case_number",
    "person_id",
    "service",
    "direction",
    "provider_id",
    "provider_code",
    "provider_name",
    "referred_on",
    "status",
    "accepted_on",
    "completed_on",
    "declined_on",
    "reason",
]


def load(book: Book) -> tuple[list[Case], list[Referral], dict[str, Any]]:
    cases = sorted((c for c in book.all(Case)), key=lambda c: (c.opened_on, c.number))
    referrals = sorted(
        (r for r in book.all(Referral)),
        key=lambda r: (r.referred_on, r.number),
    )
    providers = {p.id: p for p in book.all(Provider)}
    return cases, referrals, providers


def _v(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(getattr(v, "value", v)) for v in value)
    return getattr(value, "value", value)


def _step(referral: Referral, status: str) -> str:
    return next(
        (s.at.date().isoformat() for s in referral.transitions if s.status.value == status), ""
    )


def tables(
    cases: list[Case], referrals: list[Referral], providers: dict[str, Any]
) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The three flat tables: name -> (columns, rows)."""
    on = clock.today()
    case_rows, person_rows, referral_rows = [], [], []
    numbers = {c.id: c.number for c in cases}
    for case in cases:
        facts = case.trafficking
        case_rows.append(
            [
                case.id,
                case.number,
                _v(case.status),
                _v(case.opened_on.isoformat()),
                case.closed_on.isoformat() if case.closed_on else "",
                _v(case.closed_reason),
                _v(case.risk),
                _v(facts.status),
                _v(facts.exploitation),
                _v(facts.means_of_control),
                _v(facts.recruitment),
                _v(facts.relationship),
                facts.recruitment_place.place,
                _v(facts.recruitment_place.country),
                facts.exploitation_place.place,
                _v(facts.exploitation_place.country),
                len(case.persons),
            ]
        )
        for position, person in enumerate(case.persons, 1):
            address = person.address
            person_rows.append(
                [
                    case.id,
                    case.number,
                    position,
                    person.id,
                    _v(person.role),
                    person.name,
                    _v(person.sex),
                    person.birth_date.isoformat() if person.birth_date else "",
                    _v(person.estimated_age),
                    _v(person.age(on)),
                    _v(person.nik),
                    _v(person.phone),
                    address.street,
                    address.village,
                    address.subdistrict,
                    address.district,
                    address.province,
                    _v(address.region_code),
                    address.country,
                    person.nationality,
                ]
            )
    for referral in referrals:
        provider = providers.get(referral.provider_id)
        referral_rows.append(
            [
                referral.id,
                referral.number,
                referral.case_id,
                numbers.get(referral.case_id, ""),
                referral.person_id,
                _v(referral.service),
                _v(referral.direction),
                referral.provider_id,
                getattr(provider, "code", "") or "",
                getattr(provider, "name", "") or "",
                referral.referred_on.isoformat(),
                _v(referral.status),
                _step(referral, "accepted"),
                _step(referral, "completed"),
                _step(referral, "declined"),
                referral.reason,
            ]
        )
    return {
        "cases": (CASE_COLUMNS, case_rows),
        "persons": (PERSON_COLUMNS, person_rows),
        "referrals": (REFERRAL_COLUMNS, referral_rows),
    }


def csv_bytes(columns: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_csv(named: dict[str, tuple[list[str], list[list[Any]]]], out: Path) -> Path:
    if out.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, (columns, rows) in named.items():
                archive.writestr(f"{name}.csv", csv_bytes(columns, rows))
        atomic_write_bytes(out, buffer.getvalue())
        return out
    out.mkdir(parents=True, exist_ok=True)
    for name, (columns, rows) in named.items():
        atomic_write_bytes(out / f"{name}.csv", csv_bytes(columns, rows))
    return out


def _text_cell(sheet: Any, row: int, column: int, value: Any) -> None:
    value = for_xml(value)  # a control character stored in a record never blocks the export
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # data, never a formula


def write_xlsx(named: dict[str, tuple[list[str], list[list[Any]]]], out: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (columns, rows) in named.items():
        sheet = workbook.create_sheet(name[:31])
        for col, heading in enumerate(columns, 1):
            sheet.cell(row=1, column=col, value=heading).font = Font(bold=True)
        for r, row in enumerate(rows, 2):
            for col, value in enumerate(row, 1):
                _text_cell(sheet, r, col, value)
        sheet.freeze_panes = "A2"
    return _save(workbook, out)


def _save(workbook: Any, out: Path) -> Path:
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write_bytes(out, buffer.getvalue())
    return out


def write_toolkit(
    sheets: dict[str, tuple[list[tuple[str, str]], list[dict[str, Any]]]], out: Path
) -> Path:
    """HTCDS toolkit layout: names in a hidden row 1, labels in row 2, data from row 3.

    Written with XlsxWriter, in memory: 1.7 s at 10,000 cases against openpyxl's
    write-only mode's 3.1 s (benchmarks/import_export.py), and no temporary file holds a
    person's data, not even for a moment (both libraries' streaming modes write their
    sheets to the system's temp folder; in memory costs 11 MiB more at 10,000 cases, next
    to the 340 MiB of the loaded records). Text is written as text: a value starting with
    '=' is never a formula, a number in a text field stays text.
    """
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    # hundreds of thousands of acyclic cells held at once: no collector pass walks them
    # (and every loaded record with them: 3.5 s instead of 2.3 s in one run)
    with gc_paused():
        for name, (columns, rows) in sheets.items():
            sheet = workbook.add_worksheet(name)
            sheet.set_row(0, None, None, {"hidden": True})
            sheet.freeze_panes(2, 0)
            fields = [field for field, _ in columns]
            sheet.write_row(0, 0, fields)
            sheet.write_row(1, 0, [label for _, label in columns], bold)
            for number, row in enumerate(rows, 2):
                _toolkit_row(sheet, number, fields, row)
        workbook.close()
    atomic_write_bytes(out, buffer.getvalue())
    return out


def _toolkit_row(sheet: Any, number: int, fields: list[str], row: dict[str, Any]) -> None:
    """One data row; an empty value leaves its cell empty."""
    text, other = sheet.write_string, sheet.write
    for column, field in enumerate(fields):
        value = row.get(field)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            # isprintable() first: a clean value (nearly all) skips the regex
            text(number, column, value if value.isprintable() else for_xml(value))
        else:
            other(number, column, value)


def toolkit_csv_tables(
    sheets: dict[str, tuple[list[tuple[str, str]], list[dict[str, Any]]]],
) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The toolkit layout as CSV tables: field names as the header, labels as the first row."""
    named = {}
    for name, (columns, rows) in sheets.items():
        fields = [field for field, _ in columns]
        body = [[label for _, label in columns]] + [
            [row.get(field, "") for field in fields] for row in rows
        ]
        named[name.lower()] = (fields, body)
    return named


def htcds_sheets(
    cases: list[Case], referrals: list[Referral], providers: dict[str, Any]
) -> dict[str, Any]:
    by_id = {c.id: c for c in cases}
    with gc_paused():  # a row per person and per referral, all kept: nothing for it to free
        person_rows = [
            htcds.person_row(case, person, position)
            for case in cases
            for position, person in enumerate(case.persons, 1)
        ]
        referral_rows = [
            htcds.referral_row(r, by_id.get(r.case_id), providers.get(r.provider_id))
            for r in referrals
        ]
    return {
        "Persons": (htcds.person_columns(), person_rows),
        "Referrals": (htcds.referral_columns(), referral_rows),
    }


def default_out(fmt: str, anonymised: bool = False) -> Path:
    stamp = clock.today().strftime("%Y%m%d")
    base = f"tipref-{'anon-' if anonymised else ''}{fmt}-{stamp}"
    suffix = {
        "csv": "" if not anonymised else ".csv",
        "xlsx": ".xlsx",
        "json": ".json",
        "htcds": ".xlsx",
    }[fmt]
    return Path(base + suffix)


def export_book(book: Book, fmt: str, out: Path | None = None) -> dict[str, Any]:
    if fmt not in FORMATS:
        raise InvalidInput(
            field="format",
            problem=Msg("unknown format; choose from: {choices}", choices=", ".join(FORMATS)),
        )
    out = Path(out) if out else default_out(fmt)
    from tipref.privacy.vault import check_output_path

    check_output_path(
        book, out
    )  # an encrypted book's data must not land readable in the shared folder
    cases, referrals, providers = load(book)
    if fmt == "json":
        data = {
            "exported_at": clock.stamp(),
            "organisation": book.settings.organisation.name,
            "cases": [c.model_dump(mode="json") for c in cases],
            "referrals": [r.model_dump(mode="json") for r in referrals],
            "providers": [p.model_dump(mode="json") for p in providers.values()],
        }
        atomic_write_bytes(
            out, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        )
    elif fmt == "htcds" and out.suffix.lower() == ".xlsx":
        write_toolkit(htcds_sheets(cases, referrals, providers), out)
    elif fmt == "htcds":  # a folder or a .zip: the same layout as CSV files, much faster to write
        write_csv(toolkit_csv_tables(htcds_sheets(cases, referrals, providers)), out)
    else:
        named = tables(cases, referrals, providers)
        (write_csv if fmt == "csv" else write_xlsx)(named, out)
    return {
        "format": fmt,
        "path": str(out),
        "cases": len(cases),
        "persons": sum(len(c.persons) for c in cases),
        "referrals": len(referrals),
    }
