"""The SOP's time limits as due dates, and the referrals that wait too long.

Deadlines (book setting ``deadlines``; the figures of the law by default):

- police report within 24 hours of intake under treatment (PP 9/2008);
- first aid (pertolongan pertama) within 7 days of the request (UU 21/2007 Pasal 53),
  met when it is given (``first_aid_given_on``);
- reintegration monitored for at least 3 months after return (a local default, not law);
- restitution paid within 14 days of notice of the first-instance judgment
  (UU 21/2007 Pasal 48 ayat (6));
- the PPT's evaluation every 6 months (PP 9/2008);
- the case entered in SIMFONI PPA within 7 days of opening (a local default, not law).

Response times (book setting ``response_times``, hours per service; higher urgency for
high-risk cases) are service standards, not law.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.guidance.due_facts import (
    CaseFacts,
    ConferenceFacts,
    DueRows,
    DueSettings,
    ReferralFacts,
)
from tipref.i18n import N_, Msg
from tipref.schemas.enums import ReferralStatus, Service

if TYPE_CHECKING:  # the rules read facts (tipref.guidance.due_facts), not models (#21)
    from tipref.book.casebook import Book
    from tipref.schemas.case import Case
    from tipref.schemas.referral import Referral
    from tipref.schemas.settings import BookSettings


DONE, OVERDUE, DUE, UPCOMING, RUNNING, ENDED_EARLY = (
    "done",
    "overdue",
    "due",
    "upcoming",
    "running",
    "ended_early",
)
BASIS = {
    "police_report": "PP 9/2008",
    "first_aid": "UU 21/2007 Pasal 53",
    "monitoring": N_("local default (not law)"),
    "restitution": "UU 21/2007 Pasal 48 ayat (6)",
    "evaluation": "PP 9/2008",
    "simfoni": N_("local default (not law)"),
}

# a deadline's state, as people read it
STATE_LABELS: dict[str, str] = {
    "done": N_("done"),
    "overdue": N_("OVERDUE"),
    "due": N_("due soon"),
    "upcoming": N_("upcoming"),
    "running": N_("running"),
    "ended_early": N_("case closed too early"),
}
# each deadline, as people read it
DEADLINE_LABELS: dict[str, str] = {
    "police_report": N_("Police report (24 h after intake)"),
    "first_aid": N_("First aid (7 days after the request)"),
    "monitoring": N_("Reintegration monitoring until"),
    "restitution": N_("Restitution paid (14 days after notice of the first-instance judgment)"),
    "evaluation": N_("PPT 6-monthly evaluation"),
    "simfoni": N_("Entered in SIMFONI PPA"),
}


def state_label(state: str) -> Msg:
    return Msg(STATE_LABELS.get(state, state))


def book_zone(settings: BookSettings) -> tzinfo:
    """The zone of a book's settings model (the rules use :attr:`DueSettings.zone`)."""
    return clock.zone_info(settings.timezone)


def local(moment: datetime, zone: tzinfo) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(zone)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class Deadline:
    key: str
    case_id: str
    case_number: str
    due_on: date
    due_at: datetime | None = None  # for limits in hours
    done_on: date | None = None
    state: str = UPCOMING
    days_left: int = 0

    def label(self, lang: str) -> str:
        return Msg(DEADLINE_LABELS[self.key]).render(lang)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "kind": "deadline",
            "key": self.key,
            "label": self.label(lang),
            "basis": Msg(BASIS[self.key]).render(lang),  # a citation, or "local default"
            "case_id": self.case_id,
            "case_number": self.case_number,
            "due_on": self.due_on.isoformat(),
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "state": self.state,
            "days_left": self.days_left,
        }


def case_deadlines(
    case: Case,
    settings: BookSettings,
    referrals: list[Referral] | None = None,
    now: datetime | None = None,
    within_days: int = 7,
) -> list[Deadline]:
    """Every deadline a case's recorded events have started, with its state today."""
    return deadlines_of(
        CaseFacts.of(case.model_dump(mode="json")),
        DueSettings.of(settings.model_dump(mode="json")),
        now,
        within_days,
    )


