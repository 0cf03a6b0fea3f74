"""Each way a sync service or a crash lost an edit or reused a number (issue #12), replayed.

Two laptops are two copies of one book with their own config folders, so their own
device ids and logs; "syncing" copies files between them the way a service would.
"""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pytest

from tipref.book.casebook import Book
from tipref.book.cases import update_case
from tipref.book.opening import open_book
from tipref.book.referrals import change_status
from tipref.errors import Ambiguous, DiskFull, Forked, NotAFolder
from tipref.schemas.case import Case
from tipref.schemas.enums import ReferralStatus
from tipref.schemas.referral import Referral
from tipref.storage import store as store_module
from tipref.storage.format import BOOK_FORMAT
from tipref.sync.doctor import diagnose
from tipref.sync.restore import restore_entry


class Laptop:
    def __init__(self, root: Path, config: Path, monkeypatch) -> None:
        self.root, self.config, self.monkeypatch = root, config, monkeypatch

    def book(self) -> Book:
        self.monkeypatch.setenv("TIPREF_CONFIG_DIR", str(self.config))
        self.monkeypatch.setenv("TIPREF_CACHE_DIR", str(self.config) + "-cache")
        return open_book(self.root, f"staff-{self.config.name}")

    def overwrite_from(self, other: Laptop) -> None:
        """Last writer wins: each file ``other`` changed later replaces this laptop's version."""
        for path in other.root.rglob("*"):
            if ".locks" in path.parts or not path.is_file():
                continue
            target = self.root / path.relative_to(other.root)
            if target.exists() and target.stat().st_mtime_ns >= path.stat().st_mtime_ns:
                continue  # only files changed later travel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


@pytest.fixture
def laptops(tipref, victim_case, book_path, tmp_path, monkeypatch):
    office = Laptop(book_path, Path(__import__("os").environ["TIPREF_CONFIG_DIR"]), monkeypatch)
    office.book()  # this laptop's cache folder from now on
    other = tmp_path / "laptop"
    shutil.copytree(book_path, other, ignore=shutil.ignore_patterns(".locks"))
    return office, Laptop(other, tmp_path / "laptop-config", monkeypatch), victim_case


def logs(book: Book) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in book.store.history.files())


def test_plain_overwrite_loses_no_edit(laptops):
    office, laptop, case = laptops
    update_case(office.book(), case["number"], {"risk": "low"})
    update_case(laptop.book(), case["number"], {"status": "follow-up"}, chronology="Home visit.")
    office.overwrite_from(laptop)  # the laptop's case file replaces the office's
    book = office.book()
    seen = book.get(Case, case["number"])  # the cheap check on read sees the fork
    assert seen.risk.value == "low" and seen.status.value == "follow-up"
    assert seen.chronology[-1].text == "Home visit."
    problems = diagnose(book)
    assert [p.type for p in problems] == ["fork"] and not problems[0].fixed
    assert all(p.fixed for p in diagnose(book, fix=True))
    assert diagnose(book) == []
    stored = json.loads((office.root / "cases" / f"{case['id']}.json").read_text())
    assert stored["risk"] == "low" and stored["status"] == "follow-up"


def test_chronology_on_one_laptop_and_risk_on_the_other_are_both_kept(laptops):
    office, laptop, case = laptops
    update_case(office.book(), case["number"], {}, chronology="Office note.")
    update_case(laptop.book(), case["number"], {"risk": "medium"})
    office.overwrite_from(laptop)
    book = office.book()
    diagnose(book, keep="newest")
    merged = book.get(Case, case["number"])
    assert merged.risk.value == "medium"
    assert "Office note." in [c.text for c in merged.chronology]


