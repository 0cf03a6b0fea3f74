"""tipref case: victims' and witnesses' cases."""

from __future__ import annotations

from typing import Any

import click

from tipref.book import cases as core
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
from tipref.commands.case_documents import case_police_report
from tipref.commands.case_identify import (
    case_identification_form_command,
    case_identify_command,
)
from tipref.commands.case_plan import case_event_command, case_need_command, case_plan_command
from tipref.commands.case_privacy import case_export_subject, case_purge
from tipref.present import case_json
from tipref.schemas.case import Case, Person
from tipref.schemas.countries import country_name
from tipref.schemas.enums import (
    CaseStatus,
    Exploitation,
    MeansOfControl,
    RecruitmentMethod,
    Relationship,
    RiskLevel,
    Role,
    Sex,
    TraffickingStatus,
)

PERSON_OPTIONS = [
    click.option("--name", help="The person's full name (never used in file names)."),
    click.option(
        "--role", type=EnumChoice(Role), help="victim (default for the first person) or witness."
    ),
    click.option("--sex", type=EnumChoice(Sex), help="female or male."),
    click.option("--birth-date", type=DATE, help="Birth date, YYYY-MM-DD."),
    click.option(
        "--age",
        "estimated_age",
        type=click.IntRange(0, 120),
        metavar="AGE",
        help="Estimated age in years, 0–120, when the birth date is unknown.",
    ),
    click.option("--nik", help="NIK, 16 digits; checked against the birth date and sex."),
    click.option("--phone", help="Phone; 0812... becomes +62812..."),
    click.option("--street", help="Address: street / dusun."),
    click.option("--village", help="Address: desa/kelurahan."),
    click.option("--subdistrict", help="Address: kecamatan."),
    click.option("--district", help="Address: kabupaten/kota."),
    click.option("--province", help="Address: province."),
    click.option("--region-code", help="Address: Kemendagri region code, e.g. 53.03."),
    click.option("--country", help="Address: country (ISO code, default ID)."),
    click.option("--nationality", help="Nationality, ISO code (default ID)."),
]

CASE_OPTIONS = [
    click.option(
        "--status",
        type=LimitedChoice(CaseStatus, ["active", "follow-up"]),
        help="active or follow-up (close with 'case close').",
    ),
    click.option("--risk", type=EnumChoice(RiskLevel), help="Risk level: high, medium, low."),
    click.option(
        "--opened", "opened_on", type=DATE, help="Day the case was opened (default today)."
    ),
    click.option(
        "--trafficking-status",
        type=EnumChoice(TraffickingStatus),
        metavar="STATUS",
        help="HTCDS vic_TraffickingStatus: " + ", ".join(TraffickingStatus.ids()) + ".",
    ),
    click.option(
        "--exploitation",
        multiple=True,
        type=EnumChoice(Exploitation),
        help="Type of exploitation (repeat): " + ", ".join(Exploitation.ids()),
    ),
    click.option(
        "--control",
        "means_of_control",
        multiple=True,
        type=EnumChoice(MeansOfControl),
        help="Means of control (repeat): " + ", ".join(MeansOfControl.ids()),
    ),
    click.option(
        "--recruitment",
        multiple=True,
        type=EnumChoice(RecruitmentMethod),
        help="Method of recruitment (repeat): " + ", ".join(RecruitmentMethod.ids()),
    ),
    click.option(
        "--relationship",
        type=EnumChoice(Relationship),
        help="Relationship to the trafficker: Familial, Acquainted, Unaquainted.",
    ),
    click.option("--recruited-at", help="Place of recruitment."),
    click.option("--recruited-country", help="Country of recruitment (ISO code)."),
    click.option("--exploited-at", help="Place of exploitation."),
    click.option("--exploited-country", help="Country of exploitation (ISO code), e.g. MY."),
    click.option(
        "--chronology", help="A chronology entry (what happened); appended, never replaced."
    ),
    click.option("--chronology-date", type=DATE, help="When the chronology entry happened."),
]


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


