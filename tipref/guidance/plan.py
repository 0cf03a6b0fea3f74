"""A case plan: for each person and each SOP service, where things stand and what comes next.

A service is *done* when a referral for it is completed; *referred* while one is pending
or accepted (with its status); otherwise what the case worker recorded with ``tipref
case need``: *needed* or *not-needed*; else *unassessed*. Identification is taken as
needed for every victim until marked otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.errors import InvalidInput
from tipref.guidance.deadlines import DEADLINE_LABELS, OVERDUE, Deadline, case_deadlines
from tipref.guidance.sop import ORDER, sop_entry
from tipref.i18n import N_, LabelOf, Msg
from tipref.schemas import entry
from tipref.schemas.case import Case, Person, ServiceNeed
from tipref.schemas.conference import Conference
from tipref.schemas.enums import ReferralStatus, Role, Service
from tipref.schemas.legal import legal_rows
from tipref.schemas.provider import Provider
from tipref.schemas.referral import Referral

DONE, REFERRED, NEEDED, NOT_NEEDED, UNASSESSED = (
    "done",
    "referred",
    "needed",
    "not-needed",
    "unassessed",
)
# a service's state for a person, as people read it
STATE_LABELS: dict[str, str] = {
    DONE: N_("done"),
    REFERRED: N_("referred"),
    NEEDED: N_("needed"),
    NOT_NEEDED: N_("not needed"),
    UNASSESSED: N_("not assessed"),
}
ACTIVE = (ReferralStatus.pending, ReferralStatus.accepted)


@dataclass
class ServiceState:
    service: Service
    state: str
    since: date | None = None
    referral: Referral | None = None
    provider_name: str | None = None
    declined: Referral | None = (
        None  # the last declined or cancelled referral, when nothing else is open
    )

    def to_json(self) -> dict[str, Any]:
        r = self.referral
        return {
            "service": self.service.value,
            "state": self.state,
            "since": self.since.isoformat() if self.since else None,
            "referral": None
            if r is None
            else {
                "id": r.id,
                "number": r.number,
                "status": r.status.value,
                "provider_id": r.provider_id,
                "provider": self.provider_name,
                "referred_on": r.referred_on.isoformat(),
            },
            "last_declined": self.declined.number if self.declined else None,
        }


@dataclass
class PersonPlan:
    person_id: str
    position: int
    name: str
    role: Role
    is_child: bool | None
    services: list[ServiceState] = field(default_factory=list)


@dataclass
class CasePlan:
    case: Case
    persons: list[PersonPlan]
    deadlines: list[Deadline]
    next_steps: list[Msg]
    conferences: list[Conference] = field(default_factory=list)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "case_id": self.case.id,
            "case_number": self.case.number,
            "status": self.case.status.value,
            "persons": [
                {
                    "person_id": p.person_id,
                    "position": p.position,
                    "name": p.name,
                    "role": p.role.value,
                    "is_child": p.is_child,
                    "services": [s.to_json() for s in p.services],
                }
                for p in self.persons
            ],
            "deadlines": [d.to_json(lang) for d in self.deadlines],
            "legal": legal_rows(self.case.events, lang),
            "conferences": [conference_json(c) for c in self.conferences],
            "next_steps": [m.render(lang) for m in self.next_steps],
        }


def conference_json(conference: Conference) -> dict[str, Any]:
    return {
        "id": conference.id,
        "number": conference.number,
        "held_on": conference.held_on.isoformat(),
        "place": conference.place,
        "state": "held" if conference.held else "planned",
        "invitation": conference.invitation.number if conference.invitation else None,
        "decisions": len(conference.decisions),
    }


# Coordination is done through case conferences, not by referring a person (DOMAIN.md §2).
PERSON_SERVICES: tuple[Service, ...] = tuple(s for s in ORDER if s != Service.coordination)


def _finished_on(referral: Referral) -> date:
    for step in reversed(referral.transitions):
        if step.status == referral.status:
            return step.at.date()
    return referral.referred_on


def service_state(
    service: Service,
    need: ServiceNeed | None,
    referrals: list[Referral],
    role: Role,
    intake_on: date | None = None,
) -> ServiceState:
    """Where one service stands for one person: done, referred, needed, not needed..."""
    mine = sorted(
        (r for r in referrals if r.service == service), key=lambda r: (r.referred_on, r.number)
    )
    completed = [r for r in mine if r.status == ReferralStatus.completed]
    if completed:
        return ServiceState(service, DONE, _finished_on(completed[-1]), completed[-1])
    if service == Service.identification and intake_on is not None and not mine:
        # Taken in under treatment: the book's own organisation identified the person.
        return ServiceState(service, DONE, intake_on)
    active = [r for r in mine if r.status in ACTIVE]
    if active:
        return ServiceState(service, REFERRED, active[-1].referred_on, active[-1])
    return _open_state(service, need, mine, role)


def _open_state(
    service: Service, need: ServiceNeed | None, mine: list[Referral], role: Role
) -> ServiceState:
    """A service nobody provides now: needed, not needed or not yet assessed."""
    closed = [r for r in mine if r.status in (ReferralStatus.declined, ReferralStatus.cancelled)]
    last_closed = closed[-1] if closed else None
    if need == ServiceNeed.not_needed:
        return ServiceState(service, NOT_NEEDED, declined=last_closed)
    if (
        need == ServiceNeed.needed
        or last_closed
        or (service == Service.identification and role == Role.victim)
    ):
        return ServiceState(service, NEEDED, declined=last_closed)
    return ServiceState(service, UNASSESSED)


def case_plan(book: Book, ref: str, now: datetime | None = None) -> CasePlan:
    """A case's plan: each person's services, the deadlines, and what to do next."""
    case = book.get(Case, ref)
    referrals = [r for r in book.all(Referral) if r.case_id == case.id]
    providers = {p.id: p for p in book.all(Provider)}
    today = (now or clock.now()).date()
    persons, steps = [], []
    for position, person in enumerate(case.persons, 1):
        plan = _person_plan(
            position, person, referrals, providers, today, _identified_on(case, person.id)
        )
        persons.append(plan)
        if not case.status.is_closed:
            steps.extend(_person_steps(plan, providers))
    deadlines = case_deadlines(case, book.settings, referrals, now)
    from tipref.book.conferences import list_conferences

    conferences = list_conferences(book, case.id)
    if not case.status.is_closed:
        steps.extend(_conference_steps(conferences, today))
        if case.events.intake_at is None:
            steps.insert(
                0, Msg("Record when the victim was taken in ('tipref case event --intake')")
            )
        steps.extend(_deadline_steps(deadlines))
    return CasePlan(case, persons, deadlines, steps, conferences)


def _identified_on(case: Case, person_id: str) -> date | None:
    """Identification is done by the person's identification decision ('tipref case
    identify'), or by taking them in under treatment."""
    decision = case.identification_of(person_id)
    if decision is not None:
        return decision.decided_on
    return case.events.intake_at.date() if case.events.intake_at else None


