"""tipref case: victims' and witnesses' cases.

The group names its verbs and the module of each; a verb's module is imported when it
runs (click's lazy-group pattern, as for the top-level commands), so ``case show`` does
not load the code that opens, changes or purges cases (issue #21).
"""

from __future__ import annotations

from tipref.commands import LazyGroup
from tipref.i18n import N_

CASE_VERBS = {
    "new": "tipref.commands.case_edit:case_new",
    "add-person": "tipref.commands.case_edit:case_add_person",
    "update": "tipref.commands.case_edit:case_update",
    "close": "tipref.commands.case_edit:case_close",
    "list": "tipref.commands.case_edit:case_list",
    "show": "tipref.commands.case_show:case_show",
    "plan": "tipref.commands.case_plan:case_plan_command",
    "need": "tipref.commands.case_plan:case_need_command",
    "event": "tipref.commands.case_plan:case_event_command",
    "police-report": "tipref.commands.case_documents:case_police_report",
    "export-subject": "tipref.commands.case_privacy:case_export_subject",
    "purge": "tipref.commands.case_privacy:case_purge",
    "identify": "tipref.commands.case_identify:case_identify_command",
    "identification-form": "tipref.commands.case_identify:case_identification_form_command",
}

case_group = LazyGroup(
    "case",
    help=N_("Cases of victims and witnesses: open, change, close, list."),
    lazy_commands=CASE_VERBS,
    help_path="case",
)
