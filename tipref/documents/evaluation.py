"""The six-monthly evaluation as a Word document (cover, summary, tables, charts,
commitments) and as an Excel workbook (one sheet per table).

python-docx, openpyxl and matplotlib are imported inside the functions: they are slow
to import and only these two outputs need them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.i18n import Msg
from tipref.reporting.report import commitments_in_period, period_text, report_tables, summary_text
from tipref.schemas.text import for_xml
from tipref.storage.atomic import atomic_write_bytes

# Tables drawn as bar charts in the document, in this order.
CHART_TABLES = ("sex", "age_band", "exploitation", "destination", "referrals")


def _chart_png(table: dict[str, Any]) -> bytes | None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    if not table["rows"]:
        return None
    labels = [str(row[0]) for row in table["rows"]]
    values = [row[-1] for row in table["rows"]]  # the count, or the referrals' total
    figure, axes = plt.subplots(figsize=(6.0, 0.45 * len(labels) + 1.2), dpi=110)
    try:
        axes.barh(labels[::-1], values[::-1], color="#3b6ea5")
        axes.set_title(table["title"])
        axes.xaxis.get_major_locator().set_params(integer=True)
        for spine in ("top", "right"):
            axes.spines[spine].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)


def write_docx(report: dict[str, Any], path: Path, lang: str, book: Any = None) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    def t(key: str, **params: Any) -> str:
        return Msg(key, **params).render(lang)

    from babel.dates import format_date

    organisation = book.settings.organisation.name if book is not None else ""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    # cover
    for _ in range(6):
        document.add_paragraph()
    title = document.add_heading(t("report.title"), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (
        organisation,
        period_text(report, lang),
        t(
            "report.prepared_by",
            org=organisation or "tipref",
            day=format_date(clock.today(), "d MMMM y", locale=lang),
        ),
    ):
        if text:
            paragraph = document.add_paragraph(text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_page_break()

    document.add_heading(t("report.summary_heading"), level=1)
    document.add_paragraph(summary_text(report, lang))

    tables = report_tables(report, lang)
    document.add_heading(t("report.tables"), level=1)
    for table in tables:
        document.add_heading(table["title"], level=2)
        if not table["rows"]:
            document.add_paragraph(Msg("nothing.found").render(lang))
            continue
        grid = document.add_table(rows=1, cols=len(table["columns"]))
        grid.style = "Table Grid"
        for cell, heading in zip(grid.rows[0].cells, table["columns"], strict=False):
            cell.text = str(heading)
            for run in cell.paragraphs[0].runs:
                run.font.bold = True
        for row in table["rows"]:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                cell.text = "" if value is None else str(value)

    document.add_heading(t("report.charts"), level=1)
    by_id = {table["id"]: table for table in tables}
    for table_id in CHART_TABLES:
        png = _chart_png(by_id[table_id])
        if png:
            document.add_picture(io.BytesIO(png), width=Cm(15))

    document.add_heading(t("report.commitments"), level=1)
    commitments = commitments_in_period(book, report)
    if not commitments:
        document.add_paragraph(t("report.no_commitments"))
    for item in commitments:
        heading = " — ".join(x for x in (item["title"], item["date"], item["place"]) if x)
        document.add_heading(str(heading), level=2)
        for text in item["commitments"]:
            document.add_paragraph(str(text), style="List Number")

    buffer = io.BytesIO()
    document.save(buffer)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    return path


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
