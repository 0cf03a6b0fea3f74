"""A provider: one institution of the district's referral network."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tipref.schemas.base import Record
from tipref.schemas.enums import ProviderType, Service
from tipref.schemas.text import Code, FreeText, OptionalLine, SingleLine


class Provider(Record):
    kind: Literal["provider"] = "provider"
    code: Code = Field(
        ..., description="Short unique handle, e.g. rsud-kefa; usable wherever an id is"
    )
    name: SingleLine
    type: ProviderType
    services: list[Service] = Field(default_factory=list)
    address: OptionalLine = ""
    district: OptionalLine = ""
    phone: str | None = None
    email: str | None = None
    contact_name: OptionalLine = ""
    contact_position: OptionalLine = Field("", description="Addressee of letters: Yth. <position>")
    notes: FreeText = ""
