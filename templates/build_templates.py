"""Build tipref's default Word templates with python-docx.

    python templates/build_templates.py

writes ``letter-id.docx``, ``letter-en.docx``, ``commitment-id.docx`` and
``commitment-en.docx`` next to this script. The tags are docxtpl (Jinja) tags; the data
each template receives is built by ``tipref/documents/letter_context.py`` and
``tipref/documents/commitments.py``
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
        "intro": "Bersama ini kami merujuk seorang {{ person.description }} yang kami dampingi "
        "untuk mendapatkan layanan {{ service }}, dengan identitas sebagai berikut:",
        "reason": "Alasan rujukan: {{ reason }}",
        "given": "Layanan yang sudah diberikan: {{ services_given }}.",
        "situation": "Kondisi saat ini: {{ situation }}",
        "attached": "Bersama surat ini kami lampirkan:",
        "reply": "Mohon lembar balasan rujukan (halaman 2) diisi dan dikirim kembali kepada kami"
        "{% if contact.name %} melalui narahubung {{ contact.name }}{% if contact.phone %}, "
        "telp. {{ contact.phone }}{% endif %}{% endif %}. "
        "Identitas {{ person.noun }} wajib dirahasiakan (UU 21/2007 Pasal 44).",
        "closing": "Demikian surat rujukan ini kami sampaikan. Atas perhatian dan kerja sama "
        "Bapak/Ibu, kami ucapkan terima kasih.",
        "nip": "NIP",
        "copies": "Tembusan:",
        "slip_title": "LEMBAR BALASAN RUJUKAN",
        "slip_subtitle": "atas surat nomor {{ number }} tanggal {{ date_text }}",
        "slip_a": "A. Data rujukan (diisi oleh perujuk)",
        "slip_b": "B. Balasan (diisi oleh lembaga penerima)",
        "slip_c": "C. Penyelesaian layanan",
        "slip_letter": "Nomor surat rujukan",
        "slip_referral": "Nomor rujukan",
        "slip_check": "Kode cek",
        "slip_from": "Dari",
        "slip_to": "Kepada",
        "slip_person": "Yang dirujuk (inisial)",
        "slip_service": "Layanan yang diminta",
        "slip_received": "Tanggal surat diterima",
        "slip_name": "Nama petugas",
        "slip_position": "Jabatan",
        "slip_phone": "Telepon",
        "slip_answer": "Keputusan",
        "slip_answer_value": "☐ Diterima      ☐ Ditolak",
        "slip_reason": "Alasan (jika ditolak)",
        "slip_plan": "Rencana layanan",
        "slip_onward": "Dirujuk lanjut ke",
        "slip_done": "Layanan selesai",
        "slip_done_value": "☐ Ya      ☐ Belum",
        "slip_done_date": "Tanggal selesai",
        "slip_sign": "Tanda tangan dan cap",
        "slip_note": "Kirim kembali kepada {{ organisation.name }}"
        "{% if contact.name %}, narahubung {{ contact.name }}{% if contact.phone %} "
        "(telp. {{ contact.phone }}){% endif %}{% endif %}. Sebutkan nomor rujukan dan kode cek.",
    },
    "en": {
        "confidential": "CONFIDENTIAL (RAHASIA)",
        "number": "Number",
        "nature": "Class",
        "nature_value": "Confidential",
        "attachment": "Enclosure",
        "subject": "Subject",
        "to": "To:",
        "at": "in",
        "opening": "Dear Sir or Madam,",
        "intro": "We hereby refer a {{ person.description }} whom we assist, for {{ service }}. "
        "The person is identified as follows:",
        "reason": "Reason for the referral: {{ reason }}",
        "given": "Services already given: {{ services_given }}.",
        "situation": "Current situation: {{ situation }}",
        "attached": "Enclosed with this letter:",
        "reply": "Please fill in the referral reply slip (page 2) and return it to us"
        "{% if contact.name %} through our contact person {{ contact.name }}"
        "{% if contact.phone %}, phone {{ contact.phone }}{% endif %}{% endif %}. "
        "The {{ person.noun }}'s identity is confidential (Law 21/2007, Article 44).",
        "closing": "Thank you for your attention and cooperation.",
        "nip": "NIP",
        "copies": "Copies to:",
        "slip_title": "REFERRAL REPLY SLIP (LEMBAR BALASAN RUJUKAN)",
        "slip_subtitle": "for letter number {{ number }} dated {{ date_text }}",
        "slip_a": "A. Referral (filled in by the referring office)",
        "slip_b": "B. Reply (filled in by the receiving institution)",
        "slip_c": "C. Service completed",
        "slip_letter": "Referral letter number",
        "slip_referral": "Referral number",
        "slip_check": "Check code",
        "slip_from": "From",
        "slip_to": "To",
        "slip_person": "Person referred (initials)",
        "slip_service": "Service asked for",
        "slip_received": "Date letter received",
        "slip_name": "Officer's name",
        "slip_position": "Position",
        "slip_phone": "Phone",
        "slip_answer": "Decision",
        "slip_answer_value": "☐ Accepted      ☐ Declined",
        "slip_reason": "Reason (if declined)",
        "slip_plan": "Service plan",
        "slip_onward": "Referred on to",
        "slip_done": "Service finished",
        "slip_done_value": "☐ Yes      ☐ Not yet",
        "slip_done_date": "Date finished",
        "slip_sign": "Signature and stamp",
        "slip_note": "Return to {{ organisation.name }}"
        "{% if contact.name %}, contact person {{ contact.name }}{% if contact.phone %} "
        "(phone {{ contact.phone }}){% endif %}{% endif %}. Quote the referral number and check code.",
    },
}

# The reply slip's rows: (text key, value, row height in cm or 0). The labels are stable:
# a filled slip is read back by its labels, published as
# tipref.documents.reply_slip.SLIP_FIELDS (a test keeps the two the same).
SLIP_ROWS = [
    ("slip_a", None, 0),
    ("slip_letter", "{{ number }}", 0),
    ("slip_referral", "{{ referral_number }}", 0),
    ("slip_check", "{{ check_code }}", 0),
    ("slip_from", "{{ organisation.name }}", 0),
    ("slip_to", "{{ addressee.institution }}", 0),
    ("slip_person", "{{ person.initials }}", 0),
    ("slip_service", "{{ service }}", 0),
    ("slip_b", None, 0),
    ("slip_received", "", 0.75),
    ("slip_name", "", 0.75),
    ("slip_position", "", 0.75),
    ("slip_phone", "", 0.75),
    ("slip_answer", "slip_answer_value", 0.75),
    ("slip_reason", "", 1.5),
    ("slip_plan", "", 1.8),
    ("slip_onward", "", 0.9),
    ("slip_c", None, 0),
    ("slip_done", "slip_done_value", 0.75),
    ("slip_done_date", "", 0.75),
    ("slip_sign", "", 2.4),
]

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
LETTER_WIDTH_CM = 16.5


def letter_keep_together(paragraph) -> None:
    """Keep with the next paragraph, and the paragraph's own lines together."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True


