"""Three-way merge of two versions of a record that both started from one base.

Used when a stale edit is saved and when sync services leave conflict copies: changes
to different fields merge by themselves; the same field changed to two different values
is a clash that a person decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tipref.storage.diff import BOOKKEEPING_FIELDS

MISSING: Any = object()
# Lists that only ever grow (DESIGN §2.6): merged as the union of both sides, never
# chosen, even when no common version is known (a conflict copy without its log).
APPEND_ONLY = frozenset(
    {
        "chronology",
        "events",
        "transitions",
        "letters",
        "consents",
        "evaluated_on",
        "history",
    }
)


@dataclass
class Clash:
    path: str
    mine: Any
    theirs: Any


@dataclass
class MergeResult:
    merged: dict[str, Any]
    clashes: list[Clash] = field(default_factory=list)


def three_way(
    base: dict[str, Any] | None, mine: dict[str, Any], theirs: dict[str, Any]
) -> MergeResult:
    clashes: list[Clash] = []
    merged = _merge(base if base is not None else MISSING, mine, theirs, "", clashes)
    for name in BOOKKEEPING_FIELDS:
        if name in theirs:
            merged[name] = theirs[name]
    kept = [c for c in clashes if _top(c.path) not in BOOKKEEPING_FIELDS]
    return MergeResult(merged, kept)


def _top(path: str) -> str:
    """``vv.DEVICE`` -> ``vv``: a bookkeeping field's parts are bookkeeping too."""
    return path.split(".", 1)[0].split("[", 1)[0]


def _merge(base: Any, mine: Any, theirs: Any, path: str, clashes: list[Clash]) -> Any:
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return _merge_dicts(base, mine, theirs, path, clashes)
    if isinstance(mine, list) and isinstance(theirs, list):
        merged = _merge_lists(base, mine, theirs, path, clashes)
        if merged is not _NO_MERGE:
            return merged
    clashes.append(
        Clash(
            path,
            None if mine is MISSING else mine,
            None if theirs is MISSING else theirs,
        )
    )
    return theirs


_NO_MERGE: Any = object()


def _merge_dicts(
    base: Any, mine: dict, theirs: dict, path: str, clashes: list[Clash]
) -> dict[str, Any]:
    base_dict = base if isinstance(base, dict) else {}
    result = {}
    for key in list(theirs) + [k for k in mine if k not in theirs]:
        value = _merge(
            base_dict.get(key, MISSING),
            mine.get(key, MISSING),
            theirs.get(key, MISSING),
            f"{path}.{key}" if path else key,
            clashes,
        )
        if value is not MISSING:
            result[key] = value
    return result


def _merge_lists(base: Any, mine: list, theirs: list, path: str, clashes: list[Clash]) -> Any:
    """Lists of items with ids merge item by item; lists that only grow keep both sides'
    additions; any other list changed on both sides is a clash (``_NO_MERGE``)."""
    keyed_base = base is MISSING or _is_keyed_list(base) or base == []
    if _is_keyed_list(mine) and _is_keyed_list(theirs) and keyed_base:
        return _merge_keyed(base if isinstance(base, list) else [], mine, theirs, path, clashes)
    if isinstance(base, list):
        appended = _merge_appended(base, mine, theirs)
        if appended is not None:
            return appended
    if _last_name(path) in APPEND_ONLY:
        return _union(mine, theirs)
    return _NO_MERGE


def _is_keyed_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(i, dict) and "id" in i for i in value)


def _merge_keyed(base: list, mine: list, theirs: list, path: str, clashes: list[Clash]) -> list:
    base_by_id = {item["id"]: item for item in base}
    mine_by_id = {item["id"]: item for item in mine}
    theirs_by_id = {item["id"]: item for item in theirs}
    order = [item["id"] for item in theirs] + [i["id"] for i in mine if i["id"] not in theirs_by_id]
    result = []
    for item_id in order:
        value = _merge(
            base_by_id.get(item_id, MISSING),
            mine_by_id.get(item_id, MISSING),
            theirs_by_id.get(item_id, MISSING),
            f"{path}[{item_id}]",
            clashes,
        )
        if value is not MISSING:
            result.append(value)
    return result


def _last_name(path: str) -> str:
    """``persons[ID].consents`` -> ``consents``."""
    return path.rsplit(".", 1)[-1].split("[", 1)[0]


def _union(mine: list, theirs: list) -> list:
    """Both sides' entries of a list that only grows, theirs first, nothing twice."""
    result = list(theirs)
    for item in mine:
        if item not in result:
            result.append(item)
    return result


def _merge_appended(base: list, mine: list, theirs: list) -> list | None:
    """Append-only lists (chronology, transitions, letters): keep both sides' additions."""
    if mine[: len(base)] != base or theirs[: len(base)] != base:
        return None
    result = list(theirs)
    for item in mine[len(base) :]:
        if item not in result:
            result.append(item)
    return result
