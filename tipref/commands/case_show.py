"""tipref case show: one case with its persons, facts and chronology.

Printed from the case as stored (a plain dict), so a case the local index vouches for is
shown without building its model (:mod:`tipref.book.trusted`, issue #21); any other goes
through the book's models first, and prints the same.
"""

from __future__ import annotations

from typing import Any

import click

from tipref.commands._common import fields, output_options, pass_app, table
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _
from tipref.present import case_row_json
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


@click.command("show", cls=Command, help=N_("Show a case with its persons, facts and chronology."))
@click.argument("ref")
@output_options
@pass_app
def case_show(app, ref: str, as_json: bool):
    data = app.trusted_record("case", ref)
    if data is None:
        from tipref.schemas.case import Case

        data = app.book.get(Case, ref).model_dump(mode="json")
    data = case_row_json(data)  # each person's age and child flag, as of today
    if as_json:
        app.emit_json(data)
        return
    show_case(app, data)


def _label(enum: Any, value: str | None, lang: str) -> str | None:
    return enum(value).label(lang) if value else None


def show_case(app, case: dict[str, Any]) -> None:
    lang = app.lang
    facts = case.get("trafficking") or {}

    def place(p: dict[str, Any] | None) -> str:
        p = p or {}
        return ", ".join(x for x in (p.get("place"), country_name(p.get("country"), lang)) if x)

    fields(
        app,
        [
            (_("Number"), case["number"]),
            (_("Status"), _label(CaseStatus, case["status"], lang)),
            (_("Reason for closing"), case.get("closed_reason")),
            (_("Opened"), case.get("opened_on")),
            (_("Risk"), _label(RiskLevel, case.get("risk"), lang)),
            (_("Trafficking status"), _label(TraffickingStatus, facts.get("status"), lang)),
            (_("Type of exploitation"), _labels(Exploitation, facts.get("exploitation"), lang)),
            (_("Means of control"), _labels(MeansOfControl, facts.get("means_of_control"), lang)),
            (
                _("Method of recruitment"),
                _labels(RecruitmentMethod, facts.get("recruitment"), lang),
            ),
            (
                _("Relationship to trafficker"),
                _label(Relationship, facts.get("relationship"), lang),
            ),
            (_("Place of recruitment"), place(facts.get("recruitment_place"))),
            (_("Place of exploitation"), place(facts.get("exploitation_place"))),
            (_("Id"), case["id"]),
            (_("Revision"), case.get("revision")),
        ],
        title=Msg("Case {number}", number=case["number"]).render(),
    )
    for position, person in enumerate(case.get("persons") or [], 1):
        _show_person(app, position, person)
    chronology = case.get("chronology") or []
    if chronology:
        table(
            app,
            [_("When"), _("Chronology"), _("By")],
            [(e.get("on") or "", e["text"], e.get("recorded_by")) for e in chronology],
            title=_("Chronology"),
        )


def _labels(enum: Any, values: list[str] | None, lang: str) -> list[str]:
    return [enum(value).label(lang) for value in values or []]


def _show_person(app, position: int, p: dict[str, Any]) -> None:
    lang = app.lang
    child = p.get("is_child")
    address = p.get("address") or {}
    parts = [address.get(k) for k in ("street", "village", "subdistrict", "district", "province")]
    fields(
        app,
        [
            (_("Role"), _label(Role, p["role"], lang)),
            (_("Name"), p.get("name")),
            (_("Sex"), _label(Sex, p.get("sex"), lang)),
            (_("Birth date"), p.get("birth_date")),
            (_("Age"), p.get("age")),
            (_("Child"), None if child is None else _(N_("yes") if child else N_("no"))),
            (_("NIK"), p.get("nik")),
            (_("Phone"), p.get("phone")),
            (_("Address"), ", ".join(x for x in parts if x)),
            (_("Nationality"), country_name(p.get("nationality"), lang)),
            (_("Id"), p["id"]),
        ],
        title=Msg("Person {number}", number=position).render(),
    )
