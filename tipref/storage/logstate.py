"""What this device has seen in the device logs, kept in its cache folder: the cheap fork check.

For each record, the highest entry count per device found in any log (a version vector).
A record file (a snapshot) carries the vector of the version it holds; when a log holds
more of some device's entries than the snapshot says, the snapshot lacks an entry — it
was overwritten, deleted or delayed by a sync service, or two devices changed it apart —
and the record is rebuilt from the logs. Logs are read incrementally (only the bytes
added since the last command), so the check costs a few ``stat`` calls per command and a
lookup per record, whatever the size of the book.

Also kept: every display number seen in a log or a record file, so the next number is
above all of them whatever happened to the counter files (DESIGN §2.2); the highest
number per numbering pattern is kept up to date incrementally.

The state is a SQLite file in the cache folder (never in the book): updated in place,
safe with several processes, and rebuilt from the logs if it is deleted.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tipref import paths

STATE_VERSION = 3
BULK_AFTER = 64  # lookups in one process before the whole table is read into memory

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, offset INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS seen (
    record_id TEXT NOT NULL, device TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (record_id, device)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS numbers (kind TEXT NOT NULL, number TEXT NOT NULL,
    UNIQUE (kind, number));
CREATE TABLE IF NOT EXISTS highest (key TEXT PRIMARY KEY, value INTEGER NOT NULL,
    upto INTEGER NOT NULL);
"""


