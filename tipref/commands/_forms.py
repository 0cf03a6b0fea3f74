"""Step-by-step entry for staff who don't script: ``case new`` and ``referral new`` on a terminal.

Each answer is checked as it is typed (a bad NIK, phone or date is asked again); empty
answers skip optional fields. Only used when :func:`interactive` is true, so a script
never waits for input.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from tipref.commands._common import DATE, Checked, EnumChoice
from tipref.i18n import _
from tipref.schemas import Case, Provider
from tipref.schemas.enums import RiskLevel, Role, Service, Sex
from tipref.terminal import for_terminal


def _optional(label: str, type: Any = None) -> Any:
    """Ask for an optional field: an empty answer skips it, a bad one is asked again."""
    convert = click.types.convert_type(type)

    def check(text: str) -> Any:
        return None if str(text).strip() == "" else convert(str(text).strip(), None, None)

    answer = click.prompt(label, default="", show_default=False, value_proc=check, err=True)
    return None if answer in ("", None) else answer


def ask_case_form(options: dict[str, Any], lang: str = "en") -> None:
    """Fill the missing person and case fields of ``case new`` from the terminal."""
    from tipref.schemas.identity import check_nik_against, normalise_nik, normalise_phone

    if not options.get("name"):
        options["name"] = click.prompt(_("Name"), type=Checked(_not_blank, lang), err=True)
    if not options.get("role"):
        options["role"] = click.prompt(
            _("Role"), type=EnumChoice(Role), default="victim", show_choices=True, err=True
        )
    if not options.get("sex"):
        options["sex"] = _optional(_("Sex [female|male]"), EnumChoice(Sex))
    if not options.get("birth_date") and options.get("estimated_age") is None:
        options["birth_date"] = _optional(_("Birth date (YYYY-MM-DD, empty if unknown)"), DATE)
        if options["birth_date"] is None:
            options["estimated_age"] = _optional(_("Estimated age"), click.IntRange(0, 120))
    if not options.get("nik"):
        sex = options["sex"].value if options.get("sex") else None
        birth: date | None = options.get("birth_date")

        def check_nik(text: str) -> str:
            number = normalise_nik(text)
            check_nik_against(number, sex, birth)
            return number

        options["nik"] = _optional(
            "NIK (16 digits / 16 angka)", Checked(check_nik, lang, optional=True)
        )
    if not options.get("phone"):
        options["phone"] = _optional(_("Phone"), Checked(normalise_phone, lang, optional=True))
    if not options.get("village"):
        options["village"] = _optional(_("Village"))
    if not options.get("district"):
        options["district"] = _optional(_("District"))
    if not options.get("risk"):
        options["risk"] = _optional(_("Risk [high|medium|low]"), EnumChoice(RiskLevel))


def _not_blank(text: str) -> str:
    from tipref.errors import InvalidInput
    from tipref.i18n import Msg

    if not text:
        raise InvalidInput(field="name", problem=Msg("{field}: is required", field="name"))
    return text


def ask_referral_form(
    app, case_ref: str | None, service: Service | None, to_ref: str | None, person_ref: str | None
) -> tuple[str, Service, str, str | None]:
    """Ask for the case, the person, the service and the receiving provider, each checked in the book."""
    book = app.book
    lang = app.lang

    def check_case(text: str) -> str:
        return book.get(Case, text).number

    if not case_ref:
        case_ref = click.prompt(
            _("Case (e.g. TTU-2026-0001)"), type=Checked(check_case, lang), err=True
        )
    case = book.get(Case, case_ref)
    if person_ref is None and len(case.persons) > 1:
        for i, person in enumerate(case.persons, 1):
            click.echo(for_terminal(f"  {i}. {person.name} ({person.role.label(lang)})"), err=True)
        person_ref = str(
            click.prompt(
                _("Person"), type=click.IntRange(1, len(case.persons)), default=1, err=True
            )
        )
    if service is None:
        service = click.prompt(_("Service"), type=EnumChoice(Service), show_choices=True, err=True)
    if not to_ref:
        offering = sorted(
            (p for p in book.all(Provider) if service in p.services), key=lambda p: p.code
        )
        for provider in offering:
            click.echo(for_terminal(f"  {provider.code:<18} {provider.name}"), err=True)

        def check_provider(text: str) -> str:
            return book.get(Provider, text).code

        to_ref = click.prompt(
            _("Receiving provider (code)"),
            type=Checked(check_provider, lang),
            default=offering[0].code if len(offering) == 1 else None,
            err=True,
        )
    return case_ref, service, to_ref, person_ref
