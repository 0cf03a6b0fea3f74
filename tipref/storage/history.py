"""The change history: one JSON-lines log per device, the truth the record files derive from.

Only its own device ever writes a log (DESIGN §2.5), so sync services never have two
versions of one log to choose between. Each line is one entry:

* ``id`` (a ULID), ``device``, ``by``, ``at`` (wall clock, for people) and ``hlc`` (a
  hybrid logical clock, for ordering: :mod:`tipref.storage.hlc`);
* ``kind``, ``record_id``, ``number``, ``action``, ``revision``;
* ``parents``: the entry (or entries, for a merge) whose version of the record this
  change was made on; ``[]`` for a record's first entry; ``vv``: the record's version
  vector after the change (per device, how many of its entries the version includes);
* ``changes``: field-level patch ``{"field", "old", "new"}`` on dotted paths, enough to
  rebuild the record (see :mod:`tipref.storage.rebuild`);
* ``prev``: the hash of the previous entry of this log, ``hash``: this entry's own hash,
  so a log edited by hand or cut short is found by ``tipref doctor``.

Why a field-level patch rather than a full snapshot in every entry: the patch is what a
person reads in ``tipref log``, what erasure (privacy) scrubs and what an encrypted book
seals field by field; a second, full copy of the record in each line would escape both.
The store checks, before writing, that the patch rebuilds the new version exactly and
widens it to whole top-level fields where it would not (:func:`tipref.storage.diff.patch`).

A line cut by a crash is tolerated: a reader skips it (``doctor`` reports it), and an
append always starts on a fresh line, so a torn last line never swallows the next entry.
Entries from tipref before log format 2 have no ``id``/``hash``: they are read as they are.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from tipref.errors import BookBusy, DiskFull, NotAFolder, ReadOnlyBook, StorageError
from tipref.ids import new_id
from tipref.storage import hlc

if TYPE_CHECKING:  # filelock is imported when the log is written: reads need no lock (#21)
    from filelock import FileLock

HISTORY_FOLDER = "history"
LOG_VERSION = 2
TAIL_CHUNK = 65536


def storage_error(error: OSError, path: Path | str) -> StorageError:
    """A file-system failure as one of the core's named errors."""
    code = getattr(error, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFull(path=str(path))
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or isinstance(error, PermissionError):
        return ReadOnlyBook(path=str(path))
    if code in (errno.ENOTDIR, errno.EEXIST) or isinstance(error, NotADirectoryError):
        return NotAFolder(path=str(path))
    return StorageError(path=str(path), detail=error.strerror or str(error))


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` if needed; a file in its place, or a read-only book, is a named error."""
    if folder.exists() and not folder.is_dir():
        raise NotAFolder(path=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise storage_error(error, folder) from None


def canonical(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


_ORJSON_CANONICAL = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


def _chained_line(entry: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """An entry's log line (with its hash) and the entry as a reader parses it back.

    The hash covers the line without its ``hash`` member (:func:`line_hash_ok`), so any
    serialiser that writes sorted keys and gives the same text for a value parsed back
    keeps the chain exact. orjson does, ten times faster than ``json`` (half of a
    10,000-row import's log time); an entry it cannot write (an integer beyond 64 bits)
    is written by :func:`canonical`, both of its texts by the same one."""
    try:
        text, dump = _orjson_canonical(entry), _orjson_canonical
        parsed = orjson.loads(text)  # exactly what a reader will hash
    except TypeError:
        text, dump = canonical(entry), canonical
        parsed = json.loads(text)  # not orjson: it would read such an integer as a float
    parsed["hash"] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return dump(parsed), parsed


def _orjson_canonical(entry: dict[str, Any]) -> str:
    return orjson.dumps(entry, option=_ORJSON_CANONICAL, default=str).decode("utf-8")


def entry_hash(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()[:32]


_HASH_MEMBER = re.compile(r',"hash":"([0-9a-f]{32})"')


def line_hash_ok(raw: str, entry: dict[str, Any]) -> bool:
    """Whether a line's ``hash`` is the hash of the rest of the line.

    Lines are written in canonical form, so the canonical text of an entry without its
    hash is the line with the hash member cut out: no need to serialise it again."""
    found = _HASH_MEMBER.search(raw)
    if found is None or found.group(1) != entry.get("hash"):
        return False
    body = raw[: found.start()] + raw[found.end() :]
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32] == entry["hash"]


def is_chained(entry: dict[str, Any]) -> bool:
    return entry.get("v", 1) >= LOG_VERSION and "hash" in entry


@dataclass
class LogLine:
    path: Path
    number: int
    entry: dict[str, Any] | None  # None: the line does not parse
    raw: str


@dataclass
class ChainReport:
    """What checking one device's log found."""

    path: Path
    entries: int = 0
    broken_lines: list[int] = field(default_factory=list)  # line numbers that do not parse
    bad_links: list[int] = field(default_factory=list)  # entries whose prev or hash is wrong

    @property
    def ok(self) -> bool:
        return not self.broken_lines and not self.bad_links


_PARSED: dict[str, tuple[tuple[int, int], list[LogLine]]] = {}


def read_lines(path: Path) -> list[LogLine]:
    """A log's lines, parsed once per version of the file (doctor reads logs several ways)."""
    try:
        info = path.stat()
    except OSError:
        return []
    stamp = (info.st_mtime_ns, info.st_size)
    cached = _PARSED.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    lines = list(_parse_lines(path))
    _PARSED[str(path)] = (stamp, lines)
    return lines


def _parse_lines(path: Path) -> Iterator[LogLine]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if not stripped:
            continue
        try:
            entry = json.loads(stripped)
        except json.JSONDecodeError:
            yield LogLine(path, number, None, stripped)
            continue
        yield LogLine(path, number, entry if isinstance(entry, dict) else None, stripped)


def verify_chain(path: Path) -> ChainReport:
    """Check every chained entry's hash and its link to the previous entry of the log."""
    report = ChainReport(path)
    previous: str | None = None
    for line in read_lines(path):
        if line.entry is None:
            report.broken_lines.append(line.number)
            continue
        report.entries += 1
        if not is_chained(line.entry):
            previous = entry_hash(line.entry)  # an older tipref's line: the next one chains to it
            continue
        if not line_hash_ok(line.raw, line.entry) or line.entry.get("prev") != previous:
            report.bad_links.append(line.number)
        previous = line.entry["hash"]
    return report


def last_entry(path: Path) -> tuple[dict[str, Any] | None, int, bool]:
    """This log's last entry that parses, the file's size, and whether it ends a line."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None, 0, True
    if size == 0:
        return None, 0, True
    with open(path, "rb") as handle:
        handle.seek(size - 1)
        ends_line = handle.read(1) == b"\n"
        end, found = size, None
        while end > 0 and found is None:
            start = max(0, end - TAIL_CHUNK)
            handle.seek(start)
            chunk = handle.read(size - start)
            lines = chunk.split(b"\n")
            if start > 0:
                lines = lines[1:]  # the first piece may be the end of a longer line
            for raw in reversed(lines):
                with contextlib.suppress(ValueError, UnicodeDecodeError):
                    candidate = json.loads(raw.decode("utf-8"))
                    if isinstance(candidate, dict):
                        found = candidate
                        break
            end = start
    return found, size, ends_line


def new_lock(path: Path, timeout: float) -> FileLock:
    """A file lock; filelock is imported when the first is made, so reads take none (#21)."""
    from filelock import FileLock

    return FileLock(str(path), timeout=timeout)


class HistoryLog:
    def __init__(self, book_root: Path, device_id: str, lock_folder: Path) -> None:
        self.folder = book_root / HISTORY_FOLDER
        self.device_id = device_id
        self.path = self.folder / f"{device_id}.jsonl"
        self.lock_folder = lock_folder
        self._lock: FileLock | None = None
        self.durable = True  # False only inside RecordStore.batch(), which syncs at its end

    @property
    def lock(self) -> FileLock:
        """The lock held while this device's log is written (or rewritten)."""
        if self._lock is None:
            self._lock = new_lock(self.lock_folder / f"history-{self.device_id}.lock", 30)
        return self._lock

    @contextlib.contextmanager
    def locked(self):
        from filelock import Timeout

        ensure_folder(self.lock_folder)
        try:
            with self.lock:
                yield
        except Timeout:
            raise BookBusy(lock=self.lock.lock_file) from None

    def append(self, entry: dict[str, Any], after: tuple[str | None, ...] = ()) -> dict[str, Any]:
        """Chain ``entry`` to this log and write it durably; returns the entry as written.

        ``after``: clock stamps the new entry must order after (the version it changes).
        """
        from tipref.storage.format import write_guard

        refused = write_guard(self.folder.parent)
        if refused is not None:
            raise refused
        with self.locked():
            return self._append(entry, after)[0]

    def _append(
        self, entry: dict[str, Any], after: tuple[str | None, ...] = ()
    ) -> tuple[dict[str, Any], int]:
        written, size = self._append_many([(entry, after)], self.durable)
        return written[0], size

    def _append_many(
        self, items: list[tuple[dict[str, Any], tuple[str | None, ...]]], durable: bool = True
    ) -> tuple[list[dict[str, Any]], int]:
        """Chain entries (each with the stamps it orders after) and write them in one
        append with one fsync; returns them as written and the log's size before."""
        ensure_folder(self.folder)
        last, size, ends_line = last_entry(self.path)
        written, lines = [], []
        for entry, after in items:
            entry = dict(entry)
            entry["v"] = LOG_VERSION
            entry.setdefault("id", new_id())
            entry["device"] = self.device_id
            entry["hlc"] = hlc.tick(self.device_id, (last or {}).get("hlc"), *after)
            entry["prev"] = self._last_hash(last)
            line, entry = _chained_line(entry)
            written.append(entry)
            lines.append(line)
            last = entry
        text = ("" if ends_line else "\n") + "\n".join(lines) + "\n"
        try:
            with open(self.path, "a", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
        except OSError as error:
            self._truncate(size)
            raise storage_error(error, self.path) from None
        return written, size

    def _last_hash(self, last: dict[str, Any] | None) -> str | None:
        if last is None:
            return None
        if is_chained(last):
            return last["hash"]
        return entry_hash(last)  # the last line before format 2: chain to its content

    def _truncate(self, size: int) -> None:
        """Take back an entry whose record could not be written (the caller holds the lock)."""
        with contextlib.suppress(OSError), open(self.path, "r+b") as handle:
            handle.truncate(size)
            handle.flush()
            os.fsync(handle.fileno())

    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob("*.jsonl") if not p.name.startswith("."))

    def entries(self, record_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Every device's entries (optionally for one record), in clock order."""
        collected = []
        seen: set[str] = set()
        for log_file in self.files():
            for line in read_lines(log_file):
                entry = line.entry
                if entry is None:
                    continue  # a line cut by a crash or a sync in progress
                if record_id is not None and entry.get("record_id") != record_id:
                    continue
                key = entry.get("id") or line.raw
                if key in seen:
                    continue  # a conflict copy of a log repeats lines
                seen.add(key)
                collected.append(dict(entry))
        collected.sort(key=_order)
        yield from collected

    def rewrite(self, path: Path, entries: list[dict[str, Any] | str]) -> None:
        """Replace a log with ``entries`` (erasure, re-encryption), chaining them anew.

        A line that does not parse (``str``) stays as it was, for a person to look at.
        """
        from tipref.storage.atomic import atomic_write_text

        lines, previous = [], None
        for entry in entries:
            if isinstance(entry, str):
                lines.append(entry)
                continue
            if is_chained(entry):
                entry = {**entry, "prev": previous}
                entry["hash"] = entry_hash(entry)
                previous = entry["hash"]
            else:
                previous = entry_hash(entry)
            lines.append(canonical(entry))
        atomic_write_text(path, "\n".join(lines) + ("\n" if lines else ""))


def _order(entry: dict[str, Any]) -> tuple[int, int, str]:
    if entry.get("hlc"):
        return hlc.parse(entry["hlc"])
    # entries before format 2: order by their wall-clock time, as a clock stamp would
    from datetime import datetime

    try:
        at = datetime.fromisoformat(str(entry.get("at", "")).replace("Z", "+00:00"))
        return (int(at.timestamp() * 1000), 0, str(entry.get("device", "")))
    except ValueError:
        return (0, 0, "")
