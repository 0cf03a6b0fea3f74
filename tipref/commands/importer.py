"""tipref import: cases from CSV, Excel or the IOM HTCDS toolkit workbook."""

from __future__ import annotations

from pathlib import Path

import click

from tipref.commands._common import output_options, pass_app

MAX_SHOWN = 50  # problems printed on the terminal; --json lists them all


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False), required=False)
@click.option(
    "--map",
    "pairs",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Map a column to an import field (repeat), e.g. --map 'Nama=name' --map 'JK=sex'.",
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A file of COLUMN=FIELD lines (or a JSON object) with the mapping.",
)
@click.option(
    "--skip-invalid", is_flag=True, help="Import the good rows even if some rows have problems."
)
@click.option(
    "--dry-run", is_flag=True, help="Check every row and say what would be imported; write nothing."
)
@click.option("--fields", "list_fields", is_flag=True, help="List the import fields and exit.")
@output_options
@pass_app
def import_command(
    app,
    file: str | None,
    pairs,
    mapping_file,
    skip_invalid: bool,
    dry_run: bool,
    list_fields: bool,
    as_json: bool,
):
    """Import cases from FILE (.csv, .xlsx, or an HTCDS toolkit workbook).

    Columns named like an import field map by themselves; others need --map. An HTCDS
    workbook (field names in a hidden first row) maps by those names. Every row is
    checked like 'case new'; a file with problems imports nothing unless --skip-invalid.
    Importing the same rows again never duplicates a case.
    """
    from tipref.reporting import importer as core

    if list_fields:
        if as_json:
            app.emit_json(list(core.FIELDS))
        else:
            app.out.print(", ".join(core.FIELDS))
        return
    if file is None:
        raise click.UsageError("Missing argument 'FILE'.")
    mapping = core.parse_mapping(list(pairs), Path(mapping_file) if mapping_file else None)
    result = core.import_file(
        app.book, Path(file), mapping, skip_invalid=skip_invalid, dry_run=dry_run
    )
    blocked = bool(result.errors) and not skip_invalid
    if as_json:
        app.emit_json(result.as_json(app.lang))
    else:
        _report_problems(app, result)
    if blocked:
        from tipref.errors import TiprefError

        raise TiprefError(
            "import.has_errors", count=len(result.errors), rows=len(result.invalid_rows)
        )
    if not as_json:
        key = "import.dry_run" if dry_run else "import.done"
        app.success(
            app.t(
                key,
                created=len(result.created),
                duplicates=len(result.duplicates),
                invalid=len(result.invalid_rows),
            )
        )


def _report_problems(app, result) -> None:
    """Unmapped columns and the first rows' problems, on stderr."""
    from tipref.i18n import Msg

    notes = [app.render(u["problem"]) for u in result.unmapped if u["problem"]]
    plain = [u["column"] for u in result.unmapped if not u["problem"]]
    if plain:
        app.warn(app.t("import.unmapped", columns=", ".join(plain)))
    for note in notes:
        app.warn(note)
    for error in result.errors[:MAX_SHOWN]:
        problem = error["problem"]
        app.err.print(
            app.t(
                "import.row_error",
                row=error["row"],
                column=error["column"],
                problem=problem.render(app.lang) if isinstance(problem, Msg) else problem,
            )
        )
    if len(result.errors) > MAX_SHOWN:
        app.err.print(f"… (+{len(result.errors) - MAX_SHOWN}; --json lists all)")
