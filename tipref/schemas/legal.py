"""The legal process and the SIMFONI PPA entry of a case, as labelled rows.

The steps are dated events on the case (``tipref case event``): police report with its
number (LP), the victim's examination (BAP) and who accompanied them, the case file
complete (P21), charges, notice of the first-instance judgment (restitution is due 14
days later, UU 21/2007 Pasal 48 ayat (6)), restitution ordered and paid, an application
to LPSK; and when and under which number the case was entered in SIMFONI PPA.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tipref import clock
from tipref.i18n import N_, Msg
from tipref.schemas.case import CaseEvents

# each step and its label, in the order shown
LEGAL_LABELS: dict[str, str] = {
    "police_reported_at": N_("Reported to the police"),
    "police_report_number": N_("Police report number (LP)"),
    "bap_on": N_("Victim examined (BAP)"),
    "bap_companion": N_("Companion at the BAP"),
    "p21_on": N_("Case file complete (P21)"),
    "charged_on": N_("Charges read"),
    "judgment_notified_on": N_("First-instance judgment notified"),
    "restitution_amount": N_("Restitution ordered"),
    "restitution_paid_on": N_("Restitution paid"),
    "lpsk_applied_on": N_("Application to LPSK"),
    "simfoni_entered_on": N_("Entered in SIMFONI PPA"),
    "simfoni_number": N_("SIMFONI PPA number"),
}
LEGAL_FIELDS = tuple(LEGAL_LABELS)


def rupiah(amount: int) -> str:
    """25000000 -> 'Rp 25.000.000' (the Indonesian thousands separator)."""
    return "Rp " + f"{amount:,}".replace(",", ".")


def shown(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(clock.zone()).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return rupiah(value)
    return str(value)


def legal_rows(events: CaseEvents, lang: str) -> list[dict[str, str]]:
    """The legal steps and SIMFONI entry recorded so far, in order: key, label, value."""
    return [
        {
            "key": name,
            "label": Msg(LEGAL_LABELS[name]).render(lang),
            "value": shown(getattr(events, name)),
        }
        for name in LEGAL_FIELDS
        if getattr(events, name) not in (None, "")
    ]
