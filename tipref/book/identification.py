"""Recording an identification decision (``tipref case identify``).

The decision names the three elements (process, means, purpose), the indicators seen,
who decided and when. For a child (under 18 on the day of the decision) the means are
not needed; an adult is an *actual* victim only with at least one means. The case's
``trafficking.status`` follows the latest decision, so lists and exports that read it
stay in step; reports count each victim from their own decision when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tipref import clock
from tipref.book.casebook import Book, validate_model
from tipref.errors import InvalidInput, NotFound
from tipref.i18n import Msg
from tipref.schemas import entry
from tipref.schemas.case import Case
from tipref.schemas.enums import Exploitation, TraffickingStatus
from tipref.schemas.identification import Identification, Indicator, Means, Process
from tipref.schemas.provider import Provider


@dataclass
class Decider:
    key: str  # a provider's id, or the organisation's name as typed
    name: str


def decider(book: Book, text: str) -> Decider:
    """A provider (code or id) of the book, or any organisation named in words."""
    text = text.strip()
    if not text:
        raise InvalidInput(
            field="--decided-by", problem=Msg("{field}: is required", field="decided-by")
        )
    try:
        provider = book.get(Provider, text)
    except NotFound:
        org = book.settings.organisation
        if text.casefold() in (org.code.casefold(), org.name.casefold()):
            return Decider(org.name, org.name)
        return Decider(text, text)
    assert isinstance(provider, Provider)
    return Decider(provider.id, provider.name)


def check_elements(
    status: TraffickingStatus,
    process: list[Process],
    means: list[Means],
    purpose: list[Exploitation],
    age: int | None,
    person: str,
    on: date,
) -> None:
    """An actual victim needs process and purpose, and means unless a child."""
    if status != TraffickingStatus.actual:
        return
    if not process:
        raise InvalidInput(
            field="--process",
            problem=Msg(
                "an 'actual victim' decision needs the {element} element",
                element=Msg("process (--process)"),
            ),
        )
    if not purpose:
        raise InvalidInput(
            field="--purpose",
            problem=Msg(
                "an 'actual victim' decision needs the {element} element",
                element=Msg("purpose (--purpose)"),
            ),
        )
    if means or (age is not None and age < 18):
        return
    if age is None:
        raise InvalidInput(
            field="--means",
            problem=Msg(
                "{person}'s age is unknown, so they are assessed as an adult: an 'actual victim' decision needs at least one means (--means). Record the birth date or an estimated age if they are a child.",
                person=person,
            ),
        )
    raise InvalidInput(
        field="--means",
        problem=Msg(
            "{person} was {age} on {date}: for an adult, an 'actual victim' decision needs at least one means (--means). Without one, decide 'possible victim' (PossibleVictimOfTrafficking).",
            person=person,
            age=age,
            date=on.isoformat(),
        ),
    )


def identify(
    book: Book,
    ref: str,
    status: TraffickingStatus,
    decided_by: str,
    decided_on: date,
    process: list[Process],
    means: list[Means],
    purpose: list[Exploitation],
    indicators: list[Indicator] | None = None,
    person_ref: str | None = None,
    note: str = "",
) -> tuple[Case, Identification]:
    entry.not_in_future(decided_on, "--date")
    case = book.get(Case, ref)
    assert isinstance(case, Case)
    person = case.person(person_ref)
    age = person.age(decided_on)
    check_elements(status, process, means, purpose, age, person.initials(), decided_on)
    who = decider(book, decided_by)
    decision = validate_model(
        Identification,
        {
            "person_id": person.id,
            "status": status,
            "decided_on": decided_on,
            "decided_by": who.key,
            "decided_by_name": who.name,
            "process": _unique(process),
            "means": _unique(means),
            "purpose": _unique(purpose),
            "indicators": _unique(indicators or []),
            "child": age is not None and age < 18,
            "note": note.strip(),
            "recorded_by": book.actor,
            "recorded_at": clock.now(),
        },
    )

    def apply(record: Case) -> None:
        record.identifications.append(decision)
        record.trafficking.status = status  # kept in step: lists and exports read it
        for kind in decision.purpose:
            if kind not in record.trafficking.exploitation:
                record.trafficking.exploitation.append(kind)

    updated = book.update(Case, case.id, apply, action="identify", note=status.value)
    assert isinstance(updated, Case)
    return updated, decision


def _unique(values: list) -> list:
    return list(dict.fromkeys(values))


def decision_status(case: Case, person_id: str) -> TraffickingStatus | None:
    """A victim's status for counting: their own latest decision, else the case's status."""
    decision = case.identification_of(person_id)
    return decision.status if decision else case.trafficking.status
