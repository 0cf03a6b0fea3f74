"""The evaluation's counts as labelled tables and sentences, in Indonesian or English.

Works on the JSON of :func:`tipref.reporting.report.build_report`, so the terminal, the
Word document and Excel show the same figures. English counts agree with their nouns
("1 child", "2 children"); Indonesian nouns do not change.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tipref.i18n import Msg, register_messages
from tipref.privacy.ageband import UNKNOWN
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

MESSAGES = {
    "report.title": {
        "id": "Laporan Evaluasi Enam Bulanan Pelayanan Terpadu bagi Saksi dan/atau Korban TPPO",
        "en": "Six-monthly evaluation report of the integrated service for victims of trafficking",
    },
    "report.period": {"id": "Periode {start} s.d. {end}", "en": "Period {start} to {end}"},
    "report.all_time": {"id": "seluruh waktu", "en": "all time"},
    "report.as_of": {"id": "Data per {day}", "en": "Data as of {day}"},
    "report.s.cases": {
        "id": "Dalam periode ini dibuka {cases} dengan {victims} ({children}).",
        "en": "In this period {cases} opened with {victims} ({children}).",
    },
    "report.s.status": {
        "id": "Status identifikasi korban: korban TPPO {actual} orang, diduga korban {possible} "
        "orang, belum ditetapkan {open} orang.",
        "en": "Identification status of the victims: victims of trafficking {actual}, presumed "
        "victims (diduga korban) {possible}, not yet identified {open}.",
    },
    "report.s.referrals": {
        "id": "Dibuat {referrals}; {overdue} belum dijawab melewati batas waktu.",
        "en": "{referrals} made; {overdue}.",
    },
    "report.n.case": {
        "id": "{n} kasus",
        "en": "{n} cases",
        "en1": "{n} case was",
        "enN": "{n} cases were",
    },
    "report.n.victim": {
        "id": "{n} korban",
        "en": "{n} victims",
        "en1": "{n} victim",
        "enN": "{n} victims",
    },
    "report.n.child": {
        "id": "{n} anak",
        "en": "{n} children",
        "en1": "{n} child",
        "enN": "{n} children",
    },
    "report.n.referral": {
        "id": "{n} rujukan",
        "en": "{n} referrals",
        "en1": "{n} referral was",
        "enN": "{n} referrals were",
    },
    "report.n.overdue": {
        "id": "{n} rujukan",
        "en": "{n} are unanswered past their deadline",
        "en0": "none is unanswered past its deadline",
        "en1": "{n} is unanswered past its deadline",
        "enN": "{n} are unanswered past their deadline",
    },
    "report.t.status": {
        "id": "Korban menurut status identifikasi",
        "en": "Victims by identification status",
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
        "id": "Korban menurut tujuan eksploitasi",
        "en": "Victims by place of exploitation",
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
        "id": "Lama layanan menurut layanan (median hari)",
        "en": "Time taken by service (median days)",
    },
    "report.t.median_provider": {
        "id": "Lama layanan menurut lembaga (median hari)",
        "en": "Time taken by provider (median days)",
    },
    "report.t.overdue": {"id": "Rujukan terlambat dijawab", "en": "Overdue referrals"},
    "report.t.providers": {"id": "Tanggapan lembaga atas rujukan", "en": "Provider response"},
    "report.c.count": {"id": "Jumlah", "en": "Count"},
    "report.c.victims": {"id": "Jumlah korban", "en": "Victims"},
    "report.c.cases": {"id": "Jumlah kasus", "en": "Cases"},
    "report.c.persons": {"id": "Jumlah orang", "en": "Persons"},
    "report.c.status": {"id": "Status", "en": "Status"},
    "report.c.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "report.c.age_band": {"id": "Kelompok umur", "en": "Age band"},
    "report.c.age_group": {"id": "Anak/dewasa", "en": "Child/adult"},
    "report.c.role": {"id": "Peran", "en": "Role"},
    "report.c.destination": {"id": "Tujuan", "en": "Destination"},
    "report.c.exploitation": {"id": "Jenis eksploitasi", "en": "Type of exploitation"},
    "report.c.recruitment": {"id": "Cara perekrutan", "en": "Method of recruitment"},
    "report.c.district": {"id": "Kabupaten/kota", "en": "District"},
    "report.c.subdistrict": {"id": "Kecamatan", "en": "Sub-district"},
    "report.c.total": {"id": "Jumlah", "en": "Total"},
    "report.c.to_accept": {
        "id": "Sampai diterima: median hari (n)",
        "en": "To acceptance: median days (n)",
    },
    "report.c.to_complete": {
        "id": "Sampai selesai: median hari (n)",
        "en": "To completion: median days (n)",
    },
    "report.c.referrals": {"id": "Rujukan", "en": "Referrals"},
    "report.c.answered": {"id": "Dijawab", "en": "Answered"},
    "report.c.accepted_declined": {"id": "Diterima / ditolak", "en": "Accepted / declined"},
    "report.c.rate": {"id": "Tingkat tanggapan", "en": "Response rate"},
    "report.c.waited": {"id": "Menunggu / batas (hari)", "en": "Waited / limit (days)"},
    "report.v.child": {"id": "Anak", "en": "Child"},
    "report.v.adult": {"id": "Dewasa", "en": "Adult"},
    "report.v.unknown": {"id": "Tidak diketahui", "en": "Unknown"},
    "report.v.not_identified": {"id": "Belum ditetapkan", "en": "Not yet identified"},
    "report.v.not_recorded": {"id": "Tidak dicatat", "en": "Not recorded"},
    "report.v.domestic": {"id": "Dalam negeri", "en": "Domestic"},
    "report.note.multiple": {
        "id": "Satu kasus dapat mempunyai lebih dari satu jenis; jumlahnya bisa melebihi jumlah kasus.",
        "en": "A case may have more than one type, so the counts can add up to more than the cases.",
    },
    "report.written": {"id": "Laporan ditulis ke {path}", "en": "Report written to {path}"},
}
register_messages({k: {"id": v["id"], "en": v["en"]} for k, v in MESSAGES.items()})


def t(key: str, lang: str, **params: Any) -> str:
    return Msg(key, **params).render(lang)


def count_text(key: str, n: int, lang: str, verb: bool = False) -> str:
    """'3 kasus'; '1 case' / '3 cases'; with ``verb``: '1 case was' / '3 cases were'."""
    texts = MESSAGES[key]
    if lang != "en":
        return texts["id"].format(n=n)
    if n == 0 and "en0" in texts:
        return texts["en0"].format(n=n)
    if verb:
        return (texts["en1"] if n == 1 else texts["enN"]).format(n=n)
    if n == 1:
        return texts["en1"].format(n=n).removesuffix(" was")
    return texts["en"].format(n=n)


def summary_text(report: dict[str, Any], lang: str) -> str:
    totals = report["totals"]
    cases = t(
        "report.s.cases",
        lang,
        cases=count_text("report.n.case", totals["cases"], lang, verb=True),
        victims=count_text("report.n.victim", totals["victims"], lang),
        children=count_text("report.n.child", totals["children"], lang),
    )
    status = t(
        "report.s.status",
        lang,
        actual=totals.get("victims_actual", 0),
        possible=totals.get("victims_possible", 0),
        open=totals.get("victims_not_identified", 0),
    )
    referrals = t(
        "report.s.referrals",
        lang,
        referrals=count_text("report.n.referral", totals["referrals"], lang, verb=True),
        overdue=count_text("report.n.overdue", totals["overdue"], lang),
    )
    if lang == "en":
        referrals = referrals[:1].upper() + referrals[1:]
    return " ".join((cases, status if totals["victims"] else "", referrals)).replace("  ", " ")


def format_day(day: date | str, lang: str) -> str:
    from babel.dates import format_date

    if isinstance(day, str):
        day = date.fromisoformat(day)
    return format_date(day, "d MMMM y", locale="id" if lang == "id" else "en")


def period_text(report: dict[str, Any], lang: str) -> str:
    period = report["period"]
    if not period["from"] and not period["to"]:
        return t("report.all_time", lang)
    start = format_day(period["from"], lang) if period["from"] else "…"
    end = format_day(period["to"], lang) if period["to"] else "…"
    return t("report.period", lang, start=start, end=end)


# -- labelled tables ---------------------------------------------------------------
def _label(enum: Any, value: str, lang: str, unknown: str = "report.v.unknown") -> str:
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
        return t("report.v.unknown", lang)
    if code == DOMESTIC:
        return t("report.v.domestic", lang)
    return f"{country_name(code, lang)} ({code})"


def _with_total(rows: list[list[Any]], lang: str) -> list[list[Any]]:
    if not rows:
        return rows
    padding = [""] * (len(rows[0]) - 2)
    return [*rows, [t("report.c.total", lang), *padding, sum(row[-1] for row in rows)]]


def _counted(enum: Any, counts: dict[str, int], lang: str, unknown: str = "report.v.unknown"):
    return [[_label(enum, k, lang, unknown), n] for k, n in counts.items()]


def victim_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    cases = report["cases"]
    victims = t("report.c.victims", lang)
    status = cases.get("by_status", {})
    return [
        table(
            "status",
            [t("report.c.status", lang), victims],
            _with_total(_counted(TraffickingStatus, status, lang, "report.v.not_identified"), lang),
        ),
        table(
            "sex",
            [t("report.c.sex", lang), victims],
            _with_total(_counted(Sex, cases["by_sex"], lang), lang),
        ),
        table(
            "age_band",
            [t("report.c.age_band", lang), victims],
            _with_total(
                [
                    [t("report.v.unknown", lang) if k == UNKNOWN else k, n]
                    for k, n in cases["by_age_band"].items()
                ],
                lang,
            ),
        ),
        table(
            "child",
            [t("report.c.age_group", lang), victims],
            _with_total(
                [[t(f"report.v.{k}", lang), n] for k, n in cases["by_child"].items()], lang
            ),
        ),
        table(
            "origin",
            [t("report.c.district", lang), t("report.c.subdistrict", lang), victims],
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
            [t("report.c.destination", lang), victims],
            _with_total(
                [[destination_label(k, lang), n] for k, n in cases["by_destination"].items()], lang
            ),
        ),
    ]


def case_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    cases = report["cases"]
    count_cases = t("report.c.cases", lang)
    return [
        table(
            "exploitation",
            [t("report.c.exploitation", lang), count_cases],
            _counted(Exploitation, cases["by_exploitation"], lang, "report.v.not_recorded"),
            note=t("report.note.multiple", lang),
        ),
        table(
            "recruitment",
            [t("report.c.recruitment", lang), count_cases],
            _counted(RecruitmentMethod, cases["by_recruitment"], lang, "report.v.not_recorded"),
            note=t("report.note.multiple", lang),
        ),
        table(
            "role",
            [t("report.c.role", lang), t("report.c.persons", lang)],
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
            [t("report.c.total", lang), *[sum(r[i] for r in rows) for i in range(1, width)]]
        )
    columns = [Msg("col.service").render(lang), *[s.label(lang) for s in statuses]]
    return table("referrals", [*columns, t("report.c.total", lang)], rows)


def referral_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    refs = report["referrals"]
    service, provider = Msg("col.service").render(lang), Msg("col.provider").render(lang)
    return [
        status_table(report, lang),
        table(
            "median_service",
            [service, t("report.c.to_accept", lang), t("report.c.to_complete", lang)],
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
            [provider, t("report.c.to_accept", lang), t("report.c.to_complete", lang)],
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
                Msg("col.number").render(lang),
                service,
                provider,
                Msg("col.referred_on").render(lang),
                t("report.c.waited", lang),
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
                t("report.c.referrals", lang),
                t("report.c.answered", lang),
                t("report.c.accepted_declined", lang),
                t("report.c.rate", lang),
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
    for item in tables:
        item["title"] = t(f"report.t.{item['id']}", lang)
    return tables


def _unknown(text: str, lang: str) -> str:
    return t("report.v.unknown", lang) if text == UNKNOWN else text


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