def test_referral_lifecycle_clash_is_shown_and_the_loser_restorable(laptops, tipref):
    office, laptop, case = laptops
    referral = tipref.json(
        "referral", "new", "--case", case["number"], "--service", "health", "--to", "rsud"
    )
    shutil.copytree(
        office.root, laptop.root, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".locks")
    )
    change_status(office.book(), referral["number"], ReferralStatus.accepted)
    change_status(laptop.book(), referral["number"], ReferralStatus.declined, reason="Full")
    office.overwrite_from(laptop)
    book = office.book()
    with pytest.raises(Forked):  # no silent choice when writing on a clashed record
        change_status(book, referral["number"], None, note="x")
    [problem] = [p for p in diagnose(book) if p.type == "fork"]
    assert problem.data["clashes"][0]["field"] == "status"
    [problem] = [p for p in diagnose(book, keep="mine") if p.type == "fork"]
    kept = book.get(Referral, referral["number"])
    assert kept.status.value == "accepted"
    assert [t.status.value for t in kept.transitions] == [
        "pending",
        "accepted",
    ]  # a valid lifecycle
    lost = problem.data["decided"][0]["lost_entry"]
    restored = restore_entry(book, lost, field="status")
    assert restored["status"] == "declined"
    assert diagnose(book) == []


@pytest.mark.parametrize("damage", ["truncate", "empty", "older", "delete"])
def test_a_damaged_counter_never_reissues_a_number(tipref, victim_case, book_path, damage):
    second = tipref.json("case", "new", "--name", "Yohana Sila", "--sex", "female")
    for counter in (book_path / "counters").rglob("case-*.json"):
        if damage == "truncate":
            counter.write_text('{"val')
        elif damage == "empty":
            counter.write_text("")
        elif damage == "older":
            counter.write_text('{"value": 1}')
        else:
            counter.unlink()
    third = tipref.json("case", "new", "--name", "Ina Bere", "--sex", "female")
    assert third["number"] not in (victim_case["number"], second["number"])
    assert third["number"] > second["number"]


def test_a_counter_lost_with_the_cache_still_counts_from_the_records(
    tipref, victim_case, book_path, monkeypatch, tmp_path
):
    shutil.rmtree(book_path / "counters")
    monkeypatch.setenv("TIPREF_CACHE_DIR", str(tmp_path / "fresh-cache"))  # a new laptop
    case = tipref.json("case", "new", "--name", "Ina Bere", "--sex", "female")
    assert case["number"] != victim_case["number"]


def test_a_torn_last_line_does_not_swallow_the_next_entry(tipref, victim_case, book_path):
    book = open_book(book_path, "Ana")
    with open(book.store.history.path, "a", encoding="utf-8") as handle:
        handle.write('{"cut": "by a crash')  # no newline
    update_case(book, victim_case["number"], {"risk": "low"})
    last = list(book.store.history.entries(victim_case["id"]))[-1]
    assert last["changes"][0]["field"] == "risk"
    problems = diagnose(book)
    assert [p.type for p in problems] == ["log-broken-line"] and not problems[0].fixed
    # --fix sets this device's own torn line aside (kept beside the log); the chain holds.
    entries_before = list(book.store.history.entries(victim_case["id"]))
    fixed = diagnose(book, fix=True)
    assert [(p.type, p.fixed) for p in fixed] == [("log-broken-line", True)]
    aside = book.store.history.path.with_name(book.store.history.path.name + ".torn")
    assert '{"cut": "by a crash' in aside.read_text(encoding="utf-8")
    assert list(book.store.history.entries(victim_case["id"])) == entries_before
    assert diagnose(book) == []


def test_another_devices_torn_line_stays_reported(tipref, victim_case, book_path):
    book = open_book(book_path, "Ana")
    other = book.store.history.folder / "01OTHERDEVICE0000000000000.jsonl"
    other.write_text('{"cut": "on the other laptop', encoding="utf-8")
    fixed = diagnose(book, fix=True)
    assert [(p.type, p.fixed) for p in fixed] == [("log-broken-line", False)]
    assert other.read_text(encoding="utf-8") == '{"cut": "on the other laptop'


