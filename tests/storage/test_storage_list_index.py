"""Lists from the local index (issue #21): the same bytes as reading every file, never stale."""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from tipref.book.cases import list_cases
from tipref.book.opening import open_book
from tipref.cli import cli
from tipref.guidance.demo import build_demo
from tipref.storage import index as index_module

OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS


def _from_files(book_path: Path, **filters) -> bytes:
    """What case list --json printed before the index kept rows: every file read."""
    rows = list_cases(open_book(book_path, "Tester"), **filters)
    return orjson.dumps(rows, option=OPTIONS, default=str) + b"\n"


def _listed(book_path: Path, *options: str) -> bytes:
    result = CliRunner().invoke(cli, ["--book", str(book_path), "case", "list", *options, "--json"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "book"
    build_demo(root)
    return root


@pytest.mark.parametrize(
    ("options", "filters"),
    [
        ((), {}),
        (("--status", "active"), {"status": "active"}),
        (("--risk", "high"), {"risk": "high"}),
        (("--children",), {"children_only": True}),
        (("--search", "maria"), {"search": "maria"}),
        (("--search", "0812"), {"search": "0812"}),
        (("--search", "ma ri"), {"search": "ma ri"}),
        (("--search", "ria", "--risk", "high"), {"search": "ria", "risk": "high"}),
        (("--search", "zz"), {"search": "zz"}),
    ],
)
def test_the_same_bytes_as_reading_every_file(demo_book, options, filters):
    from tipref.schemas.enums import CaseStatus, RiskLevel

    typed = {
        k: CaseStatus(v) if k == "status" else RiskLevel(v) if k == "risk" else v
        for k, v in filters.items()
    }
    expected = _from_files(demo_book, **typed)
    assert _listed(demo_book, *options) == expected  # rows made and kept
    assert _listed(demo_book, *options) == expected  # rows from the index
    if not filters:
        assert len(json.loads(expected)) >= 5


def _case_file(book_path: Path, number: str) -> Path:
    for path in (book_path / "cases").glob("*.json"):
        if json.loads(path.read_text(encoding="utf-8"))["number"] == number:
            return path
    raise AssertionError(number)


def _risk_of(book_path: Path, number: str) -> str:
    rows = json.loads(_listed(book_path))
    return next(r["risk"] for r in rows if r["number"] == number)


def test_a_file_changed_added_or_removed_behind_tiprefs_back_is_listed_as_it_is(
    tipref, victim_case, book_path
):
    number = victim_case["number"]
    assert _risk_of(book_path, number) == "high"
    path = _case_file(book_path, number)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["risk"] = "low"  # a sync delivering another laptop's copy, written in place
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert _risk_of(book_path, number) == "low"
    assert _listed(book_path) == _from_files(book_path)
    copy = dict(data, id="01J0000000000000000000ZZZZ", number="TTU-2026-0777")
    (path.parent / f"{copy['id']}.json").write_text(json.dumps(copy), encoding="utf-8")
    assert [r["number"] for r in json.loads(_listed(book_path))] == [number, "TTU-2026-0777"]
    path.unlink()
    assert [r["number"] for r in json.loads(_listed(book_path))] == ["TTU-2026-0777"]


def test_a_snapshot_overwritten_by_an_older_copy_is_listed_from_the_logs(
    tipref, victim_case, book_path
):
    number = victim_case["number"]
    assert _risk_of(book_path, number) == "high"  # the row is kept
    path = _case_file(book_path, number)
    old = path.read_bytes()
    tipref("case", "update", number, "--risk", "medium")
    assert _risk_of(book_path, number) == "medium"
    path.write_bytes(old)  # last writer wins: a laptop that missed the change
    assert _risk_of(book_path, number) == "medium"  # the log entry is not lost
    assert _listed(book_path) == _from_files(book_path)


def test_ages_follow_the_day_of_the_list(tipref, victim_case, book_path, monkeypatch):
    # Maria was born on 2010-03-14: 16 on the frozen day, 17 after her birthday.
    def ages() -> list[int]:
        rows = json.loads(_listed(book_path))
        return [p["age"] for p in rows[0]["persons"]]

    monkeypatch.setenv("TIPREF_NOW", "2027-03-13T09:00:00+08:00")
    assert ages() == [16]
    monkeypatch.setenv("TIPREF_NOW", "2027-03-14T09:00:00+08:00")
    assert ages() == [17]
    assert _listed(book_path) == _from_files(book_path)


def test_a_damaged_index_file_is_rebuilt(tipref, victim_case, book_path):
    from tipref import paths

    expected = _listed(book_path)
    for file in (paths.cache_dir() / "index").rglob("index.v*.sqlite*"):
        file.write_bytes(b"garbage" * 1000)
    assert _listed(book_path) == expected


def _referral_numbers(tipref, case_number: str) -> list[str]:
    return [r["number"] for r in tipref.json("referral", "list", "--case", case_number)]


def test_one_cases_referrals_without_a_full_look_and_a_delivered_one_seen(
    tipref, victim_case, book_path, monkeypatch
):
    number = victim_case["number"]
    first = tipref.json("referral", "new", "--case", number, "--service", "health", "--to", "rsud")
    assert _referral_numbers(tipref, number) == [first["number"]]
    folder = book_path / "referrals"
    past = folder.stat().st_mtime_ns - 10_000_000_000  # a folder that last changed long ago
    os.utime(folder, ns=(past, past))
    assert _referral_numbers(tipref, number) == [first["number"]]  # a full look records it

    def no_full_look(self, kind):
        raise AssertionError("every file stat'ed")

    monkeypatch.setattr(index_module.RecordIndex, "entries", no_full_look)
    assert _referral_numbers(tipref, number) == [first["number"]]  # one case's files only
    monkeypatch.undo()
    source = folder / f"{first['id']}.json"
    delivered = json.loads(source.read_text(encoding="utf-8"))
    delivered.update(id="01J0000000000000000000YYYY", number="TTU-R2026-0777")
    (folder / f"{delivered['id']}.json").write_text(json.dumps(delivered), encoding="utf-8")
    assert sorted(_referral_numbers(tipref, number)) == sorted([first["number"], "TTU-R2026-0777"])


def test_lists_without_a_usable_cache_folder(tipref, victim_case, book_path, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("TIPREF_CACHE_DIR", str(blocked))
    assert [r["number"] for r in json.loads(_listed(book_path))] == [victim_case["number"]]
    tipref("case", "update", victim_case["number"], "--risk", "low")
    assert _risk_of(book_path, victim_case["number"]) == "low"
    assert _listed(book_path) == _from_files(book_path)