def deadlines_of(
    case: CaseFacts, settings: DueSettings, now: datetime | None = None, within_days: int = 7
) -> list[Deadline]:
    """:func:`case_deadlines` on the facts of a case."""
    zone = settings.zone
    now = local(now or clock.now(), zone)
    today = now.date()
    limits = settings.limits
    events = case  # the facts hold the case's events alongside its state
    closed = case.closed
    found: list[Deadline] = []

    def add(
        key: str, due_on: date, done_on: date | None, due_at: datetime | None = None
    ) -> Deadline:
        item = Deadline(
            key, case.id, case.number, due_on, due_at, done_on, days_left=(due_on - today).days
        )
        if done_on is not None:
            item.state = DONE
        elif (due_at is not None and now > due_at) or (due_at is None and today > due_on):
            item.state = OVERDUE
        elif item.days_left <= within_days:
            item.state = DUE
        found.append(item)
        return item

    if events.intake_at:
        due_at = local(events.intake_at, zone) + timedelta(hours=limits["police_report_hours"])
        reported = (
            local(events.police_reported_at, zone).date() if events.police_reported_at else None
        )
        add("police_report", due_at.date(), reported, due_at)
    if events.first_aid_requested_on:
        # Met when first aid is given, not when a health referral is completed.
        add(
            "first_aid",
            events.first_aid_requested_on + timedelta(days=limits["first_aid_days"]),
            events.first_aid_given_on,
        )
    if events.returned_on:
        end = add_months(events.returned_on, limits["monitoring_months"])
        item = Deadline("monitoring", case.id, case.number, end, days_left=(end - today).days)
        if closed and case.closed_on and case.closed_on < end:
            item.state = ENDED_EARLY
        elif today >= end:
            item.state, item.done_on = DONE, end
        else:
            item.state = RUNNING
        found.append(item)
    if events.judgment_notified_on:
        add(
            "restitution",
            events.judgment_notified_on + timedelta(days=limits["restitution_days"]),
            events.restitution_paid_on,
        )
    if not closed:
        since = max(events.evaluated_on) if events.evaluated_on else case.opened_on
        add("evaluation", add_months(since, limits["evaluation_months"]), None)
    # every case, closed or not, is entered in SIMFONI PPA as well
    add(
        "simfoni",
        case.opened_on + timedelta(days=limits["simfoni_days"]),
        events.simfoni_entered_on,
    )
    return found


# -- referrals waiting for an answer ---------------------------------------------------
@dataclass
class LateReferral:
    referral: ReferralFacts
    case_number: str
    waited_hours: float
    limit_hours: int

    def to_json(self) -> dict[str, Any]:
        r = self.referral
        return {
            "kind": "referral",
            "referral_id": r.id,
            "referral_number": r.number,
            "case_id": r.case_id,
            "case_number": self.case_number,
            "service": r.service.value,
            "provider_id": r.provider_id,
            "status": r.status.value,
            "referred_on": r.referred_on.isoformat(),
            "waited_hours": round(self.waited_hours, 1),
            "limit_hours": self.limit_hours,
            "state": OVERDUE,
        }


def response_limit(settings: DueSettings, service: Service, high_risk: bool) -> int:
    if high_risk and service.value in settings.crisis_hours:
        return settings.crisis_hours[service.value]
    return settings.hours.get(service.value, 72)


def referral_started(referral: ReferralFacts, zone: tzinfo) -> datetime:
    """When the wait began: the pending step, or the start of the referral day if backdated."""
    first = referral.first_step_at
    if first is not None and local(first, zone).date() == referral.referred_on:
        return local(first, zone)
    return datetime.combine(referral.referred_on, time(0, 0), tzinfo=zone)


