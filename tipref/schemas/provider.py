"""A provider: one institution of the district's referral network."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from tipref.schemas.base import Record
from tipref.schemas.enums import ProviderType, Service


class Provider(Record):
    KIND: ClassVar[str] = "provider"
    FOLDER: ClassVar[str] = "providers"
    kind: Literal["provider"] = "provider"
    code: str = Field(
        ..., description="Short unique handle, e.g. rsud-kefa; usable wherever an id is"
    )
    name: str = Field(..., min_length=1)
    type: ProviderType
    services: list[Service] = Field(default_factory=list)
    address: str = ""
    district: str = ""
    phone: str | None = None
    email: str | None = None
    contact_name: str = ""
    contact_position: str = Field("", description="Addressee of letters: Yth. <position>")
    notes: str = ""
