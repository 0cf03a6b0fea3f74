"""The settings of one case book, kept in ``tipref.json`` at the book's root."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from tipref import clock
from tipref.errors import InvalidInput
from tipref.i18n import N_, Msg
from tipref.schemas.base import Model

SETTINGS_SCHEMA_VERSION = 1  # the newest tipref.json this version of tipref understands


DEFAULT_CASE_PATTERN = "{code}-{year}-{seq:04d}"
DEFAULT_REFERRAL_PATTERN = "{code}-R{year}-{seq:04d}"
# [sequence]/[unit]/[month in Roman numerals]/[year] (DOMAIN.md §5); prefix a
# classification code in the pattern where the institution's rules ask for one.
DEFAULT_LETTER_PATTERN = "{seq:03d}/{code}/{month_roman}/{year}"
# with an archive classification code (Permendagri 83/2022), e.g. 400.2.10/001/TTU/XI/2026
CLASSIFIED_LETTER_PATTERN = "{class}/{seq:03d}/{code}/{month_roman}/{year}"


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
        "PERLINDUNGAN ANAK' (kop surat)",
    )
    address: str = ""
    postal_code: str = Field("", description="Kode pos of the office, printed in the letterhead")
    website: str = Field("", description="Website printed in the letterhead")
    phone: str = ""
    email: str = ""
    logo: str | None = Field(
        None, description="Logo image for the letterhead, relative to the book"
    )
    mark: str = Field(
        "",
        description="A line printed above the letterhead of every document, apart from the "
        "organisation's name (the demo book's training mark)",
    )

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        value = value.strip().upper()
        if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{0,15}", value):
            raise ValueError(N_("use 1-16 letters, digits or '-', e.g. TTU"))
        return value


class Signer(Model):
    name: str = ""
    position: str = ""
    nip: str = Field("", description="NIP, where the signer is a civil servant")
    on_behalf: Literal["", "a.n.", "Plt.", "Plh."] = Field(
        "",
        description="Signing for someone else: 'a.n.' (on behalf of), 'Plt.' (acting), "
        "'Plh.' (standing in); empty when the signer signs in their own position",
    )
    principal: str = Field(
        "",
        description="With on_behalf: the position signed for, e.g. 'Kepala Dinas PPPA "
        "Kabupaten Timor Tengah Utara' (a.n.) or the acting position (Plt./Plh.)",
    )

    @field_validator("nip")
    @classmethod
    def _nip(cls, value: str) -> str:
        from tipref.schemas.identity import normalise_nip

        return normalise_nip(value, "signer.nip") if value.strip() else ""


class Numbering(Model):
    case: str = DEFAULT_CASE_PATTERN
    referral: str = DEFAULT_REFERRAL_PATTERN
    letter: str = DEFAULT_LETTER_PATTERN
    classification: str = Field(
        "",
        description="Archive classification code placed by {class} in the letter pattern, "
        "e.g. 400.2.10 (Permendagri 83/2022); empty leaves no stray '/'",
    )


class Deadlines(Model):
    """The SOP's time limits (tipref.guidance.plan); the law's figures by default, changeable per book."""

    police_report_hours: int = Field(
        24, ge=1, description="PP 9/2008: report to police after intake under treatment"
    )
    first_aid_days: int = Field(
        7,
        ge=1,
        description="UU 21/2007 Pasal 53: first aid (pertolongan pertama) for a victim "
        "needing urgent help, after the request",
    )
    monitoring_months: int = Field(
        3,
        ge=1,
        description="Reintegration monitored at least this long after return "
        "(a local default, not law)",
    )
    restitution_days: int = Field(
        14,
        ge=1,
        description="UU 21/2007 Pasal 48 ayat (6): restitution paid after notice of the "
        "first-instance judgment",
    )
    evaluation_months: int = Field(
        6, ge=1, description="PP 9/2008: interval of the PPT's evaluation"
    )
    simfoni_days: int = Field(
        7,
        ge=1,
        description="A case is entered in SIMFONI PPA within this many days of opening "
        "(a local default, not law)",
    )


def _default_response_hours() -> dict[str, int]:
    # Configurable defaults, not law: published service standards (UPTD PPA ~6 h medium
    # risk, 2 h crisis).
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


Hours = Annotated[int, Field(ge=1)]


class ResponseTimes(Model):
    """How long a referral may wait for the provider's answer (hours), per service id."""

    hours: dict[str, Hours] = Field(default_factory=_default_response_hours)
    crisis_hours: dict[str, Hours] = Field(
        default_factory=_default_crisis_hours,
        description="For cases at high risk; falls back to hours",
    )


class LetterSettings(Model):
    """What every referral letter carries besides the referral's own data."""

    copies: list[str] = Field(
        default_factory=lambda: ["Ketua Harian Gugus Tugas PP TPPO"],
        description="Tembusan: copies to, numbered on the letter; a provider's code, name or "
        "position here is matched to the provider for the consent check ('Arsip' is never listed)",
    )
    attachment_unit: str = Field("berkas", description="Lampiran: '1 (satu) berkas'")
    contact_name: str = Field(
        "", description="Narahubung for the reply: name (default: the signer)"
    )
    contact_phone: str = Field(
        "", description="Narahubung for the reply: phone (default: the organisation's phone)"
    )


DEFAULT_COMMITMENT_PATTERN = "{seq:03d}/GT-PPTPPO/{code}/{month_roman}/{year}"


class TaskForce(Model):
    """The district task force (Gugus Tugas PP TPPO): the commitment document's letterhead
    and "Mengetahui", and the head of region the PPT's six-monthly report is addressed to."""

    name: str = Field(
        "",
        description="e.g. 'Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan "
        "Orang Kabupaten Timor Tengah Utara'",
    )
    chair_name: str = Field("", description="Ketua Gugus Tugas, signs under 'Mengetahui'")
    chair_position: str = Field("Ketua Gugus Tugas PP TPPO", description="The chair's position")
    secretary_name: str = Field("", description="Sekretaris Gugus Tugas")
    secretary_position: str = Field("Sekretaris Gugus Tugas PP TPPO")
    address: str = Field("", description="Secretariat address (default: the organisation's)")
    head_of_region: str = Field(
        "", description="Addressee of the six-monthly report, e.g. 'Bupati Timor Tengah Utara'"
    )
    head_of_region_city: str = Field(
        "", description="City of the head of region's office, e.g. Kefamenanu"
    )
    commitment_number: str = Field(
        DEFAULT_COMMITMENT_PATTERN,
        description="Number pattern of commitment documents ({seq}, {code}, {month_roman}, {year})",
    )


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
    task_force: TaskForce = Field(default_factory=TaskForce)

    @field_validator("schema_version")
    @classmethod
    def _supported(cls, value: int) -> int:
        if value > SETTINGS_SCHEMA_VERSION:
            raise InvalidInput(
                field="schema_version",
                problem=Msg(
                    "tipref.json uses schema version {version}; this tipref knows up to {supported}: upgrade tipref (pip install -U tipref)",
                    version=value,
                    supported=SETTINGS_SCHEMA_VERSION,
                ),
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            clock.zone_info(value)
        except clock.UnknownTimeZone:
            raise InvalidInput(
                field="timezone",
                problem=Msg(
                    "'{value}' is not a time zone; e.g. Asia/Makassar (WITA), Asia/Jakarta (WIB), Asia/Jayapura (WIT)",
                    value=value,
                ),
            ) from None
        return value
