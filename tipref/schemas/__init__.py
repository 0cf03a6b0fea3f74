"""Pydantic models of every record and of the book's settings.

``RECORD_MODELS`` maps a record kind to its model (each model names its kind and folder
as the class variables ``KIND`` and ``FOLDER``); a new kind is added with
:func:`register_kind`. ``SCHEMAS`` lists what ``tipref schema`` can print.

Both maps import a model's module when that model is first asked for: a command that
reads cases does not pay for defining the conference or handover models (issue #21).
``RECORD_FOLDERS`` is plain data, so opening a book imports no model at all.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

    from tipref.schemas.base import Record as Record
    from tipref.schemas.case import Case as Case
    from tipref.schemas.case import Person as Person
    from tipref.schemas.commitment import Commitment as Commitment
    from tipref.schemas.conference import Conference as Conference
    from tipref.schemas.handover import Handover as Handover
    from tipref.schemas.provider import Provider as Provider
    from tipref.schemas.referral import Referral as Referral
    from tipref.schemas.settings import BookSettings as BookSettings

V = TypeVar("V")

# kind -> (module, class); the order is the order of `tipref schema` and of every kind loop
_RECORDS = {
    "case": ("tipref.schemas.case", "Case"),
    "referral": ("tipref.schemas.referral", "Referral"),
    "provider": ("tipref.schemas.provider", "Provider"),
    "commitment": ("tipref.schemas.commitment", "Commitment"),
    "conference": ("tipref.schemas.conference", "Conference"),
    "handover": ("tipref.schemas.handover", "Handover"),
}
_OTHER_SCHEMAS = {
    "settings": ("tipref.schemas.settings", "BookSettings"),
    "person": ("tipref.schemas.case", "Person"),
}

RECORD_FOLDERS: dict[str, str] = {
    "case": "cases",
    "referral": "referrals",
    "provider": "providers",
    "commitment": "commitments",
    "conference": "conferences",
    "handover": "handovers",
}


class _LazyModels(Mapping[str, V], Generic[V]):
    """A read-only map of name -> model class that imports each model on first access."""

    def __init__(self, where: dict[str, tuple[str, str]]) -> None:
        self._where = where
        self._loaded: dict[str, V] = {}

    def __getitem__(self, name: str) -> V:
        if name not in self._loaded:
            module, attr = self._where[name]  # KeyError for an unknown name, as a dict
            self._loaded[name] = getattr(importlib.import_module(module), attr)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def add(self, name: str, model: V) -> None:
        self._where.setdefault(name, ("", ""))  # already loaded: never imported by name
        self._loaded[name] = model


RECORD_MODELS: _LazyModels[type[Record]] = _LazyModels(dict(_RECORDS))
SCHEMAS: _LazyModels[type[BaseModel]] = _LazyModels({**_OTHER_SCHEMAS, **_RECORDS})


def register_kind(model: type[Record]) -> None:
    RECORD_MODELS.add(model.KIND, model)
    RECORD_FOLDERS[model.KIND] = model.FOLDER
    SCHEMAS.add(model.KIND, model)


_BY_NAME = {attr: module for module, attr in (*_RECORDS.values(), *_OTHER_SCHEMAS.values())}
_BY_NAME["Record"] = "tipref.schemas.base"


def __getattr__(name: str) -> object:
    """``from tipref.schemas import Case`` imports only the module that defines Case."""
    module = _BY_NAME.get(name)
    if module is None:
        raise AttributeError(f"module 'tipref.schemas' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
