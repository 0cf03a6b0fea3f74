"""A referral sends one person of a case to one provider for one service."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal

from pydantic import Field

from tipref import clock
from tipref.schemas.base import Model, Record
from tipref.schemas.enums import Direction, ReferralStatus, Service
from tipref.schemas.letter import LetterRecord
from tipref.schemas.text import FreeText, SingleLine

S = ReferralStatus
ALLOWED_TRANSITIONS: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    S.pending: (S.accepted, S.declined, S.cancelled),
    S.accepted: (S.completed, S.cancelled),
    S.declined: (),
    S.completed: (),
    S.cancelled: (),
}
REASON_REQUIRED = (S.declined,)


class Transition(Model):
    status: ReferralStatus
    at: datetime
    by: str
    note: FreeText | None = None
    reason: FreeText | None = None


class Referral(Record):
    KIND: ClassVar[str] = "referral"
    FOLDER: ClassVar[str] = "referrals"
    kind: Literal["referral"] = "referral"
    number: str = Field(..., description="Display number, e.g. TTU-R2026-0001")
    case_id: str
    person_id: str
    service: Service
    direction: Direction = Direction.outgoing
    provider_id: str = Field(
        ..., description="The receiving provider (outgoing) or the referring one (incoming)"
    )
    referred_on: date = Field(
        default_factory=clock.today,
        description="HTCDS cas_OutgoingReferralDate / cas_IncomingReferralDate",
    )
    reason: FreeText = Field(
        "", description="Why the service is asked for (HTCDS cas_OutgoingReferralDetails)"
    )
    services_given: list[Service] = Field(
        default_factory=list, description="Services the person has already had"
    )
    situation: FreeText = Field(
        "", description="Current physical, psychological and family situation"
    )
    attachments: list[SingleLine] = Field(
        default_factory=list, description="What goes with the letter"
    )
    share_identity: bool = Field(
        False,
        description="The receiving provider gets the person's full identity, not only initials, sex and age; "
        "needs the person's share-identity consent for that provider, or a logged override",
    )
    consent_override: FreeText | None = Field(
        None, description="Why identity was shared without consent"
    )
    status: ReferralStatus = ReferralStatus.pending
    transitions: list[Transition] = Field(default_factory=list)
    letters: list[LetterRecord] = Field(
        default_factory=list,
        description="Letters made for this referral: number, date, file, checksum",
    )
    conference_id: str | None = Field(
        None, description="The case conference whose decision started this referral"
    )

    def responded_at(self) -> datetime | None:
        for step in self.transitions:
            if step.status in (S.accepted, S.declined):
                return step.at
        return None

    def days_waited(self, today: date | None = None) -> int:
        """Pending: days since referral. Otherwise: days until the provider answered."""
        answered = self.responded_at()
        return days_between(
            self.referred_on, None if self.status == S.pending else answered, today or clock.today()
        )


def days_between(referred_on: date, answered_at: datetime | None, today: date) -> int:
    """Days a referral waited: until the answer, or until today while there is none."""
    end = answered_at.date() if answered_at is not None else today
    return max(0, (end - referred_on).days)
