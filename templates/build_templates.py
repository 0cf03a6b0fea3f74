"""Build tipref's default Word templates with python-docx.

    python templates/build_templates.py

writes ``letter-id.docx``, ``letter-en.docx``, ``commitment-id.docx`` and
``commitment-en.docx`` next to this script. The tags are docxtpl (Jinja) tags; the data
each template receives is built by ``tipref/letters.py`` and ``tipref/commitments.py``
(``tipref template check FILE`` lists tags that the data does not provide). An NGO
changes wording and letterhead with ``tipref template export NAME`` and Word, not here.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FONT = "Arial"

LETTER_TEXT = {
    "id": {
        "confidential": "RAHASIA",
        "number": "Nomor",
        "nature": "Sifat",
        "nature_value": "Rahasia",
        "attachment": "Lampiran",
        "subject": "Hal",
        "to": "Yth.",
        "at": "di",
        "opening": "Dengan hormat,",
        "intro": "Bersama ini kami merujuk seorang {{ person.role }} tindak pidana perdagangan orang "
        "yang kami dampingi, dengan identitas sebagai berikut:",
        "ask": "untuk mendapatkan layanan {{ service }}. Alasan rujukan: {{ reason }}",
        "given": "Layanan yang sudah diberikan: {{ services_given }}.",
        "situation": "Kondisi saat ini: {{ situation }}",
        "attached": "Bersama surat ini kami lampirkan:",
        "nothing_attached": "Tidak ada lampiran.",
        "reply": "Mohon lembar balasan rujukan (halaman berikut) diisi dan dikirim kembali kepada kami. "
        "Identitas korban wajib dirahasiakan (UU 21/2007 Pasal 44).",
        "closing": "Demikian surat rujukan ini kami sampaikan. Atas perhatian dan kerja sama "
        "Bapak/Ibu, kami ucapkan terima kasih.",
        "nip": "NIP.",
        "copies": "Tembusan:",
        "slip_title": "LEMBAR BALASAN RUJUKAN",
        "slip_letter": "Nomor surat rujukan",
        "slip_referral": "Nomor rujukan",
        "slip_from": "Dari",
        "slip_to": "Kepada",
        "slip_person": "Yang dirujuk (inisial)",
        "slip_service": "Layanan yang diminta",
        "slip_answer": "Rujukan",
        "slip_answer_value": "☐ Diterima      ☐ Ditolak",
        "slip_reason": "Alasan (jika ditolak)",
        "slip_given": "Layanan yang diberikan",
        "slip_date": "Tanggal",
        "slip_name": "Nama petugas",
        "slip_sign": "Tanda tangan dan cap",
        "slip_note": "Diisi oleh lembaga penerima rujukan dan dikirim kembali kepada {{ organisation.name }}.",
    },
    "en": {
        "confidential": "CONFIDENTIAL (RAHASIA)",
        "number": "Number",
        "nature": "Classification",
        "nature_value": "Confidential",
        "attachment": "Enclosure",
        "subject": "Subject",
        "to": "To:",
        "at": "in",
        "opening": "Dear Sir or Madam,",
        "intro": "We hereby refer a {{ person.role }} of human trafficking whom we assist, "
        "identified as follows:",
        "ask": "for {{ service }}. Reason for the referral: {{ reason }}",
        "given": "Services already given: {{ services_given }}.",
        "situation": "Current situation: {{ situation }}",
        "attached": "Enclosed with this letter:",
        "nothing_attached": "No enclosures.",
        "reply": "Please fill in the referral reply slip (next page) and return it to us. "
        "The victim's identity is confidential (Law 21/2007, Article 44).",
        "closing": "Thank you for your attention and cooperation.",
        "nip": "NIP",
        "copies": "Copies to:",
        "slip_title": "REFERRAL REPLY SLIP (LEMBAR BALASAN RUJUKAN)",
        "slip_letter": "Referral letter number",
        "slip_referral": "Referral number",
        "slip_from": "From",
        "slip_to": "To",
        "slip_person": "Person referred (initials)",
        "slip_service": "Service asked for",
        "slip_answer": "Referral",
        "slip_answer_value": "☐ Accepted      ☐ Declined",
        "slip_reason": "Reason (if declined)",
        "slip_given": "Services given",
        "slip_date": "Date",
        "slip_name": "Officer's name",
        "slip_sign": "Signature and stamp",
        "slip_note": "To be filled in by the receiving institution and returned to {{ organisation.name }}.",
    },
}

COMMITMENT_TEXT = {
    "id": {
        "number": "Nomor: {{ number }}",
        "opening": "Pada hari ini, {{ day }}, tanggal {{ date_text }}, bertempat di {{ place }}, "
        "kami yang bertanda tangan di bawah ini, peserta {{ meeting }},",
        "recitals": "dengan menyadari bahwa:",
        "points": "dengan ini menyatakan komitmen bersama untuk:",
        "closing": "Demikian dokumen komitmen bersama ini kami buat dan tanda tangani dengan penuh "
        "kesadaran dan tanggung jawab, untuk dilaksanakan sebaik-baiknya.",
        "signed_by": "Yang bertanda tangan, peserta rapat ({{ signatory_count }} orang):",
        "known": "Mengetahui,",
        "columns": ("No", "Nama", "Instansi", "Jabatan", "Tanda Tangan"),
    },
    "en": {
        "number": "Number: {{ number }}",
        "opening": "On this day, {{ day }}, {{ date_text }}, at {{ place }}, we the undersigned, "
        "participants in {{ meeting }},",
        "recitals": "aware that:",
        "points": "hereby make a joint commitment to:",
        "closing": "We make and sign this joint commitment in full awareness and responsibility, "
        "to carry it out as well as we can.",
        "signed_by": "Signed by the participants of the meeting ({{ signatory_count }}):",
        "known": "Acknowledged by,",
        "columns": ("No", "Name", "Institution", "Position", "Signature"),
    },
}


# -- small helpers ---------------------------------------------------------------------
def new_document() -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(2)
    style.paragraph_format.line_spacing = 1.1
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    return doc


def para(
    doc_or_cell,
    text: str = "",
    bold: bool = False,
    size: float | None = None,
    align=None,
    space_after: float | None = None,
    italic: bool = False,
    color: RGBColor | None = None,
):
    paragraph = doc_or_cell.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
    if align is not None:
        paragraph.alignment = align
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def bottom_border(paragraph, size: int = 18) -> None:
    props = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "thickThinSmallGap"),
        ("w:sz", str(size)),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(key), value)
    borders.append(bottom)
    props.append(borders)


def no_borders(table) -> None:
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    props.append(borders)


def widths(table, *cm: float) -> None:
    """Cell widths and the table grid: Word reads the cells, LibreOffice the grid."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), cm, strict=False):
        column.set(qn("w:w"), str(int(width * 567)))
    for row in table.rows:
        for cell, width in zip(row.cells, cm, strict=False):
            cell.width = Cm(width)


