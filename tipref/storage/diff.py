"""Field-by-field differences between two versions of a record.

Records are flattened to dotted paths; a list of objects that carry an ``id`` (persons)
is keyed by that id, so two staff editing different persons of one case do not clash.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Fields the store sets on every write; never a change of their own. ``log_entry``,
# ``hlc`` and ``vv`` tie a record file (a snapshot) to the log entry it was made by.
BOOKKEEPING_FIELDS = frozenset(
    {"revision", "updated_at", "updated_by", "log_entry", "log_revision", "hlc", "vv"}
)
# ``log_revision`` is the revision ``log_entry`` made: when a record's revision is above
# it, a tipref that does not write format-2 logs changed the file since.
SNAPSHOT_FIELDS = frozenset({"log_entry", "log_revision", "hlc", "vv"})
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
        if field in BOOKKEEPING_FIELDS or field.split(".", 1)[0] in SNAPSHOT_FIELDS:
            continue
        old_value = before.get(field, None)
        new_value = after.get(field, None)
        if old_value != new_value:
            result.append({"field": field, "old": old_value, "new": new_value})
    return result


_SEGMENT = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


def segments(path: str) -> list[tuple[str | None, str | None]]:
    """``persons[ID].name`` -> [("persons", None), (None, "ID"), ("name", None)]."""
    return [(m[1], m[2]) for m in _SEGMENT.finditer(path)]


def apply(state: dict[str, Any] | None, patch: list[dict[str, Any]]) -> dict[str, Any]:
    """The record after ``patch`` (as :func:`changes` wrote it) is applied to ``state``."""
    result = json.loads(json.dumps(state or {}, default=str))
    for change in patch:
        _set_path(result, segments(str(change["field"])), change.get("new"))
    _drop_empty_items(result)
    return result


def _set_path(target: Any, path: list[tuple[str | None, str | None]], value: Any) -> None:
    for position, (name, item_id) in enumerate(path):
        last = position == len(path) - 1
        if last:
            if name is not None and isinstance(target, dict):
                _set_leaf(target, name, value)
            return
        wants_list = path[position + 1][1] is not None
        target = _child(target, name, wants_list) if name is not None else _item(target, item_id)
        if target is None:
            return


def _set_leaf(target: dict[str, Any], name: str, value: Any) -> None:
    if value is None:
        target.pop(name, None)
    else:
        target[name] = json.loads(json.dumps(value, default=str))


def _child(target: Any, name: str, wants_list: bool) -> Any:
    """``target[name]``, made a list or an object as the path needs."""
    if not isinstance(target, dict):
        return None
    child = target.get(name)
    if not isinstance(child, list if wants_list else dict):
        child = [] if wants_list else {}
        target[name] = child
    return child


def _item(target: Any, item_id: str | None) -> dict[str, Any] | None:
    """The item of a keyed list with this id, added if it is not there yet."""
    if not isinstance(target, list):
        return None
    found = next((i for i in target if isinstance(i, dict) and i.get("id") == item_id), None)
    if found is None:
        found = {"id": item_id}
        target.append(found)
    return found


def _drop_empty_items(value: Any) -> None:
    """A list item left with nothing but its id was removed by the patch."""
    if isinstance(value, dict):
        for key, item in list(value.items()):
            if (
                isinstance(item, list)
                and item
                and all(isinstance(i, dict) and "id" in i for i in item)
            ):
                value[key] = [i for i in item if any(k != "id" for k in i)]
            _drop_empty_items(value[key])
    elif isinstance(value, list):
        for item in value:
            _drop_empty_items(item)


def canonical_record(data: dict[str, Any] | None) -> str:
    """A record's content for comparison: bookkeeping and empty values left out, lists in order."""
    body = {k: v for k, v in (data or {}).items() if k not in BOOKKEEPING_FIELDS}
    return json.dumps(_drop_none(body), sort_keys=True, ensure_ascii=False, default=str)


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def patch(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, Any]]:
    """The changes from ``old`` to ``new``, checked to rebuild ``new`` exactly.

    Field-level where that is exact; a top-level field whose fine-grained changes would
    not rebuild it (a reordered list, an emptied object) is logged whole instead.
    """
    result = changes(old, new)
    if canonical_record(apply(old, result)) == canonical_record(new):
        return result
    rebuilt = apply(old, result)
    wrong = {
        key
        for key in set(rebuilt) | set(new)
        if key not in BOOKKEEPING_FIELDS
        and json.dumps(_drop_none(rebuilt.get(key)), sort_keys=True, default=str)
        != json.dumps(_drop_none(new.get(key)), sort_keys=True, default=str)
    }
    result = [c for c in result if segments(c["field"])[0][0] not in wrong]
    for key in sorted(wrong):
        result.append({"field": key, "old": (old or {}).get(key), "new": new.get(key)})
    return result
