"""An entry logged without its record file: written at the next opening of the book.

Every change is written to this device's log first, then to the record file (DESIGN §2.7).
A process killed between the two leaves a record that reads fine (rebuilt from the log)
but whose file is missing or stale, so a list would not show it and a person retrying the
command, not knowing whether it worked, could make the record twice. Opening a book reads
what this device's own log gained since the last command (a ``stat`` when nothing did)
and writes the snapshot of each entry whose file lacks it, under the record kind's lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tipref.errors import NotFound, TiprefError
from tipref.storage.rebuild import lacking

if TYPE_CHECKING:
    from tipref.storage.store import RecordStore


def recover(store: RecordStore, actor: str) -> list[str]:
    """The ids of the records whose file was written from this device's log.

    A book that cannot be written (read-only, full, busy) is left as it is: reads still
    rebuild such a record from the log, and ``doctor --fix`` writes its file later. A fork
    is left to ``doctor`` as well.
    """
    store.logs.refresh()
    pending = {
        str(entry["record_id"]): str(entry["kind"])
        for entry in store.logs.own_entries
        if entry.get("record_id") and entry.get("kind") in store.folders
    }
    store.logs.own_entries = []
    written = []
    for record_id, kind in pending.items():
        if not store.folder(kind).is_dir():
            continue  # a folder deleted as a whole: doctor reports it and rebuilds them all
        if not _snapshot_current(store, kind, record_id) and _write_snapshot(
            store, kind, record_id, actor
        ):
            written.append(record_id)
    return written


def _write_snapshot(store: RecordStore, kind: str, record_id: str, actor: str) -> bool:
    from filelock import Timeout  # here: opening a book with nothing to recover takes no lock

    try:
        lock = store.lock(kind)
        lock.acquire(timeout=0)
    except (Timeout, OSError, TiprefError):
        return False  # a live writer holds it (and writes the file itself), or read-only
    try:
        # settle takes the same lock again (re-entrant), reads the logs and writes the file
        return store.settle(kind, record_id, actor, lambda rebuilt: None) is not None
    except (TiprefError, OSError):
        return False
    finally:
        lock.release()


def _snapshot_current(store: RecordStore, kind: str, record_id: str) -> bool:
    try:
        snapshot = store.read(kind, record_id, check=False)
    except NotFound:
        return False
    except TiprefError:
        return True  # corrupt, or sealed with a key not held: doctor's business
    return not lacking(snapshot.get("vv"), store.logs.seen_for(record_id))
