"""tipref case: victims' and witnesses' cases."""

from __future__ import annotations

from typing import Any

import click

from tipref.book import cases as core
from tipref.commands._case_options import CASE_OPTIONS, PERSON_OPTIONS
from tipref.commands._common import (
    DATE,
    EnumChoice,
    ask,
    fields,
    given,
    interactive,
    limit_option,
    output_options,
    partial_option,
    pass_app,
    table,
    with_options,
)
from tipref.commands._grammar import LimitedChoice, deprecated_option
from tipref.commands._revision import if_revision_option
from tipref.commands._translate import Group
from tipref.commands.case_documents import case_police_report
from tipref.commands.case_identify import (
    case_identification_form_command,
    case_identify_command,
)
from tipref.commands.case_plan import case_event_command, case_need_command, case_plan_command
from tipref.commands.case_privacy import case_export_subject, case_purge
from tipref.i18n import N_, Msg, _
from tipref.present import case_json
from tipref.schemas.case import Case, Person
from tipref.schemas.countries import country_name
from tipref.schemas.enums import (
    CaseStatus,
    Exploitation,
    RiskLevel,
    Sex,
)

ADDRESS_KEYS = (
    "street",
    "village",
    "subdistrict",
    "district",
    "province",
    "region_code",
    "country",
)


def person_fields(options: dict[str, Any]) -> dict[str, Any]:
    data = given(
        **{
            k: options.pop(k, None)
            for k in (
                "name",
                "role",
                "sex",
                "birth_date",
                "estimated_age",
                "nik",
                "phone",
                "nationality",
            )
        }
    )
    address = given(**{k: options.pop(k, None) for k in ADDRESS_KEYS})
    if address:
        data["address"] = address
    return data


def case_fields(options: dict[str, Any]) -> tuple[dict[str, Any], str | None, Any]:
    data = given(**{k: options.pop(k, None) for k in ("status", "risk", "opened_on")})
    facts = given(
        status=options.pop("trafficking_status", None),
        exploitation=options.pop("exploitation", ()),
        means_of_control=options.pop("means_of_control", ()),
        recruitment=options.pop("recruitment", ()),
        relationship=options.pop("relationship", None),
    )
    for side, place_key, country_key in (
        ("recruitment_place", "recruited_at", "recruited_country"),
        ("exploitation_place", "exploited_at", "exploited_country"),
    ):
        place = given(place=options.pop(place_key, None), country=options.pop(country_key, None))
        if place:
            facts[side] = place
    if facts:
        data["trafficking"] = facts
    return data, options.pop("chronology", None), options.pop("chronology_date", None)


@click.group(
    "case", cls=Group, help=N_("Cases of victims and witnesses: open, change, close, list.")
)
def case_group():
    pass


@case_group.command(
    "new",
    help=N_(
        "Open a case for a person (the first victim or witness).\n"
        "\n"
        "On a terminal without --name, each field is asked for and checked as you go (a bad\n"
        "NIK or phone is asked again); in a script --name is required and nothing is asked."
    ),
)
@with_options(PERSON_OPTIONS + CASE_OPTIONS)
@output_options
@pass_app
def case_new(app, as_json: bool, **options):
    if not options["name"] and interactive():
        from tipref.commands._forms import ask_case_form

        ask_case_form(options, app.lang)
    options["name"] = ask(options["name"], "--name", _("Name"))
    options["sex"] = ask(options["sex"], "--sex", _("Sex"), type=EnumChoice(Sex), required=False)
    person = person_fields(options)
    case_data, chronology, chronology_on = case_fields(options)
    case = core.open_case(app.book, person, case_data, chronology, chronology_on)
    from tipref.book.duplicates import same_person_in_book

    same = same_person_in_book(app.book, case.persons[0], except_case=case.id)
    if as_json:
        app.emit_json({**case_json(case), "same_person": same})
        return
    app.success(
        Msg(
            "{kind} {number} created ({id})",
            kind=Msg("Case"),
            number=case.number,
            id=case.id,
        )
    )
    for match in same:
        app.warn(
            Msg(
                "{name} may be recorded already: case {case}, person {person} (same {by}). Check whether this is the same person.",
                name=case.persons[0].name,
                **match,
            )
        )


