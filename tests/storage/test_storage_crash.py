"""A command killed between its log entry and its record file (issue #12).

The entry is written first; a real process is killed (``os._exit``, no cleanup) right
before the record file would be written. The next command, whatever it is, must list the
record, so a person who retries the command sees what the first attempt made.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tipref.book.opening import open_book

KILLED = 137
# Runs the real command line in a child process, killed at the moment the first record
# file of KIND would be written (the log entry is on disk by then).
CHILD = textwrap.dedent("""
    import os, sys
    from tipref.storage import store as store_module

    kind = sys.argv[1]
    write = store_module.RecordStore._write

    def killed(self, record_kind, data):
        if record_kind == kind:  # the first record file of KIND this command writes
            os._exit(137)
        return write(self, record_kind, data)

    store_module.RecordStore._write = killed
    from tipref.cli import cli

    cli(sys.argv[2:], prog_name="tipref")
""")

NEW_CASE = ("case", "new", "--name", "Ina Bere", "--sex", "female", "--nik", "5303025403100002")


def run_killed(book: Path, kind: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CHILD, kind, "--book", str(book), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def creates(book: Path, kind: str) -> list[dict]:
    """The create entries in the device logs, read without opening the book."""
    lines = [
        json.loads(line)
        for log in sorted((book / "history").glob("*.jsonl"))
        for line in log.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [e for e in lines if e.get("kind") == kind and e.get("action") == "create"]


def test_a_case_logged_by_a_killed_command_is_listed_at_once(tipref, victim_case, book_path):
    killed = run_killed(book_path, "case", *NEW_CASE, "--json")
    assert killed.returncode == KILLED, killed.stderr
    assert killed.stdout == ""  # the person saw no answer: did it work?
    entry = creates(book_path, "case")[-1]
    record_file = book_path / "cases" / f"{entry['record_id']}.json"
    assert not record_file.exists()  # killed between the two writes

    listed = tipref.json("case", "list")  # the very next command
    assert sorted(c["number"] for c in listed) == ["TTU-2026-0001", "TTU-2026-0002"]
    assert record_file.exists()
    stored = json.loads(record_file.read_text(encoding="utf-8"))
    assert stored["log_entry"] == entry["id"] and stored["number"] == "TTU-2026-0002"
    assert tipref.json("doctor")["healthy"]

    # The person retries: a second case is made, but the first is named beside it (same
    # NIK), so nobody is left with two unconnected files for one person.
    retry = tipref("case", "new", *NEW_CASE[2:])
    assert "TTU-2026-0003" in retry.output
    assert "may be recorded already: case TTU-2026-0002" in retry.stderr


def test_a_referral_logged_by_a_killed_command_is_listed_at_once(tipref, victim_case, book_path):
    killed = run_killed(
        book_path,
        "referral",
        *("referral", "new", "--case", victim_case["number"], "--service", "health"),
        *("--to", "rsud"),
    )
    assert killed.returncode == KILLED, killed.stderr
    listed = tipref.json("referral", "list", "--case", victim_case["number"])
    assert [r["id"] for r in listed] == [creates(book_path, "referral")[-1]["record_id"]]
    assert tipref.json("doctor")["healthy"]


def test_a_change_logged_by_a_killed_command_is_listed_at_once(tipref, victim_case, book_path):
    """The record file is there but stale: lists that filter on the index see the change."""
    assert victim_case["risk"] == "high"
    killed = run_killed(book_path, "case", "case", "update", victim_case["number"], "--risk", "low")
    assert killed.returncode == KILLED, killed.stderr
    record_file = book_path / "cases" / f"{victim_case['id']}.json"
    assert json.loads(record_file.read_text(encoding="utf-8"))["risk"] == "high"
    assert [c["number"] for c in tipref.json("case", "list", "--risk", "low")] == [
        victim_case["number"]
    ]
    assert json.loads(record_file.read_text(encoding="utf-8"))["risk"] == "low"


@pytest.mark.parametrize("command", [("case", "list"), ("doctor",)])
def test_a_read_only_book_still_reads_a_record_it_cannot_write(
    tipref, victim_case, book_path, monkeypatch, command
):
    """The snapshot cannot be written on a read-only book: the record is still read from
    the log, nothing in the book changes, and the command works."""
    killed = run_killed(book_path, "case", *NEW_CASE)
    assert killed.returncode == KILLED, killed.stderr
    record_id = creates(book_path, "case")[-1]["record_id"]
    before = sorted(p.relative_to(book_path) for p in book_path.rglob("*") if p.is_file())

    import errno

    from tipref.storage import atomic

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.os, "replace", read_only)
    result = tipref(*command, "--json", ok=False)
    monkeypatch.undo()
    assert "Traceback" not in result.output + result.stderr
    after = sorted(p.relative_to(book_path) for p in book_path.rglob("*") if p.is_file())
    assert after == before
    book = open_book(book_path, "Tester")
    assert book.store.read("case", record_id)["number"] == "TTU-2026-0002"  # from the log
