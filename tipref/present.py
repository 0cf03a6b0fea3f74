"""Records as people and scripts read them: JSON with derived fields.

Two entry points per kind: from a model (``case_json``) and from a stored record as a
plain dict (``case_row_json``, used for fast lists); both add the same derived fields.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.clock import ADULT_AGE
from tipref.schemas.enums import ReferralStatus

if TYPE_CHECKING:  # models are for the callers that have them: rows need none (#21)
    from tipref.schemas.case import Case, Person
    from tipref.schemas.referral import Referral

ANSWERS = (ReferralStatus.accepted.value, ReferralStatus.declined.value)


def case_json(case: Case, on: date | None = None) -> dict[str, Any]:
    return case_row_json(case.model_dump(mode="json"), on)


def referral_json(referral: Referral, on: date | None = None) -> dict[str, Any]:
    return referral_row_json(referral.model_dump(mode="json"), on)


def person_json(person: Person, on: date | None = None) -> dict[str, Any]:
    on = on or clock.today()
    data = person.model_dump(mode="json")
    data["age"] = person.age(on)
    data["is_child"] = person.is_child(on)
    return data


def person_age(person: dict[str, Any], on: date) -> int | None:
    return clock.age_from(
        stored_date(person.get("birth_date")),
        person.get("estimated_age"),
        stored_date(person.get("age_recorded_on")),
        on,
    )


def case_row_json(data: dict[str, Any], on: date | None = None) -> dict[str, Any]:
    """A stored case with each person's age and child flag, and whether it has a child."""
    on = on or clock.today()
    for person in data.get("persons", []):
        age = person_age(person, on)
        person["age"] = age
        person["is_child"] = None if age is None else age < ADULT_AGE
    data["has_child"] = any(p["is_child"] for p in data.get("persons", []))
    return data


def referral_row_json(data: dict[str, Any], on: date | None = None) -> dict[str, Any]:
    """A stored referral with the days it waited and the moves allowed next."""
    from tipref.schemas.lifecycle import ALLOWED_TRANSITIONS, days_between

    status = ReferralStatus(data["status"])
    answered = None
    if status != ReferralStatus.pending:
        answered = next(
            (
                stored_moment(t["at"])
                for t in data.get("transitions", [])
                if t.get("status") in ANSWERS
            ),
            None,
        )
    referred_on = stored_date(data["referred_on"])
    assert referred_on is not None  # a valid referral always has its date
    data["days_waited"] = days_between(referred_on, answered, on or clock.today())
    data["allowed_next"] = [s.value for s in ALLOWED_TRANSITIONS[status]]
    return data


def stored_date(value: Any) -> date | None:
    """A date as pydantic stores it (ISO text), or None."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def stored_moment(value: str) -> datetime:
    """A moment as pydantic stores it (ISO text, "Z" for UTC)."""
    # Python 3.10's fromisoformat does not read the "Z" that pydantic writes
    return datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
