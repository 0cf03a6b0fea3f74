"""tipref referral: send a person to a provider for a service, and close the loop.

The group names its verbs and the module of each, imported when the verb runs (as for
``tipref case``), so ``referral list`` does not load the code that writes referrals.
"""

from __future__ import annotations

from tipref.commands import LazyGroup
from tipref.i18n import N_

REFERRAL_VERBS = {
    "new": "tipref.commands.referral_edit:referral_new",
    "update": "tipref.commands.referral_edit:referral_update",
    "show": "tipref.commands.referral_edit:referral_show",
    "list": "tipref.commands.referral_list:referral_list",
    "reply": "tipref.commands.referral_reply:referral_reply",
}

referral_group = LazyGroup(
    "referral",
    help=N_("Referrals between providers: new, list, show, update (status), reply (read slips)."),
    lazy_commands=REFERRAL_VERBS,
    help_path="referral",
)
