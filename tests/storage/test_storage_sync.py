"""Two replicas of one book edited apart, brought together as a sync service would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tipref.book.casebook import Book
from tipref.book.cases import update_case
from tipref.book.opening import open_book
from tipref.errors import Conflict
from tipref.schemas import Case
from tipref.sync.doctor import conflict_original, diagnose

COPY_NAMES = {
    "syncthing": "{id}.sync-conflict-20260101-101010-ABCDEFG.json",
    "nextcloud": "{id} (conflicted copy 2026-01-01 101010).json",
    "dropbox": "{id} (Someone's conflicted copy 2026-01-01).json",
    "onedrive": "{id}-LAPTOP-ANA.json",
}


class Replica:
    """A copy of the book as another machine has it: its own config, so its own device log."""

    def __init__(self, root: Path, config: Path, monkeypatch) -> None:
        self.root, self.config, self.monkeypatch = root, config, monkeypatch

    def book(self) -> Book:
        self.monkeypatch.setenv("TIPREF_CONFIG_DIR", str(self.config))
        return open_book(self.root, f"staff-{self.config.name}")


@pytest.fixture(autouse=True)
def ticking_clock(monkeypatch):
    """The frozen clock, one second later at every reading: edits on two replicas have an
    order, as they would on real laptops, on whatever day the suite runs."""
    from datetime import datetime, timedelta

    from tipref import clock

    start = clock.now()
    ticks = iter(range(1, 1_000_000))
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(seconds=next(ticks)))
    return datetime


@pytest.fixture
def replicas(tipref, victim_case, book_path, tmp_path, monkeypatch):
    home = Path(str(__import__("os").environ["TIPREF_CONFIG_DIR"]))
    other = tmp_path / "laptop"
    shutil.copytree(book_path, other, ignore=shutil.ignore_patterns(".locks"))
    return (
        Replica(book_path, home, monkeypatch),
        Replica(other, tmp_path / "laptop-config", monkeypatch),
        victim_case,
    )


def sync_into(source: Replica, target: Replica, record: str, copy_name: str) -> Path:
    """What a sync service does: new files arrive as they are; a record changed on both
    sides arrives as a conflict copy next to the target's own version."""
    for log in (source.root / "history").glob("*.jsonl"):
        if not (target.root / "history" / log.name).exists():
            shutil.copy2(log, target.root / "history" / log.name)
    copy = target.root / "cases" / copy_name.format(id=record)
    shutil.copy2(source.root / "cases" / f"{record}.json", copy)
    return copy


@pytest.mark.parametrize("service", sorted(COPY_NAMES))
def test_conflict_copy_of_each_service_is_found_and_merged(replicas, service):
    office, laptop, case = replicas
    update_case(office.book(), case["number"], {"risk": "low"})
    update_case(laptop.book(), case["number"], {"status": "follow-up"}, chronology="Seen at home.")
    copy = sync_into(laptop, office, case["id"], COPY_NAMES[service])
    assert conflict_original(copy.name) == f"{case['id']}.json"
    book = office.book()
    dry = diagnose(book)
    # The laptop's log arrived with the copy: the logs show the fork, the copy adds nothing.
    assert [p.type for p in dry] == ["fork", "conflict-copy"] and not dry[0].fixed
    assert dry[1].data["merge"] == "logs"
    assert copy.exists()  # a dry run changes nothing
    done = diagnose(book, fix=True)
    assert done[0].fixed and done[0].data["clashes"] == [] and done[1].fixed
    merged = book.get(Case, case["number"])
    assert merged.risk.value == "low" and merged.status.value == "follow-up"
    assert merged.chronology[-1].text == "Seen at home."
    assert not copy.exists()
    entry = list(book.store.history.entries(case["id"]))[-1]
    assert entry["action"] == "conflict-merge" and len(entry["parents"]) == 2
    assert diagnose(book) == []


