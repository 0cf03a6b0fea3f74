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
from tipref.i18n import Msg, kind_label
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
    book.validate(kind, data)
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
        detail = error.params.get("detail", "")
        message = Msg("Unreadable conflict copy: {path} ({detail})", path=str(path), detail=detail)
        return Problem("conflict-copy", message, str(path))
    number = theirs.get("number") or theirs.get("code") or record_id
    data: dict[str, Any] = {"record_id": record_id, "kind": kind, "number": number}
    if theirs.get("log_entry") and _in_logs(book, record_id, theirs["log_entry"]):
        # Its change is in a device log: the record is rebuilt and merged from the logs.
        if fix:
            path.unlink()
        data["merge"] = "logs"
        message = Msg(
            "Conflict copy {copy}: its change is in a device log already; the copy is removed",
            copy=path.name,
        )
        return Problem("conflict-copy", message, str(path), fix, data)
    mine = _current(book, kind, record_id)
    if mine is None:
        if fix:
            book.store.resolve(kind, theirs, None, book.actor, note=f"restored from {path.name}")
            path.unlink()
        message = Msg(
            "Conflict copy {copy}: its record is missing; the copy is restored", copy=path.name
        )
        return Problem("conflict-copy", message, str(path), fix, data)
    copy = _Copy(book, kind, path, number, data, mine, theirs)
    return copy.merge(fix, keep, decide)


def _current(book: Book, kind: str, record_id: str) -> dict[str, Any] | None:
    """The record as it is, or None when its file is missing or corrupt (then the copy is
    the best there is)."""
    try:
        return book.store.read(kind, record_id)
    except (NotFound, CorruptRecord):
        return None


class _Copy:
    """One conflict copy merged into its record: three-way when the logs show the version
    both started from, two-way otherwise; a clash is decided by ``keep`` or ``decide``."""

    def __init__(self, book, kind, path, number, data, mine, theirs) -> None:
        self.book, self.kind, self.path, self.number = book, kind, path, number
        self.data, self.mine, self.theirs = data, mine, theirs
        self.base = common_ancestor(book, kind, data["record_id"], mine, theirs)
        data["merge"] = "three-way" if self.base is not None else "two-way"
        self.result = three_way(self.base, mine, theirs)
        self.clashes = self.result.clashes
        data["clashes"] = [
            {"field": c.path, "mine": c.mine, "theirs": c.theirs} for c in self.clashes
        ]
        self.fields = ", ".join(c.path for c in self.clashes)

    def problem(self, outcome: Msg, fixed: bool) -> Problem:
        message = Msg(
            "Conflict copy {copy} of {kind} {number}: {outcome}",
            copy=self.path.name,
            kind=kind_label(self.kind),
            number=self.number,
            outcome=outcome,
        )
        return Problem("conflict-copy", message, str(self.path), fixed, self.data)

    def merge(self, fix: bool, keep: str | None, decide: Decide | None) -> Problem:
        if not fix:
            clash = Msg("clash on {fields} (use --keep mine|theirs|newest)", fields=self.fields)
            return self.problem(clash if self.clashes else Msg("merges cleanly (use --fix)"), False)
        choice = self._choice(keep, decide) if self.clashes else None
        if self.clashes and choice not in ("mine", "theirs"):
            return self.problem(
                Msg("clash on {fields} (use --keep mine|theirs|newest)", fields=self.fields), False
            )
        merged, losing = self._outcome(choice)
        try:
            merged = self.book.validate(self.kind, merged).model_dump(mode="json")
        except CorruptRecord as error:
            self.data["error"] = error.params.get("detail")
            return self.problem(
                Msg("clash on {fields} (use --keep mine|theirs|newest)", fields=self.fields or "?"),
                False,
            )
        kept = f"; kept {choice} on {self.fields}" if choice else ""
        note = f"sync conflict {self.path.name}{kept}"
        self.book.store.resolve(
            self.kind, merged, losing, self.book.actor, note=note, expected=self.mine
        )
        self.path.unlink()  # only now that the merged record is written
        self.data["kept"] = choice
        if choice:
            return self.problem(
                Msg("merged; clash on {fields} decided: {keep}", fields=self.fields, keep=choice),
                True,
            )
        return self.problem(Msg("merged"), True)

    def _choice(self, keep: str | None, decide: Decide | None) -> str | None:
        choice = keep
        if choice is None and decide is not None:
            choice = decide(self.kind, self.mine, self.theirs, self.clashes)
        if choice == "newest":
            choice = "theirs" if _newer(self.theirs, self.mine) else "mine"
        return choice

    def _outcome(self, choice: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
        """The merged record and the version that lost."""
        if choice == "mine":
            # three_way keeps its third argument's value where both changed a field.
            merged, losing = three_way(self.base, self.theirs, self.mine).merged, self.theirs
        elif choice == "theirs":
            merged, losing = self.result.merged, self.mine
        else:
            merged, losing = self.result.merged, self.theirs
        for name in BOOKKEEPING_FIELDS:
            merged.pop(name, None)
        return merged, losing


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
    by_revision = _entries_by_revision(book, kind, record_id)
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
    base_flat = {k: v for k, v in flatten(mine).items() if k not in first_old}
    base_flat.update(first_old)
    try:
        return unflatten(base_flat, mine, theirs)
    except (KeyError, ValueError, TypeError):
        return None


def _entries_by_revision(
    book: Book, kind: str, record_id: str
) -> dict[int, dict[str, dict[str, Any]]]:
    """A record's log entries by the revision they made (distinct entries only)."""
    by_revision: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for entry in book.store.history.entries(record_id):
        if entry.get("kind", kind) != kind:
            continue
        if isinstance(entry.get("revision"), int) and isinstance(entry.get("changes"), list):
            key = json.dumps(
                [entry.get("device"), entry.get("at"), entry.get("changes")],
                sort_keys=True,
                default=str,
            )
            by_revision[entry["revision"]][key] = entry
    return by_revision


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