@click.group("case")
def case_group():
    """Cases of victims and witnesses: open, change, close, list."""


@case_group.command("new")
@with_options(PERSON_OPTIONS + CASE_OPTIONS)
@output_options
@pass_app
def case_new(app, as_json: bool, **options):
    """Open a case for a person (the first victim or witness).

    On a terminal without --name, each field is asked for and checked as you go (a bad
    NIK or phone is asked again); in a script --name is required and nothing is asked.
    """
    if not options["name"] and interactive():
        from tipref.commands._forms import ask_case_form

        ask_case_form(options, app.lang)
    options["name"] = ask(options["name"], "--name", "Name / Nama")
    options["sex"] = ask(
        options["sex"], "--sex", "Sex / Jenis kelamin", type=EnumChoice(Sex), required=False
    )
    person = person_fields(options)
    case_data, chronology, chronology_on = case_fields(options)
    case = core.open_case(app.book, person, case_data, chronology, chronology_on)
    from tipref.book.duplicates import same_person_in_book

    same = same_person_in_book(app.book, case.persons[0], except_case=case.id)
    if as_json:
        app.emit_json({**case_json(case), "same_person": same})
        return
    app.success(app.t("done.created", kind=app.t("kind.case"), number=case.number, id=case.id))
    for match in same:
        app.warn(app.t("case.same_person", name=case.persons[0].name, **match))


@case_group.command("add-person")
@click.argument("ref")
@with_options(PERSON_OPTIONS)
@if_revision_option("case")
@output_options
@pass_app
def case_add_person(app, ref: str, as_json: bool, **options):
    """Add another person (a witness or a second victim) to a case."""
    options["name"] = ask(options["name"], "--name", "Name / Nama")
    case = core.add_person(app.book, ref, person_fields(options))
    from tipref.book.duplicates import same_person_in_book

    same = same_person_in_book(app.book, case.persons[-1], except_case=case.id)
    if as_json:
        app.emit_json({**case_json(case), "same_person": same})
        return
    app.success(
        app.t("done.updated", kind=app.t("kind.case"), number=case.number, revision=case.revision)
    )
    for match in same:
        app.warn(app.t("case.same_person", name=case.persons[-1].name, **match))


@case_group.command("update")
@click.argument("ref")
@click.option(
    "--person",
    "person_ref",
    help="Which person to change: position (1, 2...) or id. Default: the first victim.",
)
@with_options(PERSON_OPTIONS + CASE_OPTIONS)
@click.option(
    "--deceased", is_flag=True, default=None, help="The person has died (HTCDS prs_Deceased)."
)
@click.option("--date-of-death", type=DATE, help="When the person died (implies --deceased).")
@if_revision_option("case")
@output_options
@pass_app
def case_update(app, ref: str, person_ref: str | None, as_json: bool, **options):
    """Change a case or one of its persons; list options replace the stored list.

    A person who has died: --deceased (and --date-of-death); their return home is then
    the return of remains ('tipref handover new').
    """
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
        app.info(app.t("done.nothing_to_change", number=case.number))
        return
    app.success(
        app.t("done.updated", kind=app.t("kind.case"), number=case.number, revision=case.revision)
    )


@case_group.command("close")
@click.argument("ref")
@click.option(
    "--status-reason",
    "--why",
    "reason",
    metavar="REASON",
    help="Why the case is closed (required).",
)
@click.option(
    "--status",
    type=LimitedChoice(CaseStatus, ["closed", "closed-referred"]),
    default="closed",
    show_default=True,
    help="closed, or closed-referred when another institution took the case over.",
)
@if_revision_option("case")
@output_options
@pass_app
@deprecated_option("--reason", "--status-reason", "reason")
def case_close(app, ref: str, reason: str | None, status: CaseStatus, as_json: bool):
    """Close a case, with a reason."""
    reason = ask(reason, "--status-reason", "Reason / Alasan")
    case = core.close_case(app.book, ref, reason, status)
    if as_json:
        app.emit_json(case_json(case))
        return
    app.success(app.t("done.closed", number=case.number, status=case.status.label(app.lang)))


