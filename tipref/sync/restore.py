"""``tipref restore ENTRY``: bring back the values a log entry set, as a new, logged change.

Every value a sync clash decided away stays in the log, under the entry that set it
(``tipref log REF`` shows the entry ids); restoring it is an ordinary change, so it is
logged and can itself be undone the same way.
"""

from __future__ import annotations

from typing import Any

from tipref.errors import Ambiguous, InvalidInput, NotFound
from tipref.i18n import Msg
from tipref.storage.diff import _set_path, segments


def find_entry(book: Any, entry_id: str) -> dict[str, Any]:
    wanted = entry_id.strip().upper()
    found = {
        e["id"]: e
        for e in book.store.history.entries()
        if wanted
        and str(e.get("id", "")).upper().endswith(wanted)
        or wanted
        and str(e.get("id", "")).upper().startswith(wanted)
    }
    if not found:
        raise NotFound(kind=Msg("log entry"), ref=entry_id)
    if len(found) > 1:
        raise Ambiguous(kind=Msg("log entry"), ref=entry_id, matches=", ".join(sorted(found)))
    entry = next(iter(found.values()))
    decode = getattr(book.store.codec, "decode_history", None)
    return decode(entry) if decode else entry


def restore_entry(book: Any, entry_id: str, field: str | None = None) -> dict[str, Any]:
    """Set again what entry ``entry_id`` set (only ``field`` if given); returns the record."""
    entry = find_entry(book, entry_id)
    kind, record_id = entry.get("kind"), entry.get("record_id")
    if kind not in book.store.folders or not isinstance(entry.get("changes"), list):
        raise InvalidInput(
            field="ENTRY", problem=Msg("entry {entry} changed no record", entry=entry_id)
        )
    values = [
        (c["field"], c.get("new"))
        for c in entry["changes"]
        if field is None or c["field"] == field or c["field"].startswith((f"{field}.", f"{field}["))
    ]
    if not values:
        raise InvalidInput(
            field="--field",
            problem=Msg("entry {entry} did not change {field}", entry=entry["id"], field=field),
        )

    def change(data: dict[str, Any]) -> dict[str, Any]:
        for path, value in values:
            _set_path(data, segments(path), value)
        return book.validate(kind, data).model_dump(mode="json")

    return book.store.modify(
        kind,
        record_id,
        change,
        book.actor,
        action="restore",
        note=f"restored from entry {entry['id']}",
    )
