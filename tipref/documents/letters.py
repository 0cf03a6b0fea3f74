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
from tipref.documents.render import Template, load_template, sha256_bytes, write_document
from tipref.errors import TiprefError
from tipref.i18n import Msg, register_messages
from tipref.outputs import folder_path, output_path, personal_data_check, refuse_existing
from tipref.schemas.case import Case, Person
from tipref.schemas.enums import ReferralStatus, Service
from tipref.schemas.letter import LetterRecord
from tipref.schemas.provider import Provider
from tipref.schemas.referral import Referral

LOGO_WIDTH_CM = 2.2
FILE_PREFIX = {"id": "surat-rujukan", "en": "referral-letter"}

register_messages(
    {
        "letter.duplicate_number": {
            "id": "Nomor surat {number} dipakai lebih dari satu rujukan: {referrals}. Beri salah satunya nomor baru.",
            "en": "Letter number {number} is used by more than one referral: {referrals}. Give one of them a new number.",
        },
        "letter.logo_missing": {
            "id": "Logo {path} tidak ditemukan; kop surat dibuat tanpa logo.",
            "en": "Logo {path} not found; the letterhead is made without it.",
        },
        "letter.written": {
            "id": "Surat {number} untuk rujukan {referral} ditulis ke {path}",
            "en": "Letter {number} for referral {referral} written to {path}",
        },
        "letter.none_match": {
            "id": "Tidak ada rujukan yang cocok; tidak ada surat yang dibuat.",
            "en": "No referral matches; no letter made.",
        },
        "letter.need_ref": {
            "id": "Sebutkan rujukan (REF), atau pilih beberapa dengan --status/--service dan --out-dir.",
            "en": "Name a referral (REF), or choose several with --status/--service and --out-dir.",
        },
        "letter.incoming": {
            "id": "Rujukan {ref} adalah rujukan masuk; surat rujukan hanya dibuat untuk rujukan keluar.",
            "en": "Referral {ref} is incoming; referral letters are made for outgoing referrals only.",
        },
    }
)

LABELS = {
    "id": {
        "initials": "Inisial",
        "name": "Nama lengkap",
        "sex": "Jenis kelamin",
        "age": "Umur",
        "birth_date": "Tanggal lahir",
        "nik": "NIK",
        "address": "Alamat",
        "years": "{n} tahun",
        "unknown": "tidak diketahui",
        "none": "belum ada",
        "subject": "Rujukan Layanan {service}",
        "position": "Pimpinan",
        "place": "Tempat",
        "phone": "Telp.",
        "email": "Email",
    },
    "en": {
        "initials": "Initials",
        "name": "Full name",
        "sex": "Sex",
        "age": "Age",
        "birth_date": "Date of birth",
        "nik": "NIK (identity number)",
        "address": "Address",
        "years": "{n} years",
        "unknown": "unknown",
        "none": "none yet",
        "subject": "Referral for {service}",
        "position": "Head",
        "place": "",
        "phone": "Phone",
        "email": "Email",
    },
}


def disclose_identity(
    person: Person, provider: Provider, on: date | None = None, referral: Referral | None = None
) -> bool:
    """Whether a letter to ``provider`` may carry the person's full identity.

    With a share-identity consent in force that covers this provider (UU 21/2007 Pasal 44,
    UU 27/2022), or when the referral records a consent override (kept in the history).
    """
    if person.shares_identity_with(provider.id, on):
        return True
    return referral is not None and referral.share_identity and bool(referral.consent_override)


def format_date(on: date, lang: str) -> str:
    """25 Januari 2022 / 25 January 2022, through Babel (DESIGN.md §3)."""
    from babel.dates import format_date as babel_format

    return babel_format(on, "d MMMM y", locale="id" if lang == "id" else "en")


def count_text(count: int, unit: str, lang: str) -> str:
    """1 (satu) berkas; 2 (two) files."""
    if count <= 0:
        return "-"
    from num2words import num2words

    word = num2words(count, lang="id" if lang == "id" else "en")
    if lang == "en":
        unit = "file" if count == 1 else "files"
    return f"{count} ({word}) {unit}"


def default_file_name(referral: Referral, lang: str = "id") -> str:
    """From the referral number: never a person's name (DOMAIN.md §9)."""
    return f"{FILE_PREFIX.get(lang, FILE_PREFIX['id'])}-{referral.number}.docx".replace("/", "-")