def page_field(paragraph) -> None:
    """A PAGE field, as '- 2 -'."""
    paragraph.add_run("- ")
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)
    paragraph.add_run(" -")


def letter_mark_and_confidential(part, text: str, page_number: bool, mark: bool) -> None:
    """A header or footer: the training mark (when the book has one), RAHASIA, page number."""
    first = part.paragraphs[0]
    paragraphs = []
    if mark:
        paragraphs += ["{%p if organisation.mark %}", "{{ organisation.mark }}", "{%p endif %}"]
    paragraphs.append(text["confidential"])
    for index, value in enumerate(paragraphs):
        paragraph = first if index == 0 else part.add_paragraph()
        run = paragraph.add_run(value)
        run.bold = value == text["confidential"]
        run.font.size = Pt(10 if value == text["confidential"] else 8)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
    if page_number:
        number = part.add_paragraph()
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        page_field(number)


def letter_headers(doc, text) -> None:
    """RAHASIA at the top and bottom of every page; page numbers from page 2 (DOMAIN.md §5)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance, section.footer_distance = Cm(0.7), Cm(0.7)
    letter_mark_and_confidential(section.first_page_header, text, page_number=False, mark=True)
    letter_mark_and_confidential(section.header, text, page_number=True, mark=True)
    letter_mark_and_confidential(section.first_page_footer, text, page_number=False, mark=False)
    letter_mark_and_confidential(section.footer, text, page_number=False, mark=False)


def letterhead_lines(container, first_paragraph=None, smaller: float = 0) -> None:
    """Hierarchy (one line per level), the unit's name, address with postal code, contact.

    ``smaller``: points less for the hierarchy and the name, beside a logo."""
    lines = [
        ("{%p for line in organisation.hierarchy %}", False, 11),
        ("{{ line }}", True, 11.5 - smaller),
        ("{%p endfor %}", False, 11),
        ("{{ organisation.name | upper }}", True, 13 - smaller),
        ("{{ organisation.address }}", False, 9),
        ("{{ organisation.contact }}", False, 9),
    ]
    for index, (value, bold, size) in enumerate(lines):
        if index == 0 and first_paragraph is not None:
            paragraph = first_paragraph
            paragraph.add_run(value)
        else:
            paragraph = para(container, value, bold=bold, size=size, space_after=0)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0


def no_cell_margins(table) -> None:
    """Left and right cell padding 0, so the letterhead's lines get the whole width."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def letter_letterhead(doc) -> None:
    """The kop surat; with a logo, the logo left of the lines in a borderless table."""
    para(doc, "{%p if not logo %}")
    letterhead_lines(doc)
    para(doc, "{%p else %}")
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    no_cell_margins(table)
    widths(table, 1.9, LETTER_WIDTH_CM - 1.9)
    logo_cell, text_cell = table.rows[0].cells
    logo_cell.paragraphs[0].add_run("{{ logo }}")
    letterhead_lines(text_cell, text_cell.paragraphs[0], smaller=1.5)
    para(doc, "{%p endif %}")
    rule = para(doc, "", size=2, space_after=6)
    rule.paragraph_format.line_spacing = 0.5
    bottom_border(rule)


