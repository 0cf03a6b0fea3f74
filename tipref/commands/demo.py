"""tipref demo: a fictional book for training, a large synthetic one, and a guided tour of the SOP."""

from __future__ import annotations

import time
from pathlib import Path

import click

from tipref.commands._common import interactive, output_options, pass_app
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _, set_language


@click.command(
    "demo",
    cls=Command,
    help=N_(
        "Build a fictional case book for training, in Timor Tengah Utara.\n"
        "\n"
        "It holds a referral network, cases at every stage of the SOP (new intake, referred,\n"
        "accepted, declined, completed, closed, a child, a witness, a victim abroad), and the\n"
        'commitment document of a coordination meeting. Names are marked "(fiktif)".\n'
        "An existing book is never overwritten without --force, and only a demo book then.\n"
        "Default PATH: ./tipref-demo.\n"
        "\n"
        "The tour uses the demo book given by --book or PATH, or the one you are in, and\n"
        "builds ./tipref-demo only when there is none; it never runs in a real book. It\n"
        "pauses between steps only on a terminal."
    ),
)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help=N_("Replace an existing demo book at PATH (a real book is never replaced)."),
)
@click.option(
    "--cases",
    "cases",
    type=click.IntRange(1, 1_000_000),
    metavar="N",
    help=N_("Instead: a large synthetic book with N fictional cases (1–1,000,000)."),
)
@click.option(
    "--tour",
    is_flag=True,
    help=N_("Walk through the SOP on a demo case, step by step, running real commands."),
)
@click.option("--yes", "-y", is_flag=True, help=N_("With --tour: do not pause between steps."))
@output_options
@pass_app
def demo_command(
    app, path: Path | None, force: bool, cases: int | None, tour: bool, yes: bool, as_json: bool
):
    from tipref.guidance import demo as core

    if tour and (as_json or cases):
        raise click.UsageError(
            _("--tour is a walk-through for people: give it without --json and --cases.")
        )
    if tour:
        existing = _tour_book(app, path, force)
        if existing is not None:
            run_tour(app, existing, pause=not yes and interactive())
            return
    root = path or Path(core.DEFAULT_PATH)
    if cases:
        _synthetic(app, root, cases, force, as_json)
        return
    started = time.perf_counter()
    summary = core.build_demo(root, force=force, actor=app.actor_flag or core.DEMO_ACTOR)
    seconds = time.perf_counter() - started
    if as_json:
        app.emit_json({**summary.to_json(), "seconds": round(seconds, 2)})
        return
    app.success(
        Msg("Demo book built in {path} in {seconds:.1f} s:", path=summary.root, seconds=seconds)
    )
    app.info(
        Msg(
            "  providers: {providers}, cases: {cases}, referrals: {referrals}, documents: {documents}",
            providers=summary.providers,
            cases=len(summary.cases),
            referrals=summary.referrals,
            documents=len(summary.documents),
        )
    )
    app.info(
        Msg(
            "  Every name is fictional; every document is marked MATERI PELATIHAN / TRAINING MATERIAL."
        )
    )
    for note in summary.notes:
        app.warn(note)
    if tour:
        run_tour(app, summary.root, pause=not yes and interactive())
        return
    book = summary.root
    app.info(Msg("Try next:"))
    for line in (
        f"cd {book}",
        "tipref case list",
        "tipref due",
        f"tipref case plan {summary.cases[1]}",
        "tipref sop --service health",
        "tipref demo --tour",
    ):
        app.info(f"  {line}")


def _synthetic(app, root: Path, cases: int, force: bool, as_json: bool) -> None:
    from tipref.guidance import demo as core
    from tipref.guidance.synthetic import build_book

    started = time.perf_counter()
    core.prepare_folder(root, force)
    build_book(root, cases=cases)
    seconds = time.perf_counter() - started
    if as_json:
        app.emit_json({"path": str(root.resolve()), "cases": cases, "seconds": round(seconds, 2)})
    else:
        app.success(
            Msg.plural(
                "Synthetic book with {cases} case built in {path} in {seconds:.1f} s.",
                "Synthetic book with {cases} cases built in {path} in {seconds:.1f} s.",
                cases,
                cases=cases,
                path=root,
                seconds=seconds,
            )
        )


def _tour_book(app, path: Path | None, force: bool) -> Path | None:
    """The demo book the tour runs in, if there is one already; None: build one.

    PATH, else --book (or TIPREF_BOOK), else the book the current folder is in. A real
    book is refused: the tour adds a fictional case, and never builds a demo book inside
    another book.
    """
    from tipref.book.location import BOOK_FILE, find_book_root
    from tipref.errors import TiprefError
    from tipref.guidance.demo import is_demo_book

    if path is not None:
        if force or not (path / BOOK_FILE).exists():
            return None  # build (or rebuild) the demo book there
        root = path
    else:
        try:
            root = find_book_root(app.book_path)
        except TiprefError:
            return None  # no book here: build ./tipref-demo
    if not is_demo_book(root):
        raise TiprefError(
            N_(
                "{path} is a real case book; the tour adds a fictional case and runs only in a demo book. Run 'tipref demo --tour' outside this book, or with --book pointing at a demo book."
            ),
            path=str(root),
        )
    return root


def run_tour(app, root: Path, pause: bool) -> None:
    from tipref.guidance.tour import Tour

    cli = click.get_current_context().find_root().command

    def run(args: list[str]) -> int:
        app.out.print()
        app.line(f"$ tipref {' '.join(_quote(a) for a in args)}", style="bold")
        # in the tour's language: a nested run would otherwise switch the process to the
        # book's language (the tour's own words, its prompt, would follow)
        try:
            code = cli.main(
                args=["--book", str(root), "--lang", app.lang, *args],
                prog_name="tipref",
                standalone_mode=False,
            )
        finally:
            set_language(app.lang)
        return code if isinstance(code, int) else 0

    def say(text: str, style: str = "") -> None:
        app.line(text, style=style)

    def wait() -> None:
        if pause:
            click.prompt(
                _("Press Enter to continue"),
                default="",
                show_default=False,
                prompt_suffix=" ",
                err=True,
            )

    if not Tour(root, app.lang, app.actor_flag).run(run, say, wait):
        click.get_current_context().exit(1)


def _quote(arg: str) -> str:
    return f'"{arg}"' if (" " in arg or not arg) else arg
