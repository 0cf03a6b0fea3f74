"""What the command modules share: option types, the --json/--lang options, prompts, tables."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

import click

from tipref.app import App
from tipref.errors import InvalidInput
from tipref.i18n import LANGUAGES, N_, Msg, _, set_language
from tipref.schemas.labels import LabelledEnum


class EnumChoice(click.ParamType):
    """A LabelledEnum on the command line: its id in any case, or either label."""

    def __init__(self, enum: type[LabelledEnum]) -> None:
        self.enum = enum
        self.name = enum.__name__.lower()

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        # a list that would not fit an 80-column help line is named instead; the option's
        # help text lists the values
        listed = "[" + "|".join(self.enum.ids()) + "]"
        return listed if len(listed) <= 40 else self.name.upper()

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(i) for i in self.enum.ids() if i.startswith(incomplete)]

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> LabelledEnum:
        if isinstance(value, self.enum):
            return value
        try:
            return self.enum.parse(str(value))
        except InvalidInput:
            self.fail(
                Msg(
                    "'{value}' is not known; choose from: {choices}",
                    value=value,
                    choices=", ".join(self.enum.ids()),
                ).render(),
                param,
                ctx,
            )


_RELATIVE = re.compile(r"^(today|hari-ini)(?:-(\d{1,5}))?$|^(yesterday|kemarin)$")


def relative_date(text: str) -> date | None:
    """today, yesterday, today-N (and hari-ini, kemarin, hari-ini-N): the book's local dates.

    Examples in the README and in scripts then work on any day.
    """
    match = _RELATIVE.match(text.strip().lower())
    if match is None:
        return None
    from tipref import clock

    days_ago = 1 if match.group(3) else int(match.group(2) or 0)
    return clock.today() - timedelta(days=days_ago)


class DateParam(click.ParamType):
    name = "date"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        relative = relative_date(str(value))
        if relative is not None:
            return relative
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(
                Msg(
                    "'{value}' is not a date; write YYYY-MM-DD (e.g. 2026-01-25), "
                    "today, yesterday or today-N (N days ago)",
                    value=value,
                ).render(),
                param,
                ctx,
            )


DATE = DateParam()


def output_options(command: Callable) -> Callable:
    """--json and --lang on a command; both also work before the command name for --lang."""

    @click.option(
        "--json", "as_json", is_flag=True, help=N_("Print plain JSON on stdout and nothing else.")
    )
    @click.option(
        "--lang",
        "command_lang",
        type=click.Choice(LANGUAGES),
        help=N_("Language people read (id|en)."),
    )
    @functools.wraps(command)
    def wrapper(*args: Any, as_json: bool, command_lang: str | None, **kwargs: Any) -> Any:
        app = click.get_current_context().find_object(App)
        if app is not None:
            app.json_output = as_json
            if command_lang:
                app.lang_flag = command_lang
                set_language(command_lang)
        return command(*args, as_json=as_json, **kwargs)

    return wrapper


def partial_option(command: Callable) -> Callable:
    """--allow-partial on a bulk read: without it, records that cannot be read stop the
    command (exit 1, nothing printed or written); with it, the command goes on and says
    on stderr how many it left out (and in --json, as "unreadable", where JSON is an object).
    """

    @click.option(
        "--allow-partial",
        is_flag=True,
        help=N_(
            "Go on when some records cannot be read (corrupt, or sealed with a key you do "
            "not hold); the result leaves them out and says how many."
        ),
    )
    @functools.wraps(command)
    def wrapper(*args: Any, allow_partial: bool, **kwargs: Any) -> Any:
        app = click.get_current_context().find_object(App)
        if app is None:
            return command(*args, **kwargs)
        app.allow_partial = allow_partial
        try:
            return command(*args, **kwargs)
        finally:
            if allow_partial and app.unreadable_count():
                app.warn(
                    Msg.plural(
                        "{count} record file could not be read and is left out here; run 'tipref doctor'.",
                        "{count} record files could not be read and are left out here; run 'tipref doctor'.",
                        app.unreadable_count(),
                        count=app.unreadable_count(),
                    )
                )

    return wrapper


def with_options(options: list[Callable]) -> Callable:
    """Apply a shared list of click options to a command, in the listed order."""

    def decorate(command: Callable) -> Callable:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


OVERRIDE_FORM = '--override-consent "REASON" (or --override-consent --override-reason "REASON")'


def override_consent_option(command: Callable) -> Callable:
    """--override-consent [REASON] and --override-reason REASON: the consent override's reason.

    One option, one meaning (DESIGN §4): ``--reason`` is always the referral's reason and is
    never taken as the override's.
    """
    command = click.option(
        "--override-reason",
        "override_reason_text",
        metavar="REASON",
        help=N_("Why the identity is shared without consent (with --override-consent)."),
    )(command)
    return click.option(
        "--override-consent",
        "override_consent",
        is_flag=False,
        flag_value="",
        default=None,
        metavar="[REASON]",
        help=N_(
            "Share the full identity although the person has not consented to it for this "
            "provider; the reason is the option's value or --override-reason. "
            "The override is kept in the history."
        ),
    )(command)


def override_reason(override: str | None, override_reason_text: str | None) -> str | None:
    """The consent override's reason: --override-consent REASON or --override-reason REASON."""
    if override is None:
        if override_reason_text:
            raise click.UsageError(
                Msg(
                    "--override-reason goes with --override-consent: {form}", form=OVERRIDE_FORM
                ).render()
            )
        return None
    text = (override or override_reason_text or "").strip()
    if not text:
        raise click.UsageError(
            Msg(
                "--override-consent needs its own reason: {form}. --reason is the referral's "
                "reason (why the service is asked for).",
                form=OVERRIDE_FORM,
            ).render()
        )
    return text


