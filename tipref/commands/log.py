"""tipref log: who changed what, when, field by field."""

from __future__ import annotations

import json
import re
from typing import Any

import click
from rich.text import Text

from tipref.book.history import history
from tipref.commands._common import DATE, output_options, partial_option, pass_app
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _, kind_label
from tipref.schemas import RECORD_MODELS
from tipref.terminal import for_terminal


@click.command(
    "log",
    cls=Command,
    help=N_(
        "Show the history of one record, or the book's latest changes.\n"
        "\n"
        "REF is a record's id or display number. Each change is shown as a block like\n"
        "'git log': what was done to which record, who did it and when, then one line per\n"
        "field, 'field: old → new'."
    ),
)
@click.argument("ref", required=False)
@click.option(
    "--kind",
    "kind",
    type=click.Choice(sorted(RECORD_MODELS)),
    default=None,
    help=N_("Record kind of REF; by default every kind is tried."),
)
@click.option(
    "--since", type=DATE, help=N_("Only changes made on or after this day (the book's local date).")
)
@click.option("--until", type=DATE, help=N_("Only changes made on or before this day."))
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    default=20,
    show_default=True,
    help=N_("How many changes to show (the newest), at least 1."),
)
@partial_option
@output_options
@pass_app
def log_command(app, ref: str | None, kind: str | None, since, until, limit: int, as_json: bool):
    unreadable: list[dict[str, Any]] = []
    entries = history(app.book, ref, kind, 0 if (since or until) else limit, unreadable)
    _partial(app, unreadable)
    if since or until:
        entries = [e for e in entries if _within(e, since, until)]
        entries = entries[-limit:] if ref else entries[:limit]
    if as_json:
        app.emit_json(entries)
        return
    if not entries:
        app.info(Msg("Nothing found."))
        return
    width = max(40, min(app.out.width, 100))
    for position, entry in enumerate(entries):
        if position:
            app.out.print()
        for line in entry_lines(app, entry, width):
            app.out.print(line)


def _partial(app, unreadable: list[dict[str, Any]]) -> None:
    """Log lines that could not be read: stop (exit 1) unless --allow-partial, then say so."""
    from tipref.errors import TiprefError

    if not unreadable:
        return
    first = unreadable[0]
    if not app.allow_partial:
        raise TiprefError(
            Msg.plural(
                "{count} history line could not be read ({where}: {detail}); nothing shown. Add --allow-partial to show the rest (that entry without its values).",
                "{count} history lines could not be read (first: {where}: {detail}); nothing shown. Add --allow-partial to show the rest (those entries without their values).",
                len(unreadable),
            ),
            count=len(unreadable),
            where=first["where"],
            detail=first["detail"],
        )
    app.warn(
        Msg.plural(
            "{count} history line could not be read ({where}); its entry is shown without its values, a line that does not parse is left out.",
            "{count} history lines could not be read (first: {where}); those entries are shown without their values, lines that do not parse are left out.",
            len(unreadable),
            count=len(unreadable),
            where=first["where"],
        )
    )


def _local_day(entry: dict[str, Any]):
    from datetime import datetime

    from tipref import clock

    at = str(entry.get("at", ""))
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(clock.zone()).date() if moment.tzinfo else moment.date()


def _within(entry: dict[str, Any], since, until) -> bool:
    day = _local_day(entry)
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def _head(app, entry: dict[str, Any]) -> Text:
    """'Case TTU-2026-0001 created  (entry 8CHARSID)': the record, then what was done."""
    record = entry.get("number") or entry.get("record_id", "")
    kind = entry.get("kind", "")
    action = str(entry.get("action", ""))
    shown_kind = app.render(kind_label(kind)) if kind else ""
    head = Text()
    head.append(for_terminal(" ".join(str(p) for p in (shown_kind, record) if p)), style="bold")
    head.append(" " + (_(ACTIONS[action]) if action in ACTIONS else action), style="bold yellow")
    if entry.get("id"):  # its last 8 characters are enough for 'tipref restore'
        head.append("  " + app.render(Msg("(entry {id})", id=short_id(entry.get("id")))))
    return head


def entry_lines(app, entry: dict[str, Any], width: int) -> list[Text]:
    """One history entry as lines of at most ``width`` columns."""
    head = _head(app, entry)
    at = str(entry.get("at", ""))[:19].replace("T", " ")
    lines = [
        head,
        Text(app.render(Msg("By: {name}", name=for_terminal(str(entry.get("by", "")))))),
        Text(app.render(Msg("At: {at} UTC", at=at))),
    ]
    creating = entry.get("action") == "create"
    for change in entry.get("changes") or []:
        if creating and (_empty(change.get("new")) or change.get("field") in _BOOKKEEPING):
            continue  # a create lists what was given, not every empty field
        if _empty(change.get("old")) and _empty(change.get("new")):
            continue  # from nothing to nothing: nothing to read
        lines.append(_change_line(change, creating, width))
    if entry.get("note"):
        note = _fit(for_terminal(str(entry["note"])), width - 10)
        lines.append(Text("    " + app.render(Msg("note: {note}", note=note))))
    for decided in entry.get("decided") or []:  # a sync clash: the value that lost
        value = _value_set_by(app.book, decided.get("lost_entry"), decided.get("field"))
        field = short_field(str(decided.get("field")))
        restore = app.render(Msg("(restore {id})", id=short_id(decided.get("lost_entry"))))
        shown = _fit(_value(value), max(8, width - len(field) - len(restore) - 13))
        lost = app.render(Msg("{field} lost: {value}", field=field, value=shown))
        lines.append(Text(f"    {lost} {restore}"))
    return lines


