"""A record's history (``tipref log``): the device logs, decoded, without repeats."""

from __future__ import annotations

import json
from typing import Any

from tipref.book.casebook import Book
from tipref.errors import NotFound


def find_record_id(book: Book, ref: str, kind: str | None = None) -> str:
    """The id of REF, looked up in ``kind`` or else in every kind, in folder order."""
    for candidate in [kind] if kind else list(book.store.folders):
        try:
            return book.resolve_id(candidate, ref)
        except NotFound:
            continue
    raise NotFound(kind=kind or "record", ref=ref)


def history(
    book: Book, ref: str | None = None, kind: str | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """One record's changes, oldest first, or (no ``ref``) the book's latest, newest first.

    Entries of an encrypted book are decoded; a line that a merged history copy repeats is
    shown once. ``limit`` keeps the newest entries (0: all)."""
    record_id = find_record_id(book, ref, kind) if ref else None
    decode = getattr(book.store.codec, "decode_history", None)
    entries = list(book.store.history.entries(record_id))
    if decode is not None:
        entries = [decode(entry) for entry in entries]
    unique = _without_repeats(entries)
    unique = unique[-limit:] if limit > 0 else unique
    return list(reversed(unique)) if ref is None else unique


def _without_repeats(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    unique = []
    for entry in entries:
        key = json.dumps(entry, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique
