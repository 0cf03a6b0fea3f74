"""The reply slip (lembar balasan rujukan) on page 2 of a referral letter: its field
labels and its check code, so that a filled slip can be matched to its referral.

The letter prints the referral number and :func:`check_code` in the slip's table; a reader
of filled slips (scanned or typed back) finds the fields by the labels in
:data:`SLIP_FIELDS` and recomputes the code to be sure the slip belongs to the referral.
"""

from __future__ import annotations

import hashlib

from tipref.i18n import N_, Localized

CHECK_CODE_LENGTH = 6

# The reply slip's rows (templates/build_templates.py SLIP_ROWS), key -> label per language:
# the labels are stable, so a filled slip can be read back by them and matched to its
# referral through the number and the check code (a later issue reads them).
SLIP_FIELDS = Localized(
    {
        "letter_number": N_("Referral letter number"),
        "referral_number": N_("Referral number"),
        "check_code": N_("Check code"),
        "from": N_("From"),
        "to": N_("To"),
        "person": N_("Person referred (initials)"),
        "service": N_("Service asked for"),
        "received_on": N_("Date letter received"),
        "officer_name": N_("Officer's name"),
        "officer_position": N_("Position"),
        "officer_phone": N_("Phone"),
        "decision": N_("Decision"),
        "decline_reason": N_("Reason (if declined)"),
        "plan": N_("Service plan"),
        "referred_on_to": N_("Referred on to"),
        "finished": N_("Service finished"),
        "finished_on": N_("Date finished"),
        "signature": N_("Signature and stamp"),
    }
)


def check_code(organisation_code: str, referral_id: str, number: str) -> str:
    """The short code printed on a reply slip, to match a filled slip to its referral.

    The first six hex characters (upper case) of sha256 over the organisation's code, the
    referral's id and the letter number: a mistyped or mixed-up slip does not match.
    """
    digest = hashlib.sha256(f"{organisation_code}|{referral_id}|{number}".encode()).hexdigest()
    return digest[:CHECK_CODE_LENGTH].upper()


# The words of the two tick-box rows, per language (templates/build_templates.py
# slip_answer_value and slip_done_value; a test keeps them the same): a reader finds the
# box ticked before each word.
SLIP_CHOICES = Localized(
    {"decision": (N_("Accepted"), N_("Declined")), "finished": (N_("Yes"), N_("Not yet"))}
)