def test_same_field_changed_on_both_replicas_is_decided_by_keep(replicas, tipref):
    office, laptop, case = replicas
    update_case(office.book(), case["number"], {"risk": "low"})
    update_case(laptop.book(), case["number"], {"risk": "medium"}, chronology="Laptop note.")
    copy = sync_into(laptop, office, case["id"], COPY_NAMES["syncthing"])
    office.book()
    result = tipref("doctor", "--json", ok=False)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    clash = report["problems"][0]["clashes"]
    assert clash == [{"field": "risk", "mine": "low", "theirs": "medium"}]
    assert copy.exists()
    report = tipref.json("doctor", "--keep", "theirs")
    assert report["healthy"] is True
    merged = office.book().get(Case, case["number"])
    assert merged.risk.value == "medium"
    assert merged.chronology[-1].text == "Laptop note."  # the other edit merged too
    entry = list(office.book().store.history.entries(case["id"]))[-1]
    lost = entry["decided"][0]["lost_entry"]  # the loser is kept in the history
    assert any(
        c["new"] == "low"
        for e in office.book().store.history.entries(case["id"])
        if e["id"] == lost
        for c in e["changes"]
    )
    log = tipref.json("log", case["number"])
    assert log[-1]["action"] == "conflict-merge"


def test_newest_wins_without_history_two_way(replicas, tipref):
    office, laptop, case = replicas
    update_case(office.book(), case["number"], {"risk": "low"})
    update_case(laptop.book(), case["number"], {"risk": "medium"})
    # No history log travels: the merge is two-way and the clash rule applies.
    copy = office.root / "cases" / COPY_NAMES["dropbox"].format(id=case["id"])
    shutil.copy2(laptop.root / "cases" / f"{case['id']}.json", copy)
    report = tipref.json("doctor", "--keep", "newest")
    problem = report["problems"][0]
    assert problem["merge"] == "two-way" and problem["fixed"] and problem["kept"] == "theirs"
    assert office.book().get(Case, case["number"]).risk.value == "medium"


def test_stale_edit_merges_other_fields_and_refuses_same_field(tipref, victim_case, book_path):
    book = open_book(book_path, "Ana")
    base = book.store.read("case", victim_case["id"])
    update_case(book, victim_case["number"], {"risk": "low"})  # someone else saves first
    mine = json.loads(json.dumps(base))
    mine["status"] = "follow-up"
    saved = book.store.save("case", mine, base, "Ana")
    assert saved["risk"] == "low" and saved["status"] == "follow-up"
    clash = json.loads(json.dumps(base))
    clash["risk"] = "medium"
    with pytest.raises(Conflict) as error:
        book.store.save("case", clash, base, "Ana")
    assert 'risk: mine="medium" theirs="low"' in str(error.value)
    assert book.store.read("case", victim_case["id"])["risk"] == "low"


def test_counter_and_history_conflict_copies_are_merged(tipref, victim_case, book_path):
    counters = book_path / "counters"
    year = victim_case["number"].split("-")[1]
    [own] = counters.rglob(f"case-{year}.json")  # counters/<this device>/case-<year>.json
    (own.parent / f"case-{year} (conflicted copy 2026-01-01 101010).json").write_text(
        '{"value": 7}\n'
    )
    logs = sorted((book_path / "history").glob("*.jsonl"))
    lines = logs[0].read_text(encoding="utf-8").splitlines()
    extra = json.dumps(
        {
            "at": "2026-01-01T00:00:00Z",
            "by": "X",
            "kind": "case",
            "record_id": victim_case["id"],
            "action": "note",
            "revision": 1,
            "changes": [],
        },
        sort_keys=True,
    )
    copy = logs[0].with_name(logs[0].stem + ".sync-conflict-20260101-101010-ABCDEFG.jsonl")
    copy.write_text("\n".join(lines + [extra]) + "\n", encoding="utf-8")
    report = tipref.json("doctor", "--fix")
    types = sorted(p["type"] for p in report["problems"])
    assert types == ["counter-copy", "history-copy"] and report["healthy"]
    assert json.loads(own.read_text())["value"] == 7
    merged = logs[0].read_text(encoding="utf-8").splitlines()
    assert merged.count(extra) == 1 and len(merged) == len(lines) + 1  # de-duplicated
    assert not copy.exists()
    assert (
        tipref.json("case", "new", "--name", "Ina", "--sex", "female")["number"]
        == f"TTU-{year}-0008"
    )
