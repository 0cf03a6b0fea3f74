"""A referral sends one person of a case to one provider for one service."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal

from pydantic import Field

from tipref import clock
from tipref.schemas.base import Model, Record
from tipref.schemas.enums import Direction, ReferralStatus, Service
from tipref.schemas.letter import LetterRecord
from tipref.schemas.lifecycle import days_between
from tipref.schemas.text import FreeText, SingleLine

S = ReferralStatus


class Transition(Model):
    status: ReferralStatus
    at: datetime
    by: str
    note: FreeText | None = None
    reason: FreeText | None = None


class Reply(Model):
    """A reply slip (lembar balasan rujukan) filled by the receiving provider and read back
    (``tipref referral reply``): who answered, what, when; the file it came from."""

    letter_number: str = Field(..., description="The referral letter the slip belongs to")
    file_name: str = Field(..., description="File name only, as it was read")
    sha256: str = Field(..., description="Checksum of the filled slip's file")
    decision: Literal["accepted", "declined"]
    reason: FreeText = Field("", description="Why it was declined, as written on the slip")
    received_on: date | None = Field(None, description="Date the provider received the letter")
    officer_name: FreeText = Field("", description="The provider's officer who answered")
    officer_position: FreeText = ""
    officer_phone: FreeText = ""
    plan: FreeText = Field("", description="Service plan, as written on the slip")
    referred_on_to: FreeText = Field("", description="Onward referral, as written on the slip")
    finished: bool = Field(False, description="Section C ticked: the service was completed")
    finished_on: date | None = None
    read_at: datetime
    read_by: str

    def same_answer(self, other: Reply) -> bool:
        """The same reply, even from another copy of the file (re-saved, renamed)."""
        keys: tuple[str, ...] = ("letter_number", "decision", "reason", "received_on")
        keys += ("officer_name", "finished", "finished_on")
        return all(getattr(self, key) == getattr(other, key) for key in keys)


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
    replies: list[Reply] = Field(
        default_factory=list,
        description="Reply slips read back from the provider (tipref referral reply)",
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
