"""A provider: one institution of the district's referral network."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tipref.schemas.base import Record
from tipref.schemas.enums import ProviderType, Service


class Provider(Record):
    kind: Literal["provider"] = "provider"
    code: str = Field(
        ..., description="Short unique handle, e.g. rsud-kefa; usable wherever an id is"
    )
    name: str = Field(..., min_length=1)
    type: ProviderType
    services: list[Service] = Field(default_factory=list)
    address: str = ""
    district: str = ""
    city: str = Field(
        "",
        description="Town of the office, written after 'di' under a letter's addressee "
        "(e.g. Kupang, Kuala Lumpur); 'di Tempat' when it is the book's own city",
    )
    phone: str | None = None
    email: str | None = None
    contact_name: str = ""
    contact_position: str = Field("", description="Addressee of letters: Yth. <position>")
    notes: str = ""