def _conference_steps(conferences: list[Conference], today: date) -> list[Msg]:
    steps = []
    for conference in conferences:
        if conference.held:
            continue
        key = (
            N_(
                "Case conference {number} ({date}): record the minutes ('tipref conference minutes {number} --attendance ...')"
            )
            if conference.held_on <= today
            else N_(
                "Case conference {number} ({date}): send the invitation ('tipref conference invite {number}')"
            )
        )
        if (
            key
            == N_(
                "Case conference {number} ({date}): send the invitation ('tipref conference invite {number}')"
            )
            and conference.invitation is not None
        ):
            continue
        steps.append(Msg(key, number=conference.number, date=conference.held_on.isoformat()))
    return steps


def _person_plan(
    position: int,
    person: Person,
    referrals: list[Referral],
    providers: dict[str, Provider],
    today: date,
    intake_on: date | None,
) -> PersonPlan:
    plan = PersonPlan(person.id, position, person.name, person.role, person.is_child(today))
    own = [r for r in referrals if r.person_id == person.id]
    for service in PERSON_SERVICES:
        state = service_state(service, person.needs.get(service.value), own, person.role, intake_on)
        if state.referral is not None:
            provider = providers.get(state.referral.provider_id)
            state.provider_name = provider.name if provider else state.referral.provider_id
        plan.services.append(state)
    return plan


