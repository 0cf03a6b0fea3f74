"""Every test gets its own book, config and cache folders; the user's real ones are never touched.

The clock is frozen (``TIPREF_NOW``) before any record is made, so the suite passes on
any day and in any time zone; a test that is about the clock sets its own moment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tipref import clock, i18n
from tipref.cli import cli
from tipref.documents.pdf import find_soffice

# A fixed moment in the book's zone (WITA): 09:00 in Kefamenanu, 01:00 UTC.
FROZEN_NOW = "2026-11-28T09:00:00+08:00"


def _isolate(patch: pytest.MonkeyPatch, home: Path) -> None:
    """Own folders, a fixed user, no colours, no book or key from the environment, and
    the frozen clock."""
    patch.setenv("TIPREF_CONFIG_DIR", str(home / "config"))
    patch.setenv("TIPREF_CACHE_DIR", str(home / "cache"))
    patch.setenv("TIPREF_USER", "Tester")
    patch.setenv("NO_COLOR", "1")
    for name in ("TIPREF_BOOK", "TIPREF_LANG", "TIPREF_KEY", "TIPREF_PASSPHRASE"):
        patch.delenv(name, raising=False)
    patch.setenv("TIPREF_NOW", FROZEN_NOW)


@pytest.fixture(scope="session", autouse=True)
def isolated_session_env(tmp_path_factory):
    """The same for the whole session: a module-scoped fixture (a demo book built once per
    file) is made before any test's own fixtures, and must not see the real clock (CI
    runs the suite under faketime years ahead) nor the user's folders."""
    patch = pytest.MonkeyPatch()
    _isolate(patch, tmp_path_factory.mktemp("session-home"))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    _isolate(monkeypatch, home)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv(i18n.STRICT_ENV, "1")  # a message missing a parameter fails the test
    monkeypatch.setenv("LANGUAGE", i18n.DEFAULT_LANGUAGE)  # restored after set_language's
    i18n.set_language(i18n.DEFAULT_LANGUAGE)  # a previous test's language must not leak
    clock.use_zone(clock.DEFAULT_ZONE)  # the zone of the previous test's book must not leak
    return home


def need_document_tools() -> None:
    """Skip where LibreOffice or pdftotext is missing; fail instead in CI.

    ``TIPREF_REQUIRE_LIBREOFFICE=1`` (set by .ci/run) makes a missing tool a failure, so
    CI proves the documents open in a word processor while the README's test command
    still passes on a machine with only Python.
    """
    missing = [
        name
        for name, found in (
            ("LibreOffice (soffice)", find_soffice()),
            ("pdftotext (poppler-utils)", shutil.which("pdftotext")),
        )
        if not found
    ]
    if not missing:
        return
    message = f"{' and '.join(missing)} not installed: documents are not converted to PDF here"
    if os.environ.get("TIPREF_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(f"{message}, but TIPREF_REQUIRE_LIBREOFFICE=1 requires them")
    pytest.skip(message)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``libreoffice`` need a real word processor and pdftotext: checked
    before any fixture runs, so a module fixture never converts without them."""
    if item.get_closest_marker("libreoffice"):
        need_document_tools()


class Tipref:
    """Runs tipref commands against one book through CliRunner."""

    def __init__(self, book: Path) -> None:
        self.book = book
        self.runner = CliRunner()

    def __call__(self, *args: str, ok: bool = True, input: str | None = None):
        result = self.runner.invoke(
            cli, ["--book", str(self.book), *map(str, args)], input=input, catch_exceptions=False
        )
        if ok and result.exit_code != 0:
            raise AssertionError(
                f"tipref {' '.join(map(str, args))} exited {result.exit_code}:\n{result.output}\n{result.stderr}"
            )
        return result

    def json(self, *args: str):
        result = self(*args, "--json")
        return json.loads(result.stdout)


@pytest.fixture
def book_path(tmp_path) -> Path:
    return tmp_path / "book"


@pytest.fixture
def tipref(book_path) -> Tipref:
    """A fresh book with the example network for Timor Tengah Utara, in English."""
    result = CliRunner().invoke(
        cli,
        [
            "init",
            str(book_path),
            "--name",
            "UPTD PPA Kabupaten Timor Tengah Utara",
            "--code",
            "TTU",
            "--district",
            "Timor Tengah Utara",
            "--city",
            "Kefamenanu",
            "--address",
            "Jl. Sudirman No. 1, Kefamenanu",
            "--phone",
            "0388-31234",
            "--email",
            "uptdppa@ttukab.go.id",
            "--signer-name",
            "Yohana Kefi, S.Sos",
            "--signer-position",
            "Kepala UPTD PPA",
            "--signer-nip",
            "197501012000032001",
            "--book-lang",
            "en",
            "--seed-network",
        ],
    )
    assert result.exit_code == 0, result.output
    return Tipref(book_path)


@pytest.fixture
def victim_case(tipref) -> dict:
    """A case of a girl trafficked to Malaysia."""
    return tipref.json(
        "case",
        "new",
        "--name",
        "Maria Ulu",
        "--sex",
        "female",
        "--birth-date",
        "2010-03-14",
        "--nik",
        "5303025403100001",
        "--phone",
        "081234567890",
        "--village",
        "Maubesi",
        "--district",
        "Timor Tengah Utara",
        "--risk",
        "high",
        "--exploitation",
        "ForcedLabour",
        "--control",
        "DebtBondage",
        "--control",
        "WithholdsDocuments",
        "--recruitment",
        "ThroughFamilyOrFamilyEvents",
        "--exploited-at",
        "Johor Bahru",
        "--exploited-country",
        "MY",
        "--opened",
        "2026-11-01",
        "--chronology",
        "Recruited by a neighbour in 2024.",
    )


def installed_tipref() -> list[str]:
    """The installed console script (falls back to python -m tipref next to this interpreter)."""
    exe = shutil.which("tipref", path=str(Path(sys.executable).parent)) or shutil.which("tipref")
    return [exe] if exe else [sys.executable, "-m", "tipref"]


def run_installed(
    *args: str, cwd: Path, env: dict | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    import os

    full_env = {**os.environ, **(env or {})}
    result = subprocess.run(
        [*installed_tipref(), *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"tipref {' '.join(map(str, args))} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result
