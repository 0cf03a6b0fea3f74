"""tipref export: the book's cases, persons and referrals as CSV, Excel, JSON or HTCDS;
with --anonymize, a k-anonymous table of victims for the task force."""

from __future__ import annotations

import click

from tipref.commands._common import output_options, partial_option, pass_app
from tipref.commands._translate import Command, help_text
from tipref.i18n import N_, Msg, _

FORMATS = ("csv", "xlsx", "json", "htcds")
DEFAULT_K = 11
# The extensions each format may be written with; the first is added when none is given
# ("" is a folder of CSV files).
EXTENSIONS = {
    "csv": ("", ".zip"),
    "xlsx": (".xlsx",),
    "json": (".json",),
    "htcds": (".xlsx", ".zip", ""),
}
ANON_EXTENSIONS = {"csv": (".csv",), "xlsx": (".xlsx",), "json": (".json",), "htcds": (".xlsx",)}


@click.command(
    "export",
    cls=Command,
    help=N_(
        "Export cases, persons and referrals (or, with --anonymize, an anonymised victims table)."
    ),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help=N_(
        "csv: cases.csv, persons.csv, referrals.csv in a folder (or a .zip); xlsx: one sheet per table; "
        "json: the records as stored; htcds: IOM HTCDS 2.0 field names and values, as the toolkit "
        "workbook (.xlsx, the default) or as persons.csv and referrals.csv in a folder or a .zip."
    ),
)
@click.option(
    "--out",
    help=N_(
        "File or folder to write (default: tipref-FORMAT-YYYYMMDD[.ext] here); a name ending "
        "in '/' or an existing folder: into that folder. csv: a folder or a .zip."
    ),
)
@click.option("--force", is_flag=True, help=N_("Replace a file or folder that exists already."))
@click.option(
    "--anonymize",
    "--anonymise",
    "anonymise",
    is_flag=True,
    help=N_(
        "No names, NIK, phones, places below district, free text or ids; ages in CTDC bands; k-anonymous."
    ),
)
@click.option(
    "--k",
    type=click.IntRange(2, 1000),
    default=None,
    metavar="K",
    help=help_text(
        N_(
            "With --anonymize: every combination of age band, sex, district, destination and exploitation is shared by at least K victims, 2–1000 (default {default_k})."
        ),
        default_k=DEFAULT_K,
    ),
)
@partial_option
@output_options
@pass_app
def export_command(
    app, fmt: str, out: str | None, force: bool, anonymise: bool, k: int | None, as_json: bool
):
    from tipref.outputs import output_path, personal_data_check
    from tipref.reporting import export as core

    if k is not None and not anonymise:
        raise click.UsageError(
            _("--k works with --anonymize only: tipref export --anonymize --k 5")
        )
    k = DEFAULT_K if k is None else k
    default = core.default_out(fmt, anonymised=anonymise)
    extensions = (ANON_EXTENSIONS if anonymise else EXTENSIONS)[fmt]
    target = output_path(out, default.name.removesuffix(default.suffix), extensions, force=force)
    if not anonymise:
        warnings = personal_data_check(app.book, target)  # refused in an encrypted book
        result = core.export_book(app.book, fmt, target)
        for warning in warnings:
            app.warn(warning)
        if as_json:
            app.emit_json(result)
        else:
            app.success(
                Msg.plural(
                    "{count} case exported to {path}",
                    "{count} cases exported to {path}",
                    result["cases"],
                    count=result["cases"],
                    path=result["path"],
                )
            )
        return

    from tipref.reporting.anonymised import export_anonymised

    summary = export_anonymised(app.book, fmt, target, k)
    if as_json:
        app.emit_json(summary)
        return
    app.success(
        Msg.plural(
            "{rows} victim exported anonymised to {path} (k={k}); rows suppressed: {suppressed}, rows masked: {cells}, left out for withdrawn consent: {withdrawn}.",
            "{rows} victims exported anonymised to {path} (k={k}); rows suppressed: {suppressed}, rows masked: {cells}, left out for withdrawn consent: {withdrawn}.",
            summary["rows"],
            rows=summary["rows"],
            path=summary["path"],
            k=k,
            suppressed=summary["suppressed_rows"],
            cells=summary["masked_rows"],
            withdrawn=summary["withdrawn_consent"],
        )
    )
    app.info(
        Msg(
            "Generalised: {levels}",
            levels=", ".join(f"{q}={v}" for q, v in summary["generalisation"].items()),
        )
    )
