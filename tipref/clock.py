"""The one place tipref asks what time it is.

``TIPREF_NOW`` (an ISO timestamp) fixes the clock for tests and for training sessions
that must show the same deadlines every time.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def now() -> datetime:
    fixed = os.environ.get("TIPREF_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc)


def today() -> date:
    return now().date()


def age_on(birth_date: date, on: date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def age_from(
    birth_date: date | None, estimated_age: int | None, recorded_on: date | None, on: date
) -> int | None:
    """Age on a day, from a birth date or from an age estimated on ``recorded_on``."""
    if birth_date:
        return age_on(birth_date, on)
    if estimated_age is not None:
        return estimated_age + max(0, age_on(recorded_on or on, on))
    return None


def stamp() -> str:
    """Now as stored in records: ISO 8601 in UTC with a Z, as pydantic writes it."""
    return now().astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
