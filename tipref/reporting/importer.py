"""Importing cases from a spreadsheet: CSV, Excel, or the IOM HTCDS toolkit workbook.

Columns are mapped to tipref's import fields (``FIELDS``): by ``--map "Nama=name"``, by a
mapping file, or by a column already named like a field. An HTCDS toolkit workbook is
recognised by machine names (prs_, vic_, cas_ ...) in its first (hidden) row; the labels
in the second row are ignored, because real copies have labels that do not line up with
the names; data starts on the third row. Names that do not map are reported, with a
guess for a misspelt one.

Every row goes through the same models and validators as ``tipref case new``; problems
are reported by row and column, and a file with problems imports nothing unless
``skip_invalid``. Each imported case keeps ``source = {file_sha, row_key}``; ``row_key``
is a hash of the row's converted values, so importing the same rows again (even from a
re-saved file, or with other spellings of the same values) never duplicates a case. Rows sharing a ``case_key`` become one case with
several persons.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tipref import clock
from tipref.book import entry
from tipref.book.casebook import validate_model, validation_problem
from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import Msg, register_messages
from tipref.reporting import htcds
from tipref.schemas.case import Case, ChronologyEntry, Person
from tipref.schemas.enums import (
    CaseStatus,
    Exploitation,
    MeansOfControl,
    RecruitmentMethod,
    Relationship,
    RiskLevel,
    Role,
    Sex,
    TraffickingStatus,
)

register_messages(
    {
        "import.unknown_field": {
            "id": "'{field}' bukan kolom impor; pilihan: {choices}",
            "en": "'{field}' is not an import field; choose from: {choices}",
        },
        "import.bad_map": {
            "id": "tulis pemetaan sebagai KOLOM=kolom_tipref, mis. Nama=name",
            "en": "write a mapping as COLUMN=field, e.g. Nama=name",
        },
        "import.unknown_column": {
            "id": "kolom '{column}' tidak ada di berkas; yang ada: {columns}",
            "en": "column '{column}' is not in the file; it has: {columns}",
        },
        "import.no_name": {
            "id": "tidak ada kolom nama (petakan satu ke name)",
            "en": "no name column (map one to name)",
        },
        "import.format": {
            "id": "berkas harus .csv, .xlsx atau .xlsm",
            "en": "the file must be .csv, .xlsx or .xlsm",
        },
        "import.unreadable": {
            "id": "berkas {path} tidak bisa dibaca: {detail}",
            "en": "cannot read {path}: {detail}",
        },
        "import.bad_date": {
            "id": "'{value}' bukan tanggal (tulis YYYY-MM-DD atau DD/MM/YYYY)",
            "en": "'{value}' is not a date (write YYYY-MM-DD or DD/MM/YYYY)",
        },
        "import.bad_number": {
            "id": "'{value}' bukan bilangan bulat",
            "en": "'{value}' is not a whole number",
        },
        "import.has_errors": {
            "id": "{count} masalah di {rows} baris; tidak ada yang diimpor. Perbaiki berkasnya, atau pakai --skip-invalid untuk mengimpor baris yang benar saja.",
            "en": "{count} problems in {rows} rows; nothing imported. Fix the file, or use --skip-invalid to import the good rows only.",
        },
        "import.row_error": {
            "id": "baris {row}, kolom {column}: {problem}",
            "en": "row {row}, column {column}: {problem}",
        },
        "import.unmapped": {
            "id": "Kolom tidak dipetakan (diabaikan): {columns}",
            "en": "Columns not mapped (ignored): {columns}",
        },
        "import.unknown_htcds": {
            "id": "'{name}' bukan nama kolom HTCDS{hint}",
            "en": "'{name}' is not an HTCDS field name{hint}",
        },
        "import.did_you_mean": {"id": "; maksudnya {name}?", "en": "; did you mean {name}?"},
        "import.done": {
            "id": "{created} kasus diimpor, {duplicates} sudah ada (dilewati), {invalid} baris salah dilewati.",
            "en": "{created} cases imported, {duplicates} already there (skipped), {invalid} invalid rows skipped.",
        },
        "import.dry_run": {
            "id": "Uji coba: {created} kasus akan diimpor, {duplicates} sudah ada, {invalid} baris salah. Tidak ada yang ditulis.",
            "en": "Dry run: {created} cases would be imported, {duplicates} already there, {invalid} invalid rows. Nothing written.",
        },
    }
)

# import field -> what it fills. Person fields go to the person, the rest to the case.
PERSON_FIELDS = (
    "name",
    "first_name",
    "middle_name",
    "last_name",
    "role",
    "sex",
    "birth_date",
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
)
CASE_FIELDS = (
    "case_key",
    "opened_on",
    "status",
    "risk",
    "trafficking_status",
    "exploitation",
    "control",
    "recruitment",
    "relationship",
    "recruited_at",
    "recruited_country",
    "exploited_at",
    "exploited_country",
    "chronology",
)
FIELDS = PERSON_FIELDS + CASE_FIELDS
ENUMS = {
    "role": Role,
    "sex": Sex,
    "status": CaseStatus,
    "risk": RiskLevel,
    "trafficking_status": TraffickingStatus,
    "relationship": Relationship,
}
MULTI_ENUMS = {
    "exploitation": Exploitation,
    "control": MeansOfControl,
    "recruitment": RecruitmentMethod,
}
DATES = ("birth_date", "opened_on")
# a model error's field path -> the import field that fed it
MODEL_FIELDS = {
    "estimated_age": "age",
    "birth_date": "birth_date",
    "address.country": "country",
    "trafficking.recruitment_place.country": "recruited_country",
    "trafficking.exploitation_place.country": "exploited_country",
    "means_of_control": "control",
    "trafficking.status": "trafficking_status",
    "address.region_code": "region_code",
}


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as the spreadsheet shows it, cells)
    htcds: bool = False


@dataclass
class ImportResult:
    rows: int = 0
    created: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    invalid_rows: list[int] = field(default_factory=list)
    unmapped: list[dict[str, Any]] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    htcds: bool = False
    dry_run: bool = False

    def as_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "rows": self.rows,
            "htcds": self.htcds,
            "dry_run": self.dry_run,
            "mapping": self.mapping,
            "created": self.created,
            "duplicate_rows": self.duplicates,
            "invalid_rows": self.invalid_rows,
            "errors": [{**e, "problem": _render(e["problem"], lang)} for e in self.errors],
            "unmapped": [{**u, "problem": _render(u.get("problem"), lang)} for u in self.unmapped],
        }


def _render(value: Any, lang: str) -> Any:
    return value.render(lang) if isinstance(value, Msg) else value


# -- reading ---------------------------------------------------------------------------
def read_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(path)
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
    except (OSError, ValueError, KeyError, csv.Error) as error:
        raise TiprefError("import.unreadable", path=str(path), detail=str(error)) from None
    raise InvalidInput(field="FILE", problem=Msg("import.format"))


def _read_csv(path: Path) -> Table:
    text = path.read_bytes().decode("utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines = list(csv.reader(io.StringIO(text), dialect))
    if not lines:
        return Table([], [])
    header = [h.strip() for h in lines[0]]
    if _is_htcds_row(header) and len(lines) > 1 and not _is_htcds_row(lines[1]):
        return Table(header, [(n, row) for n, row in enumerate(lines[2:], 3)], htcds=True)
    return Table(
        header, [(n, row) for n, row in enumerate(lines[1:], 2)], htcds=_is_htcds_row(header)
    )


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook["Persons"] if "Persons" in workbook.sheetnames else workbook.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    workbook.close()
    if not rows:
        return Table([], [])
    header = ["" if v is None else str(v).strip() for v in rows[0]]
    if _is_htcds_row(header):  # toolkit: names, then labels, then data
        return Table(header, [(n, row) for n, row in enumerate(rows[2:], 3)], htcds=True)
    return Table(header, [(n, row) for n, row in enumerate(rows[1:], 2)])


def _is_htcds_row(cells: list[Any]) -> bool:
    filled = [c for c in cells if c not in (None, "")]
    return bool(filled) and sum(htcds.looks_like_field_name(c) for c in filled) * 2 >= len(filled)


# -- mapping --------------------------------------------------------------------------
def parse_mapping(pairs: list[str], mapping_file: Path | None = None) -> dict[str, str]:
    """Column -> field from ``COLUMN=field`` pairs and an optional file (same lines, or JSON)."""
    lines = list(pairs)
    if mapping_file:
        text = Path(mapping_file).read_text(encoding="utf-8-sig")
        if text.lstrip().startswith("{"):
            lines += [f"{k}={v}" for k, v in json.loads(text).items()]
        else:
            lines += [
                line
                for line in text.splitlines()
                if line.strip() and not line.lstrip().startswith("#")
            ]
    mapping = {}
    for line in lines:
        if "=" not in line:
            raise InvalidInput(field="--map", problem=Msg("import.bad_map"))
        column, target = (part.strip() for part in line.rsplit("=", 1))
        if target not in FIELDS:
            raise InvalidInput(
                field="--map",
                problem=Msg("import.unknown_field", field=target, choices=", ".join(FIELDS)),
            )
        mapping[column] = target
    return mapping


def build_mapping(
    table: Table, given: dict[str, str]
) -> tuple[dict[int, str], list[dict[str, Any]]]:
    """Column index -> field, and the columns that do not map (with why)."""
    by_index: dict[int, str] = {}
    unmapped: list[dict[str, Any]] = []
    folded = {c.casefold(): i for i, c in enumerate(table.columns)}
    for column, target in given.items():
        if column.casefold() not in folded:
            raise InvalidInput(
                field="--map",
                problem=Msg(
                    "import.unknown_column",
                    column=column,
                    columns=", ".join(c for c in table.columns if c),
                ),
            )
        by_index[folded[column.casefold()]] = target
    name_parts = dict(
        zip(htcds.NAME_PARTS, ("first_name", "middle_name", "last_name"), strict=True)
    )
    for index, column in enumerate(table.columns):
        if index in by_index or not column:
            continue
        if table.htcds:
            target = htcds.IMPORT_MAP.get(column) or name_parts.get(column)
            if target:
                by_index[index] = target
            elif column in htcds.IGNORED_ON_IMPORT:
                continue
            elif column in htcds.STANDARD_NAMES:
                unmapped.append({"column": column, "problem": None})
            else:
                guess = htcds.suggest(column)
                hint = Msg("import.did_you_mean", name=guess) if guess else ""
                unmapped.append(
                    {
                        "column": column,
                        "problem": Msg("import.unknown_htcds", name=column, hint=hint),
                    }
                )
        elif column.casefold() in FIELDS:
            by_index[index] = column.casefold()
        else:
            unmapped.append({"column": column, "problem": None})
    return by_index, unmapped


# -- converting one row -------------------------------------------------------------------
class CellError(Exception):
    def __init__(self, target: str, problem: Any) -> None:
        super().__init__(str(problem))
        self.target = target
        self.problem = problem


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(target: str, value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        try:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            pass
    raise CellError(target, Msg("import.bad_date", value=text))


def convert(values: dict[str, Any]) -> dict[str, Any]:
    """Raw cells by import field -> typed values; a bad cell raises CellError naming its field."""
    out: dict[str, Any] = {}
    for target, raw in values.items():
        text = _text(raw)
        if text == "" and not isinstance(raw, (date, datetime)):
            continue
        try:
            if target in DATES:
                out[target] = _date(target, raw)
            elif target == "age":
                if not re.fullmatch(r"\d{1,3}", text):
                    raise CellError(target, Msg("import.bad_number", value=text))
                out[target] = int(text)
            elif target == "sex":
                out[target] = Sex.parse(text, target)  # L/P, Lk/Pr, HTCDS values: Sex.aliases
            elif target in ENUMS:
                out[target] = ENUMS[target].parse(text, target)
            elif target in MULTI_ENUMS:
                parts = [p for p in re.split(r"[;,|]", text) if p.strip()]
                out[target] = [MULTI_ENUMS[target].parse(p, target) for p in parts]
            elif target == "nik":
                out[target] = re.sub(r"[\s.'-]", "", text)
            else:
                out[target] = text
        except InvalidInput as error:
            raise CellError(target, error.params.get("problem", str(error))) from None
    return out


def person_data(values: dict[str, Any]) -> dict[str, Any]:
    name = values.get("name") or " ".join(
        values[k] for k in ("first_name", "middle_name", "last_name") if values.get(k)
    )
    data: dict[str, Any] = {"name": name}
    for key in ("role", "sex", "birth_date", "nik", "phone", "nationality"):
        if key in values:
            data[key] = values[key]
    if "age" in values:
        data["estimated_age"] = values["age"]
        data["age_recorded_on"] = values.get("opened_on") or clock.today()
    address = {
        k: values[k]
        for k in (
            "street",
            "village",
            "subdistrict",
            "district",
            "province",
            "region_code",
            "country",
        )
        if k in values
    }
    if address:
        data["address"] = address
    return data


def case_data(values: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {k: values[k] for k in ("opened_on", "status", "risk") if k in values}
    facts: dict[str, Any] = {}
    for key, target in (
        ("trafficking_status", "status"),
        ("exploitation", "exploitation"),
        ("control", "means_of_control"),
        ("recruitment", "recruitment"),
        ("relationship", "relationship"),
    ):
        if key in values:
            facts[target] = values[key]
    for side, place, country in (
        ("recruitment_place", "recruited_at", "recruited_country"),
        ("exploitation_place", "exploited_at", "exploited_country"),
    ):
        spot = {k: values[v] for k, v in (("place", place), ("country", country)) if v in values}
        if spot:
            facts[side] = spot
    if facts:
        data["trafficking"] = facts
    return data


def _model_target(field_path: str) -> str:
    if field_path in MODEL_FIELDS:
        return MODEL_FIELDS[field_path]
    last = field_path.split(".")[-1]
    for candidate in (field_path, last):
        if candidate in FIELDS:
            return candidate
    if last == "place":
        return "exploited_at" if "exploitation" in field_path else "recruited_at"
    return MODEL_FIELDS.get(last, last)


def _canonical(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(sorted(_canonical(v) for v in value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return _text(getattr(value, "value", value)).casefold()


def row_key(values: dict[str, Any]) -> str:
    """A hash of the row's converted values: the same person and facts give the same key,
    however the file spelt them (P or Perempuan, 14/03/2010 or 2010-03-14)."""
    canonical = json.dumps(
        {k: _canonical(v) for k, v in values.items() if _canonical(v)},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


# -- the import --------------------------------------------------------------------------
def import_file(
    book: Any,
    path: Path,
    mapping: dict[str, str] | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    path = Path(path)
    table = read_table(path)
    by_index, unmapped = build_mapping(table, mapping or {})
    result = ImportResult(
        htcds=table.htcds,
        dry_run=dry_run,
        unmapped=unmapped,
        mapping={table.columns[i]: f for i, f in sorted(by_index.items())},
    )
    targets = set(by_index.values())
    if not targets & {"name", "first_name", "last_name"}:
        raise InvalidInput(field="--map", problem=Msg("import.no_name"))
    column_of = {f: table.columns[i] for i, f in by_index.items()}
    file_sha = hashlib.sha256(path.read_bytes()).hexdigest()

    # group rows into cases
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, cells in table.rows:
        raw = {f: cells[i] if i < len(cells) else None for i, f in by_index.items()}
        if table.htcds:
            raw = {
                f: htcds.convert_value(table.columns[i], v) if isinstance(v, str) else v
                for (i, f), v in zip(by_index.items(), raw.values(), strict=True)
            }
        if all(_text(v) == "" for v in raw.values()):
            continue
        result.rows += 1
        key = _text(raw.get("case_key")) or f"row-{number}"
        groups.setdefault(key, []).append((number, raw))

    existing = {
        c.source.get("row_key") for c in book.all("case") if isinstance(c, Case) and c.source
    }
    drafts: list[tuple[list[int], Case]] = []
    bad_rows: set[int] = set()
    for rows in groups.values():
        persons, case_values, ok, converted = [], None, True, []
        for number, raw in rows:
            try:
                values = convert(raw)
                converted.append(values)
                person = validate_model(Person, person_data(values))
                entry.check_person(person)
                persons.append(person.model_dump(mode="json"))
                case_values = case_values or values
            except CellError as error:
                result.errors.append(_error(number, column_of, error.target, error.problem))
                ok = False
            except InvalidInput as error:
                result.errors.append(
                    _error(
                        number,
                        column_of,
                        _model_target(str(error.params.get("field", ""))),
                        error.params.get("problem"),
                    )
                )
                ok = False
        if not ok or case_values is None:
            bad_rows.update(n for n, _ in rows)
            continue
        numbers = [n for n, _ in rows]
        key = row_key(
            {f"{i}.{k}": v for i, values in enumerate(converted) for k, v in values.items()}
        )
        try:
            data = {
                **case_data(case_values),
                "number": "draft",
                "persons": persons,
                "source": {"file_sha": file_sha, "row_key": key, "file_name": path.name},
            }
            if case_values.get("chronology"):
                data["chronology"] = [
                    ChronologyEntry(
                        text=case_values["chronology"],
                        recorded_at=clock.now(),
                        recorded_by=book.actor,
                    ).model_dump(mode="json")
                ]
            draft = Case.model_validate(data)
            entry.check_opened(draft.opened_on)
        except ValidationError as error:
            field_path, problem = validation_problem(error)
            result.errors.append(_error(numbers[0], column_of, _model_target(field_path), problem))
            bad_rows.update(numbers)
            continue
        except InvalidInput as error:
            result.errors.append(
                _error(
                    numbers[0],
                    column_of,
                    _model_target(str(error.params.get("field", ""))),
                    error.params.get("problem"),
                )
            )
            bad_rows.update(numbers)
            continue
        if key in existing:
            result.duplicates.extend(numbers)
            continue
        existing.add(key)
        drafts.append((numbers, draft))
    result.errors.sort(key=lambda e: (e["row"], e["column"]))
    result.invalid_rows = sorted(bad_rows)
    if result.errors and not skip_invalid:
        return result
    if dry_run:
        result.created = [{"rows": n, "number": None, "persons": len(d.persons)} for n, d in drafts]
        return result
    if drafts:
        with book.store.batch():
            for numbers, draft in drafts:
                draft.number = book.next_number(
                    "case", book.settings.numbering.case, draft.opened_on
                )
                saved = book.add(
                    draft, note=f"import {path.name} rows {', '.join(map(str, numbers))}"
                )
                result.created.append(
                    {
                        "rows": numbers,
                        "number": saved.number,
                        "id": saved.id,
                        "persons": len(saved.persons),
                    }
                )
    return result


def _error(row: int, column_of: dict[str, str], target: str, problem: Any) -> dict[str, Any]:
    return {
        "row": row,
        "column": column_of.get(target, target),
        "field": target,
        "problem": problem,
    }