def letter_heading(doc, text) -> None:
    """Nomor / Sifat / Lampiran / Hal, the colon in a column of its own so that a long
    Hal wraps under its own text; place and date top right, on the line of Nomor."""
    heading = doc.add_table(rows=4, cols=4)
    no_borders(heading)
    rows = [
        (text["number"], "{{ number }}", "{{ place_date }}"),
        (text["nature"], text["nature_value"], ""),
        (text["attachment"], "{{ attachments_text }}", ""),
        (text["subject"], "{{ subject }}", ""),
    ]
    widths(heading, 2.3, 0.4, 6.5, 7.3)
    for row, (label, value, right) in zip(heading.rows, rows, strict=False):
        cells = row.cells
        cell_text(cells[0], label)
        cell_text(cells[1], ":")
        if right:
            cell_text(cells[2], value)
            cell_text(cells[3], right, align=WD_ALIGN_PARAGRAPH.RIGHT)
        else:  # below Nomor the value may run to the right margin
            cell_text(cells[2].merge(cells[3]), value, bold=label == text["subject"])


def letter_addressee(doc, text, lang: str) -> None:
    para(doc, "", space_after=2)
    to = para(doc, f"{text['to']} {{{{ addressee.line }}}}", space_after=0)
    to.paragraph_format.left_indent = Cm(1.0)
    to.paragraph_format.first_line_indent = Cm(-1.0)
    if lang == "id":
        para(doc, text["at"], space_after=0).paragraph_format.left_indent = Cm(1.0)
        place = para(doc, "{{ addressee.place }}", space_after=8)
        place.paragraph_format.left_indent = Cm(1.6)
    else:
        place = para(doc, f"{text['at']} {{{{ addressee.place }}}}", space_after=8)
        place.paragraph_format.left_indent = Cm(1.0)


def letter_identity(doc) -> None:
    identity = doc.add_table(rows=3, cols=3)
    no_borders(identity)
    cell_text(identity.rows[0].cells[0], "{%tr for row in identity %}")
    cell_text(identity.rows[1].cells[0], "{{ row.label }}")
    cell_text(identity.rows[1].cells[1], ":")
    cell_text(identity.rows[1].cells[2], "{{ row.value }}")
    cell_text(identity.rows[2].cells[0], "{%tr endfor %}")
    widths(identity, 4.0, 0.4, 11.1)
    identity.alignment = WD_TABLE_ALIGNMENT.CENTER


