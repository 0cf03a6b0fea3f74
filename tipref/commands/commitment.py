"""tipref commitment: the joint commitment signed at a coordination meeting."""

from __future__ import annotations

from pathlib import Path

import click

from tipref.commands._common import (
    DATE,
    ask,
    fields,
    output_options,
    pass_app,
    spreadsheet_options,
    table,
)
from tipref.commands._grammar import deprecated_option
from tipref.commands._revision import if_revision_option
from tipref.commands._translate import Group
from tipref.i18n import N_, Msg, _
from tipref.schemas import Commitment


def _json(commitment) -> dict:
    return commitment.model_dump(mode="json")


@click.group(
    "commitment",
    cls=Group,
    help=N_(
        "Joint commitment documents (dokumen komitmen bersama): new, list, show, add-point, sign, render."
    ),
)
def commitment_group():
    pass


@commitment_group.command(
    "new",
    help=N_(
        "Start a commitment document for a meeting; it gets the next official number\n"
        "(setting task_force.commitment_number, e.g. 001/GT-PPTPPO/TTU/I/2022)."
    ),
)
@click.option("--title", help=N_("e.g. 'Komitmen Bersama Pencegahan dan Penanganan TPPO'."))
@click.option("--date", "held_on", type=DATE, help=N_("Day of the meeting (default today)."))
@click.option("--place", help=N_("Where the meeting was held."))
@click.option(
    "--organiser",
    help=N_(
        "The meeting, e.g. 'Gugus Tugas PP TPPO Kabupaten TTU' (printed as "
        "'peserta rapat koordinasi Gugus Tugas ...')."
    ),
)
@click.option("--recital", "recitals", multiple=True, help=N_("A reason, without 'bahwa'; repeat."))
@click.option("--point", "points", multiple=True, help=N_("A commitment point; repeat."))
@click.option("--title-en", help=N_("The title in English, for the English document."))
@click.option("--chair", help=N_("Ketua Gugus Tugas under 'Mengetahui' (default: settings)."))
@click.option("--chair-position", help=N_("The chair's position (default: settings)."))
@output_options
@pass_app
def commitment_new(
    app,
    title,
    held_on,
    place,
    organiser,
    recitals,
    points,
    title_en,
    chair,
    chair_position,
    as_json: bool,
):
    from tipref import clock
    from tipref.documents.commitments import new_commitment

    title = ask(title, "--title", _("Title"))
    place = ask(place, "--place", _("Place"))
    data = {
        "title": title,
        "held_on": held_on or clock.today(),
        "place": place,
        "organiser": organiser or "",
        "recitals": list(recitals),
        "points": list(points),
        "english": {"title": title_en or ""},
        "chair_name": chair or "",
        "chair_position": chair_position or "",
    }
    commitment = new_commitment(app.book, data)
    if as_json:
        app.emit_json(_json(commitment))
        return
    app.success(
        Msg(
            "{kind} {number} created ({id})",
            kind=Msg("Commitment document"),
            number=commitment.number,
            id=commitment.id,
        )
    )


@commitment_group.command("list", help=N_("List commitment documents."))
@output_options
@pass_app
def commitment_list(app, as_json: bool):
    from tipref.documents.commitments import list_commitments

    found = list_commitments(app.book)
    if as_json:
        app.emit_json([_json(c) for c in found])
        return
    if not found:
        app.info(Msg("Nothing found."))
        return
    table(
        app,
        [
            _("Number"),
            _("Title"),
            _("Date"),
            _("Points"),
            _("Signatories"),
        ],
        # the place is left to 'commitment show' and --json: the table fits 80 columns
        [(c.number, c.title, c.held_on, len(c.points), len(c.signatories)) for c in found],
    )


@commitment_group.command(
    "show", help=N_("Show a commitment document: recitals, points and signatories.")
)
@click.argument("ref")
@output_options
@pass_app
def commitment_show(app, ref: str, as_json: bool):
    commitment = app.book.get(Commitment, ref)
    if as_json:
        app.emit_json(_json(commitment))
        return
    fields(
        app,
        [
            (_("Number"), commitment.number),
            (_("Title"), commitment.title),
            (_("Date"), commitment.held_on),
            (_("Place"), commitment.place),
            (_("Organiser"), commitment.organiser),
        ],
        title=app.render(Msg("Commitment document {number}", number=commitment.number)),
    )
    from tipref.documents.commitments import letter_index

    for index, recital in enumerate(commitment.recitals):
        app.out.print(f"  {letter_index(index)}. {recital}")
    for index, point in enumerate(commitment.points, start=1):
        app.out.print(f"  {index}. {point}")
    if commitment.signatories:
        table(
            app,
            ["No", _("Name"), _("Institution"), _("Position")],
            [
                (i, s.name, s.institution, s.position)
                for i, s in enumerate(commitment.signatories, start=1)
            ],
        )


