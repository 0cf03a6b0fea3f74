"""What this device has seen in the device logs, kept in its cache folder: the cheap fork check.

For each record, the highest entry count per device found in any log (a version vector).
A record file (a snapshot) carries the vector of the version it holds; when a log holds
more of some device's entries than the snapshot says, the snapshot lacks an entry — it
was overwritten, deleted or delayed by a sync service, or two devices changed it apart —
and the record is rebuilt from the logs. Logs are read incrementally (only the bytes
added since the last command), so the check costs a few ``stat`` calls per command and a
dictionary lookup per record, whatever the size of the book.

Also kept: every display number seen in a log or a record file, so the next number is
above all of them whatever happened to the counter files (DESIGN §2.2).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from tipref import paths
from tipref.storage.atomic import atomic_write_text

STATE_VERSION = 2
# The version vectors are saved once this many bytes of log were read since the last
# save; until then the next command reads those bytes again (cheap), so a write costs
# the same in a book of 100 cases and of 100,000.
SAVE_AFTER_BYTES = 256 * 1024


class LogState:
    def __init__(self, history_folder: Path, book_key: str) -> None:
        self.history_folder = history_folder
        self.file = paths.cache_dir() / "logstate" / f"{book_key}.v{STATE_VERSION}.json"
        # numbers are appended, one "kind<TAB>number" line each: never rewritten
        self.numbers_file = self.file.with_suffix(".numbers")
        self.files: dict[str, int] = {}  # log name -> bytes read
        self.seen: dict[str, dict[str, int]] = {}  # record id -> device -> entries
        self.numbers: dict[str, set[str]] = {}  # kind -> display numbers seen
        self._loaded = False
        self._dirty = False
        self._fresh = False
        self._unsaved_bytes = 0
        self._unsaved_bytes = 0
        self._fresh = False  # no saved state: save after the first full read
        self.enabled = True  # off only to measure what the check costs (benchmarks)

    # -- public -----------------------------------------------------------------
    def refresh(self) -> None:
        """Read what the logs gained since last time (a few stat calls when nothing did)."""
        if not self._loaded:
            self._load()
        try:
            logs = sorted(self.history_folder.glob("*.jsonl"))
        except OSError:
            logs = []
        for log in logs:
            self._tail(log)
        if self._dirty and (self._fresh or self._unsaved_bytes >= SAVE_AFTER_BYTES):
            self._save()

    def seen_for(self, record_id: str) -> dict[str, int] | None:
        if not self.enabled:
            return None
        if not self._loaded:
            self.refresh()
        return self.seen.get(record_id)

    def note_entry(self, entry: dict[str, Any]) -> None:
        """An entry this process wrote or read."""
        record_id, device, vv = entry.get("record_id"), entry.get("device"), entry.get("vv")
        if record_id and device and isinstance(vv, dict) and device in vv:
            mine = self.seen.setdefault(record_id, {})
            with contextlib.suppress(TypeError, ValueError):
                if int(vv[device]) > mine.get(device, 0):
                    mine[device] = int(vv[device])
                    self._dirty = True
        if entry.get("number") and entry.get("kind"):
            self.note_number(str(entry["kind"]), str(entry["number"]))

    def note_number(self, kind: str, number: str) -> None:
        known = self.numbers.setdefault(kind, set())
        if number not in known and "\t" not in number and "\n" not in number:
            known.add(number)
            with contextlib.suppress(OSError):
                self.numbers_file.parent.mkdir(parents=True, exist_ok=True)
                with open(self.numbers_file, "a", encoding="utf-8") as handle:
                    handle.write(f"{kind}\t{number}\n")

    def numbers_of(self, kind: str) -> set[str]:
        if not self._loaded:
            self.refresh()
        return self.numbers.get(kind, set())

    def flush(self) -> None:
        """Save now (the end of a batch)."""
        if self._dirty:
            self._save()

    def known_records(self) -> set[str]:
        if not self._loaded:
            self.refresh()
        return set(self.seen)

    # -- internals ----------------------------------------------------------------
    def _tail(self, log: Path) -> None:
        try:
            size = log.stat().st_size
        except OSError:
            return
        offset = self.files.get(log.name, 0)
        if size == offset:
            return
        if size < offset:
            offset = 0  # rewritten (erasure, a merged conflict copy): read again; counts are maxima
        with contextlib.suppress(OSError), open(log, "rb") as handle:
            handle.seek(offset)
            data = handle.read(size - offset)
            end = data.rfind(b"\n")
            if end < 0:
                return  # no whole line yet (a torn line, or a sync in progress)
            for raw in data[: end + 1].split(b"\n"):
                with contextlib.suppress(ValueError, UnicodeDecodeError):
                    entry = json.loads(raw.decode("utf-8"))
                    if isinstance(entry, dict):
                        self.note_entry(entry)
            self.files[log.name] = offset + end + 1
            self._unsaved_bytes += end + 1
            self._dirty = True

    def _load(self) -> None:
        self._loaded = True
        self._fresh = True
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError, KeyError):
            data = json.loads(self.file.read_bytes())
            self.files = {str(k): int(v) for k, v in data["files"].items()}
            self.seen = data["seen"]
            self._fresh = False
        with contextlib.suppress(OSError):
            for line in self.numbers_file.read_text(encoding="utf-8").splitlines():
                kind, _, number = line.partition("\t")
                if number:
                    self.numbers.setdefault(kind, set()).add(number)

    def _save(self) -> None:
        data = {"files": self.files, "seen": self.seen}
        with contextlib.suppress(OSError, Timeout):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.file) + ".lock", timeout=5):
                atomic_write_text(self.file, json.dumps(data, separators=(",", ":")), durable=False)
        self._dirty = False
        self._fresh = False
        self._unsaved_bytes = 0
