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

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tipref import clock
from tipref.book.casebook import Book, validate_model, validation_problem
from tipref.book.reading import gc_paused
from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.reporting import htcds
from tipref.reporting.import_rows import (  # noqa: F401 (the import fields, re-exported)
    CASE_FIELDS,
    DATES,
    ENUMS,
    FIELDS,
    MODEL_FIELDS,
    MULTI_ENUMS,
    PERSON_FIELDS,
    CellError,
    _model_target,
    _text,
    case_data,
    convert,
    convert_all,
    convert_cell,
    person_data,
    row_key,
)
from tipref.reporting.spreadsheet import read_sheet
from tipref.schemas import entry
from tipref.schemas.case import Case, ChronologyEntry, Person


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as the spreadsheet shows it, cells)
    htcds: bool = False
    warnings: list[Msg] = field(default_factory=list)
    cell_errors: list[tuple[int, int, Msg]] = field(default_factory=list)


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
    warnings: list[Msg] = field(default_factory=list)
    same_person: list[dict[str, Any]] = field(default_factory=list)

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
            "warnings": [_render(w, lang) for w in self.warnings],
            "same_person": self.same_person,
        }


def _render(value: Any, lang: str) -> Any:
    return value.render(lang) if isinstance(value, Msg) else value


# -- reading (tipref.reporting.spreadsheet) ----------------------------------------------
def read_table(
    path: Path,
    encoding: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    mapped: tuple[str, ...] = (),
) -> Table:
    """The file as a header and data rows, by the one spreadsheet reader.

    The header is ``header_row``, else the first row with HTCDS names, import field names
    or a column of ``mapped`` (title rows above the table are skipped). In an HTCDS
    toolkit table the labels row under the names is skipped too.
    """
    wanted = {c.casefold() for c in mapped} | set(FIELDS)

    def is_header(cells: list[str]) -> bool:
        return _is_htcds_row(cells) or any(c.casefold() in wanted for c in cells if c)

    found = read_sheet(
        path, encoding=encoding, sheet=sheet, header_row=header_row, is_header=is_header
    )
    is_htcds = _is_htcds_row(found.header)
    rows = found.rows
    if is_htcds and rows and not _is_htcds_row(rows[0][1]):
        rows = rows[1:]  # toolkit layout: names, then labels, then data
    return Table(
        found.header, rows, htcds=is_htcds, warnings=found.warnings, cell_errors=found.errors
    )


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
            raise InvalidInput(
                field="--map", problem=Msg("write a mapping as COLUMN=field, e.g. Nama=name")
            )
        column, target = (part.strip() for part in line.rsplit("=", 1))
        if target not in FIELDS:
            raise InvalidInput(
                field="--map",
                problem=Msg(
                    "'{field}' is not an import field; choose from: {choices}",
                    field=target,
                    choices=", ".join(FIELDS),
                ),
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
                    "column '{column}' is not in the file; it has: {columns}",
                    column=column,
                    columns=", ".join(c for c in table.columns if c),
                ),
            )
        by_index[folded[column.casefold()]] = target
    for index, column in enumerate(table.columns):
        if index in by_index or not column:
            continue
        found, problem = _htcds_target(column) if table.htcds else _plain_target(column)
        if found:
            by_index[index] = found
        elif problem is not False:
            unmapped.append({"column": column, "problem": problem})
    return by_index, unmapped


_NAME_PARTS = dict(zip(htcds.NAME_PARTS, ("first_name", "middle_name", "last_name"), strict=True))


def _htcds_target(column: str) -> tuple[str | None, Msg | None | bool]:
    """(field, None) for a name tipref reads; (None, False) for one it ignores on purpose;
    (None, None) for a standard name it does not use; (None, why) for an unknown name."""
    target = htcds.IMPORT_MAP.get(column) or _NAME_PARTS.get(column)
    if target:
        return target, None
    if column in htcds.IGNORED_ON_IMPORT:
        return None, False
    if column in htcds.STANDARD_NAMES:
        return None, None
    guess = htcds.suggest(column)
    hint = Msg("; did you mean {name}?", name=guess) if guess else ""
    return None, Msg("'{name}' is not an HTCDS field name{hint}", name=column, hint=hint)


