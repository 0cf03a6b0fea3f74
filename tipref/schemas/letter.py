"""What the book keeps about a letter that went out: enough to prove which file it was."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from tipref.schemas.base import Model


class LetterRecord(Model):
    number: str = Field(..., description="The letter's Nomor, e.g. 001/TTU/XI/2026")
    date: dt.date = Field(..., description="The date written on the letter")
    file_name: str = Field(..., description="File name only; never a person's name")
    sha256: str = Field(..., description="Checksum of the .docx as written")
    made_by: str
    made_at: dt.datetime
    lang: Literal["id", "en"] = "id"
    identity_disclosed: bool = Field(
        False, description="Full identity written (consent to share with this provider)"
    )
    template: str = Field("", description="Template used: 'default' or the book's override")
    companion: str = Field("", description="Who accompanies a child, as written on the letter")


class DocumentRecord(Model):
    """A document made from a record (conference minutes, an identification form): enough
    to prove which file it was. Here, not beside the conference: a case's identification
    keeps its forms, and reading a case should not define the conference models (#21)."""

    file_name: str
    sha256: str
    made_by: str
    made_at: dt.datetime
    lang: Literal["id", "en"] = "id"
