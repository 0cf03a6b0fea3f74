"""tipref export: the book's cases, persons and referrals as CSV, Excel, JSON or HTCDS;
with --anonymize, a k-anonymous table of victims for the task force."""

from __future__ import annotations

from pathlib import Path

import click

from tipref.commands._common import output_options, pass_app

FORMATS = ("csv", "xlsx", "json", "htcds")


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="csv: cases.csv, persons.csv, referrals.csv in a folder (or a .zip); xlsx: one sheet per table; "
    "json: the records as stored; htcds: IOM HTCDS 2.0 field names and values, as the toolkit "
    "workbook (.xlsx, the default) or as persons.csv and referrals.csv in a folder or a .zip.",
)
@click.option(
    "--out", type=click.Path(), help="Where to write (default: tipref-FORMAT-YYYYMMDD[.ext] here)."
)
@click.option(
    "--anonymize",
    "--anonymise",
    "anonymise",
    is_flag=True,
    help="No names, NIK, phones, places below district, free text or ids; ages in CTDC bands; k-anonymous.",
)
@click.option(
    "--k",
    type=click.IntRange(2, 1000),
    default=11,
    show_default=True,
    help="With --anonymize: every combination of age band, sex, district, destination and exploitation "
    "is shared by at least k victims.",
)
@output_options
@pass_app
def export_command(app, fmt: str, out: str | None, anonymise: bool, k: int, as_json: bool):
    """Export cases, persons and referrals (or, with --anonymize, an anonymised victims table)."""
    from tipref.reporting import export as core

    if not anonymise:
        result = core.export_book(app.book, fmt, Path(out) if out else None)
        if as_json:
            app.emit_json(result)
        else:
            app.success(app.t("export.written", count=result["cases"], path=result["path"]))
        return

    from tipref.reporting.anonymised import export_anonymised

    summary = export_anonymised(app.book, fmt, Path(out) if out else None, k)
    if as_json:
        app.emit_json(summary)
        return
    app.success(
        app.t(
            "export.anonymised",
            rows=summary["rows"],
            path=summary["path"],
            k=k,
            suppressed=summary["suppressed_rows"],
            cells=summary["masked_rows"],
            withdrawn=summary["withdrawn_consent"],
        )
    )
    app.info(
        app.t(
            "export.generalised",
            levels=", ".join(f"{q}={v}" for q, v in summary["generalisation"].items()),
        )
    )
