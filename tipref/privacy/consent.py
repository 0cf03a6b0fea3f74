"""Recording consent and withdrawing it, and the check before identity leaves the book.

UU 27/2022 Pasal 20-25: consent is written or recorded and provable, and a child's
needs a parent or guardian. UU 21/2007 Pasal 44: a victim's identity is confidential, so
a referral tells the receiving provider only initials, sex and age, and one that shares
the full identity (``--share-identity``) needs share-identity consent for that provider,
or an override with a reason that is kept in the history.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.errors import InvalidInput, NotFound, TiprefError
from tipref.i18n import N_, Msg
from tipref.schemas import entry
from tipref.schemas.case import Case, Person
from tipref.schemas.consent import Consent, ConsentForm, ConsentScope, SignedCopy
from tipref.schemas.provider import Provider

if TYPE_CHECKING:
    from tipref.book.casebook import Book


def _case(book: Book, case_ref: str) -> Case:
    case = book.get(Case, case_ref)
    return case


def add_consent(
    book: Book,
    case_ref: str,
    scope: ConsentScope,
    person_ref: str | None = None,
    providers: list[str] | None = None,
    whole_network: bool = False,
    form: ConsentForm = ConsentForm.written,
    given_on: date | None = None,
    guardian: str | None = None,
    note: str = "",
    document: Path | None = None,
) -> tuple[Case, Person, Consent]:
    """Record one consent; a child's needs a guardian, share-identity needs its providers.

    ``document``: the signed form's scan, linked by checksum and path (never copied)."""
    signed = signed_copy(book, document)
    case = _case(book, case_ref)
    person = case.person(person_ref)
    given_on = given_on or clock.today()
    entry.check_consent_date(given_on, person, field="date")
    provider_ids = _consent_providers(book, scope, providers or [], whole_network)
    guardian = (guardian or "").strip() or None
    if person.is_child(given_on) and not guardian:
        raise InvalidInput(
            field="guardian",
            problem=Msg.plural(
                "{initials} is a child ({age} year old): consent must come from a parent or guardian; give --guardian NAME",
                "{initials} is a child ({age} years old): consent must come from a parent or guardian; give --guardian NAME",
                person.age(given_on) or 0,
                initials=person.initials(),
                age=person.age(given_on),
            ),
        )
    consent = Consent(
        scope=scope,
        providers=provider_ids,
        whole_network=whole_network,
        given_on=given_on,
        form=form,
        recorded_by=book.actor,
        guardian=guardian,
        note=note or "",
        document=signed,
    )

    def apply(record: Case) -> None:
        record.person(person.id).consents.append(consent)

    updated = book.update(Case, case.id, apply, action="consent-add")
    return updated, updated.person(person.id), consent


def signed_copy(book: Book, path: Path | None) -> SignedCopy | None:
    """The checksum and place of a signed form's scan.

    A scan inside the book folder is refused: a plain book is a shared folder, often on
    a cloud drive, and a signed form carries the person's name and signature (DOMAIN.md
    §9). Keep scans in the office's own archive and link them from here.
    """
    import hashlib

    if path is None:
        return None
    resolved = path.expanduser().resolve()
    if resolved.is_relative_to(book.root.resolve()):
        raise InvalidInput(
            field="--document",
            problem=Msg(
                "{path} is inside the book folder. Keep signed scans outside the book (the office's archive), not in the shared folder: tipref records only their name, checksum and place.",
                path=str(path),
            ),
        )
    try:
        digest = hashlib.sha256(resolved.read_bytes()).hexdigest()
    except OSError as error:
        raise InvalidInput(
            field="--document",
            problem=Msg("{path} cannot be read: {detail}", path=str(path), detail=error.strerror),
        ) from None
    return SignedCopy(file_name=resolved.name, sha256=digest, path=str(resolved))


def _consent_providers(
    book: Book, scope: ConsentScope, providers: list[str], whole_network: bool
) -> list[str]:
    """The ids of the providers a consent names: share-identity needs them, nothing else
    takes them."""
    if scope == ConsentScope.share_identity:
        if not providers and not whole_network:
            raise InvalidInput(
                field="provider",
                problem=Msg(
                    "share-identity consent needs --provider CODE (repeatable) or --whole-network"
                ),
            )
    elif providers or whole_network:
        raise InvalidInput(
            field="provider",
            problem=Msg("--provider and --whole-network are only for the share-identity scope"),
        )
    provider_ids: list[str] = []
    for ref in providers:
        provider = book.get(Provider, ref)
        if provider.id not in provider_ids:
            provider_ids.append(provider.id)
    return provider_ids


