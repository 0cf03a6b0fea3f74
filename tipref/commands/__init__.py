"""Every command of tipref, registered here and only here.

``COMMANDS`` maps a top-level command name to ``"module:attribute"``; the module is
imported when the command runs (or when ``--help`` lists it), so ``tipref due`` does
not import the code of ``tipref export``. A group owns all its verbs: ``case`` adds
``case plan`` and ``case purge`` itself (see :mod:`tipref.commands.case`).

Adding a command: write ``tipref/commands/NAME.py`` with a click command or group, add
one line to ``COMMANDS``, then regenerate ``docs/cli.md`` (``python -m tipref.clidoc``).
Heavy libraries (docx, matplotlib, openpyxl, cryptography) are imported inside the
commands that use them, so ``tipref --help`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

COMMANDS: dict[str, str] = {
    "case": "tipref.commands.case:case_group",
    "commitment": "tipref.commands.commitment:commitment_group",
    "conference": "tipref.commands.conference:conference_group",
    "config": "tipref.commands.config:config_group",
    "consent": "tipref.commands.consent:consent_group",
    "demo": "tipref.commands.demo:demo_command",
    "doctor": "tipref.commands.doctor:doctor_command",
    "due": "tipref.commands.due:due_command",
    "export": "tipref.commands.export:export_command",
    "import": "tipref.commands.importer:import_command",
    "init": "tipref.commands.init:init_command",
    "letter": "tipref.commands.letter:letter_group",
    "log": "tipref.commands.log:log_command",
    "provider": "tipref.commands.provider:provider_group",
    "referral": "tipref.commands.referral:referral_group",
    "report": "tipref.commands.report:report_command",
    "restore": "tipref.commands.log:restore_command",
    "schema": "tipref.commands.schema:schema_command",
    "sop": "tipref.commands.sop:sop_command",
    "template": "tipref.commands.template:template_group",
    "vault": "tipref.commands.vault:vault_group",
}

# The one-line help of each command, as ``tipref --help`` lists it, so that listing the
# commands does not import every command module (issue #21). Kept equal to the commands'
# own help by tests/architecture/test_architecture_startup.py, which prints the new line
# when a help text changes.
SUMMARIES: dict[str, str] = {
    "case": "Cases of victims and witnesses: open, change, close, list.",
    "commitment": (
        "Joint commitment documents (dokumen komitmen bersama): new, list, show, add-"
        "point, sign, render."
    ),
    "conference": "Case conferences: invitation letter, minutes, decisions.",
    "config": "Your own settings on this machine: your name (recorded on changes) and language.",
    "consent": (
        "Consent of the persons of a case: to receive services, to share identity, to be counted."
    ),
    "demo": (
        "Build a fictional case book for Timor Tengah Utara, for training (default PATH: "
        "./tipref-demo)."
    ),
    "doctor": (
        "Check a shared book against its device logs: records a sync service overwrote, "
        "deleted or changed on two computers, conflict copies, broken logs, corrupt "
        "records, duplicate numbers, missing references, leftover temp files; mend them "
        "with --fix."
    ),
    "due": "What is late: referrals waiting past their service's response time, and deadlines.",
    "export": (
        "Export cases, persons and referrals (or, with --anonymize, an anonymised victims table)."
    ),
    "import": "Import cases from FILE (.csv, .xlsx, or an HTCDS toolkit workbook).",
    "init": "Create a case book in the folder PATH, for example on a shared drive.",
    "letter": "Referral letters (surat rujukan): write one or many, list those sent.",
    "log": "Show the history of one record (REF: id or display number), or the latest changes.",
    "provider": "Providers of the referral network (UPTD PPA, RSUD, Polres, LBH, KBRI, ...).",
    "referral": "Referrals between providers: new, list, show, update (status).",
    "report": "The PPT's six-monthly evaluation (PP 9/2008): victims, referrals, response times.",
    "restore": (
        "Set again the values log entry ENTRY set (e.g. a value a sync clash decided "
        "away), as a new change in the log."
    ),
    "schema": "Print the JSON Schema of record NAME (case, referral, provider, settings, ...).",
    "sop": "The SOP's services: steps, typical providers, documents and time limits.",
    "template": (
        "Word templates: list, export a default into the book to edit, check a template's tags."
    ),
    "vault": "Encrypt the case book's personal data; add and remove team members' keys.",
}


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use (click's documented
    lazy-loading pattern): ``lazy_commands`` maps a name to ``"module:attribute"``."""

    def __init__(
        self,
        *args: Any,
        lazy_commands: dict[str, str] | None = None,
        summaries: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})
        self.summaries = dict(summaries or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            self.add_command(load_command(self.lazy_commands[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands in ``--help``: a command not loaded yet is listed with its
        summary from ``summaries``, shortened as click shortens a loaded command's help."""
        rows: list[tuple[str, str | None]] = []
        for name in self.list_commands(ctx):
            if name not in self.commands and name in self.summaries:
                rows.append((name, None))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(10**6)))
        if not rows:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in rows)
        listed = [
            (name, _shorten(self.summaries[name] if text is None else text, limit))
            for name, text in rows
        ]
        with formatter.section("Commands"):
            formatter.write_dl(listed)


def _shorten(text: str, limit: int) -> str:
    from click.core import _make_default_short_help

    return _make_default_short_help(text, limit)


def load_command(target: str) -> click.Command:
    """The click command named by ``"module:attribute"``."""
    module_name, attribute = target.split(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{target} is not a click command")
    return command
