"""tipref letter: the referral letter (surat rujukan) with its reply slip, one or many."""

from __future__ import annotations

from pathlib import Path

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
    type=click.Path(path_type=Path),
    help="File (or folder) to write. Default: surat-rujukan-<referral number>.docx here.",
)
@click.option(
    "--status",
    type=EnumChoice(ReferralStatus),
    help="Many at once: every referral with this status.",
)
@click.option("--service", type=EnumChoice(Service), help="Many at once: only this service.")
@click.option(
    "--out-dir", type=click.Path(file_okay=False, path_type=Path), help="Folder for many letters."
)
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice.")
@click.option(
    "--share-identity",
    is_flag=True,
    help="Put the full identity in the letter; refused without the person's consent for this provider.",
)
@override_consent_option("Give the reason with --reason.")
@click.option(
    "--reason", help="Why the identity is shared without consent (with --override-consent)."
)
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
    reason: str | None = None,
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
        if share_identity or override_consent is not None:
            raise click.UsageError(
                "--share-identity and --override-consent work on one letter (REF) at a time."
            )
        results = _selected_letters(app, core, status, service, out_dir, lang)
    else:
        if status is not None or service is not None:
            raise click.UsageError("Give REF or --status/--service, not both.")
        target = out if out is not None else out_dir
        reason_given = override_reason(override_consent, reason)
        results = [
            core.make_letter(
                book, ref, target, lang, share_identity=share_identity, override_reason=reason_given
            )
        ]
    if pdf and results:
        from tipref.documents.pdf import convert_to_pdf

        pdfs = convert_to_pdf([r.path for r in results])
        for result, made in zip(results, pdfs, strict=False):
            result.pdf = made
    _report(app, results, one=ref is not None, as_json=as_json)


def _selected_letters(app, core, status, service, out_dir, lang: str) -> list:
    """The letters of every referral with --status/--service, into --out-dir."""
    if status is None and service is None:
        raise click.UsageError(app.t("letter.need_ref"))
    if out_dir is None:
        raise click.UsageError("Missing option '--out-dir' (needed with --status/--service).")
    referrals = core.select_referrals(app.book, status, service)
    return _batch(app, core, app.book, referrals, out_dir, lang)


def _report(app, results: list, one: bool, as_json: bool) -> None:
    for result in results:
        for warning in result.warnings:
            app.warn(warning)
    if as_json:
        app.emit_json(results[0].as_json() if one else [r.as_json() for r in results])
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


def _batch(app, core, book, referrals, out_dir: Path, lang: str):
    if app.json_output or not referrals:
        return core.make_letters(book, referrals, out_dir, lang)
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
            book, referrals, out_dir, lang, progress=lambda result: progress.advance(task)
        )
