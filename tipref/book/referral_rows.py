"""``referral list`` from referrals the local index vouches for: no model built (issue #21).

The same rows as :func:`tipref.book.referrals.list_referrals` (stored record, days waited,
allowed next moves; oldest first), or None when any part needs the full path: a case or
provider reference that is unknown, ambiguous or an old number, or a referral file the
index has not seen valid in its present version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tipref import clock
from tipref.book.trusted import TrustedReader
from tipref.present import referral_row_json


def trusted_referrals(
    reader: TrustedReader,
    case_ref: str | None = None,
    service: str | None = None,
    provider_ref: str | None = None,
    status: str | None = None,
    on: date | None = None,
) -> list[dict[str, Any]] | None:
    where: dict[str, Any] = {}
    for key, kind, ref in (
        ("case_id", "case", case_ref),
        ("provider_id", "provider", provider_ref),
    ):
        if ref:
            record_id = reader.resolve(kind, ref)
            if record_id is None:
                return None
            where[key] = record_id
    if service:
        where["service"] = service
    if status:
        where["status"] = status
    rows = reader.rows("referral", where or None)
    if rows is None:
        return None
    on = on or clock.today()
    found = [referral_row_json(row, on) for row in rows]
    return sorted(found, key=lambda r: (r["referred_on"], r["number"]))
