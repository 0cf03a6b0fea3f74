"""Referral letters (surat rujukan) with their reply slip: data, numbers, record, batches.

A letter discloses the minimum the receiving service needs (initials, sex, age) unless
the person agreed to share their identity with that provider (:func:`disclose_identity`).
Its number comes from the book's pattern and a per-year counter; making the letter again
keeps the number already recorded on the referral. Each letter made is recorded on the
referral (number, date, file name, checksum, who), so the history shows what went out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.documents.letter_context import (  # noqa: F401 (used by commitments, privacy, tests)
    check_code,
    count_text,
    disclose_identity,
    format_date,
    identity_rows,
    letter_context,
    organisation_context,
)
from tipref.documents.render import Template, load_template, sha256_bytes, write_document
from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import N_, Msg
from tipref.outputs import folder_path, output_path, personal_data_check, refuse_existing
from tipref.schemas.case import Case, Person
from tipref.schemas.enums import ReferralStatus, Service
from tipref.schemas.letter import LetterRecord
from tipref.schemas.provider import Provider
from tipref.schemas.referral import Referral

LOGO_WIDTH_CM = 2.2  # centred above a letterhead (commitment document)
LETTER_LOGO_WIDTH_CM = 1.7  # left of the kop surat's lines
FILE_PREFIX = {"id": "surat-rujukan", "en": "referral-letter"}


def default_file_name(referral: Referral, lang: str = "id") -> str:
    """From the referral number: never a person's name (DOMAIN.md §9)."""
    return f"{FILE_PREFIX.get(lang, FILE_PREFIX['id'])}-{referral.number}.docx".replace("/", "-")


def letter_pattern(book: Book) -> str:
    """The book's letter pattern with its classification code in place of ``{class}``.

    An empty code takes the '/' (or '.', '-') next to it along, so no number starts or
    ends with a stray separator; a pattern without ``{class}`` is used as it is.
    """
    import re

    numbering = book.settings.numbering
    pattern = numbering.letter
    code = numbering.classification.strip()
    if "{class}" not in pattern:
        return pattern
    if code:
        return pattern.replace("{class}", code.replace("{", "{{").replace("}", "}}"))
    pattern = re.sub(r"\{class\}[/.\-]?", "", pattern, count=1)
    return re.sub(r"[/.\-]$", "", pattern)


def logo_image(
    book: Book, width_cm: float = LOGO_WIDTH_CM
) -> tuple[dict[str, tuple[Path, float]], list[Msg]]:
    logo = book.settings.organisation.logo
    if not logo:
        return {}, []
    path = (book.root / logo) if not Path(logo).is_absolute() else Path(logo)
    if not path.is_file():
        return {}, [
            Msg("Logo {path} not found; the letterhead is made without it.", path=str(path))
        ]
    return {"logo": (path, width_cm)}, []


def check_letter_date(on: date, referral: Referral) -> None:
    """A letter's date, as typed: not in the future (the book's today plus a day of
    tolerance, tipref.schemas.entry), not before the referral it is for."""
    from tipref.schemas.entry import not_in_future

    not_in_future(on, "--date")
    if on < referral.referred_on:
        raise InvalidInput(
            field="--date",
            problem=Msg(
                "the letter date {value} is before the referral date {referred_on}",
                value=on,
                referred_on=referral.referred_on,
            ),
        )


@dataclass
class LetterResult:
    referral: Referral
    record: LetterRecord
    path: Path
    warnings: list[Msg] = field(default_factory=list)
    pdf: Path | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "referral": self.referral.number,
            "referral_id": self.referral.id,
            **self.record.model_dump(mode="json"),
            "path": str(self.path),
            "pdf": str(self.pdf) if self.pdf else None,
            "warnings": [str(w) for w in self.warnings],
        }


