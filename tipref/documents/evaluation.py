"""The six-monthly evaluation report of the PPT / UPTD PPA to the head of region (Bupati),
with a copy to the task force (PP 9/2008; DOMAIN §5 gives its parts): letterhead, number,
addressee, opening, legal basis, activities, results per service, obstacles,
recommendations, commitments, closing, signature, copies. Text is drafted from the
counts; what a person must write is marked "[diisi oleh …]" and highlighted.
Also the Excel workbook (one sheet per table).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.documents import evaluation_layout as layout
from tipref.documents.evaluation_text import TEXT
from tipref.i18n import N_, Msg
from tipref.reporting.report_text import (
    commitments_in_period,
    format_day,
    period_text,
    report_tables,
    summary_text,
)
from tipref.schemas.enums import ReferralStatus, Service
from tipref.schemas.text import for_xml
from tipref.storage.atomic import atomic_write_bytes

if TYPE_CHECKING:
    from tipref.book.casebook import Book

# Tables drawn as charts, right after the table; the referrals chart stacks the statuses.
CHARTS = {
    "referrals": N_("Number of referrals"),
    "sex": N_("Number of victims"),
    "age_band": N_("Number of victims"),
    "destination": N_("Number of victims"),
    "exploitation": N_("Number of cases"),
}
VICTIM_TABLES = ("status", "sex", "age_band", "child", "origin", "destination", "exploitation")
REFERRAL_TABLES = ("referrals", "median_service", "median_provider", "providers", "overdue")


@dataclass
class ReportOptions:
    """Who the report is from and to; empty values come from the book's settings."""

    number: str = ""
    addressee: str = ""
    addressee_city: str = ""
    signer_name: str = ""
    signer_position: str = ""
    signer_nip: str = ""
    copies: list[str] = field(default_factory=list)


@dataclass
class ReportParties:
    organisation: str
    lines: list[str]
    address: str
    contact: str
    city: str
    addressee: str
    addressee_city: str
    signer_name: str
    signer_position: str
    signer_nip: str
    copies: list[str]


def parties(book: Book, options: ReportOptions, lang: str) -> ReportParties:
    """Options first, then the book's settings (organisation, signer, task_force)."""
    settings = book.settings
    org, task_force, signer = settings.organisation, settings.task_force, settings.signer
    postal = getattr(org, "postal_code", "")
    website = getattr(org, "website", "")
    return ReportParties(
        organisation=org.name,
        lines=list(getattr(org, "hierarchy", []) or []),
        address=", ".join(x for x in (org.address, postal) if x),
        contact=" · ".join(x for x in (org.phone, org.email, website) if x),
        city=org.city,
        addressee=options.addressee or task_force.head_of_region,
        addressee_city=options.addressee_city or task_force.head_of_region_city or org.city,
        signer_name=options.signer_name or signer.name,
        signer_position=options.signer_position or signer.position,
        signer_nip=options.signer_nip or signer.nip,
        copies=options.copies or [task_force.chair_position or TEXT[lang]["copy_default"]],
    )


# -- the parts -----------------------------------------------------------------------
def heading_block(
    document: Any, who: ReportParties, report: dict[str, Any], options: ReportOptions, lang: str
) -> None:
    text = TEXT[lang]
    layout.letterhead(document, who.lines, who.organisation, who.address, who.contact)
    today = format_day(clock.today(), lang)
    subject = text["subject_value"].format(period=period_text(report, lang))
    layout.labelled_lines(
        document,
        [
            (text["number"], options.number or ""),
            (text["nature"], text["nature_value"]),
            (text["attachment"], "-"),
            (text["subject"], subject),
        ],
        right=f"{who.city}, {today}" if who.city else today,
        fill_first=text["fill_number"],
    )
    layout.paragraph(document, space_after=6)
    to = layout.paragraph(document, f"{text['to']} ", space_after=0)
    if who.addressee:
        to.add_run(for_xml(who.addressee))
    else:
        layout.placeholder(to, text["fill_addressee"])
    layout.paragraph(document, text["at"], space_after=0, indent_cm=1.0)
    layout.paragraph(document, who.addressee_city or "…", space_after=10, indent_cm=1.0)
    title = (
        Msg("Six-monthly evaluation report of the integrated service for victims of trafficking")
        .render(lang)
        .upper()
    )
    layout.paragraph(document, title, bold=True, align="CENTER", space_after=0)
    layout.paragraph(document, period_text(report, lang), align="CENTER", space_after=0)
    as_of = Msg("Data as of {day}", day=format_day(report["period"]["as_of"], lang)).render(lang)
    layout.paragraph(document, as_of, align="CENTER", space_after=8)


