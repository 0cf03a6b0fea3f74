"""The case book: finding it, opening it, and reading and writing its records as models.

A book is a folder with ``tipref.json`` (its settings) at the root, one folder per
record kind holding one ``<ULID>.json`` per record, ``history/`` with one log per
device, ``counters/`` for human numbers and ``templates/`` for the NGO's own templates.
"""

from __future__ import annotations

import gc
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python

from tipref import clock, userconfig
from tipref.errors import (
    Ambiguous,
    BookNotFound,
    CorruptRecord,
    InvalidInput,
    NotFound,
    RevisionMismatch,
    TiprefError,
)
from tipref.i18n import Msg, register_messages
from tipref.schemas import RECORD_FOLDERS, RECORD_MODELS
from tipref.schemas.base import Record
from tipref.schemas.settings import BookSettings
from tipref.schemas.text import STORED
from tipref.storage.atomic import atomic_write_text
from tipref.storage.counters import Counters
from tipref.storage.store import RecordStore, is_record_file

register_messages(
    {
        "record.alias_shared": {
            "id": "Perhatian: {ref} juga nomor lama dari {number} (diberi nomor baru); "
            "surat lama dengan {ref} bisa berarti {number}.",
            "en": "Note: {ref} was also the old number of {number} (renumbered); "
            "older letters quoting {ref} may mean {number}.",
        },
        "record.alias": {
            "id": "{ref} adalah nomor lama; sekarang {number} (diberi nomor baru oleh tipref doctor).",
            "en": "{ref} is an old number; it is now {number} (renumbered by tipref doctor).",
        },
    }
)

BOOK_FILE = "tipref.json"
TEMPLATE_FOLDER = "templates"
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Files a sync service may leave in the book that must not travel (Syncthing reads this).
STIGNORE = ".locks\n.*.tmp\n"

M = TypeVar("M", bound=Record)


def find_book_root(explicit: str | os.PathLike | None = None, start: Path | None = None) -> Path:
    """--book, else TIPREF_BOOK, else the current folder or one of its parents."""
    chosen = explicit or os.environ.get("TIPREF_BOOK")
    if chosen:
        root = Path(chosen).expanduser()
        if not (root / BOOK_FILE).is_file():
            raise BookNotFound(where=str(root))
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / BOOK_FILE).is_file():
            return folder
    raise BookNotFound(where=f"{here} (or its parents)")


def validation_problem(error: ValidationError) -> tuple[str, Msg]:
    """The first problem of a pydantic error as (field, message in words; tipref.schemas.problems)."""
    from tipref.schemas.problems import first_problem

    return first_problem(error)


