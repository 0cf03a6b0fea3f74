"""A record's history (``tipref log``): the device logs, decoded, without repeats."""

from __future__ import annotations

import json
from typing import Any

from tipref.book.casebook import Book
from tipref.errors import CorruptRecord, NotFound
from tipref.i18n import kind_label


def find_record_id(book: Book, ref: str, kind: str | None = None) -> str:
    """The id of REF, looked up in ``kind`` or else in every kind, in folder order."""
    for candidate in [kind] if kind else list(book.store.folders):
        try:
            return book.resolve_id(candidate, ref)
        except NotFound:
            continue
    raise NotFound(kind=kind_label(kind or "record"), ref=ref)


def history(
    book: Book,
    ref: str | None = None,
    kind: str | None = None,
    limit: int = 20,
    unreadable: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One record's changes, oldest first, or (no ``ref``) the book's latest, newest first.

    Entries of an encrypted book are decoded; a line that a merged history copy repeats is
    shown once. ``limit`` keeps the newest entries (0: all). An entry whose values this
    member cannot open (a key not held, a changed ciphertext) is kept with placeholders for
    them and marked ``"unreadable"``; it and every log line that does not parse are added
    to ``unreadable`` (never dropped without a word)."""
    record_id = find_record_id(book, ref, kind) if ref else None
    entries = [_decoded(book, e, unreadable) for e in book.store.history.entries(record_id)]
    if unreadable is not None:
        unreadable += broken_lines(book)
    unique = _without_repeats(entries)
    unique = unique[-limit:] if limit > 0 else unique
    return list(reversed(unique)) if ref is None else unique


def _decoded(
    book: Book, entry: dict[str, Any], unreadable: list[dict[str, Any]] | None
) -> dict[str, Any]:
    decode = getattr(book.store.codec, "decode_history", None)
    if decode is None:
        return entry
    try:
        return decode(entry)
    except CorruptRecord as error:  # KeyMissing too
        from tipref.privacy.codec import sealed_as_placeholders

        detail = str(error.params.get("detail", ""))
        if unreadable is not None:
            unreadable.append({"entry": entry.get("id"), "where": _where(entry), "detail": detail})
        return {**sealed_as_placeholders(entry), "unreadable": detail}


def _where(entry: dict[str, Any]) -> str:
    """history/<device>.jsonl, entry <last 8 of its id>."""
    return f"history/{entry.get('device')}.jsonl, entry {str(entry.get('id', ''))[-8:]}"


def broken_lines(book: Book) -> list[dict[str, Any]]:
    """Log lines that do not parse (cut by a crash or a sync in progress): file and line."""
    from tipref.storage.history import read_lines

    return [
        {
            "entry": None,
            "where": f"history/{path.name}, line {line.number}",
            "detail": "not a JSON line",
        }
        for path in book.store.history.files()
        for line in read_lines(path)
        if line.entry is None
    ]


def _without_repeats(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    unique = []
    for entry in entries:
        key = json.dumps(entry, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique
