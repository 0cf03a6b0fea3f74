"""The SOP's own papers (issue #19), built with the helpers of ``build_templates.py``:

- ``conference-invitation-{id,en}.docx``: the case conference's invitation (surat undangan);
- ``conference-minutes-{id,en}.docx``: its minutes (notulen) with the signature table;
- ``identification-{id,en}.docx``: the identification form;
- ``consent-{id,en}.docx``: the informed-consent statement and privacy notice.

``python templates/build_templates.py`` writes them with the others. The data each gets
is built in ``tipref/documents/conference.py``, ``identification.py`` and ``consent_form.py``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from build_templates import (
    HERE,
    cell_text,
    keep_with_next,
    letter_copies,
    letter_headers,
    letter_heading,
    letter_letterhead,
    letter_signature,
    new_document,
    no_borders,
    para,
    row_height,
    row_property,
    signature_line_cell,
    widths,
)
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

INVITATION_TEXT = {
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
        "intro": "Dalam rangka penanganan terpadu kasus nomor {{ case_number }} (korban berinisial "
        "{{ initials }}), kami mengundang Bapak/Ibu atau pejabat yang mewakili untuk menghadiri "
        "rapat koordinasi kasus (case conference) yang akan dilaksanakan pada:",
        "rows": (
            ("Hari/tanggal", "{{ day }}, {{ held_date_text }}"),
            ("Waktu", "{{ time_text }}"),
            ("Tempat", "{{ place }}"),
            ("Acara", "{{ agenda }}"),
        ),
        "confidential_note": "Identitas korban dan isi pembahasan bersifat rahasia dan tidak "
        "boleh diungkapkan kepada pihak lain (UU 21/2007 Pasal 44).",
        "closing": "Demikian undangan ini kami sampaikan. Atas perhatian dan kehadiran "
        "Bapak/Ibu, kami ucapkan terima kasih.",
        "nip": "NIP",
        "copies": "Tembusan:",
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
        "intro": "For the integrated handling of case number {{ case_number }} (victim's "
        "initials {{ initials }}), we invite you or an official representing you to a case "
        "conference, to be held on:",
        "rows": (
            ("Day/date", "{{ day }}, {{ held_date_text }}"),
            ("Time", "{{ time_text }}"),
            ("Place", "{{ place }}"),
            ("Agenda", "{{ agenda }}"),
        ),
        "confidential_note": "The victim's identity and what is discussed are confidential and "
        "must not be disclosed to others (Law 21/2007, Article 44).",
        "closing": "Thank you for your attention and attendance.",
        "nip": "NIP",
        "copies": "Copies to:",
    },
}

MINUTES_TEXT = {
    "id": {
        "confidential": "RAHASIA",
        "title": "NOTULEN RAPAT KOORDINASI KASUS",
        "rows": (
            ("Nomor rapat", "{{ conference_number }}"),
            ("Undangan", "{{ invitation_number }}"),
            ("Kasus", "{{ case_number }} (korban berinisial {{ initials }})"),
            ("Hari/tanggal", "{{ day }}, {{ held_date_text }}"),
            ("Waktu", "{{ time_text }}"),
            ("Tempat", "{{ place }}"),
            ("Acara", "{{ agenda }}"),
            ("Peserta", "{{ attendance_count }} orang (daftar hadir terlampir)"),
        ),
        "discussion": "Pembahasan",
        "decisions": "Keputusan",
        "no_decisions": "Tidak ada keputusan yang dicatat.",
        "referral": "rujukan",
        "note": "Notulen ini rahasia: identitas korban tidak dicantumkan (UU 21/2007 Pasal 44).",
        "signer": "Pimpinan rapat,",
        "nip": "NIP",
        "attendance": "DAFTAR HADIR",
        "columns": ("No", "Nama", "Instansi", "Jabatan", "Tanda Tangan"),
    },
    "en": {
        "confidential": "CONFIDENTIAL (RAHASIA)",
        "title": "MINUTES OF THE CASE CONFERENCE",
        "rows": (
            ("Conference number", "{{ conference_number }}"),
            ("Invitation", "{{ invitation_number }}"),
            ("Case", "{{ case_number }} (victim's initials {{ initials }})"),
            ("Day/date", "{{ day }}, {{ held_date_text }}"),
            ("Time", "{{ time_text }}"),
            ("Place", "{{ place }}"),
            ("Agenda", "{{ agenda }}"),
            ("Participants", "{{ attendance_count }} (attendance list below)"),
        ),
        "discussion": "Discussion",
        "decisions": "Decisions",
        "no_decisions": "No decision recorded.",
        "referral": "referral",
        "note": "These minutes are confidential: the victim's identity is not written in them "
        "(Law 21/2007, Article 44).",
        "signer": "Chair of the meeting,",
        "nip": "NIP",
        "attendance": "ATTENDANCE LIST",
        "columns": ("No", "Name", "Institution", "Position", "Signature"),
    },
}


IDENTIFICATION_TEXT = {
    "id": {
        "confidential": "RAHASIA",
        "title": "FORMULIR IDENTIFIKASI KORBAN TINDAK PIDANA PERDAGANGAN ORANG",
        "rows": (
            ("Nomor kasus", "{{ case_number }}"),
            ("Inisial", "{{ initials }}"),
            ("Jenis kelamin", "{{ sex }}"),
            ("Umur", "{{ age }} (pada tanggal keputusan)"),
            ("Kedudukan", "{{ role }}"),
        ),
        "identity_note": "Identitas lengkap ada di berkas kasus.",
        "elements": "A. Unsur tindak pidana (UU 21/2007 Pasal 1 angka 1)",
        "process": "1. Proses",
        "means": "2. Cara",
        "purpose": "3. Tujuan (eksploitasi)",
        "indicators": "B. Indikator yang ditemukan",
        "decision": "C. Keputusan",
        "decided_by": "Diputuskan oleh",
        "decided_on": "Tanggal keputusan",
        "note": "Catatan",
        "consent_note": "Persetujuan korban atas eksploitasi tidak menghilangkan tindak pidana "
        "(UU 21/2007 Pasal 26).",
        "nip": "NIP",
    },
    "en": {
        "confidential": "CONFIDENTIAL (RAHASIA)",
        "title": "IDENTIFICATION FORM: VICTIM OF TRAFFICKING IN PERSONS",
        "rows": (
            ("Case number", "{{ case_number }}"),
            ("Initials", "{{ initials }}"),
            ("Sex", "{{ sex }}"),
            ("Age", "{{ age }} (on the day of the decision)"),
            ("Role", "{{ role }}"),
        ),
        "identity_note": "The full identity is in the case file.",
        "elements": "A. Elements of the crime (Law 21/2007, Article 1 point 1)",
        "process": "1. Process",
        "means": "2. Means",
        "purpose": "3. Purpose (exploitation)",
        "indicators": "B. Indicators found",
        "decision": "C. Decision",
        "decided_by": "Decided by",
        "decided_on": "Date of the decision",
        "note": "Note",
        "consent_note": "The victim's consent to the exploitation does not remove the crime "
        "(Law 21/2007, Article 26).",
        "nip": "NIP",
    },
}


# -- shared pieces ------------------------------------------------------------------------
def label_table(doc, rows, label_cm: float = 3.6, value_cm: float = 12.9):
    """'Label : value' lines without borders."""
    grid = doc.add_table(rows=len(rows), cols=2)
    no_borders(grid)
    for row, (label, value) in zip(grid.rows, rows, strict=False):
        cell_text(row.cells[0], label)
        cell_text(row.cells[1], f": {value}")
    widths(grid, label_cm, value_cm)
    return grid


def signature_block(doc, position: str, nip_label: str) -> None:
    """Position, room for signature and stamp, name underlined, NIP when there is one."""
    block = doc.add_table(rows=1, cols=2)
    no_borders(block)
    widths(block, 8.5, 8.0)
    row_property(block.rows[0], "cantSplit")
    cell = block.rows[0].cells[1]
    cell_text(cell, position, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        cell.add_paragraph()
    signed = cell.add_paragraph()
    signed.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = signed.add_run("{{ signer.name or '(..............................)' }}")
    run.bold = run.underline = True
    nip = cell.add_paragraph(f"{{% if signer.nip %}}{nip_label} {{{{ signer.nip }}}}{{% endif %}}")
    nip.alignment = WD_ALIGN_PARAGRAPH.CENTER


def numbered_loop(doc, loop: str, line: str, size: float | None = None) -> None:
    para(doc, "{%p for " + loop + " %}")
    item = para(doc, line, size=size, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=2)
    item.paragraph_format.left_indent = Cm(0.8)
    item.paragraph_format.first_line_indent = Cm(-0.6)
    para(doc, "{%p endfor %}")


# -- the invitation -------------------------------------------------------------------------
def build_invitation(lang: str):
    """A naskah dinas like the referral letter: the same kop, heading, signature, copies."""
    text = INVITATION_TEXT[lang]
    doc = sop_document(text)
    letter_heading(doc, text)
    para(doc, "", space_after=2)
    addressee_table(doc, text["to"])
    para(doc, "{%p if common_place %}")
    para(doc, text["at"], space_after=0).paragraph_format.left_indent = Cm(1.4)
    para(doc, "{{ common_place }}", space_after=0).paragraph_format.left_indent = Cm(2.0)
    para(doc, "{%p endif %}")
    para(doc, "", space_after=6)

    para(doc, text["opening"], space_after=6)
    para(doc, text["intro"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=4)
    details = label_table(doc, text["rows"], 3.4, 12.0)
    details.alignment = WD_TABLE_ALIGNMENT.CENTER
    para(doc, "", space_after=2)
    para(doc, text["confidential_note"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=4)
    closing = para(doc, text["closing"], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6)
    keep_with_next(closing)
    letter_signature(doc, text)
    para(doc, "", space_after=6)
    letter_copies(doc, text)
    return doc


def addressee_table(doc, to: str) -> None:
    """'Yth.' on the line of the first addressee (DOMAIN.md §5), the others under it."""
    grid = doc.add_table(rows=3, cols=2)
    no_borders(grid)
    cell_text(grid.rows[0].cells[0], "{%tr for a in addressees %}")
    cell_text(grid.rows[1].cells[0], "{% if loop.first %}" + to + "{% endif %}")
    cell_text(
        grid.rows[1].cells[1],
        "{{ a.no }}. {{ a.line }}{% if not common_place and a.place %} di {{ a.place }}{% endif %}",
    )
    cell_text(grid.rows[2].cells[0], "{%tr endfor %}")
    widths(grid, 1.4, 15.1)


def sop_document(text: dict):
    """A page like the referral letter's: RAHASIA top and bottom of every page (with the
    training mark when the book has one), page numbers from page 2, the kop surat."""
    doc = new_document()
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(1.6), Cm(1.6)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.0
    letter_headers(doc, text)
    letter_letterhead(doc)
    return doc


# -- the minutes ------------------------------------------------------------------------------
def attendance_table(doc, columns) -> None:
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    for cell, title in zip(header.cells, columns, strict=False):
        cell_text(cell, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    row_property(header, "tblHeader")
    row_property(header, "cantSplit")
    cell_text(table.rows[1].cells[0], "{%tr for s in attendance %}")
    body = table.rows[2]
    values = ("{{ s.no }}", "{{ s.name }}", "{{ s.institution }}", "{{ s.position }}")
    for cell, value in zip(body.cells, values, strict=False):
        cell_text(cell, value, align=WD_ALIGN_PARAGRAPH.CENTER if value == "{{ s.no }}" else None)
    signature_line_cell(body.cells[4])
    row_property(body, "cantSplit")
    row_height(body, 1.1)
    cell_text(table.rows[3].cells[0], "{%tr endfor %}")
    widths(table, 1.0, 4.2, 4.0, 3.2, 4.1)


def build_minutes(lang: str):
    text = MINUTES_TEXT[lang]
    doc = sop_document(text)
    para(doc, text["title"], bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=10)
    label_table(doc, text["rows"], 3.8, 12.7)
    para(doc, "", space_after=4)
    keep_with_next(para(doc, text["discussion"], bold=True, space_after=2))
    para(doc, "{{ discussion }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6)
    keep_with_next(para(doc, text["decisions"], bold=True, space_after=2))
    para(doc, "{%p if decisions %}")
    line = (
        "{{ d.no }}. {{ d.text }}{% if d.referral %} ("
        + text["referral"]
        + " {{ d.referral }}){% endif %}"
    )
    numbered_loop(doc, "d in decisions", line)
    para(doc, "{%p else %}")
    para(doc, text["no_decisions"])
    para(doc, "{%p endif %}")
    para(doc, "", space_after=4)
    para(doc, text["note"], size=9, italic=True, space_after=10)
    place = para(doc, "{{ place_date }}", space_after=4)
    place.paragraph_format.left_indent = Cm(9.5)
    keep_with_next(place)
    signature_block(doc, text["signer"], text["nip"])
    para(doc, "", space_after=8)
    keep_with_next(
        para(doc, text["attendance"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    )
    attendance_table(doc, text["columns"])
    return doc


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def save_if_changed(doc, path: Path) -> bool:
    """Write ``doc`` unless ``path`` already holds the same parts: a .docx saved again has
    new zip timestamps only, which would show every template as changed in git."""
    buffer = io.BytesIO()
    doc.save(buffer)
    data = buffer.getvalue()
    if path.is_file():
        new = parts(io.BytesIO(data))  # type: ignore[arg-type]
        if new == parts(path):
            return False
    path.write_bytes(data)
    return True


# -- the identification form --------------------------------------------------------------
def box_list(doc, key: str) -> None:
    """Two columns of '☒ label' / '☐ label', one box per choice of an element."""
    grid = doc.add_table(rows=3, cols=2)
    no_borders(grid)
    cell_text(grid.rows[0].cells[0], "{%tr for pair in " + key + " %}")
    for cell, side in zip(grid.rows[1].cells, ("a", "b"), strict=True):
        cell_text(
            cell,
            "{% if pair."
            + side
            + " %}{{ pair."
            + side
            + ".box }} {{ pair."
            + side
            + ".label }}{% endif %}",
        )
        cell.paragraphs[0].runs[0].font.size = Pt(10)
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        cell.paragraphs[0].paragraph_format.line_spacing = 1.0
    row_property(grid.rows[1], "cantSplit")
    cell_text(grid.rows[2].cells[0], "{%tr endfor %}")
    widths(grid, 8.0, 8.5)
    grid.alignment = WD_TABLE_ALIGNMENT.RIGHT


def build_identification(lang: str):
    text = IDENTIFICATION_TEXT[lang]
    doc = sop_document(text)
    para(doc, text["title"], bold=True, size=11.5, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    label_table(doc, text["rows"], 3.8, 12.7)
    para(doc, text["identity_note"], size=9, italic=True, space_after=0)
    section(doc, text["elements"])
    for key in ("process", "means", "purpose"):
        keep_with_next(para(doc, text[key], bold=True, space_after=0))
        if key == "means":
            para(doc, "{%p if child %}")
            note = para(doc, "{{ child_note }}", size=9.5, italic=True, space_after=2)
            note.paragraph_format.left_indent = Cm(0.8)
            para(doc, "{%p endif %}")
        box_list(doc, key)
    section(doc, text["indicators"])
    box_list(doc, "indicators")
    section(doc, text["decision"])
    box_list(doc, "status")
    para(doc, text["consent_note"], size=9, italic=True, space_after=4)
    decision_block(doc, text)
    return doc


def section(doc, title: str) -> None:
    heading = para(doc, title, bold=True, space_after=2)
    heading.paragraph_format.space_before = Pt(6)
    keep_with_next(heading)


def decision_block(doc, text: dict) -> None:
    """Who decided, when and a note on the left; the signature on the right, on one row."""
    block = doc.add_table(rows=1, cols=2)
    no_borders(block)
    widths(block, 8.5, 8.0)
    row_property(block.rows[0], "cantSplit")
    left, right = block.rows[0].cells
    cell_text(left, f"{text['decided_by']}: {{{{ decided_by }}}}")
    left.add_paragraph(f"{text['decided_on']}: {{{{ decided_on }}}}")
    left.add_paragraph(f"{text['note']}: {{{{ note }}}}")
    cell_text(right, "{{ place_date }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    right.add_paragraph("{{ signer.position }}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(2):
        right.add_paragraph()
    signed = right.add_paragraph()
    signed.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = signed.add_run("{{ signer.name or '(..............................)' }}")
    run.bold = run.underline = True
    nip = right.add_paragraph(
        f"{{% if signer.nip %}}{text['nip']} {{{{ signer.nip }}}}{{% endif %}}"
    )
    nip.alignment = WD_ALIGN_PARAGRAPH.CENTER


BUILDERS = {
    "conference-invitation": build_invitation,
    "conference-minutes": build_minutes,
    "identification": build_identification,
}


def build_all() -> None:
    from build_consent import build_consent

    BUILDERS["consent"] = build_consent
    for name, build in BUILDERS.items():
        for lang in ("id", "en"):
            save_if_changed(build(lang), HERE / f"{name}-{lang}.docx")
