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
from tipref.i18n import Msg, register_messages
from tipref.schemas.case import CaseEvents, Person
from tipref.schemas.identity import check_nik_against

OLDEST_BIRTH_YEAR = 1900
OLDEST_AGE = 120

register_messages(
    {
        "entry.future": {
            "id": "tanggal {value} ada di masa depan (hari ini {today} di zona waktu buku)",
            "en": "the date {value} is in the future (today is {today} in the book's time zone)",
        },
        "entry.birth_too_old": {
            "id": "tanggal lahir {value} tidak masuk akal: sebelum {year} atau umur di atas {age}",
            "en": "the birth date {value} is not plausible: before {year} or an age over {age}",
        },
        "entry.referral_before_case": {
            "id": "rujukan keluar bertanggal {value}, sebelum kasus dibuka pada {opened}",
            "en": "an outgoing referral dated {value} is before the case was opened on {opened}",
        },
        "entry.consent_before_birth": {
            "id": "persetujuan bertanggal {value}, sebelum tanggal lahir orangnya ({birth})",
            "en": "consent dated {value} is before the person's birth date ({birth})",
        },
        "entry.judgment_before_report": {
            "id": "putusan diberitahukan {value}, sebelum laporan polisi pada {reported}",
            "en": "the judgment notified on {value} is before the police report of {reported}",
        },
    }
)


def not_in_future(value: date | datetime | None, field: str) -> None:
    """Refuse a date later than the book's today plus a day of tolerance for clock skew."""
    if value is None:
        return
    day = value.astimezone(clock.zone()).date() if isinstance(value, datetime) else value
    if day > clock.latest_acceptable():
        raise InvalidInput(field=field, problem=Msg("entry.future", value=day, today=clock.today()))


def check_birth_date(birth_date: date | None, field: str = "birth_date") -> None:
    if birth_date is None:
        return
    not_in_future(birth_date, field)
    if birth_date.year < OLDEST_BIRTH_YEAR or clock.age_on(birth_date, clock.today()) > OLDEST_AGE:
        raise InvalidInput(
            field=field,
            problem=Msg(
                "entry.birth_too_old", value=birth_date, year=OLDEST_BIRTH_YEAR, age=OLDEST_AGE
            ),
        )


def check_person(person: Person) -> None:
    """What a new or changed person must satisfy: dates, and the NIK against them."""
    check_birth_date(person.birth_date)
    if person.birth_date and person.estimated_age is not None:
        raise InvalidInput(field="estimated_age", problem=Msg("age.conflict"))
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
            problem=Msg("entry.referral_before_case", value=referred_on, opened=case_opened_on),
        )


def check_consent_date(given_on: date, person: Person, field: str = "given_on") -> None:
    """A consent's date: not after today, not before the person was born."""
    not_in_future(given_on, field)
    if person.birth_date and given_on < person.birth_date:
        raise InvalidInput(
            field=field,
            problem=Msg("entry.consent_before_birth", value=given_on, birth=person.birth_date),
        )


def check_events(events: CaseEvents, changed: set[str]) -> None:
    """The case events a person just entered (``changed``), and their order."""
    for name in sorted(changed):
        value = getattr(events, name, None)
        for item in value if isinstance(value, list) else [value]:
            not_in_future(item, name)
    judged, reported = events.judgment_notified_on, events.police_reported_at
    if changed & {"judgment_notified_on", "police_reported_at"} and judged and reported:
        reported_day = reported.astimezone(clock.zone()).date()
        if judged < reported_day:
            raise InvalidInput(
                field="judgment_notified_on",
                problem=Msg("entry.judgment_before_report", value=judged, reported=reported_day),
            )