def _plain_target(column: str) -> tuple[str | None, None]:
    return (column.casefold(), None) if column.casefold() in FIELDS else (None, None)


# -- the import: read -> map -> validate -> dedupe -> write --------------------------------
@dataclass
class Draft:
    rows: list[int]
    case: Case


@dataclass
class Group:
    rows: list[tuple[int, dict[str, Any]]]


def import_file(
    book: Book,
    path: Path,
    mapping: dict[str, str] | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    allow_duplicates: bool = False,
    **read_options: Any,
) -> ImportResult:
    """Import ``path``; ``read_options``: encoding, sheet, header_row (spreadsheet reader)."""
    path = Path(path)
    mapping = mapping or {}
    table = read_table(path, mapped=tuple(mapping), **read_options)
    by_index, result = map_columns(table, mapping, dry_run)
    groups = group_rows(table, by_index, result)
    source = {"file_sha": hashlib.sha256(path.read_bytes()).hexdigest(), "file_name": path.name}
    column_of = {f: table.columns[i] for i, f in by_index.items()}
    for row, column, problem in table.cell_errors:
        if column in by_index:
            result.errors.append(_error(row, column_of, by_index[column], problem))
    # Thousands of drafts alive at once: no collector pass walks them, from the first row
    # checked to the last record written (passes over them were 9/10 of the duplicate
    # check's time, and one more ran between checking and writing).
    with gc_paused():
        drafts = validate_groups(book, groups, source, column_of, result)
        bad_rows = {e["row"] for e in result.errors}
        drafts = [d for d in drafts if not bad_rows & set(d.rows)]
        drafts = dedupe(book, drafts, result, allow_duplicates)
        result.errors.sort(key=lambda e: (e["row"], e["column"]))
        result.invalid_rows = sorted({e["row"] for e in result.errors} | set(result.invalid_rows))
        if (result.errors or (result.same_person and not allow_duplicates)) and not skip_invalid:
            return result
        if dry_run:
            result.created = [
                {"rows": d.rows, "number": None, "persons": len(d.case.persons)} for d in drafts
            ]
            return result
        write_drafts(book, drafts, path.name, result)
    return result


def map_columns(
    table: Table, mapping: dict[str, str], dry_run: bool
) -> tuple[dict[int, str], ImportResult]:
    by_index, unmapped = build_mapping(table, mapping)
    result = ImportResult(
        htcds=table.htcds,
        dry_run=dry_run,
        unmapped=unmapped,
        mapping={table.columns[i]: f for i, f in sorted(by_index.items())},
        warnings=list(table.warnings),
    )
    if not set(by_index.values()) & {"name", "first_name", "last_name"}:
        raise InvalidInput(field="--map", problem=Msg("no name column (map one to name)"))
    return by_index, result


def group_rows(table: Table, by_index: dict[int, str], result: ImportResult) -> list[Group]:
    """Non-empty rows by case: rows sharing a case_key are one case with several persons."""
    groups: dict[str, Group] = {}
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
        groups.setdefault(key, Group([])).rows.append((number, raw))
    return list(groups.values())


def validate_groups(
    book: Book,
    groups: list[Group],
    source: dict[str, str],
    column_of: dict[str, str],
    result: ImportResult,
) -> list[Draft]:
    drafts = []
    for group in groups:
        draft = validate_group(book, group, source, column_of, result)
        if draft is None:
            result.invalid_rows.extend(n for n, _ in group.rows)
        else:
            drafts.append(draft)
    return drafts


