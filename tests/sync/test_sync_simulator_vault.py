"""The sync simulator on a book encrypted while two laptops were away (issue #13, gap 7).

Three laptops of three members, each with its own identity: A (replica 0), D (replica 1)
and E (replica 2). Each example starts from a plain book with one case, which A
encrypts at once: A runs ``vault init`` and adds D, E and B. D's and E's laptops have
not synced yet, so they go on writing in plain text until the vault reaches them. At some
step A removes B; D and E may rotate the key before the removal reaches them (their new
key is then wrapped for B too). Besides the plain simulator's edits and syncs (overwrite, delete and
recreate, logs or records first, each service's conflict copies), any laptop that can may
rotate the data key while apart from the others.

At the end every file reaches A, which runs ``doctor --fix``; each other laptop gets
everything, opens the book (which seals its own plain log lines: only a device writes
its log) and runs ``doctor --fix``; their files go back to A, which runs it again. Then,
besides the plain simulator's checks (no acknowledged edit lost, forks merged, chains
verify, doctor healthy):

* every record decrypts for every current member (A, D and E, each with their own key);
* no plaintext byte of a test secret (a person's name, a chronology text) is anywhere in
  the book: records, logs, conflict copies, the vault;
* the removed member B's private key, tried on every file of the vault, opens no key
  made after B's removal.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.sync.test_sync_simulator import SyncSimulation, environment, run, sync
from tipref.book.opening import open_book
from tipref.cli import cli
from tipref.errors import Forked, KeyMissing
from tipref.privacy import crypto
from tipref.privacy import vault as vaultmod
from tipref.privacy.codec import CurrentKeyMissing, VaultCodec, VaultLocked
from tipref.privacy.keys import create_identity, public_identity
from tipref.schemas import Case
from tipref.sync.doctor import diagnose

PASSPHRASE = "simulated-team-passphrase"
FAST_KDF = {"name": "argon2id", "time_cost": 1, "memory_kib": 8, "lanes": 1}
MEMBERS = ("a", "d", "e")  # the laptops' members, replica by replica


@pytest.fixture(scope="module")
def vault_template(tmp_path_factory) -> Path:
    """A plain book with one case, made on A's laptop; four identities beside it."""
    home = tmp_path_factory.mktemp("simvault")
    root, ids = home / "book", home / "ids"
    publics = {}
    for name in (*MEMBERS, "b"):
        with environment(ids / name, home / f"{name}-cache"):
            publics[name] = public_identity(create_identity(name.upper(), PASSPHRASE, FAST_KDF))
    with environment(ids / "a", home / "a-cache"):  # A's device wrote the book's first log
        runner = CliRunner()
        for args in (
            ["init", str(root), "--name", "UPTD PPA TTU", "--code", "TTU", "--district", "TTU"],
            ["--book", str(root), "case", "new", "--name", "Maria Ulu", "--sex", "female"],
        ):
            result = runner.invoke(cli, args, catch_exceptions=False)
            assert result.exit_code == 0, result.output
    (home / "publics.json").write_text(json.dumps(publics))
    return root


class VaultSimulation(SyncSimulation):
    refusals = (Forked, KeyMissing, CurrentKeyMissing, VaultLocked)

    def __init__(self) -> None:
        super().__init__()
        home = self.template.parent
        for replica, name in zip(self.replicas, MEMBERS, strict=True):
            shutil.copytree(home / "ids" / name, replica.config, dirs_exist_ok=True)
        publics = json.loads((home / "publics.json").read_text())
        with self.replicas[0].book() as book:  # A encrypts; D's and E's laptops are away
            vaultmod.init_vault(book, passphrase=PASSPHRASE)
            for name in ("d", "e", "b"):
                vaultmod.add_member(book, publics[name])
        self.member_b = publics["b"]["member_id"]
        self.keys_before_removal: set[str] | None = None  # B is removed during the run

    @precondition(lambda self: self.keys_before_removal is None)
    @rule()
    def remove_member_b(self) -> None:
        """A removes B; D's and E's laptops may rotate before they see it."""
        with self.replicas[0].book() as book:
            self.keys_before_removal = {k["id"] for k in vaultmod.status(book)["keys"]}
            vaultmod.remove_member(book, self.member_b)

    @rule(index=st.integers(0, 2))
    def rotate_the_key(self, index: int) -> None:
        with self.replicas[index].book() as book:
            if not isinstance(book.store.codec, VaultCodec):
                return  # this laptop has not seen the vault yet
            try:
                vaultmod.rotate(book)
            except self.refusals:
                return  # its copy of the current key has not arrived yet

    def teardown_checks(self) -> None:
        first = self.replicas[0]
        if self.keys_before_removal is None:
            self.remove_member_b()
        for _ in range(2):  # every file reaches A, newest first
            for other in self.replicas[1:]:
                sync(other, first, "syncthing")
        with first.book() as book:
            diagnose(book, fix=True, keep="newest")
        for other in self.replicas[1:]:  # each laptop gets everything and seals its own log
            sync(first, other, "overwrite")
            with other.book() as book:
                diagnose(book, fix=True, keep="newest")
            sync(other, first, "syncthing")
        with first.book() as book:
            diagnose(book, fix=True, keep="newest")
        with first.book() as book:  # a fresh book: nothing remembered from the fixes
            self._check_converged(book)
        self._every_member_reads(first.root)
        self._no_secret_anywhere(first.root)
        self._removed_member_opens_nothing_new(first.root)

    def _every_member_reads(self, root: Path) -> None:
        for replica in self.replicas:  # each member's own identity, on A's copy
            with environment(replica.config, replica.cache):
                book = open_book(root, "Sim")
                assert isinstance(book.store.codec, VaultCodec) and not book.store.codec.locked
                for case_id in book.store.ids("case"):
                    case = book.get(Case, case_id)  # decrypts for this member
                    assert case.persons[0].name.startswith(("Maria Ulu", "Person "))

    def _no_secret_anywhere(self, root: Path) -> None:
        secrets = [b"Maria Ulu"] + [f"Person {n}".encode() for n in range(1, self.counter + 1)]
        secrets += [text.encode() for texts in self.chronology.values() for text in texts]
        for path in root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not [s for s in secrets if s in data], path

    def _removed_member_opens_nothing_new(self, root: Path) -> None:
        identity = json.loads((self.template.parent / "ids" / "b" / "identity.json").read_text())
        private = crypto.unlock_identity(identity, PASSPHRASE)
        for path in (root / "vault").rglob("*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            wraps = [(data.get("key_id"), data.get("wrapped"))]
            wraps += list((data.get("keys") or {}).items())  # an old-layout member file
            for key_id, wrapped in wraps:
                if not isinstance(wrapped, dict) or not key_id:
                    continue
                try:
                    crypto.unwrap_key(wrapped, private, key_id)
                except crypto.DecryptionFailed:
                    continue
                assert key_id in self.keys_before_removal, f"B opens {key_id} in {path}"


def test_sync_simulator_on_a_book_encrypted_while_laptops_were_away(vault_template, monkeypatch):
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASSPHRASE)
    VaultSimulation.template = vault_template
    run_vault(vault_template, examples=6, steps=15)


def run_vault(template: Path, examples: int, steps: int) -> None:
    import tests.sync.test_sync_simulator as simulator

    original = simulator.SyncSimulation
    simulator.SyncSimulation = VaultSimulation  # run() subclasses this one
    try:
        run(template, examples, steps)
    finally:
        simulator.SyncSimulation = original
