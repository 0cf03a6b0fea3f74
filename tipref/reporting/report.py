"""The integrated service's (PPT / UPTD PPA) six-monthly evaluation, counted from the book.

``build_counts`` returns a :class:`ReportCounts`: one small function per dimension fills
it. ``build_report`` (and ``ReportCounts.to_json``) gives the JSON that ``tipref report
--json`` prints; ``tipref.reporting.report_text`` turns it into labelled tables and
sentences in one language for the terminal, the Word document and Excel.

Victims are counted per person (role victim) in cases opened in the period, ages on the
day the case was opened, in CTDC bands; *korban TPPO* and *diduga korban* are counted
apart from the case's trafficking status. Referrals count when referred in the period;
"overdue" is judged on the period's last day (or today, if earlier): the "data as of" date.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.privacy.ageband import BAND_LABELS, UNKNOWN, age_band
from tipref.schemas import Provider
from tipref.schemas.case import Case, Person
from tipref.schemas.enums import (
    Exploitation,
    RecruitmentMethod,
    ReferralStatus,
    Role,
    Service,
    Sex,
    TraffickingStatus,
)
from tipref.schemas.referral import Referral

if TYPE_CHECKING:
    from tipref.book.casebook import Book

# Days a provider has to answer a referral when the book's settings have no
# response_times (older books); otherwise settings.response_times.hours / 24.
DEFAULT_RESPONSE_DAYS: dict[str, float] = {
    Service.identification.value: 1,
    Service.health.value: 1,
    Service.social.value: 3,
    Service.legal.value: 7,
    Service.repatriation.value: 14,
    Service.reintegration.value: 14,
    Service.coordination.value: 14,
}
DOMESTIC = "ID"  # a destination in Indonesia is domestic trafficking


# -- period ----------------------------------------------------------------------
def semester_range(text: str) -> tuple[date, date]:
    """``2026-1`` is January-June 2026, ``2026-2`` July-December."""
    match = re.fullmatch(r"\s*(\d{4})\s*[-/]\s*(?:S|H)?([12])\s*", text, flags=re.I)
    if not match:
        raise InvalidInput(
            field="semester", problem=Msg("write a semester as YEAR-1 or YEAR-2, e.g. 2026-1")
        )
    year, half = int(match.group(1)), int(match.group(2))
    return (
        (date(year, 1, 1), date(year, 6, 30))
        if half == 1
        else (date(year, 7, 1), date(year, 12, 31))
    )


def _within(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


# -- response times --------------------------------------------------------------
def _as_days(value: Any) -> float | None:
    """A response time from settings: a number of days, or {days: n} / {hours: n}."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    data = value.model_dump() if hasattr(value, "model_dump") else value
    if isinstance(data, dict):
        for key, factor in (("days", 1.0), ("hours", 1 / 24)):
            if data.get(key) is not None:
                return float(data[key]) * factor
    return None


def response_limits(settings: Any) -> dict[str, float]:
    """Days allowed per service: the book's ``response_times`` where set, else the defaults."""
    limits = dict(DEFAULT_RESPONSE_DAYS)
    configured = getattr(settings, "response_times", None)
    if configured is None:
        return limits
    data = configured.model_dump() if hasattr(configured, "model_dump") else configured
    if isinstance(data, dict) and isinstance(data.get("hours"), dict):
        data = {service: {"hours": hours} for service, hours in data["hours"].items()}
    if isinstance(data, dict):
        for service, value in data.items():
            days = _as_days(value)
            if days is not None and service in limits:
                limits[service] = days
    return limits


# -- the counts ------------------------------------------------------------------
@dataclass
class Durations:
    """Days from referral to acceptance and to completion, per service or provider."""

    to_accept: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    to_complete: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def keys(self) -> set[str]:
        return set(self.to_accept) | set(self.to_complete)

    def summary(self, key: str) -> dict[str, Any]:
        accepted, completed = self.to_accept.get(key, []), self.to_complete.get(key, [])
        return {
            "to_acceptance": _median(accepted),
            "to_completion": _median(completed),
            "accepted": len(accepted),
            "completed": len(completed),
        }