def validate_group(
    book: Book,
    group: Group,
    source: dict[str, str],
    column_of: dict[str, str],
    result: ImportResult,
) -> Draft | None:
    """One case from its rows, or None with every problem of every row in ``result``."""
    persons: list[Person] = []
    converted: list[dict[str, Any]] = []
    ok = True  # the case takes each person model as validated here, not validated again
    for number, raw in group.rows:
        values, problems = convert_all(raw)
        for problem in problems:
            result.errors.append(_error(number, column_of, problem.target, problem.problem))
        converted.append(values)
        try:
            person = validate_model(Person, person_data(values))
            entry.check_person(person)  # clock and field-combination checks, at entry
            persons.append(person)
        except InvalidInput as error:
            target = _model_target(str(error.params.get("field", "")))
            if target not in {p.target for p in problems}:
                result.errors.append(_error(number, column_of, target, error.params.get("problem")))
            ok = False
        ok = ok and not problems
    numbers = [n for n, _ in group.rows]
    try:
        case = _case_draft(book, converted[0], persons, converted, source)
    except (ValidationError, InvalidInput) as error:
        field_path, why = (
            validation_problem(error)
            if isinstance(error, ValidationError)
            else (str(error.params.get("field", "")), error.params.get("problem"))
        )
        result.errors.append(_error(numbers[0], column_of, _model_target(field_path), why))
        return None
    return Draft(numbers, case) if ok else None


def _case_draft(
    book: Book,
    case_values: dict[str, Any],
    persons: list[Person],
    converted: list[dict[str, Any]],
    source: dict[str, str],
) -> Case:
    key = row_key({f"{i}.{k}": v for i, values in enumerate(converted) for k, v in values.items()})
    data = {
        **case_data(case_values),
        "number": "draft",
        "persons": persons or [Person(name="-")],
        "source": {**source, "row_key": key},
    }
    if case_values.get("chronology"):
        data["chronology"] = [
            ChronologyEntry(
                text=case_values["chronology"], recorded_at=clock.now(), recorded_by=book.actor
            ).model_dump(mode="json")
        ]
    case = Case.model_validate(data)
    entry.check_opened(case.opened_on)
    return case


def dedupe(book: Book, drafts: list[Draft], result: ImportResult, allow: bool) -> list[Draft]:
    """Rows imported before (same row key) are skipped; persons already in the book
    (same NIK, or same name and birth date) are reported, and imported only with ``allow``."""
    from tipref.book.duplicates import PersonIndex

    cases = [c for c in book.all(Case)]
    existing = {c.source.get("row_key") for c in cases if c.source}
    people = PersonIndex(cases)
    kept = []
    for draft in drafts:
        key = (draft.case.source or {}).get("row_key")
        if key in existing:
            result.duplicates.extend(draft.rows)
            continue
        existing.add(key)
        same = [m for p in draft.case.persons for m in people.matches(p)]
        if same:
            result.same_person.append({"rows": draft.rows, "matches": same})
            if not allow:
                continue
        people.add(draft.case)
        kept.append(draft)
    return kept


def write_drafts(book: Book, drafts: list[Draft], file_name: str, result: ImportResult) -> None:
    """Number and store the drafts: numbers in blocks, records in batches (book.bulk)."""
    from tipref.book.bulk import add_many, next_numbers

    dates = [d.case.opened_on for d in drafts]
    for draft, number in zip(
        drafts, next_numbers(book, "case", book.settings.numbering.case, dates), strict=True
    ):
        draft.case.number = number
    notes: list[str | None] = [
        f"import {file_name} rows {', '.join(map(str, d.rows))}" for d in drafts
    ]
    for draft, case in zip(drafts, add_many(book, [d.case for d in drafts], notes), strict=True):
        created = {"number": case["number"], "id": case["id"], "persons": len(case["persons"])}
        result.created.append({"rows": draft.rows, **created})


def _error(row: int, column_of: dict[str, str], target: str, problem: Any) -> dict[str, Any]:
    return {
        "row": row,
        "column": column_of.get(target, target),
        "field": target,
        "problem": problem,
    }
