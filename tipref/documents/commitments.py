"""Joint commitment documents (dokumen komitmen bersama) of coordination meetings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tipref.book.casebook import Book, validate_model
from tipref.documents.letters import format_date, logo_image, organisation_context
from tipref.documents.render import load_template, template_from_file, write_document
from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.reporting.attendance import (  # noqa: F401 (AttendanceRejected: commands.commitment)
    AttendanceRejected,
    RowProblem,
    read_attendance,
)
from tipref.schemas.commitment import Commitment, Signatory

COMMITMENT_PATTERN = "{seq:03d}/GT-PPTPPO/{code}/{month_roman}/{year}"


def new_commitment(book: Book, fields: dict[str, Any]) -> Commitment:
    """A new commitment with the next official number of its year, e.g.
    ``001/GT-PPTPPO/TTU/I/2022`` (pattern: the book's ``task_force.commitment_number``)."""
    draft = validate_model(Commitment, {**fields, "number": "draft"})
    pattern = book.settings.task_force.commitment_number or COMMITMENT_PATTERN
    draft.number = book.next_number("commitment", pattern, draft.held_on)
    return book.add(draft)


def add_points(
    book: Book,
    ref: str,
    points: list[str],
    recitals: list[str] | None = None,
    english: bool = False,
) -> Commitment:
    """Append points and recitals, to the Indonesian text or (``english``) the English one."""
    points = [p.strip() for p in points]
    recitals = [r.strip() for r in recitals or []]
    if any(not p for p in points + recitals):
        raise InvalidInput(field="text", problem=Msg("{field}: is required", field="text"))

    def apply(commitment: Commitment) -> None:
        target: Any = commitment.english if english else commitment
        target.points.extend(points)
        target.recitals.extend(recitals)

    return book.update(Commitment, ref, apply, action="add-point")


def sign(book: Book, ref: str, people: list[dict[str, str]]) -> Commitment:
    """Add signatories in one write: all of them or, on a bad entry, none."""
    signatories = [validate_model(Signatory, person) for person in people]

    def apply(commitment: Commitment) -> None:
        # the same attendance list signed twice adds no one twice
        known = {_same_person(s) for s in commitment.signatories}
        for signatory in signatories:
            if _same_person(signatory) not in known:
                commitment.signatories.append(signatory)
                known.add(_same_person(signatory))

    return book.update(
        Commitment, ref, apply, action="sign", note=f"{len(signatories)} signatories"
    )


def _same_person(signatory: Signatory) -> tuple[str, str]:
    return (
        " ".join(signatory.name.casefold().split()),
        " ".join(signatory.institution.casefold().split()),
    )


@dataclass
class SignResult:
    commitment: Commitment
    added: int
    skipped: list[RowProblem]
    warnings: list[Msg] = field(default_factory=list)


def sign_from_file(
    book: Book, ref: str, path: Path, skip_invalid: bool = False, **read_options: Any
) -> SignResult:
    """``read_options``: encoding, sheet, header_row (tipref.reporting.spreadsheet)."""
    before = book.get(Commitment, ref)  # a wrong reference fails before the file is read
    attendance = read_attendance(path, **read_options)
    if attendance.problems and not skip_invalid:
        raise AttendanceRejected(attendance.problems)
    commitment = sign(book, ref, attendance.rows) if attendance.rows else before
    added = len(commitment.signatories) - len(before.signatories)
    return SignResult(commitment, added, attendance.problems, attendance.warnings)


def list_commitments(book: Book) -> list[Commitment]:
    found = [c for c in book.all(Commitment)]
    return sorted(found, key=lambda c: (c.held_on, c.number))


def letter_index(index: int) -> str:
    """a, b, ... z, aa, ab ..."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def day_name(on: date, lang: str) -> str:
    from babel.dates import format_date as babel_format

    return babel_format(on, "EEEE", locale="id" if lang == "id" else "en")


_LEADING_THAT = re.compile(r"^\s*(?:menimbang\s*:?\s*)?(?:bahwa|that)\s+", re.I)


def recital_text(text: str) -> str:
    """A recital as it follows "... menyadari bahwa:": no second "bahwa", no heading,
    no closing punctuation (the template adds ';')."""
    return _LEADING_THAT.sub("", text.strip()).rstrip(" ;,.")


def meeting_text(organiser: str, lang: str) -> str:
    """'peserta rapat koordinasi Gugus Tugas ...': the meeting, whoever signed."""
    organiser = organiser.strip()
    if not organiser or re.match(r"(?i)(rapat|the meeting|a meeting|meeting)\b", organiser):
        return organiser[:1].lower() + organiser[1:] if organiser else ""
    if lang == "en":
        return f"the coordination meeting of {organiser}"
    return f"rapat koordinasi {organiser}"


def texts_for(commitment: Commitment, lang: str) -> tuple[str, list[str], list[str], bool]:
    """Title, recitals and points in ``lang``; the last item says whether it fell back to
    the Indonesian text because no English one was recorded."""
    english = commitment.english
    if lang == "en" and (english.points or english.recitals or english.title):
        return (
            english.title or commitment.title,
            english.recitals,
            english.points or commitment.points,
            False,
        )
    return commitment.title, commitment.recitals, commitment.points, lang == "en"


def letterhead_context(book: Book) -> dict[str, str]:
    """The Pemerintah Kabupaten and the Gugus Tugas: the commitment is the task force's."""
    settings = book.settings
    org, task_force = settings.organisation, settings.task_force
    hierarchy = list(getattr(org, "hierarchy", []) or [])
    government = hierarchy[0] if hierarchy else ""
    if not government and org.district:
        government = f"PEMERINTAH KABUPATEN {org.district}"
    name = task_force.name or (
        "GUGUS TUGAS PENCEGAHAN DAN PENANGANAN TINDAK PIDANA PERDAGANGAN ORANG"
        + (f" KABUPATEN {org.district}" if org.district else "")
    )
    return {
        "government": government.upper(),
        "name": name.upper(),
        "address": task_force.address or org.address,
    }


def chair_context(book: Book, commitment: Commitment) -> dict[str, str]:
    task_force = book.settings.task_force
    return {
        "name": commitment.chair_name or task_force.chair_name,
        "position": commitment.chair_position
        or task_force.chair_position
        or "Ketua Gugus Tugas PP TPPO",
    }


def signatory_rows(commitment: Commitment) -> list[dict[str, Any]]:
    """One row per signatory; the signature line alternates left (odd) and right (even)."""
    return [
        {
            "no": i,
            "name": s.name,
            "institution": s.institution,
            "position": s.position,
            "odd": i % 2 == 1,
        }
        for i, s in enumerate(commitment.signatories, start=1)
    ]


def commitment_context(book: Book, commitment: Commitment, lang: str) -> dict[str, Any]:
    title, recitals, points, _ = texts_for(commitment, lang)
    return {
        "lang": lang,
        "number": commitment.number,
        "title": title,
        "day": day_name(commitment.held_on, lang),
        "date_text": format_date(commitment.held_on, lang),
        "place": commitment.place,
        "city": book.settings.organisation.city or commitment.place,
        "organiser": commitment.organiser or book.settings.organisation.name,
        "meeting": meeting_text(commitment.organiser or book.settings.task_force.name, lang),
        "organisation": organisation_context(book, lang),
        "letterhead": letterhead_context(book),
        "chair": chair_context(book, commitment),
        "logo": "",
        "recitals": [
            {"letter": letter_index(i), "text": recital_text(text)}
            for i, text in enumerate(recitals)
        ],
        "points": [{"no": i, "text": text} for i, text in enumerate(points, start=1)],
        "signatories": signatory_rows(commitment),
        "signatory_count": len(commitment.signatories),
    }


def document_name(commitment: Commitment) -> str:
    """komitmen-001-GT-PPTPPO-TTU-I-2022.docx: the number, safe as a file name."""
    safe = re.sub(r"[^A-Za-z0-9.-]+", "-", commitment.number).strip("-")
    return f"komitmen-{safe}.docx"


def render_commitment(
    book: Book, ref: str, out: Path, lang: str | None = None, template: Path | None = None
) -> tuple[Commitment, Path, list[Msg]]:
    commitment = book.get(Commitment, ref)
    lang = lang or book.settings.language
    warnings: list[Msg] = []
    if not commitment.points:
        warnings.append(
            Msg(
                "Commitment {number} has no commitment points yet; add them with 'tipref commitment add-point'.",
                number=commitment.number,
            )
        )
    if texts_for(commitment, lang)[3] and (commitment.points or commitment.recitals):
        warnings.append(
            Msg(
                "Commitment {number} has no English text yet; the document uses the Indonesian text. Add it with 'tipref commitment add-point --en'.",
                number=commitment.number,
            )
        )
    document = (
        template_from_file(template) if template else load_template(book.root, f"commitment-{lang}")
    )
    images, logo_warnings = logo_image(book)
    data = document.render(commitment_context(book, commitment, lang), images)
    if out.is_dir() or str(out).endswith(("/", "\\")):
        out = out / document_name(commitment)
    elif out.suffix.lower() != ".docx":
        out = out.with_name(out.name + ".docx")
    write_document(out, data)
    return commitment, out, warnings + logo_warnings


def sample_context(book: Book, lang: str | None = None) -> dict[str, Any]:
    """Example data with every key a commitment document gets, for ``tipref template check``."""
    example = Commitment(
        number="001/GT-PPTPPO/CONTOH/I/2022",
        title="Komitmen Bersama",
        held_on=date(2022, 1, 25),
        place="Kefamenanu",
        recitals=["Contoh"],
        points=["Contoh"],
        signatories=[Signatory(name="Contoh", institution="Contoh", position="Contoh")],
    )
    return commitment_context(book, example, lang or book.settings.language)