class LogState:
    def __init__(self, history_folder: Path, book_key: str) -> None:
        self.history_folder = history_folder
        self.file = paths.cache_dir() / "logstate" / f"{book_key}.v{STATE_VERSION}.sqlite"
        self._db: sqlite3.Connection | None = None
        self._refreshed = False
        self._lookups = 0
        self._all: dict[str, dict[str, int]] | None = None  # the whole table, after many lookups
        self._memory: dict[str, dict[str, int]] = {}  # when the cache folder is unusable
        self.enabled = True  # off only to measure what the check costs (benchmarks)
        # This device's own log, and its entries read by the last refresh (see
        # RecordStore.recover): only the entries added since the previous refresh, or the
        # last entry alone when the log is read from its start.
        self.own_log: str | None = None
        self.own_entries: list[dict[str, Any]] = []

    # -- public -----------------------------------------------------------------
    def refresh(self) -> None:
        """Read what the logs gained since last time (a few stat calls when nothing did)."""
        self._refreshed = True
        self._all = None
        self.own_entries = []
        try:
            logs = sorted(self.history_folder.glob("*.jsonl"))
        except OSError:
            logs = []
        db = self._connect()
        for log in logs:
            self._tail(db, log)

    def seen_for(self, record_id: str) -> dict[str, int] | None:
        if not self.enabled:
            return None
        if not self._refreshed:
            self.refresh()
        if self._all is not None:
            return self._all.get(record_id)
        self._lookups += 1
        db = self._connect()
        if db is None:
            return self._memory.get(record_id)
        if self._lookups > BULK_AFTER:
            self._all = {}
            for rid, device, count in db.execute("SELECT record_id, device, count FROM seen"):
                self._all.setdefault(rid, {})[device] = count
            return self._all.get(record_id)
        rows = db.execute("SELECT device, count FROM seen WHERE record_id = ?", (record_id,))
        found = {device: count for device, count in rows}
        return found or None

    def note_entry(self, entry: dict[str, Any]) -> None:
        """An entry this process wrote (or read from a log)."""
        self._note(self._connect(), entry)

    def note_number(self, kind: str, number: str) -> None:
        db = self._connect()
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.execute("INSERT OR IGNORE INTO numbers VALUES (?, ?)", (kind, number))

    def highest(self, kind: str, key: str, value_of: Callable[[str], int]) -> int:
        """The highest ``value_of(number)`` over every number of ``kind`` seen, kept per
        ``key`` (a numbering pattern and year) and updated with the numbers seen since."""
        if not self._refreshed:
            self.refresh()
        db = self._connect()
        if db is None:
            return 0
        row = db.execute("SELECT value, upto FROM highest WHERE key = ?", (key,)).fetchone()
        best, upto = row if row else (0, 0)
        last = upto
        for rowid, number in db.execute(
            "SELECT rowid, number FROM numbers WHERE rowid > ? AND +kind = ? ORDER BY rowid",
            (upto, kind),  # "+kind": scan from the last row read, not the whole index
        ):
            best = max(best, value_of(number))
            last = rowid
        if last != upto or row is None:
            with contextlib.suppress(sqlite3.Error):
                db.execute("INSERT OR REPLACE INTO highest VALUES (?, ?, ?)", (key, best, last))
        return best

    def known_records(self) -> set[str]:
        if not self._refreshed:
            self.refresh()
        db = self._connect()
        if db is None:
            return set(self._memory)
        return {rid for (rid,) in db.execute("SELECT DISTINCT record_id FROM seen")}

    def flush(self) -> None:
        """Nothing to do: every change is written as it happens (kept for callers)."""

    # -- internals ----------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.file), timeout=15, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # a cache: rebuilt from the logs if lost
            db.executescript(SCHEMA)
        except (OSError, sqlite3.Error):
            return None
        self._db = db
        return db

    def _note(self, db: sqlite3.Connection | None, entry: dict[str, Any]) -> None:
        record_id, device, vv = entry.get("record_id"), entry.get("device"), entry.get("vv")
        if record_id and device and isinstance(vv, dict) and device in vv:
            with contextlib.suppress(TypeError, ValueError):
                count = int(vv[device])
                if db is None:
                    mine = self._memory.setdefault(record_id, {})
                    mine[device] = max(mine.get(device, 0), count)
                else:
                    db.execute(
                        "INSERT INTO seen VALUES (?, ?, ?) ON CONFLICT (record_id, device) "
                        "DO UPDATE SET count = max(count, excluded.count)",
                        (record_id, device, count),
                    )
                if self._all is not None:
                    mine = self._all.setdefault(record_id, {})
                    mine[device] = max(mine.get(device, 0), count)
        if entry.get("number") and entry.get("kind") and db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.execute(
                    "INSERT OR IGNORE INTO numbers VALUES (?, ?)",
                    (str(entry["kind"]), str(entry["number"])),
                )

    def _note_lines(
        self, db: sqlite3.Connection | None, data: bytes, keep: bool
    ) -> list[dict[str, Any]]:
        """Note every entry of some whole log lines; with ``keep``, the entries in order."""
        entries = []
        for raw in data.split(b"\n"):
            with contextlib.suppress(ValueError, UnicodeDecodeError):
                entry = json.loads(raw.decode("utf-8"))
                if isinstance(entry, dict):
                    self._note(db, entry)
                    if keep:
                        entries.append(entry)
        return entries

    def _tail(self, db: sqlite3.Connection | None, log: Path) -> None:
        try:
            size = log.stat().st_size
        except OSError:
            return
        offset = 0
        if db is not None:
            row = db.execute("SELECT offset FROM files WHERE name = ?", (log.name,)).fetchone()
            offset = row[0] if row else 0
        if size == offset:
            return
        if size < offset:
            offset = 0  # rewritten (erasure, a merged conflict copy): read again; counts are maxima
        try:
            with open(log, "rb") as handle:
                handle.seek(offset)
                data = handle.read(size - offset)
        except OSError:
            return
        end = data.rfind(b"\n")
        if end < 0:
            return  # no whole line yet (a torn line, or a sync in progress)
        try:
            if db is not None:
                db.execute("BEGIN")
            own = log.name == self.own_log
            entries = self._note_lines(db, data[: end + 1], keep=own)
            if own:
                # read from the start: only the last entry can lack its file (a kill)
                self.own_entries += entries[-1:] if offset == 0 else entries
            if db is not None:
                db.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?)", (log.name, offset + end + 1)
                )
                db.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")  # type: ignore[union-attr]
