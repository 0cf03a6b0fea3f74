"""tipref case police-report: the SOP's own letters about a case."""

from __future__ import annotations

import click

from tipref import clock
from tipref.commands._common import DATE, output_options, pass_app
from tipref.commands._revision import if_revision_option
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg


@click.command(
    "police-report",
    cls=Command,
    help=N_(
        "Write the letter reporting a case to the police (surat penyampaian laporan).\n"
        "\n"
        "Due within 24 hours of intake under treatment (PP 9/2008; see 'tipref due'). The\n"
        "number comes from the book's letter sequence. When the case has no police report\n"
        "time yet, writing the letter records it ('tipref case event --police-reported'\n"
        "corrects it)."
    ),
)
@click.argument("ref")
@click.option(
    "--to",
    "to_ref",
    help=N_("The police provider (code or id). Default: the book's police provider."),
)
@click.option(
    "--date", "on", type=DATE, help=N_("Date of the letter (default today); its number follows it.")
)
@click.option(
    "--out", help=N_("File to write, or a folder. Default: laporan-polisi-<case number>.docx here.")
)
@click.option("--pdf", is_flag=True, help=N_("Also convert to PDF with LibreOffice."))
@click.option("--force", is_flag=True, help=N_("Replace a file that exists already."))
@if_revision_option("case")
@output_options
@pass_app
def case_police_report(app, ref: str, to_ref, on, out, pdf: bool, force: bool, as_json: bool):
    from tipref.documents.police_report import make_police_report

    result = make_police_report(app.book, ref, to_ref, on, out, app.lang_flag or None, force=force)
    path = result.path
    if pdf:
        from tipref.documents.pdf import convert_to_pdf

        path = convert_to_pdf([result.path])[0]
    for warning in result.warnings:
        app.warn(warning)
    if as_json:
        app.emit_json(
            {
                "case_number": result.case.number,
                "letter": result.record.model_dump(mode="json"),
                "path": str(path),
                "police_reported_at": result.case.events.police_reported_at.isoformat()
                if result.case.events.police_reported_at
                else None,
                "reported_now": result.reported_now,
            }
        )
        return
    app.success(
        Msg(
            "Letter {number} (police report, case {case}) written to {path}",
            number=result.record.number,
            case=result.case.number,
            path=path,
        )
    )
    if result.reported_now and result.case.events.police_reported_at:
        when = result.case.events.police_reported_at.astimezone(clock.zone()).strftime(
            "%Y-%m-%d %H:%M"
        )
        app.info(Msg("Police report time recorded: {when}", when=when))
