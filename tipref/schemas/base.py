"""What every stored record has: a coordination-free id, a revision and who changed it."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from tipref.ids import new_id


class Model(BaseModel):
    # extra="allow": a record written by a newer tipref keeps the fields this version
    # does not know, instead of silently dropping them on the next save.
    model_config = ConfigDict(
        extra="allow", use_enum_values=False, populate_by_name=True, defer_build=True
    )


class Record(Model):
    """A stored record. Each subclass names its kind (``Case.KIND == "case"``) and the
    book folder that holds its files (``Case.FOLDER == "cases"``)."""

    KIND: ClassVar[str] = ""
    FOLDER: ClassVar[str] = ""
    id: str = Field(default_factory=new_id, description="ULID; the record's file name")
    revision: int = Field(0, ge=0, description="Raised by one on every saved change")
    schema_version: int = 1
    created_at: datetime | None = None
    created_by: str | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None
