"""The informed-consent statement and privacy notice, printed for the person to sign.

What UU 27/2022 asks a controller to tell the person (DOMAIN.md §1): what is collected
and why, with whom it is shared (one line per provider and service, from the case plan
and the case's referrals), how to withdraw, and whom to ask. A child's form has a line
for the parent's or guardian's signature (UU 27/2022 on children's data). ``--bilingual``
adds the other language under each paragraph, for a person who reads it better.

The texts live here, in both languages: ``templates/build_sop.py`` writes them into
``consent-id.docx``/``consent-en.docx``, and the second language of a bilingual form
comes from here as data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tipref.book.casebook import Book
from tipref.documents.conference import output_path, written_here
from tipref.documents.letters import format_date, logo_image, organisation_context
from tipref.documents.render import load_template, write_document
from tipref.i18n import N_, Localized, Msg
from tipref.schemas.case import Case, Person, ServiceNeed
from tipref.schemas.enums import ReferralStatus, Service
from tipref.schemas.provider import Provider
from tipref.schemas.referral import Referral

CONSENT_TEXT = Localized(
    {
        "title": N_("CONSENT STATEMENT AND PRIVACY NOTICE"),
        "subtitle": N_("Informed consent"),
        "intro": N_(
            "This sheet explains what we record about you, why, with whom it is shared, and your rights. Read it, or ask the officer to read it to you. You may ask questions and you may say no."
        ),
        "who": N_("The person giving consent"),
        "collected": N_("1. What we record and why"),
        "collected_text": N_(
            "Your identity (name, NIK, date of birth, address, phone), what happened, and your health, psychological and family situation. Health data and children's data are specific (sensitive) personal data (Law 27/2022). They are used only to give and refer the services you need, to report to the police when you are taken in as a victim (PP 9/2008), and, without your identity, to count cases."
        ),
        "shared": N_("2. Who receives your data"),
        "shared_text": N_(
            "The institutions below receive your initials, sex and age for the service named. Your full identity goes only to the institutions you tick (☒)."
        ),
        "shared_none": N_(
            "No referral or service is planned yet; you will be asked again before anything is shared with any institution."
        ),
        "withdraw": N_("3. Withdrawing consent"),
        "withdraw_text": N_(
            "You may withdraw this consent at any time, by telling us or in writing. A withdrawal takes effect from its date and does not undo what was done before. Requests to see, correct or withdraw your data are answered within 3×24 hours (Law 27/2022). Saying no or withdrawing does not stop the services you need."
        ),
        "ask": N_("4. Whom to ask"),
        "agree": N_("5. Consent"),
        "agree_services": N_(
            "☐ I agree to receive services and to be referred as explained above."
        ),
        "agree_share": N_(
            "☐ I agree that my full identity is shared with the institutions I ticked under 2."
        ),
        "agree_reporting": N_("☐ I agree to be counted in reports without my identity."),
        "confidential": N_("A victim's identity is confidential (Law 21/2007, Article 44)."),
        "name": N_("Name"),
        "case": N_("Case number"),
        "age": N_("Age"),
        "person_sign": N_("Person giving consent"),
        "guardian_sign": N_("Parent / guardian"),
        "guardian_note": N_(
            "Because you are under 18, a parent or guardian gives consent with you (Law 27/2022)."
        ),
        "guardian_name": N_("Name, relationship: ....................."),
        "officer_sign": N_("Officer who explained"),
        "place_date": N_("Place, date"),
        "years": N_("{n} years"),
        "unknown": N_("unknown"),
        "to_decide": N_("institution not chosen yet"),
    }
)


def sharing_lines(book: Book, case: Case, person: Person, lang: str) -> list[dict[str, str]]:
    """One line per provider and service: the person's referrals (not cancelled), then the
    services the case plan marks as needed with no referral yet."""
    return _referral_lines(book, case, person, lang) + _planned_lines(book, case, person, lang)


def _referral_lines(book: Book, case: Case, person: Person, lang: str) -> list[dict[str, str]]:
    providers = {p.id: p for p in book.all(Provider) if isinstance(p, Provider)}
    referrals = [
        r
        for r in book.all(Referral, where={"case_id": case.id})
        if isinstance(r, Referral)
        and r.person_id == person.id
        and r.status != ReferralStatus.cancelled
        and r.service != Service.coordination
    ]
    lines: list[dict[str, str]] = []
    for referral in sorted(referrals, key=lambda r: (r.referred_on, r.number)):
        provider = providers.get(referral.provider_id)
        line = {
            "provider": provider.name if provider else referral.provider_id,
            "service": referral.service.label(lang),
        }
        if line not in lines:
            lines.append(line)
    return lines


def _planned_lines(book: Book, case: Case, person: Person, lang: str) -> list[dict[str, str]]:
    """Services marked needed for the person ('case need', a conference's decision) that no
    referral serves yet: the institution is not chosen, but the person is told."""
    referred = {
        r.service
        for r in book.all(Referral, where={"case_id": case.id})
        if r.person_id == person.id and r.status != ReferralStatus.cancelled
    }
    return [
        {"provider": CONSENT_TEXT[lang]["to_decide"], "service": service.label(lang)}
        for service in Service
        if person.needs.get(service.value) == ServiceNeed.needed
        and service not in referred
        and service not in (Service.identification, Service.coordination)
    ]


def consent_context(
    book: Book, case: Case, person: Person, lang: str, bilingual: bool = False
) -> dict[str, Any]:
    from tipref import clock

    text = CONSENT_TEXT[lang]
    today = clock.today()
    age = person.age(today)
    other = CONSENT_TEXT["en" if lang == "id" else "id"]
    return {
        "lang": lang,
        "organisation": organisation_context(book, lang),
        "logo": "",
        "case_number": case.number,
        "name": person.name,
        "age": text["years"].format(n=age) if age is not None else text["unknown"],
        "child": bool(person.is_child(today)),
        "sharing": sharing_lines(book, case, person, lang),
        "bilingual": bilingual,
        "other": other,
        "place_date": ", ".join(
            p for p in (book.settings.organisation.city, format_date(today, lang)) if p
        ),
        "officer": book.actor,
    }


def file_name(case: Case, position: int, lang: str) -> str:
    prefix = "persetujuan" if lang == "id" else "consent"
    return f"{prefix}-{case.number}-{position}.docx".replace("/", "-")


def write_consent_form(
    book: Book,
    ref: str,
    person_ref: str | None = None,
    out: str | Path | None = None,
    lang: str | None = None,
    bilingual: bool = False,
    force: bool = False,
) -> tuple[Case, Person, Path, list[Msg]]:
    """The printable form for one person; nothing is recorded until it comes back signed
    (``tipref consent add ... --document SCAN``)."""
    lang = lang or book.settings.language
    case = book.get(Case, ref)
    assert isinstance(case, Case)
    person = case.person(person_ref)
    template = load_template(book.root, f"consent-{lang}")
    images, warnings = logo_image(book)
    data = template.render(consent_context(book, case, person, lang, bilingual), images)
    path = output_path(out, file_name(case, case.persons.index(person) + 1, lang), force)
    warnings += written_here(book, path)
    write_document(path, data)
    return case, person, path, warnings


def sample_context(book: Book, lang: str | None = None) -> dict[str, Any]:
    from datetime import date

    lang = lang or book.settings.language
    person = Person(name="Contoh Nama", sex="female", birth_date=date(2008, 1, 25))
    case = Case(number="CONTOH-2026-0001", persons=[person], opened_on=date(2026, 1, 25))
    text = CONSENT_TEXT[lang]
    return {
        "lang": lang,
        "organisation": organisation_context(book, lang),
        "logo": "",
        "case_number": case.number,
        "name": person.name,
        "age": text["years"].format(n=18),
        "child": True,
        "sharing": [{"provider": "RSUD Contoh", "service": Service.health.label(lang)}],
        "bilingual": True,
        "other": CONSENT_TEXT["en" if lang == "id" else "id"],
        "place_date": "Contoh, 25 Januari 2026",
        "officer": "Contoh",
    }
