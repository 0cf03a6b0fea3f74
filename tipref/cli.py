"""The command line: global options, the application object and the one error boundary.

Commands live in :mod:`tipref.commands`, one module per group, registered in the table
``tipref.commands.COMMANDS`` and imported when they run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeGuard

import click

from tipref import __version__
from tipref.commands import COMMANDS, LazyGroup
from tipref.commands._help import SUMMARIES, apply_help
from tipref.commands._translate import VERSION_OPTION_HELP
from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import LANGUAGES, N_, Msg, _, detect_language, language, set_language

if TYPE_CHECKING:
    from pydantic import ValidationError

    from tipref.app import App

# Start-up (issue #21): this module imports click and the shell's small helpers only.
# The application object, the schemas (pydantic) and rich are imported when a command
# runs, so ``tipref --version`` and ``tipref --help`` cost little more than click; the
# test tests/architecture/test_architecture_startup.py keeps it so.

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 80}


class TiprefGroup(LazyGroup):
    """Turns the core's errors into one line on stderr and exit code 1."""

    def main(self, args: Sequence[str] | None = None, *pargs: Any, **kwargs: Any) -> Any:
        # the run's language before click reads anything: its own messages and --help too
        argv = sys.argv[1:] if args is None else list(args)
        outer = language()  # a command run inside another (the tour) gives it back after
        set_language(detect_language(argv, os.environ))
        try:
            return super().main(args, *pargs, **kwargs)
        finally:
            set_language(outer)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except TiprefError as error:
            self._fail(ctx, error)
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as error:
            if _is_validation_error(error):
                from tipref.book.casebook import validation_problem

                field, problem = validation_problem(error)
                self._fail(ctx, InvalidInput(field=field, problem=problem))
            app = _app_of(ctx)
            if app.debug:
                raise
            click.echo(
                Msg(
                    "Unexpected error: {detail}. Run again with --debug for details.",
                    detail=f"{type(error).__name__}: {error}",
                ).render(app.lang),
                err=True,
            )
            ctx.exit(1)

    def _fail(self, ctx: click.Context, error: TiprefError) -> None:
        from tipref.terminal import for_terminal

        app = _app_of(ctx)
        if app.debug:
            raise error
        lang = app.lang
        if isinstance(error, InvalidInput) and "field" in error.params:
            from tipref.commands._common import option_for

            error.params["field"] = option_for(error.params["field"])
        prefix = Msg("Error").render(lang)
        click.echo(f"{prefix}: {for_terminal(error.message(lang))}", err=True)
        ctx.exit(1)


def _is_validation_error(error: Exception) -> TypeGuard[ValidationError]:
    """A pydantic ValidationError, without importing pydantic: none can have been raised
    unless pydantic is loaded."""
    pydantic = sys.modules.get("pydantic_core")
    return pydantic is not None and isinstance(error, pydantic.ValidationError)


def show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``, with click's own words in the run's language (click's
    ``version_option`` words its message once, when this module is imported)."""
    if value and not ctx.resilient_parsing:
        click.echo(_("%(prog)s, version %(version)s") % {"prog": "tipref", "version": __version__})
        ctx.exit()


def _app_of(ctx: click.Context) -> App:
    from tipref.app import App

    return ctx.obj if isinstance(ctx.obj, App) else App()


@click.group(
    cls=TiprefGroup,
    context_settings=CONTEXT_SETTINGS,
    lazy_commands=COMMANDS,
    summaries=SUMMARIES,
    help=N_(
        "tipref: referrals between the services for victims and witnesses of trafficking.\n"
        "\n"
        "Integrated services after Permen PPPA 8/2021: cases, providers, referrals, letters,\n"
        "all kept as JSON records in a shared folder (the case book)."
    ),
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=show_version,
    help=VERSION_OPTION_HELP,
)
@click.option(
    "--book",
    "book_path",
    metavar="PATH",
    envvar="TIPREF_BOOK",
    help=N_("The case book folder. Default: TIPREF_BOOK, else the current folder or a parent."),
)
@click.option(
    "--as",
    "actor",
    metavar="NAME",
    help=N_("Who is acting (recorded on every change). Default: TIPREF_USER, else your config."),
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help=N_("Language people read: id (Indonesian) or en. Default: the book's."),
)
@click.option("--debug", is_flag=True, help=N_("Show the full traceback of an error."))
@click.pass_context
def cli(
    ctx: click.Context, book_path: str | None, actor: str | None, lang: str | None, debug: bool
) -> None:
    from tipref.app import App

    ctx.obj = App(book_path=book_path, actor=actor, lang=lang, debug=debug)
    ctx.obj.use_book_clock()
    set_language(ctx.obj.lang)


apply_help(cli, "")


def main() -> None:
    import os

    # tipref uses no pydantic plugin: without this, the first model built scans the entry
    # points of every installed distribution for one (pydantic's documented switch, #21)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    cli(prog_name="tipref")


if __name__ == "__main__":  # pragma: no cover
    main()
