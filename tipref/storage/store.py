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
from typing import Any, Protocol

from filelock import FileLock, Timeout

from tipref import clock
from tipref.errors import BookBusy, Conflict, CorruptRecord, NotFound
from tipref.storage.atomic import atomic_write_text
from tipref.storage.diff import changes
from tipref.storage.history import HistoryLog
from tipref.storage.merge import three_way

LOCK_FOLDER = ".locks"
LOCK_TIMEOUT_SECONDS = 30
RECORD_FILE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}\.json$")


class Codec(Protocol):
    """Turns a record as the program sees it into what is stored, and back."""

    def encode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]: ...

    def decode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]: ...

    def encode_history(self, entry: dict[str, Any]) -> dict[str, Any]: ...


class PlainCodec:
    def encode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        return data

    def decode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        return data

    def encode_history(self, entry: dict[str, Any]) -> dict[str, Any]:
        return entry


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
            self.lock_folder.mkdir(parents=True, exist_ok=True)
            self._locks[name] = FileLock(
                str(self.lock_folder / f"{name}.lock"), timeout=LOCK_TIMEOUT_SECONDS
            )
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
                if hasattr(os, "sync"):
                    os.sync()

    # -- reading -------------------------------------------------------------
    def exists(self, kind: str, record_id: str) -> bool:
        return self.path(kind, record_id).is_file()

    def read(self, kind: str, record_id: str) -> dict[str, Any]:
        path = self.path(kind, record_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise NotFound(kind=kind, ref=record_id) from None
        return self.decode_file(kind, path, raw)

    def read_stamped(
        self, kind: str, record_id: str
    ) -> tuple[dict[str, Any], tuple[int, int, int]]:
        """A record and the (mtime_ns, size, inode) of the very file version that was read."""
        # plain strings, not Path objects: this runs once per record when listing
        path = os.path.join(self._folder_names[kind], record_id + ".json")
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
                info = os.fstat(handle.fileno())
        except FileNotFoundError:
            raise NotFound(kind=kind, ref=record_id) from None
        return self.decode_file(kind, path, raw, record_id), (
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
            if self.exists(kind, data["id"]):
                raise Conflict(kind=kind, ref=data["id"], fields="id")
            self._write(kind, data)
            self._log(kind, "create", None, data, actor, note)
        return data

    def modify(
        self,
        kind: str,
        record_id: str,
        change: Callable[[dict[str, Any]], dict[str, Any]],
        actor: str,
        action: str = "update",
        note: str | None = None,
    ) -> dict[str, Any]:
        """Read, change and write one record while holding the lock: no update is lost."""
        with self._locked(kind):
            current = self.read(kind, record_id)
            updated = change(copy.deepcopy(current))
            return self._commit(kind, current, updated, actor, action, note)

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
            current = self.read(kind, mine["id"])
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
            return self._commit(kind, current, mine, actor, action, note)

    def resolve(
        self,
        kind: str,
        merged: dict[str, Any],
        losing: dict[str, Any] | None,
        actor: str,
        action: str = "conflict-merge",
        note: str | None = None,
        expected: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Write the result of merging two versions of a record (a sync conflict).

        The new revision is above both versions'; the history entry keeps the full
        version that lost (``losing``), so nothing decided away is lost. ``expected``
        is the version the merge started from: if the file changed since, it is refused.
        """
        with self._locked(kind):
            try:
                current = self.read(kind, merged["id"])
            except NotFound:
                current = None
            if (
                expected is not None
                and current is not None
                and current.get("revision") != expected.get("revision")
            ):
                raise Conflict(kind=kind, ref=merged.get("number", merged["id"]), fields="revision")
            merged = copy.deepcopy(merged)
            top = max(
                int((current or {}).get("revision") or 0), int((losing or {}).get("revision") or 0)
            )
            merged["revision"] = top + 1
            merged["updated_at"] = clock.stamp()
            merged["updated_by"] = actor
            self._write(kind, merged)
            self._log(kind, action, current, merged, actor, note, losing=losing)
        return merged

    def _commit(self, kind, current, updated, actor, action, note) -> dict[str, Any]:
        if not changes(current, updated) and note is None:
            return current
        updated["revision"] = int(current.get("revision", 0)) + 1
        updated["updated_at"] = clock.stamp()
        updated["updated_by"] = actor
        self._write(kind, updated)
        self._log(kind, action, current, updated, actor, note)
        return updated

    def _write(self, kind: str, data: dict[str, Any]) -> None:
        stored = self.codec.encode(kind, data["id"], data)
        text = json.dumps(stored, ensure_ascii=False, indent=2, default=str) + "\n"
        atomic_write_text(self.path(kind, data["id"]), text, self.durable)

    def _log(self, kind, action, old, new, actor, note, losing=None) -> None:
        entry = {
            "at": clock.stamp(),
            "by": actor,
            "device": self.device_id,
            "kind": kind,
            "record_id": new["id"],
            "number": new.get("number") or new.get("code"),
            "action": action,
            "revision": new.get("revision"),
            "changes": changes(old, new),
        }
        if note is not None:
            entry["note"] = note
        if losing is not None:
            entry["losing"] = self.codec.encode(
                kind, new["id"], losing
            )  # stored as a record file is
        self.history.append(self.codec.encode_history(entry))

    def _locked(self, kind: str):
        lock = self.lock(kind)
        try:
            lock.acquire()
        except Timeout:
            raise BookBusy(lock=lock.lock_file) from None
        return _Release(lock)


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
