"""A sync simulator: replicas of one book edited apart and synced the ways services do.

Two or three replicas (folders), each with its own config and cache folder, so its own
device id, log and counters. Hypothesis picks random edits (risk, status, chronology,
new cases) and random syncs between replicas: plain overwrite by the newest file (Google
Drive, OneDrive, network drives), conflict copies in each service's naming (Syncthing,
Nextcloud, Dropbox, Google Drive, OneDrive), delete-and-recreate, and logs arriving
before or after the records. At the end every file reaches one replica, which runs
``doctor --fix --keep newest``; then:

* every acknowledged edit is in the history of its record's final version (no entry
  left on a dead branch), and every value decided away is listed in the log;
* every chronology entry ever acknowledged is in its case (append-only parts are unions);
* each record file is what the logs say; no case number is held twice;
* every log's hash chain verifies; ``doctor`` then reports nothing (it is idempotent).

A short run is part of the normal suite; ``TIPREF_SLOW=1 pytest -m slow`` runs a longer one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tipref.book.casebook import Book
from tipref.book.cases import open_case, update_case
from tipref.book.opening import open_book
from tipref.cli import cli
from tipref.errors import Forked
from tipref.schemas.case import Case
from tipref.storage.diff import canonical_record
from tipref.storage.history import verify_chain
from tipref.storage.rebuild import ancestors
from tipref.sync.doctor import diagnose

SERVICES = {
    "syncthing": "{stem}.sync-conflict-20260101-101010-ABCDEFG{ext}",
    "nextcloud": "{stem} (conflicted copy 2026-01-01 101010){ext}",
    "dropbox": "{stem} (Ana's conflicted copy 2026-01-01){ext}",
    "gdrive": "{stem} (1){ext}",
    "onedrive": "{stem}-LAPTOP-ANA{ext}",
}
STYLES = ["overwrite", "delete-recreate", "logs-first", "records-first", *SERVICES]
RECORD_FOLDERS = ("cases", "referrals", "providers", "commitments")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One book with one case, made once; each example starts from a copy."""
    home = tmp_path_factory.mktemp("simhome")
    root = home / "book"
    with environment(home / "config", home / "cache"):
        runner = CliRunner()
        for args in (
            ["init", str(root), "--name", "UPTD PPA TTU", "--code", "TTU", "--district", "TTU"],
            ["--book", str(root), "case", "new", "--name", "Maria Ulu", "--sex", "female"],
        ):
            result = runner.invoke(cli, args, catch_exceptions=False)
            assert result.exit_code == 0, result.output
    return root


@contextmanager
def environment(config: Path, cache: Path):
    saved = {k: os.environ.get(k) for k in ("TIPREF_CONFIG_DIR", "TIPREF_CACHE_DIR", "TIPREF_USER")}
    os.environ.update(TIPREF_CONFIG_DIR=str(config), TIPREF_CACHE_DIR=str(cache), TIPREF_USER="Sim")
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class Replica:
    def __init__(self, base: Path, name: str, template: Path) -> None:
        self.root = base / name / "book"
        self.config, self.cache = base / name / "config", base / name / "cache"
        shutil.copytree(template, self.root, ignore=shutil.ignore_patterns(".locks"))

    @contextmanager
    def book(self):
        with environment(self.config, self.cache):
            yield open_book(self.root, "Sim")


def _files(root: Path):
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and ".locks" not in rel.parts and not path.name.startswith("."):
            yield rel, path


def sync(source: Replica, target: Replica, style: str, delete_first: bool = False) -> None:
    """Bring ``source``'s changed files to ``target`` the way a sync service would."""
    for rel, path in list(_files(source.root)):
        top = rel.parts[0]
        if style == "logs-first" and top != "history":
            continue
        if style == "records-first" and top == "history":
            continue
        dest = target.root / rel
        if dest.exists():
            if dest.read_bytes() == path.read_bytes():
                continue
            if dest.stat().st_mtime_ns >= path.stat().st_mtime_ns:
                continue  # the target's version is newer: it wins (and travels back later)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if style in SERVICES and top in RECORD_FOLDERS and dest.exists():
            name = SERVICES[style].format(stem=dest.stem, ext=dest.suffix)
            shutil.copy2(path, dest.with_name(name))  # both kept: the service's conflict copy
            continue
        if style == "delete-recreate" and dest.exists():
            dest.unlink()  # the service deletes, then writes the file again
        shutil.copy2(path, dest)


