"""Word building blocks of the evaluation report: page, letterhead, tables, charts,
placeholders. The letters' font (Arial) and A4 portrait, as templates/build_templates.py.

python-docx and matplotlib are imported inside the functions: they are slow to import.
"""

from __future__ import annotations

import io
from typing import Any

from tipref.schemas.text import for_xml

FONT = "Arial"
TABLE_FONT_PT = 9
TEXT_WIDTH_CM = 16.5  # A4 21 cm less 2.5 cm + 2.0 cm margins
CHART_WIDTH_CM = 13.0
# A bold 9 pt character is at most about 0.23 cm wide (Arial, or DejaVu Sans where Arial
# is missing); a cell has about 0.2 cm of padding on each side.
CHAR_CM = 0.23
CELL_PADDING_CM = 0.45


def new_document() -> Any:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
        style = document.styles[name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 12), ("Heading 2", 11)):
        heading = document.styles[name]
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.color.rgb = None
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    return document


def paragraph(
    document: Any,
    text: str = "",
    bold: bool = False,
    size: float | None = None,
    align: str | None = None,
    space_after: float | None = None,
    indent_cm: float | None = None,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    item = document.add_paragraph()
    if text:
        run = item.add_run(for_xml(text))  # nothing XML cannot hold reaches the .docx
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align:
        item.alignment = getattr(WD_ALIGN_PARAGRAPH, align)
    if space_after is not None:
        item.paragraph_format.space_after = Pt(space_after)
    if indent_cm is not None:
        item.paragraph_format.left_indent = Cm(indent_cm)
    return item


def placeholder(item: Any, text: str) -> None:
    """A part a person must write: in brackets, italic, highlighted yellow."""
    from docx.enum.text import WD_COLOR_INDEX

    run = item.add_run(text)
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def bottom_border(item: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "18"), ("w:space", "1")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    item._p.get_or_add_pPr().append(borders)


def letterhead(document: Any, lines: list[str], name: str, address: str, contact: str) -> None:
    """Kop surat: the hierarchy, the unit's name, address and contacts, a double rule."""
    for line in lines:
        paragraph(document, line.upper(), bold=True, size=12, align="CENTER", space_after=0)
    paragraph(document, name.upper(), bold=True, size=13, align="CENTER", space_after=0)
    if address:
        paragraph(document, address, size=9.5, align="CENTER", space_after=0)
    last = paragraph(document, contact, size=9.5, align="CENTER", space_after=10)
    bottom_border(last)


def labelled_lines(
    document: Any, rows: list[tuple[str, str]], right: str = "", fill_first: str = ""
) -> None:
    """Nomor / Sifat / Lampiran / Hal with aligned colons; ``right`` (place and date) on
    the line of Nomor, at the right margin; ``fill_first`` marks an empty Nomor."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm

    for index, (label, value) in enumerate(rows):
        item = paragraph(document, space_after=0)
        stops = item.paragraph_format.tab_stops
        stops.add_tab_stop(Cm(2.3))
        stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
        item.paragraph_format.left_indent = Cm(2.6)
        item.paragraph_format.first_line_indent = Cm(-2.6)
        item.add_run(for_xml(f"{label}\t: {value}"))
        if index == 0 and fill_first and not value:
            placeholder(item, fill_first)
        if index == 0 and right:
            item.add_run(f"\t{right}")


def column_widths(columns: list[str], rows: list[list[Any]]) -> list[float]:
    """Widths in cm for A4 portrait: numbers narrow, text columns share the rest by the
    length of their longest word and their text, so no word has to break."""
    longest_word = [
        max((len(w) for v in [c, *[r[i] for r in rows]] for w in str(v).split()), default=1)
        for i, c in enumerate(columns)
    ]
    longest_text = [
        max(len(str(v)) for v in [c, *[r[i] for r in rows]]) for i, c in enumerate(columns)
    ]
    minimum = [max(1.4, CHAR_CM * word + CELL_PADDING_CM) for word in longest_word]
    weights = [min(text, 40) for text in longest_text]
    spare = max(0.0, TEXT_WIDTH_CM - sum(minimum))
    total = sum(weights) or 1
    widths = [m + spare * w / total for m, w in zip(minimum, weights, strict=True)]
    scale = min(1.0, TEXT_WIDTH_CM / sum(widths))
    return [w * scale for w in widths]


def _set_widths(grid: Any, widths: list[float]) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Cm

    grid.autofit = False
    for column, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(int(width * 567)))
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def _row_flag(row: Any, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _cell(cell: Any, value: Any, bold: bool = False, number: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    item = cell.paragraphs[0]
    run = item.add_run(for_xml("" if value is None else str(value)))
    run.bold = bold
    run.font.size = Pt(TABLE_FONT_PT)
    item.paragraph_format.space_after = Pt(0)
    if number:
        item.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def data_table(document: Any, columns: list[str], rows: list[list[Any]]) -> Any:
    """A table with a header row repeated on each page and rows that never split."""
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    for cell, heading in zip(grid.rows[0].cells, columns, strict=True):
        _cell(cell, heading, bold=True)
    _row_flag(grid.rows[0], "tblHeader")
    _row_flag(grid.rows[0], "cantSplit")
    for row in rows:
        cells = grid.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, row, strict=False)):
            _cell(cell, value, number=index > 0 and _numeric(value))
        _row_flag(grid.rows[-1], "cantSplit")
    _set_widths(grid, column_widths(columns, rows))
    return grid


def _numeric(value: Any) -> bool:
    text = str(value).replace("%", "").replace(" / ", "").replace("(n=", "").replace(")", "")
    return text.replace(".", "").replace(" ", "").isdigit()


def bar_chart(labels: list[str], series: list[tuple[str, list[int]]], axis: str) -> bytes:
    """A horizontal bar chart (stacked when there is more than one series) as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import logging

    from matplotlib import pyplot as plt

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # no Arial: no noise
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = ["Arial", "Liberation Sans", "DejaVu Sans"]
    figure, axes = plt.subplots(figsize=(6.2, 0.42 * len(labels) + 1.3), dpi=110)
    try:
        left = [0] * len(labels)
        colours = ["#3b6ea5", "#7fb069", "#e4b363", "#c94c4c", "#9e9e9e", "#5d4e8c"]
        for (name, values), colour in zip(series, colours * 3, strict=False):
            axes.barh(labels[::-1], values[::-1], left=left[::-1], color=colour, label=name)
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_xlabel(axis)
        axes.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
        for spine in ("top", "right"):
            axes.spines[spine].set_visible(False)
        if len(series) > 1:
            axes.legend(fontsize=8, frameon=False, loc="lower right")
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)


def picture(document: Any, png: bytes) -> None:
    from docx.shared import Cm

    document.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    document.paragraphs[-1].alignment = 1  # centred


def keep_with_next(item: Any) -> None:
    item.paragraph_format.keep_with_next = True
