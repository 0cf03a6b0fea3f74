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
from tipref.i18n import Msg, register_messages
from tipref.schemas.case import CaseEvents

LEGAL_FIELDS = (
    "police_reported_at",
    "police_report_number",
    "bap_on",
    "bap_companion",
    "p21_on",
    "charged_on",
    "judgment_notified_on",
    "restitution_amount",
    "restitution_paid_on",
    "lpsk_applied_on",
    "simfoni_entered_on",
    "simfoni_number",
)

register_messages(
    {
        "legal.title": {
            "id": "Proses hukum dan SIMFONI PPA",
            "en": "Legal process and SIMFONI PPA",
        },
        "legal.police_reported_at": {"id": "Dilaporkan ke polisi", "en": "Reported to the police"},
        "legal.police_report_number": {
            "id": "Nomor laporan polisi (LP)",
            "en": "Police report number (LP)",
        },
        "legal.bap_on": {"id": "Pemeriksaan korban (BAP)", "en": "Victim examined (BAP)"},
        "legal.bap_companion": {"id": "Pendamping saat BAP", "en": "Companion at the BAP"},
        "legal.p21_on": {"id": "Berkas lengkap (P21)", "en": "Case file complete (P21)"},
        "legal.charged_on": {"id": "Dakwaan dibacakan", "en": "Charges read"},
        "legal.judgment_notified_on": {
            "id": "Putusan tingkat pertama diberitahukan",
            "en": "First-instance judgment notified",
        },
        "legal.restitution_amount": {"id": "Restitusi yang diputus", "en": "Restitution ordered"},
        "legal.restitution_paid_on": {"id": "Restitusi dibayar", "en": "Restitution paid"},
        "legal.lpsk_applied_on": {"id": "Permohonan ke LPSK", "en": "Application to LPSK"},
        "legal.simfoni_entered_on": {
            "id": "Dicatat di SIMFONI PPA",
            "en": "Entered in SIMFONI PPA",
        },
        "legal.simfoni_number": {"id": "Nomor SIMFONI PPA", "en": "SIMFONI PPA number"},
    }
)


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
            "label": Msg(f"legal.{name}").render(lang),
            "value": shown(getattr(events, name)),
        }
        for name in LEGAL_FIELDS
        if getattr(events, name) not in (None, "")
    ]