def _address(person: Person) -> str:
    a = person.address
    parts = [
        a.street,
        f"Desa {a.village}" if a.village else "",
        f"Kec. {a.subdistrict}" if a.subdistrict else "",
        a.district,
        a.province,
    ]
    return ", ".join(p for p in parts if p)


def identity_rows(person: Person, full: bool, on: date, lang: str) -> list[dict[str, str]]:
    labels = LABELS[lang]
    age = person.age(on)
    age_text = labels["years"].format(n=age) if age is not None else labels["unknown"]
    sex = person.sex.label(lang) if person.sex else labels["unknown"]
    if not full:
        return [
            {"label": labels["initials"], "value": person.initials()},
            {"label": labels["sex"], "value": sex},
            {"label": labels["age"], "value": age_text},
        ]
    rows = [{"label": labels["name"], "value": person.name}, {"label": labels["sex"], "value": sex}]
    if person.birth_date:
        rows.append({"label": labels["birth_date"], "value": format_date(person.birth_date, lang)})
    rows.append({"label": labels["age"], "value": age_text})
    if person.nik:
        rows.append({"label": labels["nik"], "value": person.nik})
    address = _address(person)
    if address:
        rows.append({"label": labels["address"], "value": address})
    return rows


def organisation_context(book: Book, lang: str) -> dict[str, Any]:
    org = book.settings.organisation
    labels = LABELS[lang]
    contact = " · ".join(
        p
        for p in (
            f"{labels['phone']} {org.phone}" if org.phone else "",
            f"{labels['email']} {org.email}" if org.email else "",
        )
        if p
    )
    return {
        "name": org.name,
        "code": org.code,
        "district": org.district,
        "city": org.city,
        "address": org.address,
        "phone": org.phone,
        "email": org.email,
        "contact": contact,
    }


def logo_image(book: Book) -> tuple[dict[str, tuple[Path, float]], list[Msg]]:
    logo = book.settings.organisation.logo
    if not logo:
        return {}, []
    path = (book.root / logo) if not Path(logo).is_absolute() else Path(logo)
    if not path.is_file():
        return {}, [Msg("letter.logo_missing", path=str(path))]
    return {"logo": (path, LOGO_WIDTH_CM)}, []


def letter_context(
    book: Book, referral: Referral, case: Case, provider: Provider, number: str, on: date, lang: str
) -> tuple[dict[str, Any], bool]:
    """The data a letter template receives, and whether the full identity is in it."""
    person = case.person(referral.person_id)
    full = disclose_identity(person, provider, on, referral)
    labels = LABELS[lang]
    service = referral.service.label(lang)
    settings = book.settings
    context = {
        "lang": lang,
        "number": number,
        "referral_number": referral.number,
        "case_number": case.number,
        "date_text": format_date(on, lang),
        "place_date": ", ".join(
            p for p in (settings.organisation.city, format_date(on, lang)) if p
        ),
        "organisation": organisation_context(book, lang),
        "logo": "",
        "subject": labels["subject"].format(service=service),
        "attachments": list(referral.attachments),
        "attachments_text": count_text(
            len(referral.attachments), settings.letters.attachment_unit, lang
        ),
        "addressee": {
            "position": provider.contact_position or labels["position"],
            "institution": provider.name,
            "place": provider.district or provider.address or labels["place"],
            "name": provider.contact_name,
        },
        "person": {
            "initials": person.initials(),
            "role": person.role.label(lang).lower(),
            "identity_disclosed": full,
        },
        "identity": identity_rows(person, full, on, lang),
        "service": service,
        "reason": referral.reason or "-",
        "services_given": ", ".join(s.label(lang) for s in referral.services_given)
        or labels["none"],
        "situation": referral.situation or "-",
        "signer": {
            "name": settings.signer.name,
            "position": settings.signer.position,
            "nip": settings.signer.nip,
        },
        "copies": list(settings.letters.copies),
    }
    return context, full


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
            provider = self.book.get("provider", provider_id)
            assert isinstance(provider, Provider)
            self._providers[provider_id] = provider
        return self._providers[provider_id]

    def _case(self, case_id: str) -> Case:
        if case_id not in self._cases:
            case = self.book.get("case", case_id)
            assert isinstance(case, Case)
            self._cases[case_id] = case
        return self._cases[case_id]

    def write(
        self, referral: Referral, out: str | Path | None = None, force: bool = False
    ) -> LetterResult:
        book = self.book
        if referral.direction.value != "outgoing":
            raise TiprefError("letter.incoming", ref=referral.number)
        provider = self._provider(referral.provider_id)
        case = self._case(referral.case_id)
        if referral.letters:  # the same letter again keeps its number and date
            number, on = referral.letters[0].number, referral.letters[0].date
        else:
            on = clock.today()
            number = book.next_number("letter", book.settings.numbering.letter, on)
        context, full = letter_context(book, referral, case, provider, number, on, self.lang)
        images, warnings = logo_image(book)
        template = self.template()
        data = template.render(context, images)
        path = output_path(
            out, default_file_name(referral, self.lang)[:-5], (".docx",), force=force
        )
        warnings += personal_data_check(book, path)  # refused inside an encrypted book
        write_document(path, data)
        record = LetterRecord(
            number=number,
            date=on,
            file_name=path.name,
            sha256=sha256_bytes(data),
            made_by=book.actor,
            made_at=clock.now(),
            lang=self.lang,
            identity_disclosed=full,
            template="book" if template.info.overridden else "default",
        )

        def add_record(current: Referral) -> None:
            current.letters.append(record)

        updated = book.update(
            "referral", referral.id, add_record, action="letter", note=f"letter {number}"
        )
        assert isinstance(updated, Referral)
        return LetterResult(updated, record, path, warnings)


