"""Many new records at once (an import): one lock, one log append and one fsync per batch.

Each batch keeps the write-ahead rule of DESIGN §2.7: its log entries are appended and
fsynced first (one write), then each record file is written atomically (temp file,
rename), then the folder is fsynced once. The record files are snapshots the log can
rebuild: a kill after the append leaves records that reads and ``doctor --fix`` rebuild
from the log, never a record without its history. If a record file cannot be written,
the batch's files are removed and its entries taken back, so a failed batch changes
nothing. The entries are those :meth:`RecordStore.create` writes, one per record.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from typing import Any

import orjson

from tipref import clock
from tipref.errors import Conflict
from tipref.storage.atomic import _fsync_folder, atomic_write_bytes
from tipref.storage.diff import BOOKKEEPING_FIELDS, SNAPSHOT_FIELDS
from tipref.storage.history import ensure_folder, storage_error
from tipref.storage.store import RecordStore

BATCH = 500  # records per log append: a kill loses no entry, a fsync serves 500 records


def create_many(
    store: RecordStore, kind: str, items: list[tuple[dict[str, Any], str | None]], actor: str
) -> list[dict[str, Any]]:
    """Store new records (data, note), as :meth:`RecordStore.create` would one by one."""
    stored: list[dict[str, Any]] = []
    with store._locked(kind):
        store.logs.refresh()
        present = _file_names(store.folder(kind))  # under the lock: one listing, no stat each
        for start in range(0, len(items), BATCH):
            stored += _batch(store, kind, items[start : start + BATCH], actor, present)
    return stored


def _file_names(folder: Any) -> set[str]:
    try:
        return set(os.listdir(folder))
    except FileNotFoundError:
        return set()


def _batch(
    store: RecordStore,
    kind: str,
    items: list[tuple[dict[str, Any], str | None]],
    actor: str,
    present: set[str],
) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    entries: list[tuple[dict[str, Any], tuple[str | None, ...]]] = []
    for data, note in items:
        name = f"{data['id']}.json"
        if name in present:  # a file of that id, or the same id twice in this import
            raise Conflict(kind=kind, ref=data["id"], fields="id")
        present.add(name)
        record, entry = _prepared(store, kind, data, note, actor)
        records.append(record)
        entries.append((store.codec.encode_history(entry), (record.get("hlc"), None)))
    store.check_format(actor)
    with store.history.locked():
        written, size = store.history._append_many(entries)  # the log first, fsynced
        done: list[dict[str, Any]] = []
        try:
            ensure_folder(store.folder(kind))
            for record, entry in zip(records, written, strict=True):
                record.update(
                    log_entry=entry["id"], log_revision=record["revision"], hlc=entry["hlc"]
                )
                _write(store, kind, record)
                done.append(record)
            _fsync_folder(store.folder(kind))  # the log holds them: one fsync, not one each
        except BaseException as error:
            for record in done:
                store.path(kind, record["id"]).unlink(missing_ok=True)
            store.history._truncate(size)
            if isinstance(error, OSError):
                raise storage_error(error, store.folder(kind)) from None
            raise
    _note_entries(store, written)
    return done


def _note_entries(store: RecordStore, entries: list[dict[str, Any]]) -> None:
    """The fork check's state learns the batch's entries in one transaction."""
    db = store.logs._connect()
    if db is not None:
        with contextlib.suppress(sqlite3.Error):
            db.execute("BEGIN")
    try:
        for entry in entries:
            store.logs.note_entry(entry)
    finally:
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.execute("COMMIT")


def _write(store: RecordStore, kind: str, data: dict[str, Any]) -> None:
    """A record file as :meth:`RecordStore._write` writes it (the same bytes: indented
    JSON; orjson writes it 30 times faster), atomically, without its own fsync."""
    stored = store.codec.encode(kind, data["id"], data)
    try:
        text = orjson.dumps(stored, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # a value orjson does not write (an integer beyond 64 bits)
        text = (json.dumps(stored, ensure_ascii=False, indent=2, default=str) + "\n").encode()
    atomic_write_bytes(store.path(kind, data["id"]), text, durable=False)


def _prepared(
    store: RecordStore, kind: str, data: dict[str, Any], note: str | None, actor: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A new record stamped as :meth:`RecordStore.create` stamps it, and its log entry
    as :meth:`RecordStore._write_unit` makes it, each field whole (see diff.patch)."""
    data = dict(data)  # only top-level fields are set below
    stamp = clock.stamp()
    data.update(revision=1, created_at=stamp, created_by=actor, updated_at=stamp, updated_by=actor)
    if store.logs.seen_for(data["id"]):  # (a file of that id: checked by the caller)
        raise Conflict(kind=kind, ref=data["id"], fields="id")
    vv = {store.device_id: 1}
    data["vv"] = vv
    entry: dict[str, Any] = {
        "at": data["updated_at"],
        "by": actor,
        "kind": kind,
        "record_id": data["id"],
        "number": data.get("number") or data.get("code"),
        "action": "create",
        "revision": 1,
        "parents": [],
        "vv": vv,
        # A new record's fields logged whole: exact by construction, so not checked by
        # rebuilding each one as diff.patch does (the cost of a 10,000-row import).
        "changes": [
            {"field": k, "old": None, "new": v}
            for k, v in sorted(data.items())
            if k not in SNAPSHOT_FIELDS and k not in BOOKKEEPING_FIELDS and v is not None
        ],
    }
    if note is not None:
        entry["note"] = note
    return data, entry
