"""Start-up stays near the import floor (issue #21): behaviour, not timing.

``import tipref.cli``, ``tipref --version`` and ``tipref --help`` must not import the heavy
libraries (Word, spreadsheets, charts, encryption, locale data, phone numbers) nor any
command module: each runs in a fresh interpreter and its ``sys.modules`` is inspected.
The figures themselves are printed by ``benchmarks/startup.py``.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys

import pytest

from tipref import __version__
from tipref.cli import cli
from tipref.commands import COMMANDS, load_command
from tipref.commands._help import SUMMARIES, apply_help
from tipref.i18n import _

HEAVY = (
    "docx",
    "docxtpl",
    "openpyxl",
    "xlsxwriter",
    "matplotlib",
    "cryptography",
    "babel",
    "phonenumbers",
    "email_validator",
    "num2words",
    "stdnum",
    "tinydb",
    "pydantic",
    "rich",
)


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_import_cli_imports_no_heavy_library():
    modules = _modules_after("import tipref.cli")
    assert _heavy(modules) == []
    assert "importlib.metadata" not in modules


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_load_no_command_module(args):
    code = (
        "from tipref.cli import cli\n"
        f"try:\n    cli({args!r}, prog_name='tipref')\nexcept SystemExit:\n    pass"
    )
    modules = _modules_after(code)
    assert _heavy(modules) == []
    commands = sorted(
        m for m in modules if m.startswith("tipref.commands.") and m.split(".")[2][0] != "_"
    )
    assert commands == []


def test_a_command_still_loads_what_it_needs():
    """The probe can see a heavy import: running a command loads its module and pydantic."""
    code = (
        "from tipref.cli import cli\n"
        "try:\n    cli(['schema', 'case'], prog_name='tipref')\nexcept SystemExit:\n    pass"
    )
    modules = _modules_after(code)
    assert "tipref.commands.schema" in modules
    assert "pydantic" in modules


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_summary_in_the_table_is_the_commands_own_help(name):
    """``tipref --help`` lists a command not loaded yet with its summary: the same line
    the loaded command shows, so every top-level command needs one."""
    command = load_command(COMMANDS[name])
    apply_help(command, name)
    own = command.get_short_help_str(10**6)
    assert not command.hidden
    assert name in SUMMARIES
    assert _(SUMMARIES[name]) == own, (  # the listing translates it the same way
        f"tipref/commands/_help.py SUMMARIES lacks or differs for {name!r}: {own!r}"
    )
    for limit in (20, 45, 84, 200):  # a short_help is never cut, whatever the width
        assert command.get_short_help_str(limit) == _(SUMMARIES[name])


def test_help_lists_every_command_without_loading_it():
    listed = cli.summaries
    assert set(COMMANDS) <= set(listed)


def test_version_written_in_the_package_is_the_installed_one():
    assert __version__ == importlib.metadata.version("tipref")
