"""The grammar's helpers (issue 15): old spellings kept as hidden aliases with a note,
and choice lists that offer only the values a command accepts."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import click

from tipref.app import App
from tipref.commands._common import EnumChoice
from tipref.i18n import Msg
from tipref.schemas.labels import LabelledEnum

# -- the grammar's old spellings (issue 15) ---------------------------------------------


def deprecation_note(old: str, new: str) -> None:
    """One line on stderr: the old spelling still works, the new one is the way to write it."""

    ctx = click.get_current_context(silent=True)
    app = ctx.find_object(App) if ctx is not None else None
    lang = app.lang if app is not None else "en"
    click.echo(
        Msg("Note: {old} is an old spelling; write {new}.", old=old, new=new).render(lang), err=True
    )


def deprecated_option(old: str, new: str, dest: str, **option_kwargs: Any) -> Callable:
    """A hidden option ``old`` that fills the parameter ``dest`` of the option ``new``.

    Giving it prints a one-line note on stderr; giving both is a usage error. The
    decorator goes below the command's other option decorators (it wraps the callback).
    """
    hidden_name = "deprecated_" + dest + "_" + old.strip("-").replace("-", "_")

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            value = kwargs.pop(hidden_name, None)
            if value not in (None, (), False):
                if kwargs.get(dest) not in (None, (), False):
                    raise click.UsageError(
                        Msg(
                            "{old} is the old name of {new}: give only {new}.", old=old, new=new
                        ).render()
                    )
                deprecation_note(old, new)
                kwargs[dest] = value
            return command(*args, **kwargs)

        return click.option(old, hidden_name, hidden=True, **option_kwargs)(wrapper)

    return decorate


class HiddenArgument(click.Argument):
    """A positional argument kept for an old spelling: not in the usage line nor in --help."""

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        return []

    def make_metavar(self, *args: Any, **kwargs: Any) -> str:
        return ""


def deprecated_argument(name: str, old: str, new: str, dest: str, **kwargs: Any) -> Callable:
    """An optional positional ``name`` of an old spelling that fills the option ``dest``."""

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def wrapper(*args: Any, **options: Any) -> Any:
            value = options.pop(name, None)
            if value is not None:
                if options.get(dest) is not None:
                    raise click.UsageError(
                        Msg(
                            "{old} is the old form of {new}: give only {new}.", old=old, new=new
                        ).render()
                    )
                deprecation_note(old, new)
                options[dest] = value
            return command(*args, **options)

        return click.argument(name, cls=HiddenArgument, required=False, **kwargs)(wrapper)

    return decorate


def deprecated_command(command: click.Command, old: str, new: str) -> click.Command:
    """A hidden copy of ``command`` under an old name (``provider add``), with a note."""
    import copy

    alias = copy.copy(command)
    alias.hidden = True
    callback = command.callback
    assert callback is not None

    @functools.wraps(callback)
    def noted(*args: Any, **kwargs: Any) -> Any:
        deprecation_note(old, new)
        return callback(*args, **kwargs)

    alias.callback = noted
    return alias


class LimitedChoice(EnumChoice):
    """An EnumChoice offering only some of the enum's values (those valid for the command)."""

    def __init__(self, enum: type[LabelledEnum], allowed: Iterable[Any]) -> None:
        super().__init__(enum)
        self.allowed = [enum(value) for value in allowed]

    def ids(self) -> list[str]:
        return [str(member.value) for member in self.allowed]

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(self.ids()) + "]"

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(i) for i in self.ids() if i.startswith(incomplete)]

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> LabelledEnum:
        member = super().convert(value, param, ctx)
        if member not in self.allowed:
            self.fail(
                Msg(
                    "'{value}' is not valid here; choose from: {choices}",
                    value=value,
                    choices=", ".join(self.ids()),
                ).render(),
                param,
                ctx,
            )
        return member
