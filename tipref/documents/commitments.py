"""Joint commitment documents (dokumen komitmen bersama) of coordination meetings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tipref.book.casebook import Book, validate_model
from tipref.documents.letters import format_date, logo_image, organisation_context
from tipref.documents.render import load_template, template_from_file, write_document
from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import Msg, register_messages
from tipref.reporting.attendance import RowProblem, read_attendance
from tipref.schemas.commitment import Commitment, Signatory

COMMITMENT_PATTERN = "{code}-K{year}-{seq:03d}"

register_messages(
    {
        "commitment.no_points": {
            "id": "Dokumen komitmen {number} belum punya butir komitmen; tambahkan dengan 'tipref commitment add-point'.",
            "en": "Commitment {number} has no commitment points yet; add them with 'tipref commitment add-point'.",
        },
        "commitment.sign_what": {
            "id": "Berikan --name dan --institution (dan --position), atau --from DAFTAR_HADIR.csv/.xlsx.",
            "en": "Give --name and --institution (and --position), or --from ATTENDANCE.csv/.xlsx.",
        },
    }
)


class AttendanceRejected(TiprefError):
    key = "attendance.rejected"

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p.message()) for p in problems[:5]) + (
            "; ..." if len(problems) > 5 else ""
        )
        super().__init__(count=len({p.row for p in problems}), problems=shown)

    def message(self, lang: str) -> str:
        from tipref.i18n import t

        shown = "; ".join(p.message().render(lang) for p in self.problems[:5])
        if len(self.problems) > 5:
            shown += "; ..."
        return t(self.key, lang, count=len({p.row for p in self.problems}), problems=shown)


def new_commitment(book: Book, fields: dict[str, Any]) -> Commitment:
    draft = validate_model(Commitment, {**fields, "number": "draft"})
    draft.number = book.next_number("commitment", COMMITMENT_PATTERN, draft.held_on)
    return book.add(draft)


def add_points(
    book: Book, ref: str, points: list[str], recitals: list[str] | None = None
) -> Commitment:
    points = [p.strip() for p in points]
    recitals = [r.strip() for r in recitals or []]
    if any(not p for p in points + recitals):
        raise InvalidInput(field="text", problem=Msg("input.missing", field="text"))

    def apply(commitment: Commitment) -> None:
        commitment.points.extend(points)
        commitment.recitals.extend(recitals)

    return book.update("commitment", ref, apply, action="add-point")


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
        "commitment", ref, apply, action="sign", note=f"{len(signatories)} signatories"
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
    before = book.get("commitment", ref)  # a wrong reference fails before the file is read
    assert isinstance(before, Commitment)
    attendance = read_attendance(path, **read_options)
    if attendance.problems and not skip_invalid:
        raise AttendanceRejected(attendance.problems)
    commitment = sign(book, ref, attendance.rows) if attendance.rows else before
    assert isinstance(commitment, Commitment)
    added = len(commitment.signatories) - len(before.signatories)
    return SignResult(commitment, added, attendance.problems, attendance.warnings)


def list_commitments(book: Book) -> list[Commitment]:
    found = [c for c in book.all("commitment") if isinstance(c, Commitment)]
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


def commitment_context(book: Book, commitment: Commitment, lang: str) -> dict[str, Any]:
    return {
        "lang": lang,
        "number": commitment.number,
        "title": commitment.title,
        "day": day_name(commitment.held_on, lang),
        "date_text": format_date(commitment.held_on, lang),
        "place": commitment.place,
        "organiser": commitment.organiser or book.settings.organisation.name,
        "organisation": organisation_context(book, lang),
        "logo": "",
        "recitals": [
            {"letter": letter_index(i), "text": text} for i, text in enumerate(commitment.recitals)
        ],
        "points": [{"no": i, "text": text} for i, text in enumerate(commitment.points, start=1)],
        "signatories": [
            {"no": i, "name": s.name, "institution": s.institution, "position": s.position}
            for i, s in enumerate(commitment.signatories, start=1)
        ],
    }


def render_commitment(
    book: Book, ref: str, out: Path, lang: str | None = None, template: Path | None = None
) -> tuple[Commitment, Path, list[Msg]]:
    commitment = book.get("commitment", ref)
    assert isinstance(commitment, Commitment)
    lang = lang or book.settings.language
    warnings: list[Msg] = []
    if not commitment.points:
        warnings.append(Msg("commitment.no_points", number=commitment.number))
    document = (
        template_from_file(template) if template else load_template(book.root, f"commitment-{lang}")
    )
    images, logo_warnings = logo_image(book)
    data = document.render(commitment_context(book, commitment, lang), images)
    if out.is_dir() or str(out).endswith(("/", "\\")):
        out = out / f"komitmen-{commitment.number}.docx"
    elif out.suffix.lower() != ".docx":
        out = out.with_name(out.name + ".docx")
    write_document(out, data)
    return commitment, out, warnings + logo_warnings


def sample_context(book: Book, lang: str | None = None) -> dict[str, Any]:
    """Example data with every key a commitment document gets, for ``tipref template check``."""
    example = Commitment(
        number="CONTOH-K2026-001",
        title="Komitmen Bersama",
        held_on=date(2022, 1, 25),
        place="Kefamenanu",
        recitals=["Contoh"],
        points=["Contoh"],
        signatories=[Signatory(name="Contoh", institution="Contoh", position="Contoh")],
    )
    return commitment_context(book, example, lang or book.settings.language)
