"""``--help`` in the run's language: click classes that translate when help is shown.

Help texts stay English in the code, marked with ``N_()`` so Babel extracts them; they
are translated with ``_()`` each time a page is rendered, never at import: the lazy
group imports a command module once, while a process (the tests) may show help in both
languages. Every command and group of tipref is a :class:`Command` or :class:`Group`
(a group's sub-commands become one by default); their own help, short help, epilog,
every parameter's help and the example paragraph are translated at render time, and
click's own words ("Usage:", "Options:", "Show this message and exit.") come from the
catalogue too (:mod:`tipref.commands._click_messages`).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from tipref.i18n import N_, _

Example = str | tuple[str, str]  # a command line, or (command line, what it does)

HELP_OPTION_HELP = N_("Show this message and exit.")
VERSION_OPTION_HELP = N_("Show the version and exit.")
_FILLED: dict[str, tuple[str, dict[str, object]]] = {}


def help_text(msgid: str, /, **params: object) -> str:
    """A help text with values filled in (a list of choices, a default pattern): the
    English text click stores, translated from ``msgid`` when it is shown."""
    text = msgid.format(**params)
    _FILLED[text] = (msgid, params)
    return text


def translate(text: str | None) -> str | None:
    """A help text (as click stores it) in the run's language."""
    if not text:
        return text
    cleaned = inspect.cleandoc(text)
    if cleaned in _FILLED:
        msgid, params = _FILLED[cleaned]
        return _(msgid).format(**params)
    return _(cleaned)


@contextmanager
def _translated(objects: Iterable[Any], *attributes: str) -> Iterator[None]:
    """Give ``attributes`` of ``objects`` their translation while a page is formatted."""
    # click before 8.5 gives an Argument no ``help`` at all: nothing to translate there
    saved = [
        (obj, name, getattr(obj, name))
        for obj in objects
        for name in attributes
        if hasattr(obj, name)
    ]
    try:
        for obj, name, value in saved:
            setattr(obj, name, translate(value))
        yield
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)


def format_examples(examples: Sequence[Example]) -> str:
    """The "Example:" paragraph: command lines as they are, their explanations translated."""
    commands = [entry if isinstance(entry, str) else entry[0] for entry in examples]
    width = max(len(command) for command in commands) + 2
    lines = []
    for entry in examples:
        if isinstance(entry, str):
            lines.append(f"  {entry}")
        else:
            explanation = _(entry[1])
            lines.append(f"  {entry[0].ljust(width)}{explanation}")
    several = sum(1 for command in commands if not command.startswith(" ")) > 1
    heading = _("Examples:") if several else _("Example:")
    return "\b\n" + heading + "\n" + "\n".join(lines)


class Command(click.Command):
    """A click command whose help is translated when it is shown."""

    examples: Sequence[Example] = ()

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated([self], "help"):
            super().format_help_text(ctx, formatter)
        if self.examples:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(format_examples(self.examples))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's own loop, each option's help translated while its row is made (click
        # may make the help option again at each get_params)
        rows = []
        for param in self.get_params(ctx):
            with _translated([param], "help"):
                row = param.get_help_record(ctx)
            if row is not None and not isinstance(param, click.Argument):
                rows.append(row)
        if rows:
            with formatter.section(_("Options")):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated([self], "epilog"):
            super().format_epilog(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated([self], "short_help", "help"):
            return super().get_short_help_str(limit)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click words this help with its own gettext once and caches the option; the
        # English text is kept so it is translated each time a page is shown.
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option


class Group(Command, click.Group):
    """A click group whose help, and its sub-commands' help, is translated when shown."""

    command_class = Command
    group_class = type  # a sub-group is a Group too
