"""The case book: finding it, opening it, and reading and writing its records as models.

A book is a folder with ``tipref.json`` (its settings) at the root, one folder per
record kind holding one ``<ULID>.json`` per record, ``history/`` with one log per
device, ``counters/`` for human numbers and ``templates/`` for the NGO's own templates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, overload

from pydantic import BaseModel, ValidationError

from tipref import clock, userconfig
from tipref.book.location import BOOK_FILE
from tipref.book.numbering import highest_seen
from tipref.book.reading import facts_match, gc_paused, same_version, without_locked
from tipref.book.trusted import note_written
from tipref.book.unreadable import Unreadable
from tipref.errors import (
    Ambiguous,
    BookNotFound,
    CorruptRecord,
    InvalidInput,
    NotFound,
    RevisionMismatch,
    TiprefError,
)
from tipref.i18n import N_, Msg, kind_label
from tipref.schemas import RECORD_FOLDERS, RECORD_MODELS
from tipref.schemas.base import Record
from tipref.schemas.defaults import fill_defaults
from tipref.schemas.settings import BookSettings
from tipref.schemas.text import STORED
from tipref.storage.atomic import atomic_write_text
from tipref.storage.counters import Counters
from tipref.storage.format import record_format
from tipref.storage.index import COMPLETE, CORRUPT, VALID, RecordIndex
from tipref.storage.store import Codec, RecordStore, is_record_file

TEMPLATE_FOLDER = "templates"
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Files a sync service may leave in the book that must not travel (Syncthing reads this).
STIGNORE = ".locks\n.*.tmp\n"

M = TypeVar("M", bound=Record)
T = TypeVar("T", bound=BaseModel)
# Fields the store sets on every write: save() never copies them from the caller's copy.
_STAMPED = frozenset({"id", "revision", "created_at", "created_by", "updated_at", "updated_by"})


def validation_problem(error: ValidationError) -> tuple[str, Msg]:
    """The first problem of a pydantic error as (field, message in words; tipref.schemas.problems)."""
    from tipref.schemas.problems import first_problem

    return first_problem(error)


def validate_model(model: type[T], data: dict[str, Any]) -> T:
    """Validate user-supplied data; a problem becomes one InvalidInput naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        field, problem = validation_problem(error)
        raise InvalidInput(field=field, problem=problem) from None


CodecFactory = Callable[[Path, BookSettings], "Codec | None"]
"""Builds the codec of a book's files from its root and settings (None: plain JSON).

The book does not know about encryption: :mod:`tipref.book.opening` passes the vault's
factory in, so ``book`` depends on no privacy module."""


