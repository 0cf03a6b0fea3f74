"""The short facts the local index keeps of a record (:mod:`tipref.storage.index`).

No names, no NIK and no free text: the cache folder is not protected by the book's key.
"""

from __future__ import annotations

import json
import re
from typing import Any

SUMMARY_FIELDS = frozenset(
    {
        "number",
        "code",
        "status",
        "risk",
        "opened_on",
        "closed_on",
        "case_id",
        "person_id",
        "provider_id",
        "service",
        "direction",
        "referred_on",
        "revision",
        "updated_at",
        "created_at",
        "type",
        "issued_on",
    }
)

# The latest ISO date in the file's bytes (dates sort as text; sealed values hide theirs):
# doctor's clock check compares it with today instead of reading every file again.
LATEST_DATE = "_latest"
_RAW_DATE = re.compile(rb'"(\d{4}-\d{2}-\d{2})')


def latest_date(raw: bytes) -> str:
    """The latest ISO date (alone or starting a timestamp) written in a file, or ''."""
    return max(_RAW_DATE.findall(raw), default=b"").decode("ascii")


def _items(value: Any) -> list[dict[str, Any]]:
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


# Facts drawn from longer fields, still short and non-identifying: the version vector
# (doctor compares it with the logs without reading the file), letter numbers, the ids
# (never names) of a case's persons, and the old numbers of a renumbered record.
DERIVED: dict[str, tuple[str, Any]] = {
    "vv": (
        "vv",
        lambda v: (
            json.dumps(v, sort_keys=True, separators=(",", ":")) if isinstance(v, dict) else None
        ),
    ),
    "letters": (
        "letter_numbers",
        lambda v: "\t".join(str(i.get("number")) for i in _items(v)),
    ),
    "persons": ("person_ids", lambda v: " ".join(str(p.get("id")) for p in _items(v))),
    "aliases": (
        "aliases",
        lambda v: " ".join(str(x) for x in v)[:200] if isinstance(v, list) and v else None,
    ),
}


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """The short, non-identifying facts of a record the index keeps for lists and lookups."""
    result = {}
    for key, value in data.items():
        short = (
            value is None
            or isinstance(value, (int, float))
            or (isinstance(value, str) and len(value) <= 80)
        )
        if (key in SUMMARY_FIELDS or key.endswith("_id")) and short:
            result[key] = value
        elif key in DERIVED:
            name, derive = DERIVED[key]
            derived = derive(value)
            if derived:
                result[name] = derived
    return result
