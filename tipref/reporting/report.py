"""The integrated service's (PPT) six-monthly evaluation (PP 9/2008), computed from the book.

``build_report`` returns plain data (JSON-ready, machine ids); ``report_tables`` turns it
into labelled tables in one language for the terminal, the Word document and Excel.
Victims are counted per person (role victim) in cases opened in the period; ages are
taken on the day the case was opened, in CTDC bands. Referrals count when referred in
the period; "overdue" is judged on the period's last day (or today, if earlier).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from statistics import median
from typing import Any

from tipref import clock
from tipref.errors import InvalidInput
from tipref.i18n import Msg, register_messages
from tipref.privacy.ageband import BAND_LABELS, UNKNOWN, age_band
from tipref.schemas.case import Case
from tipref.schemas.enums import (
    Exploitation,
    RecruitmentMethod,
    ReferralStatus,
    Role,
    Service,
    Sex,
)
from tipref.schemas.referral import Referral

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

MESSAGES = {
    "report.title": {
        "id": "Laporan Evaluasi Enam Bulanan Pelayanan Terpadu bagi Saksi dan/atau Korban TPPO",
        "en": "Six-monthly evaluation report of the integrated service for victims of trafficking",
    },
    "report.period": {"id": "Periode {start} s.d. {end}", "en": "Period {start} to {end}"},
    "report.all_time": {"id": "seluruh waktu", "en": "all time"},
    "report.bad_semester": {
        "id": "tulis semester sebagai TAHUN-1 atau TAHUN-2, mis. 2026-1",
        "en": "write a semester as YEAR-1 or YEAR-2, e.g. 2026-1",
    },
    "report.bad_range": {
        "id": "tanggal awal sesudah tanggal akhir",
        "en": "the start date is after the end date",
    },
    "report.summary": {
        "id": "Dalam periode ini dibuka {cases} kasus dengan {victims} korban ({children} anak). Dibuat {referrals} rujukan; {overdue} belum dijawab melewati batas waktu.",
        "en": "In this period {cases} cases were opened with {victims} victims ({children} children). {referrals} referrals were made; {overdue} are unanswered past their deadline.",
    },
    "report.t.sex": {"id": "Korban menurut jenis kelamin", "en": "Victims by sex"},
    "report.t.age_band": {
        "id": "Korban menurut kelompok umur (CTDC)",
        "en": "Victims by age band (CTDC)",
    },
    "report.t.child": {"id": "Korban anak dan dewasa", "en": "Child and adult victims"},
    "report.t.role": {"id": "Orang menurut peran", "en": "Persons by role"},
    "report.t.origin": {"id": "Korban menurut daerah asal", "en": "Victims by origin"},
    "report.t.destination": {
        "id": "Korban menurut negara tujuan",
        "en": "Victims by destination country",
    },
    "report.t.exploitation": {
        "id": "Kasus menurut jenis eksploitasi",
        "en": "Cases by type of exploitation",
    },
    "report.t.recruitment": {
        "id": "Kasus menurut cara perekrutan",
        "en": "Cases by method of recruitment",
    },
    "report.t.referrals": {
        "id": "Rujukan menurut layanan dan status",
        "en": "Referrals by service and status",
    },
    "report.t.median_service": {
        "id": "Median hari menurut layanan",
        "en": "Median days by service",
    },
    "report.t.median_provider": {
        "id": "Median hari menurut lembaga",
        "en": "Median days by provider",
    },
    "report.t.overdue": {"id": "Rujukan terlambat dijawab", "en": "Overdue referrals"},
    "report.t.providers": {"id": "Tingkat tanggapan lembaga", "en": "Provider response rate"},
    "report.c.value": {"id": "Nilai", "en": "Value"},
    "report.c.count": {"id": "Jumlah", "en": "Count"},
    "report.c.district": {"id": "Kabupaten/kota", "en": "District"},
    "report.c.subdistrict": {"id": "Kecamatan", "en": "Sub-district"},
    "report.c.total": {"id": "Total", "en": "Total"},
    "report.c.to_accept": {
        "id": "Hari sampai diterima (median)",
        "en": "Days to acceptance (median)",
    },
    "report.c.to_complete": {
        "id": "Hari sampai selesai (median)",
        "en": "Days to completion (median)",
    },
    "report.c.referrals": {"id": "Rujukan", "en": "Referrals"},
    "report.c.answered": {"id": "Dijawab", "en": "Answered"},
    "report.c.rate": {"id": "Tingkat tanggapan", "en": "Response rate"},
    "report.c.limit": {"id": "Batas (hari)", "en": "Limit (days)"},
    "report.c.waited": {"id": "Hari menunggu", "en": "Days waited"},
    "report.v.child": {"id": "Anak", "en": "Child"},
    "report.v.adult": {"id": "Dewasa", "en": "Adult"},
    "report.v.unknown": {"id": "Tidak diketahui", "en": "Unknown"},
    "report.v.domestic": {"id": "Dalam negeri (ID)", "en": "Domestic (ID)"},
    "report.commitments": {
        "id": "Komitmen dalam periode ini",
        "en": "Commitments made in the period",
    },
    "report.no_commitments": {
        "id": "Tidak ada dokumen komitmen dalam periode ini.",
        "en": "No commitment documents in this period.",
    },
    "report.charts": {"id": "Grafik", "en": "Charts"},
    "report.tables": {"id": "Tabel", "en": "Tables"},
    "report.summary_heading": {"id": "Ringkasan", "en": "Summary"},
    "report.prepared_by": {"id": "Disusun oleh {org}, {day}", "en": "Prepared by {org}, {day}"},
    "report.written": {"id": "Laporan ditulis ke {path}", "en": "Report written to {path}"},
}
register_messages(MESSAGES)


# -- period ----------------------------------------------------------------------
def semester_range(text: str) -> tuple[date, date]:
    """``2026-1`` is January-June 2026, ``2026-2`` July-December."""
    match = re.fullmatch(r"\s*(\d{4})\s*[-/]\s*(?:S|H)?([12])\s*", text, flags=re.I)
    if not match:
        raise InvalidInput(field="semester", problem=Msg("report.bad_semester"))
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
    if isinstance(data, dict) and isinstance(
        data.get("hours"), dict
    ):  # ResponseTimes: hours per service
        data = {service: {"hours": hours} for service, hours in data["hours"].items()}
    if isinstance(data, dict):
        for service, value in data.items():
            days = _as_days(value)
            if days is not None and service in limits:
                limits[service] = days
    return limits


# -- the report ------------------------------------------------------------------
def _step_date(referral: Referral, status: ReferralStatus) -> date | None:
    for step in referral.transitions:
        if step.status == status:
            return step.at.date()
    return None


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def build_report(
    book: Any,
    start: date | None = None,
    end: date | None = None,
    cases: list[Case] | None = None,
    referrals: list[Referral] | None = None,
    providers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    if start and end and start > end:
        raise InvalidInput(field="from", problem=Msg("report.bad_range"))
    if cases is None:
        cases = [c for c in book.all("case") if isinstance(c, Case)]
    if referrals is None:
        referrals = [r for r in book.all("referral") if isinstance(r, Referral)]
    if providers is None:
        providers = {p.id: p for p in book.all("provider")}
    as_of = min(end, clock.today()) if end else clock.today()
    in_cases = [c for c in cases if _within(c.opened_on, start, end)]

    by_sex: Counter[str] = Counter()
    by_band: Counter[str] = Counter()
    by_child: Counter[str] = Counter()
    by_role: Counter[str] = Counter()
    by_origin: Counter[tuple[str, str]] = Counter()
    by_destination: Counter[str] = Counter()
    by_exploitation: Counter[str] = Counter()
    by_recruitment: Counter[str] = Counter()
    victims = 0
    for case in in_cases:
        for value in case.trafficking.exploitation:
            by_exploitation[value.value] += 1
        for value in case.trafficking.recruitment:
            by_recruitment[value.value] += 1
        destination = case.trafficking.exploitation_place.country or UNKNOWN
        for person in case.persons:
            by_role[person.role.value] += 1
            if person.role != Role.victim:
                continue
            victims += 1
            by_sex[person.sex.value if person.sex else UNKNOWN] += 1
            age = person.age(case.opened_on)
            by_band[age_band(age)] += 1
            by_child["unknown" if age is None else ("child" if age < 18 else "adult")] += 1
            by_origin[
                (person.address.district or UNKNOWN, person.address.subdistrict or UNKNOWN)
            ] += 1
            by_destination[destination] += 1

    in_referrals = [r for r in referrals if _within(r.referred_on, start, end)]
    by_service_status: dict[str, Counter[str]] = defaultdict(Counter)
    to_accept_service: dict[str, list[int]] = defaultdict(list)
    to_complete_service: dict[str, list[int]] = defaultdict(list)
    to_accept_provider: dict[str, list[int]] = defaultdict(list)
    to_complete_provider: dict[str, list[int]] = defaultdict(list)
    provider_stats: dict[str, Counter[str]] = defaultdict(Counter)
    limits = response_limits(book.settings) if book is not None else dict(DEFAULT_RESPONSE_DAYS)
    overdue = []
    for referral in in_referrals:
        service = referral.service.value
        by_service_status[service][referral.status.value] += 1
        accepted = _step_date(referral, ReferralStatus.accepted)
        declined = _step_date(referral, ReferralStatus.declined)
        completed = _step_date(referral, ReferralStatus.completed)
        if accepted:
            days = (accepted - referral.referred_on).days
            to_accept_service[service].append(days)
            to_accept_provider[referral.provider_id].append(days)
        if completed:
            days = (completed - referral.referred_on).days
            to_complete_service[service].append(days)
            to_complete_provider[referral.provider_id].append(days)
        stats = provider_stats[referral.provider_id]
        stats["referrals"] += 1
        answered_on = accepted or declined
        if answered_on and answered_on <= as_of:
            stats["answered"] += 1
            stats["accepted" if accepted else "declined"] += 1
        limit = limits.get(service, DEFAULT_RESPONSE_DAYS[Service.coordination.value])
        unanswered = referral.status == ReferralStatus.pending or (
            answered_on is not None and answered_on > as_of
        )
        if unanswered and referral.status != ReferralStatus.cancelled:
            waited = (as_of - referral.referred_on).days
            if waited > limit:
                overdue.append(
                    {
                        "id": referral.id,
                        "number": referral.number,
                        "service": service,
                        "provider_id": referral.provider_id,
                        "provider": _provider_name(providers, referral.provider_id),
                        "referred_on": referral.referred_on.isoformat(),
                        "days_waited": waited,
                        "limit_days": limit,
                    }
                )
    overdue.sort(key=lambda item: -item["days_waited"])

    medians_service = {
        service: {
            "to_acceptance": _median(to_accept_service[service]),
            "to_completion": _median(to_complete_service[service]),
            "accepted": len(to_accept_service[service]),
            "completed": len(to_complete_service[service]),
        }
        for service in sorted(
            set(to_accept_service) | set(to_complete_service), key=Service.ids().index
        )
    }
    medians_provider = {
        pid: {
            "provider": _provider_name(providers, pid),
            "to_acceptance": _median(to_accept_provider[pid]),
            "to_completion": _median(to_complete_provider[pid]),
        }
        for pid in sorted(
            set(to_accept_provider) | set(to_complete_provider),
            key=lambda p: _provider_name(providers, p),
        )
    }
    response = {
        pid: {
            "provider": _provider_name(providers, pid),
            "referrals": stats["referrals"],
            "answered": stats["answered"],
            "accepted": stats["accepted"],
            "declined": stats["declined"],
            "response_rate": round(stats["answered"] / stats["referrals"], 4)
            if stats["referrals"]
            else None,
        }
        for pid, stats in sorted(
            provider_stats.items(), key=lambda item: _provider_name(providers, item[0])
        )
    }
    return {
        "period": {
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
            "as_of": as_of.isoformat(),
        },
        "totals": {
            "cases": len(in_cases),
            "victims": victims,
            "children": by_child.get("child", 0),
            "referrals": len(in_referrals),
            "overdue": len(overdue),
        },
        "cases": {
            "by_sex": _ordered(by_sex, Sex.ids()),
            "by_age_band": _ordered(by_band, list(BAND_LABELS)),
            "by_child": _ordered(by_child, ["child", "adult"]),
            "by_role": _ordered(by_role, Role.ids()),
            "by_origin": [
                {"district": d, "subdistrict": s, "count": n}
                for (d, s), n in sorted(by_origin.items(), key=lambda item: (-item[1], item[0]))
            ],
            "by_destination": dict(
                sorted(by_destination.items(), key=lambda item: (-item[1], item[0]))
            ),
            "by_exploitation": _ordered(by_exploitation, Exploitation.ids(), keep_zero=False),
            "by_recruitment": _ordered(by_recruitment, RecruitmentMethod.ids(), keep_zero=False),
        },
        "referrals": {
            "by_service_status": {
                s: _ordered(by_service_status[s], ReferralStatus.ids())
                for s in Service.ids()
                if s in by_service_status
            },
            "median_days_by_service": medians_service,
            "median_days_by_provider": medians_provider,
            "response_limits_days": limits,
            "overdue": overdue,
            "provider_response": response,
        },
    }


def _provider_name(providers: dict[str, Any], provider_id: str) -> str:
    provider = providers.get(provider_id)
    return getattr(provider, "name", None) or provider_id


def _ordered(counts: Counter[str], order: list[str], keep_zero: bool = True) -> dict[str, int]:
    result = {key: counts.get(key, 0) for key in order if keep_zero or counts.get(key)}
    for key, value in sorted(counts.items()):
        if key not in result:
            result[key] = value
    return result


# -- labelled tables ---------------------------------------------------------------
def _label(enum: Any, value: str, lang: str) -> str:
    if value == UNKNOWN:
        return Msg("report.v.unknown").render(lang)
    try:
        return enum(value).label(lang)
    except ValueError:
        return value


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def report_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Each table as {id, title, columns, rows} with labels in ``lang``."""
    from tipref.book.countries import country_name

    def t(key: str, **params: Any) -> str:
        return Msg(key, **params).render(lang)

    value, count = t("report.c.value"), t("report.c.count")
    cases = report["cases"]
    refs = report["referrals"]
    tables = [
        {
            "id": "sex",
            "columns": [value, count],
            "rows": [[_label(Sex, k, lang), n] for k, n in cases["by_sex"].items()],
        },
        {
            "id": "age_band",
            "columns": [value, count],
            "rows": [
                [t("report.v.unknown") if k == UNKNOWN else k, n]
                for k, n in cases["by_age_band"].items()
            ],
        },
        {
            "id": "child",
            "columns": [value, count],
            "rows": [[t(f"report.v.{k}"), n] for k, n in cases["by_child"].items()],
        },
        {
            "id": "role",
            "columns": [value, count],
            "rows": [[_label(Role, k, lang), n] for k, n in cases["by_role"].items()],
        },
        {
            "id": "origin",
            "columns": [t("report.c.district"), t("report.c.subdistrict"), count],
            "rows": [
                [_unknown(o["district"], lang), _unknown(o["subdistrict"], lang), o["count"]]
                for o in cases["by_origin"]
            ],
        },
        {
            "id": "destination",
            "columns": [value, count],
            "rows": [
                [t("report.v.unknown") if k == UNKNOWN else f"{country_name(k, lang)} ({k})", n]
                for k, n in cases["by_destination"].items()
            ],
        },
        {
            "id": "exploitation",
            "columns": [value, count],
            "rows": [
                [_label(Exploitation, k, lang), n] for k, n in cases["by_exploitation"].items()
            ],
        },
        {
            "id": "recruitment",
            "columns": [value, count],
            "rows": [
                [_label(RecruitmentMethod, k, lang), n] for k, n in cases["by_recruitment"].items()
            ],
        },
        {
            "id": "referrals",
            "columns": [
                Msg("col.service").render(lang),
                *[s.label(lang) for s in ReferralStatus],
                t("report.c.total"),
            ],
            "rows": [
                [_label(Service, s, lang), *statuses.values(), sum(statuses.values())]
                for s, statuses in refs["by_service_status"].items()
            ],
        },
        {
            "id": "median_service",
            "columns": [
                Msg("col.service").render(lang),
                t("report.c.to_accept"),
                t("report.c.to_complete"),
            ],
            "rows": [
                [_label(Service, s, lang), _fmt(m["to_acceptance"]), _fmt(m["to_completion"])]
                for s, m in refs["median_days_by_service"].items()
            ],
        },
        {
            "id": "median_provider",
            "columns": [
                Msg("col.provider").render(lang),
                t("report.c.to_accept"),
                t("report.c.to_complete"),
            ],
            "rows": [
                [m["provider"], _fmt(m["to_acceptance"]), _fmt(m["to_completion"])]
                for m in refs["median_days_by_provider"].values()
            ],
        },
        {
            "id": "overdue",
            "columns": [
                Msg("col.number").render(lang),
                Msg("col.service").render(lang),
                Msg("col.provider").render(lang),
                Msg("col.referred_on").render(lang),
                t("report.c.waited"),
                t("report.c.limit"),
            ],
            "rows": [
                [
                    o["number"],
                    _label(Service, o["service"], lang),
                    o["provider"],
                    o["referred_on"],
                    o["days_waited"],
                    _fmt(o["limit_days"]),
                ]
                for o in refs["overdue"]
            ],
        },
        {
            "id": "providers",
            "columns": [
                Msg("col.provider").render(lang),
                t("report.c.referrals"),
                t("report.c.answered"),
                ReferralStatus.accepted.label(lang),
                ReferralStatus.declined.label(lang),
                t("report.c.rate"),
            ],
            "rows": [
                [
                    p["provider"],
                    p["referrals"],
                    p["answered"],
                    p["accepted"],
                    p["declined"],
                    "-" if p["response_rate"] is None else f"{p['response_rate'] * 100:.0f}%",
                ]
                for p in refs["provider_response"].values()
            ],
        },
    ]
    for table in tables:
        table["title"] = t(f"report.t.{table['id']}")
    return tables


