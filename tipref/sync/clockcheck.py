"""Dates written by a laptop whose clock ran ahead: a warning, never a corrupt record.

Staff laptops' clocks are often wrong by hours or days (DOMAIN.md §7). A record stays
valid whatever its dates say (DESIGN.md §2.10); ``doctor`` only points at dates later
than the book's today plus a day, so someone can check that laptop's clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tipref import clock
from tipref.errors import CorruptRecord, NotFound
from tipref.storage.store import RecordStore

# An ISO date, alone or starting a timestamp: the only shapes tipref stores dates in.
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass(frozen=True)
class FutureDate:
    kind: str
    record_id: str
    number: str
    field: str
    value: date


def future_dates(store: RecordStore) -> list[FutureDate]:
    """Every stored date later than the book's today plus the tolerance for clock skew."""
    limit = clock.latest_acceptable()
    found = []
    for kind in store.folders:
        for record_id in store.ids(kind):
            try:
                record = store.read(kind, record_id)
            except (NotFound, CorruptRecord):
                continue  # doctor reports unreadable files on its own
            number = str(record.get("number") or record.get("code") or record_id)
            for field, value in _dates(record, ""):
                if value > limit:
                    found.append(FutureDate(kind, record_id, number, field, value))
    return found


def _dates(value: Any, path: str) -> Iterator[tuple[str, date]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _dates(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for position, item in enumerate(value, start=1):
            yield from _dates(item, f"{path}[{position}]")
    elif isinstance(value, str) and _ISO_DATE.match(value):
        day = _as_local_date(value)
        if day is not None:
            yield path, day


def _as_local_date(text: str) -> date | None:
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(clock.zone()).date() if moment.tzinfo else moment.date()
