"""The change history: one JSON-lines file per device, so logs never conflict in sync.

Each line says who changed which record, when, on which device, and field by field
what the old and new values were. Case files can end up in court.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock

HISTORY_FOLDER = "history"


class HistoryLog:
    def __init__(self, book_root: Path, device_id: str, lock_folder: Path) -> None:
        self.folder = book_root / HISTORY_FOLDER
        self.path = self.folder / f"{device_id}.jsonl"
        self._lock = FileLock(str(lock_folder / f"history-{device_id}.lock"), timeout=30)
        self.durable = True  # False only inside RecordStore.batch(), which syncs at its end

    @property
    def lock(self) -> FileLock:
        """The lock held while this device's log is written (or rewritten)."""
        return self._lock

    def append(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, ensure_ascii=False, default=str, sort_keys=True) + "\n"
        self.folder.mkdir(parents=True, exist_ok=True)
        # Several processes of one device share this file: the lock keeps lines whole.
        with self._lock, open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            if self.durable:
                os.fsync(handle.fileno())

    def entries(self, record_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Every device's entries (optionally for one record), oldest first."""
        collected = []
        for log_file in sorted(self.folder.glob("*.jsonl")):
            with open(log_file, encoding="utf-8") as handle:
                for line in handle:
                    line = line.strip()
                    if not line:
                        continue
                    try:
                        entry = json.loads(line)
                    except json.JSONDecodeError:
                        # A line cut by a crash or a sync in progress: skip it, keep the rest.
                        continue
                    if record_id is None or entry.get("record_id") == record_id:
                        collected.append(entry)
        collected.sort(key=lambda entry: entry.get("at", ""))
        yield from collected
