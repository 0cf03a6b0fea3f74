"""Many new records at once, for an import: numbers taken in blocks, records written in
batches (:mod:`tipref.storage.bulk`)."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from tipref.book.casebook import Book, format_number
from tipref.book.numbering import highest_seen
from tipref.schemas.base import Record
from tipref.storage.bulk import create_many

M = TypeVar("M", bound=Record)


def next_numbers(book: Book, sequence: str, pattern: str, dates: list[date]) -> list[str]:
    """A number for each date, as :meth:`Book.next_number` would give them one by one,
    with one counter write per year."""
    if not dates:
        return []
    require_key = getattr(book.store.codec, "require_unlocked", None)
    if require_key is not None:
        require_key()  # a locked encrypted book cannot write: do not burn numbers either
    code = book.settings.organisation.code
    by_year: dict[int, list[int]] = {}
    for position, on in enumerate(dates):
        by_year.setdefault(on.year, []).append(position)
    numbers = [""] * len(dates)
    for year, positions in sorted(by_year.items()):
        first_day = dates[positions[0]]
        floor = highest_seen(book.store, sequence, pattern, code, first_day)
        first = book.counters.next_block(f"{sequence}-{year}", len(positions), floor)
        for offset, position in enumerate(positions):
            numbers[position] = format_number(pattern, code, first + offset, dates[position])
    return numbers


def add_many(book: Book, records: list[M], notes: list[str | None]) -> list[dict[str, Any]]:
    """Store new records of one model (validated models); returns their data as stored."""
    if not records:
        return []
    items = [(r.model_dump(mode="json"), note) for r, note in zip(records, notes, strict=True)]
    return create_many(book.store, records[0].KIND, items, book.actor)
