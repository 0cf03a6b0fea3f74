"""One-line summaries and examples of every command, for help that reads at 80 columns.

``tipref --help`` lists each command with a summary; click cuts a long first sentence
with "...". ``SUMMARIES`` gives each command a whole sentence that fits the listing at 80
columns, and ``EXAMPLES`` an "Example:" paragraph for its ``--help`` (when its own help
text has none). Both are applied when a command is loaded (``commands.LazyGroup``); a
test walks every ``--help`` and fails on a missing example, a cut summary or a line
over 80 columns. The examples use the grammar of docs/cli.md and run on the demo book.
"""

from __future__ import annotations

import inspect

import click

SUMMARIES: dict[str, str] = {
    "case": "Cases of victims and witnesses.",
    "case add-person": "Add a witness or another victim to a case.",
    "case event": "Record the moments that start or stop deadlines.",
    "case need": "Record whether a person needs an SOP service.",
    "case new": "Open a case for a person.",
    "case export-subject": "Everything held about one person, as JSON.",
    "case plan": "What each person needs, has been referred to, and when.",
    "case police-report": "Write the letter reporting a case to the police.",
    "handover": "Handovers at each leg of a return home.",
    "handover acceptance": "Write the family's acceptance statement.",
    "handover list": "The handovers of a case, in order.",
    "handover new": "Record a leg of a return home; write its berita acara.",
    "referral reply": "Read filled reply slips back into their referrals.",
    "case purge": "Erase a person's identifying data (right to erasure).",
    "case update": "Change a case or one of its persons.",
    "commitment": "Joint commitment documents of coordination meetings.",
    "commitment add-point": "Add numbered points or recitals to a commitment.",
    "commitment new": "Start a commitment document for a meeting.",
    "commitment render": "Write the commitment document as Word (and PDF).",
    "commitment sign": "Add signatories, one by one or from an attendance list.",
    "config": "Your own settings on this machine.",
    "config set": "Set your name or your language on this machine.",
    "config show": "Show who you are, your language and this device.",
    "conference": "Case conferences: invitation letter, minutes, decisions.",
    "consent": "Consents of the persons of a case.",
    "consent add": "Record a consent given by a person or a guardian.",
    "consent withdraw": "Record that a consent was withdrawn.",
    "demo": "Build a fictional case book for training.",
    "doctor": "Find and repair conflict copies and damaged records.",
    "due": "What is late: referrals and the SOP's deadlines.",
    "export": "Export cases and referrals (or an anonymised table).",
    "import": "Import cases from a spreadsheet or an HTCDS workbook.",
    "init": "Create a case book in a folder.",
    "letter": "Referral letters: write one or many, list those sent.",
    "letter list": "The register of letters sent (buku agenda).",
    "letter new": "Write the referral letter of a referral.",
    "log": "Show the history of one record, or the book's latest changes.",
    "provider": "Providers of the referral network.",
    "provider update": "Change a provider's details.",
    "referral": "Referrals of a person to a provider for a service.",
    "report": "The PPT's six-monthly evaluation (PP 9/2008).",
    "restore": "Set again what a log entry set, as a new change.",
    "schema": "Print the JSON Schema of a record kind.",
    "sop": "The SOP's services: steps, providers, time limits.",
    "template": "Word templates of the letters and documents.",
    "template check": "List the tags of a template that the data lacks.",
    "template export": "Copy a default template into the book to edit it.",
    "vault": "Encrypt the book's personal data; manage the team's keys.",
    "vault add-member": "Give a colleague access to an encrypted book.",
    "vault identity": "Create your personal key and print its public half.",
    "vault init": "Encrypt this book.",
    "vault remove-member": "Take a member's access away and rotate the key.",
    "vault seal-log": "Encrypt a lost or retired laptop's plain log lines.",
    "vault status": "Is the book encrypted, and who holds a key.",
}

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ('tipref init ./book --name "UPTD PPA TTU" --code TTU --seed-network',),
    "case": ("tipref case list --status active",),
    "case add-person": ('tipref case add-person TTU-2026-0001 --name "Yakobus" --role witness',),
    "case close": ('tipref case close TTU-2026-0001 --status-reason "Back with her family"',),
    "case event": ("tipref case event TTU-2026-0001 --police-reported today",),
    "case export-subject": ("tipref case export-subject TTU-2026-0001 --person 1 --out subject/",),
    "case list": ("tipref case list --status active --children",),
    "case need": ("tipref case need TTU-2026-0001 --service legal --needed",),
    "case new": ('tipref case new --name "Maria Ulu" --sex female --age 17',),
    "case plan": ("tipref case plan TTU-2026-0001",),
    "case purge": ('tipref case purge TTU-2026-0001 --request "letter, form 12" --yes',),
    "case show": ("tipref case show TTU-2026-0001",),
    "case update": ("tipref case update TTU-2026-0001 --risk high",),
    "commitment": ("tipref commitment list",),
    "commitment add-point": ('tipref commitment add-point 01/KOM/TTU/2026 "Saling merujuk."',),
    "commitment list": ("tipref commitment list",),
    "commitment new": ('tipref commitment new --title "Komitmen Bersama" --place Kefamenanu',),
    "commitment render": ("tipref commitment render 01/KOM/TTU/2026 --out komitmen/ --pdf",),
    "commitment show": ("tipref commitment show 01/KOM/TTU/2026",),
    "commitment sign": ("tipref commitment sign 01/KOM/TTU/2026 --attendance hadir.csv",),
    "config": ("tipref config show",),
    "config set": ('tipref config set user "Maria Ulu"',),
    "config show": ("tipref config show",),
    "conference": ("tipref conference list --case TTU-2026-0001",),
    "consent": ("tipref consent list TTU-2026-0001",),
    "consent add": ("tipref consent add TTU-2026-0001 --scope share-identity --provider rsud",),
    "consent list": ("tipref consent list TTU-2026-0001",),
    "consent withdraw": ("tipref consent withdraw TTU-2026-0001 1",),
    "doctor": ("tipref doctor --fix",),
    "due": ("tipref due --within 7",),
    "export": ("tipref export --anonymize --out export/",),
    "import": ("tipref import cases.xlsx --mapping mapping.json --dry-run",),
    "init": ('tipref init ./book --name "UPTD PPA TTU" --code TTU --seed-network',),
    "letter list": ("tipref letter list",),
    "provider": ("tipref provider list --service health",),
    "provider list": ("tipref provider list --service health",),
    "provider show": ("tipref provider show rsud",),
    "provider update": ("tipref provider update rsud --phone 0388-21001",),
    "referral": ("tipref referral list --status pending",),
    "referral list": ("tipref referral list --case TTU-2026-0001",),
    "referral new": ("tipref referral new --case TTU-2026-0001 --service health --to rsud",),
    "referral show": ("tipref referral show TTU-R2026-0001",),
    "referral reply": ("tipref referral reply balasan/*.docx --dry-run",),
    "case police-report": ("tipref case police-report TTU-2026-0001 --out surat/",),
    "handover": ("tipref handover list --case TTU-2026-0001",),
    "handover list": ("tipref handover list --case TTU-2026-0001",),
    "handover new": (
        "tipref handover new TTU-2026-0001 --by bp3mi --to dinsos --out surat/",
        "tipref handover new TTU-2026-0001 --by dinsos --to family --family-name Ana",
    ),
    "handover acceptance": ("tipref handover acceptance TTU-H2026-0001 --out surat/",),
    "referral update": ('tipref referral update TTU-R2026-0001 --status declined --why "No bed"',),
    "report": ("tipref report --semester 2026-2 --docx laporan/",),
    "restore": ("tipref restore 3VXN4ABC --field risk",),
    "schema": ("tipref schema case",),
    "template": ("tipref template list",),
    "template check": ("tipref template check surat-rujukan",),
    "template export": ("tipref template export surat-rujukan",),
    "template list": ("tipref template list",),
    "vault": ("tipref vault status",),
    "vault add-member": ("tipref vault add-member ana.identity.json",),
    "vault identity": ("tipref vault identity",),
    "vault init": ("tipref vault init",),
    "vault remove-member": ('tipref vault remove-member "Ana" --yes',),
    "vault rotate": ("tipref vault rotate",),
    "vault seal-log": ("tipref vault seal-log 01M8KJRZ6KFJ9JR560AMVR38DD --retired",),
    "vault status": ("tipref vault status",),
}


def apply_help(command: click.Command, path: str) -> None:
    """Give ``command`` (at ``path``, e.g. "case new") and its sub-commands their summary
    and example; an example already in the command's own help is kept as it is."""
    if path in SUMMARIES and not command.short_help:
        command.short_help = SUMMARIES[path]
    help_text = inspect.cleandoc(command.help or "")
    if path in EXAMPLES and "Example" not in help_text:
        lines = "\n".join("  " + line for line in EXAMPLES[path])
        command.help = f"{help_text.rstrip()}\n\n\b\nExample:\n{lines}\n"
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            apply_help(sub, f"{path} {name}".strip())