def cell_text(cell, text: str, bold: bool = False, align=None) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if align is not None:
        paragraph.alignment = align


def row_property(row, name: str) -> None:
    props = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "true")
    props.append(element)


def row_height(row, cm: float) -> None:
    props = row._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(cm * 567)))
    height.set(qn("w:hRule"), "atLeast")
    props.append(height)


def header_text(doc, text: str) -> None:
    header = doc.sections[0].header
    paragraph = header.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(10)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def letterhead(doc) -> None:
    """Logo (when the book has one), name, address; a double rule underneath."""
    para(doc, "{%p if logo %}")
    para(doc, "{{ logo }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "{%p endif %}")
    para(
        doc,
        "{{ organisation.name | upper }}",
        bold=True,
        size=14,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    para(
        doc, "{{ organisation.address }}", size=9.5, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0
    )
    last = para(
        doc, "{{ organisation.contact }}", size=9.5, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=10
    )
    bottom_border(last)


# -- the referral letter ------------------------------------------------------------------
def build_letter(lang: str) -> Document:
    text = LETTER_TEXT[lang]
    doc = new_document()
    header_text(doc, text["confidential"])
    letterhead(doc)

    heading = doc.add_table(rows=4, cols=3)
    no_borders(heading)
    rows = [
        (text["number"], ": {{ number }}", "{{ place_date }}"),
        (text["nature"], f": {text['nature_value']}", ""),
        (text["attachment"], ": {{ attachments_text }}", ""),
        (text["subject"], ": {{ subject }}", ""),
    ]
    for row, values in zip(heading.rows, rows, strict=False):
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
            cell_text(
                cell,
                value,
                bold=(index == 1 and values[0] == text["subject"]),
                align=WD_ALIGN_PARAGRAPH.RIGHT if index == 2 else None,
            )
    widths(heading, 2.6, 6.6, 7.3)

    para(doc, "", space_after=4)
    para(doc, text["to"], space_after=0)
    para(doc, "{{ addressee.position }}", bold=True, space_after=0)
    para(doc, "{{ addressee.institution }}", bold=True, space_after=0)
    para(doc, text["at"], space_after=0)
    para(doc, "{{ addressee.place }}", space_after=10).paragraph_format.left_indent = Cm(1)

    para(doc, text["opening"], space_after=6)
    para(doc, text["intro"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=4)

    identity = doc.add_table(rows=3, cols=2)
    no_borders(identity)
    cell_text(identity.rows[0].cells[0], "{%tr for row in identity %}")
    cell_text(identity.rows[1].cells[0], "{{ row.label }}")
    cell_text(identity.rows[1].cells[1], ": {{ row.value }}")
    cell_text(identity.rows[2].cells[0], "{%tr endfor %}")
    widths(identity, 4.0, 12.5)
    identity.alignment = WD_TABLE_ALIGNMENT.CENTER

    para(doc, "", space_after=2)
    para(doc, text["ask"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=4)
    para(doc, text["given"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=4)
    para(doc, text["situation"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=4)
    para(doc, "{%p if attachments %}")
    para(doc, text["attached"], space_after=0)
    para(doc, "{%p for item in attachments %}")
    para(doc, "{{ loop.index }}. {{ item }}", space_after=0).paragraph_format.left_indent = Cm(0.8)
    para(doc, "{%p endfor %}")
    para(doc, "{%p else %}")
    para(doc, text["nothing_attached"])
    para(doc, "{%p endif %}")
    para(doc, "", space_after=2)
    para(doc, text["reply"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=4)
    para(doc, text["closing"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=12)

    signature = doc.add_table(rows=1, cols=2)
    no_borders(signature)
    widths(signature, 8.5, 8.0)
    cell = signature.rows[0].cells[1]
    cell_text(cell, "{{ signer.position }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        cell.add_paragraph()
    signed = cell.add_paragraph()
    signed.alignment = WD_ALIGN_PARAGRAPH.CENTER
    name_run = signed.add_run("{{ signer.name }}")
    name_run.bold = name_run.underline = True
    nip = cell.add_paragraph(
        f"{{% if signer.nip %}}{text['nip']} {{{{ signer.nip }}}}{{% endif %}}"
    )
    nip.alignment = WD_ALIGN_PARAGRAPH.CENTER

    para(doc, "", space_after=6)
    para(doc, "{%p if copies %}")
    para(doc, text["copies"], size=9.5, space_after=0)
    para(doc, "{%p for copy in copies %}")
    para(doc, "{{ loop.index }}. {{ copy }}", size=9.5, space_after=0)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")

    # The reply slip, on a page of its own.
    doc.add_page_break()
    para(
        doc, text["slip_title"], bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12
    )
    slip_rows = [
        (text["slip_letter"], "{{ number }}"),
        (text["slip_referral"], "{{ referral_number }}"),
        (text["slip_from"], "{{ addressee.institution }}"),
        (text["slip_to"], "{{ organisation.name }}"),
        (text["slip_person"], "{{ person.initials }}"),
        (text["slip_service"], "{{ service }}"),
        (text["slip_answer"], text["slip_answer_value"]),
        (text["slip_reason"], ""),
        (text["slip_given"], ""),
        (text["slip_date"], ""),
        (text["slip_name"], ""),
        (text["slip_sign"], ""),
    ]
    slip = doc.add_table(rows=len(slip_rows), cols=2)
    slip.style = "Table Grid"
    for row, (label, value) in zip(slip.rows, slip_rows, strict=False):
        cell_text(row.cells[0], label, bold=True)
        cell_text(row.cells[1], value)
        row_property(row, "cantSplit")
        if not value:
            row_height(
                row,
                1.6
                if label in (text["slip_given"], text["slip_sign"], text["slip_reason"])
                else 0.9,
            )
    widths(slip, 5.5, 11.0)
    para(doc, "", space_after=4)
    para(doc, text["slip_note"], size=9, italic=True)
    return doc


# -- the commitment document ----------------------------------------------------------------
def keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def commitment_letterhead(doc) -> None:
    """Pemerintah Kabupaten and Gugus Tugas (not the UPTD): the task force's document."""
    para(doc, "{%p if logo %}")
    para(doc, "{{ logo }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "{%p endif %}")
    para(doc, "{%p if letterhead.government %}")
    para(
        doc,
        "{{ letterhead.government }}",
        bold=True,
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    para(doc, "{%p endif %}")
    para(
        doc,
        "{{ letterhead.name }}",
        bold=True,
        size=12,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    last = para(
        doc, "{{ letterhead.address }}", size=9.5, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=10
    )
    bottom_border(last)


def commitment_items(doc, loop: str, line: str) -> None:
    para(doc, "{%p for " + loop + " %}")
    item = para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=2)
    item.paragraph_format.left_indent = Cm(0.8)
    item.paragraph_format.first_line_indent = Cm(-0.6)
    para(doc, "{%p endfor %}")


def signature_line_cell(cell) -> None:
    """'1. ........' on the left for odd rows, '2. ........' on the right for even rows."""
    first = cell.paragraphs[0]
    first.add_run("{%p if s.odd %}")
    para(cell, "{{ s.no }}. ..........")
    para(cell, "{%p else %}")
    right = para(cell, "{{ s.no }}. ..........")
    right.paragraph_format.left_indent = Cm(1.6)
    para(cell, "{%p endif %}")


def signature_table(doc, columns) -> None:
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    for cell, title in zip(header.cells, columns, strict=False):
        cell_text(cell, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    row_property(header, "tblHeader")  # repeats on every page
    row_property(header, "cantSplit")
    cell_text(table.rows[1].cells[0], "{%tr for s in signatories %}")
    body = table.rows[2]
    for cell, value in zip(
        body.cells,
        ("{{ s.no }}", "{{ s.name }}", "{{ s.institution }}", "{{ s.position }}"),
        strict=False,
    ):
        cell_text(cell, value, align=WD_ALIGN_PARAGRAPH.CENTER if value == "{{ s.no }}" else None)
    signature_line_cell(body.cells[4])
    row_property(body, "cantSplit")  # a row never splits across pages
    row_height(body, 1.1)
    cell_text(table.rows[3].cells[0], "{%tr endfor %}")
    widths(table, 1.0, 4.2, 4.0, 3.2, 4.1)


def build_commitment(lang: str) -> Document:
    text = COMMITMENT_TEXT[lang]
    doc = new_document()
    commitment_letterhead(doc)
    para(
        doc,
        "{{ title | upper }}",
        bold=True,
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    para(doc, text["number"], align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    para(doc, text["opening"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6)
    para(doc, "{%p if recitals %}")
    para(doc, text["recitals"], space_after=2)
    commitment_items(doc, "recital in recitals", "{{ recital.letter }}. {{ recital.text }};")
    para(doc, "{%p endif %}")
    para(doc, text["points"], space_after=2)
    commitment_items(doc, "point in points", "{{ point.no }}. {{ point.text }}")
    para(doc, text["closing"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=10)
    place = para(doc, "{{ city }}, {{ date_text }}", space_after=8)
    place.paragraph_format.left_indent = Cm(9.5)
    keep_with_next(place)
    # "Mengetahui" before the table: after a long table it would stand alone on a page.
    for line in (text["known"], "{{ chair.position }},"):
        keep_with_next(para(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0))
    for _ in range(3):
        keep_with_next(para(doc, "", space_after=0))
    chair = para(
        doc,
        "{{ chair.name or '(..............................)' }}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    chair.runs[0].underline = True
    keep_with_next(para(doc, text["signed_by"], space_after=4))
    signature_table(doc, text["columns"])
    return doc


def main() -> None:
    from build_sop import build_all, save_if_changed  # the SOP's own papers (#19)

    for lang in ("id", "en"):
        save_if_changed(build_letter(lang), HERE / f"letter-{lang}.docx")
        save_if_changed(build_commitment(lang), HERE / f"commitment-{lang}.docx")

    build_all()
    print(f"templates written to {HERE}")


if __name__ == "__main__":
    main()