class SyncSimulation(RuleBasedStateMachine):
    template: Path
    # what a replica may refuse to do (then nothing is acknowledged): a clash waiting for
    # doctor; the encrypted simulator adds a key whose copy has not arrived yet
    refusals: tuple[type[Exception], ...] = (Forked,)

    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="tipref-sim-"))
        self.replicas = [Replica(self.base, f"r{i}", self.template) for i in range(3)]
        self.acknowledged: list[tuple[int, str]] = []  # (replica, entry id)
        self.chronology: dict[str, set[str]] = {}  # case id -> texts acknowledged
        self.counter = 0

    def teardown(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def _cases(self, book: Book) -> list[str]:
        return book.store.ids("case")

    def _acknowledge(self, index: int, book: Book) -> None:
        last = None
        for line in book.store.history.path.read_text(encoding="utf-8").splitlines():
            last = line
        import json

        self.acknowledged.append((index, json.loads(last)["id"]))

    @rule(
        index=st.integers(0, 2),
        pick=st.integers(0, 50),
        risk=st.sampled_from(["low", "medium", "high"]),
    )
    def change_risk(self, index: int, pick: int, risk: str) -> None:
        with self.replicas[index].book() as book:
            cases = self._cases(book)
            case_id = cases[pick % len(cases)]
            try:
                before = book.store.read("case", case_id)["revision"]
                after = update_case(book, case_id, {"risk": risk}).revision
            except self.refusals:
                return  # refused: a clash waits for doctor; nothing acknowledged
            if after != before:
                self._acknowledge(index, book)

    @rule(index=st.integers(0, 2), pick=st.integers(0, 50))
    def add_chronology(self, index: int, pick: int) -> None:
        self.counter += 1
        text = f"note {self.counter} on r{index}"
        with self.replicas[index].book() as book:
            cases = self._cases(book)
            case_id = cases[pick % len(cases)]
            try:
                update_case(book, case_id, {}, chronology=text)
            except self.refusals:
                return
            self._acknowledge(index, book)
            self.chronology.setdefault(case_id, set()).add(text)

    @rule(index=st.integers(0, 2))
    def open_a_case(self, index: int) -> None:
        self.counter += 1
        with self.replicas[index].book() as book:
            try:
                case = open_case(book, {"name": f"Person {self.counter}", "sex": "female"}, {})
            except self.refusals:
                return
            self._acknowledge(index, book)
            self.chronology.setdefault(case.id, set())

    @rule(source=st.integers(0, 2), dest=st.integers(0, 2), style=st.sampled_from(STYLES))
    def sync_replicas(self, source: int, dest: int, style: str) -> None:
        if source != dest:
            sync(self.replicas[source], self.replicas[dest], style)

    @precondition(lambda self: len(self.acknowledged) > 0)
    @invariant()
    def logs_always_verify(self) -> None:
        for replica in self.replicas:
            for log in (replica.root / "history").glob("*.jsonl"):
                if "(" in log.name or "-" in log.stem:
                    continue  # a conflict copy of a log, merged by doctor
                assert verify_chain(log).ok, log

    def teardown_checks(self) -> None:
        first = self.replicas[0]
        for _ in range(2):  # every file reaches the first replica, newest first
            for other in self.replicas[1:]:
                sync(other, first, "syncthing")
        with first.book() as book:
            diagnose(book, fix=True, keep="newest")
        with first.book() as book:  # a fresh book: nothing remembered from the fixes
            self._check_converged(book)

    def _check_converged(self, book: Book) -> None:
        store = book.store
        ids_in_logs = {e.get("id") for e in store.history.entries()}
        for _, entry_id in self.acknowledged:
            assert entry_id in ids_in_logs, f"acknowledged entry {entry_id} lost"
        for entry in store.history.entries():
            for decided in entry.get("decided") or []:  # a clash decided away: restorable
                assert decided["lost_entry"] in ids_in_logs
        for case_id in store.logs.known_records():
            kind = next((e["kind"] for e in store.history.entries(case_id) if e.get("kind")), None)
            if kind not in store.folders:
                continue
            rebuilt = store.rebuild(kind, case_id)
            assert len(rebuilt.heads) == 1, f"{case_id} still forked"
            history = ancestors(rebuilt, rebuilt.heads[0]["id"])
            assert set(rebuilt.by_id) <= history, f"{case_id}: an edit is on a dead branch"
            snapshot = store.read(kind, case_id, check=False)
            assert canonical_record(snapshot) == canonical_record(rebuilt.state)
        for case_id, texts in self.chronology.items():
            case = book.get(Case, case_id)
            assert texts <= {c.text for c in case.chronology}, f"{case_id}: chronology lost"
        numbers = [r["number"] for r in book.rows(Case)]
        assert len(numbers) == len(set(numbers)), "a case number is held twice"
        for log in store.history.files():
            assert verify_chain(log).ok, log
        remaining = [p.type for p in diagnose(book) if not p.warning]  # warnings: still healthy
        assert remaining == [], remaining


def run(template: Path, examples: int, steps: int) -> None:
    class Simulation(SyncSimulation):
        def teardown(self) -> None:
            try:
                self.teardown_checks()
            finally:
                SyncSimulation.teardown(self)

    Simulation.template = template
    Simulation.TestCase.settings = settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    Simulation.TestCase().runTest()


def test_sync_simulator_short_run(template):
    run(template, examples=15, steps=20)


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("TIPREF_SLOW"), reason="a long run (minutes): TIPREF_SLOW=1 pytest -m slow"
)
def test_sync_simulator_long_run(template):
    run(template, examples=60, steps=40)
