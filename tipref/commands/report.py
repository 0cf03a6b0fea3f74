"""tipref report: the task force's evaluation, on the terminal, as JSON, Word or Excel."""

from __future__ import annotations

import click
from rich.text import Text

from tipref.commands._common import DATE, output_options, pass_app, table


@click.command("report")
@click.option(
    "--from", "start", type=DATE, help="First day of the period (cases opened, referrals made)."
)
@click.option("--to", "end", type=DATE, help="Last day of the period.")
@click.option(
    "--semester", help="A half year instead of --from/--to: 2026-1 (Jan-Jun) or 2026-2 (Jul-Dec)."
)
@click.option(
    "--docx",
    "docx_path",
    help="Write the evaluation document (Word) here: a file, or a folder (ending in '/').",
)
@click.option(
    "--xlsx",
    "xlsx_path",
    help="Write the tables (Excel, one sheet each) here: a file, or a folder (ending in '/').",
)
@click.option("--force", is_flag=True, help="Replace files that exist already.")
@output_options
@pass_app
def report_command(app, start, end, semester, docx_path, xlsx_path, force: bool, as_json: bool):
    """Six-monthly evaluation (PP 9/2008 Pasal 22): victims, referrals, response times.

    Victims are counted per person in cases opened in the period, with their age on the
    day the case was opened in CTDC bands. Without a period, everything is counted.
    """
    from tipref.outputs import output_path
    from tipref.reporting.report import (
        build_report,
        period_text,
        report_tables,
        semester_range,
        summary_text,
    )

    if semester and (start or end):
        raise click.UsageError("Use either --semester or --from/--to, not both.")
    if semester:
        start, end = semester_range(semester)
    report = build_report(app.book, start, end)
    name = _file_name(start, end)
    if docx_path:
        docx_path = output_path(docx_path, name, (".docx",), force=force, option="--docx")
    if xlsx_path:
        xlsx_path = output_path(xlsx_path, name, (".xlsx",), force=force, option="--xlsx")
    written = []
    if docx_path:
        from tipref.documents.evaluation import write_docx

        written.append(str(write_docx(report, docx_path, app.lang, app.book)))
    if xlsx_path:
        from tipref.documents.evaluation import write_xlsx

        written.append(str(write_xlsx(report, xlsx_path, app.lang)))
    if as_json:
        app.emit_json({**report, "written": written})
        return
    app.out.print(
        Text.assemble((app.t("report.title"), "bold"), f" — {period_text(report, app.lang)}")
    )
    app.out.print(summary_text(report, app.lang))
    for item in report_tables(report, app.lang):
        if item["rows"]:
            table(app, item["columns"], item["rows"], title=item["title"])
    for path in written:
        app.success(app.t("report.written", path=path))


def _file_name(start, end) -> str:
    """laporan-evaluasi[-FROM][-TO]: the period, never a person's name."""
    parts = ["laporan-evaluasi"] + [day.isoformat() for day in (start, end) if day]
    return "-".join(parts)


def register(cli: click.Group) -> None:
    cli.add_command(report_command)
