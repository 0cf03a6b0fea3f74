"""One-line summaries and examples of every command, for help that reads at 80 columns.

``tipref --help`` lists each command with a summary; click cuts a long first sentence
with "...". ``SUMMARIES`` gives each command a whole sentence that fits the listing at 80
columns, and ``EXAMPLES`` the "Example:" paragraph of its ``--help`` (command lines as
typed; an explanation beside one is marked for translation). Both are applied when a
command is loaded (``commands.LazyGroup``) and translated when shown; a
test walks every ``--help`` and fails on a missing example, a cut summary or a line
over 80 columns. The examples use the grammar of docs/cli.md and run on the demo book.
"""

from __future__ import annotations

import click

from tipref.commands._translate import Command, Example
from tipref.i18n import N_

SUMMARIES: dict[str, str] = {
    "case list": N_("List cases (names are not shown; use 'case show')."),
    "case show": N_("Show a case with its persons, facts and chronology."),
    "commitment show": N_("Show a commitment document: recitals, points and signatories."),
    "consent form": N_("Write the consent form and privacy notice for a person to sign."),
    "consent list": N_("Every consent of a case's persons, in force or withdrawn."),
    "referral show": N_("Show a referral and every status change (who, when, note)."),
    "vault rotate": N_("Make a new data key and re-encrypt every record with it."),
    "case": N_("Cases of victims and witnesses."),
    "case add-person": N_("Add a witness or another victim to a case."),
    "case event": N_("Record the moments that start or stop deadlines."),
    "case need": N_("Record whether a person needs an SOP service."),
    "case new": N_("Open a case for a person."),
    "case export-subject": N_("Everything held about one person, as JSON."),
    "case plan": N_("What each person needs, has been referred to, and when."),
    "case police-report": N_("Write the letter reporting a case to the police."),
    "handover": N_("Handovers at each leg of a return home."),
    "handover acceptance": N_("Write the family's acceptance statement."),
    "handover list": N_("The handovers of a case, in order."),
    "handover new": N_("Record a leg of a return home; write its berita acara."),
    "referral reply": N_("Read filled reply slips back into their referrals."),
    "case purge": N_("Erase a person's identifying data (right to erasure)."),
    "case update": N_("Change a case or one of its persons."),
    "commitment": N_("Joint commitment documents of coordination meetings."),
    "commitment add-point": N_("Add numbered points or recitals to a commitment."),
    "commitment new": N_("Start a commitment document for a meeting."),
    "commitment render": N_("Write the commitment document as Word (and PDF)."),
    "commitment sign": N_("Add signatories, one by one or from an attendance list."),
    "config": N_("Your own settings on this machine."),
    "config set": N_("Set your name or your language on this machine."),
    "config show": N_("Show who you are, your language and this device."),
    "conference": N_("Case conferences: invitation letter, minutes, decisions."),
    "consent": N_("Consents of the persons of a case."),
    "consent add": N_("Record a consent given by a person or a guardian."),
    "consent withdraw": N_("Record that a consent was withdrawn."),
    "demo": N_("Build a fictional case book for training."),
    "doctor": N_("Find and repair conflict copies and damaged records."),
    "due": N_("What is late: referrals and the SOP's deadlines."),
    "export": N_("Export cases and referrals (or an anonymised table)."),
    "import": N_("Import cases from a spreadsheet or an HTCDS workbook."),
    "init": N_("Create a case book in a folder."),
    "letter": N_("Referral letters: write one or many, list those sent."),
    "letter list": N_("The register of letters sent (buku agenda)."),
    "letter new": N_("Write the referral letter of a referral."),
    "log": N_("Show the history of one record, or the book's latest changes."),
    "provider": N_("Providers of the referral network."),
    "provider update": N_("Change a provider's details."),
    "referral": N_("Referrals of a person to a provider for a service."),
    "report": N_("The PPT's six-monthly evaluation (PP 9/2008)."),
    "restore": N_("Set again what a log entry set, as a new change."),
    "schema": N_("Print the JSON Schema of a record kind."),
    "sop": N_("The SOP's services: steps, providers, time limits."),
    "template": N_("Word templates of the letters and documents."),
    "template check": N_("List the tags of a template that the data lacks."),
    "template export": N_("Copy a default template into the book to edit it."),
    "vault": N_("Encrypt the book's personal data; manage the team's keys."),
    "vault add-member": N_("Give a colleague access to an encrypted book."),
    "vault identity": N_("Create your personal key and print its public half."),
    "vault init": N_("Encrypt this book."),
    "vault remove-member": N_("Take a member's access away and rotate the key."),
    "vault seal-log": N_("Encrypt a lost or retired laptop's plain log lines."),
    "vault status": N_("Is the book encrypted, and who holds a key."),
}

