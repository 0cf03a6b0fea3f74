"""Real processes writing one book at once, and writers killed mid-write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tipref.book.casebook import Book
from tipref.book.opening import open_book
from tipref.schemas import Referral
from tipref.schemas.case import Case
from tipref.storage.store import is_record_file

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tipref.book.opening import open_book
    from tipref.book.cases import update_case
    from tipref.book.referrals import new_referral
    from tipref.schemas.enums import Direction, Service

    book = open_book(Path(sys.argv[1]), sys.argv[2])
    job, count = sys.argv[3], int(sys.argv[4])
    print("ready", flush=True)
    for i in range(count):
        if job == "referrals":
            new_referral(book, "TTU-2026-0001", Service.health, "rsud", direction=Direction.incoming)
        elif job == "chronology":
            update_case(book, "TTU-2026-0001", {}, chronology=f"{sys.argv[2]} note {i}")
        elif job == "risk":
            update_case(book, "TTU-2026-0001", {"risk": ["low", "medium", "high"][i % 3]})
        elif job == "mixed":
            update_case(book, "TTU-2026-0001", {}, chronology=f"kill test {i} " + "x" * 2000)
            new_referral(book, "TTU-2026-0001", Service.legal, "polres", direction=Direction.incoming)
""")


def start(book: Path, actor: str, job: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(book), actor, job, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> None:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err


def open_as_tester(path: Path) -> Book:
    return open_book(path, "Tester")


def test_two_processes_adding_100_referrals_each_lose_nothing(tipref, victim_case, book_path):
    writers = [start(book_path, name, "referrals", 100) for name in ("Ana", "Budi")]
    for writer in writers:
        finish(writer)
    book = open_as_tester(book_path)
    broken: list = []
    referrals = book.all(Referral, broken)
    assert broken == []
    assert len(referrals) == 200
    assert len({r.number for r in referrals}) == 200  # no number handed out twice
    assert {r.created_by for r in referrals} == {"Ana", "Budi"}
    creates = [
        e
        for e in book.store.history.entries()
        if e["kind"] == "referral" and e["action"] == "create"
    ]
    assert len(creates) == 200
    listed = tipref.json("referral", "list", "--case", "TTU-2026-0001")
    assert len(listed) == 200


def test_two_processes_changing_one_case_both_land(tipref, victim_case, book_path):
    writers = [start(book_path, "Ana", "chronology", 30), start(book_path, "Budi", "risk", 31)]
    for writer in writers:
        finish(writer)
    case = open_as_tester(book_path).get(Case, "TTU-2026-0001")
    assert isinstance(case, Case)
    texts = [entry.text for entry in case.chronology]
    assert sum(t.startswith("Ana note") for t in texts) == 30  # every append survived
    assert (
        case.risk is not None and case.risk.value == "low"
    )  # the last of Budi's 31 changes (30 % 3 == 0)
    assert case.revision == 1 + 30 + 31  # no write was lost or overwritten


def _all_readable(book_path: Path) -> int:
    book = open_as_tester(book_path)
    count = 0
    for kind in ("case", "referral"):
        broken: list = []
        count += len(book.all(kind, broken))
        assert broken == [], broken
    return count


def test_writer_killed_at_random_moments_never_leaves_a_broken_record(
    tipref, victim_case, book_path
):
    rng = random.Random(4)
    for _ in range(30):
        writer = start(book_path, "Killed", "mixed", 1000)
        assert writer.stdout is not None
        writer.stdout.readline()  # started and the book opened, however busy the machine
        time.sleep(rng.uniform(0.0, 0.35))  # then it writes: killed somewhere in a write
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        _all_readable(book_path)
    # Every record file parses and validates; writes happened between the kills.
    assert len(open_as_tester(book_path).all(Referral)) > 0
    # Temp files (real leftovers, plus one planted) are ignored by readers...
    planted = book_path / "cases" / f".{victim_case['id']}.json.dead1234.tmp"
    planted.write_text('{"half": ', encoding="utf-8")
    book = open_as_tester(book_path)
    assert all(is_record_file(f"{i}.json") for i in book.store.ids("case"))
    assert len(book.all(Case)) == 1
    # ...and cleaned by doctor once they are old enough not to belong to a live writer.
    old = time.time() - 3600
    temps = [
        p
        for folder in ("cases", "referrals", "counters", "history")
        for p in (book_path / folder).glob(".*.tmp")
    ]
    assert planted in temps
    for path in temps:
        os.utime(path, (old, old))
    report = tipref.json("doctor", "--fix")
    cleaned = {p["path"] for p in report["problems"] if p["type"] == "temp-file" and p["fixed"]}
    assert str(planted) in cleaned
    assert not list((book_path / "cases").glob(".*.tmp"))
