"""A provider: one institution of the district's referral network."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator

from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.schemas.base import Record
from tipref.schemas.enums import ProviderType, Service
from tipref.schemas.identity import normalise_email, normalise_phone
from tipref.schemas.text import Code, FreeText, OptionalLine, SingleLine, is_stored

# A case or referral number (TTU-2026-0001, TTU-R2026-0001), a letter number, or a ULID:
# a provider code is used wherever an id is, so it must never look like one.
RECORD_NUMBER = re.compile(
    r"[A-Za-z0-9]+-[A-Za-z]?\d{4}-\d+|\d+/.*|[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}"
)


class Provider(Record):
    KIND: ClassVar[str] = "provider"
    FOLDER: ClassVar[str] = "providers"
    kind: Literal["provider"] = "provider"
    code: Code = Field(
        ..., description="Short unique handle, e.g. rsud-kefa; usable wherever an id is"
    )
    name: SingleLine
    type: ProviderType
    services: list[Service] = Field(default_factory=list)
    address: OptionalLine = ""
    district: OptionalLine = ""
    city: OptionalLine = Field(
        "",
        description="Town of the office, written after 'di' under a letter's addressee "
        "(e.g. Kupang, Kuala Lumpur); 'di Tempat' when it is the book's own city",
    )
    phone: str | None = None
    email: str | None = None
    contact_name: OptionalLine = ""
    contact_position: OptionalLine = Field("", description="Addressee of letters: Yth. <position>")
    notes: FreeText = ""

    @field_validator("code")
    @classmethod
    def _not_a_record_number(cls, value: str, info: ValidationInfo) -> str:
        if not is_stored(info) and RECORD_NUMBER.fullmatch(value):
            raise InvalidInput(
                field="code",
                problem=Msg(
                    "'{code}' looks like a case, referral or record number; choose another code, e.g. rsud-kefa",
                    code=value,
                ),
            )
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not value or is_stored(info):
            return value or None
        return normalise_phone(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not value or is_stored(info):
            return value or None
        return normalise_email(value)
