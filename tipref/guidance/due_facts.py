"""What the deadline rules read of a book, parsed from records as stored (JSON dicts).

``tipref due`` gets these facts either from records the local index vouches for (no
model built: :meth:`DueRows.from_reader`, issue #21) or from the book's models dumped to
the same JSON (:func:`tipref.guidance.deadlines.due_report`), so the rules in
:mod:`tipref.guidance.deadlines` are one code for both and cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.errors import TiprefError
from tipref.present import stored_date, stored_moment
from tipref.schemas.enums import CaseStatus, ReferralStatus, RiskLevel, Service

if TYPE_CHECKING:
    from tipref.book.trusted import TrustedReader

# the book setting ``deadlines``: every figure the rules use
DEADLINE_FIGURES = (
    "police_report_hours",
    "first_aid_days",
    "monitoring_months",
    "restitution_days",
    "evaluation_months",
    "simfoni_days",
)


def _moment(value: Any) -> datetime | None:
    return stored_moment(value) if value else None


@dataclass(frozen=True)
class DueSettings:
    """The book's time zone, deadline figures and response times (hours per service)."""

    zone: tzinfo
    limits: dict[str, int]
    hours: dict[str, int]
    crisis_hours: dict[str, int]

    @classmethod
    def of(cls, settings: dict[str, Any]) -> DueSettings:
        """From ``tipref.json``'s JSON; KeyError when a figure is not written there (an
        older book: its model fills the default, so the caller takes the model path)."""
        limits = {key: int(settings["deadlines"][key]) for key in DEADLINE_FIGURES}
        times = settings["response_times"]
        return cls(
            clock.zone_info(settings["timezone"]),
            limits,
            dict(times["hours"]),
            dict(times["crisis_hours"]),
        )


@dataclass(frozen=True)
class CaseFacts:
    """A case's number, state and the recorded moments that start or stop deadlines."""

    id: str
    number: str
    closed: bool
    high_risk: bool
    opened_on: date
    closed_on: date | None
    intake_at: datetime | None
    police_reported_at: datetime | None
    first_aid_requested_on: date | None
    first_aid_given_on: date | None
    returned_on: date | None
    judgment_notified_on: date | None
    restitution_paid_on: date | None
    evaluated_on: tuple[date, ...]
    simfoni_entered_on: date | None

    @classmethod
    def of(cls, case: dict[str, Any]) -> CaseFacts:
        events = case.get("events") or {}
        day = events.get
        opened_on = stored_date(case["opened_on"])
        assert opened_on is not None  # a valid case always has its opening day
        return cls(
            id=case["id"],
            number=case["number"],
            closed=CaseStatus(case["status"]).is_closed,
            high_risk=case.get("risk") == RiskLevel.high.value,
            opened_on=opened_on,
            closed_on=stored_date(case.get("closed_on")),
            intake_at=_moment(day("intake_at")),
            police_reported_at=_moment(day("police_reported_at")),
            first_aid_requested_on=stored_date(day("first_aid_requested_on")),
            first_aid_given_on=stored_date(day("first_aid_given_on")),
            returned_on=stored_date(day("returned_on")),
            judgment_notified_on=stored_date(day("judgment_notified_on")),
            restitution_paid_on=stored_date(day("restitution_paid_on")),
            evaluated_on=tuple(d for d in map(stored_date, day("evaluated_on") or ()) if d),
            simfoni_entered_on=stored_date(day("simfoni_entered_on")),
        )


@dataclass(frozen=True)
class ReferralFacts:
    """A referral's number, case, service, provider, state and when its wait began."""

    id: str
    number: str
    case_id: str
    service: Service
    provider_id: str
    status: ReferralStatus
    referred_on: date
    first_step_at: datetime | None  # the first recorded transition (normally "pending")

    @classmethod
    def of(cls, referral: dict[str, Any]) -> ReferralFacts:
        transitions = referral.get("transitions") or []
        referred_on = stored_date(referral["referred_on"])
        assert referred_on is not None  # a valid referral always has its date
        return cls(
            id=referral["id"],
            number=referral["number"],
            case_id=referral["case_id"],
            service=Service(referral["service"]),
            provider_id=referral["provider_id"],
            status=ReferralStatus(referral["status"]),
            referred_on=referred_on,
            first_step_at=_moment(transitions[0].get("at")) if transitions else None,
        )


@dataclass(frozen=True)
class ConferenceFacts:
    """A case conference: its day, place, whether it was held, its invitation's number."""

    number: str
    case_id: str
    held_on: date
    held: bool
    place: str
    invitation: str | None

    @classmethod
    def of(cls, conference: dict[str, Any]) -> ConferenceFacts:
        held_on = stored_date(conference["held_on"])
        assert held_on is not None  # a valid conference always has its day
        invitation = conference.get("invitation") or {}
        return cls(
            number=conference["number"],
            case_id=conference["case_id"],
            held_on=held_on,
            held=bool(conference.get("held")),
            place=conference.get("place", ""),
            invitation=invitation.get("number"),
        )


@dataclass(frozen=True)
class DueRows:
    """Everything ``due`` reads: settings, cases, referrals, conferences, provider codes."""

    settings: DueSettings
    cases: list[CaseFacts]
    referrals: list[ReferralFacts]
    conferences: list[ConferenceFacts]
    provider_codes: dict[str, str]

    @classmethod
    def of(
        cls,
        settings: dict[str, Any],
        cases: list[dict[str, Any]],
        referrals: list[dict[str, Any]],
        conferences: list[dict[str, Any]],
        providers: list[dict[str, Any]],
    ) -> DueRows:
        found = sorted(map(ConferenceFacts.of, conferences), key=lambda c: (c.held_on, c.number))
        return cls(
            DueSettings.of(settings),
            [CaseFacts.of(c) for c in cases],
            [ReferralFacts.of(r) for r in referrals],
            found,
            {p["id"]: p["code"] for p in providers},
        )

    @classmethod
    def from_reader(cls, reader: TrustedReader) -> DueRows | None:
        """From records the index vouches for; None when any one needs the full path (or
        the settings lack a figure their model would fill)."""
        rows = [reader.rows(kind) for kind in ("case", "referral", "conference", "provider")]
        if any(found is None for found in rows):
            return None
        cases, referrals, conferences, providers = rows
        assert cases is not None and referrals is not None
        assert conferences is not None and providers is not None
        try:
            return cls.of(reader.settings, cases, referrals, conferences, providers)
        except (KeyError, TypeError, ValueError, AttributeError, TiprefError):
            return None