def letter_body(doc, text) -> None:
    body = WD_ALIGN_PARAGRAPH.JUSTIFY
    para(doc, text["opening"], space_after=3)
    para(doc, text["intro"], align=body, space_after=2)
    letter_identity(doc)
    para(doc, text["reason"], align=body, space_after=2).paragraph_format.space_before = Pt(3)
    para(doc, text["given"], align=body, space_after=2)
    para(doc, text["situation"], align=body, space_after=2)
    para(doc, "{%p if attachments %}")
    para(doc, text["attached"], space_after=0)
    para(doc, "{%p for item in attachments %}")
    para(doc, "{{ loop.index }}. {{ item }}", space_after=0).paragraph_format.left_indent = Cm(0.8)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    reply = para(doc, text["reply"], align=body, space_after=2)
    reply.paragraph_format.space_before = Pt(3)
    letter_keep_together(para(doc, text["closing"], align=body, space_after=6))


def letter_signature(doc, text) -> None:
    """Position (with a.n./Plt./Plh.), room to sign and stamp, name, NIP: kept together
    and with the Tembusan, so no page holds the copies alone."""
    signature = doc.add_table(rows=1, cols=2)
    no_borders(signature)
    widths(signature, 8.0, 8.5)
    row_property(signature.rows[0], "cantSplit")
    cell = signature.rows[0].cells[1]
    lines = [
        ("{%p if signer.salute %}", False, False),
        ("{{ signer.salute }}", False, False),
        ("{%p endif %}", False, False),
        ("{%p for line in signer.lines %}", False, False),
        ("{{ line }}", False, False),
        ("{%p endfor %}", False, False),
        ("", False, False),
        ("", False, False),
        ("", False, False),
        ("{{ signer.name }}", True, True),
        (f"{{% if signer.nip %}}{text['nip']} {{{{ signer.nip }}}}{{% endif %}}", False, False),
    ]
    for index, (value, bold, underline) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(value)
        run.bold, run.underline = bold, underline
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        letter_keep_together(paragraph)
    for paragraph in signature.rows[0].cells[0].paragraphs:
        letter_keep_together(paragraph)


def letter_copies(doc, text) -> None:
    para(doc, "{%p if copies %}")
    letter_keep_together(para(doc, text["copies"], size=9.5, space_after=0))
    para(doc, "{%p for copy in copies %}")
    item = para(doc, "{{ loop.index }}. {{ copy }}", size=9.5, space_after=0)
    item.paragraph_format.left_indent = Cm(0.4)
    item.paragraph_format.keep_together = True
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")


def letter_slip(doc, text) -> None:
    """The reply slip alone on page 2, in a table whose labels a later reader can parse."""
    title = para(
        doc, text["slip_title"], bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0
    )
    title.paragraph_format.page_break_before = True
    para(doc, text["slip_subtitle"], size=10, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=8)
    slip = doc.add_table(rows=len(SLIP_ROWS), cols=2)
    slip.style = "Table Grid"
    for row, (key, value, height) in zip(slip.rows, SLIP_ROWS, strict=False):
        row_property(row, "cantSplit")
        if value is None:  # a section heading across both columns
            merged = row.cells[0].merge(row.cells[1])
            cell_text(merged, text[key], bold=True)
            continue
        cell_text(row.cells[0], text[key])
        cell_text(row.cells[1], text.get(value, value) if value else "")
        if height:
            row_height(row, height)
    widths(slip, 5.2, 11.3)
    note = para(doc, text["slip_note"], size=9, italic=True, space_after=0)
    note.paragraph_format.space_before = Pt(6)


def build_letter(lang: str) -> Document:
    text = LETTER_TEXT[lang]
    doc = new_document()
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(1.6), Cm(1.6)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.0
    letter_headers(doc, text)
    letter_letterhead(doc)
    letter_heading(doc, text)
    letter_addressee(doc, text, lang)
    letter_body(doc, text)
    letter_signature(doc, text)
    letter_copies(doc, text)
    letter_slip(doc, text)
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