def waiting_too_long(
    referral: ReferralFacts,
    case: CaseFacts | None,
    settings: DueSettings,
    now: datetime | None = None,
) -> LateReferral | None:
    if referral.status != ReferralStatus.pending:
        return None
    zone = settings.zone
    now = local(now or clock.now(), zone)
    limit = response_limit(settings, referral.service, case.high_risk if case else False)
    waited = (now - referral_started(referral, zone)).total_seconds() / 3600
    if waited <= limit:
        return None
    return LateReferral(referral, case.number if case else "?", waited, limit)


@dataclass
class DueReport:
    late_referrals: list[LateReferral]
    deadlines: list[Deadline]  # overdue, or due within the window
    # case conferences not yet held, with their case's number: planned within the window
    # or past their day without minutes; they never make `due` exit 3
    conferences: list[tuple[ConferenceFacts, str]] = field(default_factory=list)
    provider_codes: dict[str, str] = field(default_factory=dict)

    @property
    def overdue(self) -> bool:
        return bool(self.late_referrals) or any(
            d.state in (OVERDUE, ENDED_EARLY) for d in self.deadlines
        )

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "overdue": self.overdue,
            "late_referrals": [item.to_json() for item in self.late_referrals],
            "deadlines": [item.to_json(lang) for item in self.deadlines],
            "conferences": [
                {
                    "number": c.number,
                    "case": case_number,
                    "held_on": c.held_on.isoformat(),
                    "place": c.place,
                    "state": "planned",
                    "invitation": c.invitation,
                }
                for c, case_number in self.conferences
            ],
        }


def due_report(book: Book, within_days: int = 7, now: datetime | None = None) -> DueReport:
    """Across all cases: referrals waiting too long, deadlines passed or within the window."""
    return due_from_rows(book_rows(book), within_days, now)


def book_rows(book: Book) -> DueRows:
    """What ``due`` reads, through the book's models (validated, repaired, reported)."""
    from tipref.book.conferences import list_conferences
    from tipref.schemas.case import Case
    from tipref.schemas.provider import Provider
    from tipref.schemas.referral import Referral

    def dumped(records: Any) -> list[dict[str, Any]]:
        return [record.model_dump(mode="json") for record in records]

    return DueRows.of(
        book.settings.model_dump(mode="json"),
        dumped(book.all(Case)),
        dumped(book.all(Referral)),
        dumped(list_conferences(book)),
        dumped(book.all(Provider)),
    )


def due_from_rows(rows: DueRows, within_days: int = 7, now: datetime | None = None) -> DueReport:
    """:func:`due_report` on the facts of a book."""
    cases = {c.id: c for c in rows.cases}
    late = []
    for referral in rows.referrals:
        case = cases.get(referral.case_id)
        if case is not None and case.closed:
            continue
        if referral.service == Service.coordination:
            continue  # no longer a referral: 'tipref doctor --fix' makes it a conference
        item = waiting_too_long(referral, case, rows.settings, now)
        if item:
            late.append(item)
    deadlines = []
    for case in cases.values():
        for deadline in deadlines_of(case, rows.settings, now, within_days):
            if deadline.state in (OVERDUE, DUE, ENDED_EARLY) or (
                deadline.state == RUNNING and deadline.days_left <= within_days
            ):
                deadlines.append(deadline)
    late.sort(key=lambda item: (-item.waited_hours, item.referral.number))
    deadlines.sort(key=lambda d: (d.state != OVERDUE, d.due_on, d.case_number))
    conferences = open_conferences(rows.conferences, cases, within_days, now)
    return DueReport(late, deadlines, conferences, rows.provider_codes)


def open_conferences(
    conferences: list[ConferenceFacts],
    cases: dict[str, CaseFacts],
    within_days: int,
    now: datetime | None = None,
) -> list[tuple[ConferenceFacts, str]]:
    """Conferences of open cases not yet held: coming within the window, or past."""
    today = (now or clock.now()).date()
    found = []
    for conference in conferences:
        case = cases.get(conference.case_id)
        if conference.held or case is None or case.closed:
            continue
        if (conference.held_on - today).days <= within_days:
            found.append((conference, case.number))
    return found