EXAMPLES: dict[str, tuple[Example, ...]] = {
    "": (
        'tipref init ./book --name "UPTD PPA TTU" --code TTU --seed-network',
        'tipref case new --name "..." --sex female --birth-date 2008-03-14',
        "tipref referral new --case TTU-2026-0001 --service health --to rsud",
    ),
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
    "export": (
        "tipref export --format xlsx --out exports/",
        "tipref export --format csv --out cases.zip --force",
        "tipref export --anonymize --k 5 --format xlsx --out exports/",
    ),
    "import": (
        'tipref import kasus.csv --map "Nama=name" --map "JK=sex" --dry-run',
        "tipref import kasus.xlsx --sheet 2 --header-row 3",
    ),
    "init": ('tipref init ./book --name "UPTD PPA TTU" --code TTU --seed-network',),
    "letter list": (
        "tipref letter list",
        "tipref letter list --since 2026-01-01 --provider rsud --json",
        "tipref letter list --xlsx surat-keluar.xlsx",
    ),
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
    "case identify": (
        "tipref case identify TTU-2026-0001 --status ActualVictimOfTrafficking \\",
        "    --process recruitment --process sending --means deception \\",
        "    --purpose ForcedLabour --indicator documents-held \\",
        "    --decided-by uptd-ppa --date today --out formulir/",
    ),
    "case identification-form": ("tipref case identification-form TTU-2026-0001 --out formulir/",),
    "conference new": (
        "tipref conference new --case TTU-2026-0001 --date today \\",
        '    --place "Kantor UPTD PPA" --invite rsud --agenda "Rencana layanan"',
    ),
    "conference list": ("tipref conference list --case TTU-2026-0001",),
    "conference show": ("tipref conference show TTU-K2026-0001",),
    "conference invite": ("tipref conference invite TTU-K2026-0001 --out undangan/",),
    "conference minutes": (
        "tipref conference minutes TTU-K2026-0001 --attendance hadir.csv \\",
        '    --discussion "Kondisi korban stabil" --refer health:rsud \\',
        "    --need legal",
    ),
    "consent form": ("tipref consent form TTU-2026-0001 --lang id --bilingual --out formulir/",),
    "demo": (
        ("tipref demo", N_("build ./tipref-demo")),
        ("tipref demo --tour", N_("build it and walk through the SOP")),
        ("tipref demo --cases 10000 big", N_("a large synthetic book")),
    ),
    "letter": (
        "tipref letter TTU-R2026-0001",
        "tipref letter TTU-R2026-0001 --date 2026-09-15 --lang en --pdf",
        "tipref letter --status pending --service health --out-dir letters/",
        "tipref letter list --since 2026-01-01 --xlsx surat-keluar.xlsx",
    ),
    "letter new": (
        "tipref letter TTU-R2026-0001",
        "tipref letter TTU-R2026-0001 --date 2026-09-15 --lang en --pdf",
        "tipref letter --status pending --service health --out-dir letters/",
    ),
    "log": (
        "tipref log TTU-2026-0001",
        "tipref log --since today-7 --limit 50",
    ),
    "provider new": (
        'tipref provider new --name "RSUD Kefamenanu" --type hospital \\',
        "  --service health",
    ),
    "sop": ("tipref sop --service health",),
}


def apply_help(command: click.Command, path: str) -> None:
    """Give ``command`` (at ``path``, e.g. "case new") and its sub-commands their summary
    and examples. Both stay English here; :mod:`tipref.commands._translate` translates
    them when a page is shown."""
    if path in SUMMARIES and not command.short_help:
        command.short_help = SUMMARIES[path]
    if path in EXAMPLES and isinstance(command, Command):
        command.examples = EXAMPLES[path]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            apply_help(sub, f"{path} {name}".strip())