def _unknown(text: str, lang: str) -> str:
    return Msg("report.v.unknown").render(lang) if text == UNKNOWN else text


def period_text(report: dict[str, Any], lang: str) -> str:
    period = report["period"]
    if not period["from"] and not period["to"]:
        return Msg("report.all_time").render(lang)
    from babel.dates import format_date

    def show(day: str | None) -> str:
        return format_date(date.fromisoformat(day), "d MMMM y", locale=lang) if day else "…"

    return Msg("report.period", start=show(period["from"]), end=show(period["to"])).render(lang)


def summary_text(report: dict[str, Any], lang: str) -> str:
    return Msg("report.summary", **report["totals"]).render(lang)


def commitments_in_period(book: Any, report: dict[str, Any]) -> list[dict[str, Any]]:
    """The commitment documents of the period, if the commitment kind exists in this tipref."""
    from tipref.schemas import RECORD_MODELS

    if book is None or "commitment" not in RECORD_MODELS:
        return []
    start = report["period"]["from"]
    end = report["period"]["to"]
    found = []
    for record in book.all("commitment"):
        data = record.model_dump(mode="json")
        day = next(
            (
                data[k]
                for k in ("held_on", "signed_on", "date", "meeting_date", "on")
                if data.get(k)
            ),
            None,
        )
        if day is None and data.get("created_at"):
            day = str(data["created_at"])[:10]
        if day and ((start and str(day)[:10] < start) or (end and str(day)[:10] > end)):
            continue
        items = next(
            (data[k] for k in ("commitments", "items", "points") if isinstance(data.get(k), list)),
            [],
        )
        texts = [
            item
            if isinstance(item, str)
            else (item.get("text") or item.get("commitment") or str(item))
            for item in items
        ]
        title = data.get("title") or data.get("number") or data.get("id")
        found.append(
            {
                "id": data.get("id"),
                "title": title,
                "date": str(day)[:10] if day else None,
                "place": data.get("place") or "",
                "commitments": texts,
            }
        )
    return sorted(found, key=lambda c: c["date"] or "")
