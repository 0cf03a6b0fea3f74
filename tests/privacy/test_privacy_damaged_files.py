"""Damaged per-user files say which file and what to do (issue #13, item 5).

Before: a damaged config.json, identity.json or one's own member file made every
command fail with "Corrupt record file … Other records still work; 'tipref doctor'
lists such files": wrong on both counts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.privacy.test_privacy_vault import PASS_A


def test_a_damaged_config_file_is_named_as_the_users_own(tipref, victim_case):
    config = Path(os.environ["TIPREF_CONFIG_DIR"]) / "config.json"
    config.write_text("{ not json", encoding="utf-8")
    result = tipref("case", "list", ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert str(config) in result.stderr and "settings file" in result.stderr
    assert "Corrupt record file" not in result.stderr and "doctor" not in result.stderr
    assert tipref("sop", "--help").exit_code == 0  # needs no config


def test_a_damaged_identity_locks_the_book_and_says_what_to_do(tipref, victim_case, monkeypatch):
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    identity = Path(os.environ["TIPREF_CONFIG_DIR"]) / "identity.json"
    identity.write_text("{", encoding="utf-8")
    listed = tipref("case", "list", "--json")  # what is not secret still reads
    assert [c["number"] for c in json.loads(listed.stdout)] == [victim_case["number"]]
    assert tipref.json("report")["totals"]["cases"] == 1
    shown = tipref("case", "show", victim_case["number"], ok=False)
    assert shown.exit_code == 1 and str(identity) in shown.stderr
    assert "identity --import" in shown.stderr and "Corrupt record file" not in shown.stderr


def test_a_damaged_own_member_file_does_not_stop_the_member(tipref, victim_case, monkeypatch):
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    (member,) = (tipref.book / "vault" / "members").glob("*.json")
    member.write_text("{", encoding="utf-8")
    # the keys wrapped for this member are files of their own: they still open
    shown = tipref.json("case", "show", victim_case["number"])
    assert shown["persons"][0]["name"] == "Maria Ulu"
    (tipref.book / "vault" / "vault.json").write_text("{", encoding="utf-8")
    assert tipref.json("case", "show", victim_case["number"])["persons"][0]["name"] == "Maria Ulu"
