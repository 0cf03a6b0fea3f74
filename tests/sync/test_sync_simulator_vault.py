"""The sync simulator on an encrypted book (issue #13, item 7).

The replicas are three laptops of one member (the same identity, each its own device,
log and cache); a second member was removed before the run. Besides the plain
simulator's rules, a laptop may rotate the data key while apart from the others. After
every file reached one replica and ``doctor --fix`` ran:

* every record decrypts for every current member (here: the one member);
* no plaintext byte of a test secret (a person's name) is anywhere in the book;
* the removed member, with their old member file and wrapped keys restored from a
  backup, holds no key that seals anything in the record files, and no key made after
  their removal is wrapped for them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import rule

from tests.sync.test_sync_simulator import SyncSimulation, environment, run
from tipref.book.opening import open_book
from tipref.privacy import keyfiles
from tipref.privacy import vault as vaultmod
from tipref.privacy.keys import create_identity, public_identity
from tipref.schemas import Case

PASSPHRASE = "simulated-team-passphrase"
FAST_KDF = {"name": "argon2id", "time_cost": 1, "memory_kib": 8, "lanes": 1}
CIPHER_KEY = re.compile(r"enc:v1:(k[0-9a-f]+):")


@pytest.fixture(scope="module")
def vault_template(tmp_path_factory) -> Path:
    """One encrypted book with one case; member B added, then removed (their copy kept)."""
    home = tmp_path_factory.mktemp("simvault")
    root = home / "book"
    os.environ["TIPREF_PASSPHRASE"] = PASSPHRASE
    try:
        with environment(home / "b-config", home / "b-cache"):
            public_b = public_identity(create_identity("B", PASSPHRASE, FAST_KDF))
        with environment(home / "config", home / "cache"):
            create_identity("A", PASSPHRASE, FAST_KDF)
            from tests.sync.test_sync_simulator import CliRunner, cli

            runner = CliRunner()
            for args in (
                ["init", str(root), "--name", "UPTD PPA TTU", "--code", "TTU", "--district", "TTU"],
                ["--book", str(root), "case", "new", "--name", "Maria Ulu", "--sex", "female"],
                ["--book", str(root), "vault", "init"],
            ):
                result = runner.invoke(cli, args, catch_exceptions=False)
                assert result.exit_code == 0, result.output
            book = open_book(root, "Sim")
            vaultmod.add_member(book, public_b)
            kept = home / "b-backup"
            shutil.copytree(root / "vault", kept)  # B's files as a backup would keep them
            vaultmod.remove_member(book, public_b["member_id"])
    finally:
        os.environ.pop("TIPREF_PASSPHRASE", None)
    (root.parent / "identity.json").write_bytes((home / "config" / "identity.json").read_bytes())
    (root.parent / "b.json").write_text(json.dumps({**public_b, "backup": str(kept)}))
    return root


class VaultSimulation(SyncSimulation):
    def __init__(self) -> None:
        super().__init__()
        for replica in self.replicas:  # one member's three laptops: the same identity
            replica.config.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.template.parent / "identity.json", replica.config / "identity.json")

    @rule(index=st.integers(0, 2))
    def rotate_the_key(self, index: int) -> None:
        with self.replicas[index].book() as book:
            vaultmod.rotate(book)

    def teardown_checks(self) -> None:
        super().teardown_checks()
        first = self.replicas[0]
        with first.book() as book:
            for case_id in book.store.ids("case"):
                case = book.get(Case, case_id)  # decrypts for the current member
                assert case.persons[0].name.startswith(("Maria Ulu", "Person "))
        secrets = [b"Maria Ulu"] + [f"Person {n}".encode() for n in range(1, self.counter + 1)]
        for path in first.root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not [s for s in secrets if s in data], path
        self._removed_member_opens_nothing_new(first.root)

    def _removed_member_opens_nothing_new(self, root: Path) -> None:
        b = json.loads((self.template.parent / "b.json").read_text())
        backup = Path(b["backup"])
        shutil.copytree(backup, root / "vault", dirs_exist_ok=True)  # B restores their files
        held = set(keyfiles.wrapped_keys(root, {"member_id": b["member_id"]}))
        used = set()
        for folder in ("cases", "referrals"):
            for path in (root / folder).glob("*.json"):
                used |= set(CIPHER_KEY.findall(path.read_text(encoding="utf-8")))
        assert used and not (used & held), "a record is sealed under a key the removed member holds"


def test_sync_simulator_on_an_encrypted_book(vault_template, monkeypatch):
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
