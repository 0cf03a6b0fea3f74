"""Sequences for human numbers (case, referral and letter numbers).

A counter is one tiny file per sequence, changed under a lock, so minting a number costs
the same whatever the size of the book. Two offline machines can still mint the same
number; ``tipref doctor`` finds such duplicates. When a sync service leaves a conflict
copy of a counter, the highest value of all copies wins, so no number is handed out twice
on this machine.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from filelock import FileLock, Timeout

from tipref.errors import BookBusy
from tipref.storage.atomic import atomic_write_text

COUNTER_FOLDER = "counters"


class Counters:
    def __init__(self, book_root: Path, lock: FileLock) -> None:
        self.folder = book_root / COUNTER_FOLDER
        self._lock = lock

    @property
    def lock(self) -> FileLock:
        """The lock held while a counter changes (``doctor`` holds it to renumber)."""
        return self._lock

    def current(self, name: str) -> int:
        best = 0
        if not self.folder.is_dir():
            return best
        for copy in self.folder.glob(f"{name}*.json"):
            with contextlib.suppress(OSError, ValueError, json.JSONDecodeError, TypeError):
                best = max(best, int(json.loads(copy.read_text(encoding="utf-8"))["value"]))
        return best

    def next(self, name: str) -> int:
        try:
            with self._lock:
                value = self.current(name) + 1
                atomic_write_text(self.folder / f"{name}.json", json.dumps({"value": value}) + "\n")
                return value
        except Timeout:
            raise BookBusy(lock=self._lock.lock_file) from None

    def ensure_at_least(self, name: str, value: int) -> None:
        with self._lock:
            if self.current(name) < value:
                atomic_write_text(self.folder / f"{name}.json", json.dumps({"value": value}) + "\n")