def _deadline_steps(deadlines: list[Deadline]) -> list[Msg]:
    return [
        Msg("{label}: due {due}", label=Msg(DEADLINE_LABELS[item.key]), due=item.due_on.isoformat())
        for item in sorted(deadlines, key=lambda d: (d.state != OVERDUE, d.due_on))
        if item.state in ("overdue", "due", "upcoming")
    ]


def _person_steps(plan: PersonPlan, providers: dict[str, Provider]) -> list[Msg]:
    who = f"{plan.position}. {plan.name}"
    steps = []
    for state in plan.services:
        label = LabelOf(state.service)
        if state.state == REFERRED and state.referral is not None:
            steps.append(
                Msg(
                    "{person}: follow up referral {number} ({service}, {status}) with {provider}",
                    person=who,
                    number=state.referral.number,
                    service=label,
                    status=LabelOf(state.referral.status),
                    provider=state.provider_name,
                )
            )
        elif state.state == NEEDED and state.declined is not None:
            steps.append(
                Msg(
                    "{person}: referral {number} was declined; refer again for {service}",
                    person=who,
                    number=state.declined.number,
                    service=label,
                )
            )
        elif state.state == NEEDED:
            steps.append(
                Msg(
                    "{person}: refer for {service} (e.g. {providers})",
                    person=who,
                    service=label,
                    providers=_provider_hint(state.service, providers),
                )
            )
        elif state.state == UNASSESSED and plan.role == Role.victim:
            steps.append(
                Msg(
                    "{person}: assess whether {service} is needed ('tipref case need')",
                    person=who,
                    service=label,
                )
            )
    return steps


def _provider_hint(service: Service, providers: dict[str, Provider]) -> str:
    codes = sorted(p.code for p in providers.values() if service in p.services)
    if codes:
        return ", ".join(codes[:3])
    return ", ".join(t.value for t in sop_entry(service).provider_types[:3])


# -- recording needs and events ----------------------------------------------------------
def set_need(
    book: Book, ref: str, service: Service, need: ServiceNeed | None, person_ref: str | None = None
) -> Case:
    """Record whether a person needs a service; ``None`` clears it back to unassessed.

    Coordination is not a person's need: it is done through case conferences."""
    from tipref.schemas.entry import refuse_coordination

    if need is not None:
        refuse_coordination(service)

    def apply(case: Case) -> None:
        person = case.person(person_ref)
        if need is None:
            person.needs.pop(service.value, None)
        else:
            person.needs[service.value] = need

    return book.update(
        Case, ref, apply, action="need", note=f"{service.value}={need.value if need else '-'}"
    )


EVENT_FIELDS = (
    "intake_at",
    "police_reported_at",
    "first_aid_requested_on",
    "first_aid_given_on",
    "returned_on",
    "judgment_notified_on",
    "restitution_paid_on",
)


def set_events(
    book: Book, ref: str, events: dict[str, Any], evaluated_on: date | None = None
) -> Case:
    """Record the moments that start or stop deadlines; a naive time is in the book's zone."""
    from tipref.guidance.deadlines import book_zone, local

    if not events and evaluated_on is None:
        raise InvalidInput(
            field="event", problem=Msg("nothing to change; give at least one option")
        )
    zone = book_zone(book.settings)
    for name in ("intake_at", "police_reported_at"):
        if isinstance(events.get(name), datetime):
            events[name] = local(events[name], zone)
    entry.not_in_future(evaluated_on, "evaluated_on")

    def apply(case: Case) -> None:
        for name, value in events.items():
            setattr(case.events, name, value)
        entry.check_events(case.events, set(events))
        if evaluated_on is not None and evaluated_on not in case.events.evaluated_on:
            case.events.evaluated_on.append(evaluated_on)
            case.events.evaluated_on.sort()

    return book.update(Case, ref, apply, action="event")