class LetterWriter:
    """Writes letters for one book; templates are loaded once per language (batches)."""

    def __init__(self, book: Book, lang: str | None = None, template: Path | None = None) -> None:
        self.book = book
        self.lang = lang or book.settings.language
        self.template_file = template
        self._templates: dict[str, Template] = {}
        self._providers: dict[str, Provider] = {}
        self._cases: dict[str, Case] = {}
        # a batch reads the completed referrals once (services already given), not per letter
        self.completed: list[Referral] | None = None

    def read_completed(self) -> None:
        self.completed = [
            r for r in self.book.all(Referral, where={"status": ReferralStatus.completed})
        ]

    def template(self) -> Template:
        if self.lang not in self._templates:
            if self.template_file is not None:
                from tipref.documents.render import template_from_file

                self._templates[self.lang] = template_from_file(self.template_file)
            else:
                self._templates[self.lang] = load_template(self.book.root, f"letter-{self.lang}")
        return self._templates[self.lang]

    def _provider(self, provider_id: str) -> Provider:
        if provider_id not in self._providers:
            provider = self.book.get(Provider, provider_id)
            self._providers[provider_id] = provider
        return self._providers[provider_id]

    def _case(self, case_id: str) -> Case:
        if case_id not in self._cases:
            case = self.book.get(Case, case_id)
            self._cases[case_id] = case
        return self._cases[case_id]

    def write(
        self,
        referral: Referral,
        out: str | Path | None = None,
        on: date | None = None,
        companion: str = "",
        force: bool = False,
    ) -> LetterResult:
        """Write the letter; ``on`` back-dates a first letter (checked by the caller)."""
        book = self.book
        if referral.direction.value != "outgoing":
            raise TiprefError(
                N_(
                    "Referral {ref} is incoming; referral letters are made for outgoing referrals only."
                ),
                ref=referral.number,
            )
        provider = self._provider(referral.provider_id)
        case = self._case(referral.case_id)
        warnings: list[Msg] = []
        if referral.letters:  # the same letter again keeps its number, date and companion
            first = referral.letters[0]
            if on is not None and on != first.date:
                warnings.append(
                    Msg(
                        "The letter for referral {referral} was made before as {number} dated {date}; that number and date are kept (--date is ignored).",
                        referral=referral.number,
                        number=first.number,
                        date=first.date,
                    )
                )
            number, on = first.number, first.date
            companion = companion or first.companion
        else:
            on = on or clock.today()
            number = book.next_number("letter", letter_pattern(book), on)
        data = letter_context(
            book, referral, case, provider, number, on, self.lang, companion, self.completed
        )
        images, logo_warnings = logo_image(book, LETTER_LOGO_WIDTH_CM)
        template = self.template()
        rendered = template.render(data.context, images)
        path = output_path(
            out, default_file_name(referral, self.lang)[:-5], (".docx",), force=force
        )
        warnings += personal_data_check(book, path)  # refused inside an encrypted book
        write_document(path, rendered)
        record = LetterRecord(
            number=number,
            date=on,
            file_name=path.name,
            sha256=sha256_bytes(rendered),
            made_by=book.actor,
            made_at=clock.now(),
            lang=self.lang,
            identity_disclosed=data.full,
            template="book" if template.info.overridden else "default",
            companion=companion,
        )

        def add_record(current: Referral) -> None:
            current.letters.append(record)

        updated = book.update(
            Referral, referral.id, add_record, action="letter", note=f"letter {number}"
        )
        return LetterResult(updated, record, path, warnings + data.warnings + logo_warnings)


def make_letter(
    book: Book,
    ref: str,
    out: str | Path | None = None,
    lang: str | None = None,
    template: Path | None = None,
    share_identity: bool = False,
    override_reason: str | None = None,
    on: date | None = None,
    companion: str = "",
    force: bool = False,
) -> LetterResult:
    """One letter. ``share_identity`` asks for the full identity: refused without consent
    unless ``override_reason`` is given, which is recorded on the referral and logged.
    ``on``: the letter's date as typed (``--date``), checked here, at entry."""
    referral = book.get(Referral, ref)
    if on is not None:  # checked as typed, even when a letter made before keeps its date
        check_letter_date(on, referral)
    if share_identity or override_reason is not None:
        referral = _allow_identity(book, referral, override_reason)
    result = LetterWriter(book, lang, template).write(
        referral, out, on, companion.strip(), force=force
    )
    result.warnings += duplicate_warnings(book, {result.record.number})
    return result


