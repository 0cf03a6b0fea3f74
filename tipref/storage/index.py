"""A local, rebuildable index of a book's records (DESIGN.md §2), kept in SQLite.

The record files are the truth. The index lives in the user's cache folder, one SQLite
file per book (the book is named by a hash of its path; :mod:`tipref.storage.indexdb`),
and holds for each record file its (mtime_ns, size, inode) and a small summary: the
display number or code, the ids it points to and a few short facts used to filter lists
(status, service, dates). Before every full use the folder is listed and stat'ed: a file
whose stamp differs is read again, a vanished one dropped, a new one added, so the index
can never answer with something the files no longer say. A missing or corrupt index is
simply rebuilt.

Lookups of one case's referrals (``case_id``) need not stat every file: when the folder's
mtime is the one seen at the last full look (no file arrived, left or was renamed in
since; a stamp taken within two seconds of a change is not trusted), only the files the
index names are stat'ed. A record never changes its ``case_id``.

The summary holds no names, no NIK and no free text: the cache folder is not protected by
the book's key. (The list rows of :mod:`tipref.storage.rowcache` are kept for plain books
only.)
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from tipref import paths
from tipref.errors import CorruptRecord, KeyMissing
from tipref.storage.facts import LATEST_DATE, latest_date, summary
from tipref.storage.indexdb import rollback
from tipref.storage.store import RecordStore, is_record_file

INDEX_VERSION = 8
# A folder stamp taken this soon after the folder changed may miss a file written in the
# same clock tick: it is not trusted for the quick lookups (as git treats "racy" files).
RACY_NS = 2_000_000_000
CORRUPT = "_corrupt"
# Set when the file, at this stamp, passed its pydantic model: listing may then trust it
# without validating it again (see Book.rows).
VALID = "_valid"
# Set when the file also has every field the current models have (no defaults to fill).
COMPLETE = "_complete"


Known = dict[str, tuple[list[int], dict[str, Any]]]  # id -> (stamp, summary)


class RecordIndex:
    def __init__(self, store: RecordStore, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder or paths.cache_dir() / "index" / paths.book_key(store.root)
        # kind -> id -> (stamp, summary), as last seen by this process
        self._known: dict[str, Known] = {}
        self._dirty: dict[str, set[str]] = {}  # ids read again since the last save
        self._gone: dict[str, set[str]] = {}  # ids whose file left since the last save
        self._conn: sqlite3.Connection | None = None
        self._no_db = False

    def db(self) -> sqlite3.Connection | None:
        """The index database (None when the cache folder cannot be used)."""
        if self._conn is None and not self._no_db:
            from tipref.storage.indexdb import connect

            self._conn = connect(self.folder)
            self._no_db = self._conn is None
        return self._conn

    def _mapped_ids(self, kind: str, handle: str) -> list[str]:
        db = self.db()
        if db is None:
            return []
        try:
            rows = db.execute(
                "SELECT id FROM handles WHERE kind = ? AND handle = ?", (kind, handle.casefold())
            ).fetchall()
        except sqlite3.Error:
            return []
        return [r[0] for r in rows]

    def _folder_stamp(self, kind: str) -> str:
        try:
            return str(os.stat(self.store.folder(kind)).st_mtime_ns)
        except OSError:
            return ""

    def _folder_unchanged(self, kind: str, strict: bool = False) -> bool:
        """No file arrived or left since the last full look (a sync may bring a record
        holding a number already in use: then the map is not trusted). ``strict``: and
        the stamp was not taken in the same moment as a change (see RACY_NS)."""
        db = self.db()
        if db is None:
            return False
        try:
            row = db.execute("SELECT stamp, taken FROM folders WHERE kind = ?", (kind,)).fetchone()
        except sqlite3.Error:
            return False
        if row is None or not row[0] or row[0] != self._folder_stamp(kind):
            return False
        return not strict or int(row[1]) - int(row[0]) > RACY_NS

    # -- public ----------------------------------------------------------------
    def entries(self, kind: str) -> Known:
        """id -> (stamp, summary) of every record file of a kind, checked against every file."""
        return dict(self._sync(kind, full=True))

    def rows(self, kind: str) -> dict[str, dict[str, Any]]:
        """id -> summary of every record file of a kind, checked against every file's stamp."""
        known = self._sync(kind, full=True)
        return {record_id: facts for record_id, (_, facts) in known.items()}

    def entries_where(self, kind: str, where: dict[str, Any] | None) -> Known:
        """Like :meth:`entries`, narrowed to one case's records when ``where`` names a
        ``case_id``: then, if no file arrived or left since the last full look, only the
        files the index names for that case are stat'ed (others may still be returned;
        the caller filters by ``where``)."""
        if where and where.get("case_id") and kind not in self._known:
            found = self._by_case(kind, str(_plain(where["case_id"])))
            if found is not None:
                return found
        return self.entries(kind)

    def saved(self, kind: str, record_id: str) -> tuple[list[int], dict[str, Any]] | None:
        """One record's stamp and facts as last seen (no listing; tipref.book.trusted)."""
        if kind in self._known:
            return self._known[kind].get(record_id)
        db = self.db()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT mtime, size, ino, facts FROM records WHERE kind = ? AND id = ?",
                (kind, record_id),
            ).fetchone()
            return None if row is None else ([row[0], row[1], row[2]], json.loads(row[3]))
        except (sqlite3.Error, ValueError):
            return None

    def file_stamps(self, kind: str) -> dict[str, tuple[int, int, int]]:
        """id -> (mtime_ns, size, inode) of every record file, from a listing (none read)."""
        stamps: dict[str, tuple[int, int, int]] = {}
        with contextlib.suppress(FileNotFoundError), os.scandir(self.store.folder(kind)) as it:
            for entry in it:
                if is_record_file(entry.name):
                    with contextlib.suppress(OSError):
                        st = entry.stat()
                        stamps[entry.name[:-5]] = (st.st_mtime_ns, st.st_size, st.st_ino)
        return stamps

    def refreshed(self, kind: str, ids: list[str], gone: list[str]) -> Known:
        """The summaries of these record files, read again and saved; ``gone`` forgotten.
        (For a caller that compared the files' stamps itself: :mod:`tipref.book.listing`.)"""
        known = self._known.get(kind, {})
        found: Known = {}
        for record_id in ids:
            try:
                st = os.stat(self.store.path(kind, record_id))
            except OSError:
                continue
            facts = self._facts(kind, record_id)
            if facts is not None:
                found[record_id] = known[record_id] = (
                    [st.st_mtime_ns, st.st_size, st.st_ino],
                    facts,
                )
                if facts.get("number"):
                    self.store.logs.note_number(kind, str(facts["number"]))
        for record_id in gone:
            known.pop(record_id, None)
        db = self.db()
        if db is not None and (found or gone):
            try:
                db.execute("BEGIN")
                self.save_rows(db, kind, found, set(found), set(gone))
                db.execute("COMMIT")
            except sqlite3.Error:
                rollback(db)
        return found

    def forget_rows(self, kind: str, ids: list[str]) -> None:
        """Drop the list rows kept for these records now (a person's data was erased: the
        cache keeps no copy of it until the next list; :mod:`tipref.storage.rowcache`)."""
        from tipref.storage.rowcache import RowCache

        db = self.db()
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                RowCache(db, kind).forget(ids)

    def find(self, kind: str, handle: str) -> list[str]:
        """Ids of the records whose number or code is ``handle`` (case-insensitive).

        Fastest path: the handle table names the candidates, confirmed by reading their
        files (one record, whatever the book's size). Then: new and vanished files are
        picked up from the folder listing; when a candidate's file no longer says so, or
        nothing matches, every file's stamp is checked. A duplicate number that arrived
        by sync since the map was written is found by ``doctor``.
        """
        if kind not in self._known and self._folder_unchanged(kind):
            mapped = self._mapped_ids(kind, handle)
            if mapped and all(self._confirm(kind, record_id, handle) for record_id in mapped):
                return sorted(mapped)
        known = self._sync(kind, full=False)
        matches = self._matching(known, handle)
        if matches and all(self._confirm(kind, record_id, handle) for record_id in matches):
            return matches
        return self._matching(self._sync(kind, full=True), handle)

    def find_alias(self, kind: str, handle: str, fast: bool = False) -> list[str]:
        """Ids of the records that held ``handle`` as a number before being renumbered.

        ``fast``: only what the handle table says (no scan), for a warning on every lookup."""
        wanted = handle.casefold()
        if fast or (kind not in self._known and self._folder_unchanged(kind)):
            mapped = self._mapped_ids(kind, "~" + handle)
            if fast or mapped:
                return sorted(mapped)
        return sorted(
            record_id
            for record_id, facts in self.rows(kind).items()
            if wanted in str(facts.get("aliases") or "").casefold().split()
        )

    def select(self, kind: str, where: dict[str, Any]) -> list[str]:
        """Ids whose summary matches every ``field: value`` (a list value means any of);
        unreadable records are included, so the caller reports them."""
        wanted = {
            k: [_plain(x) for x in v] if isinstance(v, (list, tuple, set)) else [_plain(v)]
            for k, v in where.items()
        }
        return sorted(
            record_id
            for record_id, (_, facts) in self.entries_where(kind, where).items()
            if CORRUPT in facts or all(facts.get(k) in values for k, values in wanted.items())
        )

    # -- internals -------------------------------------------------------------
    @staticmethod
    def _matching(known: Known, handle: str) -> list[str]:
        wanted = handle.casefold()
        return sorted(
            record_id
            for record_id, (_, facts) in known.items()
            if str(facts.get("number") or facts.get("code") or "").casefold() == wanted
        )

    def _confirm(self, kind: str, record_id: str, handle: str) -> bool:
        try:
            data = self.store.read(kind, record_id)
        except Exception:  # noqa: BLE001 - gone or unreadable: not confirmed
            return False
        return str(data.get("number") or data.get("code") or "").casefold() == handle.casefold()

    def _by_case(self, kind: str, case_id: str) -> Known | None:
        """The records of one case from the index, each file stat'ed; None when the index
        cannot vouch that no file arrived since the last full look."""
        db = self.db()
        if db is None or not self._folder_unchanged(kind, strict=True):
            return None
        try:
            rows = db.execute(
                "SELECT id, mtime, size, ino, facts FROM records WHERE kind = ? "
                "AND (case_id = ? OR case_id IS NULL)",  # NULL: unreadable ones too, reported
                (kind, case_id),
            ).fetchall()
        except sqlite3.Error:
            return None
        found: Known = {}
        folder = self.store.folder(kind)
        for record_id, mtime, size, ino, facts in rows:
            try:
                st = os.stat(folder / f"{record_id}.json")
            except OSError:
                return None  # gone since: look at the whole folder
            if [st.st_mtime_ns, st.st_size, st.st_ino] != [mtime, size, ino]:
                return None  # changed since: the full look reads it again
            found[record_id] = ([mtime, size, ino], json.loads(facts))
        if not self._folder_unchanged(kind, strict=True):
            return None  # something arrived while the files were stat'ed
        return found

    def _sync(self, kind: str, full: bool) -> Known:
        saved = self._as_saved(kind, full)
        if saved is not None:
            return saved
        from filelock import FileLock, Timeout  # here: a lookup by handle map takes no lock

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.folder / f"{kind}.lock"), timeout=10):
                return self._sync_locked(kind, full, persist=True)
        except (OSError, Timeout):
            return self._sync_locked(kind, full, persist=False)  # no usable cache: the files alone

    def _as_saved(self, kind: str, full: bool) -> Known | None:
        """The index as saved if no file arrived, left or changed since: nothing to write,
        so no lock (None: the locked path reads what changed and saves it)."""
        if kind in self._known or not self._folder_unchanged(kind, strict=True):
            return None
        known = self._load(kind)
        if full and not self._stamps_match(kind, known):
            return None
        self._known[kind] = known
        return known

    def _stamps_match(self, kind: str, known: Known) -> bool:
        """Every record file of the kind is in ``known`` with its stamp, and no other."""
        try:
            with os.scandir(self.store.folder(kind)) as entries:
                found = {e.name[:-5]: e.stat() for e in entries if is_record_file(e.name)}
        except OSError:
            return False
        return found.keys() == known.keys() and all(
            known[i][0] == [st.st_mtime_ns, st.st_size, st.st_ino] for i, st in found.items()
        )

    def _validate(self, kind: str, data: dict[str, Any]) -> bool:
        """Check a record against its model once per file version. A locked encrypted book
        shows placeholders, so nothing is remembered then: the real values are checked later."""
        if getattr(self.store.codec, "locked", False):
            return False
        from pydantic import ValidationError

        from tipref.errors import TiprefError
        from tipref.schemas import RECORD_MODELS

        model = RECORD_MODELS.get(kind)
        if model is None:
            return False
        try:
            model.model_validate(data, context={"stored": True})  # tipref.schemas.text.STORED
        except (ValidationError, TiprefError):
            return False  # not remembered as valid: Book.rows validates it and reports it
        return True

    @staticmethod
    def complete(kind: str, data: dict[str, Any]) -> bool:
        import copy

        from tipref.schemas import RECORD_MODELS
        from tipref.schemas.defaults import fill_defaults

        return fill_defaults(RECORD_MODELS[kind], copy.deepcopy(data)) == data

    def _load(self, kind: str) -> Known:
        known: Known = {}
        db = self.db()
        if db is None:
            return known
        try:
            rows = db.execute(
                "SELECT id, mtime, size, ino, facts FROM records WHERE kind = ?", (kind,)
            )
            loads = json.loads
            for record_id, mtime, size, ino, facts in rows:
                known[record_id] = ([mtime, size, ino], loads(facts))
        except (sqlite3.Error, ValueError):
            known = {}  # corrupt or unreadable: rebuilt from the record files
        return known

    def _sync_locked(self, kind: str, full: bool, persist: bool) -> Known:
        if kind not in self._known:
            self._known[kind] = self._load(kind) if persist else {}
        known = self._known[kind]
        stamp_before = self._folder_stamp(kind)
        seen, changed = self._scan_folder(kind, known, full)
        for record_id in [r for r in known if r not in seen]:
            del known[record_id]
            self._gone.setdefault(kind, set()).add(record_id)
            changed = True
        if persist:
            self._persist(kind, known, changed, stamp_before)
        return known

    def _scan_folder(self, kind: str, known: Known, full: bool) -> tuple[set[str], bool]:
        """The record ids in the folder, and whether a file was new or changed."""
        seen: set[str] = set()
        changed = False
        folder = self.store.folder(kind)
        if not folder.is_dir():
            return seen, changed
        with os.scandir(folder) as entries:
            for entry in entries:
                if not is_record_file(entry.name):
                    continue
                record_id = entry.name[:-5]
                seen.add(record_id)
                if not full and record_id in known:
                    continue
                outcome = self._refresh(kind, entry, known)
                if outcome is None:
                    seen.discard(record_id)  # vanished or undecodable: look again next time
                changed = changed or bool(outcome)
        return seen, changed

    def _refresh(self, kind: str, entry: os.DirEntry, known: Known) -> bool | None:
        """Read a record file again if its stamp changed: True if it did, None if unreadable."""
        record_id = entry.name[:-5]
        try:
            st = entry.stat()
        except OSError:
            return False
        stamp = [st.st_mtime_ns, st.st_size, st.st_ino]
        if record_id in known and known[record_id][0] == stamp:
            return False
        facts = self._facts(kind, record_id)
        if facts is None:
            return None
        known[record_id] = (stamp, facts)
        self._dirty.setdefault(kind, set()).add(record_id)
        if facts.get("number"):
            self.store.logs.note_number(kind, str(facts["number"]))
        return True

    def _facts(self, kind: str, record_id: str) -> dict[str, Any] | None:
        try:
            raw = self.store.path(kind, record_id).read_bytes()  # the file itself
            data = self.store.decode_file(kind, self.store.path(kind, record_id), raw)
        except KeyMissing:  # sealed with a key not held (yet): index the plain facts, not valid
            return self._sealed_facts(kind, record_id)
        except CorruptRecord as error:
            return {CORRUPT: str(error)}
        except Exception:  # noqa: BLE001 - vanished or undecodable
            return None
        facts = summary(data)
        facts[LATEST_DATE] = latest_date(raw)
        if self._validate(kind, data):
            facts[VALID] = True
            if self.complete(kind, data):
                facts[COMPLETE] = True
        return facts

    def _sealed_facts(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The facts of a record whose values this member cannot open: they are plain (ids,
        numbers, dates, statuses), so lists find it, and reading it says which key is missing."""
        try:
            raw = self.store.path(kind, record_id).read_bytes()
            return {**summary(json.loads(raw)), LATEST_DATE: latest_date(raw)}
        except (OSError, ValueError):
            return None

    def _persist(self, kind: str, known: Known, changed: bool, stamp: str) -> None:
        db = self.db()
        if db is None:
            return
        dirty = self._dirty.pop(kind, set())
        gone = self._gone.pop(kind, set())
        try:
            db.execute("BEGIN")
            if changed:
                self.save_rows(db, kind, known, dirty, gone)
            if stamp:  # a listing (full or not) saw every file that had arrived or left
                db.execute(
                    "INSERT OR REPLACE INTO folders VALUES (?, ?, ?)", (kind, stamp, time.time_ns())
                )
            db.execute("COMMIT")
        except sqlite3.Error:
            rollback(db)

    @staticmethod
    def save_rows(
        db: sqlite3.Connection,
        kind: str,
        known: Known,
        dirty: set[str],
        gone: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        changed = [(kind, r) for r in sorted(dirty | gone)]
        db.executemany("DELETE FROM records WHERE kind = ? AND id = ?", changed)
        db.executemany("DELETE FROM handles WHERE kind = ? AND id = ?", changed)
        rows, handles = [], []
        for record_id in sorted(dirty - gone):
            if record_id not in known:
                continue
            (mtime, size, ino), facts = known[record_id]
            text = json.dumps(facts, ensure_ascii=False, separators=(",", ":"))
            rows.append((kind, record_id, mtime, size, ino, text, facts.get("case_id")))
            handles += [(kind, h, record_id) for h in _handles(facts)]
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT INTO handles VALUES (?, ?, ?)", handles)


def _handles(facts: dict[str, Any]) -> list[str]:
    """A record's number or code, and its old numbers after renumbering (``~`` first)."""
    found = []
    handle = str(facts.get("number") or facts.get("code") or "").casefold()
    if handle:
        found.append(handle)
    for alias in str(facts.get("aliases") or "").casefold().split():
        found.append(f"~{alias}")
    return found


def _plain(value: Any) -> Any:
    value = getattr(value, "value", value)
    return value.isoformat() if hasattr(value, "isoformat") else value
