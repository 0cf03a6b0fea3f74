"""Checks that run when a person enters a value, never when a stored record is read.

A stored record stays valid whatever the reading laptop's clock says (DESIGN.md §2.10):
a case opened on a laptop whose clock runs a day ahead is still listed, counted and
reported everywhere. So every check that compares a value with the clock, or refuses a
combination of fields, lives here and is called by the functions that take input
(commands, prompts, import rows). Each raises one :class:`InvalidInput` naming the
field, and the dates involved.
"""

from __future__ import annotations

from datetime import date, datetime

from tipref import clock
from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.schemas.case import CaseEvents, Person
from tipref.schemas.enums import Service
from tipref.schemas.identity import check_nik_against

OLDEST_BIRTH_YEAR = 1900
OLDEST_AGE = 120


def refuse_coordination(service: Service) -> None:
    """Coordination is no longer a referral service or a need of a person."""
    if service == Service.coordination:
        raise InvalidInput(
            field="service",
            problem=Msg(
                "Coordination is not a service a person is referred to; it is done through case conferences: 'tipref conference new --case CASE --date ... --place ... --invite PROVIDER'."
            ),
        )


def not_in_future(value: date | datetime | None, field: str) -> None:
    """Refuse a date later than the book's today plus a day of tolerance for clock skew."""
    if value is None:
        return
    day = value.astimezone(clock.zone()).date() if isinstance(value, datetime) else value
    if day > clock.latest_acceptable():
        raise InvalidInput(
            field=field,
            problem=Msg(
                "the date {value} is in the future (today is {today} in the book's time zone)",
                value=day,
                today=clock.today(),
            ),
        )


def check_birth_date(birth_date: date | None, field: str = "birth_date") -> None:
    if birth_date is None:
        return
    not_in_future(birth_date, field)
    if birth_date.year < OLDEST_BIRTH_YEAR or clock.age_on(birth_date, clock.today()) > OLDEST_AGE:
        raise InvalidInput(
            field=field,
            problem=Msg(
                "the birth date {value} is not plausible: before {year} or an age over {age}",
                value=birth_date,
                year=OLDEST_BIRTH_YEAR,
                age=OLDEST_AGE,
            ),
        )


def check_person(person: Person) -> None:
    """What a new or changed person must satisfy: dates, and the NIK against them."""
    check_birth_date(person.birth_date)
    if person.birth_date and person.estimated_age is not None:
        raise InvalidInput(
            field="estimated_age", problem=Msg("give a birth date or an estimated age, not both")
        )
    if person.nik:
        check_nik_against(person.nik, person.sex.value if person.sex else None, person.birth_date)


def check_opened(opened_on: date) -> None:
    not_in_future(opened_on, "opened_on")


def check_referral_date(referred_on: date, case_opened_on: date, outgoing: bool) -> None:
    """A referral's date: not in the future; an outgoing one not before its case opened
    (by more than the day of tolerance for clocks that disagree).

    An incoming referral may be older than the case: the referring provider may have
    written it before this book knew the person.
    """
    not_in_future(referred_on, "referred_on")
    # A case "opened" after today came from a laptop whose clock ran ahead (doctor warns
    # of it); its date is no yardstick, and the case must still take referrals.
    # Within a day, the case may have been opened on a laptop a little ahead.
    plausible_opening = case_opened_on <= clock.latest_acceptable()
    if outgoing and plausible_opening and referred_on + clock.SKEW_TOLERANCE < case_opened_on:
        raise InvalidInput(
            field="referred_on",
            problem=Msg(
                "an outgoing referral dated {value} is before the case was opened on {opened}",
                value=referred_on,
                opened=case_opened_on,
            ),
        )


def check_consent_date(given_on: date, person: Person, field: str = "given_on") -> None:
    """A consent's date: not after today, not before the person was born."""
    not_in_future(given_on, field)
    if person.birth_date and given_on < person.birth_date:
        raise InvalidInput(
            field=field,
            problem=Msg(
                "consent dated {value} is before the person's birth date ({birth})",
                value=given_on,
                birth=person.birth_date,
            ),
        )


def check_events(events: CaseEvents, changed: set[str]) -> None:
    """The case events a person just entered (``changed``), and their order."""
    for name in sorted(changed):
        value = getattr(events, name, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, date):  # a datetime is a date too; numbers are not checked
                not_in_future(item, name)
    judged, reported = events.judgment_notified_on, events.police_reported_at
    if changed & {"judgment_notified_on", "police_reported_at"} and judged and reported:
        reported_day = reported.astimezone(clock.zone()).date()
        if judged < reported_day:
            raise InvalidInput(
                field="judgment_notified_on",
                problem=Msg(
                    "the judgment notified on {value} is before the police report of {reported}",
                    value=judged,
                    reported=reported_day,
                ),
            )
    check_legal_order(events, changed)


LEGAL_OPTIONS = {
    "police_reported_at": "--police-reported",
    "bap_on": "--bap",
    "p21_on": "--p21",
    "charged_on": "--charged",
    "judgment_notified_on": "--judgment-notified",
    "restitution_paid_on": "--restitution-paid",
}


def check_legal_order(events: CaseEvents, changed: set[str]) -> None:
    """Police report, BAP, P21, charges, judgment, restitution: none before an earlier one."""
    order = CaseEvents.LEGAL_ORDER
    for later_index, later in enumerate(order):
        later_day = events.day_of(later)
        if later_day is None:
            continue
        for earlier in order[:later_index]:
            earlier_day = events.day_of(earlier)
            if earlier_day and later_day < earlier_day and changed & {earlier, later}:
                raise InvalidInput(
                    field=LEGAL_OPTIONS[later if later in changed else earlier],
                    problem=Msg(
                        "{later} {later_day} would be before {earlier} {earlier_day}; the legal steps go in order: police report, BAP, P21, charges, judgment, restitution",
                        later=LEGAL_OPTIONS[later],
                        later_day=later_day,
                        earlier=LEGAL_OPTIONS[earlier],
                        earlier_day=earlier_day,
                    ),
                )
    if "simfoni_number" in changed and events.simfoni_number and not events.simfoni_entered_on:
        raise InvalidInput(
            field="simfoni_number",
            problem=Msg("a SIMFONI number without a date: give --simfoni-entered DATE as well"),
        )
