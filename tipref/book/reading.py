"""Helpers of the book's reads: pausing the collector, matching index facts, file
versions, and a locked book's placeholders."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the trusted reads use these helpers without loading pydantic
    from pydantic import ValidationError


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading thousands of records builds thousands of acyclic dicts and models; Python's
    cyclic collector would walk them all again and again while they accumulate."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Everything made meanwhile is still in the youngest generation, which the
            # first allocation after enable() would walk whole (0.17 s after an import of
            # 10,000 rows): freeze() then unfreeze() moves it to the oldest, unwalked.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def facts_match(facts: dict[str, Any], where: dict[str, Any]) -> bool:
    for key, wanted in where.items():
        values = wanted if isinstance(wanted, (list, tuple, set)) else [wanted]
        if facts.get(key) not in [getattr(v, "value", v) for v in values]:
            return False
    return True


def same_version(indexed: list[int], read: tuple[int, int, int]) -> bool:
    # Windows' directory listing reports inode 0: compare inodes only where both are known.
    same_inode = not indexed[2] or not read[2] or indexed[2] == read[2]
    return indexed[0] == read[0] and indexed[1] == read[1] and same_inode


def without_locked(codec: Any, data: dict[str, Any], error: ValidationError) -> dict | None:
    """A locked book: its ``[locked]`` placeholders left out where the model refuses them
    (None when the book is not locked, or the record is really corrupt)."""
    if not getattr(codec, "placeholders", False):  # locked, or counting without a key
        return None
    from tipref.privacy.codec import without_locked as fit

    return fit(data, list(error.errors()))
