"""tipref import: cases from CSV, Excel or the IOM HTCDS toolkit workbook."""

from __future__ import annotations

from pathlib import Path

import click

from tipref.commands._common import output_options, pass_app, spreadsheet_options
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _

MAX_SHOWN = 50  # problems printed on the terminal; --json lists them all


@click.command(
    "import",
    cls=Command,
    help=N_(
        "Import cases from FILE (.csv, .xlsx, or an HTCDS toolkit workbook).\n"
        "\n"
        "Columns named like an import field map by themselves; others need --map. An HTCDS\n"
        "workbook (field names in a hidden first row) maps by those names. Every row is\n"
        "checked like 'case new'; a file with problems imports nothing unless --skip-invalid.\n"
        "Importing the same rows again never duplicates a case; a person already in the book\n"
        "(same NIK, or same name and birth date) is reported and imported only with\n"
        "--allow-duplicates.\n"
        "\n"
        "Reads CSV in UTF-8 (with or without BOM), UTF-16 or cp1252 (detected; --encoding to\n"
        "force), and Excel files (--sheet, --header-row; title rows above the header are\n"
        "skipped, merged cells filled with a warning)."
    ),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False), required=False)
@click.option(
    "--map",
    "pairs",
    multiple=True,
    metavar="COLUMN=FIELD",
    help=N_("Map a column to an import field (repeat), e.g. --map 'Nama=name' --map 'JK=sex'."),
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(exists=True, dir_okay=False),
    help=N_("A file of COLUMN=FIELD lines (or a JSON object) with the mapping."),
)
@click.option(
    "--skip-invalid", is_flag=True, help=N_("Import the good rows even if some rows have problems.")
)
@click.option(
    "--dry-run",
    is_flag=True,
    help=N_("Check every row and say what would be imported; write nothing."),
)
@click.option(
    "--allow-duplicates",
    is_flag=True,
    help=N_(
        "Import rows whose person is already in the book (same NIK, or same name and birth date)."
    ),
)
@click.option("--fields", "list_fields", is_flag=True, help=N_("List the import fields and exit."))
@spreadsheet_options
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
    allow_duplicates: bool = False,
    **read_options,
):
    from tipref.reporting import importer as core

    if list_fields:
        if as_json:
            app.emit_json(list(core.FIELDS))
        else:
            app.out.print(", ".join(core.FIELDS))
        return
    if file is None:
        raise click.UsageError(_("Missing argument 'FILE'."))
    mapping = core.parse_mapping(list(pairs), Path(mapping_file) if mapping_file else None)
    result = core.import_file(
        app.book,
        Path(file),
        mapping,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
        allow_duplicates=allow_duplicates,
        **read_options,
    )
    held = bool(result.same_person) and not allow_duplicates
    blocked = bool(result.errors or held) and not skip_invalid
    if as_json:
        app.emit_json(result.as_json(app.lang))
    else:
        _show_problems(app, result, allow_duplicates)
    if blocked:
        from tipref.errors import TiprefError

        if result.errors:
            raise TiprefError(
                Msg.plural(
                    "{count} problem in {rows}; nothing imported. Fix the file, or use "
                    "--skip-invalid to import the good rows only.",
                    "{count} problems in {rows}; nothing imported. Fix the file, or use "
                    "--skip-invalid to import the good rows only.",
                    len(result.errors),
                ),
                count=len(result.errors),
                rows=_rows(len(result.invalid_rows)),
            )
        raise TiprefError(
            Msg.plural(
                "{rows} row holds a person already in the book; nothing imported. Use "
                "--allow-duplicates to import it anyway, or --skip-invalid to leave it out.",
                "{rows} rows hold persons already in the book; nothing imported. Use "
                "--allow-duplicates to import them anyway, or --skip-invalid to leave them out.",
                len(result.same_person),
            ),
            rows=len(result.same_person),
        )
    if not as_json:
        counts = {
            "created": Msg.plural("{n} case", "{n} cases", len(result.created)),
            "duplicates": len(result.duplicates),
            "invalid": Msg.plural("{n} invalid row", "{n} invalid rows", len(result.invalid_rows)),
        }
        if dry_run:
            app.success(
                Msg(
                    "Dry run: {created} would be imported, {duplicates} already there, "
                    "{invalid}. Nothing written.",
                    **counts,
                )
            )
        else:
            app.success(
                Msg(
                    "{created} imported, {duplicates} already there (skipped), {invalid} skipped.",
                    **counts,
                )
            )


def _rows(n: int) -> Msg:
    return Msg.plural("{n} row", "{n} rows", n)


def _show_problems(app, result, allow_duplicates: bool) -> None:
    """Unmapped columns, reader warnings, persons already in the book, row problems."""
    from tipref.i18n import Msg

    notes = [app.render(u["problem"]) for u in result.unmapped if u["problem"]]
    plain = [u["column"] for u in result.unmapped if not u["problem"]]
    if plain:
        app.warn(Msg("Columns not mapped (ignored): {columns}", columns=", ".join(plain)))
    for note in [*notes, *result.warnings]:
        app.warn(note)
    for same in result.same_person:
        app.warn(_same_person_line(app, same, allow_duplicates))
    for error in result.errors[:MAX_SHOWN]:
        problem = error["problem"]
        app.err.print(
            app.render(
                Msg(
                    "row {row}, column {column}: {problem}",
                    row=error["row"],
                    column=error["column"],
                    problem=problem.render(app.lang) if isinstance(problem, Msg) else problem,
                )
            )
        )
    if len(result.errors) > MAX_SHOWN:
        app.err.print(f"… (+{len(result.errors) - MAX_SHOWN}; --json lists all)")


def _same_person_line(app, same: dict, allowed: bool) -> str:
    where = ", ".join(
        app.render(
            Msg(
                "case {case} person {person}, same {by}",
                case=m["case"],
                person=m["person"],
                by=m["by"],
            )
        )
        for m in same["matches"]
    )
    key = (
        N_(
            "row {rows}: this person is already in the book ({where}); imported anyway (--allow-duplicates)"
        )
        if allowed
        else N_(
            "row {rows}: this person is already in the book ({where}); not imported unless --allow-duplicates"
        )
    )
    return app.render(Msg(key, rows=", ".join(map(str, same["rows"])), where=where))
