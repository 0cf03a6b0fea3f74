"""A local, rebuildable index of a book's records (DESIGN.md §2), kept with TinyDB.

The record files are the truth. The index lives in the user's cache folder, one TinyDB
file per book and record kind (the book is named by a hash of its path), and holds for
each record file its (mtime_ns, size, inode) and a small summary: the display number or
code, the ids it points to and a few short facts used to filter lists (status, service,
dates). Before every use the folder is listed and stat'ed: a file whose stamp differs is
read again, a vanished one dropped, a new one added, so the index can never answer with
something the files no longer say. A missing or corrupt index is simply rebuilt.

The summary holds no names, no NIK and no free text: the cache folder is not protected by
the book's key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from tipref import paths
from tipref.errors import CorruptRecord, KeyMissing
from tipref.storage.store import RecordStore, is_record_file

INDEX_VERSION = 8
SUMMARY_FIELDS = frozenset(
    {
        "number",
        "code",
        "status",
        "risk",
        "opened_on",
        "closed_on",
        "case_id",
        "person_id",
        "provider_id",
        "service",
        "direction",
        "referred_on",
        "revision",
        "updated_at",
        "created_at",
        "type",
        "issued_on",
    }
)
CORRUPT = "_corrupt"
# Set when the file, at this stamp, passed its pydantic model: listing may then trust it
# without validating it again (see Book.rows).
VALID = "_valid"
# Set when the file also has every field the current models have (no defaults to fill).
COMPLETE = "_complete"
# The latest ISO date in the file's bytes (dates sort as text; sealed values hide theirs):
# doctor's clock check compares it with today instead of reading every file again.
LATEST_DATE = "_latest"
_RAW_DATE = re.compile(rb'"(\d{4}-\d{2}-\d{2})')


def latest_date(raw: bytes) -> str:
    """The latest ISO date (alone or starting a timestamp) written in a file, or ''."""
    return max(_RAW_DATE.findall(raw), default=b"").decode("ascii")


class CompactJSONStorage(Storage):
    """TinyDB storage writing compact JSON atomically; unreadable content reads as empty."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return None
        except (ValueError, OSError):
            return None  # a corrupt index is rebuilt from the record files
        return data if isinstance(data, dict) else None

    def write(self, data: dict[str, Any]) -> None:
        from tipref.storage.atomic import atomic_write_text

        atomic_write_text(
            self.path,
            json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            durable=False,
        )


def _items(value: Any) -> list[dict[str, Any]]:
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


# Facts drawn from longer fields, still short and non-identifying: the version vector
# (doctor compares it with the logs without reading the file), letter numbers, the ids
# (never names) of a case's persons, and the old numbers of a renumbered record.
DERIVED: dict[str, tuple[str, Any]] = {
    "vv": (
        "vv",
        lambda v: (
            json.dumps(v, sort_keys=True, separators=(",", ":")) if isinstance(v, dict) else None
        ),
    ),
    "letters": (
        "letter_numbers",
        lambda v: "\t".join(str(i.get("number")) for i in _items(v)),
    ),
    "persons": ("person_ids", lambda v: " ".join(str(p.get("id")) for p in _items(v))),
    "aliases": (
        "aliases",
        lambda v: " ".join(str(x) for x in v)[:200] if isinstance(v, list) and v else None,
    ),
}


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """The short, non-identifying facts of a record the index keeps for lists and lookups."""
    result = {}
    for key, value in data.items():
        short = (
            value is None
            or isinstance(value, (int, float))
            or (isinstance(value, str) and len(value) <= 80)
        )
        if (key in SUMMARY_FIELDS or key.endswith("_id")) and short:
            result[key] = value
        elif key in DERIVED:
            name, derive = DERIVED[key]
            derived = derive(value)
            if derived:
                result[name] = derived
    return result


def book_key(root: Path) -> str:
    return hashlib.sha256(str(Path(root).resolve()).encode("utf-8")).hexdigest()[:20]


