"""A case: the persons (victims, witnesses) it concerns and what the SOP needs to know.

Trafficking facts use HTCDS 2.0 field names in their descriptions and HTCDS value
names as machine ids (vic_TraffickingStatus, vic_TypeOfExploitation, ...).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator

from tipref import clock
from tipref.clock import ADULT_AGE
from tipref.i18n import N_
from tipref.schemas.base import Model, Record, new_id
from tipref.schemas.consent import Consent, identity_shared_with
from tipref.schemas.countries import normalise_country
from tipref.schemas.enums import (
    CaseStatus,
    Exploitation,
    MeansOfControl,
    RecruitmentMethod,
    Relationship,
    RiskLevel,
    Role,
    Sex,
    TraffickingStatus,
)
from tipref.schemas.identification import Identification
from tipref.schemas.identity import normalise_nik, normalise_phone, stored_nik_shape
from tipref.schemas.labels import LabelledEnum
from tipref.schemas.letter import LetterRecord
from tipref.schemas.text import FreeText, OptionalLine, RequiredText, SingleLine, is_stored


class ServiceNeed(LabelledEnum):
    """Whether a person needs an SOP service (``tipref case need``)."""

    needed = ("needed", N_("Needed"))
    not_needed = ("not-needed", N_("Not needed"))


class CaseEvents(Model):
    """Moments that start or stop the SOP's deadlines (``tipref case event``; see tipref.guidance.plan)."""

    intake_at: datetime | None = Field(
        None,
        description="Victim taken in under treatment (police report due 24 h later, PP 9/2008)",
    )
    police_reported_at: datetime | None = Field(None, description="Reported to the nearest police")
    first_aid_requested_on: date | None = Field(
        None,
        description="First aid (pertolongan pertama) asked for, for a victim needing urgent "
        "help (due within 7 days, UU 21/2007 Pasal 53)",
    )
    first_aid_given_on: date | None = None
    returned_on: date | None = Field(
        None, description="Back home; reintegration monitored at least 3 months after"
    )
    judgment_notified_on: date | None = Field(
        None,
        description="First-instance judgment notified (restitution paid within 14 days, "
        "UU 21/2007 Pasal 48 ayat (6))",
    )
    restitution_paid_on: date | None = None
    evaluated_on: list[date] = Field(
        default_factory=list, description="The PPT's 6-monthly evaluations held (PP 9/2008)"
    )
    # the legal process (bantuan hukum), in its usual order
    police_report_number: OptionalLine | None = Field(
        None, description="Nomor laporan polisi (LP) given by the police"
    )
    bap_on: date | None = Field(None, description="Victim examined by the police (BAP)")
    bap_companion: OptionalLine | None = Field(
        None, description="Who accompanied the victim at the examination (BAP)"
    )
    p21_on: date | None = Field(None, description="Case file declared complete (P21)")
    charged_on: date | None = Field(None, description="Charges read in court (dakwaan)")
    restitution_amount: int | None = Field(
        None, ge=0, description="Restitution ordered by the judgment, in rupiah"
    )
    lpsk_applied_on: date | None = Field(
        None, description="Protection or restitution asked of LPSK (UU 31/2014)"
    )
    simfoni_entered_on: date | None = Field(
        None,
        description="Entered in KemenPPPA's SIMFONI PPA (Sistem Informasi Online Perlindungan Perempuan dan Anak)",
    )
    simfoni_number: OptionalLine | None = Field(
        None, description="The case's number in SIMFONI PPA, as SIMFONI gave it"
    )

    # The legal steps in the order they happen: none may be dated before an earlier one.
    LEGAL_ORDER: ClassVar[tuple[str, ...]] = (
        "police_reported_at",
        "bap_on",
        "p21_on",
        "charged_on",
        "judgment_notified_on",
        "restitution_paid_on",
    )

    def day_of(self, name: str) -> date | None:
        value = getattr(self, name)
        if isinstance(value, datetime):
            return value.astimezone(clock.zone()).date()
        return value if isinstance(value, date) else None


class Address(Model):
    street: OptionalLine = Field("", description="HTCDS prs_MailingStreet")
    village: OptionalLine = Field("", description="Desa/kelurahan")
    subdistrict: OptionalLine = Field("", description="Kecamatan")
    district: OptionalLine = Field("", description="Kabupaten/kota (HTCDS prs_MailingCity)")
    province: OptionalLine = Field("", description="HTCDS prs_MailingState")
    region_code: str | None = Field(None, description="Kemendagri code, e.g. 53.03")
    country: str = Field("ID", description="ISO 3166-1 alpha-2 (HTCDS prs_MailingCountry)")

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        return normalise_country(value, "address.country")


