"""tipref handover: each leg of a return home, its berita acara and the family's acceptance."""

from __future__ import annotations

import click

from tipref.commands._common import DATE, output_options, pass_app, table
from tipref.commands._translate import Group
from tipref.i18n import N_, Msg, _


@click.group(
    "handover", cls=Group, help=N_("Repatriation handovers (serah terima): new, acceptance, list.")
)
def handover_group():
    pass


def _write(app, ref: str, kind: str, out, pdf: bool, force: bool):
    from tipref.documents.handover import write_handover_document

    result = write_handover_document(app.book, ref, kind, out, app.lang_flag or None, force=force)
    path = result.path
    if pdf:
        from tipref.documents.pdf import convert_to_pdf

        path = convert_to_pdf([result.path])[0]
    for warning in result.warnings:
        app.warn(warning)
    return result, path


@handover_group.command(
    "new",
    help=N_(
        "Record one leg of a return home of case REF and write its berita acara.\n"
        "\n"
        "From abroad the legs are KBRI, BP3MI or Kemensos, the provincial Dinas Sosial, the\n"
        "district, the family; a domestic return has fewer. The leg to the family records\n"
        "the return home (it starts the reintegration monitoring). For a person recorded as\n"
        "deceased ('case update --deceased') it is the return of the remains."
    ),
)
@click.argument("ref")
@click.option("--by", "by_ref", required=True, help=N_("The provider handing over (code or id)."))
@click.option(
    "--to", "to_ref", required=True, help=N_("The provider receiving (code or id), or 'family'.")
)
@click.option("--family-name", default="", help=N_("With --to family: who receives the person."))
@click.option(
    "--relation", default="", help=N_("With --to family: their relation, e.g. 'Ibu kandung'.")
)
@click.option("--date", "on", type=DATE, help=N_("Date of the handover (default today)."))
@click.option("--place", default="", help=N_("Where (default: the handing provider's city)."))
@click.option(
    "--person", "person_ref", help=N_("Which person: position or id. Default: first victim.")
)
@click.option("--note", default="", help=N_("A note printed on the berita acara."))
@click.option(
    "--out", help=N_("File for the berita acara. Default: berita-acara-serah-terima-<number>.docx.")
)
@click.option("--pdf", is_flag=True, help=N_("Also convert to PDF with LibreOffice."))
@click.option("--force", is_flag=True, help=N_("Replace a file that exists already."))
@output_options
@pass_app
def handover_new(
    app,
    ref,
    by_ref,
    to_ref,
    family_name,
    relation,
    on,
    place,
    person_ref,
    note,
    out,
    pdf,
    force,
    as_json,
):
    from tipref.book.handovers import new_handover

    handover, warnings = new_handover(
        app.book, ref, by_ref, to_ref, on, person_ref, family_name, relation, place, note
    )
    for warning in warnings:
        app.warn(warning)
    result, path = _write(app, handover.id, "handover", out, pdf, force)
    if as_json:
        app.emit_json({**result.handover.model_dump(mode="json"), "path": str(path)})
        return
    app.success(
        Msg(
            "Handover {number} recorded: {by} → {to}",
            number=handover.number,
            by=by_ref,
            to=to_ref
            if handover.to_provider_id
            else Msg("family ({name})", name=handover.family_name),
        )
    )
    app.success(
        Msg(
            "{what} {number} written to {path}",
            what=Msg("Handover record"),
            number=result.record.number,
            path=path,
        )
    )


@handover_group.command(
    "acceptance",
    help=N_("Write the family's acceptance statement for handover REF (a handover to the family)."),
)
@click.argument("ref")
@click.option(
    "--out", help=N_("File to write. Default: pernyataan-penerimaan-keluarga-<number>.docx.")
)
@click.option("--pdf", is_flag=True, help=N_("Also convert to PDF with LibreOffice."))
@click.option("--force", is_flag=True, help=N_("Replace a file that exists already."))
@output_options
@pass_app
def handover_acceptance(app, ref, out, pdf, force, as_json):
    result, path = _write(app, ref, "acceptance", out, pdf, force)
    if as_json:
        app.emit_json({**result.record.model_dump(mode="json"), "path": str(path)})
        return
    app.success(
        Msg(
            "{what} {number} written to {path}",
            what=Msg("Family acceptance statement"),
            number=result.handover.number,
            path=path,
        )
    )


@handover_group.command(
    "list", help=N_("The handovers of a case, in order: who handed over to whom, when, where.")
)
@click.option("--case", "case_ref", required=True, help=N_("The case: number or id."))
@output_options
@pass_app
def handover_list(app, case_ref, as_json):
    from tipref.book.handovers import legs_of
    from tipref.schemas import Provider
    from tipref.schemas.case import Case

    book = app.book
    case = book.get(Case, case_ref)
    legs = legs_of(book, case.id)
    if as_json:
        app.emit_json([leg.model_dump(mode="json") for leg in legs])
        return
    if not legs:
        app.info(Msg("No handovers yet."))
        return
    codes = {p.id: p.code for p in book.all(Provider)}
    family = _("family")
    table(
        app,
        [
            _("Number"),
            _("When"),
            _("Handed over by"),
            _("Received by"),
            _("Remains"),
        ],
        [
            (
                leg.number,
                leg.handed_on,
                codes.get(leg.by_provider_id, leg.by_provider_id),
                codes.get(leg.to_provider_id, "")
                if leg.to_provider_id
                else f"{family}: {leg.family_name} ({leg.family_relation})",
                "✓" if leg.remains else "",
            )
            for leg in legs
        ],
        title=app.render(Msg("Case {number}", number=case.number)),
    )