@dataclass
class ReportCounts:
    start: date | None
    end: date | None
    as_of: date
    limits: dict[str, float]
    providers: dict[str, Any]
    cases: int = 0
    victims: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_sex: Counter[str] = field(default_factory=Counter)
    by_band: Counter[str] = field(default_factory=Counter)
    by_child: Counter[str] = field(default_factory=Counter)
    by_role: Counter[str] = field(default_factory=Counter)
    by_origin: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_destination: Counter[str] = field(default_factory=Counter)
    by_exploitation: Counter[str] = field(default_factory=Counter)
    by_recruitment: Counter[str] = field(default_factory=Counter)
    referrals: int = 0
    by_service_status: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_service: Durations = field(default_factory=Durations)
    by_provider: Durations = field(default_factory=Durations)
    provider_stats: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    overdue: list[dict[str, Any]] = field(default_factory=list)
    by_legal: Counter[str] = field(default_factory=Counter)

    def provider_name(self, provider_id: str) -> str:
        provider = self.providers.get(provider_id)
        return getattr(provider, "name", None) or provider_id

    def to_json(self) -> dict[str, Any]:
        return {
            "period": period_json(self),
            "totals": totals_json(self),
            "cases": cases_json(self),
            "referrals": referrals_json(self),
        }


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def _step_date(referral: Referral, status: ReferralStatus) -> date | None:
    for step in referral.transitions:
        if step.status == status:
            return step.at.date()
    return None


# one small function per dimension ------------------------------------------------
def count_case(counts: ReportCounts, case: Case) -> None:
    counts.cases += 1
    facts = case.trafficking
    for value in facts.exploitation or []:
        counts.by_exploitation[value.value] += 1
    if not facts.exploitation:
        counts.by_exploitation[UNKNOWN] += 1
    for method in facts.recruitment or []:
        counts.by_recruitment[method.value] += 1
    if not facts.recruitment:
        counts.by_recruitment[UNKNOWN] += 1
    for person in case.persons:
        counts.by_role[person.role.value] += 1
        if person.role == Role.victim:
            count_victim(counts, case, person)
    count_legal(counts, case)


# the legal steps counted per case (each a dated event), then the SIMFONI PPA entry
LEGAL_STEPS = (
    "police_reported_at",
    "bap_on",
    "p21_on",
    "charged_on",
    "judgment_notified_on",
    "restitution_paid_on",
    "lpsk_applied_on",
)


def count_legal(counts: ReportCounts, case: Case) -> None:
    events = case.events
    for name in LEGAL_STEPS:
        if getattr(events, name) is not None:
            counts.by_legal[name] += 1
    counts.by_legal["simfoni_entered" if events.simfoni_entered_on else "simfoni_not_entered"] += 1


def victim_status(case: Case, person: Person | None = None) -> str:
    """Korban TPPO, diduga korban, bukan korban, or not yet decided: from the person's
    own identification decision (``tipref case identify``), else the case's status."""
    decision = case.identification_of(person.id) if person is not None else None
    status = decision.status if decision else case.trafficking.status
    return status.value if status else UNKNOWN


def count_victim(counts: ReportCounts, case: Case, person: Person) -> None:
    counts.victims += 1
    counts.by_status[victim_status(case, person)] += 1
    counts.by_sex[person.sex.value if person.sex else UNKNOWN] += 1
    age = person.age(case.opened_on)
    counts.by_band[age_band(age)] += 1
    counts.by_child[UNKNOWN if age is None else ("child" if age < 18 else "adult")] += 1
    address = person.address
    counts.by_origin[(address.district or UNKNOWN, address.subdistrict or UNKNOWN)] += 1
    counts.by_destination[case.trafficking.exploitation_place.country or UNKNOWN] += 1