def find_consent(case: Case, ref: str) -> tuple[Person, Consent]:
    """A consent by id or by its position in ``consent list`` (1, 2...)."""
    numbered = list_consents(case)
    for position, (person, consent) in enumerate(numbered, start=1):
        if ref.strip().upper() == consent.id or ref.strip() == str(position):
            return person, consent
    raise NotFound(
        N_("No consent '{ref}' in case {case}. See 'tipref consent list {case}'."),
        ref=ref,
        case=case.number,
    )


def withdraw_consent(
    book: Book, case_ref: str, consent_ref: str, on: date | None = None
) -> tuple[Case, Consent]:
    """Mark a consent withdrawn from ``on`` (default today); it stays on record."""
    case = _case(book, case_ref)
    person, consent = find_consent(case, consent_ref)
    on = on or clock.today()
    entry.not_in_future(on, "date")
    if consent.withdrawn_on is not None:
        raise TiprefError(
            N_("Consent {ref} was already withdrawn on {on}."),
            ref=consent.id,
            on=consent.withdrawn_on,
        )
    if on < consent.given_on:
        raise InvalidInput(
            field="date",
            problem=Msg(
                "the withdrawal date {on} is before the consent date {given}",
                on=on,
                given=consent.given_on,
            ),
        )

    def apply(record: Case) -> None:
        for item in record.person(person.id).consents:
            if item.id == consent.id:
                item.withdrawn_on = on

    updated = book.update(Case, case.id, apply, action="consent-withdraw")
    _, withdrawn = find_consent(updated, consent.id)
    return updated, withdrawn


def list_consents(case: Case) -> list[tuple[Person, Consent]]:
    return [(person, consent) for person in case.persons for consent in person.consents]


def consent_json(
    case: Case,
    person: Person,
    consent: Consent,
    position: int,
    provider_codes: dict[str, str],
    on: date | None = None,
) -> dict[str, Any]:
    data = consent.model_dump(mode="json")
    data.update(
        position=position,
        case=case.number,
        person_id=person.id,
        person_position=case.persons.index(person) + 1,
        initials=person.initials(),
        provider_codes=[provider_codes.get(p, p) for p in consent.providers],
        in_force=consent.in_force(on),
    )
    return data


# -- the check before identity leaves the book ----------------------------------------------
def log_event(
    book: Book, kind: str, record_id: str, number: str | None, action: str, note: str
) -> None:
    """A history line about a decision that changed no record (a refusal, an override)."""
    store = book.store
    entry: dict[str, Any] = {
        "at": clock.stamp(),
        "by": book.actor,
        "device": store.device_id,
        "kind": kind,
        "record_id": record_id,
        "number": number,
        "action": action,
        "changes": [],
        "note": note,
    }
    store.history.append(store.codec.encode_history(entry))


def require_consent_for_referral(book: Book) -> bool:
    return book.settings.privacy.require_consent_for_referral


def check_identity_disclosure(
    book: Book,
    case: Case,
    person: Person,
    provider: Provider,
    on: date,
    override_reason: str | None,
) -> str | None:
    """Refuse (and log the refusal) unless consent covers the provider or an override is given.

    Returns the note to keep with the new record when the check was overridden.
    """
    if not require_consent_for_referral(book) or person.shares_identity_with(provider.id, on):
        return None
    position = case.persons.index(person) + 1
    if override_reason is None:
        log_event(
            book,
            "case",
            case.id,
            case.number,
            "consent-refused",
            f"referral to {provider.code}: no share-identity consent for person {position}",
        )
        raise TiprefError(
            N_(
                "Referral refused: {initials} (case {case}) has not agreed to share their identity with {provider} ({code}). Record consent with 'tipref consent add {case} --person {person} --scope share-identity --provider {code}', refer without --share-identity (initials, sex and age only), or, only when truly needed, repeat with --override-consent \"REASON\" (kept in the history)."
            ),
            initials=person.initials(),
            case=case.number,
            provider=provider.name,
            code=provider.code,
            person=position,
        )
    if not override_reason.strip():
        raise InvalidInput(
            field="override-consent",
            problem=Msg("the reason for overriding consent cannot be empty"),
        )
    return Msg(
        "Identity shared without consent with {code}. Reason: {reason}",
        code=provider.code,
        reason=override_reason.strip(),
    ).render("en")
