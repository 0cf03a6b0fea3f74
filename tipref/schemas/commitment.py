"""A joint commitment (dokumen komitmen bersama) signed at a coordination meeting."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from tipref.schemas.base import Model, Record


class Signatory(Model):
    name: str = Field(..., min_length=1)
    institution: str = Field(..., min_length=1)
    position: str = ""

    @field_validator("name", "institution", "position")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class CommitmentText(Model):
    """The document's words in one more language (the main ones are in Indonesian)."""

    title: str = ""
    recitals: list[str] = Field(default_factory=list, description="Why, one reason each")
    points: list[str] = Field(default_factory=list, description="The numbered commitments")


class Commitment(Record):
    kind: Literal["commitment"] = "commitment"
    number: str = Field(..., description="Document number, e.g. 001/GT-PPTPPO/TTU/I/2022")
    title: str = Field(..., min_length=1)
    held_on: date = Field(..., description="The day of the meeting")
    place: str = Field(..., min_length=1)
    organiser: str = Field(
        "", description="The meeting, e.g. 'rapat koordinasi Gugus Tugas PP TPPO Kabupaten TTU'"
    )
    recitals: list[str] = Field(default_factory=list, description="Why, one reason each")
    points: list[str] = Field(default_factory=list, description="The numbered commitments")
    english: CommitmentText = Field(
        default_factory=CommitmentText,
        description="The title, recitals and points in English, for the English document",
    )
    chair_name: str = Field("", description="Ketua Gugus Tugas (default: the book's task_force)")
    chair_position: str = Field("", description="Position under 'Mengetahui'")
    signatories: list[Signatory] = Field(default_factory=list)