def interactive() -> bool:
    """Prompt only on a terminal; TIPREF_INTERACTIVE=1 forces prompts (tests), =0 forbids them."""
    import os

    forced = os.environ.get("TIPREF_INTERACTIVE", "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    return sys.stdin.isatty() and sys.stdout.isatty()


class Checked(click.ParamType):
    """A prompt answer run through a core check; an InvalidInput makes click ask again."""

    name = "text"

    def __init__(
        self, check: Callable[[str], Any], lang: str = "en", optional: bool = False
    ) -> None:
        self.check = check
        self.lang = lang
        self.optional = optional

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from tipref.errors import TiprefError

        if self.optional and not str(value).strip():
            return ""
        try:
            return self.check(str(value).strip())
        except TiprefError as error:  # InvalidInput, NotFound...
            self.fail(error.message(self.lang), param, ctx)


def ask(
    value: Any,
    option: str,
    label: str,
    type: Any = None,
    required: bool = True,
    default: Any = None,
) -> Any:
    """Use the given value; on a terminal, ask for a missing one; in a script, fail fast."""
    if value == "" and required:
        return value  # given but empty: the model says "must not be blank", naming the option
    if value not in (None, "", ()):
        return value
    if interactive():
        answer = (
            click.prompt(label, type=type, default=default, show_choices=True, err=True)
            if required
            else click.prompt(
                label,
                type=type,
                default=default if default is not None else "",
                show_default=False,
                err=True,
            )
        )
        return None if answer == "" else answer
    if required:
        raise click.UsageError(_("Missing option") + f" '{option}'.")
    return default


# the line under a table cut at its limit; a command may say its own way to narrow it
MORE_ROWS = N_("… and {count} more: filter (--status, --case ...), --limit 0 for all, or --json.")


def table(
    app: App,
    columns: Iterable[str],
    rows: Iterable[Iterable[Any]],
    title: str | None = None,
    keep_whole: Iterable[int] = (),
    limit: int = 0,
    more: str = MORE_ROWS,
) -> None:
    """A table that fits the terminal; columns without spaces (numbers, codes, dates) and
    those at ``keep_whole`` are never wrapped.

    With ``limit``, only the first rows are drawn (a terminal table of 10,000 rows helps
    nobody and takes seconds to lay out) and a line says how many were left out and how
    to see them (``more``, an ``N_`` message with ``{count}``).
    """
    rows = list(rows)
    hidden = len(rows) - limit if limit and len(rows) > limit else 0
    if hidden:
        rows = rows[:limit]
    # a rule under the header and a space between columns: 2 columns of frame per column
    # instead of 3, so that more of the data fits 80 columns
    from rich import box  # here: a command that prints no table never imports rich.table
    from rich.table import Table

    grid = Table(title=title, box=box.SIMPLE_HEAD, header_style="bold", padding=(0, 1, 0, 0))
    cells = [[_cell(cell) for cell in row] for row in rows]
    headers = list(columns)
    keep = set(keep_whole)
    texts = [[str(row[p]) for row in cells if p < len(row)] for p in range(len(headers))]
    # ids, numbers, dates and codes (no space in any cell) are never wrapped; text wraps
    # at spaces, and a word longer than its column ends in an ellipsis, never split over
    # two lines (rich's "fold" would split it)
    atomic = [p in keep or not any(" " in v for v in texts[p]) for p in range(len(headers))]
    widths = column_widths(headers, texts, atomic, app.out.width)
    for position, header in enumerate(headers):
        grid.add_column(
            _stacked(header, widths[position]),
            no_wrap=atomic[position],
            overflow="ellipsis",
            width=widths[position],
        )
    for row in cells:
        grid.add_row(*row)
    app.out.print(grid)
    if hidden:
        app.info(Msg(more, count=hidden))


def column_widths(
    headers: list[str], texts: list[list[str]], atomic: list[bool], terminal: int
) -> list[int]:
    """Column widths that fit ``terminal`` columns, narrowing text columns first.

    A column starts as wide as its widest value (or header word). Columns give way down
    to their floor (text to its longest word, at most 12 characters; values without
    spaces keep their width); then, if the table is still too wide, the widest columns
    of any kind, whose values end in an ellipsis.
    """

    def longest_word(values: list[str]) -> int:
        return max((len(w) for v in values for w in v.split()), default=0)

    count = len(headers)
    header_words = [longest_word([h]) for h in headers]
    natural = [
        max(header_words[p], max((len(v) for v in texts[p]), default=0)) for p in range(count)
    ]
    # below its floor a column's values would be cut: a value without spaces, or a word
    # of text up to 12 characters (a header word may end in an ellipsis)
    floor = [
        max((len(v) for v in texts[p]), default=1)
        if atomic[p]
        else min(natural[p], max(min(12, longest_word(texts[p])), 1))
        for p in range(count)
    ]
    widths = list(natural)
    room = max(terminal - 2 * count - 1, count * 3)
    while sum(widths) > room:
        shrinkable = [p for p in range(count) if widths[p] > floor[p]] or [
            p for p in range(count) if widths[p] > 3
        ]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda p: widths[p])] -= 1
    return widths


