"""Record and log ids are ULIDs (tipref.schemas.base.new_id, written without python-ulid)."""

from __future__ import annotations

import time

from ulid import ULID

from tipref.schemas.base import new_id
from tipref.storage.store import is_record_file


def test_ids_are_ulids_of_now():
    before = int(time.time() * 1000)
    ids = [new_id() for _ in range(2000)]
    after = int(time.time() * 1000)
    assert len(set(ids)) == len(ids)
    for value in ids[:200]:
        parsed = ULID.from_str(value)  # python-ulid reads it back as the same ULID
        assert str(parsed) == value and len(value) == 26
        assert before <= round(parsed.timestamp * 1000) <= after
        assert is_record_file(f"{value}.json")


def test_ids_sort_by_time():
    first = new_id()
    time.sleep(0.002)
    assert new_id() > first
