"""vault identity --export/--import, and the advice to keep a copy (issue #13, item 4)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.privacy.test_privacy_vault import PASS_A


def test_init_advises_a_copy_and_an_exported_copy_opens_the_book_again(
    tipref, victim_case, monkeypatch, tmp_path
):
    """Before: nothing told a member to back up their identity; losing it in a one-member
    vault lost every encrypted field."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    init = tipref("vault", "init")
    assert "identity --export" in init.stderr
    copy = tmp_path / "usb" / "me.json"
    tipref("vault", "identity", "--export", str(copy))
    assert copy.exists()
    again = tipref("vault", "identity", "--export", str(copy), ok=False)
    assert again.exit_code == 1 and "--export" in again.stderr and "--force" in again.stderr

    config = Path(os.environ["TIPREF_CONFIG_DIR"])
    shutil.rmtree(config)  # the laptop is lost: a new one, a fresh config folder
    locked = tipref("case", "show", victim_case["number"], ok=False)
    assert locked.exit_code == 1
    tipref("vault", "identity", "--import", str(copy))
    assert tipref.json("case", "show", victim_case["number"])["persons"][0]["name"] == "Maria Ulu"


def test_import_checks_the_file_and_keeps_another_identity(tipref, monkeypatch, tmp_path):
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "identity")
    mine = tmp_path / "mine.json"
    tipref("vault", "identity", "--export", str(mine))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"member_id": "X"}))
    result = tipref("vault", "identity", "--import", str(bad), ok=False)
    assert result.exit_code == 1 and "--import" in result.stderr and "missing" in result.stderr


def test_import_refuses_a_wrong_passphrase_and_another_identity(tipref, monkeypatch, tmp_path):
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "identity")
    first = tmp_path / "first.json"
    tipref("vault", "identity", "--export", str(first))
    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(tmp_path / "other-config"))
    tipref("vault", "identity")  # another person's identity on this computer
    other = tipref("vault", "identity", "--import", str(first), ok=False)
    assert other.exit_code == 1 and "--force" in other.stderr
    monkeypatch.setenv("TIPREF_PASSPHRASE", "not-the-passphrase")
    wrong = tipref("vault", "identity", "--import", str(first), "--force", ok=False)
    assert wrong.exit_code == 1 and "Traceback" not in wrong.output
