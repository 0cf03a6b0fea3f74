"""The SQLite file of the local index (:mod:`tipref.storage.index`), in the user's cache.

One file per book. It is a cache: every table can be dropped and is rebuilt from the
record files, so it is written without fsync and a file that cannot be opened is
replaced. Tables:

- ``records``: per record file its stamp (mtime_ns, size, inode) and its short facts;
- ``handles``: display numbers, codes and old numbers (``~`` first) -> record id;
- ``folders``: each record folder's mtime at the last full look, and when it was taken;
- ``rows`` and ``tokens``: the list rows and search tokens of :mod:`tipref.storage.rowcache`;
- ``meta``: small values (the signature of the device logs the rows were checked against).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

DB_VERSION = 9
SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL, id TEXT NOT NULL, mtime INTEGER, size INTEGER, ino INTEGER,
    facts TEXT NOT NULL, case_id TEXT, PRIMARY KEY (kind, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_by_case ON records (kind, case_id);
CREATE TABLE IF NOT EXISTS handles (kind TEXT NOT NULL, handle TEXT NOT NULL, id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS handles_by ON handles (kind, handle);
CREATE INDEX IF NOT EXISTS handles_of ON handles (kind, id);
CREATE TABLE IF NOT EXISTS folders (kind TEXT PRIMARY KEY, stamp TEXT NOT NULL,
    taken INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rows (
    kind TEXT NOT NULL, id TEXT NOT NULL, mtime INTEGER, size INTEGER, ino INTEGER,
    since TEXT NOT NULL, until TEXT NOT NULL, sort TEXT NOT NULL, status TEXT, risk TEXT,
    child INTEGER NOT NULL, vv TEXT, body BLOB, PRIMARY KEY (kind, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rows_sorted ON rows (kind, sort);
CREATE TABLE IF NOT EXISTS tokens (kind TEXT NOT NULL, token BLOB NOT NULL, id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tokens_by ON tokens (kind, token);
CREATE INDEX IF NOT EXISTS tokens_of ON tokens (kind, id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def connect(folder: Path) -> sqlite3.Connection | None:
    """The index database of a book's cache folder; None when the folder is unusable."""
    path = folder / f"index.v{DB_VERSION}.sqlite"
    for attempt in range(2):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=15, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # a cache: rebuilt from the files if lost
            # A plain book's list rows hold names: a replaced or erased row is zeroed, not
            # left in free pages (see RowCache.save and privacy.subject.purge).
            db.execute("PRAGMA secure_delete=ON")
            db.executescript(SCHEMA)
            return db
        except sqlite3.DatabaseError:
            if attempt:
                return None
            for suffix in ("", "-wal", "-shm"):  # a damaged cache file: start again
                with contextlib.suppress(OSError):
                    Path(f"{path}{suffix}").unlink()
        except OSError:
            return None
    return None


def get_meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def rollback(db: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        db.execute("ROLLBACK")


def checkpoint(db: sqlite3.Connection) -> None:
    """Move the write-ahead log into the file and empty it (old page images go with it)."""
    with contextlib.suppress(sqlite3.Error):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