@case_group.command("list")
@click.option("--status", type=EnumChoice(CaseStatus), help="Only cases with this status.")
@click.option("--risk", type=EnumChoice(RiskLevel), help="Only cases at this risk level.")
@click.option("--children", is_flag=True, help="Only cases with a person under 18.")
@click.option(
    "--search",
    metavar="TEXT",
    help="Only cases with a person of this name (every word, accents and case ignored), "
    "or whose NIK or phone number holds these digits.",
)
@limit_option
@partial_option
@output_options
@pass_app
def case_list(app, status, risk, children: bool, search: str | None, limit: int, as_json: bool):
    """List cases (names are not shown; use 'case show')."""
    if as_json:
        from tipref.book.listing import case_list_json

        pieces = case_list_json(app.book, status, risk, children, search=search)
        app.emit_json_pieces(pieces)
        return
    found = core.list_cases(app.book, status, risk, children, search=search)
    if not found:
        app.info(app.t("nothing.found"))
        return
    lang = app.lang
    yes, no = app.t("col.yes"), app.t("col.no")
    table(
        app,
        [
            app.t("col.number"),
            app.t("col.opened"),
            app.t("col.status"),
            app.t("col.risk"),
            app.t("col.persons"),
            app.t("col.child"),
            app.t("col.exploitation"),
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


@case_group.command("show")
@click.argument("ref")
@output_options
@pass_app
def case_show(app, ref: str, as_json: bool):
    """Show a case with its persons, facts and chronology."""
    case = app.book.get(Case, ref)
    if as_json:
        app.emit_json(case_json(case))
        return
    show_case(app, case)


def show_case(app, case: Case) -> None:
    lang, t = app.lang, app.t
    facts = case.trafficking

    def place(p):
        return ", ".join(x for x in (p.place, country_name(p.country, lang)) if x)

    fields(
        app,
        [
            (t("col.number"), case.number),
            (t("col.status"), case.status.label(lang)),
            (t("col.closed_reason"), case.closed_reason),
            (t("col.opened"), case.opened_on),
            (t("col.risk"), case.risk.label(lang) if case.risk else None),
            (t("col.trafficking_status"), facts.status.label(lang) if facts.status else None),
            (t("col.exploitation"), [e.label(lang) for e in facts.exploitation]),
            (t("col.means_of_control"), [m.label(lang) for m in facts.means_of_control]),
            (t("col.recruitment"), [r.label(lang) for r in facts.recruitment]),
            (t("col.relationship"), facts.relationship.label(lang) if facts.relationship else None),
            (t("col.recruitment_place"), place(facts.recruitment_place)),
            (t("col.exploitation_place"), place(facts.exploitation_place)),
            (t("col.id"), case.id),
            (t("col.revision"), case.revision),
        ],
        title=f"{t('kind.case')} {case.number}",
    )
    for position, person in enumerate(case.persons, 1):
        _show_person(app, position, person)
    if case.chronology:
        table(
            app,
            [t("col.when"), t("col.chronology"), t("col.by")],
            [(e.on or "", e.text, e.recorded_by) for e in case.chronology],
            title=t("col.chronology"),
        )


def _show_person(app, position: int, p: Person) -> None:
    lang, t = app.lang, app.t
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
            (t("col.role"), p.role.label(lang)),
            (t("col.name"), p.name),
            (t("col.sex"), p.sex.label(lang) if p.sex else None),
            (t("col.birth_date"), p.birth_date),
            (t("col.age"), p.age()),
            (t("col.child"), None if child is None else t("col.yes" if child else "col.no")),
            (t("col.nik"), p.nik),
            (t("col.phone"), p.phone),
            (t("col.address"), ", ".join(x for x in parts if x)),
            (t("col.nationality"), country_name(p.nationality, lang)),
            (t("col.id"), p.id),
        ],
        title=f"{t('kind.person')} {position}",
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
