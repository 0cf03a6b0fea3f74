"""The reply slip (lembar balasan rujukan) on page 2 of a referral letter: its field
labels and its check code, so that a filled slip can be matched to its referral.

The letter prints the referral number and :func:`check_code` in the slip's table; a reader
of filled slips (scanned or typed back) finds the fields by the labels in
:data:`SLIP_FIELDS` and recomputes the code to be sure the slip belongs to the referral.
"""

from __future__ import annotations

import hashlib

CHECK_CODE_LENGTH = 6

# The reply slip's rows (templates/build_templates.py SLIP_ROWS), key -> label per language:
# the labels are stable, so a filled slip can be read back by them and matched to its
# referral through the number and the check code (a later issue reads them).
SLIP_FIELDS: dict[str, dict[str, str]] = {
    "id": {
        "letter_number": "Nomor surat rujukan",
        "referral_number": "Nomor rujukan",
        "check_code": "Kode cek",
        "from": "Dari",
        "to": "Kepada",
        "person": "Yang dirujuk (inisial)",
        "service": "Layanan yang diminta",
        "received_on": "Tanggal surat diterima",
        "officer_name": "Nama petugas",
        "officer_position": "Jabatan",
        "officer_phone": "Telepon",
        "decision": "Keputusan",
        "decline_reason": "Alasan (jika ditolak)",
        "plan": "Rencana layanan",
        "referred_on_to": "Dirujuk lanjut ke",
        "finished": "Layanan selesai",
        "finished_on": "Tanggal selesai",
        "signature": "Tanda tangan dan cap",
    },
    "en": {
        "letter_number": "Referral letter number",
        "referral_number": "Referral number",
        "check_code": "Check code",
        "from": "From",
        "to": "To",
        "person": "Person referred (initials)",
        "service": "Service asked for",
        "received_on": "Date letter received",
        "officer_name": "Officer's name",
        "officer_position": "Position",
        "officer_phone": "Phone",
        "decision": "Decision",
        "decline_reason": "Reason (if declined)",
        "plan": "Service plan",
        "referred_on_to": "Referred on to",
        "finished": "Service finished",
        "finished_on": "Date finished",
        "signature": "Signature and stamp",
    },
}


def check_code(organisation_code: str, referral_id: str, number: str) -> str:
    """The short code printed on a reply slip, to match a filled slip to its referral.

    The first six hex characters (upper case) of sha256 over the organisation's code, the
    referral's id and the letter number: a mistyped or mixed-up slip does not match.
    """
    digest = hashlib.sha256(f"{organisation_code}|{referral_id}|{number}".encode()).hexdigest()
    return digest[:CHECK_CODE_LENGTH].upper()
