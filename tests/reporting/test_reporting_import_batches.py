"""Imports write in batches (issue #21): one log append per batch, and nothing lost to a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tipref.book.opening import open_book
from tipref.schemas.case import Case
from tipref.storage.diff import canonical_record
from tipref.storage.history import read_lines

HEADER = "name;sex;birth_date;village;district;exploited_country;exploitation\n"


def _rows(count: int) -> str:
    return HEADER + "".join(
        f"Orang Fiktif {i};{'LP'[i % 2]};19{70 + i % 30}-0{1 + i % 9}-1{i % 10};Maubesi;"
        f"Timor Tengah Utara;MY;ForcedLabour\n"
        for i in range(count)
    )


def _entries(book_path: Path) -> list[dict]:
    found = []
    for log in (book_path / "history").glob("*.jsonl"):
        found += [line.entry for line in read_lines(log) if line.entry]
    return found


def test_an_import_logs_every_case_and_each_rebuilds_exactly(tipref, book_path, tmp_path):
    source = tmp_path / "rows.csv"
    source.write_text(_rows(1201), encoding="utf-8")  # three batches, the last of one row
    result = tipref.json("import", str(source))
    numbers = [c["number"] for c in result["created"]]
    assert len(numbers) == 1201 and len(set(numbers)) == 1201
    assert numbers[:2] == ["TTU-2026-0001", "TTU-2026-0002"] or numbers[0].startswith("TTU-")
    creates = [
        e for e in _entries(book_path) if e.get("action") == "create" and e["kind"] == "case"
    ]
    assert len(creates) == 1201
    assert all(e["note"].startswith("import rows.csv rows ") for e in creates)
    book = open_book(book_path, "Tester")
    for case_id in [c["id"] for c in result["created"]][::100]:
        snapshot = json.loads(book.store.path("case", case_id).read_text(encoding="utf-8"))
        rebuilt = book.store.rebuild("case", case_id).state
        assert canonical_record(rebuilt) == canonical_record(snapshot)
        book.validate(Case, snapshot)
    report = tipref.json("doctor")
    assert report["problems"] == []
    # a next case takes the next number
    after = tipref.json("case", "new", "--name", "Yohana Kefi", "--sex", "female", "--age", "20")
    assert after["number"] not in numbers


def test_an_import_killed_midway_is_repaired_by_doctor_without_loss(tipref, book_path, tmp_path):
    source = tmp_path / "rows.csv"
    source.write_text(_rows(3000), encoding="utf-8")
    env = {**os.environ, "TIPREF_USER": "Importer"}
    command = [sys.executable, "-m", "tipref", "--book", str(book_path), "import", str(source)]
    importer = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cases = book_path / "cases"
    deadline = time.monotonic() + 120
    while importer.poll() is None and time.monotonic() < deadline:
        if sum(1 for _ in cases.glob("*.json")) >= 200:  # the first batch is being written
            importer.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    importer.wait()
    assert importer.returncode == -signal.SIGKILL, "the import ended before it could be killed"

    logged = {e["record_id"] for e in _entries(book_path) if e.get("kind") == "case"}
    assert logged, "the first batch's entries were written before its records"
    before = json.loads(tipref("doctor", "--json", ok=False).stdout)
    # records the log holds but the kill left unwritten; a temp file if it hit a write
    assert {p["type"] for p in before["problems"]} <= {"record-missing", "temp-file"}
    missing = {p["record_id"] for p in before["problems"] if p["type"] == "record-missing"}
    assert missing <= logged  # the log holds them
    tipref("doctor", "--fix", ok=False)
    assert tipref.json("doctor")["problems"] == []
    listed = {c["id"] for c in tipref.json("case", "list")}
    assert logged <= listed  # every case the log holds is a readable record
    # Importing the file again brings the rest, never a case twice.
    again = tipref.json("import", str(source))
    assert len(again["duplicate_rows"]) == len(listed)
    every = tipref.json("case", "list")
    assert len(every) == 3000
    assert len({c["number"] for c in every}) == 3000
    assert len({c["source"]["row_key"] for c in every}) == 3000


def test_a_bulk_write_never_overwrites_a_record_or_takes_an_id_twice(
    tipref, victim_case, book_path
):
    """The id check is one listing of the folder under the lock (#21), no stat per record:
    a record file of that id, or the same id twice in one call, refuses the whole call,
    and the book keeps every byte."""
    import pytest

    from tipref.errors import Conflict
    from tipref.storage.bulk import create_many

    book = open_book(book_path, "Tester")
    existing = book.store.read("case", victim_case["id"])
    before = {p: p.read_bytes() for p in book_path.rglob("*") if p.is_file()}
    fresh = {**existing, "id": "01JBBBBBBBBBBBBBBBBBBBBBBB", "number": "TTU-2026-0900"}
    for items in (
        [(fresh, None), (existing, None)],  # a file of that id already there
        [(fresh, None), (dict(fresh), None)],  # the same id twice
    ):
        with pytest.raises(Conflict):
            create_many(book.store, "case", items, "Tester")
        after = {p: p.read_bytes() for p in book_path.rglob("*") if p.is_file()}
        assert {p: b for p, b in after.items() if p.suffix != ".lock"} == {
            p: b for p, b in before.items() if p.suffix != ".lock"
        }
