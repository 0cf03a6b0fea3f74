"""tipref doctor: check a shared book and mend what syncing and crashes leave behind."""

from __future__ import annotations

import json
import sys

import click
from rich.text import Text

from tipref.commands._common import interactive, output_options, pass_app
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _
from tipref.terminal import for_terminal

# records and log lines this member cannot read: named, and exit 1 unless --allow-partial
UNREADABLE = ("unreadable", "unreadable-log-lines")


@click.command(
    "doctor",
    cls=Command,
    help=N_(
        "Check a shared book against its device logs: records a sync service overwrote,\n"
        "deleted or changed on two computers, conflict copies, broken logs, corrupt records,\n"
        "duplicate numbers, missing references, leftover temp files; mend them with --fix.\n"
        "\n"
        "Exit 0 when the book is healthy (after fixes), 1 when problems remain, or when\n"
        "records or log lines could not be read (unless --allow-partial)."
    ),
)
@click.option(
    "--fix",
    is_flag=True,
    help=N_(
        "Apply the fixes: rebuild record files from the logs, merge forks and conflict "
        "copies, renumber duplicates, clean temp files. Without it, only report."
    ),
)
@click.option(
    "--keep",
    type=click.Choice(["mine", "theirs", "newest"]),
    help=N_(
        "Where two devices changed the same field: which value wins (newest: by the change "
        "clock). The other stays in the log (tipref restore). Implies --fix."
    ),
)
@click.option(
    "--renumber",
    is_flag=True,
    help=N_(
        "Give duplicate case/referral numbers new numbers (the oldest keeps its own; the old "
        "number still finds the record). Also done by --fix."
    ),
)
@click.option(
    "--allow-partial",
    is_flag=True,
    help=N_(
        "Exit 0 even when some records or log lines cannot be read (sealed with a key you "
        "do not hold); they are still listed."
    ),
)
@output_options
@pass_app
def doctor_command(
    app, fix: bool, keep: str | None, renumber: bool, allow_partial: bool, as_json: bool
):
    from tipref.sync.doctor import diagnose

    decide = None
    if fix and keep is None and not as_json and interactive():
        decide = _ask(app)
    problems = diagnose(app.book, fix=fix, keep=keep, decide=decide, renumber=renumber)
    unreadable = [p for p in problems if p.type in UNREADABLE]
    remaining = _remaining(problems, allow_partial)
    if as_json:
        app.emit_json(
            {
                "healthy": not remaining,
                "unreadable": len(unreadable),
                "problems": [p.as_json(app.lang) for p in problems],
            }
        )
    else:
        _print_problems(app, problems, remaining)
        if allow_partial and unreadable:
            app.err.print(
                app.render(
                    Msg.plural(
                        "{count} record or log is unreadable to you (listed above); --allow-partial: not counted as a problem.",
                        "{count} records or logs are unreadable to you (listed above); --allow-partial: not counted as problems.",
                        len(unreadable),
                        count=len(unreadable),
                    )
                )
            )
    if remaining:
        sys.exit(1)


def _remaining(problems: list, allow_partial: bool) -> list:
    """What keeps the book from healthy: not fixed, not a warning, and (with
    --allow-partial) not a record or log line this member cannot read."""
    left = [p for p in problems if not p.fixed and not p.warning]
    return [p for p in left if p.type not in UNREADABLE] if allow_partial else left


def _print_problems(app, problems: list, remaining: list) -> None:
    """One line per problem on stderr (fixed, warning or left), then the count."""
    for problem in problems:
        mark = (
            ("✓", "green")
            if problem.fixed
            else ("i", "cyan")
            if problem.warning
            else ("!", "yellow")
        )
        app.err.print(Text.assemble(mark, " ", for_terminal(app.render(problem.message))))
    fixed = len([p for p in problems if p.fixed])
    if fixed:
        app.err.print(
            app.render(
                Msg.plural("{count} problem fixed.", "{count} problems fixed.", fixed, count=fixed)
            )
        )
    app.err.print(
        app.render(
            Msg.plural(
                "{count} problem remains.",
                "{count} problems remain.",
                len(remaining),
                count=len(remaining),
            )
        )
        if remaining
        else _("The case book is healthy.")
    )


def _ask(app):
    def decide(kind, mine, theirs, clashes) -> str:
        app.err.print(f"{kind} {mine.get('number') or mine.get('id')}:")
        for clash in clashes:
            app.err.print(
                f"  {clash.path}: mine={json.dumps(clash.mine, ensure_ascii=False, default=str)} "
                f"theirs={json.dumps(clash.theirs, ensure_ascii=False, default=str)}"
            )
        return click.prompt(
            _("Keep"),
            type=click.Choice(["mine", "theirs", "newest", "skip"]),
            default="skip",
            err=True,
        )

    return decide
