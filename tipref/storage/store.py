"""One JSON file per record, written atomically, changed under a lock, with a revision.

The store speaks plain dicts; :mod:`tipref.book.casebook` turns them into pydantic models. Every
write goes through :meth:`RecordStore.create`, :meth:`RecordStore.modify` or
:meth:`RecordStore.save`, and each appends what changed to this device's history.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref import clock, paths
from tipref.errors import (
    BookBusy,
    Conflict,
    CorruptRecord,
    Forked,
    NotFound,
    RevisionMismatch,
    TiprefError,
)
from tipref.storage.atomic import atomic_write_text
from tipref.storage.codec import Codec, PlainCodec
from tipref.storage.diff import SNAPSHOT_FIELDS, changes, patch
from tipref.storage.history import HistoryLog, ensure_folder, new_lock, storage_error
from tipref.storage.logstate import LogState
from tipref.storage.merge import three_way
from tipref.storage.rebuild import (
    Rebuilt,
    is_record_entry,
    lacking,
    parents_of,
    patch_base,
    rebuild,
    vv_max,
)

if TYPE_CHECKING:
    from filelock import FileLock  # imported when a lock is taken: reads take none (#21)

LOCK_FOLDER = ".locks"
LOCK_TIMEOUT_SECONDS = 30
RECORD_FILE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}\.json$")


def is_record_file(name: str) -> bool:
    return bool(RECORD_FILE.match(name))


class RecordStore:
    def __init__(
        self, root: Path, folders: dict[str, str], device_id: str, codec: Codec | None = None
    ) -> None:
        self.root = root
        self.folders = folders  # kind -> folder name, e.g. {"case": "cases"}
        self._folder_names = _FolderNames(root, folders)
        self.device_id = device_id
        self.codec: Codec = codec or PlainCodec()
        self.lock_folder = root / LOCK_FOLDER
        self.history = HistoryLog(root, device_id, self.lock_folder)
        self.logs = LogState(self.history.folder, paths.book_key(root))
        self.logs.own_log = self.history.path.name
        self._format_checked = False
        self.durable = True  # False only inside batch()
        self._locks: dict[str, FileLock] = {}

    # -- paths ---------------------------------------------------------------
    def folder(self, kind: str) -> Path:
        return self.root / self.folders[kind]

    def path(self, kind: str, record_id: str) -> Path:
        return self.folder(kind) / f"{record_id}.json"

    def lock(self, name: str) -> FileLock:
        """One lock object per name, so holding it twice in one process is reentrant."""
        if name not in self._locks:
            ensure_folder(self.lock_folder)
            self._locks[name] = new_lock(self.lock_folder / f"{name}.lock", LOCK_TIMEOUT_SECONDS)
        return self._locks[name]

    @contextlib.contextmanager
    def batch(self):
        """Bulk writes: hold every kind's lock once and sync the disk once at the end.

        Records and history lines are exactly those of single writes; only the per-file
        fsyncs are deferred to one sync when the batch ends.
        """
        with contextlib.ExitStack() as stack:
            for kind in self.folders:
                stack.enter_context(self._locked(kind))
            self.durable = self.history.durable = False
            try:
                yield self
            finally:
                self.durable = self.history.durable = True
                self.logs.flush()
                if hasattr(os, "sync"):
                    os.sync()

    # -- reading -------------------------------------------------------------
    def exists(self, kind: str, record_id: str) -> bool:
        return self.path(kind, record_id).is_file()

    def read(self, kind: str, record_id: str, check: bool = True) -> dict[str, Any]:
        path = self.path(kind, record_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            if check and self.logs.seen_for(record_id):
                rebuilt = self.rebuild(kind, record_id).state
                if rebuilt is not None:
                    return rebuilt  # the file was deleted (or has not arrived): the logs have it
            raise NotFound(kind=kind, ref=record_id) from None
        data = self.decode_file(kind, path, raw)
        return self.checked(kind, record_id, data) if check else data

    def checked(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """The cheap fork check: a snapshot lacking a log entry is rebuilt from the logs."""
        seen = self.logs.seen_for(record_id)
        if seen is None:
            return data
        vv = data.get("vv")
        if vv == seen or not lacking(vv, seen):  # equal: the usual case, checked at C speed
            return data
        rebuilt = self.rebuild(kind, record_id).state
        return rebuilt if rebuilt is not None else data

    def read_stamped(
        self, kind: str, record_id: str, check: bool = True
    ) -> tuple[dict[str, Any], tuple[int, int, int]]:
        """A record and the (mtime_ns, size, inode) of the very file version that was read
        (``check``: with the fork check of :meth:`checked`)."""
        # plain strings, not Path objects: this runs once per record when listing
        path = os.path.join(self._folder_names[kind], record_id + ".json")
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
                info = os.fstat(handle.fileno())
        except FileNotFoundError:
            raise NotFound(kind=kind, ref=record_id) from None
        data = self.decode_file(kind, path, raw, record_id)
        if check:
            data = self.checked(kind, record_id, data)
        return data, (
            info.st_mtime_ns,
            info.st_size,
            info.st_ino,
        )

    def decode_file(
        self, kind: str, path: Path | str, raw: bytes, record_id: str | None = None
    ) -> dict[str, Any]:
        record_id = record_id or Path(path).stem
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CorruptRecord(path=str(path), detail=str(error)) from None
        if not isinstance(data, dict) or data.get("id") != record_id:
            raise CorruptRecord(path=str(path), detail="not a record of this file's id")
        return self.codec.decode(kind, record_id, data)

    def ids(self, kind: str) -> list[str]:
        folder = self.folder(kind)
        if not folder.is_dir():
            return []
        return sorted(entry.name[:-5] for entry in _scan(folder) if is_record_file(entry.name))

    def scan(self, kind: str) -> Iterator[dict[str, Any] | CorruptRecord]:
        """Every record of a kind; a broken file yields its error instead of stopping the rest."""
        for record_id in self.ids(kind):
            try:
                yield self.read(kind, record_id)
            except NotFound:
                continue  # removed between listing and reading
            except CorruptRecord as error:
                yield error

    # -- writing -------------------------------------------------------------
    def create(
        self, kind: str, data: dict[str, Any], actor: str, note: str | None = None
    ) -> dict[str, Any]:
        data = copy.deepcopy(data)
        stamp = clock.stamp()
        data.update(
            revision=1, created_at=stamp, created_by=actor, updated_at=stamp, updated_by=actor
        )
        with self._locked(kind):
            if self.exists(kind, data["id"]) or self.logs.seen_for(data["id"]):
                raise Conflict(kind=kind, ref=data["id"], fields="id")
            return self._write_unit(kind, None, data, actor, "create", note, parents=[])

    def modify(
        self,
        kind: str,
        record_id: str,
        change: Callable[[dict[str, Any]], dict[str, Any]],
        actor: str,
        action: str = "update",
        note: str | None = None,
        if_revision: int | None = None,
    ) -> dict[str, Any]:
        """Read, change and write one record while holding the lock: no update is lost."""
        with self._locked(kind):
            self.logs.refresh()
            current, base, parents = self._current_for_write(kind, record_id)
            if if_revision is not None and int(current.get("revision") or 0) != if_revision:
                raise RevisionMismatch(
                    ref=current.get("number") or current.get("code") or record_id,
                    expected=if_revision,
                    current=current.get("revision"),
                )
            updated = change(copy.deepcopy(current))
            if not changes(current, updated) and note is None and len(parents) < 2:
                return current
            updated["revision"] = int(current.get("revision") or 0) + 1
            return self._write_unit(kind, base, updated, actor, action, note, parents)

    def save(
        self,
        kind: str,
        mine: dict[str, Any],
        base: dict[str, Any],
        actor: str,
        action: str = "update",
        note: str | None = None,
    ) -> dict[str, Any]:
        """Save an edit made on ``base``; if someone saved since, merge or refuse."""
        with self._locked(kind):
            self.logs.refresh()
            current, patch_base, parents = self._current_for_write(kind, mine["id"])
            if current.get("revision") != base.get("revision"):
                result = three_way(base, mine, current)
                if result.clashes:
                    fields = "; ".join(
                        f"{c.path}: mine={json.dumps(c.mine, ensure_ascii=False, default=str)} "
                        f"theirs={json.dumps(c.theirs, ensure_ascii=False, default=str)}"
                        for c in result.clashes
                    )
                    raise Conflict(kind=kind, ref=mine.get("number", mine["id"]), fields=fields)
                mine = result.merged
            if not changes(current, mine) and note is None and len(parents) < 2:
                return current
            mine = copy.deepcopy(mine)
            mine["revision"] = int(current.get("revision") or 0) + 1
            return self._write_unit(kind, patch_base, mine, actor, action, note, parents)

    def resolve(
        self,
        kind: str,
        merged: dict[str, Any],
        losing: dict[str, Any] | None,
        actor: str,
        action: str = "conflict-merge",
        note: str | None = None,
        expected: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Write the result of merging two versions of a record (a sync conflict).

        The new revision is above both versions'; the history entry keeps the full
        version that lost (``losing``), so nothing decided away is lost. ``expected``
        is the version the merge started from: if the file changed since, it is refused.
        """
        with self._locked(kind):
            self.logs.refresh()
            try:
                current, base, parents = self._current_for_write(kind, merged["id"])
            except NotFound:
                current, base, parents = None, None, []
            if (
                expected is not None
                and current is not None
                and current.get("revision") != expected.get("revision")
            ):
                raise Conflict(kind=kind, ref=merged.get("number", merged["id"]), fields="revision")
            merged, parents = _over_both(merged, current or {}, losing or {}, parents, base)
            return self._write_unit(
                kind, base, merged, actor, action, note, parents, losing=losing, extra=extra
            )

    def _current_for_write(
        self, kind: str, record_id: str
    ) -> tuple[dict[str, Any], dict[str, Any] | None, list[str]]:
        """The version a change is made on, the version its patch is taken against, and
        the entries it follows (two or more when the logs show a fork that merges cleanly)."""
        try:
            snapshot = self.read(kind, record_id, check=False)
        except NotFound:
            snapshot = None
        seen = self.logs.seen_for(record_id)
        if snapshot is not None and not lacking(snapshot.get("vv"), seen):
            return snapshot, patch_base(snapshot), parents_of(snapshot)
        rebuilt = self.rebuild(kind, record_id)
        if rebuilt.state is None:
            if snapshot is None:
                raise NotFound(kind=kind, ref=record_id)
            return snapshot, patch_base(snapshot), parents_of(snapshot)
        if rebuilt.clashes:
            raise Forked(
                ref=rebuilt.state.get("number") or rebuilt.state.get("code") or record_id,
                fields=", ".join(c.field for c in rebuilt.clashes),
            )
        heads = [h["id"] for h in rebuilt.heads]
        return rebuilt.state, rebuilt.states[heads[0]], heads

    def _write_unit(
        self,
        kind: str,
        base: dict[str, Any] | None,
        data: dict[str, Any],
        actor: str,
        action: str,
        note: str | None,
        parents: list[str],
        losing: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The log entry first (fsync), then the record file; if the record cannot be
        written, the entry is taken back, so a failed command changes nothing."""
        data = copy.deepcopy(data)
        data["updated_at"] = clock.stamp()
        data["updated_by"] = actor
        vv = dict(data.get("vv") or (base or {}).get("vv") or {})
        own = max(
            vv.get(self.device_id, 0), (self.logs.seen_for(data["id"]) or {}).get(self.device_id, 0)
        )
        vv[self.device_id] = own + 1
        entry: dict[str, Any] = {
            "at": data["updated_at"],
            "by": actor,
            "kind": kind,
            "record_id": data["id"],
            "number": data.get("number") or data.get("code"),
            "action": action,
            "revision": data.get("revision"),
            "parents": parents,
            "vv": vv,
            "changes": patch(base, {k: v for k, v in data.items() if k not in SNAPSHOT_FIELDS}),
            **(extra or {}),
        }
        if note is not None:
            entry["note"] = note
        if losing is not None:
            entry["losing"] = self.codec.encode(kind, data["id"], losing)  # as a record file is
        self.check_format(actor)
        stamps = (data.get("hlc"), (base or {}).get("hlc"))
        with self.history.locked():
            written, size = self.history._append(self.codec.encode_history(entry), stamps)
            data.update(
                log_entry=written["id"],
                log_revision=data.get("revision"),
                hlc=written["hlc"],
                vv=vv,
            )
            try:
                self._write(kind, data)
            except BaseException as error:
                self.history._truncate(size)
                if isinstance(error, OSError):
                    raise storage_error(error, self.path(kind, data["id"])) from None
                raise
        self.logs.note_entry(written)
        return data

    def settle(
        self,
        kind: str,
        record_id: str,
        actor: str,
        choose: Callable[[Rebuilt], tuple[dict[str, Any], dict[str, Any]] | None],
        note: str | None = None,
    ) -> dict[str, Any] | None:
        """Bring a record file in line with the logs (doctor): a stale or missing file is
        rewritten from them; a fork is merged by a new entry on every head, with what
        ``choose`` decides (it returns the merged record and facts for the entry, or None
        to leave the fork for later)."""
        with self._locked(kind):
            self.logs.refresh()
            rebuilt = self.rebuild(kind, record_id)
            if rebuilt.state is None:
                return None
            if not rebuilt.forked:
                self._write(kind, rebuilt.state)
                return rebuilt.state
            chosen = choose(rebuilt)
            if chosen is None:
                return None
            merged, extra = chosen
            heads = [h["id"] for h in rebuilt.heads]
            merged = copy.deepcopy(merged)
            merged["revision"] = int(rebuilt.state.get("revision") or 0) + 1
            merged["vv"] = rebuilt.state.get("vv")
            base = rebuilt.states[heads[0]]
            return self._write_unit(
                kind, base, merged, actor, "conflict-merge", note, heads, extra=extra
            )

    def recover(self, actor: str) -> list[str]:
        """Write the record file of any entry this device logged without one (a process
        killed between the two writes): see :func:`tipref.storage.recovery.recover`."""
        from tipref.storage.recovery import recover

        return recover(self, actor)

    def check_format(self, actor: str) -> None:
        """Before the first write: refuse a newer book, upgrade an older one."""
        if not self._format_checked:
            from tipref.storage.format import ensure_format

            ensure_format(self, actor)
            self._format_checked = True

    def rebuild(self, kind: str, record_id: str) -> Rebuilt:
        """The record as the device logs say it is (see :mod:`tipref.storage.rebuild`)."""
        decode = getattr(self.codec, "decode_history", None)
        entries = []
        for entry in self.history.entries(record_id):
            if not is_record_entry(entry):
                continue
            try:
                entries.append(decode(entry) if decode else entry)
            except TiprefError:
                continue  # a locked encrypted book: the snapshot is all there is
        return rebuild(entries, kind)

    def _write(self, kind: str, data: dict[str, Any]) -> None:
        stored = self.codec.encode(kind, data["id"], data)
        text = json.dumps(stored, ensure_ascii=False, indent=2, default=str) + "\n"
        ensure_folder(self.folder(kind))
        atomic_write_text(self.path(kind, data["id"]), text, self.durable)

    def _locked(self, kind: str):
        from filelock import Timeout

        lock = self.lock(kind)
        try:
            lock.acquire()
        except Timeout:
            raise BookBusy(lock=lock.lock_file) from None
        except OSError as error:
            raise storage_error(error, lock.lock_file) from None
        return _Release(lock)


def _over_both(
    merged: dict[str, Any],
    current: dict[str, Any],
    losing: dict[str, Any],
    parents: list[str],
    base: dict[str, Any] | None,
) -> tuple[dict[str, Any], list[str]]:
    """A merge of two versions: above both in revision and version vector, and following
    the losing version's entry too when it has one."""
    other = losing.get("log_entry")
    if other and other not in parents and base is not None:
        parents = [*parents, other]
    merged = copy.deepcopy(merged)
    top = max(int(current.get("revision") or 0), int(losing.get("revision") or 0))
    merged["revision"] = top + 1
    merged["vv"] = vv_max([current.get("vv") or {}, losing.get("vv") or {}])
    return merged, parents


class _Release:
    def __init__(self, lock: FileLock) -> None:
        self.lock = lock

    def __enter__(self) -> FileLock:
        return self.lock

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


class _FolderNames(dict):
    """kind -> the record folder as a string, computed on first use (kinds may be added later)."""

    def __init__(self, root: Path, folders: dict[str, str]) -> None:
        super().__init__()
        self.root = root
        self.folders = folders

    def __missing__(self, kind: str) -> str:
        self[kind] = str(self.root / self.folders[kind])
        return self[kind]


def _scan(folder: Path):
    with os.scandir(folder) as entries:
        yield from entries
