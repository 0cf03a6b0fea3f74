"""The letter reporting a case to the police (surat penyampaian laporan).

Within 24 hours of taking a victim in under treatment the integrated service reports to
the nearest police (PP 9/2008; the deadline ``tipref due`` tracks). The letter takes its
number from the book's letter sequence (the same as referral letters), is kept on the case
(``police_letters``) and, when the case has no police report time yet, records it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.documents.letter_context import (
    LABELS,
    addressee_context,
    contact_context,
    copies_for,
    disclose_identity,
    format_date,
    identity_rows,
    organisation_context,
    person_context,
    signer_context,
)
from tipref.documents.letters import LETTER_LOGO_WIDTH_CM, letter_pattern, logo_image
from tipref.documents.render import load_template, sha256_bytes, template_from_file, write_document
from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.outputs import output_path, personal_data_check
from tipref.schemas.case import Case, Person
from tipref.schemas.enums import ProviderType
from tipref.schemas.letter import LetterRecord
from tipref.schemas.provider import Provider

FILE_PREFIX = {"id": "laporan-polisi", "en": "police-report"}


@dataclass
class PoliceReportResult:
    case: Case
    record: LetterRecord
    path: Path
    reported_now: bool
    warnings: list[Msg] = field(default_factory=list)


def police_provider(book: Book, to_ref: str | None) -> Provider:
    """The addressee: ``--to``, else the book's first police provider."""
    if to_ref:
        return book.get(Provider, to_ref)
    police = sorted(
        (p for p in book.all(Provider) if p.type == ProviderType.police), key=lambda p: p.code
    )
    if not police:
        raise InvalidInput(
            field="--to",
            problem=Msg(
                "this book has no police provider; give --to CODE (see 'tipref provider list')"
            ),
        )
    return police[0]


def intake_text(case: Case, lang: str) -> str:
    intake = case.events.intake_at
    if intake is None:
        return Msg("(date of intake not yet recorded)").render(lang)
    local = intake.astimezone(clock.zone())
    return f"{format_date(local.date(), lang)}, {local.strftime('%H.%M')}"


def police_context(
    book: Book, case: Case, person: Person, provider: Provider, number: str, on: date, lang: str
) -> dict[str, Any]:
    full = disclose_identity(person, provider, on)
    settings = book.settings
    return {
        "lang": lang,
        "number": number,
        "case_number": case.number,
        "date_text": format_date(on, lang),
        "place_date": ", ".join(
            p for p in (settings.organisation.city, format_date(on, lang)) if p
        ),
        "organisation": organisation_context(book, lang),
        "logo": "",
        "subject": Msg("Report of a suspected case of trafficking in persons").render(lang),
        "attachments": [],
        "attachments_text": "-",
        "addressee": addressee_context(book, provider, lang),
        "person": person_context(person, full, on, lang),
        "identity": identity_rows(person, full, on, lang),
        "intake_text": intake_text(case, lang),
        "chronology": [entry.text for entry in case.chronology],
        "contact": contact_context(book),
        "signer": signer_context(book, lang),
        "copies": copies_for(book, person, full, on).listed,
        "none": LABELS[lang]["none"],
    }


def make_police_report(
    book: Book,
    ref: str,
    to_ref: str | None = None,
    on: date | None = None,
    out: str | Path | None = None,
    lang: str | None = None,
    template: Path | None = None,
    force: bool = False,
) -> PoliceReportResult:
    """Write the letter; record it on the case and, if unset, the police report time."""
    from tipref.schemas.entry import not_in_future

    case = book.get(Case, ref)
    lang = lang or book.settings.language
    on = on or clock.today()
    not_in_future(on, "--date")
    if on < case.opened_on:
        raise InvalidInput(
            field="--date",
            problem=Msg(
                "{value} is before the case was opened ({opened})", value=on, opened=case.opened_on
            ),
        )
    provider = police_provider(book, to_ref)
    person = case.person(None)
    number = book.next_number("letter", letter_pattern(book), on)
    document = (
        template_from_file(template)
        if template
        else load_template(book.root, f"police-report-{lang}")
    )
    images, warnings = logo_image(book, LETTER_LOGO_WIDTH_CM)
    rendered = document.render(
        police_context(book, case, person, provider, number, on, lang), images
    )
    default = f"{FILE_PREFIX.get(lang, FILE_PREFIX['id'])}-{case.number}".replace("/", "-")
    path = output_path(out, default, (".docx",), force=force)
    warnings += personal_data_check(book, path)
    write_document(path, rendered)
    record = LetterRecord(
        number=number,
        date=on,
        file_name=path.name,
        sha256=sha256_bytes(rendered),
        made_by=book.actor,
        made_at=clock.now(),
        lang="en" if lang == "en" else "id",
        identity_disclosed=disclose_identity(person, provider, on),
        template="book" if document.info.overridden else "default",
    )
    reported_now = case.events.police_reported_at is None

    def apply(current: Case) -> None:
        current.police_letters.append(record)
        if current.events.police_reported_at is None:
            today = on == clock.today()
            current.events.police_reported_at = (
                clock.now() if today else datetime.combine(on, time(0, 0), tzinfo=clock.zone())
            )

    updated = book.update(Case, case.id, apply, action="police-report", note=f"letter {number}")
    return PoliceReportResult(updated, record, path, reported_now, warnings)


def sample_context(book: Book, lang: str | None = None) -> dict[str, Any]:
    """Example data with every key the police report letter gets (``tipref template check``)."""
    lang = lang or book.settings.language
    person = Person(name="Contoh Nama", sex="female", birth_date=date(2008, 1, 25))
    case = Case(number="CONTOH-2026-0001", persons=[person], opened_on=date(2026, 1, 25))
    provider = Provider(
        code="polres", name="Polres Contoh", type=ProviderType.police, contact_position="Kapolres"
    )
    return police_context(
        book, case, person, provider, "001/CONTOH/I/2026", date(2026, 1, 25), lang
    )
