"""The case conference's papers: the invitation (surat undangan) and the minutes (notulen).

The invitation is a naskah dinas (DOMAIN.md §5) with the book's letterhead and a number
from the book's letter sequence; making it again keeps that number and date. Both papers
name the case by its number and the victim by initials only: an invitation goes to
several institutions, and not every one of them is covered by a consent to share the
identity (minimum disclosure, DOMAIN.md §9).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.book.conferences import get_conference, referral_numbers
from tipref.documents.letter_context import (
    LABELS as LETTER_LABELS,
)
from tipref.documents.letter_context import (
    addressee_line,
    addressee_place,
    signer_context,
)
from tipref.documents.letters import format_date, logo_image, organisation_context
from tipref.documents.render import load_template, sha256_bytes, write_document
from tipref.i18n import N_, Localized, Msg
from tipref.schemas.case import Case
from tipref.schemas.conference import Conference, DocumentRecord
from tipref.schemas.letter import LetterRecord
from tipref.schemas.provider import Provider

FILE_PREFIX = {
    "invitation": {"id": "undangan", "en": "invitation"},
    "minutes": {"id": "notulen", "en": "minutes"},
}
# The zone's everyday name in Indonesia, written after a time on an invitation.
ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
SUBJECT = Localized(N_("Invitation to a case conference"))
UNTIL_DONE = Localized(N_("until finished"))


def day_name(on: date, lang: str) -> str:
    from babel.dates import format_date as babel_format

    return babel_format(on, "EEEE", locale="id" if lang == "id" else "en")


def output_path(out: str | Path | None, default_name: str, force: bool = False) -> Path:
    """``--out`` as tipref.outputs reads it (a folder with a trailing "/", .docx added, an
    existing file replaced only with ``force``)."""
    from tipref.outputs import output_path as resolve

    return resolve(out, default_name.removesuffix(".docx"), (".docx",), force=force)


def written_here(book: Book, path: Path) -> list[Msg]:
    """Refused inside an encrypted book's folder; a warning inside a plain one."""
    from tipref.outputs import personal_data_check

    return personal_data_check(book, path)


def file_name(what: str, conference: Conference, lang: str) -> str:
    """From the conference number: never a person's name (DOMAIN.md §9)."""
    prefix = FILE_PREFIX[what].get(lang, FILE_PREFIX[what]["id"])
    return f"{prefix}-{conference.number}.docx".replace("/", "-")


def time_text(book: Book, conference: Conference, lang: str) -> str:
    if not conference.time:
        return "-"
    zone = ZONE_NAMES.get(book.settings.timezone, "")
    return " ".join(p for p in (conference.time, zone, UNTIL_DONE[lang]) if p)


def addressees(
    book: Book, providers: list[Provider], lang: str
) -> tuple[list[dict[str, Any]], str]:
    """The Yth. list (each by position, as the referral letter), and the one place to write
    after "di" when they all share it ("Tempat" for the book's own town)."""
    rows: list[dict[str, Any]] = []
    places: set[str] = set()
    for number, provider in enumerate(providers, start=1):
        place = addressee_place(provider, book, lang)
        places.add(place)
        position = provider.contact_position or LETTER_LABELS[lang]["position"]
        rows.append(
            {
                "no": number,
                "line": addressee_line(position, provider.name),
                "place": place,
            }
        )
    common = places.pop() if len(places) == 1 else ""
    return rows, common


def _meeting(book: Book, conference: Conference, case: Case, lang: str) -> dict[str, Any]:
    """What both papers say about the meeting."""
    person = case.person(None) if case.persons else None
    return {
        "lang": lang,
        "conference_number": conference.number,
        "case_number": case.number,
        "initials": person.initials() if person else "-",
        "day": day_name(conference.held_on, lang),
        "held_date_text": format_date(conference.held_on, lang),
        "time_text": time_text(book, conference, lang),
        "place": conference.place,
        "agenda": conference.agenda or "-",
        "organisation": organisation_context(book, lang),
        "logo": "",
        "signer": signer_context(book, lang),
    }


def invitation_context(
    book: Book,
    conference: Conference,
    case: Case,
    providers: list[Provider],
    number: str,
    on: date,
    lang: str,
) -> dict[str, Any]:
    rows, common = addressees(book, providers, lang)
    city = book.settings.organisation.city
    return {
        **_meeting(book, conference, case, lang),
        "number": number,
        "subject": SUBJECT[lang],
        "attachments_text": "-",
        "date_text": format_date(on, lang),
        "place_date": ", ".join(p for p in (city, format_date(on, lang)) if p),
        "addressees": rows,
        "common_place": common,
        # "Arsip" is not listed among the copies (DOMAIN.md §5)
        "copies": [c for c in book.settings.letters.copies if c.strip().casefold() != "arsip"],
    }


def minutes_context(book: Book, conference: Conference, case: Case, lang: str) -> dict[str, Any]:
    numbers = referral_numbers(book, conference)
    city = book.settings.organisation.city
    return {
        **_meeting(book, conference, case, lang),
        "invitation_number": conference.invitation.number if conference.invitation else "-",
        "place_date": ", ".join(p for p in (city, format_date(conference.held_on, lang)) if p),
        "discussion": conference.discussion or "-",
        "decisions": [
            {
                "no": i,
                "text": d.text,
                "referral": numbers.get(d.referral_id, "") if d.referral_id else "",
            }
            for i, d in enumerate(conference.decisions, start=1)
        ],
        "attendance": [
            {
                "no": i,
                "name": s.name,
                "institution": s.institution,
                "position": s.position,
                "odd": i % 2 == 1,
            }
            for i, s in enumerate(conference.attendance, start=1)
        ],
        "attendance_count": len(conference.attendance),
    }


