"""Case conferences: record them, record their minutes and decisions, retire the old
"coordination referrals".

Coordination is done through case conferences, not by referring a person (DOMAIN.md §2).
``tipref conference new`` records one; ``minutes`` records who came (the rows of an
attendance list), the discussion and the decisions. A decision
can mark a need in the case plan or start a referral that keeps the conference's id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tipref import clock
from tipref.book.casebook import Book, validate_model
from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import N_, Msg
from tipref.schemas.case import Case, ServiceNeed
from tipref.schemas.commitment import Signatory
from tipref.schemas.conference import DEFAULT_CONFERENCE_PATTERN, Conference, Decision
from tipref.schemas.entry import refuse_coordination
from tipref.schemas.enums import ReferralStatus, Service
from tipref.schemas.provider import Provider
from tipref.schemas.referral import Referral, Transition


def _case(book: Book, ref: str) -> Case:
    case = book.get(Case, ref)
    assert isinstance(case, Case)
    return case


def _provider(book: Book, ref: str) -> Provider:
    provider = book.get(Provider, ref)
    assert isinstance(provider, Provider)
    return provider


def get_conference(book: Book, ref: str) -> Conference:
    conference = book.get(Conference, ref)
    assert isinstance(conference, Conference)
    return conference


def new_conference(
    book: Book,
    case_ref: str,
    held_on: date,
    place: str,
    invite: list[str],
    time: str = "",
    agenda: str = "",
) -> Conference:
    """A planned (or just held) case conference, with its own number of the year."""
    case = _case(book, case_ref)
    if not invite:
        raise InvalidInput(
            field="--invite", problem=Msg("invite at least one provider (--invite CODE)")
        )
    invited: list[str] = []
    for ref in invite:
        provider_id = _provider(book, ref).id
        if provider_id not in invited:
            invited.append(provider_id)
    draft = validate_model(
        Conference,
        {
            "number": "draft",
            "case_id": case.id,
            "held_on": held_on,
            "time": time or "",
            "place": place,
            "agenda": agenda or "",
            "invited": invited,
        },
    )
    draft.number = book.next_number("conference", DEFAULT_CONFERENCE_PATTERN, held_on)
    return book.add(draft)


def list_conferences(book: Book, case_id: str | None = None) -> list[Conference]:
    where = {"case_id": case_id} if case_id else None
    found = [c for c in book.all(Conference, where=where) if isinstance(c, Conference)]
    return sorted(found, key=lambda c: (c.held_on, c.number))


# -- minutes -------------------------------------------------------------------------------
@dataclass
class PlannedReferral:
    service: Service
    provider: Provider
    referral_id: str


@dataclass
class MinutesResult:
    conference: Conference
    referrals: list[Referral] = field(default_factory=list)


def parse_refer(book: Book, value: str) -> tuple[Service, Provider]:
    service_text, sep, provider_ref = value.partition(":")
    if not sep or not service_text.strip() or not provider_ref.strip():
        raise InvalidInput(
            field="--refer",
            problem=Msg("'{value}' is not SERVICE:PROVIDER (e.g. health:rsud-kefa)", value=value),
        )
    service = parse_service(service_text.strip(), "--refer")
    refuse_coordination(service)
    return service, _provider(book, provider_ref.strip())


def parse_service(value: str, option: str) -> Service:
    try:
        return Service.parse(value)
    except TiprefError:
        choices = ", ".join(s for s in Service.ids() if s != Service.coordination.value)
        raise InvalidInput(
            field=option,
            problem=Msg(
                "unknown service '{value}'; choose from: {choices}", value=value, choices=choices
            ),
        ) from None


def _needs(values: list[str]) -> list[Service]:
    services = [parse_service(v, "--need") for v in values]
    for service in services:
        refuse_coordination(service)
    return services


def record_minutes(
    book: Book,
    ref: str,
    attendance: list[dict[str, str]],
    discussion: str = "",
    decisions: list[str] | None = None,
    refer: list[str] | None = None,
    need: list[str] | None = None,
    person_ref: str | None = None,
) -> MinutesResult:
    """Who came, what was said and decided; needs and referrals from the decisions.

    ``attendance``: the rows of the attendance list (name, institution, position), as
    :func:`tipref.reporting.attendance.read_attendance` reads them. Everything is checked
    before anything is written: the people, the services, the providers and the person. The conference is written first (its decisions name the
    referral ids), then each referral, which records ``conference_id``.
    """
    conference, case = _check_minutes(book, ref, bool(refer))
    person = case.person(person_ref)
    planned = [PlannedReferral(*parse_refer(book, v), new_id()) for v in refer or []]
    needed = _needs(need or [])
    people = [validate_model(Signatory, row) for row in attendance]
    entries = [Decision(text=text.strip()) for text in decisions or [] if text.strip()]
    entries += [Decision(text=_need_text(s, book), need=s) for s in needed]
    entries += [Decision(text=_refer_text(p, book), referral_id=p.referral_id) for p in planned]

    def apply(record: Conference) -> None:
        record.held = True
        record.attendance = people
        record.discussion = discussion.strip()
        record.decisions.extend(entries)

    updated = book.update(Conference, conference.id, apply, action="minutes")
    assert isinstance(updated, Conference)
    if needed:
        _mark_needs(book, case, needed, person.id)
    referrals = [_refer(book, updated, case, person.id, p) for p in planned]
    return MinutesResult(updated, referrals)


def _check_minutes(book: Book, ref: str, referring: bool) -> tuple[Conference, Case]:
    conference = get_conference(book, ref)
    if conference.held:
        raise TiprefError(
            N_(
                "The minutes of conference {number} are already recorded. Without --attendance, this command writes the minutes document again from that record."
            ),
            number=conference.number,
        )
    if conference.held_on > clock.today():
        raise TiprefError(
            N_("Conference {number} is planned for {date}; minutes are recorded once it is held."),
            number=conference.number,
            date=conference.held_on.isoformat(),
        )
    case = _case(book, conference.case_id)
    if referring and case.status.is_closed:
        raise TiprefError(
            N_(
                "Case {ref} is closed ({status}); reopen it first with 'tipref case update {ref} --status active'."
            ),
            ref=case.number,
            status=case.status.value,
        )
    return conference, case


def new_id() -> str:
    from tipref.ids import new_id as mint

    return mint()


def _need_text(service: Service, book: Book) -> str:
    return Msg(
        "{service}: needed (recorded in the case plan)",
        service=service.label(book.settings.language),
    ).render(book.settings.language)


def _refer_text(planned: PlannedReferral, book: Book) -> str:
    lang = book.settings.language
    return Msg(
        "Refer for {service} to {provider}",
        service=planned.service.label(lang),
        provider=planned.provider.name,
    ).render(lang)


def _mark_needs(book: Book, case: Case, services: list[Service], person_id: str) -> None:
    def apply(record: Case) -> None:
        person = record.person(person_id)
        for service in services:
            person.needs[service.value] = ServiceNeed.needed

    note = ", ".join(f"{s.value}=needed" for s in services)
    book.update(Case, case.id, apply, action="need", note=note)


def _refer(
    book: Book, conference: Conference, case: Case, person_id: str, planned: PlannedReferral
) -> Referral:
    from tipref.book.referrals import new_referral

    lang = book.settings.language
    reason = Msg("Decision of case conference {number}", number=conference.number).render(lang)
    referral, _ = new_referral(
        book,
        case.id,
        planned.service,
        planned.provider.id,
        person_id,
        fields={
            "id": planned.referral_id,
            "conference_id": conference.id,
            "reason": reason,
            "referred_on": conference.held_on,
        },
        note=f"conference {conference.number}",
    )
    return referral


def referral_numbers(book: Book, conference: Conference) -> dict[str, str]:
    """Referral id -> number, for the decisions that started one."""
    numbers = {}
    for decision in conference.decisions:
        if decision.referral_id:
            try:
                numbers[decision.referral_id] = book.get(Referral, decision.referral_id).number
            except TiprefError:
                numbers[decision.referral_id] = "-"
    return numbers


# -- the old "coordination referrals" --------------------------------------------------------
@dataclass
class Migration:
    referral: Referral
    conference: Conference | None  # None when only reported (no --fix)

    def message(self) -> Msg:
        if self.conference is None:
            return Msg(
                "Coordination referral {referral} will become a case conference (coordination is not a referral service); use --fix.",
                referral=self.referral.number,
            )
        return Msg(
            "Coordination referral {referral} replaced by case conference {conference}.",
            referral=self.referral.number,
            conference=self.conference.number,
        )


def coordination_referrals(book: Book) -> list[Referral]:
    """Referrals for 'coordination' not yet replaced by a conference."""
    found = book.all(Referral, where={"service": Service.coordination.value})
    return sorted(
        (r for r in found if isinstance(r, Referral) and not r.conference_id),
        key=lambda r: (r.referred_on, r.number),
    )


def migrate_coordination(book: Book, fix: bool = False) -> list[Migration]:
    """Each old coordination referral becomes a case conference (once).

    The conference is held on the referral's date, at the provider's office, with the
    provider invited and the referral's reason as its agenda; it counts as held when the
    referral was completed. The referral keeps its history: it records the conference's id
    and, while still open, is cancelled with a note naming the conference. Both writes are
    history entries (actions ``create`` with a note, and ``migrate``).
    """
    migrations = []
    for referral in coordination_referrals(book):
        conference = _migrate_one(book, referral) if fix else None
        migrations.append(Migration(referral, conference))
    return migrations


def _migrate_one(book: Book, referral: Referral) -> Conference:
    try:
        provider = _provider(book, referral.provider_id)
        place = provider.district or provider.name
    except TiprefError:
        provider, place = None, "-"
    draft = Conference(
        number="draft",
        case_id=referral.case_id,
        held_on=referral.referred_on,
        place=place or "-",
        agenda=referral.reason,
        invited=[provider.id] if provider else [],
        held=referral.status == ReferralStatus.completed,
        migrated_from=referral.id,
    )
    draft.number = book.next_number("conference", DEFAULT_CONFERENCE_PATTERN, draft.held_on)
    conference = book.add(draft, note=f"migrated from coordination referral {referral.number}")

    def apply(record: Referral) -> None:
        record.conference_id = conference.id
        if record.status in (ReferralStatus.pending, ReferralStatus.accepted):
            record.status = ReferralStatus.cancelled
            record.transitions.append(
                Transition(
                    status=ReferralStatus.cancelled,
                    at=clock.now(),
                    by=book.actor,
                    note=f"replaced by case conference {conference.number}",
                )
            )

    book.update(Referral, referral.id, apply, action="migrate", note=conference.number)
    return conference