def count_referral(counts: ReportCounts, referral: Referral) -> None:
    counts.referrals += 1
    service, provider = referral.service.value, referral.provider_id
    counts.by_service_status[service][referral.status.value] += 1
    accepted = _step_date(referral, ReferralStatus.accepted)
    declined = _step_date(referral, ReferralStatus.declined)
    completed = _step_date(referral, ReferralStatus.completed)
    for durations, key in ((counts.by_service, service), (counts.by_provider, provider)):
        if accepted:
            durations.to_accept[key].append((accepted - referral.referred_on).days)
        if completed:
            durations.to_complete[key].append((completed - referral.referred_on).days)
    count_answer(counts, referral, accepted, declined)


def count_answer(
    counts: ReportCounts, referral: Referral, accepted: date | None, declined: date | None
) -> None:
    stats = counts.provider_stats[referral.provider_id]
    stats["referrals"] += 1
    answered_on = accepted or declined
    if answered_on and answered_on <= counts.as_of:
        stats["answered"] += 1
        stats["accepted" if accepted else "declined"] += 1
    unanswered = referral.status == ReferralStatus.pending or (
        answered_on is not None and answered_on > counts.as_of
    )
    if unanswered and referral.status != ReferralStatus.cancelled:
        count_overdue(counts, referral)


def count_overdue(counts: ReportCounts, referral: Referral) -> None:
    service = referral.service.value
    limit = counts.limits.get(service, DEFAULT_RESPONSE_DAYS[Service.coordination.value])
    waited = (counts.as_of - referral.referred_on).days
    if waited > limit:
        counts.overdue.append(
            {
                "id": referral.id,
                "number": referral.number,
                "service": service,
                "provider_id": referral.provider_id,
                "provider": counts.provider_name(referral.provider_id),
                "referred_on": referral.referred_on.isoformat(),
                "days_waited": waited,
                "limit_days": limit,
            }
        )


def build_counts(
    book: Book,
    start: date | None = None,
    end: date | None = None,
    cases: list[Case] | None = None,
    referrals: list[Referral] | None = None,
    providers: dict[str, Any] | None = None,
) -> ReportCounts:
    if start and end and start > end:
        raise InvalidInput(field="since", problem=Msg("the start date is after the end date"))
    cases, referrals, providers = _records(book, cases, referrals, providers)
    limits = response_limits(book.settings) if book is not None else dict(DEFAULT_RESPONSE_DAYS)
    as_of = min(end, clock.today()) if end else clock.today()
    counts = ReportCounts(start, end, as_of, limits, providers)
    for case in cases:
        if _within(case.opened_on, start, end):
            count_case(counts, case)
    for referral in referrals:
        if _within(referral.referred_on, start, end):
            count_referral(counts, referral)
    counts.overdue.sort(key=lambda item: -item["days_waited"])
    return counts


def _records(
    book: Book,
    cases: list[Case] | None,
    referrals: list[Referral] | None,
    providers: dict[str, Any] | None,
) -> tuple[list[Case], list[Referral], dict[str, Any]]:
    """The book's records, unless the caller passed them."""
    if cases is None:
        cases = [c for c in book.all(Case)]
    if referrals is None:
        referrals = [r for r in book.all(Referral)]
    if providers is None:
        providers = {p.id: p for p in book.all(Provider)}
    return cases, referrals, providers