@dataclass
class Written:
    conference: Conference
    path: Path
    number: str | None
    warnings: list[Msg]


def _render(book: Book, name: str, context: dict[str, Any], path: Path) -> tuple[bytes, bool]:
    template = load_template(book.root, name)
    images, _ = logo_image(book)
    data = template.render(context, images)
    write_document(path, data)
    return data, template.info.overridden


def _invited(book: Book, conference: Conference) -> list[Provider]:
    providers = []
    for provider_id in conference.invited:
        provider = book.get(Provider, provider_id)
        assert isinstance(provider, Provider)
        providers.append(provider)
    return providers


def write_invitation(
    book: Book,
    ref: str,
    out: str | Path | None = None,
    lang: str | None = None,
    force: bool = False,
) -> Written:
    """The invitation letter; its number comes from the book's letter sequence once."""
    lang = lang or book.settings.language
    conference = get_conference(book, ref)
    case = book.get(Case, conference.case_id)
    assert isinstance(case, Case)
    _, warnings = logo_image(book)
    path = output_path(out, file_name("invitation", conference, lang), force)
    warnings += written_here(book, path)  # before a number is taken: a refusal burns none
    if conference.invitation is not None:
        number, on = conference.invitation.number, conference.invitation.date
    else:
        on = clock.today()
        number = book.next_number("letter", book.settings.numbering.letter, on)
    context = invitation_context(
        book, conference, case, _invited(book, conference), number, on, lang
    )
    data, overridden = _render(book, f"conference-invitation-{lang}", context, path)
    record = LetterRecord(
        number=number,
        date=on,
        file_name=path.name,
        sha256=sha256_bytes(data),
        made_by=book.actor,
        made_at=clock.now(),
        lang=lang,
        identity_disclosed=False,
        template="book" if overridden else "default",
    )

    def keep(current: Conference) -> None:
        current.invitation = record

    updated = book.update(Conference, conference.id, keep, action="invitation", note=number)
    assert isinstance(updated, Conference)
    return Written(updated, path, number, warnings)


def minutes_target(
    book: Book, ref: str, out: str | Path | None, lang: str | None, force: bool
) -> Path:
    """Where the minutes will go, checked before anything is recorded."""
    conference = get_conference(book, ref)
    return output_path(out, file_name("minutes", conference, lang or book.settings.language), force)


def write_minutes(
    book: Book,
    ref: str,
    out: str | Path | None = None,
    lang: str | None = None,
    force: bool = False,
) -> Written:
    """The minutes of a conference whose attendance is recorded."""
    from tipref.errors import TiprefError

    lang = lang or book.settings.language
    conference = get_conference(book, ref)
    if not conference.held:
        raise TiprefError(
            N_(
                "The minutes of conference {number} are not recorded yet; give --attendance ATTENDANCE.csv/.xlsx."
            ),
            number=conference.number,
        )
    case = book.get(Case, conference.case_id)
    assert isinstance(case, Case)
    _, warnings = logo_image(book)
    path = output_path(out, file_name("minutes", conference, lang), force)
    warnings += written_here(book, path)
    data, _ = _render(
        book, f"conference-minutes-{lang}", minutes_context(book, conference, case, lang), path
    )
    record = DocumentRecord(
        file_name=path.name,
        sha256=sha256_bytes(data),
        made_by=book.actor,
        made_at=clock.now(),
        lang=lang,
    )

    def keep(current: Conference) -> None:
        current.minutes.append(record)

    updated = book.update(Conference, conference.id, keep, action="minutes-document")
    assert isinstance(updated, Conference)
    return Written(updated, path, None, warnings)


# -- example data for ``tipref template check`` ------------------------------------------------
def _sample(book: Book) -> tuple[Conference, Case, list[Provider]]:
    from tipref.schemas.case import Person
    from tipref.schemas.commitment import Signatory
    from tipref.schemas.conference import Decision
    from tipref.schemas.enums import ProviderType

    person = Person(name="Contoh Nama", sex="female", birth_date=date(2008, 1, 25))
    case = Case(number="CONTOH-2026-0001", persons=[person], opened_on=date(2026, 1, 25))
    provider = Provider(
        code="contoh", name="RSUD Contoh", type=ProviderType.hospital, contact_position="Direktur"
    )
    conference = Conference(
        number="CONTOH-K2026-0001",
        case_id=case.id,
        held_on=date(2026, 1, 26),
        time="09:00",
        place="Ruang rapat",
        agenda="Contoh",
        invited=[provider.id],
        held=True,
        attendance=[Signatory(name="Contoh", institution="Contoh", position="Contoh")],
        discussion="Contoh",
        decisions=[Decision(text="Contoh")],
    )
    return conference, case, [provider]


def sample_invitation_context(book: Book, lang: str | None = None) -> dict[str, Any]:
    conference, case, providers = _sample(book)
    lang = lang or book.settings.language
    return invitation_context(
        book, conference, case, providers, "001/CONTOH/I/2026", date(2026, 1, 20), lang
    )


def sample_minutes_context(book: Book, lang: str | None = None) -> dict[str, Any]:
    conference, case, _ = _sample(book)
    return minutes_context(book, conference, case, lang or book.settings.language)