def make_letter(
    book: Book,
    ref: str,
    out: Path | None = None,
    lang: str | None = None,
    template: Path | None = None,
    share_identity: bool = False,
    override_reason: str | None = None,
    force: bool = False,
) -> LetterResult:
    """One letter. ``share_identity`` asks for the full identity: refused without consent
    unless ``override_reason`` is given, which is recorded on the referral and logged."""
    referral = book.get("referral", ref)
    assert isinstance(referral, Referral)
    if share_identity or override_reason is not None:
        referral = _allow_identity(book, referral, override_reason)
    result = LetterWriter(book, lang, template).write(referral, out, force)
    result.warnings += duplicate_warnings(book, {result.record.number})
    return result


def _allow_identity(book: Book, referral: Referral, override_reason: str | None) -> Referral:
    from tipref.privacy.consent import check_identity_disclosure

    case = book.get("case", referral.case_id)
    provider = book.get("provider", referral.provider_id)
    assert isinstance(case, Case) and isinstance(provider, Provider)
    note = check_identity_disclosure(
        book, case, case.person(referral.person_id), provider, clock.today(), override_reason
    )
    if note is None:
        return referral  # consent covers it: the letter discloses by itself

    def record_override(current: Referral) -> None:
        current.share_identity = True
        current.consent_override = override_reason.strip()

    # the update's own history entry (action consent-override, with the reason) is the log
    updated = book.update(
        "referral", referral.id, record_override, action="consent-override", note=note
    )
    assert isinstance(updated, Referral)
    return updated


def select_referrals(
    book: Book, status: ReferralStatus | None = None, service: Service | None = None
) -> list[Referral]:
    found = []
    for referral in book.all("referral"):
        assert isinstance(referral, Referral)
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
    force: bool = False,
) -> list[LetterResult]:
    """One letter per referral into ``out_dir``; the template is parsed once for the batch.

    Nothing is written when one of the files exists already, unless ``force``."""
    folder = folder_path(out_dir)
    writer = LetterWriter(book, lang)
    targets = [folder / default_file_name(referral, writer.lang) for referral in referrals]
    refuse_existing(targets, force)
    results = []
    for referral, target in zip(referrals, targets, strict=True):
        result = writer.write(referral, target, force=True)
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
    for referral in book.all("referral"):
        assert isinstance(referral, Referral)
        for letter in referral.letters:
            seen.setdefault(letter.number, set()).add(referral.number)
    return {number: sorted(refs) for number, refs in sorted(seen.items()) if len(refs) > 1}


def duplicate_warnings(book: Book, numbers: set[str]) -> list[Msg]:
    return [
        Msg("letter.duplicate_number", number=number, referrals=", ".join(refs))
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
    context, _ = letter_context(
        book, referral, case, provider, "001/CONTOH/I/2026", date(2026, 1, 25), lang
    )
    return context