class Person(Model):
    id: str = Field(default_factory=new_id)
    role: Role = Role.victim
    name: SingleLine = Field(..., description="Full name (HTCDS prs_FirstName ...)")
    sex: Sex | None = Field(None, description="HTCDS prs_Gender")
    birth_date: date | None = Field(None, description="HTCDS prs_Birthdate")
    estimated_age: int | None = Field(
        None, ge=0, le=120, description="When the birth date is unknown"
    )
    age_recorded_on: date | None = Field(None, description="The day the estimated age was given")
    nik: str | None = Field(None, description="NIK, 16 digits (HTCDS prs_IdentityNumber)")
    phone: str | None = Field(None, description="E.164, +62... (HTCDS prs_MobilePhone)")
    address: Address = Field(default_factory=Address)
    nationality: str = Field("ID", description="ISO 3166-1 alpha-2 (HTCDS prs_Citizenship)")
    consents: list[Consent] = Field(
        default_factory=list, description="HTCDS con_Consent, with scope and dates"
    )
    needs: dict[str, ServiceNeed] = Field(
        default_factory=dict, description="SOP service id -> needed | not-needed"
    )
    deceased: bool = Field(False, description="HTCDS prs_Deceased")
    date_of_death: date | None = Field(None, description="When the person died, if known")

    @field_validator("nationality")
    @classmethod
    def _nationality(cls, value: str) -> str:
        return normalise_country(value, "nationality")

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and is_stored(info):
            return value  # checked when entered; a stricter check never makes a record corrupt
        return normalise_phone(value) if value else None

    @field_validator("nik")
    @classmethod
    def _nik(cls, value: str | None, info: ValidationInfo) -> str | None:
        # Only the NIK's own shape here; whether it agrees with the birth date and sex is
        # checked when a person enters them (tipref.schemas.entry), never on read.
        if value and is_stored(info) and stored_nik_shape(value):
            return value  # 16 digits and a real date: python-stdnum ran when it was entered
        return normalise_nik(value) if value else None

    def age(self, on: date | None = None) -> int | None:
        return clock.age_from(
            self.birth_date, self.estimated_age, self.age_recorded_on, on or clock.today()
        )

    def is_child(self, on: date | None = None) -> bool | None:
        age = self.age(on)
        return None if age is None else age < ADULT_AGE

    def shares_identity_with(self, provider_id: str, on: date | None = None) -> bool:
        return identity_shared_with(self.consents, provider_id, on)

    def initials(self) -> str:
        """'Yosefina Bani (fiktif)' -> 'Y.B.' (tipref.schemas.names)."""
        from tipref.schemas.names import initials

        return initials(self.name)


class Place(Model):
    place: OptionalLine = Field("", description="Village, town or district")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return normalise_country(value) if value else None


class TraffickingFacts(Model):
    status: TraffickingStatus | None = Field(None, description="HTCDS vic_TraffickingStatus")
    exploitation: list[Exploitation] = Field(
        default_factory=list, description="HTCDS vic_TypeOfExploitation"
    )
    means_of_control: list[MeansOfControl] = Field(
        default_factory=list, description="HTCDS vic_MethodsOfControl"
    )
    recruitment: list[RecruitmentMethod] = Field(
        default_factory=list, description="HTCDS vic_MethodOfRecruitment"
    )
    relationship: Relationship | None = Field(
        None, description="HTCDS vic_RelationshipToTrafficker"
    )
    recruitment_place: Place = Field(
        default_factory=Place, description="HTCDS vic_LocationOfRecruitment"
    )
    exploitation_place: Place = Field(
        default_factory=Place, description="HTCDS vic_LocationOfExploitation"
    )


class ChronologyEntry(Model):
    on: date | None = Field(None, description="When it happened, if known")
    text: RequiredText
    recorded_at: datetime | None = None
    recorded_by: str | None = None


class Case(Record):
    KIND: ClassVar[str] = "case"
    FOLDER: ClassVar[str] = "cases"
    kind: Literal["case"] = "case"
    number: str = Field(..., description="Display number, e.g. TTU-2026-0001")
    status: CaseStatus = Field(CaseStatus.active, description="HTCDS cas_Status")
    closed_reason: FreeText | None = Field(None, description="HTCDS cas_ReasonForCaseClosure")
    closed_on: date | None = None
    opened_on: date = Field(default_factory=clock.today)
    risk: RiskLevel | None = None
    persons: list[Person] = Field(default_factory=list)
    trafficking: TraffickingFacts = Field(default_factory=TraffickingFacts)
    chronology: list[ChronologyEntry] = Field(default_factory=list)
    source: dict[str, str] | None = Field(
        None,
        description="Where an imported case came from: file_sha, row_key (so a re-import never duplicates it)",
    )
    events: CaseEvents = Field(default_factory=CaseEvents)
    police_letters: list[LetterRecord] = Field(
        default_factory=list,
        description="Letters reporting the case to the police (tipref case police-report)",
    )
    identifications: list[Identification] = Field(
        default_factory=list,
        description="Identification decisions (tipref case identify), oldest first",
    )

    def identification_of(self, person_id: str) -> Identification | None:
        """The latest identification decision about a person, if any."""
        mine = [(i.decided_on, n, i) for n, i in enumerate(self.identifications)]
        found = [item for item in mine if item[2].person_id == person_id]
        return max(found, key=lambda item: item[:2])[2] if found else None

    def person(self, ref: str | None) -> Person:
        """A person by id, by position (1, 2...), or the first victim when ``ref`` is None."""
        if ref is None:
            victims = [p for p in self.persons if p.role == Role.victim]
            if victims or self.persons:
                return (victims or self.persons)[0]
        else:
            for position, person in enumerate(self.persons, start=1):
                if ref in (person.id, str(position)):
                    return person
        from tipref.errors import NotFound

        raise NotFound(
            N_("Person '{ref}' is not in case {case}; persons there: {persons}"),
            ref=ref or "-",
            case=self.number,
            persons=", ".join(f"{i} ({p.id})" for i, p in enumerate(self.persons, 1)) or "-",
        )