# what each logged action is called in the block's head (--json keeps the machine id)
ACTIONS = {
    "create": N_("created"),
    "update": N_("changed"),
    "close": N_("closed"),
    "event": N_("event recorded"),
    "need": N_("need recorded"),
    "add-person": N_("person added"),
    "add-point": N_("point added"),
    "sign": N_("signed"),
    "letter": N_("letter written"),
    "reply": N_("reply slip read"),
    "police-report": N_("police report letter written"),
    "invitation": N_("invitation written"),
    "minutes": N_("minutes recorded"),
    "minutes-document": N_("minutes written"),
    "identify": N_("identification recorded"),
    "identification-form": N_("identification form written"),
    "consent-add": N_("consent recorded"),
    "consent-withdraw": N_("consent withdrawn"),
    "consent-override": N_("consent overridden"),
    "encrypt": N_("encrypted"),
    "restore": N_("value restored"),
    "renumber": N_("renumbered"),
    "conflict-merge": N_("sync changes merged"),
    "migrate": N_("migrated"),
    "format-upgrade": N_("book format upgraded"),
    "purge-fields": N_("personal data erased"),
    "purge": N_("personal data erased"),
    "duplicate-letter-number-noted": N_("duplicate letter number noted"),
}


# shown in the block's head (who, when, which record) or nothing a person typed
_BOOKKEEPING = {"id", "kind", "schema_version", "revision", "created_at", "created_by"}


_RECORD_ID = re.compile(r"\[([0-9A-HJKMNP-TV-Z]{26})\]")


def short_field(field: str) -> str:
    """``persons[01M8…B9C4].needs`` for ``persons[<26-character id>].needs``: the id's last
    four characters tell the persons of one case apart; --json has the whole path."""
    return _RECORD_ID.sub(lambda match: "[…" + match.group(1)[-4:] + "]", field)


def _change_line(change: dict[str, Any], creating: bool, width: int) -> Text:
    field = short_field(str(change.get("field", "")))
    new = _value(change.get("new"))
    line = Text("    ")
    line.append(field, style="cyan")
    line.append(": ")
    room = width - len(field) - 6
    if room < 24:  # a long path: the values on a line of their own
        line.append("\n        ")
        room = width - 8
    if creating or _empty(change.get("old")) and not new:
        line.append(_fit(new, room))
        return line
    old = _value(change.get("old"))
    half = max(8, (room - 3) // 2)
    old_text = _fit(old, half if len(new) > room - 3 - len(old) else room - 3 - len(new))
    line.append(old_text, style="red")
    line.append(" → ")
    line.append(_fit(new, room - 3 - len(old_text)), style="green")
    return line


def _empty(value: Any) -> bool:
    return value in (None, "", [], {})


def _value(value: Any) -> str:
    if value is None:
        return "–"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return for_terminal(text.replace("\n", " "))


def _fit(text: str, room: int) -> str:
    """``text`` shortened to ``room`` characters at a space where possible, with an ellipsis."""
    room = max(room, 8)
    if len(text) <= room:
        return text
    cut = text[: room - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > room // 2 else cut).rstrip() + "…"


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


def short_id(entry_id: str | None) -> str:
    """The last 8 characters of an entry id: its random part, enough for 'tipref restore'."""
    return (entry_id or "")[-8:]


@click.command(
    "restore",
    cls=Command,
    help=N_(
        "Set again the values log entry ENTRY set (e.g. a value a sync clash decided away),\n"
        "as a new change in the log. ENTRY: the id 'tipref log REF' shows (its last 8 characters\n"
        "will do)."
    ),
)
@click.argument("entry")
@click.option("--field", default=None, help=N_("Restore only this field of the entry (e.g. risk)."))
@output_options
@pass_app
def restore_command(app, entry: str, field: str | None, as_json: bool):
    from tipref.sync.restore import restore_entry

    record = restore_entry(app.book, entry, field)
    if as_json:
        app.emit_json(record)
        return
    kind = kind_label(record.get("kind", "case"))
    number = record.get("number") or record.get("code") or record["id"]
    app.success(
        Msg(
            "{kind} {number} updated (revision {revision})",
            kind=kind,
            number=number,
            revision=record["revision"],
        )
    )
