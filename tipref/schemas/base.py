"""What every stored record has: a coordination-free id, a revision and who changed it."""

from __future__ import annotations

import os
import time
from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

# Crockford's base32, the alphabet of ULIDs (no I, L, O, U)
ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id() -> str:
    """A ULID: two offline machines never mint the same one, and they sort by time.

    48 bits of milliseconds since 1970 and 80 random bits, as 26 characters of Crockford's
    base32 (the ULID specification; tests/text/test_ids.py checks python-ulid reads it).
    Written here: importing python-ulid looks up its own version in the installed
    distributions, which cost more than the rest of a small write (issue #21)."""
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    return "".join(ULID_ALPHABET[(value >> shift) & 31] for shift in range(125, -5, -5))


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
