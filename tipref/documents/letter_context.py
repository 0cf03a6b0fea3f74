"""The data a referral letter template receives (DOMAIN.md §3 and §5).

Split from :mod:`tipref.documents.letters` (which makes, numbers and records letters):
here is only what the letter says — letterhead, addressee, the person as the consent
allows, services already given, signature block, copies and the reply slip's check code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tipref.book.casebook import Book
from tipref.documents.reply_slip import check_code
from tipref.documents.words import format_date, number_words
from tipref.i18n import N_, Localized, Msg
from tipref.schemas import Provider, Referral
from tipref.schemas.case import Case, Person
from tipref.schemas.enums import ReferralStatus, Role, Service

# Services that cannot be given on initials alone: a KBRI or BP3MI issues travel papers.
IDENTITY_SERVICES = (Service.repatriation,)
COPIES_NEVER_LISTED = ("arsip", "archive", "file")

LABELS = Localized(
    {
        "initials": N_("Initials"),
        "name": N_("Full name"),
        "sex": N_("Sex"),
        "age": N_("Age"),
        "birth_date": N_("Date of birth"),
        "nik": "NIK",
        "address": N_("Address"),
        "years": N_("{n} years"),
        "unknown": N_("unknown"),
        "none": N_("none yet"),
        "subject": N_("Referral for {service}"),
        "position": N_("Head"),
        "phone": N_("Tel."),
        "email": "Email",
        "website": N_("Web"),
        "status": "Status",
        "child": N_("child (under 18)"),
        "companion": N_("Accompanied by"),
        "guardian_hidden": N_("parent/guardian (name withheld)"),
        "victim": N_("victim of human trafficking"),
        "child_victim": N_("child victim of human trafficking"),
        "witness": N_("witness in a human trafficking case"),
        "child_witness": N_("child witness in a human trafficking case"),
        "noun_victim": N_("victim"),
        "noun_witness": N_("witness"),
        "given_by": N_("{service} ({provider}, completed {date})"),
    }
)
# conventions of a letter in each language, not translations: the place line ("Tempat"
# when no city is known), the postal code's label, the closing salute
CONVENTIONS = {
    "id": {"here": "Tempat", "postal": "Kode Pos", "closing_salute": ""},
    "en": {"here": "", "postal": "", "closing_salute": "Yours faithfully,"},
}


def count_text(count: int, unit: str, lang: str) -> str:
    """1 (satu) berkas; 2 (two) files."""
    if count <= 0:
        return "-"
    word = number_words(count, lang)
    if lang == "en":
        unit = "file" if count == 1 else "files"
    return f"{count} ({word}) {unit}"


def mid_sentence(label: str) -> str:
    """A service name inside a sentence: 'Rehabilitasi Kesehatan' -> 'rehabilitasi
    kesehatan'; words in capitals (acronyms such as PPA) stay as they are."""
    return " ".join(
        w if w.isupper() and len(w) > 1 else w[:1].lower() + w[1:] for w in label.split()
    )


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


# -- the letterhead ------------------------------------------------------------------------
def organisation_context(book: Book, lang: str) -> dict[str, Any]:
    org = book.settings.organisation
    labels = LABELS[lang]
    address = ", ".join(p for p in (org.address, _postal(org.postal_code, lang)) if p)
    contact = " · ".join(
        p
        for p in (
            f"{labels['phone']} {org.phone}" if org.phone else "",
            f"{labels['email']} {org.email}" if org.email else "",
            f"{labels['website']} {org.website}" if org.website else "",
        )
        if p
    )
    return {
        "name": org.name,
        "mark": org.mark,
        "hierarchy": [line.upper() for line in org.hierarchy if line.strip()],
        "code": org.code,
        "district": org.district,
        "city": org.city,
        "address": address,
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "contact": contact,
    }


def _postal(code: str, lang: str) -> str:
    if not code:
        return ""
    return f"{CONVENTIONS[lang]['postal']} {code}".strip()


# -- the addressee --------------------------------------------------------------------------
def addressee_line(position: str, institution: str) -> str:
    """'Direktur RSUD' + 'RSUD Timor Tengah Utara' -> 'Direktur RSUD Timor Tengah Utara'.

    When the position already names the kind of institution (its first word), the
    institution's full name replaces the rest of the position; otherwise both are joined.
    """
    if not position:
        return institution
    words = position.split()
    first = institution.split()[0].casefold() if institution.split() else ""
    for index, word in enumerate(words):
        if word.casefold() == first:
            return " ".join([*words[:index], institution])
    return f"{position} {institution}"


