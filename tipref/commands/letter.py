"""tipref letter: the referral letter (surat rujukan) with its reply slip, one or many;
tipref letter list: the register of letters sent."""

from __future__ import annotations

import os

import click

from tipref.commands._common import (
    DATE,
    EnumChoice,
    output_options,
    override_consent_option,
    override_reason,
    partial_option,
    pass_app,
    table,
)
from tipref.commands._translate import Group
from tipref.i18n import N_, Msg, _
from tipref.schemas.enums import ReferralStatus, Service


class LetterGroup(Group):
    """``tipref letter REF`` makes a letter (the hidden ``new``); ``tipref letter list``
    shows the register. Anything that is not a subcommand goes to ``new``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["new", *args]
        return super().parse_args(ctx, args)


@click.group(
    "letter",
    cls=LetterGroup,
    help=N_("Referral letters (surat rujukan): write one or many, list those sent."),
)
def letter_group():
    pass


@letter_group.command(
    "new",
    help=N_(
        "Write the referral letter for REF, marked RAHASIA, with the reply slip on page 2.\n"
        "\n"
        "The victim is shown by initials, sex and age only, unless they agreed to share\n"
        "their identity with the receiving provider. Making a letter again keeps its number.\n"
        "The letter is in the book's language unless --lang says otherwise."
    ),
)
@click.argument("ref", required=False)
@click.option(
    "--out",
    "out",
    help=N_(
        "File to write, or a folder (an existing one, or a name ending in '/'). "
        "Default: surat-rujukan-<referral number>.docx here."
    ),
)
@click.option(
    "--status",
    type=EnumChoice(ReferralStatus),
    help=N_("Many at once: every referral with this status."),
)
@click.option("--service", type=EnumChoice(Service), help=N_("Many at once: only this service."))
@click.option("--out-dir", help=N_("Folder for many letters (created when missing)."))
@click.option("--pdf", is_flag=True, help=N_("Also convert to PDF with LibreOffice."))
@click.option(
    "--date",
    "on",
    type=DATE,
    help=N_(
        "Date of the letter (default today); its number comes from that date's year and "
        "month. Only for a first letter: a letter made again keeps its number and date."
    ),
)
@click.option(
    "--companion",
    default="",
    help=N_("Who accompanies a child to the service (default: the guardian on the consent)."),
)
@click.option(
    "--share-identity",
    is_flag=True,
    help=N_(
        "Put the full identity in the letter; refused without the person's consent for this provider."
    ),
)
@override_consent_option
@click.option("--force", is_flag=True, help=N_("Replace a letter file that exists already."))
@partial_option
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
    on=None,
    companion: str = "",
):
    from tipref.documents import letters as core

    book = app.book
    lang = app.lang_flag or book.settings.language
    book.unreadable.strict = ref is None and book.unreadable.strict  # a batch reads them all
    if ref is None:
        single = share_identity or override_consent is not None or on is not None or companion
        _check_batch_options(app, status, service, out_dir, bool(single))
        referrals = core.select_referrals(book, status, service)
        results = _batch(app, core, book, referrals, out_dir, lang, force)
    else:
        if status is not None or service is not None:
            raise click.UsageError(_("Give REF or --status/--service, not both."))
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
                on=on,
                companion=companion,
            )
        ]
    if pdf and results:
        _add_pdfs(results)
    _report(app, results, as_json, many=ref is None)


def _check_batch_options(app, status, service, out_dir, single: bool) -> None:
    if status is None and service is None:
        raise click.UsageError(
            _("Name a referral (REF), or choose several with --status/--service and --out-dir.")
        )
    if out_dir is None:
        raise click.UsageError(_("Missing option '--out-dir' (needed with --status/--service)."))
    if single:
        raise click.UsageError(
            _(
                "--share-identity, --override-consent, --date and --companion work on one "
                "letter (REF) at a time."
            )
        )


def _add_pdfs(results) -> None:
    from tipref.documents.pdf import convert_to_pdf

    pdfs = convert_to_pdf([r.path for r in results])
    for result, made in zip(results, pdfs, strict=False):
        result.pdf = made


def _report(app, results, as_json: bool, many: bool) -> None:
    for result in results:
        for warning in result.warnings:
            app.warn(warning)
    if as_json:
        app.emit_json([r.as_json() for r in results] if many else results[0].as_json())
        return
    if not results:
        app.info(Msg("No referral matches; no letter made."))
    for result in results:
        app.success(
            Msg(
                "Letter {number} for referral {referral} written to {path}",
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
        task = progress.add_task(_("Referral"), total=len(referrals))
        return core.make_letters(
            book,
            referrals,
            out_dir,
            lang,
            progress=lambda result: progress.advance(task),
            force=force,
        )


@letter_group.command(
    "list",
    help=N_(
        "The register of letters sent (buku agenda surat keluar), oldest first.\n"
        "\n"
        "One line per letter number: date, referral, provider, language, whether the full\n"
        "identity went out, file name, who made it and how often it was made again."
    ),
)
@click.option("--since", type=DATE, help=N_("Letters dated on or after this day."))
@click.option("--until", type=DATE, help=N_("Letters dated on or before this day."))
@click.option("--provider", help=N_("Only letters to this provider (code or id)."))
@click.option(
    "--xlsx",
    "xlsx",
    help=N_("Also write the register to this Excel file (or into a folder, ending in '/')."),
)
@click.option("--force", is_flag=True, help=N_("Replace the Excel file if it exists already."))
@output_options
@pass_app
def letter_list(app, since, until, provider, xlsx: str | None, force: bool, as_json: bool):
    from tipref.documents.letter_register import COLUMNS, letter_register, write_register_xlsx

    entries = letter_register(app.book, since, until, provider)
    lang = app.lang
    if xlsx is not None:
        from tipref.outputs import output_path

        path = output_path(xlsx, "surat-keluar", (".xlsx",), force=force, option="--xlsx")
        write_register_xlsx(entries, path, lang)
        if not as_json:
            app.success(
                Msg.plural(
                    "Register of {count} letter written to {path}",
                    "Register of {count} letters written to {path}",
                    len(entries),
                    count=len(entries),
                    path=str(path),
                )
            )
            return
    if as_json:
        app.emit_json([e.as_json() for e in entries])
        return
    if not entries:
        app.info(Msg("No letter recorded for this choice yet."))
        return
    columns = COLUMNS[lang]
    table(  # 80 columns: the provider by its code; --json and --xlsx have every field
        app,
        [columns[0], columns[1], columns[2], columns[3], columns[7]],
        ([e.number, e.date.isoformat(), e.referral, e.provider_code, e.made_by] for e in entries),
        keep_whole=(0, 1, 2, 3),
    )
