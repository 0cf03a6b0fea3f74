"""A referral's lifecycle: the moves allowed from each status, and the days it waited.

Plain data, no model: ``referral list`` reads them for rows the index vouches for
(issue #21); :mod:`tipref.schemas.referral` enforces them on every change.
"""

from __future__ import annotations

from datetime import date, datetime

from tipref.schemas.enums import ReferralStatus
from tipref.schemas.enums import ReferralStatus as S

ALLOWED_TRANSITIONS: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    S.pending: (S.accepted, S.declined, S.cancelled),
    S.accepted: (S.completed, S.cancelled),
    S.declined: (),
    S.completed: (),
    S.cancelled: (),
}
REASON_REQUIRED = (S.declined,)


def days_between(referred_on: date, answered_at: datetime | None, today: date) -> int:
    """Days a referral waited: until the answer, or until today while there is none."""
    end = answered_at.date() if answered_at is not None else today
    return max(0, (end - referred_on).days)