def addressee_place(provider: Provider, book: Book, lang: str) -> str:
    """The city after 'di': the provider's own town; 'Tempat' only for the book's town."""
    own_city = book.settings.organisation.city.strip().casefold()
    place = provider.city.strip()
    if (
        not place
        and provider.district.strip().casefold()
        == book.settings.organisation.district.strip().casefold()
    ):
        place = book.settings.organisation.city  # an older provider without a city, in the district
    place = place or provider.district or provider.address
    if lang == "id" and place and place.strip().casefold() == own_city:
        return CONVENTIONS[lang]["here"]
    return place or (book.settings.organisation.city if lang == "en" else CONVENTIONS[lang]["here"])


def addressee_context(book: Book, provider: Provider, lang: str) -> dict[str, str]:
    position = provider.contact_position or LABELS[lang]["position"]
    return {
        "line": addressee_line(position, provider.name),
        "position": position,
        "institution": provider.name,
        "place": addressee_place(provider, book, lang),
        "name": provider.contact_name,
    }


# -- the person -----------------------------------------------------------------------------
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


def guardian_of(person: Person) -> str:
    """The parent or guardian named on the person's latest consent, if any."""
    for consent in reversed(person.consents):
        if consent.guardian:
            return consent.guardian
    return ""


def child_rows(
    person: Person, full: bool, on: date, lang: str, companion: str
) -> list[dict[str, str]]:
    """For a child: the status row, and who accompanies the child."""
    if not person.is_child(on):
        return []
    labels = LABELS[lang]
    rows = [{"label": labels["status"], "value": labels["child"]}]
    guardian = guardian_of(person)
    who = companion or (guardian if full else (labels["guardian_hidden"] if guardian else ""))
    if who:
        rows.append({"label": labels["companion"], "value": who})
    return rows


def person_context(person: Person, full: bool, on: date, lang: str) -> dict[str, Any]:
    labels = LABELS[lang]
    witness = person.role == Role.witness
    child = bool(person.is_child(on))
    kind = ("child_" if child else "") + ("witness" if witness else "victim")
    return {
        "initials": person.initials(),
        "role": person.role.label(lang).lower(),
        "description": labels[kind],
        "noun": labels["noun_witness" if witness else "noun_victim"],
        "is_child": child,
        "is_witness": witness,
        "identity_disclosed": full,
    }


# -- services already given -------------------------------------------------------------------
def completed_on(referral: Referral) -> date | None:
    for step in reversed(referral.transitions):
        if step.status == ReferralStatus.completed:
            return step.at.date()
    return None


def services_given(
    book: Book,
    referral: Referral,
    lang: str,
    completed: list[Referral] | None = None,
) -> list[str]:
    """The person's completed referrals of the case (with provider and date), then ``--given``
    services not already among them (DOMAIN.md §3: the victim is not interviewed again).

    ``completed``: the book's completed referrals, read once for a batch of letters;
    without it, the case's referrals are looked up through the index.
    """
    labels = LABELS[lang]
    given: list[str] = []
    seen: set[Service] = set()
    if completed is None:
        completed = [
            r
            for r in book.all(Referral, where={"case_id": referral.case_id})
            if r.status == ReferralStatus.completed
        ]
    others = [
        r
        for r in completed
        if r.case_id == referral.case_id
        and r.id != referral.id
        and r.person_id == referral.person_id
    ]
    for other in sorted(others, key=lambda r: (completed_on(r) or r.referred_on, r.number)):
        provider = book.get(Provider, other.provider_id)
        finished = completed_on(other) or other.referred_on
        given.append(
            labels["given_by"].format(
                service=_service_text(other.service, lang),
                provider=getattr(provider, "name", ""),
                date=format_date(finished, lang),
            )
        )
        seen.add(other.service)
    given += [_service_text(s, lang) for s in referral.services_given if s not in seen]
    return given


def _subject(service: Service, lang: str) -> str:
    """Hal: 'Rujukan Layanan Rehabilitasi Kesehatan'; 'Referral for health rehabilitation'."""
    label = service.label(lang)
    return LABELS[lang]["subject"].format(service=label if lang == "id" else mid_sentence(label))


def _service_text(service: Service, lang: str) -> str:
    return mid_sentence(service.label(lang))