# -- the letter reporting a case to the police (surat penyampaian laporan) -------------------
POLICE_TEXT = {
    "id": {
        "intro": "Bersama ini kami sampaikan bahwa {{ organisation.name }} pada {{ intake_text }} "
        "telah menerima dan menangani seorang {{ person.description }}, dengan identitas "
        "sebagai berikut:",
        "basis": "Laporan ini kami sampaikan sesuai PP 9/2008 tentang tata cara dan mekanisme "
        "pelayanan terpadu bagi saksi dan/atau korban tindak pidana perdagangan orang.",
        "chronology": "Ringkasan kejadian:",
        "request": "Kami mohon Bapak/Ibu menindaklanjuti laporan ini. Identitas "
        "{{ person.noun }} wajib dirahasiakan (UU 21/2007 Pasal 44). Narahubung kami: "
        "{{ contact.name }}{% if contact.phone %}, telp. {{ contact.phone }}{% endif %}.",
        "closing": "Demikian laporan ini kami sampaikan. Atas perhatian dan kerja sama "
        "Bapak/Ibu, kami ucapkan terima kasih.",
    },
    "en": {
        "intro": "We hereby report that on {{ intake_text }} {{ organisation.name }} took in "
        "and is assisting a {{ person.description }}, identified as follows:",
        "basis": "We make this report as PP 9/2008 on the integrated services for witnesses "
        "and/or victims of trafficking requires.",
        "chronology": "Summary of events:",
        "request": "We ask you to follow up this report. The {{ person.noun }}'s identity is "
        "confidential (Law 21/2007, Article 44). Our contact person: {{ contact.name }}"
        "{% if contact.phone %}, phone {{ contact.phone }}{% endif %}.",
        "closing": "Thank you for your attention and cooperation.",
    },
}


def police_body(doc, text, frame) -> None:
    body = WD_ALIGN_PARAGRAPH.JUSTIFY
    para(doc, frame["opening"], space_after=3)
    para(doc, text["intro"], align=body, space_after=2)
    letter_identity(doc)
    para(doc, text["basis"], align=body, space_after=2).paragraph_format.space_before = Pt(3)
    para(doc, "{%p if chronology %}")
    para(doc, text["chronology"], space_after=0)
    para(doc, "{%p for item in chronology %}")
    item = para(doc, "{{ loop.index }}. {{ item }}", align=body, space_after=0)
    item.paragraph_format.left_indent = Cm(0.8)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    request = para(doc, text["request"], align=body, space_after=2)
    request.paragraph_format.space_before = Pt(3)
    letter_keep_together(para(doc, text["closing"], align=body, space_after=6))


def build_police_report(lang: str) -> Document:
    """The letter reporting a case to the police: the referral letter's frame (kop,
    Nomor/Sifat/Lampiran/Hal, Yth., signature, Tembusan), without the reply slip."""
    text = POLICE_TEXT[lang]
    frame = LETTER_TEXT[lang]
    doc = new_document()
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(1.6), Cm(1.6)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.0
    letter_headers(doc, frame)
    letter_letterhead(doc)
    letter_heading(doc, frame)
    letter_addressee(doc, frame, lang)
    police_body(doc, text, frame)
    letter_signature(doc, frame)
    letter_copies(doc, frame)
    return doc


# -- the handover record (berita acara serah terima) and the family's acceptance ----------------
HANDOVER_TEXT = {
    "id": {
        "title": "BERITA ACARA SERAH TERIMA{% if remains %} JENAZAH{% endif %}",
        "number": "Nomor: {{ number }}",
        "opening": "Pada hari ini {{ day }}, tanggal {{ date_text }}, bertempat di {{ place }}, "
        "kami yang bertanda tangan di bawah ini:",
        "name": "Nama",
        "position": "Jabatan / hubungan",
        "institution": "Instansi / alamat",
        "first": "selanjutnya disebut PIHAK PERTAMA (yang menyerahkan);",
        "second": "selanjutnya disebut PIHAK KEDUA (yang menerima).",
        "handed": "PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima dari "
        "PIHAK PERTAMA, {% if remains %}jenazah {% endif %}seorang {{ person.description }} "
        "dengan identitas sebagai berikut:",
        "after": "{% if remains %}Dengan serah terima ini jenazah diterima untuk dimakamkan oleh "
        "PIHAK KEDUA.{% elif to_family %}Dengan serah terima ini {{ person.noun }} kembali kepada "
        "keluarga; pendampingan dan pemantauan reintegrasi tetap dilakukan oleh petugas."
        "{% else %}Dengan serah terima ini pendampingan {{ person.noun }} dilanjutkan oleh PIHAK "
        "KEDUA.{% endif %}{% if note %} Catatan: {{ note }}{% endif %}",
        "closing": "Demikian berita acara ini dibuat dalam rangkap 2 (dua), masing-masing "
        "pihak memegang satu, untuk dipergunakan sebagaimana mestinya.",
        "first_sign": "PIHAK PERTAMA,",
        "second_sign": "PIHAK KEDUA,",
        "confidential": "RAHASIA",
    },
    "en": {
        "title": "HANDOVER RECORD{% if remains %} OF REMAINS{% endif %} (BERITA ACARA SERAH TERIMA)",
        "number": "Number: {{ number }}",
        "opening": "On this day, {{ day }}, {{ date_text }}, at {{ place }}, we the undersigned:",
        "name": "Name",
        "position": "Position / relation",
        "institution": "Institution / address",
        "first": "hereafter the FIRST PARTY (handing over);",
        "second": "hereafter the SECOND PARTY (receiving).",
        "handed": "The FIRST PARTY hands over to the SECOND PARTY, and the SECOND PARTY receives "
        "from the FIRST PARTY, {% if remains %}the remains of {% endif %}a "
        "{{ person.description }} identified as follows:",
        "after": "{% if remains %}With this handover the SECOND PARTY receives the remains for "
        "burial.{% elif to_family %}With this handover the {{ person.noun }} returns to the "
        "family; officers continue to support and monitor the reintegration.{% else %}With this "
        "handover the SECOND PARTY continues the {{ person.noun }}'s care.{% endif %}"
        "{% if note %} Note: {{ note }}{% endif %}",
        "closing": "This record is made in two copies, one for each party.",
        "first_sign": "FIRST PARTY,",
        "second_sign": "SECOND PARTY,",
        "confidential": "CONFIDENTIAL (RAHASIA)",
    },
}

