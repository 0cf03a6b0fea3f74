"""The options of 'case new' and 'case update': a person's details and a case's facts."""

from __future__ import annotations

import click

from tipref.commands._common import DATE, EnumChoice
from tipref.commands._grammar import LimitedChoice
from tipref.commands._translate import help_text
from tipref.i18n import N_
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
    click.option("--name", help=N_("The person's full name (never used in file names).")),
    click.option(
        "--role",
        type=EnumChoice(Role),
        help=N_("victim (default for the first person) or witness."),
    ),
    click.option("--sex", type=EnumChoice(Sex), help=N_("female or male.")),
    click.option("--birth-date", type=DATE, help=N_("Birth date, YYYY-MM-DD.")),
    click.option(
        "--age",
        "estimated_age",
        type=click.IntRange(0, 120),
        metavar="AGE",
        help=N_("Estimated age in years, 0–120, when the birth date is unknown."),
    ),
    click.option("--nik", help=N_("NIK, 16 digits; checked against the birth date and sex.")),
    click.option("--phone", help=N_("Phone; 0812... becomes +62812...")),
    click.option("--street", help=N_("Address: street / dusun.")),
    click.option("--village", help=N_("Address: desa/kelurahan.")),
    click.option("--subdistrict", help=N_("Address: kecamatan.")),
    click.option("--district", help=N_("Address: kabupaten/kota.")),
    click.option("--province", help=N_("Address: province.")),
    click.option("--region-code", help=N_("Address: Kemendagri region code, e.g. 53.03.")),
    click.option("--country", help=N_("Address: country (ISO code, default ID).")),
    click.option("--nationality", help=N_("Nationality, ISO code (default ID).")),
]

CASE_OPTIONS = [
    click.option(
        "--status",
        type=LimitedChoice(CaseStatus, ["active", "follow-up"]),
        help=N_("active or follow-up (close with 'case close')."),
    ),
    click.option("--risk", type=EnumChoice(RiskLevel), help=N_("Risk level: high, medium, low.")),
    click.option(
        "--opened", "opened_on", type=DATE, help=N_("Day the case was opened (default today).")
    ),
    click.option(
        "--trafficking-status",
        type=EnumChoice(TraffickingStatus),
        metavar="STATUS",
        help=help_text(
            N_("HTCDS vic_TraffickingStatus: {choices}."),
            choices=", ".join(TraffickingStatus.ids()),
        ),
    ),
    click.option(
        "--exploitation",
        multiple=True,
        type=EnumChoice(Exploitation),
        help=help_text(
            N_("Type of exploitation (repeat): {choices}"), choices=", ".join(Exploitation.ids())
        ),
    ),
    click.option(
        "--control",
        "means_of_control",
        multiple=True,
        type=EnumChoice(MeansOfControl),
        help=help_text(
            N_("Means of control (repeat): {choices}"), choices=", ".join(MeansOfControl.ids())
        ),
    ),
    click.option(
        "--recruitment",
        multiple=True,
        type=EnumChoice(RecruitmentMethod),
        help=help_text(
            N_("Method of recruitment (repeat): {choices}"),
            choices=", ".join(RecruitmentMethod.ids()),
        ),
    ),
    click.option(
        "--relationship",
        type=EnumChoice(Relationship),
        help=N_("Relationship to the trafficker: Familial, Acquainted, Unaquainted."),
    ),
    click.option("--recruited-at", help=N_("Place of recruitment.")),
    click.option("--recruited-country", help=N_("Country of recruitment (ISO code).")),
    click.option("--exploited-at", help=N_("Place of exploitation.")),
    click.option("--exploited-country", help=N_("Country of exploitation (ISO code), e.g. MY.")),
    click.option(
        "--chronology", help=N_("A chronology entry (what happened); appended, never replaced.")
    ),
    click.option("--chronology-date", type=DATE, help=N_("When the chronology entry happened.")),
]
