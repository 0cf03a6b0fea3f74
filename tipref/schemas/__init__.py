"""Pydantic models of every record and of the book's settings.

``RECORD_MODELS`` maps a record kind to its model (each model names its kind and folder
as the class variables ``KIND`` and ``FOLDER``); a new kind is added with
:func:`register_kind`. ``SCHEMAS`` lists what ``tipref schema`` can print.
"""

from __future__ import annotations

from pydantic import BaseModel

from tipref.schemas.base import Record
from tipref.schemas.case import Case, Person
from tipref.schemas.commitment import Commitment
from tipref.schemas.conference import Conference
from tipref.schemas.provider import Provider
from tipref.schemas.referral import Referral
from tipref.schemas.settings import BookSettings

RECORD_MODELS: dict[str, type[Record]] = {}
RECORD_FOLDERS: dict[str, str] = {}
SCHEMAS: dict[str, type[BaseModel]] = {"settings": BookSettings, "person": Person}


def register_kind(model: type[Record]) -> None:
    RECORD_MODELS[model.KIND] = model
    RECORD_FOLDERS[model.KIND] = model.FOLDER
    SCHEMAS[model.KIND] = model


for _model in (Case, Referral, Provider, Commitment, Conference):
    register_kind(_model)