@case_group.command(
    "add-person", help=N_("Add another person (a witness or a second victim) to a case.")
)
@click.argument("ref")
@with_options(PERSON_OPTIONS)
@if_revision_option("case")
@output_options
@pass_app
def case_add_person(app, ref: str, as_json: bool, **options):
    options["name"] = ask(options["name"], "--name", _("Name"))
    case = core.add_person(app.book, ref, person_fields(options))
    from tipref.book.duplicates import same_person_in_book

    same = same_person_in_book(app.book, case.persons[-1], except_case=case.id)
    if as_json:
        app.emit_json({**case_json(case), "same_person": same})
        return
    app.success(
        Msg(
            "{kind} {number} updated (revision {revision})",
            kind=Msg("Case"),
            number=case.number,
            revision=case.revision,
        )
    )
    for match in same:
        app.warn(
            Msg(
                "{name} may be recorded already: case {case}, person {person} (same {by}). Check whether this is the same person.",
                name=case.persons[-1].name,
                **match,
            )
        )


@case_group.command(
    "update",
    help=N_(
        "Change a case or one of its persons; list options replace the stored list.\n"
        "\n"
        "A person who has died: --deceased (and --date-of-death); their return home is then\n"
        "the return of remains ('tipref handover new')."
    ),
)
@click.argument("ref")
@click.option(
    "--person",
    "person_ref",
    help=N_("Which person to change: position (1, 2...) or id. Default: the first victim."),
)
@with_options(PERSON_OPTIONS + CASE_OPTIONS)
@click.option(
    "--deceased", is_flag=True, default=None, help=N_("The person has died (HTCDS prs_Deceased).")
)
@click.option("--date-of-death", type=DATE, help=N_("When the person died (implies --deceased)."))
@if_revision_option("case")
@output_options
@pass_app
def case_update(app, ref: str, person_ref: str | None, as_json: bool, **options):
    death = given(deceased=options.pop("deceased"), date_of_death=options.pop("date_of_death"))
    if "date_of_death" in death:
        death["deceased"] = True
    person = {**person_fields(options), **death}
    case_data, chronology, chronology_on = case_fields(options)
    before = app.book.get(Case, ref).revision
    case = core.update_case(app.book, ref, case_data, person_ref, person, chronology, chronology_on)
    if as_json:
        app.emit_json(case_json(case))
        return
    if case.revision == before:
        app.info(Msg("{number}: nothing to change.", number=case.number))
        return
    app.success(
        Msg(
            "{kind} {number} updated (revision {revision})",
            kind=Msg("Case"),
            number=case.number,
            revision=case.revision,
        )
    )


@case_group.command("close", help=N_("Close a case, with a reason."))
@click.argument("ref")
@click.option(
    "--status-reason",
    "--why",
    "reason",
    metavar="REASON",
    help=N_("Why the case is closed (required)."),
)
@click.option(
    "--status",
    type=LimitedChoice(CaseStatus, ["closed", "closed-referred"]),
    default="closed",
    show_default=True,
    help=N_("closed, or closed-referred when another institution took the case over."),
)
@if_revision_option("case")
@output_options
@pass_app
@deprecated_option("--reason", "--status-reason", "reason")
def case_close(app, ref: str, reason: str | None, status: CaseStatus, as_json: bool):
    reason = ask(reason, "--status-reason", _("Reason"))
    case = core.close_case(app.book, ref, reason, status)
    if as_json:
        app.emit_json(case_json(case))
        return
    app.success(
        Msg(
            "Case {number} closed ({status}).",
            number=case.number,
            status=case.status.label(app.lang),
        )
    )


