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
from tipref.i18n import register_messages

register_messages(
    {
        "report.counted_sealed": {
            "id": "Sebagian catatan dienkripsi dengan kunci yang belum Anda pegang ({keys}); "
            "catatan itu tetap dihitung (laporan tidak memakai data pribadi).",
            "en": "Some records are sealed with a key you do not hold yet ({keys}); they are "
            "counted all the same (the report uses no personal data).",
        },
    }
)


@click.command("report")
@click.option(
    "--since",
    "start",
    type=DATE,
    help="First day of the period (cases opened, referrals made).",
)
@click.option("--until", "end", type=DATE, help="Last day of the period.")
@click.option(
    "--semester",
    help="A half year instead of --since/--until: 2026-1 (Jan-Jun) or 2026-2 (Jul-Dec).",
)
@click.option(
    "--docx",
    "docx_path",
    help="Write the evaluation report (Word), addressed to the head of region, here: "
    "a file, or a folder (ending in '/').",
)
@click.option(
    "--xlsx",
    "xlsx_path",
    help="Write the tables (Excel, one sheet each) here: a file, or a folder (ending in '/').",
)
@click.option("--number", default="", help="--docx: the report's letter number (Nomor).")
@click.option(
    "--addressee",
    default="",
    help="--docx: to whom, e.g. 'Bupati Timor Tengah Utara' (default: task_force.head_of_region).",
)
@click.option(
    "--addressee-city", default="", help="--docx: the addressee's city (default: settings)."
)
@click.option("--signer", "signer_name", default="", help="--docx: who signs (default: settings).")
@click.option("--signer-position", default="", help="--docx: the signer's position.")
@click.option("--signer-nip", default="", help="--docx: the signer's NIP.")
@click.option(
    "--copy",
    "copies",
    multiple=True,
    help="--docx: Tembusan, repeat (default: the task force's chair).",
)
@click.option("--force", is_flag=True, help="Replace files that exist already.")
@partial_option
@output_options
@pass_app
@deprecated_option("--from", "--since", "start", type=DATE)
@deprecated_option("--to", "--until", "end", type=DATE)
def report_command(
    app, start, end, semester, docx_path, xlsx_path, force: bool, as_json: bool, **document_options
):
    """The PPT's six-monthly evaluation (PP 9/2008): victims, referrals, response times.

    Victims are counted per person in cases opened in the period, with their age on the
    day the case was opened in CTDC bands; victims of trafficking and presumed victims
    apart. Without a period, everything is counted. --docx writes the report of the
    integrated service (UPTD PPA) to the head of region, with a copy to the task force.
    """
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
        raise click.UsageError("Use either --semester or --since/--until, not both.")
    if semester:
        start, end = semester_range(semester)
    from tipref.privacy.codec import counting_only

    with counting_only(app.book.store.codec) as missing:  # counts need no personal field
        report = build_report(app.book, start, end)
    if missing:
        app.warn(app.t("report.counted_sealed", keys=", ".join(sorted(missing))))
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
        Text.assemble((app.t("report.title"), "bold"), f" — {period_text(report, app.lang)}")
    )
    app.out.print(app.t("report.as_of", day=format_day(report["period"]["as_of"], app.lang)))
    app.out.print(summary_text(report, app.lang))
    for item in report_tables(report, app.lang):
        if has_data(item):  # no screen of zeros for an empty period
            table(app, item["columns"], item["rows"], title=item["title"])
    for path in written:
        app.success(app.t("report.written", path=path))


def _file_name(start, end) -> str:
    """laporan-evaluasi[-FROM][-TO]: the period, never a person's name."""
    parts = ["laporan-evaluasi"] + [day.isoformat() for day in (start, end) if day]
    return "-".join(parts)
