"""Record and device ids, made without pydantic (the storage layer and quick reads use them)."""

from __future__ import annotations

import os
import time

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
