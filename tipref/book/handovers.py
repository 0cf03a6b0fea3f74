"""Handovers (serah terima) at each leg of a person's return home, and of remains."""

from __future__ import annotations

from datetime import date

from tipref import clock
from tipref.book.casebook import Book
from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.schemas import entry
from tipref.schemas.case import Case
from tipref.schemas.handover import Handover
from tipref.schemas.provider import Provider

HANDOVER_PATTERN = "{code}-H{year}-{seq:04d}"
FAMILY = "family"


def legs_of(book: Book, case_id: str, person_id: str | None = None) -> list[Handover]:
    """A case's handovers (of one person, if given), in the order they happened."""
    found = book.all(Handover, where={"case_id": case_id})
    if person_id is not None:
        found = [h for h in found if h.person_id == person_id]
    return sorted(found, key=lambda h: (h.handed_on, h.number))


def new_handover(
    book: Book,
    case_ref: str,
    by_ref: str,
    to_ref: str,
    on: date | None = None,
    person_ref: str | None = None,
    family_name: str = "",
    family_relation: str = "",
    place: str = "",
    note: str = "",
) -> tuple[Handover, list[Msg]]:
    """Record one leg; ``to_ref`` is a provider or ``family``. Returns it and warnings.

    The last leg, to the family, records the case's return home (``returned_on``, which
    starts the reintegration monitoring) unless the person has died.
    """
    case = book.get(Case, case_ref)
    person = case.person(person_ref)
    by = book.get(Provider, by_ref)
    to = None if to_ref.strip().lower() in (FAMILY, "keluarga") else book.get(Provider, to_ref)
    if to is None and not family_name.strip():
        raise InvalidInput(
            field="--family-name",
            problem=Msg("a handover to the family: give --family-name (and --relation)"),
        )
    if to is not None and to.id == by.id:
        raise InvalidInput(
            field="--to",
            problem=Msg("the same provider hands over and receives ({provider})", provider=by.code),
        )
    on = on or clock.today()
    entry.not_in_future(on, "--date")
    if on < case.opened_on:
        raise InvalidInput(
            field="--date",
            problem=Msg(
                "{value} is before the case was opened ({opened})", value=on, opened=case.opened_on
            ),
        )
    warnings = check_chain(book, case, person.id, by, on)
    handover = Handover(
        number="draft",
        case_id=case.id,
        person_id=person.id,
        handed_on=on,
        place=place.strip(),
        by_provider_id=by.id,
        to_provider_id=to.id if to else None,
        family_name=family_name.strip() if to is None else "",
        family_relation=family_relation.strip() if to is None else "",
        remains=person.deceased,
        note=note.strip(),
    )
    handover.number = book.next_number("handover", HANDOVER_PATTERN, on)
    created = book.add(handover)
    if to is None and not person.deceased and case.events.returned_on is None:

        def returned(current: Case) -> None:
            if current.events.returned_on is None:
                current.events.returned_on = on

        book.update(Case, case.id, returned, action="event", note=f"handover {created.number}")
    return created, warnings


def check_chain(book: Book, case: Case, person_id: str, by: Provider, on: date) -> list[Msg]:
    """The legs follow each other: not dated before the last one; warnings for a gap."""
    legs = legs_of(book, case.id, person_id)
    if not legs:
        return []
    last = legs[-1]
    if on < last.handed_on:
        raise InvalidInput(
            field="--date",
            problem=Msg(
                "{value} is before the previous handover {number} ({previous})",
                value=on,
                number=last.number,
                previous=last.handed_on,
            ),
        )
    if last.to_family:
        return [Msg("{number} already handed this person over to the family", number=last.number)]
    if last.to_provider_id != by.id:
        previous = book.get(Provider, last.to_provider_id or "")
        return [
            Msg(
                "the previous handover ({number}) ended with {previous}, not with {by}",
                number=last.number,
                previous=previous.code,
                by=by.code,
            )
        ]
    return []
