"""A joint commitment (dokumen komitmen bersama) signed at a coordination meeting (DOMAIN.md §6)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from tipref.schemas.base import Model, Record
from tipref.schemas.text import OptionalLine, RequiredText, SingleLine, single_line

Title = single_line(500)


class Signatory(Model):
    name: SingleLine
    institution: SingleLine
    position: OptionalLine = ""


class Commitment(Record):
    kind: Literal["commitment"] = "commitment"
    number: str = Field(..., description="Display number, e.g. TTU-K2026-001")
    title: Title
    held_on: date = Field(..., description="The day of the meeting")
    place: SingleLine
    organiser: OptionalLine = Field("", description="Who held the meeting, e.g. the task force")
    recitals: list[RequiredText] = Field(default_factory=list, description="Why (menimbang)")
    points: list[RequiredText] = Field(default_factory=list, description="The numbered commitments")
    signatories: list[Signatory] = Field(default_factory=list)
