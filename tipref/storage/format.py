"""The on-disk format of a book, so that an older tipref never writes a newer book.

``format.json`` at the book's root says which format the files follow and which tipref
wrote it first. Format 1 is the book before device-log chains (no ``format.json``);
format 2 adds chained, parent-linked log entries, snapshots tied to them
(``log_entry``/``hlc``/``vv``) and per-device counters.

A tipref that finds a format above its own reads the book but refuses every write,
naming the version to install. A book in an older format is upgraded on the first write:
the upgrade is one logged entry and one small file, and everything else is done lazily
(a record written by format 1 is logged in full the first time it changes; format-1
log lines and counter files are still read), so it is safe to interrupt and to run
again, and a laptop still on the older tipref keeps working on the same book.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from tipref.errors import BookTooNew
from tipref.storage.atomic import atomic_write_text

FORMAT_FILE = "format.json"
BOOK_FORMAT = 2


def tipref_version() -> str:
    from tipref import __version__

    return __version__


def read_format(root: Path) -> dict[str, Any]:
    """The book's format record; a book without one is format 1."""
    with contextlib.suppress(OSError, ValueError):
        data = json.loads((root / FORMAT_FILE).read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("format"), int):
            return data
    return {"format": 1}


def write_guard(root: Path) -> BookTooNew | None:
    """The error every write raises in a book newer than this tipref, or None."""
    found = read_format(root)
    if found["format"] <= BOOK_FORMAT:
        return None
    return BookTooNew(
        format=found["format"],
        by=found.get("tipref", "?"),
        mine=tipref_version(),
        known=BOOK_FORMAT,
    )


def needs_upgrade(root: Path) -> bool:
    return read_format(root)["format"] < BOOK_FORMAT


def record_format(root: Path) -> None:
    """Write ``format.json`` (written once per format: never lowered)."""
    if read_format(root)["format"] >= BOOK_FORMAT:
        return
    data = {"format": BOOK_FORMAT, "tipref": tipref_version()}
    atomic_write_text(root / FORMAT_FILE, json.dumps(data, indent=2) + "\n")


def ensure_format(store: Any, actor: str) -> None:
    """Refuse a book newer than this tipref; upgrade an older one: one logged entry, then
    ``format.json`` (interrupted, it simply runs again on the next write)."""
    from tipref import clock
    from tipref.storage.history import storage_error

    refused = write_guard(store.root)
    if refused is not None:
        raise refused
    if not needs_upgrade(store.root):
        return
    entry: dict[str, Any] = {
        "at": clock.stamp(),
        "by": actor,
        "kind": "book",
        "record_id": None,
        "action": "format-upgrade",
        "changes": [],
        "note": f"format 1 -> {BOOK_FORMAT}",
    }
    store.history.append(entry)
    try:
        record_format(store.root)
    except OSError as error:
        raise storage_error(error, store.root / FORMAT_FILE) from None
