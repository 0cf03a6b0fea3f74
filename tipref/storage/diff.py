"""Field-by-field differences between two versions of a record.

Records are flattened to dotted paths; a list of objects that carry an ``id`` (persons)
is keyed by that id, so two staff editing different persons of one case do not clash.
"""

from __future__ import annotations

from typing import Any

BOOKKEEPING_FIELDS = frozenset({"revision", "updated_at", "updated_by"})
MISSING = object()


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(flatten(item, f"{prefix}.{key}" if prefix else key))
        if not value and prefix:
            flat[prefix] = {}
        return flat
    if isinstance(value, list) and value and all(isinstance(i, dict) and "id" in i for i in value):
        flat = {}
        for item in value:
            flat.update(flatten(item, f"{prefix}[{item['id']}]"))
        return flat
    return {prefix: value}


def changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields that differ, as ``{"field", "old", "new"}``; bookkeeping left out."""
    before = flatten(old or {})
    after = flatten(new)
    result = []
    for field in sorted(set(before) | set(after)):
        if field in BOOKKEEPING_FIELDS:
            continue
        old_value = before.get(field, None)
        new_value = after.get(field, None)
        if old_value != new_value:
            result.append({"field": field, "old": old_value, "new": new_value})
    return result
