"""Sequences for human numbers (case, referral and letter numbers), never handed out twice.

Each device writes only its own counter files, ``counters/<device>/<sequence>-<year>.json``
(DESIGN §2.5), and keeps a copy of its high-water mark in its cache folder, outside the
book. The next number is above the highest of: every device's counter (and any conflict
copy of one), this device's high-water mark, and every number this device has seen in a
record or a log (the caller passes that as ``floor``). So a counter file that a sync
service truncates, empties, deletes or overwrites with an older value never makes a
number come round again. Two offline machines can still mint the same number; ``tipref
doctor --renumber`` finds and renumbers such duplicates.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tipref import paths
from tipref.errors import BookBusy
from tipref.storage.atomic import atomic_write_text
from tipref.storage.history import ensure_folder, storage_error

if TYPE_CHECKING:
    from filelock import FileLock

COUNTER_FOLDER = "counters"


class Counters:
    def __init__(
        self, book_root: Path, lock: FileLock, device_id: str = "", book_key: str = ""
    ) -> None:
        self.folder = book_root / COUNTER_FOLDER
        self.device_id = device_id
        self._lock = lock
        self.high_water = paths.cache_dir() / "counters" / (book_key or "book")

    def own_file(self, name: str) -> Path:
        return (
            self.folder / self.device_id / f"{name}.json"
            if self.device_id
            else (self.folder / f"{name}.json")
        )

    @property
    def lock(self) -> FileLock:
        """The lock held while a counter changes (``doctor`` holds it to renumber)."""
        return self._lock

    def current(self, name: str) -> int:
        """The highest value of ``name`` in any counter file of the book, or this device's mark."""
        best = _read_value(self.high_water / f"{name}.json")
        if not self.folder.is_dir():
            return best
        for copy in self.folder.rglob(f"{name}*"):
            if copy.is_file() and not copy.name.startswith("."):
                best = max(best, _read_value(copy))
        return best

    def next(self, name: str, floor: int = 0) -> int:
        return self.next_block(name, 1, floor)

    def next_block(self, name: str, count: int, floor: int = 0) -> int:
        """The first of ``count`` consecutive values, all taken with one counter write."""
        from tipref.storage.format import write_guard

        refused = write_guard(self.folder.parent)
        if refused is not None:
            raise refused  # a newer book: do not burn a number either
        with self._held():
            value = max(self.current(name), floor) + 1
            self._write(name, value + count - 1)
            return value

    def ensure_at_least(self, name: str, value: int) -> None:
        with self._held():
            if self.current(name) < value:
                self._write(name, value)

    def absorb(self, name: str) -> int:
        """Make this device's own counter the highest of every copy (before copies go)."""
        with self._held():
            value = self.current(name)
            self._write(name, value)
            return value

    @contextlib.contextmanager
    def _held(self) -> Iterator[None]:
        """The counters' lock; a lock file the book cannot take is a named error."""
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise BookBusy(lock=self._lock.lock_file) from None
        except OSError as error:  # a read-only book or a full disk: nothing written yet
            raise storage_error(error, self._lock.lock_file) from None
        try:
            yield
        finally:
            self._lock.release()

    def _write(self, name: str, value: int) -> None:
        text = json.dumps({"value": value}) + "\n"
        target = self.own_file(name)
        ensure_folder(target.parent)
        try:
            atomic_write_text(target, text)
        except OSError as error:
            raise storage_error(error, target) from None
        with contextlib.suppress(OSError):  # the cache is a second copy, not the book
            atomic_write_text(self.high_water / f"{name}.json", text, durable=False)


def _read_value(path: Path) -> int:
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError, AttributeError):
        return int(json.loads(path.read_text(encoding="utf-8"))["value"])
    return 0
