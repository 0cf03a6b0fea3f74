"""The informed-consent statement and privacy notice (``consent-{id,en}.docx``), with the
helpers of ``build_templates.py`` and ``build_sop.py``. Written by
``python templates/build_templates.py``; the wording is ``CONSENT_TEXT`` in
``tipref/documents/consent_form.py``, which also gives a bilingual form its second language.
"""

from __future__ import annotations

from build_sop import label_table, numbered_loop, sop_document
from build_templates import (
    HERE,
    cell_text,
    keep_with_next,
    no_borders,
    para,
    row_property,
    widths,
)
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm


def consent_text() -> dict[str, dict[str, str]]:
    """The wording lives in tipref (it is also the second language of a bilingual form)."""
    import sys

    sys.path.insert(0, str(HERE.parent))
    from tipref.documents.consent_form import CONSENT_TEXT

    return CONSENT_TEXT


def bilingual(doc, text: str, key: str, bold: bool = False, size: float | None = None) -> None:
    """A paragraph, and under it (on a bilingual form) the same in the other language."""
    first = para(doc, text, bold=bold, size=size, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=1)
    if bold:
        keep_with_next(first)
    para(doc, "{%p if bilingual %}")
    second = para(
        doc,
        "{{ other." + key + " }}",
        size=(size or 11) - 1.5,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        space_after=1,
    )
    if bold:
        keep_with_next(second)
    para(doc, "{%p endif %}")
    if not bold:
        para(doc, "", space_after=2)


def consent_signatures(doc, text: dict[str, str]) -> None:
    """Person (and, for a child, parent or guardian) on the left, officer on the right."""
    place = para(doc, "{{ place_date }}", space_after=4)
    place.paragraph_format.left_indent = Cm(9.5)
    keep_with_next(place)
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    widths(table, 8.25, 8.25)
    row_property(table.rows[0], "cantSplit")
    left, right = table.rows[0].cells
    cell_text(left, text["person_sign"], align=WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(right, text["officer_sign"], align=WD_ALIGN_PARAGRAPH.CENTER)
    for cell, name in ((left, "({{ name }})"), (right, "({{ officer }})")):
        for _ in range(3):
            cell.add_paragraph()
        cell.add_paragraph(name).alignment = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "{%p if child %}")
    para(doc, "", space_after=6)
    guardian = doc.add_table(rows=1, cols=2)
    no_borders(guardian)
    widths(guardian, 8.25, 8.25)
    row_property(guardian.rows[0], "cantSplit")
    cell = guardian.rows[0].cells[0]
    cell_text(cell, text["guardian_sign"], align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        cell.add_paragraph()
    cell.add_paragraph("(..............................)").alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.add_paragraph(text["guardian_name"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "{%p endif %}")


def build_consent(lang: str):
    text = consent_text()[lang]
    doc = sop_document({"confidential": "RAHASIA" if lang == "id" else "CONFIDENTIAL (RAHASIA)"})
    para(doc, text["title"], bold=True, size=12.5, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    para(doc, text["subtitle"], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=8)
    bilingual(doc, text["intro"], "intro")
    label_table(
        doc,
        (
            (text["name"], "{{ name }}"),
            (text["age"], "{{ age }}"),
            (text["case"], "{{ case_number }}"),
        ),
        3.8,
        12.7,
    )
    para(doc, "", space_after=4)
    bilingual(doc, text["collected"], "collected", bold=True)
    bilingual(doc, text["collected_text"], "collected_text")
    bilingual(doc, text["shared"], "shared", bold=True)
    bilingual(doc, text["shared_text"], "shared_text")
    para(doc, "{%p if sharing %}")
    numbered_loop(doc, "s in sharing", "☐ {{ loop.index }}. {{ s.provider }}: {{ s.service }}")
    para(doc, "{%p else %}")
    para(doc, text["shared_none"], italic=True)
    para(doc, "{%p endif %}")
    para(doc, "", space_after=2)
    bilingual(doc, text["withdraw"], "withdraw", bold=True)
    bilingual(doc, text["withdraw_text"], "withdraw_text")
    bilingual(doc, text["ask"], "ask", bold=True)
    for line in (
        "{{ organisation.name }}",
        "{{ organisation.address }}",
        "{{ organisation.contact }}",
    ):
        para(doc, line, space_after=0).paragraph_format.left_indent = Cm(0.8)
    para(doc, "", space_after=4)
    bilingual(doc, text["agree"], "agree", bold=True)
    for key in ("agree_services", "agree_share", "agree_reporting"):
        bilingual(doc, text[key], key)
    para(doc, "{%p if child %}")
    para(doc, text["guardian_note"], size=9.5, italic=True, space_after=4)
    para(doc, "{%p endif %}")
    para(doc, text["confidential"], size=9, italic=True, space_after=8)
    consent_signatures(doc, text)
    return doc