def section(document: Any, index: int, lang: str) -> None:
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
    document.add_heading(f"{numerals[index]}. {TEXT[lang]['sections'][index]}", level=1)


def numbered(document: Any, items: list[str]) -> None:
    for number, item in enumerate(items, start=1):
        entry = layout.paragraph(document, f"{number}. {item}", indent_cm=0.6, space_after=2)
        entry.paragraph_format.first_line_indent = layout_cm(-0.6)


def layout_cm(value: float) -> Any:
    from docx.shared import Cm

    return Cm(value)


def filled(document: Any, prompt: str) -> None:
    layout.placeholder(layout.paragraph(document), prompt)


def opening(document: Any, who: ReportParties, report: dict[str, Any], lang: str) -> None:
    section(document, 0, lang)
    layout.paragraph(
        document,
        TEXT[lang]["opening"].format(
            org=who.organisation or "…",
            period=period_text(report, lang).lower() if lang == "id" else period_text(report, lang),
            as_of=format_day(report["period"]["as_of"], lang),
        ),
        align="JUSTIFY",
    )
    section(document, 1, lang)
    numbered(document, list(TEXT[lang]["basis"]))
    filled(document, TEXT[lang]["fill_basis"])


def activities(
    document: Any, who: ReportParties, report: dict[str, Any], commitments: list[Any], lang: str
) -> None:
    text = TEXT[lang]
    section(document, 2, lang)
    layout.paragraph(document, summary_text(report, lang), align="JUSTIFY")
    for item in commitments:
        layout.paragraph(
            document,
            text["meeting"].format(
                day=format_day(item.held_on, lang),
                place=item.place,
                number=item.number,
                count=people(len(item.signatories), lang),
            ),
            align="JUSTIFY",
        )
    filled(document, text["fill_activities"].format(signer=who.signer_position or "…"))


def people(count: int, lang: str) -> str:
    if lang == "id":
        return f"{count} orang"
    return f"{count} participant" if count == 1 else f"{count} participants"


def service_lines(report: dict[str, Any], lang: str) -> list[str]:
    """One sentence per service, drafted from the counts."""
    refs = report["referrals"]
    lines = []
    for service, statuses in refs["by_service_status"].items():
        parts = ", ".join(
            f"{ReferralStatus(s).label(lang).lower()} {n}" for s, n in statuses.items() if n
        )
        line = TEXT[lang]["service_line"].format(
            service=Service(service).label(lang),
            total=Msg.plural("{n} referral", "{n} referrals", sum(statuses.values())).render(lang),
            statuses=parts,
        )
        median = refs["median_days_by_service"].get(service)
        if median and median["to_acceptance"] is not None:
            days = f"{median['to_acceptance']:g}"
            line += TEXT[lang]["median_line"].format(days=days, n=median["accepted"])
        lines.append(line)
    return lines


def tables_part(
    document: Any, tables: dict[str, dict[str, Any]], ids: tuple[str, ...], lang: str
) -> None:
    for table_id in ids:
        table = tables[table_id]
        document.add_heading(table["title"], level=2)
        if not table["rows"]:
            layout.paragraph(document, TEXT[lang]["no_data"])
            continue
        layout.data_table(document, table["columns"], table["rows"])
        if table.get("note"):
            layout.paragraph(document, table["note"], size=8.5)
        chart = chart_for(table, lang)
        if chart:
            layout.picture(document, chart)


def chart_for(table: dict[str, Any], lang: str) -> bytes | None:
    """The chart of a table, or None when it has no data (no empty chart, no empty heading)."""
    axis_key = CHARTS.get(table["id"])
    if not axis_key:
        return None
    total_label = Msg("Total").render(lang)
    rows = [r for r in table["rows"] if r[0] != total_label]
    if not rows or not any(r[-1] for r in rows):
        return None
    axis = Msg(axis_key).render(lang)
    if table["id"] == "referrals":
        statuses = table["columns"][1:-1]
        series = [(name, [r[i + 1] for r in rows]) for i, name in enumerate(statuses)]
        series = [(name, values) for name, values in series if any(values)]
        return layout.bar_chart([str(r[0]) for r in rows], series, axis)
    return layout.bar_chart([str(r[0]) for r in rows], [("", [r[-1] for r in rows])], axis)


def results(document: Any, report: dict[str, Any], lang: str) -> None:
    text = TEXT[lang]
    section(document, 3, lang)
    tables = {t["id"]: t for t in report_tables(report, lang)}
    document.add_heading(text["referrals_heading"], level=2)
    for line in service_lines(report, lang):
        layout.paragraph(document, line, indent_cm=0.4)
    tables_part(document, tables, REFERRAL_TABLES, lang)
    document.add_heading(text["victims_heading"], level=2)
    layout.paragraph(document, summary_text(report, lang), align="JUSTIFY")
    tables_part(document, tables, VICTIM_TABLES, lang)