def test_a_full_disk_changes_nothing_and_a_retry_makes_one_record(
    tipref, victim_case, book_path, monkeypatch
):
    book = open_book(book_path, "Ana")
    before_log = logs(book)
    before = (book_path / "cases" / f"{victim_case['id']}.json").read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "atomic_write_text", full)
    with pytest.raises(DiskFull):
        update_case(book, victim_case["number"], {"risk": "low"})
    result = tipref("case", "new", "--name", "Ina Bere", "--sex", "female", ok=False)
    assert result.exit_code == 1 and "disk is full" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert logs(book) == before_log  # the entry was taken back
    assert (book_path / "cases" / f"{victim_case['id']}.json").read_bytes() == before
    monkeypatch.undo()
    tipref.json("case", "new", "--name", "Ina Bere", "--sex", "female")
    names = tipref.json("case", "list")
    assert len(names) == 2


def test_a_file_where_history_should_be_is_a_named_error(tipref, victim_case, book_path):
    shutil.rmtree(book_path / "history")
    (book_path / "history").write_text("not a folder")
    before = (book_path / "cases" / f"{victim_case['id']}.json").read_bytes()
    with pytest.raises(NotAFolder):
        update_case(open_book(book_path, "Ana"), victim_case["number"], {"risk": "low"})
    assert (book_path / "cases" / f"{victim_case['id']}.json").read_bytes() == before


def test_a_log_edited_by_hand_is_found(tipref, victim_case, book_path):
    book = open_book(book_path, "Ana")
    update_case(book, victim_case["number"], {"risk": "low"})
    path = book.store.history.path
    path.write_text(path.read_text().replace('"low"', '"high"'))
    assert "log-chain" in [p.type for p in diagnose(book)]


def test_a_deleted_record_file_is_rebuilt_from_the_logs(tipref, victim_case, book_path):
    book = open_book(book_path, "Ana")
    update_case(book, victim_case["number"], {"risk": "low"})
    open_book(book_path, "Ana")  # a later command: this device has seen its entry since
    (book_path / "cases" / f"{victim_case['id']}.json").unlink()  # then a sync deletes it
    assert open_book(book_path, "Ana").store.read("case", victim_case["id"])["risk"] == "low"
    problems = diagnose(open_book(book_path, "Ana"), fix=True)
    assert [p.type for p in problems] == ["record-missing"] and problems[0].fixed
    assert tipref.json("case", "show", victim_case["number"])["risk"] == "low"


def test_a_number_held_by_two_records_is_ambiguous(laptops):
    office, laptop, case = laptops
    # the laptop mints the same number offline (its counter did not travel)
    shutil.rmtree(laptop.root / "counters")
    other = laptop.book()
    office.book().resolve_id(Case, case["number"])  # the lookup map is written
    data = json.loads((laptop.root / "cases" / f"{case['id']}.json").read_text())
    data["id"] = "01M8K8Z4ZJZCBWHYFFJ8KBGKFR"
    (office.root / "cases" / f"{data['id']}.json").write_text(json.dumps(data))
    book = office.book()
    with pytest.raises(Ambiguous) as error:
        book.resolve_id(Case, case["number"])
    assert case["id"] in str(error.value) and data["id"] in str(error.value)
    assert other is not None


def test_a_book_newer_than_this_tipref_is_read_but_never_written(tipref, victim_case, book_path):
    (book_path / "format.json").write_text('{"format": 99, "tipref": "9.1"}')
    before = sorted(p.read_bytes() for p in book_path.rglob("*.json*") if p.is_file())
    assert tipref.json("case", "show", victim_case["number"])["number"] == victim_case["number"]
    result = tipref("case", "update", victim_case["number"], "--risk", "low", ok=False)
    assert result.exit_code == 1 and "tipref>=9.1" in result.stderr
    result = tipref("case", "new", "--name", "Ina Bere", "--sex", "female", ok=False)
    assert result.exit_code == 1 and "format 99" in result.stderr
    assert sorted(p.read_bytes() for p in book_path.rglob("*.json*") if p.is_file()) == before