def _cell(cell: Any) -> Any:
    """A table cell: a styled rich Text as it is, anything else as plain text (no markup)."""
    from rich.text import Text

    if isinstance(cell, Text):
        return cell
    return "" if cell is None else str(cell)


def _stacked(header: str, width: int) -> str:
    """``header`` on lines of at most ``width`` characters (or its longest word), at spaces."""
    lines: list[str] = []
    for word in header.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def fields(app: App, pairs: Iterable[tuple[str, Any]], title: str | None = None) -> None:
    """A two-column table of label and value, for ``show`` commands."""
    from rich.table import Table

    grid = Table(title=title, show_header=False, box=None, padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")  # a long value (an id, a path) is shown whole
    for label, value in pairs:
        if value in (None, "", []):
            continue
        grid.add_row(label, ", ".join(map(str, value)) if isinstance(value, list) else str(value))
    app.out.print(grid)


def given(**options: Any) -> dict[str, Any]:
    """The options the user actually gave (None and empty tuples dropped)."""
    return {
        name: (list(v) if isinstance(v, tuple) else v)
        for name, v in options.items()
        if v not in (None, ())
    }


pass_app = click.make_pass_decorator(App)


def spreadsheet_options(command: Callable) -> Callable:
    """--encoding, --sheet, --header-row: how to read a CSV or Excel file (import, attendance)."""
    options = [
        click.option(
            "--encoding",
            metavar="NAME",
            help=N_("CSV text encoding, e.g. utf-8, utf-16, cp1252 (default: detected)."),
        ),
        click.option(
            "--sheet", metavar="NAME|N", help=N_("Excel: the sheet to read, by name or number.")
        ),
        click.option(
            "--header-row",
            type=click.IntRange(min=1),
            metavar="N",
            help=N_("The row holding the column names (default: found below any title rows)."),
        ),
    ]
    return with_options(options)(command)


# A model field as the option a person typed, for error messages (item 7 of issue 14):
# "--age: must be at most 120", never "estimated_age: Input should be ...".
OPTION_FOR_FIELD = {
    "estimated_age": "--age",
    "opened_on": "--opened",
    "referred_on": "--date",
    "closed_reason": "--status-reason",
    "text": "--chronology",
    "consent_override": "--override-reason",
    "contact_name": "--contact",
    "contact_position": "--position",
    "attachments": "--attachment",
    "signer.nip": "--signer-nip",
    "signer.name": "--signer-name",
    "signer.position": "--signer-position",
    "organisation.name": "--name",
    "organisation.code": "--code",
}


def option_for(field: object) -> object:
    """``persons.0.birth_date`` -> ``--birth-date``; a name already an option stays as it is."""
    if not isinstance(field, str) or not field or field.startswith("-") or field.isupper():
        return field
    if field in OPTION_FOR_FIELD:
        return OPTION_FOR_FIELD[field]
    parts = [part for part in field.split(".") if not part.isdigit()]
    last = parts[-1] if parts else field
    if last in OPTION_FOR_FIELD:
        return OPTION_FOR_FIELD[last]
    # case event's options drop the field's _on/_at: judgment_notified_on -> --judgment-notified
    return "--" + last.removesuffix("_on").removesuffix("_at").replace("_", "-")


limit_option = click.option(
    "--limit",
    type=click.IntRange(min=0),
    metavar="N",
    default=100,
    show_default=True,
    help=N_("Rows to show in the table (0: all). --json always gives every record."),
)
