"""tipref log: who changed what, when, field by field."""

from __future__ import annotations

import json

import click

from tipref.book.history import history
from tipref.commands._common import output_options, pass_app, table


@click.command("log")
@click.argument("ref", required=False)
@click.option(
    "--kind",
    "kind",
    default=None,
    help="Record kind of REF (case, referral, provider...); by default every kind is tried.",
)
@click.option(
    "--limit", type=int, default=20, show_default=True, help="How many changes to show (newest)."
)
@output_options
@pass_app
def log_command(app, ref: str | None, kind: str | None, limit: int, as_json: bool):
    """Show the history of one record (REF: id or display number), or the latest changes."""
    entries = history(app.book, ref, kind, limit)
    if as_json:
        app.emit_json(entries)
        return
    if not entries:
        app.info(app.t("nothing.found"))
        return
    rows = []
    for entry in entries:
        head = True
        for change in entry.get("changes") or [{"field": "", "old": None, "new": None}]:
            rows.append(
                [
                    _when(entry) if head else "",
                    (entry.get("number") or entry.get("record_id", "")) if head else "",
                    entry.get("action", "") if head else "",
                    entry.get("by", "") if head else "",
                    change["field"],
                    _short(change["old"]),
                    _short(change["new"]),
                ]
            )
            head = False
        if entry.get("note"):
            rows.append(["", "", "", "", "note", "", _short(entry["note"])])
        for decided in entry.get("decided") or []:  # a sync clash: the value that lost
            value = _value_set_by(app.book, decided.get("lost_entry"), decided.get("field"))
            lost = f"{_short(value)} (restore {short_id(decided.get('lost_entry'))})"
            rows.append(["", "", "", "", f"{decided.get('field')} lost", lost, ""])
    table(
        app,
        ["At (UTC) / entry", "Record", "Action", "By", "Field", "Old", "New"],
        rows,
        keep_whole=(0, 1),
    )


def _value_set_by(book, entry_id: str | None, field: str | None):
    """The value entry ``entry_id`` gave ``field`` (a decided clash keeps only the entry)."""
    from tipref.errors import TiprefError
    from tipref.storage.diff import flatten
    from tipref.sync.restore import find_entry

    try:
        entry = find_entry(book, entry_id or "")
    except TiprefError:
        return None
    for change in entry.get("changes") or []:
        name = str(change.get("field"))
        if name == field:
            return change.get("new")
        if field and field.startswith((f"{name}.", f"{name}[")):  # logged as a whole
            return flatten(change.get("new"), name).get(field)
    return None


def _when(entry: dict) -> str:
    when = entry.get("at", "")[:16].replace("T", " ")
    return f"{when}\n{short_id(entry.get('id'))}" if entry.get("id") else when


def short_id(entry_id: str | None) -> str:
    """The last 8 characters of an entry id: its random part, enough for 'tipref restore'."""
    return (entry_id or "")[-8:]


def _short(value) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


@click.command(
    "restore", short_help="Bring back a value a sync clash decided away, as a new change."
)
@click.argument("entry")
@click.option("--field", default=None, help="Restore only this field of the entry (e.g. risk).")
@output_options
@pass_app
def restore_command(app, entry: str, field: str | None, as_json: bool):
    """Set again the values log entry ENTRY set (e.g. a value a sync clash decided away),
    as a new change in the log. ENTRY: the id 'tipref log REF' shows (its last 8 characters
    will do)."""
    from tipref.sync.restore import restore_entry

    record = restore_entry(app.book, entry, field)
    if as_json:
        app.emit_json(record)
        return
    kind = app.t(f"kind.{record.get('kind', 'case')}")
    number = record.get("number") or record.get("code") or record["id"]
    app.success(app.t("done.updated", kind=kind, number=number, revision=record["revision"]))
