"""The one place tipref asks what time it is.

"Today" is the case book's local date: its time zone (``timezone`` in ``tipref.json``,
default WITA for NTT), never UTC and never the laptop's own zone (DESIGN.md §2.10).
Opening a book sets the zone for the run (:func:`use_zone`).

``TIPREF_NOW`` (an ISO timestamp) fixes the clock for tests and for training sessions
that must show the same deadlines every time; without an offset it is read as the
book's local time.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Makassar"
# Laptops' clocks disagree by hours; a date up to a day ahead of ours is still accepted.
SKEW_TOLERANCE = timedelta(days=1)

# Kemendagri province code (the first two digits of a region code) -> time zone (DOMAIN.md §7).
_WIB = "Asia/Jakarta"
_WITA = "Asia/Makassar"
_WIT = "Asia/Jayapura"
PROVINCE_ZONES: dict[str, str] = {
    **{str(code): _WIB for code in (*range(11, 22), *range(31, 37), 61, 62)},
    **{str(code): _WITA for code in (51, 52, 53, 63, 64, 65, *range(71, 77))},
    **{str(code): _WIT for code in (81, 82, *range(91, 97))},
}

_zone_name = DEFAULT_ZONE


class UnknownTimeZone(ValueError):
    """A time zone name that the tz database does not know."""


@cache
def zone_info(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownTimeZone(name) from None


def use_zone(name: str) -> None:
    """Make ``name`` (e.g. Asia/Makassar) the zone of "today" for this run."""
    global _zone_name
    zone_info(name)  # refuse an unknown name before it is used
    _zone_name = name


def zone() -> tzinfo:
    return zone_info(_zone_name)


def zone_for_region(region_code: str | None) -> str | None:
    """The time zone of a Kemendagri region code (53.03 -> Asia/Makassar), if known."""
    if not region_code:
        return None
    return PROVINCE_ZONES.get(region_code.strip()[:2])


def now() -> datetime:
    """Now, as an aware datetime in UTC."""
    fixed = os.environ.get("TIPREF_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone())
        return moment.astimezone(timezone.utc)
    return datetime.now(timezone.utc)


def local_now() -> datetime:
    """Now on the book's wall clock."""
    return now().astimezone(zone())


def today() -> date:
    """The book's local date."""
    return local_now().date()


def latest_acceptable() -> date:
    """The latest date a person may enter: today, plus a day for clocks that disagree."""
    return today() + SKEW_TOLERANCE


def age_on(birth_date: date, on: date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


ADULT_AGE = 18  # UU 35/2014 Pasal 1: a child is a person under eighteen


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
    return now().isoformat().replace("+00:00", "Z")
