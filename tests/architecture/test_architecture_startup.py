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

# what a read or a letter must not load (issue #21) ...
DOCUMENTS_AND_LOCALE = (
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
)
# ... and what even --version and --help must not (tinydb: an index an older tipref used)
HEAVY = (*DOCUMENTS_AND_LOCALE, "tinydb", "pydantic", "rich")


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


# -- everyday commands on a book (issue #21): what a read or a letter must not load ----------


def _modules_of_command(args: list[str]) -> set[str]:
    code = (
        "from tipref.cli import cli\n"
        f"try:\n    cli({args!r}, prog_name='tipref')\nexcept SystemExit:\n    pass"
    )
    return _modules_after(code)


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted({m.split(".")[0] for m in modules} & set(names))


@pytest.fixture
def everyday_book(tipref, victim_case, monkeypatch):
    """A book with a case and a referral that a letter can be written for."""
    from tipref.book.casebook import load_settings, save_settings

    settings = load_settings(tipref.book)
    settings.privacy.require_consent_for_referral = False
    save_settings(tipref.book, settings)
    referral = tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )
    monkeypatch.setenv("TIPREF_BOOK", str(tipref.book))
    return tipref, victim_case["number"], referral["number"]


def test_reading_commands_load_no_document_or_locale_library(everyday_book):
    _, case_number, _ = everyday_book
    for args in (["case", "show", case_number], ["referral", "list"], ["due"]):
        modules = _modules_of_command(args)
        assert f"tipref.commands.{args[0]}" in modules  # the probe ran the command
        assert _loaded(modules, DOCUMENTS_AND_LOCALE) == [], args
    shown = _modules_of_command(["case", "show", case_number])
    assert "filelock" not in shown  # a read takes no lock
    # the models a case does not need are not even defined
    assert not {"tipref.schemas.conference", "tipref.schemas.handover"} & shown


def test_a_letter_from_the_prepared_template_loads_no_word_library(everyday_book, tmp_path):
    tipref, _, referral_number = everyday_book
    first = tipref.json("letter", "new", referral_number, "--out", str(tmp_path / "a.docx"))
    assert first["path"]
    out = str(tmp_path / "b.docx")
    modules = _modules_of_command(["letter", "new", referral_number, "--out", out, "--force"])
    assert "tipref.documents.prepared" in modules and (tmp_path / "b.docx").is_file()
    assert _loaded(modules, DOCUMENTS_AND_LOCALE) == []