# -- signature, copies, contact -----------------------------------------------------------------
def signer_context(book: Book, lang: str) -> dict[str, Any]:
    """The signature block: a.n. <principal> over the signer's own position, or Plt./Plh."""
    signer = book.settings.signer
    lines: list[str] = []
    if signer.on_behalf == "a.n.":
        lines = [f"a.n. {signer.principal or signer.position}"]
        if signer.principal and signer.position:
            lines.append(signer.position)
    elif signer.on_behalf in ("Plt.", "Plh."):
        lines = [f"{signer.on_behalf} {signer.principal or signer.position}"]
    elif signer.position:
        lines = [signer.position]
    if lines:
        lines[-1] += ","
    return {
        "salute": CONVENTIONS[lang]["closing_salute"],
        "lines": lines,
        "position": signer.position,
        "on_behalf": signer.on_behalf,
        "name": signer.name,
        "nip": signer.nip,
    }


def contact_context(book: Book) -> dict[str, str]:
    """The narahubung for the reply: the letter settings, else the signer and the office."""
    settings = book.settings
    return {
        "name": settings.letters.contact_name or settings.signer.name,
        "phone": settings.letters.contact_phone or settings.organisation.phone,
    }


@dataclass
class Copies:
    listed: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def copies_for(book: Book, person: Person, full: bool, on: date) -> Copies:
    """Tembusan: never 'Arsip'; with the full identity in the letter, only parties the
    person's consent covers (a copy matched to a provider by code, name or position)."""
    result = Copies()
    providers = book.all(Provider) if full else []
    for copy in book.settings.letters.copies:
        text = copy.strip()
        if not text or text.casefold() in COPIES_NEVER_LISTED:
            continue
        if full and not _copy_covered(text, providers, person, on):
            result.left_out.append(text)
            continue
        result.listed.append(text)
    return result


def _copy_covered(copy: str, providers: list[Provider], person: Person, on: date) -> bool:
    wanted = copy.casefold()
    for provider in providers:
        names = {
            provider.code.casefold(),
            provider.name.casefold(),
            provider.contact_position.casefold(),
        }
        if wanted in names:
            return person.shares_identity_with(provider.id, on)
    return False  # a party that is not a provider of the network: no consent can cover it


# -- the whole letter -------------------------------------------------------------------------
@dataclass
class LetterData:
    context: dict[str, Any]
    full: bool
    warnings: list[Msg] = field(default_factory=list)


def letter_context(
    book: Book,
    referral: Referral,
    case: Case,
    provider: Provider,
    number: str,
    on: date,
    lang: str,
    companion: str = "",
    completed: list[Referral] | None = None,
) -> LetterData:
    """The data a letter template receives, whether the full identity is in it, warnings."""
    person = case.person(referral.person_id)
    full = disclose_identity(person, provider, on, referral)
    labels = LABELS[lang]
    settings = book.settings
    copies = copies_for(book, person, full, on)
    given = services_given(book, referral, lang, completed)
    context = {
        "lang": lang,
        "number": number,
        "referral_number": referral.number,
        "case_number": case.number,
        "check_code": check_code(settings.organisation.code, referral.id, number),
        "date_text": format_date(on, lang),
        "place_date": ", ".join(
            p for p in (settings.organisation.city, format_date(on, lang)) if p
        ),
        "organisation": organisation_context(book, lang),
        "logo": "",
        "subject": _subject(referral.service, lang),
        "attachments": list(referral.attachments),
        "attachments_text": count_text(
            len(referral.attachments), settings.letters.attachment_unit, lang
        ),
        "addressee": addressee_context(book, provider, lang),
        "person": person_context(person, full, on, lang),
        "identity": identity_rows(person, full, on, lang)
        + child_rows(person, full, on, lang, companion),
        "service": _service_text(referral.service, lang),
        "reason": referral.reason or "-",
        "services_given": "; ".join(given) or labels["none"],
        "situation": referral.situation or "-",
        "contact": contact_context(book),
        "signer": signer_context(book, lang),
        "copies": copies.listed,
    }
    warnings = [
        Msg(
            "The copy to '{copy}' is left out: this letter carries the full identity and {initials}'s consent does not cover that party.",
            copy=c,
            initials=person.initials(),
        )
        for c in copies.left_out
    ]
    if not full and referral.service in IDENTITY_SERVICES:
        warnings.append(
            Msg(
                "{service} by {provider} needs the full identity (passport, travel document), but this letter carries initials only: record a share-identity consent ('tipref consent add ... --scope share-identity') and make the letter again.",
                service=referral.service.label(lang),
                provider=provider.name,
            )
        )
    return LetterData(context, full, warnings)