def obstacles(document: Any, who: ReportParties, report: dict[str, Any], lang: str) -> None:
    text = TEXT[lang]
    totals = report["totals"]
    declined = sum(s.get("declined", 0) for s in report["referrals"]["by_service_status"].values())
    found = []
    if totals["overdue"]:
        found.append(
            text["obstacle_overdue"].format(
                count=Msg.plural("{n} referral", "{n} referrals", totals["overdue"]).render(lang)
            )
        )
    if declined:
        found.append(
            text["obstacle_declined"].format(
                count=Msg.plural("{n} referral", "{n} referrals", declined).render(lang)
            )
        )
    if totals.get("victims_not_identified"):
        found.append(
            text["obstacle_open"].format(
                count=Msg.plural(
                    "{n} victim", "{n} victims", totals["victims_not_identified"]
                ).render(lang)
            )
        )
    section(document, 4, lang)
    numbered(document, found)
    filled(document, text["fill_obstacles"].format(signer=who.signer_position or "…"))
    section(document, 5, lang)
    numbered(document, [text["recommend_overdue"]] if totals["overdue"] else [])
    filled(document, text["fill_recommendations"].format(signer=who.signer_position or "…"))


def commitments_part(document: Any, commitments: list[Any], lang: str) -> None:
    text = TEXT[lang]
    section(document, 6, lang)
    if not commitments:
        layout.paragraph(document, text["no_commitments"])
    for item in commitments:
        title = item.english.title if lang == "en" and item.english.title else item.title
        document.add_heading(f"{title} ({format_day(item.held_on, lang)})", level=2)
        layout.paragraph(
            document,
            text["meeting"].format(
                day=format_day(item.held_on, lang),
                place=item.place,
                number=item.number,
                count=people(len(item.signatories), lang),
            ),
        )
        points = item.english.points if lang == "en" and item.english.points else item.points
        for number, point in enumerate(points, start=1):
            layout.paragraph(document, f"{number}. {point}", indent_cm=0.6, space_after=0)
            follow = layout.paragraph(document, text["follow_up"], indent_cm=1.0, size=10)
            layout.placeholder(follow, text["fill_follow_up"])


def closing(document: Any, who: ReportParties, lang: str) -> None:
    text = TEXT[lang]
    section(document, 7, lang)
    layout.paragraph(document, text["closing"], align="JUSTIFY", space_after=12)
    block = [who.signer_position or "…"]
    for line in block:
        layout.keep_with_next(layout.paragraph(document, line, indent_cm=8.5, space_after=0))
    for _ in range(3):
        layout.keep_with_next(layout.paragraph(document, space_after=0))
    name = layout.paragraph(document, indent_cm=8.5, space_after=0)
    if who.signer_name:
        run = name.add_run(for_xml(who.signer_name))
        run.bold, run.underline = True, True
    else:
        layout.placeholder(name, text["fill_signer"])
    if who.signer_nip:
        layout.paragraph(document, f"NIP {who.signer_nip}", indent_cm=8.5)
    layout.paragraph(
        document, text["copies"], space_after=0
    ).paragraph_format.space_before = layout_cm(0.4)
    numbered(document, who.copies)


def write_docx(
    report: dict[str, Any],
    path: Path,
    lang: str,
    book: Book,
    options: ReportOptions | None = None,
) -> Path:
    options = options or ReportOptions()
    who = parties(book, options, lang)
    commitments = commitments_in_period(book, report)
    document = layout.new_document()
    heading_block(document, who, report, options, lang)
    opening(document, who, report, lang)
    activities(document, who, report, commitments, lang)
    results(document, report, lang)
    obstacles(document, who, report, lang)
    commitments_part(document, commitments, lang)
    closing(document, who, lang)
    return _save(document, path)


def _save(document: Any, path: Path) -> Path:
    buffer = io.BytesIO()
    document.save(buffer)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    return path


# -- Excel -----------------------------------------------------------------------------
def sheet_title(text: str, used: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", "-", text)[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def write_xlsx(report: dict[str, Any], path: Path, lang: str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in report_tables(report, lang):
        sheet = workbook.create_sheet(sheet_title(table["title"], used))
        sheet.append(table["columns"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            sheet.append([for_xml(value) for value in row])
        for column, heading in zip(sheet.columns, table["columns"], strict=False):
            width = max(len(str(heading)), *(len(str(c.value or "")) for c in column))
            sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    return path
