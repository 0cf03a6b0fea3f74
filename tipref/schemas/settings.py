"""The settings of one case book, kept in ``tipref.json`` at the book's root."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from tipref import clock
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
    hierarchy: list[str] = Field(
        default_factory=list,
        description="Letterhead lines above the unit's name, top first, e.g. "
        "'PEMERINTAH KABUPATEN TIMOR TENGAH UTARA', 'DINAS PEMBERDAYAAN PEREMPUAN DAN "
        "PERLINDUNGAN ANAK' (DOMAIN.md §5 kop surat)",
    )
    address: str = ""
    postal_code: str = Field("", description="Kode pos of the office, printed in the letterhead")
    website: str = Field("", description="Website printed in the letterhead")
    phone: str = ""
    email: str = ""
    logo: str | None = Field(
        None, description="Logo image for the letterhead, relative to the book"
    )

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


class Deadlines(Model):
    """The SOP's time limits (tipref.guidance.plan); the law's figures by default, changeable per book."""

    police_report_hours: int = Field(
        24, ge=1, description="PP 9/2008 Pasal 14: report to police after intake under treatment"
    )
    first_aid_days: int = Field(
        7, ge=1, description="UU 21/2007 Pasal 53: first aid after the request"
    )
    monitoring_months: int = Field(
        3, ge=1, description="Reintegration monitored at least this long after return"
    )
    restitution_days: int = Field(
        14,
        ge=1,
        description="UU 21/2007 Pasal 48-50: restitution paid after the judgment is notified",
    )
    evaluation_months: int = Field(6, ge=1, description="PP 9/2008 Pasal 22: evaluation interval")


def _default_response_hours() -> dict[str, int]:
    # Configurable defaults, not law: DOMAIN.md §2 (UPTD PPA ~6 h medium risk, 2 h crisis).
    return {
        "identification": 6,
        "health": 24,
        "social": 72,
        "legal": 72,
        "repatriation": 336,
        "reintegration": 336,
        "coordination": 336,
    }


def _default_crisis_hours() -> dict[str, int]:
    return {"identification": 2, "health": 2, "social": 24}


class ResponseTimes(Model):
    """How long a referral may wait for the provider's answer (hours), per service id."""

    hours: dict[str, int] = Field(default_factory=_default_response_hours)
    crisis_hours: dict[str, int] = Field(
        default_factory=_default_crisis_hours,
        description="For cases at high risk; falls back to hours",
    )


class LetterSettings(Model):
    """What every referral letter carries besides the referral's own data."""

    copies: list[str] = Field(
        default_factory=lambda: ["Ketua Harian Gugus Tugas PP TPPO", "Arsip"],
        description="Tembusan: copies to, numbered on the letter",
    )
    attachment_unit: str = Field("berkas", description="Lampiran: '1 (satu) berkas'")


class Privacy(Model):
    """Consent checks and encryption at rest (tipref.privacy.consent, tipref.privacy.vault)."""

    require_consent_for_referral: bool = Field(
        True,
        description="An outgoing referral needs the person's share-identity consent for that provider",
    )
    encrypted: bool = Field(
        False, description="Set by 'tipref vault init'; the vault/ folder holds the keys"
    )


class BookSettings(Model):
    schema_version: int = 1
    organisation: Organisation
    signer: Signer = Field(default_factory=Signer)
    numbering: Numbering = Field(default_factory=Numbering)
    language: Literal["id", "en"] = "id"
    timezone: str = Field(
        clock.DEFAULT_ZONE,
        description="The book's time zone: 'today' is its local date (Asia/Jakarta WIB, "
        "Asia/Makassar WITA, Asia/Jayapura WIT)",
    )
    privacy: Privacy = Field(default_factory=Privacy)
    letters: LetterSettings = Field(default_factory=LetterSettings)
    deadlines: Deadlines = Field(default_factory=Deadlines)
    response_times: ResponseTimes = Field(default_factory=ResponseTimes)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            clock.zone_info(value)
        except clock.UnknownTimeZone:
            raise ValueError(
                f"unknown time zone {value!r}; use a tz database name such as Asia/Makassar"
            ) from None
        return value
