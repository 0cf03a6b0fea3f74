"""The command line: global options, the application object and the one error boundary.

Commands live in :mod:`tipref.commands`, one module per group, registered in the table
``tipref.commands.COMMANDS`` and imported when they run.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TypeGuard

import click

from tipref import __version__
from tipref.commands import COMMANDS, LazyGroup
from tipref.commands._help import SUMMARIES
from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import LANGUAGES, t

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
                t("error.unexpected", app.lang, detail=f"{type(error).__name__}: {error}"), err=True
            )
            ctx.exit(1)

    def _fail(self, ctx: click.Context, error: TiprefError) -> None:
        from tipref.schemas.text import for_terminal

        app = _app_of(ctx)
        if app.debug:
            raise error
        lang = app.lang
        if isinstance(error, InvalidInput) and "field" in error.params:
            from tipref.commands._common import option_for

            error.params["field"] = option_for(error.params["field"])
        click.echo(f"{t('error.prefix', lang)}: {for_terminal(error.message(lang))}", err=True)
        ctx.exit(1)


def _is_validation_error(error: Exception) -> TypeGuard[ValidationError]:
    """A pydantic ValidationError, without importing pydantic: none can have been raised
    unless pydantic is loaded."""
    pydantic = sys.modules.get("pydantic_core")
    return pydantic is not None and isinstance(error, pydantic.ValidationError)


def _app_of(ctx: click.Context) -> App:
    from tipref.app import App

    return ctx.obj if isinstance(ctx.obj, App) else App()


@click.group(
    cls=TiprefGroup, context_settings=CONTEXT_SETTINGS, lazy_commands=COMMANDS, summaries=SUMMARIES
)
@click.version_option(__version__, "--version", prog_name="tipref")
@click.option(
    "--book",
    "book_path",
    metavar="PATH",
    envvar="TIPREF_BOOK",
    help="The case book folder. Default: TIPREF_BOOK, else the current folder or a parent.",
)
@click.option(
    "--as",
    "actor",
    metavar="NAME",
    help="Who is acting (recorded on every change). Default: TIPREF_USER, else your config.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="Language people read: id (Indonesian) or en. Default: the book's.",
)
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def cli(
    ctx: click.Context, book_path: str | None, actor: str | None, lang: str | None, debug: bool
) -> None:
    """tipref: referrals between the services for victims and witnesses of trafficking.

    Integrated services after Permen PPPA 8/2021: cases, providers, referrals, letters,
    all kept as JSON records in a shared folder (the case book).

    \b
    Example:
      tipref init ./book --name "UPTD PPA TTU" --code TTU --seed-network
      tipref case new --name "..." --sex female --birth-date 2008-03-14
      tipref referral new --case TTU-2026-0001 --service health --to rsud
    """
    from tipref.app import App

    ctx.obj = App(book_path=book_path, actor=actor, lang=lang, debug=debug)
    ctx.obj.use_book_clock()


def main() -> None:
    import os

    # tipref uses no pydantic plugin: without this, the first model built scans the entry
    # points of every installed distribution for one (pydantic's documented switch, #21)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    cli(prog_name="tipref")


if __name__ == "__main__":  # pragma: no cover
    main()