def validate_model(model: type[M], data: dict[str, Any]) -> M:
    """Validate user-supplied data; a problem becomes one InvalidInput naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        field, problem = validation_problem(error)
        raise InvalidInput(field=field, problem=problem) from None


class Book:
    def __init__(self, root: Path, actor: str, settings: BookSettings) -> None:
        self.root = root
        self.actor = actor
        self.settings = settings
        clock.use_zone(settings.timezone)  # "today" is this book's local date from here on
        from tipref.privacy.vault import codec_for

        self.store = RecordStore(
            root, RECORD_FOLDERS, userconfig.device_id(), codec_for(root, settings)
        )
        self._expected_revisions: dict[str, int] = {}
        self.notices: list[Msg] = []
        self.notify: Callable[[Msg], None] | None = None
        self.counters = Counters(
            root, self.store.lock("counters"), self.store.device_id, self.store.logs.file.stem
        )

    # -- opening and creating ------------------------------------------------
    @classmethod
    def open(cls, root: Path, actor: str) -> Book:
        return cls(root, actor, load_settings(root))

    @classmethod
    def create(cls, root: Path, settings: BookSettings, actor: str) -> Book:
        from tipref.errors import TiprefError

        if (root / BOOK_FILE).exists():
            raise TiprefError("book.exists", path=str(root))
        root.mkdir(parents=True, exist_ok=True)
        for folder in RECORD_FOLDERS.values():
            (root / folder).mkdir(exist_ok=True)
        (root / TEMPLATE_FOLDER).mkdir(exist_ok=True)
        if not (root / ".stignore").exists():
            atomic_write_text(root / ".stignore", STIGNORE)
        save_settings(root, settings)
        from tipref.storage.format import record_format

        record_format(root)
        return cls(root.resolve(), actor, settings)

    def save_settings(self, settings: BookSettings) -> None:
        with self.store.lock("settings"):
            save_settings(self.root, settings)
        self.settings = settings
        clock.use_zone(settings.timezone)

    # -- reading -------------------------------------------------------------
    def model(self, kind: str) -> type[Record]:
        return RECORD_MODELS[kind]

    def _to_model(self, kind: str, data: dict[str, Any]) -> Record:
        try:
            return self.model(kind).model_validate(data, context=STORED)
        except (ValidationError, TiprefError) as error:
            detail = (
                validation_problem(error)[1] if isinstance(error, ValidationError) else str(error)
            )
            raise CorruptRecord(
                path=str(self.store.path(kind, data.get("id", "?"))), detail=detail
            ) from None

    def get(self, kind: str, ref: str) -> Record:
        guard = getattr(self.store.codec, "guard_read", None)  # a locked encrypted book refuses
        if guard is not None:
            guard(kind)
        return self._to_model(kind, self.store.read(kind, self.resolve_id(kind, ref)))

    @property
    def index(self):
        """The local index of this book's records (rebuildable; the files stay the truth)."""
        if getattr(self, "_index", None) is None:
            from tipref.storage.index import RecordIndex

            self._index = RecordIndex(self.store)
        return self._index

    def all(
        self,
        kind: str,
        broken: list[CorruptRecord] | None = None,
        where: dict[str, Any] | None = None,
    ) -> list[Record]:
        """Every readable record of a kind; broken files go to ``broken`` if given.

        ``where`` ({"case_id": ..., "status": [...]}) picks records by the facts the index
        keeps, so only the matching files are read and validated.
        """
        records: list[Record] = []
        ids = self.index.select(kind, where) if where else self.store.ids(kind)
        with gc_paused():
            self._collect_models(kind, ids, broken, records)
        return records

    def _collect_models(
        self, kind: str, ids: list[str], broken: list | None, records: list
    ) -> None:
        for record_id in ids:
            try:
                item = self.store.read(kind, record_id)
            except NotFound:
                continue  # removed since it was listed
            except CorruptRecord as error:
                if broken is not None:
                    broken.append(error)
                continue
            try:
                records.append(self._to_model(kind, item))
            except CorruptRecord as error:
                if broken is not None:
                    broken.append(error)

    def rows(
        self,
        kind: str,
        broken: list[CorruptRecord] | None = None,
        where: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Every valid record of a kind as a plain dict, as stored, for fast listing.

        Each file version is checked against its model once (the local index remembers
        which stamp passed), so a list of 10,000 cases does not validate 10,000 models on
        every call. Fields a newer schema added are filled with their defaults.
        """
        model = self.model(kind)
        found = []
        with gc_paused():
            self._collect_rows(kind, model, broken, where, found)
        return found

    def _collect_rows(self, kind, model, broken, where, found) -> None:
        from tipref.storage.index import COMPLETE, CORRUPT, VALID

        for record_id, (stamp, facts) in sorted(self.index.entries(kind).items()):
            if CORRUPT in facts:
                if broken is not None:
                    broken.append(
                        CorruptRecord(
                            path=str(self.store.path(kind, record_id)), detail=facts[CORRUPT]
                        )
                    )
                continue
            if where and not _facts_match(facts, where):
                continue
            try:
                data, read_stamp = self.store.read_stamped(kind, record_id)
                trusted = facts.get(VALID) and _same_version(stamp, read_stamp)
                if not trusted:
                    data = self._to_model(kind, data).model_dump(mode="json")
            except NotFound:
                continue  # removed since it was listed
            except CorruptRecord as error:
                if broken is not None:
                    broken.append(error)
                continue
            found.append(data if trusted and facts.get(COMPLETE) else fill_defaults(model, data))

    def iter_all(self, kind: str) -> Iterator[Record]:
        yield from self.all(kind)

    def resolve_id(self, kind: str, ref: str) -> str:
        """A record's id from its id or its display number (case/referral) or code (provider)."""
        ref = ref.strip()
        if is_record_file(f"{ref.upper()}.json") and self.store.exists(kind, ref.upper()):
            return ref.upper()
        matches = self.index.find(kind, ref)
        if not matches:
            matches = self.index.find_alias(kind, ref)
            if len(matches) == 1:
                self._notice(Msg("record.alias", ref=ref, number=self._number_of(kind, matches[0])))
        if not matches:
            self._corrupt_instead(kind, ref)
            raise NotFound(kind=Msg(f"kind.{kind}"), ref=ref)
        if len(matches) > 1:
            raise Ambiguous(kind=Msg(f"kind.{kind}"), ref=ref, matches=", ".join(matches))
        for moved in self.index.find_alias(kind, ref, fast=True):
            if moved != matches[0]:  # another record held this number before renumbering
                number = self._number_of(kind, moved)
                self._notice(Msg("record.alias_shared", ref=ref, number=number))
        return matches[0]

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
                self.get(kind, record_id)  # raises CorruptRecord with the parse error
                raise CorruptRecord(path=str(path), detail=detail)
        if broken:
            raise NotFound(
                "record.not_found_corrupt", kind=Msg(f"kind.{kind}"), ref=ref, count=len(broken)
            )

    # -- writing -------------------------------------------------------------
    def add(self, record: M, note: str | None = None) -> M:
        data = self.store.create(record.kind, record.model_dump(mode="json"), self.actor, note)
        return type(record).model_validate(data)

    def update(
        self,
        kind: str,
        ref: str,
        mutate: Callable[[Record], None],
        action: str = "update",
        note: str | None = None,
    ) -> Record:
        """Apply ``mutate`` to the current version under the lock, validate, write."""
        model = self.model(kind)
        record_id = self.resolve_id(kind, ref)
        expected = self._expected_revisions.pop(record_id, None)

        def change(data: dict[str, Any]) -> dict[str, Any]:
            record = self._to_model(kind, data)
            mutate(record)
            return validate_model(model, record.model_dump(mode="json")).model_dump(mode="json")

        return model.model_validate(
            self.store.modify(
                kind, record_id, change, self.actor, action, note, if_revision=expected
            )
        )

    def expect_revision(self, kind: str, ref: str, revision: int) -> None:
        """``--if-revision``: refuse now unless the record is at ``revision``, and check
        again when the change is written (under the lock)."""
        record_id = self.resolve_id(kind, ref)
        current = self.store.read(kind, record_id)
        if int(current.get("revision") or 0) != revision:
            raise RevisionMismatch(
                ref=current.get("number") or current.get("code") or ref,
                expected=revision,
                current=current.get("revision"),
            )
        self._expected_revisions[record_id] = revision

    # -- numbers ---------------------------------------------------------------
    def next_number(self, sequence: str, pattern: str, on: date | None = None) -> str:
        require_key = getattr(self.store.codec, "require_unlocked", None)
        if require_key is not None:
            require_key()  # a locked encrypted book cannot write: do not burn a number either
        on = on or clock.today()
        code = self.settings.organisation.code
        floor = self._highest_seen(sequence, pattern, code, on)
        seq = self.counters.next(f"{sequence}-{on.year}", floor)
        return format_number(pattern, code, seq, on)

    def _highest_seen(self, sequence: str, pattern: str, code: str, on: date) -> int:
        """The highest sequence value of this pattern and year in any number seen in a log
        or a record file of this sequence's kind (kept up to date incrementally)."""
        if sequence not in self.store.folders:
            return 0
        try:
            regex = number_pattern(pattern, code, on)
        except (ValueError, re.error):
            return 0

        def value_of(number: str) -> int:
            match = regex.match(number)
            return int(match["seq"]) if match and "seq" in match.groupdict() else 0

        return self.store.logs.highest(sequence, regex.pattern, value_of)


@contextmanager
def gc_paused():
    """Loading thousands of records builds thousands of acyclic dicts and models; Python's
    cyclic collector would walk them all again and again while they accumulate."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _facts_match(facts: dict[str, Any], where: dict[str, Any]) -> bool:
    for key, wanted in where.items():
        values = wanted if isinstance(wanted, (list, tuple, set)) else [wanted]
        if facts.get(key) not in [getattr(v, "value", v) for v in values]:
            return False
    return True


def _same_version(indexed: list[int], read: tuple[int, int, int]) -> bool:
    # Windows' directory listing reports inode 0: compare inodes only where both are known.
    same_inode = not indexed[2] or not read[2] or indexed[2] == read[2]
    return indexed[0] == read[0] and indexed[1] == read[1] and same_inode


def fill_defaults(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """Add the fields a record written by an older tipref lacks, as the model would."""
    defaults, nested = _field_spec(model)
    for name in defaults.keys() - data.keys():
        data[name] = to_jsonable_python(defaults[name].get_default(call_default_factory=True))
    for name, inner in nested:
        value = data.get(name)
        if isinstance(value, dict):
            fill_defaults(inner, value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    fill_defaults(inner, item)
    return data


@cache
def _field_spec(
    model: type[BaseModel],
) -> tuple[dict[str, Any], tuple[tuple[str, type[BaseModel]], ...]]:
    """A model's optional fields, and the fields that hold other models (in lists too)."""
    defaults = {
        name: field for name, field in model.model_fields.items() if not field.is_required()
    }
    nested = tuple(
        (name, inner)
        for name, field in model.model_fields.items()
        if (inner := _nested_model(field.annotation)) is not None
    )
    return defaults, nested


@cache
def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Model``, ``list[Model]`` or ``Model | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def number_pattern(pattern: str, code: str, on: date) -> re.Pattern[str]:
    """A regular expression matching the numbers ``pattern`` gives in ``on``'s year."""
    import string

    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name == "seq":
            parts.append(r"(?P<seq>\d+)")
        elif name == "year":
            parts.append(str(on.year))
        elif name == "code":
            parts.append(re.escape(code))
        elif name is not None:
            parts.append(r"[0-9IVXLC]+")
    return re.compile("^" + "".join(parts) + "$", re.IGNORECASE)


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
            "book.settings_invalid", path=str(path), field=field, problem=problem
        ) from None
    except InvalidInput as error:  # a newer schema version, an unknown time zone, a bad NIP
        raise TiprefError("book.settings_invalid", path=str(path), **error.params) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise TiprefError("book.settings_corrupt", path=str(path), detail=str(error)) from None


def save_settings(root: Path, settings: BookSettings) -> None:
    text = json.dumps(settings.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    atomic_write_text(root / BOOK_FILE, text)


def safe_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "provider"
