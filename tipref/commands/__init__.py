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

from tipref.commands._translate import Group
from tipref.i18n import _

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
    "handover": "tipref.commands.handover:handover_group",
    "report": "tipref.commands.report:report_command",
    "restore": "tipref.commands.log:restore_command",
    "schema": "tipref.commands.schema:schema_command",
    "sop": "tipref.commands.sop:sop_command",
    "template": "tipref.commands.template:template_group",
    "vault": "tipref.commands.vault:vault_group",
}


class LazyGroup(Group):
    """A click group whose sub-commands are imported on first use (click's documented
    lazy-loading pattern): ``lazy_commands`` maps a name to ``"module:attribute"``.
    Used for the top level and for groups with a command that must start fast."""

    def __init__(
        self,
        *args: Any,
        lazy_commands: dict[str, str] | None = None,
        summaries: dict[str, str] | None = None,
        help_path: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})
        self.summaries = dict(summaries or {})
        self.help_path = help_path  # "case" for the verbs of `tipref case`: "case show"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            from tipref.commands._help import apply_help

            command = load_command(self.lazy_commands[cmd_name])
            apply_help(command, f"{self.help_path} {cmd_name}".strip())
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands in ``--help``. A command not loaded yet is listed with its
        line from ``summaries`` without importing it: that line is the command's
        ``short_help`` once loaded (``commands._help.apply_help``), which click shows
        uncut, so the listing is the same either way."""
        rows: list[tuple[str, str]] = []
        limit = formatter.width - 6 - max((len(n) for n in self.list_commands(ctx)), default=0)
        for name in self.list_commands(ctx):
            if name not in self.commands and name in self.summaries:
                rows.append((name, _(self.summaries[name])))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


def load_command(target: str) -> click.Command:
    """The click command named by ``"module:attribute"``."""
    module_name, attribute = target.split(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{target} is not a click command")
    return command