class RecordIndex:
    def __init__(self, store: RecordStore, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder or paths.cache_dir() / "index" / book_key(store.root)
        # kind -> id -> (stamp, summary), as last seen by this process
        self._known: dict[str, dict[str, tuple[list[int], dict[str, Any]]]] = {}
        self._handles: dict[str, bytes] = {}  # kind -> the handle map as read

    def _db_path(self, kind: str) -> Path:
        return self.folder / f"{kind}.v{INDEX_VERSION}.json"

    def _handles_path(self, kind: str) -> Path:
        return self.folder / f"{kind}.handles.v{INDEX_VERSION}.tsv"

    def _mapped_ids(self, kind: str, handle: str) -> list[str]:
        """Ids the handle map gives for ``handle``: a byte search, no parsing of the whole map."""
        if kind not in self._handles:  # read once per process: a number, then its aliases
            try:
                self._handles[kind] = self._handles_path(kind).read_bytes()
            except OSError:
                return []
        data = self._handles[kind]
        key = b"\n" + handle.casefold().encode("utf-8") + b"\t"
        found, start = [], data.find(key)
        while start >= 0:
            end = data.find(b"\n", start + len(key))
            found.append(
                data[start + len(key) : end if end >= 0 else None]
                .decode("ascii", "replace")
                .strip()
            )
            start = data.find(key, start + 1)
        return found

    def _folder_stamp(self, kind: str) -> str:
        try:
            return str(os.stat(self.store.folder(kind)).st_mtime_ns)
        except OSError:
            return ""

    def _folder_unchanged(self, kind: str) -> bool:
        """No file arrived or left since the handle map was written (a sync may bring a
        record holding a number already in use: then the map is not trusted)."""
        try:
            written = (self.folder / f"{kind}.folder").read_text(encoding="ascii")
        except OSError:
            return False
        return written == self._folder_stamp(kind)

    def _write_handle_map(
        self, kind: str, known: dict[str, tuple[list[int], dict[str, Any]]]
    ) -> None:
        # One "handle<TAB>id" line per record; handles never hold a tab or a newline.
        lines = [""]
        for record_id, (_, facts) in known.items():
            handle = str(facts.get("number") or facts.get("code") or "").casefold()
            if handle and "\t" not in handle and "\n" not in handle:
                lines.append(f"{handle}\t{record_id}")
            for alias in str(facts.get("aliases") or "").casefold().split():
                lines.append(f"~{alias}\t{record_id}")  # an old number, after renumbering
        from tipref.storage.atomic import atomic_write_text

        self._handles.pop(kind, None)
        atomic_write_text(self._handles_path(kind), "\n".join(lines) + "\n", durable=False)

    # -- public ----------------------------------------------------------------
    def entries(self, kind: str) -> dict[str, tuple[list[int], dict[str, Any]]]:
        """id -> (stamp, summary) of every record file of a kind, checked against every file."""
        return dict(self._sync(kind, full=True))

    def rows(self, kind: str) -> dict[str, dict[str, Any]]:
        """id -> summary of every record file of a kind, checked against every file's stamp."""
        known = self._sync(kind, full=True)
        return {record_id: facts for record_id, (_, facts) in known.items()}

    def find(self, kind: str, handle: str) -> list[str]:
        """Ids of the records whose number or code is ``handle`` (case-insensitive).

        Fastest path: the small handle map written with the index names the candidates,
        confirmed by reading their files (one record, whatever the book's size). Then: new
        and vanished files are picked up from the folder listing; when a candidate's file
        no longer says so, or nothing matches, every file's stamp is checked. A duplicate
        number that arrived by sync since the map was written is found by ``doctor``.
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

        ``fast``: only what the handle map says (no scan), for a warning on every lookup."""
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
            for record_id, facts in self.rows(kind).items()
            if CORRUPT in facts or all(facts.get(k) in values for k, values in wanted.items())
        )

    # -- internals -------------------------------------------------------------
    @staticmethod
    def _matching(known: dict[str, tuple[list[int], dict[str, Any]]], handle: str) -> list[str]:
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

    def _sync(self, kind: str, full: bool) -> dict[str, tuple[list[int], dict[str, Any]]]:
        from filelock import FileLock, Timeout  # here: a lookup by handle map takes no lock

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.folder / f"{kind}.lock"), timeout=10):
                return self._sync_locked(kind, full, persist=True)
        except (OSError, Timeout):
            return self._sync_locked(kind, full, persist=False)  # no usable cache: the files alone

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
    def _complete(kind: str, data: dict[str, Any]) -> bool:
        import copy

        from tipref.schemas import RECORD_MODELS
        from tipref.schemas.defaults import fill_defaults

        return fill_defaults(RECORD_MODELS[kind], copy.deepcopy(data)) == data

    def _load(self, kind: str) -> dict[str, tuple[list[int], dict[str, Any]]]:
        known: dict[str, tuple[list[int], dict[str, Any]]] = {}
        try:
            # TinyDB's own file, read as the plain JSON it is: building 10,000 Document
            # objects to copy them into this dict would cost more than the read itself.
            table = (CompactJSONStorage(str(self._db_path(kind))).read() or {}).get(kind, {})
            for doc in table.values():
                known[doc["id"]] = (doc["f"], doc["s"])
        except (ValueError, KeyError, TypeError, AttributeError, OSError):
            known = {}  # corrupt or unreadable: rebuilt from the record files
        return known

    def _sync_locked(
        self, kind: str, full: bool, persist: bool
    ) -> dict[str, tuple[list[int], dict[str, Any]]]:
        if kind not in self._known:
            self._known[kind] = self._load(kind) if persist else {}
        known = self._known[kind]
        stamp_before = self._folder_stamp(kind)
        seen, changed = self._scan_folder(kind, known, full)
        for record_id in [r for r in known if r not in seen]:
            del known[record_id]
            changed = True
        if persist:
            self._persist(kind, known, changed, full, stamp_before)
        return known

    def _scan_folder(
        self, kind: str, known: dict[str, tuple[list[int], dict[str, Any]]], full: bool
    ) -> tuple[set[str], bool]:
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

    def _refresh(
        self,
        kind: str,
        entry: os.DirEntry,
        known: dict[str, tuple[list[int], dict[str, Any]]],
    ) -> bool | None:
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
            if self._complete(kind, data):
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

    def _persist(
        self,
        kind: str,
        known: dict[str, tuple[list[int], dict[str, Any]]],
        changed: bool,
        full: bool,
        stamp_before: str,
    ) -> None:
        if changed:
            with (
                contextlib.suppress(OSError),
                TinyDB(str(self._db_path(kind)), storage=CompactJSONStorage) as db,
            ):
                table = db.table(kind)
                table.truncate()
                table.insert_multiple({"id": r, "f": f, "s": s} for r, (f, s) in known.items())
        if changed or not self._handles_path(kind).exists():
            with contextlib.suppress(OSError):
                self._write_handle_map(kind, known)
        if full:
            with contextlib.suppress(OSError):
                (self.folder / f"{kind}.folder").write_text(stamp_before, encoding="ascii")


def _plain(value: Any) -> Any:
    value = getattr(value, "value", value)
    return value.isoformat() if hasattr(value, "isoformat") else value
