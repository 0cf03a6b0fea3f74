"""The evaluation's counts as labelled tables and sentences, in Indonesian or English.

Works on the JSON of :func:`tipref.reporting.report.build_report`, so the terminal, the
Word document and Excel show the same figures. English counts agree with their nouns
("1 child", "2 children"); Indonesian nouns do not change.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tipref.i18n import N_, Msg
from tipref.privacy.ageband import UNKNOWN
from tipref.reporting.legal_text import legal_tables
from tipref.reporting.report import DOMESTIC
from tipref.schemas.enums import (
    Exploitation,
    RecruitmentMethod,
    ReferralStatus,
    Role,
    Service,
    Sex,
    TraffickingStatus,
)

if TYPE_CHECKING:
    from tipref.book.casebook import Book


# the tables' titles, by table id; the child/adult rows by key
TABLE_TITLES: dict[str, str] = {
    "legal": N_("Legal process and SIMFONI PPA entry (cases)"),
    "status": N_("Victims by identification status"),
    "sex": N_("Victims by sex"),
    "age_band": N_("Victims by age band (CTDC)"),
    "child": N_("Child and adult victims"),
    "role": N_("Persons by role"),
    "origin": N_("Victims by origin"),
    "destination": N_("Victims by place of exploitation"),
    "exploitation": N_("Cases by type of exploitation"),
    "recruitment": N_("Cases by method of recruitment"),
    "referrals": N_("Referrals by service and status"),
    "median_service": N_("Time taken by service (median days)"),
    "median_provider": N_("Time taken by provider (median days)"),
    "overdue": N_("Overdue referrals"),
    "providers": N_("Provider response"),
}
VALUE_LABELS: dict[str, str] = {
    "child": N_("Child"),
    "adult": N_("Adult"),
    "unknown": N_("Unknown"),
    "not_identified": N_("Not yet identified"),
    "not_recorded": N_("Not recorded"),
    "domestic": N_("Domestic"),
}


def t(message: str, lang: str, **params: Any) -> str:
    return Msg(message, **params).render(lang)


def summary_text(report: dict[str, Any], lang: str) -> str:
    totals = report["totals"]
    cases = Msg(
        "In this period {cases} opened with {victims} ({children}).",
        cases=Msg.plural("{n} case was", "{n} cases were", totals["cases"]),
        victims=Msg.plural("{n} victim", "{n} victims", totals["victims"]),
        children=Msg.plural("{n} child", "{n} children", totals["children"]),
    ).render(lang)
    status = Msg(
        "Identification status of the victims: victims of trafficking {actual}, presumed victims (diduga korban) {possible}, not yet identified {open}.",
        actual=totals.get("victims_actual", 0),
        possible=totals.get("victims_possible", 0),
        open=totals.get("victims_not_identified", 0),
    ).render(lang)
    referrals = Msg(
        "{referrals} made; {overdue}.",
        referrals=Msg.plural("{n} referral was", "{n} referrals were", totals["referrals"]),
        overdue=_overdue(totals["overdue"]),
    ).render(lang)
    if lang == "en":
        referrals = referrals[:1].upper() + referrals[1:]
    return " ".join((cases, status if totals["victims"] else "", referrals)).replace("  ", " ")


def _overdue(n: int) -> Msg:
    if n == 0:
        return Msg("none is unanswered past its deadline")
    return Msg.plural(
        "{n} is unanswered past its deadline", "{n} are unanswered past their deadline", n
    )


def format_day(day: date | str, lang: str) -> str:
    from babel.dates import format_date

    if isinstance(day, str):
        day = date.fromisoformat(day)
    return format_date(day, "d MMMM y", locale="id" if lang == "id" else "en")


def period_text(report: dict[str, Any], lang: str) -> str:
    period = report["period"]
    if not period["from"] and not period["to"]:
        return Msg("all time").render(lang)
    start = format_day(period["from"], lang) if period["from"] else "…"
    end = format_day(period["to"], lang) if period["to"] else "…"
    return Msg("Period {start} to {end}", start=start, end=end).render(lang)


# -- labelled tables ---------------------------------------------------------------
def _label(enum: Any, value: str, lang: str, unknown: str = N_("Unknown")) -> str:
    if value == UNKNOWN:
        return t(unknown, lang)
    try:
        return enum(value).label(lang)
    except ValueError:
        return value


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def median_cell(value: float | None, n: int) -> str:
    return "-" if value is None else f"{_fmt(value)} (n={n})"


def destination_label(code: str, lang: str) -> str:
    from tipref.schemas.countries import country_name

    if code == UNKNOWN:
        return Msg("Unknown").render(lang)
    if code == DOMESTIC:
        return Msg("Domestic").render(lang)
    return f"{country_name(code, lang)} ({code})"


def _with_total(rows: list[list[Any]], lang: str) -> list[list[Any]]:
    if not rows:
        return rows
    padding = [""] * (len(rows[0]) - 2)
    return [*rows, [Msg("Total").render(lang), *padding, sum(row[-1] for row in rows)]]


def _counted(enum: Any, counts: dict[str, int], lang: str, unknown: str = N_("Unknown")):
    return [[_label(enum, k, lang, unknown), n] for k, n in counts.items()]


def victim_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    cases = report["cases"]
    victims = Msg("Victims").render(lang)
    status = cases.get("by_status", {})
    return [
        table(
            "status",
            [Msg("Status").render(lang), victims],
            _with_total(_counted(TraffickingStatus, status, lang, N_("Not yet identified")), lang),
        ),
        table(
            "sex",
            [Msg("Sex").render(lang), victims],
            _with_total(_counted(Sex, cases["by_sex"], lang), lang),
        ),
        table(
            "age_band",
            [Msg("Age band").render(lang), victims],
            _with_total(
                [
                    [Msg("Unknown").render(lang) if k == UNKNOWN else k, n]
                    for k, n in cases["by_age_band"].items()
                ],
                lang,
            ),
        ),
        table(
            "child",
            [Msg("Child/adult").render(lang), victims],
            _with_total(
                [[t(VALUE_LABELS[k], lang), n] for k, n in cases["by_child"].items()], lang
            ),
        ),
        table(
            "origin",
            [Msg("District").render(lang), Msg("Sub-district").render(lang), victims],
            _with_total(
                [
                    [_unknown(o["district"], lang), _unknown(o["subdistrict"], lang), o["count"]]
                    for o in cases["by_origin"]
                ],
                lang,
            ),
        ),
        table(
            "destination",
            [Msg("Destination").render(lang), victims],
            _with_total(
                [[destination_label(k, lang), n] for k, n in cases["by_destination"].items()], lang
            ),
        ),
    ]


def case_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    cases = report["cases"]
    count_cases = Msg("Cases").render(lang)
    return [
        table(
            "exploitation",
            [Msg("Type of exploitation").render(lang), count_cases],
            _counted(Exploitation, cases["by_exploitation"], lang, N_("Not recorded")),
            note=Msg(
                "A case may have more than one type, so the counts can add up to more than the cases."
            ).render(lang),
        ),
        table(
            "recruitment",
            [Msg("Method of recruitment").render(lang), count_cases],
            _counted(RecruitmentMethod, cases["by_recruitment"], lang, N_("Not recorded")),
            note=Msg(
                "A case may have more than one type, so the counts can add up to more than the cases."
            ).render(lang),
        ),
        table(
            "role",
            [Msg("Role").render(lang), Msg("Number of persons").render(lang)],
            _with_total(_counted(Role, cases["by_role"], lang), lang),
        ),
    ]


def status_table(report: dict[str, Any], lang: str) -> dict[str, Any]:
    """Referrals by service and status, with only the statuses that occur (fewer
    columns, so the table fits A4 portrait) and a totals row."""
    by_status = report["referrals"]["by_service_status"]
    statuses = [
        s for s in ReferralStatus if any(c.get(s.value) for c in by_status.values())
    ] or list(ReferralStatus)
    rows = [
        [_label(Service, s, lang), *[c.get(st.value, 0) for st in statuses], sum(c.values())]
        for s, c in by_status.items()
    ]
    if rows:
        width = len(statuses) + 2
        rows.append(
            [Msg("Total").render(lang), *[sum(r[i] for r in rows) for i in range(1, width)]]
        )
    columns = [Msg("Service").render(lang), *[s.label(lang) for s in statuses]]
    return table("referrals", [*columns, Msg("Total").render(lang)], rows)


def referral_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    refs = report["referrals"]
    service, provider = Msg("Service").render(lang), Msg("Provider").render(lang)
    return [
        status_table(report, lang),
        table(
            "median_service",
            [
                service,
                Msg("To acceptance: median days (n)").render(lang),
                Msg("To completion: median days (n)").render(lang),
            ],
            [
                [
                    _label(Service, s, lang),
                    median_cell(m["to_acceptance"], m["accepted"]),
                    median_cell(m["to_completion"], m["completed"]),
                ]
                for s, m in refs["median_days_by_service"].items()
            ],
        ),
        table(
            "median_provider",
            [
                provider,
                Msg("To acceptance: median days (n)").render(lang),
                Msg("To completion: median days (n)").render(lang),
            ],
            [
                [
                    m["provider"],
                    median_cell(m["to_acceptance"], m.get("accepted", 0)),
                    median_cell(m["to_completion"], m.get("completed", 0)),
                ]
                for m in refs["median_days_by_provider"].values()
            ],
        ),
        table(
            "overdue",
            [
                Msg("Number").render(lang),
                service,
                provider,
                Msg("Referred on").render(lang),
                Msg("Waited / limit (days)").render(lang),
            ],
            [
                [
                    o["number"],
                    _label(Service, o["service"], lang),
                    o["provider"],
                    format_day(o["referred_on"], lang),
                    f"{o['days_waited']} / {_fmt(o['limit_days'])}",
                ]
                for o in refs["overdue"]
            ],
        ),
        table(
            "providers",
            [
                provider,
                Msg("Referrals").render(lang),
                Msg("Answered").render(lang),
                Msg("Accepted / declined").render(lang),
                Msg("Response rate").render(lang),
            ],
            [
                [
                    p["provider"],
                    p["referrals"],
                    p["answered"],
                    f"{p['accepted']} / {p['declined']}",
                    "-" if p["response_rate"] is None else f"{p['response_rate'] * 100:.0f}%",
                ]
                for p in refs["provider_response"].values()
            ],
        ),
    ]


def has_data(item: dict[str, Any]) -> bool:
    """A table with at least one non-zero count (a table of zeros says nothing)."""
    cells = [v for row in item["rows"] for v in row[1:]]
    return any(v not in (0, "", "-", "0") for v in cells)


def table(
    table_id: str, columns: list[str], rows: list[list[Any]], note: str = ""
) -> dict[str, Any]:
    return {"id": table_id, "columns": columns, "rows": rows, "note": note}


def report_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Each table as {id, title, columns, rows, note} with labels in ``lang``."""
    tables = victim_tables(report, lang) + case_tables(report, lang) + referral_tables(report, lang)
    tables += legal_tables(report, lang)
    for item in tables:
        item["title"] = t(TABLE_TITLES[item["id"]], lang)
    return tables


def _unknown(text: str, lang: str) -> str:
    return Msg("Unknown").render(lang) if text == UNKNOWN else text


def commitments_in_period(book: Book, report: dict[str, Any]) -> list[Any]:
    """The commitment documents signed at meetings held in the report's period."""
    from tipref.schemas.commitment import Commitment

    if book is None:
        return []
    start, end = report["period"]["from"], report["period"]["to"]
    found = [
        c
        for c in book.all(Commitment)
        if (not start or c.held_on.isoformat() >= start)
        and (not end or c.held_on.isoformat() <= end)
    ]
    return sorted(found, key=lambda c: (c.held_on, c.number))
