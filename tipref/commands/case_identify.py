"""tipref case identify: the identification decision, its elements, and its form."""

from __future__ import annotations

import click

from tipref.commands._common import DATE, EnumChoice, output_options, pass_app
from tipref.commands._translate import Command, help_text
from tipref.i18n import N_, Msg
from tipref.schemas.enums import Exploitation, TraffickingStatus
from tipref.schemas.identification import Indicator, Means, Process


@click.command(
    "identify",
    cls=Command,
    help=N_(
        "Record an identification decision and its grounds.\n"
        "\n"
        "Who decided whether a person is a victim of trafficking, when, and on what grounds.\n"
        "\n"
        "The three elements are the process, the means and the purpose (UU 21/2007 Pasal 1\n"
        "angka 1); for a child the means are not needed. The case's trafficking status\n"
        "follows the decision. With --out, the identification form is written too."
    ),
)
@click.argument("ref")
@click.option(
    "--status",
    type=EnumChoice(TraffickingStatus),
    required=True,
    metavar="STATUS",
    help=N_(
        "The decision: ActualVictimOfTrafficking (korban), PossibleVictimOfTrafficking "
        "(diduga korban) or NotAVictimOfTrafficking."
    ),
)
@click.option(
    "--process",
    multiple=True,
    type=EnumChoice(Process),
    help=help_text(N_("The process found (repeat): {choices}."), choices=", ".join(Process.ids())),
)
@click.option(
    "--means",
    multiple=True,
    type=EnumChoice(Means),
    help=help_text(
        N_("The means found (repeat): {choices}. Not needed for a child."),
        choices=", ".join(Means.ids()),
    ),
)
@click.option(
    "--purpose",
    multiple=True,
    type=EnumChoice(Exploitation),
    help=N_("The exploitation (repeat), e.g. ForcedLabour, SexualExploitation."),
)
@click.option(
    "--indicator",
    multiple=True,
    type=EnumChoice(Indicator),
    help=help_text(
        N_("An indicator seen (repeat): {choices}."), choices=", ".join(Indicator.ids())
    ),
)
@click.option(
    "--decided-by",
    required=True,
    metavar="PROVIDER_OR_ORG",
    help=N_("Who decided: a provider's code, or an organisation's name."),
)
@click.option("--date", "decided_on", type=DATE, required=True, help=N_("Day of the decision."))
@click.option("--person", "person_ref", help=N_("Which person: position (1, 2...) or id."))
@click.option("--note", default="", help=N_("Anything worth keeping with the decision."))
@click.option(
    "--out",
    type=click.Path(),  # a str: a trailing "/" (a folder to make) survives
    help=N_("Also write the identification form (.docx, or a folder)."),
)
@click.option("--force", is_flag=True, help=N_("Replace the form's file if it exists already."))
@output_options
@pass_app
def case_identify_command(
    app, ref, status, process, means, purpose, indicator, decided_by, decided_on, person_ref,
    note, out, force, as_json,
):  # fmt: skip
    from tipref.book.identification import identify

    if out is not None:  # a file that exists is refused before the decision is recorded
        from tipref.documents.conference import output_path

        output_path(out, "identification.docx", force)
    case, decision = identify(
        app.book,
        ref,
        status,
        decided_by,
        decided_on,
        list(process),
        list(means),
        list(purpose),
        list(indicator),
        person_ref,
        note,
    )
    path = None
    if out is not None:
        from tipref.documents.identification import write_identification_form

        case, path, warnings = write_identification_form(
            app.book, case.id, decision.person_id, out, app.lang_flag, force
        )
        for warning in warnings:
            app.warn(warning)
    if as_json:
        app.emit_json(
            {
                "case": case.number,
                "identification": decision.model_dump(mode="json"),
                "path": str(path) if path else None,
            }
        )
        return
    app.success(
        Msg(
            "Identification decision recorded in {case}: {status} (decided by {who}).",
            case=case.number,
            status=status.label(app.lang),
            who=decision.decided_by_name,
        )
    )
    if path is not None:
        app.success(Msg("Identification form written to {path}", path=str(path)))


@click.command(
    "identification-form", cls=Command, help=N_("Write a person's identification form again.")
)
@click.argument("ref")
@click.option("--person", "person_ref", help=N_("Which person: position (1, 2...) or id."))
@click.option("--out", type=click.Path(), help=N_("The .docx to write, or a folder."))
@click.option("--force", is_flag=True, help=N_("Replace the file if it exists already."))
@output_options
@pass_app
def case_identification_form_command(app, ref, person_ref, out, force, as_json):
    from tipref.documents.identification import write_identification_form

    case, path, warnings = write_identification_form(
        app.book, ref, person_ref, out, app.lang_flag, force
    )
    for warning in warnings:
        app.warn(warning)
    if as_json:
        app.emit_json({"case": case.number, "path": str(path)})
        return
    app.success(Msg("Identification form written to {path}", path=str(path)))
