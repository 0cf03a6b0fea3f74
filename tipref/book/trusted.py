"""Reads the local index vouches for: records as plain dicts, no model built (issue #21).

The index validated each record file against its model once, when it first read that
file version (``VALID``), and found nothing missing that a newer schema adds
(``COMPLETE``). While the file keeps that stamp (mtime, size, inode), its JSON is exactly
what the model would give back, so ``case show`` and ``referral list`` can print it
without importing pydantic's machinery or building a model — the one cost that kept them
at 2.5-3x the import floor. The book's settings are trusted the same way: ``Book.open``
notes the stamp of the ``tipref.json`` it validated (:func:`note_settings`).

Anything else returns None and the command takes the full path through the models,
which validates, reports and repairs as before: an encrypted book, settings not seen
valid, a file changed or added since it was indexed, a damaged file, an old number that
moved, a record the device logs are ahead of (the fork check: ``RecordStore.checked``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from tipref import clock, userconfig
from tipref.book.location import BOOK_FILE
from tipref.book.reading import facts_match, same_version
from tipref.errors import TiprefError
from tipref.schemas import RECORD_FOLDERS
from tipref.storage.codec import PlainCodec
from tipref.storage.index import COMPLETE, CORRUPT, VALID, RecordIndex
from tipref.storage.indexdb import get_meta, set_meta
from tipref.storage.store import RecordStore, is_record_file

_SETTINGS_KEY = "settings-valid"


def settings_stamp(root: Path) -> str | None:
    """The stamp of the book's ``tipref.json``, taken before it is read and validated."""
    return _file_stamp(root / BOOK_FILE)


def _file_stamp(path: Path) -> str | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}"


def note_settings(index: RecordIndex, root: Path, stamp: str | None) -> None:
    """Remember that ``tipref.json`` passed the settings model, if it still has the
    ``stamp`` taken before it was read."""
    db = index.db()
    if db is None or stamp is None or stamp != settings_stamp(root):
        return
    try:
        if get_meta(db, _SETTINGS_KEY) != stamp:
            set_meta(db, _SETTINGS_KEY, stamp)
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs speed
        return


def note_written(index: RecordIndex, kind: str, record_id: str, data: dict[str, Any]) -> None:
    """A record this process validated and wrote: vouched for at the stamp of the file
    that holds exactly ``data``, so the next read need not build its model again. A file
    replaced meanwhile holds other data and is left for the index to check as usual."""
    # a batch (the synthetic book) leaves its files to the index: a read-back per record
    # there cost 18% of building 1,000 cases
    if not isinstance(index.store.codec, PlainCodec) or not index.store.durable:
        return
    db = index.db()
    if db is None:
        return
    import orjson

    from tipref.storage.facts import LATEST_DATE, latest_date, summary

    try:
        stored, stamp = index.store.read_stamped(kind, record_id, check=False)
        if stored != data or not index.complete(kind, data):
            return
        facts = {**summary(data), LATEST_DATE: latest_date(orjson.dumps(data)), VALID: True}
        facts[COMPLETE] = True
        db.execute("BEGIN")
        index.save_rows(db, kind, {record_id: (list(stamp), facts)}, {record_id})
        db.execute("COMMIT")
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs speed
        with contextlib.suppress(Exception):
            db.execute("ROLLBACK")


class TrustedReader:
    """A plain book opened to read records the index vouches for.

    Made with :meth:`at` (its settings, before any option is read: the language and the
    time zone), then :meth:`ready` once before the first record is read."""

    def __init__(self, root: Path, settings: dict[str, Any], index: RecordIndex) -> None:
        self.root = root
        self.settings = settings
        self.index = index
        self.store = index.store

    @classmethod
    def at(cls, root: Path) -> TrustedReader | None:
        """The reader of the book at ``root`` if it is plain and its settings were seen
        valid (:func:`note_settings`); None: the full path must be taken."""
        import json

        from tipref.privacy.vault import is_encrypted_book

        stamp = settings_stamp(root)
        if stamp is None or is_encrypted_book(root):
            return None
        try:
            index = RecordIndex(RecordStore(root, RECORD_FOLDERS, userconfig.device_id(), None))
            db = index.db()
            if db is None or get_meta(db, _SETTINGS_KEY) != stamp:
                return None
            settings = json.loads((root / BOOK_FILE).read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001 - a damaged cache or file: the model path says what
            return None
        return cls(root, settings, index) if isinstance(settings, dict) else None

    def ready(self, actor: str) -> bool:
        """Before the first read, as ``Book.open``: the book's clock, and nothing waiting
        to be recovered (a killed command's record is written by the full path)."""
        try:
            clock.use_zone(self.settings["timezone"])
            return not self.store.recover(actor)
        except (TiprefError, OSError, ValueError, KeyError, TypeError):
            return False

    def record(self, kind: str, ref: str) -> dict[str, Any] | None:
        """One record by id, number or code, as stored; None unless the index vouches for it."""
        record_id = self.resolve(kind, ref)
        if record_id is None:
            return None
        return self._vouched(kind, record_id, self.index.saved(kind, record_id))

    def rows(self, kind: str, where: dict[str, Any] | None = None) -> list[dict[str, Any]] | None:
        """Every record of a kind matching ``where``, in id order; None unless every one is
        vouched for (a damaged or changed file is for the full path to report)."""
        found = []
        for record_id, entry in sorted(self.index.entries_where(kind, where).items()):
            if where and not facts_match(entry[1], where):
                continue
            data = self._vouched(kind, record_id, entry)
            if data is None:
                return None
            found.append(data)
        return found

    def resolve(self, kind: str, ref: str) -> str | None:
        """A record's id from its id, number or code; None when not found, ambiguous or an
        old number (the full path says which)."""
        ref = ref.strip()
        if is_record_file(f"{ref.upper()}.json") and self.store.exists(kind, ref.upper()):
            return ref.upper()
        matches = self.index.find(kind, ref)
        if len(matches) != 1:
            return None
        if any(moved != matches[0] for moved in self.index.find_alias(kind, ref, fast=True)):
            return None  # the number also belonged to another record: the full path warns
        return matches[0]

    def _vouched(
        self, kind: str, record_id: str, entry: tuple[list[int], dict[str, Any]] | None
    ) -> dict[str, Any] | None:
        if entry is None:
            return None
        stamp, facts = entry
        if CORRUPT in facts or not facts.get(VALID) or not facts.get(COMPLETE):
            return None
        try:
            data, read_stamp = self.store.read_stamped(kind, record_id, check=False)
        except (TiprefError, OSError):
            return None
        if not same_version(stamp, read_stamp):
            return None
        if self.store.checked(kind, record_id, data) is not data:
            return None  # the device logs hold an entry this snapshot lacks: rebuilt there
        return data
