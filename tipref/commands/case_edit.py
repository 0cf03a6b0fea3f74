"""tipref case new, add-person, update, close, list: writing and listing cases."""

from __future__ import annotations

import functools
from typing import Any

import click

from tipref.book import cases as core
from tipref.commands._case_options import CASE_OPTIONS, PERSON_OPTIONS
from tipref.commands._common import (
    DATE,
    EnumChoice,
    ask,
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
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _
from tipref.present import case_json
from tipref.schemas.case import Address, Case
from tipref.schemas.enums import (
    CaseStatus,
    Exploitation,
    RiskLevel,
    Sex,
)

verb = functools.partial(click.command, cls=Command)  # the group lists its verbs lazily

# the address options are the address model's fields, by the same names
ADDRESS_KEYS = tuple(Address.model_fields)


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


@verb(
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
    done = Msg("{kind} {number} created ({id})", kind=Msg("Case"), number=case.number, id=case.id)
    _report_person(app, case, case.persons[0], done, as_json)


@verb("add-person", help=N_("Add another person (a witness or a second victim) to a case."))
@click.argument("ref")
@with_options(PERSON_OPTIONS)
@if_revision_option("case")
@output_options
@pass_app
def case_add_person(app, ref: str, as_json: bool, **options):
    options["name"] = ask(options["name"], "--name", _("Name"))
    case = core.add_person(app.book, ref, person_fields(options))
    done = Msg(
        "{kind} {number} updated (revision {revision})",
        kind=Msg("Case"),
        number=case.number,
        revision=case.revision,
    )
    _report_person(app, case, case.persons[-1], done, as_json)


def _report_person(app, case, person, done: Msg, as_json: bool) -> None:
    """The case with a person just recorded, and where that person may be already."""
    from tipref.book.duplicates import same_person_in_book

    same = same_person_in_book(app.book, person, except_case=case.id)
    if as_json:
        app.emit_json({**case_json(case), "same_person": same})
        return
    app.success(done)
    for match in same:
        app.warn(
            Msg(
                "{name} may be recorded already: case {case}, person {person} (same {by}). Check whether this is the same person.",
                name=person.name,
                **match,
            )
        )


@verb(
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


@verb("close", help=N_("Close a case, with a reason."))
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


@verb("list", help=N_("List cases (names are not shown; use 'case show')."))
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
