"""The settings of one case book, kept in ``tipref.json`` at the book's root."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from tipref.schemas.base import Model

DEFAULT_CASE_PATTERN = "{code}-{year}-{seq:04d}"
DEFAULT_REFERRAL_PATTERN = "{code}-R{year}-{seq:04d}"
# [sequence]/[unit]/[month in Roman numerals]/[year] (DOMAIN.md §5); prefix a
# classification code in the pattern where the institution's rules ask for one.
DEFAULT_LETTER_PATTERN = "{seq:03d}/{code}/{month_roman}/{year}"


class Organisation(Model):
    name: str = Field(..., min_length=1, description="The organisation that keeps this book")
    code: str = Field(..., description="Short code used in case and letter numbers, e.g. TTU")
    district: str = Field("", description="Kabupaten/kota, e.g. Timor Tengah Utara")
    region_code: str | None = Field(None, description="Kemendagri code, e.g. 53.03")
    city: str = Field("", description="Place written before the letter date, e.g. Kefamenanu")
    address: str = ""
    phone: str = ""
    email: str = ""
    logo: str | None = Field(None, description="Logo image for the letterhead, relative to the book")

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        value = value.strip().upper()
        if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{0,15}", value):
            raise ValueError("use 1-16 letters, digits or '-', e.g. TTU")
        return value


class Signer(Model):
    name: str = ""
    position: str = ""
    nip: str = Field("", description="NIP, where the signer is a civil servant")


class Numbering(Model):
    case: str = DEFAULT_CASE_PATTERN
    referral: str = DEFAULT_REFERRAL_PATTERN
    letter: str = DEFAULT_LETTER_PATTERN


class BookSettings(Model):
    schema_version: int = 1
    organisation: Organisation
    signer: Signer = Field(default_factory=Signer)
    numbering: Numbering = Field(default_factory=Numbering)
    language: Literal["id", "en"] = "id"
    timezone: str = Field("Asia/Makassar", description="WITA, the time zone of NTT")