def build_report(
    book: Book,
    start: date | None = None,
    end: date | None = None,
    cases: list[Case] | None = None,
    referrals: list[Referral] | None = None,
    providers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The counts as JSON (the shape ``tipref report --json`` prints)."""
    return build_counts(book, start, end, cases, referrals, providers).to_json()


# -- JSON ------------------------------------------------------------------------
def _ordered(counts: Counter[str], order: list[str], keep_zero: bool = True) -> dict[str, int]:
    result = {key: counts.get(key, 0) for key in order if keep_zero or counts.get(key)}
    for key, value in sorted(counts.items()):
        if key not in result:
            result[key] = value
    return result


def _by_count(counts: Counter[Any]) -> list[tuple[Any, int]]:
    """Largest first, "unknown" last whatever its size (so tables read naturally)."""
    return sorted(counts.items(), key=lambda item: (UNKNOWN in item[0], -item[1], item[0]))


def period_json(counts: ReportCounts) -> dict[str, Any]:
    return {
        "from": counts.start.isoformat() if counts.start else None,
        "to": counts.end.isoformat() if counts.end else None,
        "as_of": counts.as_of.isoformat(),
    }


def totals_json(counts: ReportCounts) -> dict[str, int]:
    return {
        "cases": counts.cases,
        "victims": counts.victims,
        "children": counts.by_child.get("child", 0),
        "referrals": counts.referrals,
        "overdue": len(counts.overdue),
        "victims_actual": counts.by_status.get(TraffickingStatus.actual.value, 0),
        "victims_possible": counts.by_status.get(TraffickingStatus.possible.value, 0),
        "victims_not_identified": counts.by_status.get(UNKNOWN, 0),
    }


def cases_json(counts: ReportCounts) -> dict[str, Any]:
    return {
        "by_status": _ordered(counts.by_status, [*TraffickingStatus.ids(), UNKNOWN]),
        "by_sex": _ordered(counts.by_sex, [*Sex.ids(), UNKNOWN]),
        "by_age_band": _ordered(counts.by_band, list(BAND_LABELS)),
        "by_child": _ordered(counts.by_child, ["child", "adult", UNKNOWN]),
        "by_role": _ordered(counts.by_role, Role.ids(), keep_zero=False),
        "by_origin": [
            {"district": d, "subdistrict": s, "count": n}
            for (d, s), n in sorted(
                counts.by_origin.items(),
                key=lambda item: (item[0][0] == UNKNOWN, -item[1], item[0]),
            )
        ],
        "by_destination": dict(_by_count(counts.by_destination)),
        "by_exploitation": _ordered(counts.by_exploitation, Exploitation.ids(), keep_zero=False),
        "by_recruitment": _ordered(counts.by_recruitment, RecruitmentMethod.ids(), keep_zero=False),
        "legal_process": {name: counts.by_legal.get(name, 0) for name in LEGAL_STEPS},
        "simfoni": {
            "entered": counts.by_legal.get("simfoni_entered", 0),
            "not_entered": counts.by_legal.get("simfoni_not_entered", 0),
        },
    }


def referrals_json(counts: ReportCounts) -> dict[str, Any]:
    services = [s for s in Service.ids() if s in counts.by_service_status]
    return {
        "by_service_status": {
            s: _ordered(counts.by_service_status[s], ReferralStatus.ids()) for s in services
        },
        "median_days_by_service": {
            s: counts.by_service.summary(s)
            for s in sorted(counts.by_service.keys(), key=Service.ids().index)
        },
        "median_days_by_provider": {
            pid: {"provider": counts.provider_name(pid), **counts.by_provider.summary(pid)}
            for pid in sorted(counts.by_provider.keys(), key=counts.provider_name)
        },
        "response_limits_days": counts.limits,
        "overdue": counts.overdue,
        "provider_response": {
            pid: provider_response(counts, pid)
            for pid in sorted(counts.provider_stats, key=counts.provider_name)
        },
    }


def provider_response(counts: ReportCounts, provider_id: str) -> dict[str, Any]:
    stats = counts.provider_stats[provider_id]
    return {
        "provider": counts.provider_name(provider_id),
        "referrals": stats["referrals"],
        "answered": stats["answered"],
        "accepted": stats["accepted"],
        "declined": stats["declined"],
        "response_rate": round(stats["answered"] / stats["referrals"], 4)
        if stats["referrals"]
        else None,
    }