class Book:
    """A case book: its settings, its records typed by model, its numbers.

    Records are addressed by their model class: ``book.get(Case, "TTU-2026-0001")``
    returns a :class:`Case`, ``book.all(Referral, where={"case_id": ...})`` a
    ``list[Referral]``; mypy rejects a model where another is expected. Code that works on
    every kind alike (doctor, the index) goes through :meth:`validate` and the store.
    """

    def __init__(
        self, root: Path, actor: str, settings: BookSettings, codec: Codec | None = None
    ) -> None:
        self.root = root
        self.actor = actor
        self.settings = settings
        clock.use_zone(settings.timezone)  # "today" is this book's local date from here on
        self.store = RecordStore(root, RECORD_FOLDERS, userconfig.device_id(), codec)
        self._counters: Counters | None = None
        self._index: RecordIndex | None = None
        self.unreadable = Unreadable()  # what reads skipped: counted, never silently dropped
        self._expected_revisions: dict[str, int] = {}  # --if-revision, by record id
        self.notices: list[Msg] = []
        self.notify: Callable[[Msg], None] | None = None

    @property
    def counters(self) -> Counters:
        """The book's number sequences (made on first use: a read takes no counter lock)."""
        if self._counters is None:
            self._counters = Counters(
                self.root,
                self.store.lock("counters"),
                self.store.device_id,
                self.store.logs.file.stem,
            )
        return self._counters

    # -- opening and creating ------------------------------------------------
    @classmethod
    def open(cls, root: Path, actor: str, codecs: CodecFactory) -> Book:
        from tipref.book.trusted import note_settings, settings_stamp

        stamp = settings_stamp(root)
        settings = load_settings(root)
        book = cls(root, actor, settings, codecs(root, settings))
        book.store.recover(actor)  # an entry logged by a killed command: listed at once
        note_settings(book.index, root, stamp)  # lets plain reads skip the models (#21)
        return book

    @classmethod
    def create(cls, root: Path, settings: BookSettings, actor: str, codecs: CodecFactory) -> Book:
        if (root / BOOK_FILE).exists():
            raise TiprefError(N_("There is already a case book at {path}."), path=str(root))
        root.mkdir(parents=True, exist_ok=True)
        for folder in RECORD_FOLDERS.values():
            (root / folder).mkdir(exist_ok=True)
        (root / TEMPLATE_FOLDER).mkdir(exist_ok=True)
        if not (root / ".stignore").exists():
            atomic_write_text(root / ".stignore", STIGNORE)
        save_settings(root, settings)
        record_format(root)
        return cls(root.resolve(), actor, settings, codecs(root, settings))

    def save_settings(self, settings: BookSettings) -> None:
        with self.store.lock("settings"):
            save_settings(self.root, settings)
        self.settings = settings
        clock.use_zone(settings.timezone)

    # -- reading -------------------------------------------------------------
    @staticmethod
    def model(kind: type[M] | str) -> type[M] | type[Record]:
        """The model class of a kind; a model class is returned as it is."""
        if isinstance(kind, str):
            return RECORD_MODELS[kind]
        return kind

    @overload
    def validate(self, model: type[M], data: dict[str, Any]) -> M: ...
    @overload
    def validate(self, model: str, data: dict[str, Any]) -> Record: ...
    def validate(self, model: type[M] | str, data: dict[str, Any]) -> M | Record:
        """A stored record's data as its model; a record that does not fit is corrupt.

        Takes a kind string too, for code that works on every kind alike (doctor, index).
        """
        cls = self.model(model)
        try:
            return cls.model_validate(data, context=STORED)
        except ValidationError as error:
            fitted = without_locked(self.store.codec, data, error)
            if fitted is None:
                raise self._corrupt(cls, data, error) from None
            return self.validate(model, fitted)
        except TiprefError as error:
            raise self._corrupt(cls, data, error) from None

    def _corrupt(self, cls: type[Record], data: dict[str, Any], error: Exception) -> CorruptRecord:
        detail: object = error
        if isinstance(error, ValidationError):
            detail = validation_problem(error)[1]
        return CorruptRecord(
            path=str(self.store.path(cls.KIND, data.get("id", "?"))), detail=detail
        )

    def get(self, model: type[M], ref: str) -> M:
        """One record by id or display number (case, referral) or code (provider)."""
        kind = self.model(model).KIND
        guard = getattr(self.store.codec, "guard_read", None)  # a locked encrypted book refuses
        if guard is not None:
            guard(kind)
        return self.validate(model, self.store.read(kind, self.resolve_id(model, ref)))

    @property
    def index(self) -> RecordIndex:
        """The local index of this book's records (rebuildable; the files stay the truth)."""
        if self._index is None:
            self._index = RecordIndex(self.store)
        return self._index

    def all(
        self,
        model: type[M],
        broken: list[CorruptRecord] | None = None,
        where: dict[str, Any] | None = None,
    ) -> list[M]:
        """Every readable record of a model; broken files go to ``broken`` if given.

        ``where`` ({"case_id": ..., "status": [...]}) picks records by the facts the index
        keeps, so only the matching files are read and validated.
        """
        kind, before = self.model(model).KIND, len(self.unreadable)
        records: list[Any] = []
        ids = self.index.select(kind, where) if where else self.store.ids(kind)
        with gc_paused():
            for record_id in ids:
                record = self._read_valid(model, record_id, broken)
                if record is not None:
                    records.append(record)
        self.unreadable.check(kind, before)
        return records

    def _read_valid(
        self, model: type[M] | str, record_id: str, broken: list[CorruptRecord] | None
    ) -> M | Record | None:
        """A record as its model, or None when it vanished or is broken (then noted)."""
        try:
            return self.validate(model, self.store.read(self.model(model).KIND, record_id))
        except NotFound:
            return None  # removed since it was listed
        except CorruptRecord as error:
            self.unreadable.note(error, broken)
            return None

    def rows(
        self,
        model: type[Record] | str,
        broken: list[CorruptRecord] | None = None,
        where: dict[str, Any] | None = None,
        ids: set[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Every valid record of a model as a plain dict, as stored, for fast listing
        (``ids``: only these records).

        Each file version is checked against its model once (the local index remembers
        which stamp passed), so a list of 10,000 cases does not validate 10,000 models on
        every call. Fields a newer schema added are filled with their defaults.
        """
        cls, before = self.model(model), len(self.unreadable)
        found: list[dict[str, Any]] = []
        with gc_paused():
            for record_id, (stamp, facts) in sorted(
                self.index.entries_where(cls.KIND, where).items()
            ):
                if (where and not facts_match(facts, where)) or (
                    ids is not None and record_id not in ids
                ):
                    continue
                row = self._row(cls, record_id, stamp, facts, broken)
                if row is not None:
                    found.append(row)
        self.unreadable.check(cls.KIND, before)
        return found

    def _row(
        self,
        model: type[Record],
        record_id: str,
        stamp: list[int],
        facts: dict[str, Any],
        broken: list[CorruptRecord] | None,
    ) -> dict[str, Any] | None:
        """One record as a dict, validated unless the index vouches for this file version."""
        kind = model.KIND
        try:
            if CORRUPT in facts:
                raise CorruptRecord(
                    path=str(self.store.path(kind, record_id)), detail=facts[CORRUPT]
                )
            data, read_stamp = self.store.read_stamped(kind, record_id)
            trusted = bool(facts.get(VALID)) and same_version(stamp, read_stamp)
            if not trusted:
                data = self.validate(model, data).model_dump(mode="json")
        except NotFound:
            return None  # removed since it was listed
        except CorruptRecord as error:
            self.unreadable.note(error, broken)
            return None
        return data if trusted and facts.get(COMPLETE) else fill_defaults(model, data)

    def resolve_id(self, model: type[Record] | str, ref: str) -> str:
        """A record's id from its id or its display number (case/referral) or code (provider)."""
        kind = self.model(model).KIND
        ref = ref.strip()
        if is_record_file(f"{ref.upper()}.json") and self.store.exists(kind, ref.upper()):
            return ref.upper()
        matches = self.index.find(kind, ref) or self._by_alias(kind, ref)
        if not matches:
            self._corrupt_instead(kind, ref)
            raise NotFound(kind=kind_label(kind), ref=ref)
        if len(matches) > 1:
            raise Ambiguous(kind=kind_label(kind), ref=ref, matches=", ".join(matches))
        for moved in self.index.find_alias(kind, ref, fast=True):
            if moved != matches[0]:  # another record held this number before renumbering
                self._notice(
                    Msg(
                        "Note: {ref} was also the old number of {number} (renumbered); older letters quoting {ref} may mean {number}.",
                        ref=ref,
                        number=self._number_of(kind, moved),
                    )
                )
        return matches[0]

    def _by_alias(self, kind: str, ref: str) -> list[str]:
        """A record renumbered by doctor, found by its old number (with a warning)."""
        matches = self.index.find_alias(kind, ref)
        if len(matches) == 1:
            self._notice(
                Msg(
                    "{ref} is an old number; it is now {number} (renumbered by tipref doctor).",
                    ref=ref,
                    number=self._number_of(kind, matches[0]),
                )
            )
        return matches

    def _notice(self, message: Msg) -> None:
        """A warning for the person (printed by the CLI), kept in ``notices`` otherwise."""
        self.notices.append(message)
        if self.notify is not None:
            self.notify(message)

    def _number_of(self, kind: str, record_id: str) -> str:
        try:
            data = self.store.read(kind, record_id)
        except TiprefError:
            return record_id
        return str(data.get("number") or data.get("code") or record_id)

    def expect_revision(self, model: type[Record] | str, ref: str, revision: int) -> None:
        """``--if-revision``: refuse now unless the record is at ``revision``, and check
        again when the change is written (under the lock)."""
        kind = self.model(model).KIND
        record_id = self.resolve_id(kind, ref)
        current = self.store.read(kind, record_id)
        if int(current.get("revision") or 0) != revision:
            number = current.get("number") or current.get("code") or ref
            raise RevisionMismatch(ref=number, expected=revision, current=current.get("revision"))
        self._expected_revisions[record_id] = revision

    def _corrupt_instead(self, kind: str, ref: str) -> None:
        """A reference not found may be in a record file that cannot be read: say so."""
        from tipref.storage.index import CORRUPT

        broken = [
            (record_id, facts[CORRUPT])
            for record_id, (_, facts) in self.index.entries(kind).items()
            if CORRUPT in facts
        ]
        for record_id, detail in broken:
            path = self.store.path(kind, record_id)
            try:
                holds_ref = ref.encode("utf-8") in Path(path).read_bytes()
            except OSError:
                holds_ref = False
            if holds_ref:
                self.get(RECORD_MODELS[kind], record_id)  # raises CorruptRecord: the parse error
                raise CorruptRecord(path=str(path), detail=detail)
        if broken:
            raise NotFound(
                Msg.plural(
                    "{kind} '{ref}' not found; {count} record file of this kind is corrupt "
                    "and may hold it: run 'tipref doctor'.",
                    "{kind} '{ref}' not found; {count} record files of this kind are corrupt "
                    "and may hold it: run 'tipref doctor'.",
                    len(broken),
                ),
                kind=kind_label(kind),
                ref=ref,
                count=len(broken),
            )

    # -- writing -------------------------------------------------------------
    def add(self, record: M, note: str | None = None) -> M:
        """Store a new record; returns it as stored (revision, who, when)."""
        data = self.store.create(record.KIND, record.model_dump(mode="json"), self.actor, note)
        stored = type(record).model_validate(data)
        note_written(self.index, record.KIND, stored.id, data)  # the next read trusts it
        return stored

    def save(self, record: M, note: str | None = None, action: str = "update") -> M:
        """Store a record: a new one is added, an existing one takes this version's fields.

        An existing record is changed like :meth:`update`, under the lock, on the current
        version: its revision and stamps are the book's, every other field is ``record``'s."""
        if not self.store.exists(record.KIND, record.id):
            return self.add(record, note)

        def replace(current: M) -> None:
            for name in type(record).model_fields:
                if name not in _STAMPED:
                    setattr(current, name, getattr(record, name))

        return self.update(type(record), record.id, replace, action=action, note=note)

    def update(
        self,
        model: type[M],
        ref: str,
        mutate: Callable[[M], None],
        action: str = "update",
        note: str | None = None,
    ) -> M:
        """Apply ``mutate`` to the current version under the lock, validate, write."""
        cls = model
        record_id = self.resolve_id(cls, ref)
        expected = self._expected_revisions.pop(record_id, None)

        def change(data: dict[str, Any]) -> dict[str, Any]:
            record = self.validate(cls, data)
            mutate(record)
            return validate_model(cls, record.model_dump(mode="json")).model_dump(mode="json")

        data = self.store.modify(
            cls.KIND, record_id, change, self.actor, action, note, if_revision=expected
        )
        stored = cls.model_validate(data)
        note_written(self.index, cls.KIND, record_id, data)  # the next read trusts it
        return stored

    # -- numbers ---------------------------------------------------------------
    def next_number(self, sequence: str, pattern: str, on: date | None = None) -> str:
        require_key = getattr(self.store.codec, "require_unlocked", None)
        if require_key is not None:
            require_key()  # a locked encrypted book cannot write: do not burn a number either
        on = on or clock.today()
        code = self.settings.organisation.code
        floor = highest_seen(self.store, sequence, pattern, code, on)
        seq = self.counters.next(f"{sequence}-{on.year}", floor)
        return format_number(pattern, code, seq, on)


def format_number(pattern: str, code: str, seq: int, on: date) -> str:
    try:
        return pattern.format(
            code=code, seq=seq, year=on.year, month=on.month, month_roman=ROMAN_MONTHS[on.month - 1]
        )
    except (KeyError, ValueError, IndexError) as error:
        raise InvalidInput(field="numbering", problem=f"bad pattern {pattern!r}: {error}") from None


def load_settings(root: Path) -> BookSettings:
    path = root / BOOK_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return BookSettings.model_validate(data)
    except FileNotFoundError:
        raise BookNotFound(where=str(root)) from None
    except ValidationError as error:
        field, problem = validation_problem(error)
        raise TiprefError(
            N_("The settings file {path}: {field}: {problem}"),
            path=str(path),
            field=field,
            problem=problem,
        ) from None
    except InvalidInput as error:  # a newer schema version, an unknown time zone, a bad NIP
        raise TiprefError(
            N_("The settings file {path}: {field}: {problem}"), path=str(path), **error.params
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise TiprefError(
            N_("The settings file {path} is damaged: {detail}"), path=str(path), detail=str(error)
        ) from None


def save_settings(root: Path, settings: BookSettings) -> None:
    text = json.dumps(settings.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    atomic_write_text(root / BOOK_FILE, text)


def safe_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "provider"