def test_a_format_1_book_is_upgraded_once_on_the_first_write(tipref, victim_case, book_path):
    (book_path / "format.json").unlink()  # as a book made before format 2
    update_case(open_book(book_path, "Ana"), victim_case["number"], {"risk": "low"})
    update_case(open_book(book_path, "Ana"), victim_case["number"], {"risk": "medium"})
    assert json.loads((book_path / "format.json").read_text())["format"] == BOOK_FORMAT
    upgrades = [
        e
        for e in open_book(book_path, "Ana").store.history.entries()
        if e["action"] == "format-upgrade"
    ]
    assert len(upgrades) == 1


def test_if_revision_refuses_a_stale_script_and_writes_nothing(tipref, victim_case, book_path):
    tipref("case", "update", victim_case["number"], "--risk", "low", "--if-revision", "1")
    before = (book_path / "cases" / f"{victim_case['id']}.json").read_bytes()
    result = tipref(
        "case", "update", victim_case["number"], "--risk", "high", "--if-revision", "1", ok=False
    )
    assert result.exit_code == 1 and "revision 2, not 1" in result.stderr
    assert (book_path / "cases" / f"{victim_case['id']}.json").read_bytes() == before
    result = tipref(
        "case", "close", victim_case["number"], "--reason", "x", "--if-revision", "7", ok=False
    )
    assert result.exit_code == 1 and "revision 2, not 7" in result.stderr


def test_log_shows_the_losing_value_and_restore_brings_it_back(laptops, tipref):
    office, laptop, case = laptops
    update_case(office.book(), case["number"], {"risk": "low"})
    update_case(laptop.book(), case["number"], {"risk": "medium"})
    office.overwrite_from(laptop)
    office.book()
    report = tipref.json("doctor", "--keep", "mine")
    assert report["healthy"] and office.book().get(Case, case["number"]).risk.value == "low"
    shown = tipref("log", case["number"]).stdout
    lost = report["problems"][0]["decided"][0]["lost_entry"]
    assert "risk lost" in shown and lost[-8:] in shown and "medium" in shown
    tipref("restore", lost[-8:], "--field", "risk")
    assert office.book().get(Case, case["number"]).risk.value == "medium"
    assert tipref.json("log", case["number"])[-1]["action"] == "restore"


def issue_letter(book: Book, referral_number: str, letter_number: str) -> None:
    from tipref import clock
    from tipref.schemas.letter import LetterRecord

    def add(referral):
        referral.letters.append(
            LetterRecord(
                number=letter_number,
                date=clock.today(),
                file_name="surat.docx",
                sha256="0" * 64,
                made_by="Ana",
                made_at=clock.now(),
            )
        )

    book.update(Referral, referral_number, add)


def test_duplicate_numbers_from_sync_are_renumbered_with_an_alias_and_letters_listed(
    laptops, tipref
):
    office, laptop, case = laptops
    mine = new_referral_core(office.book(), case["number"])
    theirs = new_referral_core(laptop.book(), case["number"])
    assert mine.number == theirs.number  # minted offline on both laptops
    issue_letter(office.book(), mine.number, "001/TTU/XI")
    issue_letter(laptop.book(), theirs.number, "001/TTU/XI")
    office.overwrite_from(laptop)  # the laptop's referral file and log arrive
    book = office.book()
    with pytest.raises(Ambiguous) as error:
        book.get(Referral, mine.number)
    assert mine.id in str(error.value) and theirs.id in str(error.value)
    types = [p.type for p in diagnose(book)]
    assert "duplicate-number" in types and "duplicate-letter-number" in types
    report = tipref.json("doctor", "--renumber")
    assert report["healthy"], report
    moved = next(p for p in report["problems"] if p["type"] == "duplicate-number")
    [renamed] = moved["renumbered"]
    numbers_in_use = {mine.number, theirs.number}
    assert renamed["new"] not in numbers_in_use
    letters = next(p for p in report["problems"] if p["type"] == "letters-under-old-number")
    assert letters["letters"] == ["001/TTU/XI"] and letters["old"] == mine.number
    # the old number still finds the renumbered referral, with a warning
    shown = tipref("referral", "show", mine.number)
    assert f"old number of {renamed['new']}" in shown.stderr
    assert tipref.json("doctor")["healthy"]  # a noted duplicate letter is not reported again
    new = tipref.json(
        "referral", "new", "--case", case["number"], "--service", "health", "--to", "rsud"
    )
    assert new["number"] not in numbers_in_use | {renamed["new"]}


