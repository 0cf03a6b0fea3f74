"""tipref letter: the referral letter (surat rujukan) with its reply slip, one or many."""

from __future__ import annotations

import os

import click

from tipref.commands._common import (
    EnumChoice,
    output_options,
    override_consent_option,
    override_reason,
    pass_app,
)
from tipref.schemas.enums import ReferralStatus, Service


@click.command("letter")
@click.argument("ref", required=False)
@click.option(
    "--out",
    "out",
    help="File to write, or a folder (an existing one, or a name ending in '/'). "
    "Default: surat-rujukan-<referral number>.docx here.",
)
@click.option(
    "--status",
    type=EnumChoice(ReferralStatus),
    help="Many at once: every referral with this status.",
)
@click.option("--service", type=EnumChoice(Service), help="Many at once: only this service.")
@click.option("--out-dir", help="Folder for many letters (created when missing).")
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice.")
@click.option(
    "--share-identity",
    is_flag=True,
    help="Put the full identity in the letter; refused without the person's consent for this provider.",
)
@override_consent_option
@click.option("--force", is_flag=True, help="Replace a letter file that exists already.")
@output_options
@pass_app
def letter_command(
    app,
    ref,
    out,
    status,
    service,
    out_dir,
    pdf: bool,
    as_json: bool,
    share_identity: bool = False,
    override_consent: str | None = None,
    override_reason_text: str | None = None,
    force: bool = False,
):
    """Write the referral letter for REF, marked RAHASIA, with the reply slip on a new page.

    \b
    The victim is shown by initials, sex and age only, unless they agreed to share
    their identity with the receiving provider. Making a letter again keeps its number.
    The letter is in the book's language unless --lang says otherwise.

    \b
    Examples:
      tipref letter TTU-R2026-0001
      tipref letter TTU-R2026-0001 --lang en --pdf
      tipref letter --status pending --service health --out-dir letters/
    """
    from tipref.documents import letters as core

    book = app.book
    lang = app.lang_flag or book.settings.language
    if ref is None:
        if status is None and service is None:
            raise click.UsageError(app.t("letter.need_ref"))
        if out_dir is None:
            raise click.UsageError("Missing option '--out-dir' (needed with --status/--service).")
        if share_identity or override_consent is not None:
            raise click.UsageError(
                "--share-identity and --override-consent work on one letter (REF) at a time."
            )
        referrals = core.select_referrals(book, status, service)
        results = _batch(app, core, book, referrals, out_dir, lang, force)
    else:
        if status is not None or service is not None:
            raise click.UsageError("Give REF or --status/--service, not both.")
        # --out-dir is always a folder, even one that does not exist yet
        target = out if out is not None else (os.path.join(out_dir, "") if out_dir else None)
        results = [
            core.make_letter(
                book,
                ref,
                target,
                lang,
                share_identity=share_identity,
                override_reason=override_reason(override_consent, override_reason_text),
                force=force,
            )
        ]
    if pdf and results:
        from tipref.documents.render import convert_to_pdf

        pdfs = convert_to_pdf([r.path for r in results])
        for result, made in zip(results, pdfs, strict=False):
            result.pdf = made
    for result in results:
        for warning in result.warnings:
            app.warn(warning)
    if as_json:
        app.emit_json([r.as_json() for r in results] if ref is None else results[0].as_json())
        return
    if not results:
        app.info(app.t("letter.none_match"))
    for result in results:
        app.success(
            app.t(
                "letter.written",
                number=result.record.number,
                referral=result.referral.number,
                path=str(result.pdf or result.path),
            )
        )


def _batch(app, core, book, referrals, out_dir: str, lang: str, force: bool):
    if app.json_output or not referrals:
        return core.make_letters(book, referrals, out_dir, lang, force=force)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=app.err,
        transient=False,
    ) as progress:
        task = progress.add_task(app.t("kind.referral"), total=len(referrals))
        return core.make_letters(
            book,
            referrals,
            out_dir,
            lang,
            progress=lambda result: progress.advance(task),
            force=force,
        )


def register(cli: click.Group) -> None:
    cli.add_command(letter_command)
