"""doctor and 'tipref log' name what they could not read (issue #13, gap 6): records and
log lines sealed with a key this member does not hold, log lines that do not parse."""

from __future__ import annotations

import json

import pytest

from tests.privacy.test_privacy_vault import PASS_A


@pytest.fixture
def key_not_synced(tipref, victim_case, monkeypatch):
    """The records and this laptop's log arrived sealed under a new key; the key's files
    (vault/keys/K.json and my wrapped copy) have not synced yet."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    case = victim_case["number"]
    tipref("vault", "init")
    tipref("case", "update", case, "--risk", "high")
    new_key = tipref.json("vault", "rotate")["new_key"]
    tipref("case", "update", case, "--risk", "low", "--chronology", "Visited the family.")
    (tipref.book / "vault" / "keys" / f"{new_key}.json").unlink()
    (mine,) = (tipref.book / "vault" / "wrapped").iterdir()
    (mine / f"{new_key}.json").unlink()
    return case, victim_case["id"], new_key


def test_doctor_names_records_and_log_lines_it_cannot_read(tipref, key_not_synced):
    """Before: the record was called 'corrupt' and the sealed log lines were not mentioned."""
    case, case_id, new_key = key_not_synced
    result = tipref("doctor", "--json", ok=False)
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    by_type = {}
    for problem in found["problems"]:
        by_type.setdefault(problem["type"], []).append(problem)
    assert "corrupt" not in by_type  # a key not held yet is no damage
    (record,) = by_type["unreadable"]
    assert record["path"].endswith(f"{case_id}.json") and record["keys"] == [new_key]
    (lines,) = by_type["unreadable-log-lines"]
    assert lines["keys"] == [new_key] and len(lines["lines"]) >= 2
    assert found["unreadable"] == 2 and not found["healthy"]
    text = tipref("doctor", ok=False)
    assert "which you do not hold" in text.stderr and new_key in text.stderr

    partial = tipref("doctor", "--allow-partial", "--json")  # only unreadable things left
    assert partial.exit_code == 0 and json.loads(partial.stdout)["unreadable"] == 2
    said = tipref("doctor", "--allow-partial")
    assert "unreadable to you" in said.stderr and new_key in said.stderr


def test_log_counts_and_names_lines_it_cannot_read(tipref, key_not_synced):
    """Before: 'tipref log' aborted on the first sealed line, and skipped a line that does
    not parse without a word."""
    case, _, new_key = key_not_synced
    (log,) = (tipref.book / "history").glob("*.jsonl")
    with log.open("a", encoding="utf-8") as handle:
        handle.write('{"cut by a crash\n')
    result = tipref("log", case, ok=False)
    assert result.exit_code == 1 and result.stdout == ""
    assert "could not be read" in result.stderr and new_key in result.stderr
    assert "--allow-partial" in result.stderr and "Traceback" not in result.output

    shown = tipref("log", case, "--allow-partial", "--json")
    entries = json.loads(shown.stdout)
    sealed = [e for e in entries if e.get("unreadable")]
    assert sealed and all(new_key in e["unreadable"] for e in sealed)
    risk = [c for e in sealed for c in e["changes"] if c["field"] == "risk"]
    assert risk == [{"field": "risk", "old": "high", "new": "low"}]  # not secret: shown
    assert "[locked]" in json.dumps(sealed)  # the sealed text: a placeholder
    assert len([e for e in entries if not e.get("unreadable")]) >= 2  # the rest, readable
    count = len(sealed) + 1  # and the cut line
    assert f"{count} history line(s) could not be read" in shown.stderr
    human = tipref("log", case, "--allow-partial")
    assert "[locked]" in human.stdout and "risk: high → low" in human.stdout