ACCEPTANCE_TEXT = {
    "id": {
        "title": "SURAT PERNYATAAN PENERIMAAN KELUARGA",
        "opening": "Yang bertanda tangan di bawah ini:",
        "name": "Nama",
        "relation": "Hubungan keluarga",
        "address": "Alamat",
        "statement": "{% if remains %}dengan ini menyatakan menerima jenazah {{ person.name }} "
        "untuk dimakamkan oleh keluarga.{% else %}dengan ini menyatakan bersedia menerima "
        "kembali {{ person.name }} di tengah keluarga, dan bersedia:{% endif %}",
        "points": [
            "merawat, menjaga dan melindunginya, serta tidak menyalahkannya atas apa yang "
            "dialaminya;",
            "mendukung pemulihan, pendidikan atau pekerjaannya, dan reintegrasi sosialnya;",
            "menerima kunjungan petugas pendamping dan bekerja sama dalam pemantauan;",
            "melapor kepada petugas bila ada ancaman atau bujukan untuk berangkat lagi.",
        ],
        "closing": "Demikian surat pernyataan ini saya buat dengan sesungguhnya, tanpa paksaan "
        "dari pihak mana pun.",
        "declarant": "Yang membuat pernyataan,",
        "witness": "Saksi, petugas {{ by.institution }},",
        "village": "Mengetahui, Kepala Desa/Lurah,",
        "confidential": "RAHASIA",
    },
    "en": {
        "title": "FAMILY ACCEPTANCE STATEMENT (SURAT PERNYATAAN PENERIMAAN KELUARGA)",
        "opening": "I, the undersigned:",
        "name": "Name",
        "relation": "Family relation",
        "address": "Address",
        "statement": "{% if remains %}hereby state that I receive the remains of "
        "{{ person.name }} for burial by the family.{% else %}hereby state that I am willing "
        "to receive {{ person.name }} back into the family, and to:{% endif %}",
        "points": [
            "care for, look after and protect them, and not blame them for what they went through;",
            "support their recovery, schooling or work, and their social reintegration;",
            "receive the support officers' visits and cooperate with the monitoring;",
            "tell the officers of any threat or any attempt to make them leave again.",
        ],
        "closing": "I make this statement truthfully and under no pressure from anyone.",
        "declarant": "The declarant,",
        "witness": "Witness, officer of {{ by.institution }},",
        "village": "Acknowledged by the village head,",
        "confidential": "CONFIDENTIAL (RAHASIA)",
    },
}


def confidential_marks(doc, text: str) -> None:
    section = doc.sections[0]
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(10)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def party_rows(doc, text, prefix: str, ending: str) -> None:
    table = doc.add_table(rows=3, cols=3)
    no_borders(table)
    for row, (label, value) in zip(
        table.rows,
        (
            (text["name"], "{{ " + prefix + ".name }}"),
            (text["position"], "{{ " + prefix + ".position }}"),
            (text["institution"], "{{ " + prefix + ".institution }}"),
        ),
        strict=False,
    ):
        cell_text(row.cells[0], label)
        cell_text(row.cells[1], ":")
        cell_text(row.cells[2], value)
    widths(table, 4.6, 0.4, 11.5)
    para(doc, ending, space_after=4).paragraph_format.left_indent = Cm(0.4)


