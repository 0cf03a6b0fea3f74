"""A joint commitment (dokumen komitmen bersama) signed at a coordination meeting."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from tipref.schemas.base import Model, Record
from tipref.schemas.text import OptionalLine, RequiredText, SingleLine, single_line

if TYPE_CHECKING:  # to a type checker they are str; to pydantic, checked single lines
    Title = str
    OptionalTitle = str
else:
    Title = single_line(500)
    OptionalTitle = single_line(500, blank=True)


class Signatory(Model):
    name: SingleLine
    institution: SingleLine
    position: OptionalLine = ""


class CommitmentText(Model):
    """The document's words in one more language (the main ones are in Indonesian)."""

    title: OptionalTitle = ""
    recitals: list[RequiredText] = Field(default_factory=list, description="Why, one reason each")
    points: list[RequiredText] = Field(default_factory=list, description="The numbered commitments")


class Commitment(Record):
    KIND: ClassVar[str] = "commitment"
    FOLDER: ClassVar[str] = "commitments"
    kind: Literal["commitment"] = "commitment"
    number: str = Field(..., description="Document number, e.g. 001/GT-PPTPPO/TTU/I/2022")
    title: Title
    held_on: date = Field(..., description="The day of the meeting")
    place: SingleLine
    organiser: OptionalLine = Field(
        "", description="The meeting, e.g. 'rapat koordinasi Gugus Tugas PP TPPO Kabupaten TTU'"
    )
    recitals: list[RequiredText] = Field(default_factory=list, description="Why, one reason each")
    points: list[RequiredText] = Field(default_factory=list, description="The numbered commitments")
    english: CommitmentText = Field(
        default_factory=CommitmentText,
        description="The title, recitals and points in English, for the English document",
    )
    chair_name: OptionalLine = Field(
        "", description="Ketua Gugus Tugas (default: the book's task_force)"
    )
    chair_position: OptionalLine = Field("", description="Position under 'Mengetahui'")
    signatories: list[Signatory] = Field(default_factory=list)
