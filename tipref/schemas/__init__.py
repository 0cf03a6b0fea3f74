"""Pydantic models of every record and of the book's settings.

``RECORD_MODELS`` maps a record kind to its model and folder; other modules add their
kinds with :func:`register_kind`. ``SCHEMAS`` lists what ``tipref schema`` can print.
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


def register_kind(kind: str, folder: str, model: type[Record]) -> None:
    RECORD_MODELS[kind] = model
    RECORD_FOLDERS[kind] = folder
    SCHEMAS[kind] = model


register_kind("case", "cases", Case)
register_kind("referral", "referrals", Referral)
register_kind("provider", "providers", Provider)
register_kind("commitment", "commitments", Commitment)
register_kind("conference", "conferences", Conference)