def two_signatures(doc, left: str, right: str, left_name: str, right_name: str) -> None:
    """Two signature columns, kept on one page: left and right, room to sign, names."""
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    widths(table, 8.25, 8.25)
    row_property(table.rows[0], "cantSplit")
    for cell, title, name in zip(
        table.rows[0].cells, (left, right), (left_name, right_name), strict=False
    ):
        for index, value in enumerate((title, "", "", "", name)):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            run = paragraph.add_run(value)
            run.bold = index == 4
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            keep_with_next(paragraph)


def build_handover(lang: str) -> Document:
    text = HANDOVER_TEXT[lang]
    doc = new_document()
    confidential_marks(doc, text["confidential"])
    letterhead(doc)
    para(doc, text["title"], bold=True, size=12.5, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    para(doc, text["number"], align=WD_ALIGN_PARAGRAPH.CENTER, space_after=10)
    body = WD_ALIGN_PARAGRAPH.JUSTIFY
    para(doc, text["opening"], align=body, space_after=4)
    party_rows(doc, text, "first", text["first"])
    party_rows(doc, text, "second", text["second"])
    para(doc, text["handed"], align=body, space_after=2)
    letter_identity(doc)
    para(doc, text["after"], align=body, space_after=2).paragraph_format.space_before = Pt(4)
    para(doc, text["closing"], align=body, space_after=10)
    two_signatures(
        doc, text["first_sign"], text["second_sign"], "{{ first.name }}", "{{ second.name }}"
    )
    return doc


def build_acceptance(lang: str) -> Document:
    text = ACCEPTANCE_TEXT[lang]
    doc = new_document()
    confidential_marks(doc, text["confidential"])
    para(doc, text["title"], bold=True, size=12.5, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    body = WD_ALIGN_PARAGRAPH.JUSTIFY
    para(doc, text["opening"], space_after=4)
    table = doc.add_table(rows=3, cols=3)
    no_borders(table)
    for row, (label, value) in zip(
        table.rows,
        (
            (text["name"], "{{ family.name }}"),
            (text["relation"], "{{ family.relation }}"),
            (text["address"], "{{ family.address }}"),
        ),
        strict=False,
    ):
        cell_text(row.cells[0], label)
        cell_text(row.cells[1], ":")
        cell_text(row.cells[2], value)
    widths(table, 4.6, 0.4, 11.5)
    para(doc, text["statement"], align=body, space_after=2).paragraph_format.space_before = Pt(4)
    para(doc, "{%p if not remains %}")
    for number, point in enumerate(text["points"], start=1):
        item = para(doc, f"{number}. {point}", space_after=1)
        item.paragraph_format.left_indent = Cm(0.8)
        item.paragraph_format.first_line_indent = Cm(-0.5)
    para(doc, "{%p endif %}")
    para(doc, text["closing"], align=body, space_after=6).paragraph_format.space_before = Pt(4)
    place = para(doc, "{{ place_date }}", align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=6)
    keep_with_next(place)
    two_signatures(doc, text["witness"], text["declarant"], "{{ by.name }}", "{{ family.name }}")
    para(doc, "", space_after=8)
    village = doc.add_table(rows=1, cols=1)
    no_borders(village)
    cell = village.rows[0].cells[0]
    for index, value in enumerate(
        (text["village"], "", "", "", "(..............................)")
    ):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.add_run(value)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
    return doc


def main() -> None:
    from build_sop import build_all, save_if_changed  # the SOP's own papers (#19)

    for lang in ("id", "en"):
        save_if_changed(build_letter(lang), HERE / f"letter-{lang}.docx")
        save_if_changed(build_commitment(lang), HERE / f"commitment-{lang}.docx")
        save_if_changed(build_police_report(lang), HERE / f"police-report-{lang}.docx")
        save_if_changed(build_handover(lang), HERE / f"handover-{lang}.docx")
        save_if_changed(build_acceptance(lang), HERE / f"acceptance-{lang}.docx")

    build_all()
    print(f"templates written to {HERE}")


if __name__ == "__main__":
    main()
