"""The on-disk format of a book, so that an older tipref never writes a newer book.

``format.json`` at the book's root says which format the files follow and which tipref
wrote it first. Format 1 is the book before device-log chains (no ``format.json``);
format 2 adds chained, parent-linked log entries, snapshots tied to them
(``log_entry``/``hlc``/``vv``) and per-device counters; format 3 keeps an encrypted
book's keys in files of their own (``vault/keys/``, ``vault/wrapped/``: see
:mod:`tipref.privacy.keyfiles`, which registers that step in :data:`UPGRADE_STEPS`).

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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tipref.errors import BookTooNew
from tipref.i18n import register_messages
from tipref.storage.atomic import atomic_write_text

FORMAT_FILE = "format.json"
BOOK_FORMAT = 3
# What upgrading to a format does besides the logged entry, by format: each step is
# idempotent (it writes only files that are missing), so an interrupted upgrade reruns.
# Registered by the module that owns the files, so that storage imports none of them.
UPGRADE_STEPS: dict[int, Callable[[Path], int]] = {}

register_messages(
    {
        "book.too_new": {
            "id": "Buku kasus ini berformat {format} (ditulis oleh tipref {by}); tipref ini "
            "({mine}) hanya mengenal sampai format {known}. Membaca tetap bisa; untuk mengubah, "
            "pasang tipref {by} atau lebih baru: pip install -U 'tipref>={by}'",
            "en": "This case book is in format {format} (written by tipref {by}); this tipref "
            "({mine}) knows formats up to {known}. Reading works; to change it, install tipref "
            "{by} or newer: pip install -U 'tipref>={by}'",
        },
    }
)


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
    """Refuse a book newer than this tipref; upgrade an older one: the steps of each newer
    format, one logged entry, then ``format.json``. Each part is safe to repeat, so an
    upgrade interrupted anywhere simply runs again on the next write (and logs once)."""
    from tipref.storage.history import storage_error

    refused = write_guard(store.root)
    if refused is not None:
        raise refused
    found = read_format(store.root)["format"]
    if found >= BOOK_FORMAT:
        return
    try:
        moved = sum(step(store.root) for n, step in sorted(UPGRADE_STEPS.items()) if n > found)
    except OSError as error:
        raise storage_error(error, store.root) from None
    if not _logged(store, found):
        store.history.append(_upgrade_entry(actor, found, moved))
    try:
        record_format(store.root)
    except OSError as error:
        raise storage_error(error, store.root / FORMAT_FILE) from None


def _upgrade_entry(actor: str, found: int, moved: int) -> dict[str, Any]:
    from tipref import clock

    return {
        "at": clock.stamp(),
        "by": actor,
        "kind": "book",
        "record_id": None,
        "action": "format-upgrade",
        "changes": [{"field": "format", "old": found, "new": BOOK_FORMAT}],
        "note": f"format {found} -> {BOOK_FORMAT}"
        + (f"; {moved} file(s) written" if moved else ""),
    }


def _logged(store: Any, found: int) -> bool:
    """This device logged this upgrade already (an upgrade interrupted before format.json)."""
    from tipref.storage.history import read_lines

    return any(
        line.entry is not None
        and line.entry.get("action") == "format-upgrade"
        and {"field": "format", "old": found, "new": BOOK_FORMAT} in line.entry.get("changes", [])
        for line in read_lines(store.history.path)
    )