@commitment_group.command(
    "add-point",
    help=N_(
        "Add numbered commitment points (and/or recitals) to REF, in Indonesian or (--en)\n"
        "in English."
    ),
)
@click.argument("ref")
@click.argument("texts", nargs=-1)
@click.option(
    "--recital", "recitals", multiple=True, help=N_("Add a reason (without 'bahwa'); repeat.")
)
@click.option(
    "--en", "english", is_flag=True, help=N_("The texts are the English version, for --lang en.")
)
@if_revision_option("commitment")
@output_options
@pass_app
def commitment_add_point(app, ref: str, texts, recitals, english: bool, as_json: bool):
    from tipref.documents.commitments import add_points

    if not texts and not recitals:
        raise click.UsageError(_("Give the text of at least one point (or --recital)."))
    commitment = add_points(app.book, ref, list(texts), list(recitals), english)
    if as_json:
        app.emit_json(_json(commitment))
        return
    app.success(
        Msg(
            "{kind} {number} updated (revision {revision})",
            kind=Msg("Commitment document"),
            number=commitment.number,
            revision=commitment.revision,
        )
    )


@commitment_group.command(
    "sign",
    help=N_(
        "Add signatories: one by --name and --institution, or many from an attendance list.\n"
        "\n"
        "With --attendance FILE, a bad row (missing name or institution) is reported by row number and\n"
        "column, and nothing is added unless --skip-invalid."
    ),
)
@click.argument("ref")
@click.option("--name", help=N_("Signatory's name."))
@click.option("--institution", help=N_("Signatory's institution (instansi)."))
@click.option("--position", default="", help=N_("Signatory's position (jabatan)."))
@click.option(
    "--attendance",
    "from_file",
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_(
        "Attendance list, .csv or .xlsx, with columns Nama/Name, Instansi/Institution, "
        "Jabatan/Position."
    ),
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help=N_("With --attendance: add the good rows even if some are bad."),
)
@if_revision_option("commitment")
@spreadsheet_options
@output_options
@pass_app
@deprecated_option(
    "--from",
    "--attendance",
    "from_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
def commitment_sign(
    app,
    ref: str,
    name,
    institution,
    position,
    from_file,
    skip_invalid: bool,
    as_json: bool,
    **read_options,
):
    from tipref.documents import commitments as core

    book = app.book
    if from_file is not None:
        if name or institution:
            raise click.UsageError(_("Give --attendance or --name/--institution, not both."))
        try:
            result = core.sign_from_file(book, ref, from_file, skip_invalid, **read_options)
        except core.AttendanceRejected as error:
            for problem in error.problems:
                app.warn(problem.message())
            raise
        for note in [*result.warnings, *(p.message() for p in result.skipped)]:
            app.warn(note)
        commitment, added = result.commitment, result.added
        skipped = [{"row": p.row, "column": p.column} for p in result.skipped]
    else:
        if not name or not institution:
            raise click.UsageError(
                _("Give --name and --institution (and --position), or --from ATTENDANCE.csv/.xlsx.")
            )
        commitment = core.sign(
            book, ref, [{"name": name, "institution": institution, "position": position}]
        )
        added, skipped = 1, []
    if as_json:
        app.emit_json({**_json(commitment), "added": added, "skipped": skipped})
        return
    app.success(
        Msg.plural(
            "{count} signatory added to {number} ({total} in all).",
            "{count} signatories added to {number} ({total} in all).",
            added,
            count=added,
            number=commitment.number,
            total=len(commitment.signatories),
        )
    )


@commitment_group.command(
    "render",
    help=N_("Write the commitment document: text, numbered points and the signature table."),
)
@click.argument("ref")
@click.option(
    "--out",
    "out",
    required=True,
    help=N_("The .docx to write, or a folder (an existing one, or a name ending in '/')."),
)
@click.option("--force", is_flag=True, help=N_("Replace the file if it exists already."))
@click.option("--pdf", is_flag=True, help=N_("Also convert to PDF with LibreOffice."))
@output_options
@pass_app
def commitment_render(app, ref: str, out: str, force: bool, pdf: bool, as_json: bool):
    from tipref.documents.commitments import render_commitment
    from tipref.outputs import output_path, personal_data_check

    book = app.book
    number = book.get(Commitment, ref).number
    target = output_path(out, f"komitmen-{number}".replace("/", "-"), (".docx",), force=force)
    inside = personal_data_check(book, target)  # signatories' names; refused when encrypted
    commitment, path, warnings = render_commitment(
        book, ref, target, app.lang_flag or book.settings.language
    )
    pdf_path = None
    if pdf:
        from tipref.documents.pdf import convert_to_pdf

        pdf_path = convert_to_pdf([path])[0]
    for warning in [*inside, *warnings]:
        app.warn(warning)
    if as_json:
        app.emit_json(
            {
                "number": commitment.number,
                "id": commitment.id,
                "path": str(path),
                "pdf": str(pdf_path) if pdf_path else None,
                "signatories": len(commitment.signatories),
            }
        )
        return
    app.success(
        Msg(
            "Commitment document {number} written to {path}",
            number=commitment.number,
            path=str(pdf_path or path),
        )
    )
