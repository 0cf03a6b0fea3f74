"""Cases: opening, changing, closing and listing them."""

from __future__ import annotations

from datetime import date
from typing import Any

from tipref import clock
from tipref.book.casebook import Book, validate_model
from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import N_, Msg
from tipref.schemas import entry
from tipref.schemas.case import Case, ChronologyEntry, Person
from tipref.schemas.enums import CaseStatus, RiskLevel


def deep_update(target: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            deep_update(target[key], value)
        else:
            target[key] = value
    return target


PERSON_CHECKED_FIELDS = {"birth_date", "estimated_age", "nik", "sex"}


def _person(fields: dict[str, Any], entered: bool = True) -> Person:
    """A person from the fields given; ``entered`` runs the checks of values just typed."""
    fields = dict(fields)
    if fields.get("estimated_age") is not None and not fields.get("age_recorded_on"):
        fields["age_recorded_on"] = clock.today()
    person = validate_model(Person, fields)
    if entered:
        entry.check_person(person)
    return person


def _chronology(book: Book, text: str, on: date | None) -> ChronologyEntry:
    return ChronologyEntry(on=on, text=text, recorded_at=clock.now(), recorded_by=book.actor)


def open_case(
    book: Book,
    person: dict[str, Any],
    case_fields: dict[str, Any],
    chronology: str | None = None,
    chronology_on: date | None = None,
) -> Case:
    # Validate everything before minting a number, so bad input leaves the book unchanged.
    first = _person(person)
    draft = validate_model(
        Case, {**case_fields, "number": "draft", "persons": [first.model_dump(mode="json")]}
    )
    entry.check_opened(draft.opened_on)
    if draft.status.is_closed:
        raise InvalidInput(
            field="status",
            problem=Msg("to close a case use 'tipref case close' (a reason is required)"),
        )
    if chronology:
        draft.chronology.append(_chronology(book, chronology, chronology_on))
    draft.number = book.next_number("case", book.settings.numbering.case, draft.opened_on)
    return book.add(draft)


def add_person(book: Book, ref: str, person: dict[str, Any]) -> Case:
    new_person = _person(person)

    def apply(case: Case) -> None:
        case.persons.append(new_person)

    return book.update(Case, ref, apply, action="add-person")


def update_case(
    book: Book,
    ref: str,
    case_fields: dict[str, Any],
    person_ref: str | None = None,
    person_fields: dict[str, Any] | None = None,
    chronology: str | None = None,
    chronology_on: date | None = None,
) -> Case:
    if case_fields.get("status") and CaseStatus(case_fields["status"]).is_closed:
        raise InvalidInput(
            field="status",
            problem=Msg("to close a case use 'tipref case close' (a reason is required)"),
        )
    if case_fields.get("opened_on"):
        entry.check_opened(date.fromisoformat(str(case_fields["opened_on"])))
    person_checked = bool(PERSON_CHECKED_FIELDS & set(person_fields or {}))
    died = (person_fields or {}).get("date_of_death")
    if died:
        entry.not_in_future(date.fromisoformat(str(died)), "--date-of-death")

    def apply(case: Case) -> None:
        data = case.model_dump(mode="json")
        deep_update(data, case_fields)
        if case_fields.get("status") and not CaseStatus(case_fields["status"]).is_closed:
            data["closed_reason"] = None
            data["closed_on"] = None
        if person_fields:
            target = case.person(person_ref)
            for stored in data["persons"]:
                if stored["id"] == target.id:
                    merged = deep_update(stored, person_fields)
                    if person_fields.get("estimated_age") is not None:
                        merged["birth_date"] = None
                        merged["age_recorded_on"] = clock.today().isoformat()
                    if person_fields.get("birth_date"):
                        merged["estimated_age"] = None
                    stored.update(_person(merged, person_checked).model_dump(mode="json"))
        updated = validate_model(Case, data)
        if chronology:
            updated.chronology.append(_chronology(book, chronology, chronology_on))
        for name in type(updated).model_fields:
            setattr(case, name, getattr(updated, name))

    return book.update(Case, ref, apply)


def close_case(book: Book, ref: str, reason: str, status: CaseStatus = CaseStatus.closed) -> Case:
    if not status.is_closed:
        raise InvalidInput(
            field="status", problem=Msg("a closing status must be closed or closed-referred")
        )
    if not reason.strip():
        raise InvalidInput(field="reason", problem=Msg("{field}: is required", field="reason"))

    def apply(case: Case) -> None:
        if case.status.is_closed:
            raise TiprefError(N_("Case {ref} is already closed."), ref=case.number)
        case.status = status
        case.closed_reason = reason
        case.closed_on = clock.today()

    return book.update(Case, ref, apply, action="close", note=reason)


def list_cases(
    book: Book,
    status: CaseStatus | None = None,
    risk: RiskLevel | None = None,
    children_only: bool = False,
    broken: list | None = None,
    on: date | None = None,
    search: str | None = None,
    only: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Cases as stored records with derived fields (see :mod:`tipref.present`), oldest first;
    with ``search``, only those with a person of that name, NIK or phone
    (:mod:`tipref.book.search`); ``only``: these case ids (the index's search candidates)."""
    from tipref.book.search import PersonQuery
    from tipref.present import case_row_json

    query = PersonQuery.parse(search) if search is not None else None  # bad text: before reading
    on = on or clock.today()
    where = {k: v.value for k, v in {"status": status, "risk": risk}.items() if v}
    rows = book.rows(Case, broken, where=where or None, ids=only)
    if query is not None:
        rows = [row for row in rows if query.matches_case(row)]
    cases = [case_row_json(row, on) for row in rows]
    if children_only:
        cases = [c for c in cases if c["has_child"]]
    return sorted(cases, key=lambda c: (c["opened_on"], c["number"]))
