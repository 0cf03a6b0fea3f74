"""The typed Book API: records are read and written by model class."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tipref.book.history import history
from tipref.book.opening import open_book
from tipref.errors import NotFound
from tipref.schemas import Case, Provider, Referral
from tipref.schemas.base import Record
from tipref.schemas.enums import RiskLevel


def test_get_and_all_return_the_model_asked_for(tipref, victim_case, book_path):
    book = open_book(book_path, "Tester")
    case = book.get(Case, victim_case["number"])
    assert type(case) is Case and case.id == victim_case["id"]
    providers = book.all(Provider)
    assert providers and all(type(p) is Provider for p in providers)
    assert book.resolve_id(Case, victim_case["number"]) == victim_case["id"]
    with pytest.raises(NotFound):
        book.get(Referral, victim_case["number"])  # a case number is no referral


def test_code_over_every_kind_validates_by_kind(tipref, victim_case, book_path):
    """doctor and the index work on every kind alike: validate() takes the kind's name."""
    book = open_book(book_path, "Tester")
    data = book.store.read("case", victim_case["id"])
    assert isinstance(book.validate("case", data), Case)


def test_each_model_names_its_kind_and_folder():
    assert (Case.KIND, Case.FOLDER) == ("case", "cases")
    assert (Referral.KIND, Referral.FOLDER) == ("referral", "referrals")
    assert Record.KIND == ""


def test_save_adds_a_new_record_and_replaces_an_existing_one(tipref, victim_case, book_path):
    book = open_book(book_path, "Tester")
    provider = book.all(Provider)[0]
    copy = provider.model_copy(update={"name": "Renamed Provider"})
    saved = book.save(copy)
    assert saved.name == "Renamed Provider" and saved.revision == provider.revision + 1
    assert book.get(Provider, provider.id).name == "Renamed Provider"
    fresh = Provider.model_validate(
        {**provider.model_dump(mode="json"), "id": "01J0000000000000000000NEW0", "code": "new1"}
    )
    added = book.save(fresh)
    assert added.revision == 1 and book.get(Provider, added.id).code == "new1"


def test_update_gives_the_mutator_the_model(tipref, victim_case, book_path):
    book = open_book(book_path, "Tester")
    seen: list[type] = []

    def mark(case: Case) -> None:
        seen.append(type(case))
        case.risk = RiskLevel.low

    updated = book.update(Case, victim_case["number"], mark)
    assert seen == [Case] and type(updated) is Case and updated.risk == RiskLevel.low


def test_history_of_a_record_and_of_the_book(tipref, victim_case, book_path):
    tipref("case", "update", victim_case["number"], "--risk", "medium")
    book = open_book(book_path, "Tester")
    entries = history(book, victim_case["number"])
    assert [e["action"] for e in entries][:1] == ["create"]
    assert any(c["field"] == "risk" for e in entries for c in e.get("changes") or [])
    latest = history(book, limit=1)
    assert len(latest) == 1 and latest[0]["record_id"] == victim_case["id"]
    log = next(book.store.history.folder.glob("*.jsonl"))
    log.write_text(log.read_text(encoding="utf-8") * 2, encoding="utf-8")  # a merged copy
    assert history(book, victim_case["number"]) == entries
    with pytest.raises(NotFound):
        history(book, "TTU-1999-9999")


def test_mypy_rejects_a_wrong_record_type(tmp_path):
    """The gate is strict enough that passing a Referral where a Case is expected fails."""
    pytest.importorskip("mypy")
    sample = tmp_path / "sample.py"
    sample.write_text(
        textwrap.dedent("""
            from tipref.book.casebook import Book
            from tipref.schemas import Case, Referral

            def days_open(case: Case) -> int:
                return 0

            def check(book: Book) -> None:
                days_open(book.get(Referral, "TTU-R2026-0001"))
        """),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", str(sample)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout
    assert 'incompatible type "Referral"; expected "Case"' in result.stdout
