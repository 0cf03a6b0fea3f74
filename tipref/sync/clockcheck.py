"""Dates written by a laptop whose clock ran ahead: a warning, never a corrupt record.

Staff laptops' clocks are often wrong by hours or days (DOMAIN.md §7). A record stays
valid whatever its dates say (DESIGN.md §2.10); ``doctor`` only points at dates later
than the book's today plus a day, so someone can check that laptop's clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tipref import clock
from tipref.errors import CorruptRecord, NotFound
from tipref.storage.facts import LATEST_DATE, latest_date
from tipref.storage.index import CORRUPT
from tipref.storage.store import RecordStore

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
Rows = Callable[[str], dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class FutureDate:
    kind: str
    record_id: str
    number: str
    field: str
    value: date


def future_dates(store: RecordStore, rows: Rows) -> list[FutureDate]:
    """Every stored date later than the book's today plus the tolerance for clock skew.

    The index keeps each file's latest date (taken from the file's bytes when it read that
    version of the file for doctor's other checks), so a book with no late date costs a
    comparison per record; only a file holding a date near the limit is read and parsed.
    """
    limit = clock.latest_acceptable()
    # A UTC timestamp's date may be a day behind the book's local date: look a day early.
    near = (limit - timedelta(days=1)).isoformat()
    found = []
    for kind in store.folders:
        for record_id, facts in rows(kind).items():
            if CORRUPT in facts:
                continue  # doctor reports it as corrupt
            latest = facts.get(LATEST_DATE)
            if latest is None:
                latest = _latest_in_file(store, kind, record_id)
            if latest > near:
                found += _future_in(store, kind, record_id, limit)
    return found


def _latest_in_file(store: RecordStore, kind: str, record_id: str) -> str:
    try:
        return latest_date(store.path(kind, record_id).read_bytes())
    except OSError:
        return ""  # doctor reports unreadable files on its own


def _future_in(store: RecordStore, kind: str, record_id: str, limit: date) -> list[FutureDate]:
    try:
        record = store.read(kind, record_id)
    except (NotFound, CorruptRecord):
        return []
    number = str(record.get("number") or record.get("code") or record_id)
    return [
        FutureDate(kind, record_id, number, field, value)
        for field, value in _dates(record, "")
        if value > limit
    ]


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
