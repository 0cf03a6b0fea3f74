"""The berita acara serah terima of a handover, and the family's acceptance statement.

The berita acara is signed by both sides (PIHAK PERTAMA hands over, PIHAK KEDUA
receives); its number comes from the book's letter sequence the first time it is made and
is kept when it is made again. The acceptance statement (surat pernyataan penerimaan
keluarga) is signed by the family member, an officer as witness and the village head.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.documents.commitments import day_name
from tipref.documents.letter_context import (
    _address,
    disclose_identity,
    format_date,
    identity_rows,
    organisation_context,
    person_context,
)
from tipref.documents.letters import letter_pattern, logo_image
from tipref.documents.render import load_template, sha256_bytes, template_from_file, write_document
from tipref.errors import TiprefError
from tipref.i18n import N_, Msg
from tipref.outputs import output_path, personal_data_check
from tipref.schemas.case import Case, Person
from tipref.schemas.enums import ProviderType
from tipref.schemas.handover import Handover
from tipref.schemas.letter import LetterRecord
from tipref.schemas.provider import Provider

BLANK = ".............................."
FILE_PREFIX = {
    "handover": {"id": "berita-acara-serah-terima", "en": "handover-record"},
    "acceptance": {"id": "pernyataan-penerimaan-keluarga", "en": "family-acceptance"},
}


@dataclass
class DocumentResult:
    handover: Handover
    record: LetterRecord
    path: Path
    warnings: list[Msg] = field(default_factory=list)


def provider_party(provider: Provider) -> dict[str, str]:
    return {
        "name": provider.contact_name or BLANK,
        "position": provider.contact_position or BLANK,
        "institution": provider.name,
    }


def family_party(handover: Handover, person: Person) -> dict[str, str]:
    return {
        "name": handover.family_name,
        "position": handover.family_relation or BLANK,
        "institution": _address(person) or BLANK,
    }


def handover_context(
    book: Book,
    handover: Handover,
    case: Case,
    by: Provider,
    to: Provider | None,
    number: str,
    lang: str,
) -> dict[str, Any]:
    person = case.person(handover.person_id)
    on = handover.handed_on
    # the family and the remains' receivers know who it is; an agency needs the consent
    full = to is None or handover.remains or disclose_identity(person, to, on)
    second = family_party(handover, person) if to is None else provider_party(to)
    return {
        "lang": lang,
        "number": number,
        "handover_number": handover.number,
        "case_number": case.number,
        "day": day_name(on, lang),
        "date_text": format_date(on, lang),
        "place": handover.place or by.city or book.settings.organisation.city or BLANK,
        "place_date": ", ".join(p for p in (handover.place or by.city, format_date(on, lang)) if p),
        "organisation": organisation_context(book, lang),
        "logo": "",
        "first": provider_party(by),
        "second": second,
        "by": provider_party(by),
        "family": {
            "name": handover.family_name or BLANK,
            "relation": handover.family_relation or BLANK,
            "address": _address(person) or BLANK,
        },
        "person": {**person_context(person, full, on, lang), "name": person.name},
        "identity": identity_rows(person, full, on, lang),
        "remains": handover.remains,
        "to_family": to is None,
        "note": handover.note,
    }


def write_handover_document(
    book: Book,
    ref: str,
    kind: str = "handover",
    out: str | Path | None = None,
    lang: str | None = None,
    template: Path | None = None,
    force: bool = False,
) -> DocumentResult:
    """Write the berita acara (``kind`` handover) or the acceptance statement (acceptance)."""
    handover = book.get(Handover, ref)
    if kind == "acceptance" and not handover.to_family:
        raise TiprefError(
            N_(
                "{number} is not a handover to the family; the family acceptance statement is for a handover to the family"
            ),
            number=handover.number,
        )
    lang = lang or book.settings.language
    case = book.get(Case, handover.case_id)
    by = book.get(Provider, handover.by_provider_id)
    to = book.get(Provider, handover.to_provider_id) if handover.to_provider_id else None
    kept = handover.letters if kind == "handover" else handover.acceptance_letters
    number = kept[0].number if kept else ""
    if kind == "handover" and not number:
        number = book.next_number("letter", letter_pattern(book), handover.handed_on)
    document = (
        template_from_file(template) if template else load_template(book.root, f"{kind}-{lang}")
    )
    images, warnings = logo_image(book)
    context = handover_context(book, handover, case, by, to, number, lang)
    rendered = document.render(context, images)
    prefix = FILE_PREFIX[kind].get(lang, FILE_PREFIX[kind]["id"])
    path = output_path(out, f"{prefix}-{handover.number}", (".docx",), force=force)
    warnings += personal_data_check(book, path)
    write_document(path, rendered)
    record = LetterRecord(
        number=number or handover.number,
        date=handover.handed_on,
        file_name=path.name,
        sha256=sha256_bytes(rendered),
        made_by=book.actor,
        made_at=clock.now(),
        lang="en" if lang == "en" else "id",
        identity_disclosed=bool(context["person"]["identity_disclosed"]),
        template="book" if document.info.overridden else "default",
    )

    def keep(current: Handover) -> None:
        (current.letters if kind == "handover" else current.acceptance_letters).append(record)

    updated = book.update(Handover, handover.id, keep, action=kind, note=path.name)
    return DocumentResult(updated, record, path, warnings)


def sample_context(book: Book, kind: str = "handover", lang: str | None = None) -> dict[str, Any]:
    """Example data with every key these documents get (``tipref template check``)."""
    lang = lang or book.settings.language
    person = Person(name="Contoh Nama", sex="female", birth_date=date(2008, 1, 25))
    case = Case(number="CONTOH-2026-0001", persons=[person], opened_on=date(2026, 1, 25))
    by = Provider(code="bp3mi", name="BP3MI Contoh", type=ProviderType.bp3mi, city="Kupang")
    handover = Handover(
        number="CONTOH-H2026-0001",
        case_id=case.id,
        person_id=person.id,
        handed_on=date(2026, 1, 25),
        by_provider_id=by.id,
        family_name="Contoh Ibu",
        family_relation="Ibu kandung",
    )
    return handover_context(book, handover, case, by, None, "001/CONTOH/I/2026", lang)


def sample_handover_context(book: Book) -> dict[str, Any]:
    return sample_context(book, "handover")


def sample_acceptance_context(book: Book) -> dict[str, Any]:
    return sample_context(book, "acceptance")