def new_referral_core(book: Book, case_number: str):
    from tipref.book.referrals import new_referral
    from tipref.schemas.enums import Service

    referral, _ = new_referral(book, case_number, Service.health, "rsud")
    return referral


def test_a_corrupt_record_with_a_conflict_copy_is_restored_not_aborted(
    tipref, victim_case, book_path
):
    record = book_path / "cases" / f"{victim_case['id']}.json"
    copy = record.with_name(f"{victim_case['id']}.sync-conflict-20260101-101010-ABCDEFG.json")
    shutil.copy2(record, copy)
    record.write_text('{"id": "cut sho')
    report = json.loads(tipref("doctor", "--json", ok=False).stdout)
    assert not report["healthy"]
    report = tipref.json("doctor", "--fix")
    assert report["healthy"], report
    assert tipref.json("case", "show", victim_case["number"])["id"] == victim_case["id"]
    assert tipref.json("doctor")["healthy"]


def test_a_deleted_referrals_folder_is_reported_and_rebuilt(tipref, victim_case, book_path):
    referral = tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )
    shutil.rmtree(book_path / "referrals")
    report = json.loads(tipref("doctor", "--json", ok=False).stdout)
    assert not report["healthy"]
    assert "missing-folder" in [p["type"] for p in report["problems"]]
    assert tipref.json("doctor", "--fix")["healthy"]
    assert tipref.json("referral", "show", referral["number"])["id"] == referral["id"]


def test_a_referral_to_a_person_no_longer_in_the_case_is_reported(tipref, victim_case, book_path):
    tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )
    record = book_path / "cases" / f"{victim_case['id']}.json"
    data = json.loads(record.read_text())
    data["persons"][0]["id"] = "01M8K8Z4ZJZCBWHYFFJ8KBGKFR"  # e.g. a person re-added on a laptop
    record.write_text(json.dumps(data))
    report = json.loads(tipref("doctor", "--json", ok=False).stdout)
    assert "missing-reference" in [p["type"] for p in report["problems"]]


def test_a_broken_log_line_is_never_healthy(tipref, victim_case, book_path):
    log = next((book_path / "history").glob("*.jsonl"))
    lines = log.read_text().splitlines()
    log.write_text("\n".join([lines[0][:40], *lines[1:]]) + "\n")
    report = json.loads(tipref("doctor", "--json", ok=False).stdout)
    assert not report["healthy"]
    assert "log-broken-line" in [p["type"] for p in report["problems"]]


def test_a_record_rebuilt_by_doctor_stays_chained_to_its_history(tipref, victim_case, book_path):
    """Found by the simulator: a rebuilt file lost its link to the log, so the next change
    started a second history and the record forked with itself."""
    update_case(open_book(book_path, "Ana"), victim_case["number"], {"risk": "medium"})
    open_book(book_path, "Ana")  # a later command: this device has seen its entry since
    path = book_path / "cases" / f"{victim_case['id']}.json"
    stale = json.loads(path.read_text())
    stale["vv"], stale["risk"] = {}, "low"  # an older version, put back by a sync service
    path.write_text(json.dumps(stale))
    assert [p.type for p in diagnose(open_book(book_path, "Ana"), fix=True)] == ["record-rebuilt"]
    update_case(open_book(book_path, "Ana"), victim_case["number"], {}, chronology="Later.")
    book = open_book(book_path, "Ana")
    assert list(book.store.history.entries(victim_case["id"]))[-1]["parents"]
    assert book.get(Case, victim_case["number"]).risk.value == "medium"
    assert diagnose(book) == []


def test_append_only_lists_are_unioned_even_without_a_common_version():
    from tipref.storage.merge import three_way

    mine = {"id": "A", "chronology": [{"text": "a"}, {"text": "mine"}], "risk": "low"}
    theirs = {"id": "A", "chronology": [{"text": "a"}, {"text": "theirs"}], "risk": "low"}
    result = three_way(None, mine, theirs)
    assert result.clashes == []
    assert [c["text"] for c in result.merged["chronology"]] == ["a", "theirs", "mine"]