@case_group.command("list", help=N_("List cases (names are not shown; use 'case show')."))
@click.option("--status", type=EnumChoice(CaseStatus), help=N_("Only cases with this status."))
@click.option("--risk", type=EnumChoice(RiskLevel), help=N_("Only cases at this risk level."))
@click.option("--children", is_flag=True, help=N_("Only cases with a person under 18."))
@click.option(
    "--search",
    metavar="TEXT",
    help=N_(
        "Only cases with a person of this name (every word, accents and case ignored), "
        "or whose NIK or phone number holds these digits."
    ),
)
@limit_option
@partial_option
@output_options
@pass_app
def case_list(app, status, risk, children: bool, search: str | None, limit: int, as_json: bool):
    if as_json:
        from tipref.book.listing import case_list_json

        pieces = case_list_json(app.book, status, risk, children, search=search)
        app.emit_json_pieces(pieces)
        return
    found = core.list_cases(app.book, status, risk, children, search=search)
    if not found:
        app.info(Msg("Nothing found."))
        return
    lang = app.lang
    yes, no = _("yes"), _("no")
    table(
        app,
        [
            _("Number"),
            _("Opened"),
            _("Status"),
            _("Risk"),
            _("Persons"),
            _("Child"),
            _("Type of exploitation"),
        ],
        [
            (
                c["number"],
                c["opened_on"],
                CaseStatus(c["status"]).label(lang),
                RiskLevel(c["risk"]).label(lang) if c.get("risk") else "",
                len(c["persons"]),
                yes if c["has_child"] else no,
                ", ".join(Exploitation(e).label(lang) for e in c["trafficking"]["exploitation"]),
            )
            for c in found
        ],
        keep_whole=(0, 1),
        limit=limit,
    )


@case_group.command("show", help=N_("Show a case with its persons, facts and chronology."))
@click.argument("ref")
@output_options
@pass_app
def case_show(app, ref: str, as_json: bool):
    case = app.book.get(Case, ref)
    if as_json:
        app.emit_json(case_json(case))
        return
    show_case(app, case)


def show_case(app, case: Case) -> None:
    lang = app.lang
    facts = case.trafficking

    def place(p):
        return ", ".join(x for x in (p.place, country_name(p.country, lang)) if x)

    fields(
        app,
        [
            (_("Number"), case.number),
            (_("Status"), case.status.label(lang)),
            (_("Reason for closing"), case.closed_reason),
            (_("Opened"), case.opened_on),
            (_("Risk"), case.risk.label(lang) if case.risk else None),
            (_("Trafficking status"), facts.status.label(lang) if facts.status else None),
            (_("Type of exploitation"), [e.label(lang) for e in facts.exploitation]),
            (_("Means of control"), [m.label(lang) for m in facts.means_of_control]),
            (_("Method of recruitment"), [r.label(lang) for r in facts.recruitment]),
            (
                _("Relationship to trafficker"),
                facts.relationship.label(lang) if facts.relationship else None,
            ),
            (_("Place of recruitment"), place(facts.recruitment_place)),
            (_("Place of exploitation"), place(facts.exploitation_place)),
            (_("Id"), case.id),
            (_("Revision"), case.revision),
        ],
        title=Msg("Case {number}", number=case.number).render(),
    )
    for position, person in enumerate(case.persons, 1):
        _show_person(app, position, person)
    if case.chronology:
        table(
            app,
            [_("When"), _("Chronology"), _("By")],
            [(e.on or "", e.text, e.recorded_by) for e in case.chronology],
            title=_("Chronology"),
        )


def _show_person(app, position: int, p: Person) -> None:
    lang = app.lang
    child = p.is_child()
    parts = (
        p.address.street,
        p.address.village,
        p.address.subdistrict,
        p.address.district,
        p.address.province,
    )
    fields(
        app,
        [
            (_("Role"), p.role.label(lang)),
            (_("Name"), p.name),
            (_("Sex"), p.sex.label(lang) if p.sex else None),
            (_("Birth date"), p.birth_date),
            (_("Age"), p.age()),
            (_("Child"), None if child is None else _(N_("yes") if child else N_("no"))),
            (_("NIK"), p.nik),
            (_("Phone"), p.phone),
            (_("Address"), ", ".join(x for x in parts if x)),
            (_("Nationality"), country_name(p.nationality, lang)),
            (_("Id"), p.id),
        ],
        title=Msg("Person {number}", number=position).render(),
    )


# The group owns all its verbs; the longer ones live in modules of their own.
for _verb in (
    case_plan_command,
    case_need_command,
    case_event_command,
    case_police_report,
    case_export_subject,
    case_purge,
    case_identify_command,
    case_identification_form_command,
):
    case_group.add_command(_verb)
