"""A handover (serah terima) at one leg of a person's return home.

A return from abroad goes mission abroad (KBRI) -> BP3MI / Kemensos -> provincial Dinas
Sosial -> district -> family; a domestic return has fewer legs. Each leg is one record,
signed on paper by both sides in a berita acara serah terima; the last leg, to the family,
also has the family's acceptance statement (surat pernyataan penerimaan keluarga). The
return of a deceased person's remains (jenazah) is a handover too.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from tipref.i18n import N_
from tipref.schemas.base import Record
from tipref.schemas.letter import LetterRecord
from tipref.schemas.text import FreeText, OptionalLine


class Handover(Record):
    KIND: ClassVar[str] = "handover"
    FOLDER: ClassVar[str] = "handovers"
    kind: Literal["handover"] = "handover"
    number: str = Field(..., description="Display number, e.g. TTU-H2026-0001")
    case_id: str
    person_id: str
    handed_on: date = Field(..., description="Date of the handover")
    place: OptionalLine = Field("", description="Where it took place")
    by_provider_id: str = Field(..., description="The side handing over (PIHAK PERTAMA)")
    to_provider_id: str | None = Field(
        None, description="The side receiving (PIHAK KEDUA); none when it is the family"
    )
    family_name: OptionalLine = Field("", description="The family member receiving the person")
    family_relation: OptionalLine = Field("", description="Their relation to the person")
    remains: bool = Field(False, description="The remains (jenazah) of a deceased person")
    note: FreeText = ""
    letters: list[LetterRecord] = Field(
        default_factory=list, description="The berita acara serah terima made for this leg"
    )
    acceptance_letters: list[LetterRecord] = Field(
        default_factory=list, description="The family's acceptance statement, when made"
    )

    @property
    def to_family(self) -> bool:
        return self.to_provider_id is None

    @model_validator(mode="after")
    def _receiver(self) -> Handover:
        if self.to_provider_id is None and not self.family_name.strip():
            raise ValueError(N_("family_name: a handover to the family names the family member"))
        return self
