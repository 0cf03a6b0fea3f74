"""doctor's other checks, the local index, the log command and the synthetic book."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime, timedelta

from tipref import paths
from tipref.book.cases import update_case
from tipref.book.opening import open_book
from tipref.guidance.synthetic import build_book
from tipref.schemas import Case, Provider, Referral
from tipref.storage.index import RecordIndex


def test_corrupt_unexpected_duplicate_and_missing_reference(tipref, victim_case, book_path):
    referral = tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--from", "rsud"
    )
    other = tipref.json("case", "new", "--name", "Yosef Taek", "--sex", "male")
    # An offline machine gave out the same number; a file was cut; a stray file; a lost provider.
    path = book_path / "cases" / f"{other['id']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["number"] = victim_case["number"]
    path.write_text(json.dumps(data), encoding="utf-8")
    broken = book_path / "cases" / "01ARZ3NDEKTSV4RRFFQ69G5FAV.json"
    broken.write_text('{"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "numb', encoding="utf-8")
    (book_path / "cases" / "notes.txt").write_text("hello", encoding="utf-8")
    rpath = book_path / "referrals" / f"{referral['id']}.json"
    rdata = json.loads(rpath.read_text(encoding="utf-8"))
    rdata["provider_id"] = "01ARZ3NDEKTSV4RRFFQ69G5FAA"
    rpath.write_text(json.dumps(rdata), encoding="utf-8")

    result = tipref("doctor", "--json", ok=False)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    by_type = {p["type"]: p for p in report["problems"]}
    assert set(by_type) == {"corrupt", "unexpected-file", "duplicate-number", "missing-reference"}
    assert by_type["corrupt"]["path"] == str(broken)
    assert by_type["duplicate-number"]["ids"] == [victim_case["id"], other["id"]]
    assert by_type["missing-reference"]["field"] == "provider_id"
    assert "--renumber" in by_type["duplicate-number"]["message"]

    report = json.loads(tipref("doctor", "--renumber", "--json", ok=False).stdout)
    renamed = [p for p in report["problems"] if p["type"] == "duplicate-number"][0]["renumbered"]
    assert renamed == [{"id": other["id"], "old": victim_case["number"], "new": "TTU-2026-0003"}]
    assert tipref.json("case", "show", "TTU-2026-0003")["id"] == other["id"]
    assert tipref.json("case", "show", victim_case["number"])["id"] == victim_case["id"]


def test_index_follows_the_files_and_is_rebuilt_when_damaged(tipref, victim_case, book_path):
    book = open_book(book_path, "Tester")
    assert book.resolve_id(Case, victim_case["number"].lower()) == victim_case["id"]
    # Changed behind the index's back (another machine, a sync): the files are the truth.
    update_case(open_book(book_path, "Other"), victim_case["number"], {"status": "follow-up"})
    assert [c.id for c in book.all(Case, where={"status": "follow-up"})] == [victim_case["id"]]
    path = book_path / "cases" / f"{victim_case['id']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["number"] = "TTU-2026-0099"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert book.resolve_id(Case, "TTU-2026-0099") == victim_case["id"]
    assert tipref("case", "show", victim_case["number"], ok=False).exit_code == 1
    index_folder = paths.cache_dir() / "index"
    files = list(index_folder.rglob("case.v*.json"))
    assert files, "the index lives in the cache folder"
    for file in files:
        file.write_text("{not json", encoding="utf-8")
    fresh = RecordIndex(open_book(book_path, "Tester").store)
    assert fresh.find("case", "TTU-2026-0099") == [victim_case["id"]]
    shutil.rmtree(index_folder)
    assert tipref.json("case", "show", "TTU-2026-0099")["id"] == victim_case["id"]


def test_log_shows_who_changed_what(tipref, victim_case):
    tipref("case", "update", victim_case["number"], "--risk", "low")
    entries = tipref.json("log", victim_case["number"])
    assert [e["action"] for e in entries] == ["create", "update"]
    assert entries[1]["by"] == "Tester"
    assert {"field": "risk", "old": "high", "new": "low"} in entries[1]["changes"]
    recent = tipref.json("log", "--limit", "1")
    assert len(recent) == 1 and recent[0]["action"] == "update"
    text = tipref("log", victim_case["number"]).stdout
    assert "risk" in text and "low" in text
    assert tipref("log", "TTU-2026-9999", ok=False).exit_code == 1


def test_synthetic_book_is_realistic_and_valid(tmp_path):
    root = tmp_path / "big"
    build_book(root, 40, seed=3)
    book = open_book(root, "Tester")
    broken: list = []
    cases = book.all(Case, broken)
    referrals = book.all(Referral, broken)
    assert broken == [] and len(cases) == 40 and 40 <= len(referrals) <= 120
    ages = [c.persons[0].age(c.opened_on) for c in cases]
    assert (
        min(ages) >= 8
        and max(ages) <= 60
        and any(a < 18 for a in ages)
        and any(a >= 18 for a in ages)
    )
    assert {p.address.region_code for c in cases for p in c.persons} <= {
        "53.03",
        "53.02",
        "53.04",
        "53.21",
        "53.71",
    }
    assert all(date(2025, 1, 1) <= r.referred_on for r in referrals)
    assert len({r.status for r in referrals}) >= 3
    assert len({c.number for c in cases}) == 40
    creates = [e for e in book.store.history.entries() if e["action"] == "create"]
    assert len(creates) == 40 + len(referrals) + len(book.all(Provider))
    # numbers continue after the synthetic ones
    from tipref.book.cases import open_case

    new = open_case(book, {"name": "Ana Seran"}, {})
    assert new.number not in {c.number for c in cases}


def test_the_clock_check_follows_a_file_that_changed_after_it_was_indexed(
    tipref, victim_case, book_path
):
    """doctor's clock check reads each file's latest date from the local index: a file that a
    sync service replaces afterwards is read again, never judged by its old version."""
    assert tipref.json("doctor")["problems"] == []  # the index has seen every file now
    path = book_path / "cases" / f"{victim_case['id']}.json"
    original = path.read_text(encoding="utf-8")
    data = json.loads(original)
    ahead = (datetime.fromisoformat(os.environ["TIPREF_NOW"]) + timedelta(days=27)).date()
    data["opened_on"] = ahead.isoformat()  # written on a laptop whose clock ran weeks ahead
    path.write_text(json.dumps(data), encoding="utf-8")
    warned = [p for p in tipref.json("doctor")["problems"] if p["type"] == "clock"]
    assert [(p["field"], p["value"]) for p in warned] == [("opened_on", ahead.isoformat())]
    path.write_text(original, encoding="utf-8")  # the clock mended, the file synced again
    assert tipref.json("doctor")["problems"] == []
