"""A joint commitment (dokumen komitmen bersama) signed at a coordination meeting (DOMAIN.md §6)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

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


class Commitment(Record):
    KIND: ClassVar[str] = "commitment"
    FOLDER: ClassVar[str] = "commitments"
    kind: Literal["commitment"] = "commitment"
    number: str = Field(..., description="Display number, e.g. TTU-K2026-001")
    title: str = Field(..., min_length=1)
    held_on: date = Field(..., description="The day of the meeting")
    place: str = Field(..., min_length=1)
    organiser: str = Field("", description="Who held the meeting, e.g. the task force")
    recitals: list[str] = Field(default_factory=list, description="Why (menimbang)")
    points: list[str] = Field(default_factory=list, description="The numbered commitments")
    signatories: list[Signatory] = Field(default_factory=list)