def test_a_clash_is_asked_on_a_terminal(laptops):
    office, laptop, case = laptops
    update_case(office.book(), case["number"], {"risk": "low"})
    update_case(laptop.book(), case["number"], {"risk": "medium"})
    office.overwrite_from(laptop)
    asked = []

    def decide(kind, mine, theirs, clashes):
        asked.extend((c.path, c.mine, c.theirs) for c in clashes)
        return "theirs"

    book = office.book()
    diagnose(book, fix=True, decide=decide)
    assert asked == [("risk", "low", "medium")]
    assert book.get(Case, case["number"]).risk.value == "medium"


def test_an_edit_by_an_older_tipref_survives_a_rebuild(tipref, victim_case, book_path):
    """A laptop still on a tipref without format-2 logs edits the book: its change is in
    the record file only. The next change by this tipref logs the whole record, so a
    rebuild from the logs keeps the older tipref's edit."""
    path = book_path / "cases" / f"{victim_case['id']}.json"
    data = json.loads(path.read_text())
    data["risk"], data["revision"] = "low", data["revision"] + 1  # as tipref 0.1 saves it
    path.write_text(json.dumps(data))
    old_log = book_path / "history" / "01M8AAAAAAAAAAAAAAAAAAAAAA.jsonl"
    old_log.write_text(
        json.dumps(
            {
                "at": "2026-01-01T00:00:00Z",
                "action": "update",
                "record_id": data["id"],
                "kind": "case",
                "changes": [{"field": "risk", "old": None, "new": "low"}],
            }
        )
        + "\n"
    )
    update_case(open_book(book_path, "Ana"), victim_case["number"], {}, chronology="New tipref.")
    book = open_book(book_path, "Ana")
    rebuilt = book.store.rebuild("case", victim_case["id"]).state
    assert rebuilt["risk"] == "low" and rebuilt["chronology"][-1]["text"] == "New tipref."
    assert diagnose(book) == []


@pytest.mark.parametrize("name", ["{stem} (1){ext}", "{stem}-LAPTOP-ANA{ext}"])
def test_google_drive_and_onedrive_copies_of_counters_and_logs_are_found(
    tipref, victim_case, book_path, name
):
    [counter] = (book_path / "counters").rglob("case-*.json")
    copy = counter.with_name(name.format(stem=counter.stem, ext=".json"))
    copy.write_text('{"value": 41}\n')
    [log] = (book_path / "history").glob("*.jsonl")
    log_copy = log.with_name(name.format(stem=log.stem, ext=".jsonl"))
    shutil.copy2(log, log_copy)
    report = json.loads(tipref("doctor", "--json", ok=False).stdout)
    assert sorted(p["type"] for p in report["problems"]) == ["counter-copy", "history-copy"]
    assert tipref.json("doctor", "--fix")["healthy"]
    assert not copy.exists() and not log_copy.exists()
    new = tipref.json("case", "new", "--name", "Ina Bere", "--sex", "female")
    assert new["number"].endswith("-0042")


def test_a_syncthing_copy_without_the_other_log_keeps_both_chronologies(laptops):
    office, laptop, case = laptops
    update_case(office.book(), case["number"], {}, chronology="Office visit.")
    update_case(laptop.book(), case["number"], {"risk": "low"})
    # only the record travels, as a conflict copy; the laptop's log has not arrived
    copy = office.root / "cases" / f"{case['id']}.sync-conflict-20260101-101010-ABCDEFG.json"
    shutil.copy2(laptop.root / "cases" / f"{case['id']}.json", copy)
    book = office.book()
    diagnose(book, keep="newest")
    merged = book.get(Case, case["number"])
    assert "Office visit." in [c.text for c in merged.chronology]
    assert merged.risk.value == "low"
    assert not copy.exists() and diagnose(book) == []
