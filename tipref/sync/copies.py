"""Conflict copies of record files: merged into the record, three-way where the logs show
the common version, two-way otherwise; a copy whose change is in a device log adds nothing."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from tipref.book.casebook import Book
from tipref.errors import CorruptRecord, NotFound
from tipref.i18n import Msg
from tipref.storage.diff import BOOKKEEPING_FIELDS, flatten
from tipref.storage.merge import three_way
from tipref.sync.problem import Decide, Problem


def _read_copy(book: Book, kind: str, path: Path, record_id: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptRecord(path=str(path), detail=str(error)) from None
    if not isinstance(data, dict) or data.get("id") != record_id:
        raise CorruptRecord(path=str(path), detail="not a copy of this record")
    data = book.store.codec.decode(kind, record_id, data)
    book._to_model(kind, data)
    return data


def _merge_copy(
    book: Book,
    kind: str,
    path: Path,
    record_id: str,
    fix: bool,
    keep: str | None,
    decide: Decide | None,
) -> Problem:
    try:
        theirs = _read_copy(book, kind, path, record_id)
    except CorruptRecord as error:
        return Problem(
            "conflict-copy",
            Msg("doctor.copy_unreadable", path=str(path), detail=error.params.get("detail", "")),
            str(path),
        )
    number = theirs.get("number") or theirs.get("code") or record_id
    data = {"record_id": record_id, "kind": kind, "number": number}
    if theirs.get("log_entry") and _in_logs(book, record_id, theirs["log_entry"]):
        # Its change is in a device log: the record is rebuilt and merged from the logs.
        if fix:
            path.unlink()
        data["merge"] = "logs"
        return Problem(
            "conflict-copy",
            Msg("doctor.copy_in_logs", copy=path.name),
            str(path),
            fix,
            data,
        )
    try:
        mine = book.store.read(kind, record_id)
    except NotFound:
        mine = None
    except CorruptRecord:
        mine = None  # the copy is readable and the record is not: the copy is the best we have
    if mine is None:
        if fix:
            book.store.resolve(kind, theirs, None, book.actor, note=f"restored from {path.name}")
            path.unlink()
        return Problem(
            "conflict-copy", Msg("doctor.orphan_copy", copy=path.name), str(path), fix, data
        )
    base = common_ancestor(book, kind, record_id, mine, theirs)
    data["merge"] = "three-way" if base is not None else "two-way"
    result = three_way(base, mine, theirs)
    clashes = result.clashes
    data["clashes"] = [{"field": c.path, "mine": c.mine, "theirs": c.theirs} for c in clashes]
    fields = ", ".join(c.path for c in clashes)
    kind_label = Msg(f"kind.{kind}")
    if not fix:
        outcome = Msg("doctor.clash", fields=fields) if clashes else Msg("doctor.would_merge")
        return Problem(
            "conflict-copy",
            Msg(
                "doctor.conflict_copy",
                copy=path.name,
                kind=kind_label,
                number=number,
                outcome=outcome,
            ),
            str(path),
            False,
            data,
        )
    choice = None
    if clashes:
        choice = keep
        if choice is None and decide is not None:
            choice = decide(kind, mine, theirs, clashes)
        if choice == "newest":
            choice = "theirs" if _newer(theirs, mine) else "mine"
        if choice not in ("mine", "theirs"):
            return Problem(
                "conflict-copy",
                Msg(
                    "doctor.conflict_copy",
                    copy=path.name,
                    kind=kind_label,
                    number=number,
                    outcome=Msg("doctor.clash", fields=fields),
                ),
                str(path),
                False,
                data,
            )
        # three_way keeps its third argument's value where both changed a field.
        merged = three_way(base, theirs, mine).merged if choice == "mine" else result.merged
        losing = theirs if choice == "mine" else mine
    else:
        merged = result.merged
        losing = theirs
    for name in BOOKKEEPING_FIELDS:
        merged.pop(name, None)
    try:
        merged = book._to_model(kind, merged).model_dump(mode="json")
    except CorruptRecord as error:
        data["error"] = error.params.get("detail")
        return Problem(
            "conflict-copy",
            Msg(
                "doctor.conflict_copy",
                copy=path.name,
                kind=kind_label,
                number=number,
                outcome=Msg("doctor.clash", fields=fields or "?"),
            ),
            str(path),
            False,
            data,
        )
    note = f"sync conflict {path.name}" + (f"; kept {choice} on {fields}" if choice else "")
    book.store.resolve(kind, merged, losing, book.actor, note=note, expected=mine)
    path.unlink()  # only now that the merged record is written
    data["kept"] = choice
    outcome = Msg("doctor.decided", fields=fields, keep=choice) if choice else Msg("doctor.merged")
    return Problem(
        "conflict-copy",
        Msg(
            "doctor.conflict_copy", copy=path.name, kind=kind_label, number=number, outcome=outcome
        ),
        str(path),
        True,
        data,
    )


def _in_logs(book: Book, record_id: str, entry_id: str) -> bool:
    return any(e.get("id") == entry_id for e in book.store.history.entries(record_id))


def common_ancestor(
    book: Book, kind: str, record_id: str, mine: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, Any] | None:
    """The version both sides started from, rebuilt from the history logs, or None.

    Entries carry the revision they made and field-by-field old values. The first
    revision with two different entries is where the two versions parted; each field's
    value there is the old value of the first later change to it on either side.
    """
    entries = [e for e in book.store.history.entries(record_id) if e.get("kind", kind) == kind]
    by_revision: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for entry in entries:
        if isinstance(entry.get("revision"), int) and isinstance(entry.get("changes"), list):
            key = json.dumps(
                [entry.get("device"), entry.get("at"), entry.get("changes")],
                sort_keys=True,
                default=str,
            )
            by_revision[entry["revision"]][key] = entry
    parted = sorted(r for r, found in by_revision.items() if len(found) > 1)
    if not parted:
        return None
    split = parted[0]
    if split > min(int(mine.get("revision") or 0), int(theirs.get("revision") or 0)) + 1:
        return None
    first_old: dict[str, Any] = {}
    for revision in sorted(r for r in by_revision if r >= split):
        for entry in by_revision[revision].values():
            for change in entry["changes"]:
                first_old.setdefault(change["field"], change.get("old"))
    flat = flatten(mine)
    base_flat = {k: v for k, v in flat.items() if k not in first_old}
    base_flat.update(first_old)
    try:
        return unflatten(base_flat, mine, theirs)
    except (KeyError, ValueError, TypeError):
        return None


_SEGMENT = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


def unflatten(flat: dict[str, Any], *shapes: dict[str, Any]) -> dict[str, Any]:
    """Rebuild a record from dotted paths (``persons[ID].name``) as :func:`flatten` wrote them."""
    result: dict[str, Any] = {}
    for path, value in flat.items():
        segments = [(m[1], m[2]) for m in _SEGMENT.finditer(path)]
        target: Any = result
        for position, (name, item_id) in enumerate(segments):
            last = position == len(segments) - 1
            if name is not None:
                if last:
                    target[name] = value
                elif segments[position + 1][1] is not None:
                    target = target.setdefault(name, [])
                else:
                    target = target.setdefault(name, {})
            else:
                found = next((i for i in target if i.get("id") == item_id), None)
                if found is None:
                    found = {"id": item_id}
                    target.append(found)
                if last:
                    raise ValueError(path)
                target = found
    _drop_absent_items(result)
    return result


def _drop_absent_items(value: Any) -> None:
    """A list item whose every field was None did not exist yet in the rebuilt version."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list) and all(isinstance(i, dict) and "id" in i for i in item):
                value[key] = [
                    i for i in item if any(v is not None for k, v in i.items() if k != "id")
                ]
            _drop_absent_items(value[key])
    elif isinstance(value, list):
        for item in value:
            _drop_absent_items(item)


# -- numbers and references -------------------------------------------------------------


def _newer(theirs: dict[str, Any], mine: dict[str, Any]) -> bool:
    """Whether ``theirs`` is the newer version: by the hybrid logical clock of the entry
    each was written by (ties broken by device id), else by the time it was saved."""
    from tipref.storage import hlc

    if theirs.get("hlc") and mine.get("hlc"):
        return hlc.parse(theirs["hlc"]) > hlc.parse(mine["hlc"])
    return str(theirs.get("updated_at") or "") > str(mine.get("updated_at") or "")