def _allow_identity(book: Book, referral: Referral, override_reason: str | None) -> Referral:
    from tipref.privacy.consent import check_identity_disclosure

    case = book.get(Case, referral.case_id)
    provider = book.get(Provider, referral.provider_id)
    note = check_identity_disclosure(
        book, case, case.person(referral.person_id), provider, clock.today(), override_reason
    )
    if note is None:
        return referral  # consent covers it: the letter discloses by itself

    def record_override(current: Referral) -> None:
        current.share_identity = True
        current.consent_override = (override_reason or "").strip()

    # the update's own history entry (action consent-override, with the reason) is the log
    updated = book.update(
        Referral, referral.id, record_override, action="consent-override", note=note
    )
    return updated


def select_referrals(
    book: Book, status: ReferralStatus | None = None, service: Service | None = None
) -> list[Referral]:
    found = []
    for referral in book.all(Referral):
        if referral.direction.value != "outgoing":
            continue
        if status and referral.status != status:
            continue
        if service and referral.service != service:
            continue
        found.append(referral)
    return sorted(found, key=lambda r: (r.referred_on, r.number))


def make_letters(
    book: Book,
    referrals: list[Referral],
    out_dir: str | Path,
    lang: str | None = None,
    progress: Callable[[LetterResult], None] | None = None,
    on_referral_date: bool = False,
    force: bool = False,
) -> list[LetterResult]:
    """One letter per referral into ``out_dir``; the template is parsed once for the batch.

    ``on_referral_date``: a first letter is dated (and numbered) on its referral's date.
    Nothing is written when one of the files exists already, unless ``force``.
    """
    folder = folder_path(out_dir)
    writer = LetterWriter(book, lang)
    if len(referrals) > 1:
        writer.read_completed()
    targets = [folder / default_file_name(referral, writer.lang) for referral in referrals]
    refuse_existing(targets, force)
    results = []
    for referral, target in zip(referrals, targets, strict=True):
        on = referral.referred_on if on_referral_date else None
        result = writer.write(referral, target, on, force=True)
        results.append(result)
        if progress is not None:
            progress(result)
    if results:
        warnings = duplicate_warnings(book, {r.record.number for r in results})
        results[-1].warnings += warnings
    return results


def duplicate_letter_numbers(book: Book) -> dict[str, list[str]]:
    """Letter numbers recorded on more than one referral (e.g. minted by two offline machines).

    Returns number -> referral numbers, for ``tipref doctor`` and for a warning when a
    letter is made.
    """
    seen: dict[str, set[str]] = {}
    for referral in book.all(Referral):
        for letter in referral.letters:
            seen.setdefault(letter.number, set()).add(referral.number)
    return {number: sorted(refs) for number, refs in sorted(seen.items()) if len(refs) > 1}


def duplicate_warnings(book: Book, numbers: set[str]) -> list[Msg]:
    return [
        Msg(
            "Letter number {number} is used by more than one referral: {referrals}. Give one of them a new number.",
            number=number,
            referrals=", ".join(refs),
        )
        for number, refs in duplicate_letter_numbers(book).items()
        if number in numbers
    ]


def sample_context(book: Book, lang: str | None = None) -> dict[str, Any]:
    """Example data with every key a letter gets, for ``tipref template check``."""
    from tipref.schemas.enums import ProviderType

    lang = lang or book.settings.language
    person = Person(name="Contoh Nama", sex="female", birth_date=date(2008, 1, 25))
    case = Case(number="CONTOH-2026-0001", persons=[person], opened_on=date(2026, 1, 25))
    provider = Provider(
        code="contoh", name="RSUD Contoh", type=ProviderType.hospital, contact_position="Direktur"
    )
    referral = Referral(
        number="CONTOH-R2026-0001",
        case_id=case.id,
        person_id=person.id,
        service=Service.health,
        provider_id=provider.id,
        referred_on=date(2026, 1, 25),
        attachments=["Kronologi"],
    )
    data = letter_context(
        book, referral, case, provider, "001/CONTOH/I/2026", date(2026, 1, 25), lang
    )
    return data.context
