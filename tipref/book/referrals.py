"""Referrals: sending a person to a provider for a service, and closing the loop."""

from __future__ import annotations

from datetime import date
from typing import Any

from tipref import clock
from tipref.book.casebook import Book, validate_model
from tipref.errors import InvalidInput, InvalidTransition, TiprefError
from tipref.i18n import N_, Msg
from tipref.schemas import entry
from tipref.schemas.case import Case
from tipref.schemas.enums import Direction, ReferralStatus, Service
from tipref.schemas.lifecycle import ALLOWED_TRANSITIONS, REASON_REQUIRED
from tipref.schemas.provider import Provider
from tipref.schemas.referral import Referral, Transition


def new_referral(
    book: Book,
    case_ref: str,
    service: Service,
    provider_ref: str,
    person_ref: str | None = None,
    direction: Direction = Direction.outgoing,
    fields: dict[str, Any] | None = None,
    note: str | None = None,
    override_reason: str | None = None,
) -> tuple[Referral, list[Msg]]:
    """Create a pending referral; returns it and any warnings for the user.

    By default the receiving provider learns only initials, sex and age. A referral that
    shares the person's full identity (``share_identity`` in ``fields``) needs their
    share-identity consent for that provider, or ``override_reason`` (kept in the history).
    """
    entry.refuse_coordination(service)
    case = book.get(Case, case_ref)
    if case.status.is_closed:
        raise TiprefError(
            N_(
                "Case {ref} is closed ({status}); reopen it first with 'tipref case update {ref} --status active'."
            ),
            ref=case.number,
            status=case.status.value,
        )
    person = case.person(person_ref)
    provider = book.get(Provider, provider_ref)
    warnings = []
    if provider.services and service not in provider.services:
        warnings.append(
            Msg(
                "{provider} does not offer {service}; its services: {services}",
                provider=provider.name,
                service=service.value,
                services=", ".join(s.value for s in provider.services),
            )
        )
    now = clock.now()
    data = {
        **(fields or {}),
        "number": "draft",
        "case_id": case.id,
        "person_id": person.id,
        "service": service,
        "direction": direction,
        "provider_id": provider.id,
        "status": ReferralStatus.pending,
        "transitions": [
            Transition(status=ReferralStatus.pending, at=now, by=book.actor, note=note)
        ],
    }
    referral = validate_model(Referral, data)
    entry.check_referral_date(
        referral.referred_on, case.opened_on, outgoing=direction == Direction.outgoing
    )
    override_note = None
    if override_reason is not None:
        referral.share_identity = True
    if direction == Direction.outgoing and referral.share_identity:
        # Minimum disclosure is the default; full identity needs consent (UU 21/2007 Pasal 44).
        from tipref.privacy.consent import check_identity_disclosure

        override_note = check_identity_disclosure(
            book, case, person, provider, referral.referred_on, override_reason
        )
        if override_note is not None:
            referral.consent_override = (override_reason or "").strip()
    referral.number = book.next_number(
        "referral", book.settings.numbering.referral, referral.referred_on
    )
    created = book.add(referral, note=note)
    if override_note is not None:
        from tipref.privacy.consent import log_event

        log_event(book, "referral", created.id, created.number, "consent-override", override_note)
    return created, warnings


def allowed_next(status: ReferralStatus) -> tuple[ReferralStatus, ...]:
    return ALLOWED_TRANSITIONS[status]


def change_status(
    book: Book,
    ref: str,
    status: ReferralStatus | None,
    note: str | None = None,
    reason: str | None = None,
    fields: dict[str, Any] | None = None,
) -> Referral:
    """Move a referral along its lifecycle and/or change its details, in one write.

    A refused move changes nothing, not even the details given with it.
    """
    if status in REASON_REQUIRED and not (reason or "").strip():
        raise InvalidInput(
            field="reason",
            problem=Msg("a reason is required when a referral is {status}", status=status.value),
        )

    def apply(referral: Referral) -> None:
        if status is not None:
            allowed = allowed_next(referral.status)
            if status not in allowed:
                raise InvalidTransition(
                    ref=referral.number,
                    current=referral.status.value,
                    target=status.value,
                    allowed=", ".join(s.value for s in allowed) or Msg("none (final status)"),
                )
        for name, value in (fields or {}).items():
            setattr(referral, name, value)
        if status is not None:
            referral.status = status
            referral.transitions.append(
                Transition(status=status, at=clock.now(), by=book.actor, note=note, reason=reason)
            )

    action = f"status:{status.value}" if status is not None else "update"
    return book.update(Referral, ref, apply, action=action, note=note or reason)


def list_referrals(
    book: Book,
    case_ref: str | None = None,
    service: Service | None = None,
    provider_ref: str | None = None,
    status: ReferralStatus | None = None,
    broken: list | None = None,
    on: date | None = None,
) -> list[dict[str, Any]]:
    """Referrals as stored records with days waited and allowed moves, oldest first."""
    from tipref.present import referral_row_json

    where: dict[str, Any] = {}
    if case_ref:
        where["case_id"] = book.resolve_id(Case, case_ref)
    if provider_ref:
        where["provider_id"] = book.resolve_id(Provider, provider_ref)
    if service:
        where["service"] = service.value
    if status:
        where["status"] = status.value
    on = on or clock.today()
    found = [referral_row_json(row, on) for row in book.rows(Referral, broken, where=where or None)]
    return sorted(found, key=lambda r: (r["referred_on"], r["number"]))
