"""Records as people and scripts read them: JSON with derived fields, and row labels."""

from __future__ import annotations

from datetime import date
from typing import Any

from tipref import clock
from tipref.schemas.case import Case, Person
from tipref.schemas.referral import ALLOWED_TRANSITIONS, Referral


def person_json(person: Person, on: date | None = None) -> dict[str, Any]:
    data = person.model_dump(mode="json")
    data["age"] = person.age(on)
    data["is_child"] = person.is_child(on)
    return data


def case_json(case: Case, on: date | None = None) -> dict[str, Any]:
    data = case.model_dump(mode="json")
    data["persons"] = [person_json(p, on) for p in case.persons]
    data["has_child"] = any(p.is_child(on) for p in case.persons)
    return data


def referral_json(referral: Referral, on: date | None = None) -> dict[str, Any]:
    data = referral.model_dump(mode="json")
    data["days_waited"] = referral.days_waited(on or clock.today())
    data["allowed_next"] = [s.value for s in ALLOWED_TRANSITIONS[referral.status]]
    return data


def record_json(record: Any) -> dict[str, Any]:
    if isinstance(record, Case):
        return case_json(record)
    if isinstance(record, Referral):
        return referral_json(record)
    return record.model_dump(mode="json")
