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
                    entry.get("at", "")[:19].replace("T", " ") if head else "",
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
    table(
        app, ["At (UTC)", "Record", "Action", "By", "Field", "Old", "New"], rows, keep_whole=(0, 1)
    )


def _short(value) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
