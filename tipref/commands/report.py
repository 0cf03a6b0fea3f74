"""tipref report: the PPT's six-monthly evaluation, on the terminal, as JSON, Word or Excel."""

from __future__ import annotations

import click
from rich.text import Text

from tipref.commands._common import (
    DATE,
    output_options,
    partial_option,
    pass_app,
    table,
)
from tipref.commands._grammar import deprecated_option
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _


@click.command(
    "report",
    cls=Command,
    help=N_(
        "The PPT's six-monthly evaluation (PP 9/2008): victims, referrals, response times.\n"
        "\n"
        "Victims are counted per person in cases opened in the period, with their age on the\n"
        "day the case was opened in CTDC bands; victims of trafficking and presumed victims\n"
        "apart. Without a period, everything is counted. --docx writes the report of the\n"
        "integrated service (UPTD PPA) to the head of region, with a copy to the task force."
    ),
)
@click.option(
    "--since",
    "start",
    type=DATE,
    help=N_("First day of the period (cases opened, referrals made)."),
)
@click.option("--until", "end", type=DATE, help=N_("Last day of the period."))
@click.option(
    "--semester",
    help=N_("A half year instead of --since/--until: 2026-1 (Jan-Jun) or 2026-2 (Jul-Dec)."),
)
@click.option(
    "--docx",
    "docx_path",
    help=N_(
        "Write the evaluation report (Word), addressed to the head of region, here: "
        "a file, or a folder (ending in '/')."
    ),
)
@click.option(
    "--xlsx",
    "xlsx_path",
    help=N_("Write the tables (Excel, one sheet each) here: a file, or a folder (ending in '/')."),
)
@click.option("--number", default="", help=N_("--docx: the report's letter number (Nomor)."))
@click.option(
    "--addressee",
    default="",
    help=N_(
        "--docx: to whom, e.g. 'Bupati Timor Tengah Utara' (default: task_force.head_of_region)."
    ),
)
@click.option(
    "--addressee-city", default="", help=N_("--docx: the addressee's city (default: settings).")
)
@click.option(
    "--signer", "signer_name", default="", help=N_("--docx: who signs (default: settings).")
)
@click.option("--signer-position", default="", help=N_("--docx: the signer's position."))
@click.option("--signer-nip", default="", help=N_("--docx: the signer's NIP."))
@click.option(
    "--copy",
    "copies",
    multiple=True,
    help=N_("--docx: Tembusan, repeat (default: the task force's chair)."),
)
@click.option("--force", is_flag=True, help=N_("Replace files that exist already."))
@partial_option
@output_options
@pass_app
@deprecated_option("--from", "--since", "start", type=DATE)
@deprecated_option("--to", "--until", "end", type=DATE)
def report_command(
    app, start, end, semester, docx_path, xlsx_path, force: bool, as_json: bool, **document_options
):
    from tipref.outputs import output_path
    from tipref.reporting.report import build_report, semester_range
    from tipref.reporting.report_text import (
        format_day,
        has_data,
        period_text,
        report_tables,
        summary_text,
    )

    if semester and (start or end):
        raise click.UsageError(_("Use either --semester or --since/--until, not both."))
    if semester:
        start, end = semester_range(semester)
    from tipref.privacy.codec import counting_only

    with counting_only(app.book.store.codec) as missing:  # counts need no personal field
        report = build_report(app.book, start, end)
    if missing:
        app.warn(
            Msg(
                "Some records are sealed with a key you do not hold yet ({keys}); they are counted all the same (the report uses no personal data).",
                keys=", ".join(sorted(missing)),
            )
        )
    name = _file_name(start, end)
    if docx_path:
        docx_path = output_path(docx_path, name, (".docx",), force=force, option="--docx")
    if xlsx_path:
        xlsx_path = output_path(xlsx_path, name, (".xlsx",), force=force, option="--xlsx")
    written = []
    if docx_path:
        from tipref.documents.evaluation import ReportOptions, write_docx

        options = ReportOptions(**{**document_options, "copies": list(document_options["copies"])})
        written.append(str(write_docx(report, docx_path, app.lang, app.book, options)))
    if xlsx_path:
        from tipref.documents.evaluation import write_xlsx

        written.append(str(write_xlsx(report, xlsx_path, app.lang)))
    if as_json:
        app.emit_json({**report, "written": written})
        return
    app.out.print(
        Text.assemble(
            (
                _(
                    "Six-monthly evaluation report of the integrated service for victims of trafficking"
                ),
                "bold",
            ),
            f" — {period_text(report, app.lang)}",
        )
    )
    app.out.print(
        app.render(Msg("Data as of {day}", day=format_day(report["period"]["as_of"], app.lang)))
    )
    app.out.print(summary_text(report, app.lang))
    for item in report_tables(report, app.lang):
        if has_data(item):  # no screen of zeros for an empty period
            table(app, item["columns"], item["rows"], title=item["title"])
    for path in written:
        app.success(Msg("Report written to {path}", path=path))


def _file_name(start, end) -> str:
    """laporan-evaluasi[-FROM][-TO]: the period, never a person's name."""
    parts = ["laporan-evaluasi"] + [day.isoformat() for day in (start, end) if day]
    return "-".join(parts)
