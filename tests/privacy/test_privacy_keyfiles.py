"""Key versions written once, wrapped keys in files of their own (issue #13, item 1)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import Tipref
from tests.privacy.test_privacy_vault import PASS_A, PASS_B, make_member
from tests.sync.test_sync_scenarios import Laptop


def vault_files(root: Path) -> dict[str, bytes]:
    folder = root / "vault"
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def two_laptops(tipref, victim_case, book_path, tmp_path, monkeypatch):
    """One member's encrypted book on two laptops (same identity, own device and cache)."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    office = Laptop(book_path, Path(os.environ["TIPREF_CONFIG_DIR"]), monkeypatch)
    office.book()
    other = tmp_path / "laptop"
    shutil.copytree(book_path, other, ignore=shutil.ignore_patterns(".locks"))
    laptop = Laptop(other, tmp_path / "laptop-config", monkeypatch)
    laptop.config.mkdir(parents=True)
    shutil.copy2(office.config / "identity.json", laptop.config / "identity.json")
    return office, laptop, victim_case


def run(laptop: Laptop, *args: str, ok: bool = True):
    laptop.book()  # this laptop's config and cache
    return Tipref(laptop.root)(*args, ok=ok)


def test_a_rotation_writes_new_files_and_replaces_none(tipref, victim_case, monkeypatch):
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    before = vault_files(tipref.book)
    new_key = tipref.json("vault", "rotate")["new_key"]
    after = vault_files(tipref.book)
    assert {name: after[name] for name in before} == before  # nothing written is replaced
    added = sorted(set(after) - set(before))
    assert f"keys/{new_key}.json" in added
    assert any(name.startswith("wrapped/") and name.endswith(f"/{new_key}.json") for name in added)
    assert tipref.json("vault", "status")["current_key"] == new_key


def test_concurrent_rotations_on_two_laptops_keep_both_keys(two_laptops):
    """Before: the overwrite sync replaced vault.json and the member file: the office's key
    was gone, its new case could never be decrypted, and 'tipref log' aborted."""
    office, laptop, _ = two_laptops
    office_key = json.loads(run(office, "vault", "rotate", "--json").stdout)["new_key"]
    office_case = json.loads(
        run(office, "case", "new", "--name", "Office Person", "--sex", "female", "--json").stdout
    )
    laptop_key = json.loads(run(laptop, "vault", "rotate", "--json").stdout)["new_key"]
    laptop_case = json.loads(
        run(laptop, "case", "new", "--name", "Laptop Person", "--sex", "male", "--json").stdout
    )
    office.overwrite_from(laptop)  # last writer wins, file by file
    laptop.overwrite_from(office)
    for side in (office, laptop):
        status = json.loads(run(side, "vault", "status", "--json").stdout)
        held = {k["id"] for k in status["keys"]}
        assert {office_key, laptop_key} <= held
        assert status["current_key"] in (office_key, laptop_key)
        for case, name in ((office_case, "Office Person"), (laptop_case, "Laptop Person")):
            shown = json.loads(run(side, "case", "show", case["id"], "--json").stdout)
            assert shown["persons"][0]["name"] == name
        assert run(side, "log", office_case["id"]).exit_code == 0
        assert run(side, "log", laptop_case["id"]).exit_code == 0
    # both laptops agree on the key new writes use
    assert (
        json.loads(run(office, "vault", "status", "--json").stdout)["current_key"]
        == json.loads(run(laptop, "vault", "status", "--json").stdout)["current_key"]
    )


def test_a_removed_member_gets_no_key_made_after(
    tipref, victim_case, monkeypatch, tmp_path, isolated_env
):
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    home_a = isolated_env / "config"
    public_b = make_member(tipref, monkeypatch, tmp_path / "b" / "config", PASS_B, "B")
    member_b = json.loads(public_b.read_text())["member_id"]
    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(home_a))
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "add-member", public_b)
    assert any((tipref.book / "vault" / "wrapped" / member_b).glob("*.json"))
    tipref("vault", "remove-member", member_b, "--yes")
    tipref("vault", "rotate")
    assert not (tipref.book / "vault" / "wrapped" / member_b).exists()
    status = tipref.json("vault", "status")
    assert member_b not in [m["member_id"] for m in status["members"]]


def test_an_old_layout_book_reads_and_migrates_once(tipref, victim_case, monkeypatch):
    """A book encrypted before key files: keys in vault.json, wraps in the member file."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    vault = tipref.book / "vault"
    (key,) = (vault / "keys").glob("*.json")
    (wrap,) = (vault / "wrapped").rglob("*.json")
    (member,) = (vault / "members").glob("*.json")
    meta = json.loads(key.read_text())
    old = {"format": 1, "cipher": "AES-256-GCM", "current_key": meta["id"], "keys": [meta]}
    (vault / "vault.json").write_text(json.dumps(old))
    data = json.loads(member.read_text())
    data["keys"] = {meta["id"]: json.loads(wrap.read_text())["wrapped"]}
    member.write_text(json.dumps(data))
    shutil.rmtree(vault / "keys")
    shutil.rmtree(vault / "wrapped")

    name = tipref.json("case", "show", victim_case["number"])["persons"][0]["name"]
    assert name == "Maria Ulu"  # the old layout still reads
    new_key = tipref.json("vault", "rotate")["new_key"]  # a vault change migrates first
    assert (vault / "keys" / f"{meta['id']}.json").exists()
    assert (vault / "keys" / f"{new_key}.json").exists()
    assert (vault / "wrapped" / data["member_id"] / f"{meta['id']}.json").exists()
    again = vault_files(tipref.book)
    tipref("vault", "rotate")  # rerun: what was migrated is not rewritten
    assert {n: b for n, b in vault_files(tipref.book).items() if n in again} == again
    assert tipref.json("case", "show", victim_case["number"])["persons"][0]["name"] == "Maria Ulu"


def test_conflict_copies_of_member_files_are_not_members(tipref, victim_case, monkeypatch):
    """Before: 'vault status' listed 4 members for 2 after a sync left conflict copies."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    (member,) = (tipref.book / "vault" / "members").glob("*.json")
    shutil.copy2(member, member.with_name(f"{member.stem}.sync-conflict-20261128-101010-ABC.json"))
    shutil.copy2(member, member.with_name(f"{member.stem} (1).json"))
    assert len(tipref.json("vault", "status")["members"]) == 1
