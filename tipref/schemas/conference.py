"""A case conference (rapat koordinasi kasus): the SOP's coordination, done as a meeting.

Coordination is not a service a person is referred to (DOMAIN.md §2): the providers of
a case meet, on an invitation letter (surat undangan), and their decisions are written
in the minutes (notulen) with the attendance list. A decision can mark a need in the case
plan or start a referral, which then records the conference it came from.
"""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar, Literal

from pydantic import Field, field_validator

from tipref.i18n import N_
from tipref.schemas.base import Model, Record
from tipref.schemas.commitment import Signatory
from tipref.schemas.enums import Service
from tipref.schemas.letter import DocumentRecord, LetterRecord
from tipref.schemas.text import FreeText, RequiredText, SingleLine

DEFAULT_CONFERENCE_PATTERN = "{code}-K{year}-{seq:04d}"


class Decision(Model):
    text: RequiredText = Field(..., description="What the meeting decided")
    need: Service | None = Field(None, description="A service marked as needed in the case plan")
    referral_id: str | None = Field(None, description="The referral this decision started")


class Conference(Record):
    KIND: ClassVar[str] = "conference"
    FOLDER: ClassVar[str] = "conferences"
    kind: Literal["conference"] = "conference"
    number: str = Field(..., description="Display number, e.g. TTU-K2026-0001")
    case_id: str
    held_on: date = Field(..., description="The day of the meeting")
    time: str = Field("", description="Start time, HH:MM (local time of the book)")
    place: SingleLine
    agenda: FreeText = Field("", description="What the meeting is about")
    invited: list[str] = Field(default_factory=list, description="Provider ids invited")
    invitation: LetterRecord | None = Field(
        None, description="The invitation letter (surat undangan): its number, date, file"
    )
    held: bool = Field(False, description="True once the minutes (who came) are recorded")
    attendance: list[Signatory] = Field(default_factory=list)
    discussion: FreeText = ""
    decisions: list[Decision] = Field(default_factory=list)
    minutes: list[DocumentRecord] = Field(default_factory=list)
    migrated_from: str | None = Field(
        None, description="The former 'coordination' referral this conference replaces"
    )

    @field_validator("time")
    @classmethod
    def _time(cls, value: str) -> str:
        value = value.strip().replace(".", ":")
        if value and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value):
            raise ValueError(N_("write the time as HH:MM, e.g. 09:00"))
        return value.zfill(5) if value else value
