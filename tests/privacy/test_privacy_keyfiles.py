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


def old_layout(root: Path) -> tuple[dict, str]:
    """The book as a tipref before key files left it: format 2, keys in vault.json, wraps
    in the member file. Returns the key's metadata and the member id."""
    vault = root / "vault"
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
    (root / "format.json").write_text('{"format": 2, "tipref": "0.9.0"}')
    return meta, data["member_id"]


def upgrades(root: Path) -> list[dict]:
    found = []
    for log in (root / "history").glob("*.jsonl"):
        for line in log.read_text().splitlines():
            entry = json.loads(line)
            if entry.get("action") == "format-upgrade":
                found.append(entry)
    return found


def test_an_old_layout_book_reads_and_migrates_once_at_its_first_write(
    tipref, victim_case, monkeypatch
):
    """Before: the copy into key files ran only at rotate/remove-member and was not logged."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    meta, member = old_layout(tipref.book)
    vault = tipref.book / "vault"
    name = tipref.json("case", "show", victim_case["number"])["persons"][0]["name"]
    assert name == "Maria Ulu"  # the old layout still reads, and reading writes nothing
    assert not (vault / "keys").exists() and upgrades(tipref.book) == []

    tipref("case", "update", victim_case["number"], "--risk", "low")  # the first write
    assert (vault / "keys" / f"{meta['id']}.json").exists()
    assert (vault / "wrapped" / member / f"{meta['id']}.json").exists()
    assert json.loads((tipref.book / "format.json").read_text())["format"] == 3
    (entry,) = upgrades(tipref.book)
    assert {"field": "format", "old": 2, "new": 3} in entry["changes"]
    assert "2 file(s) written" in entry["note"]
    migrated = vault_files(tipref.book)
    tipref("case", "update", victim_case["number"], "--risk", "high")
    tipref("vault", "rotate")  # later writes: nothing migrated is rewritten, nothing relogged
    assert {n: b for n, b in vault_files(tipref.book).items() if n in migrated} == migrated
    assert len(upgrades(tipref.book)) == 1
    assert tipref.json("case", "show", victim_case["number"])["persons"][0]["name"] == "Maria Ulu"
    assert tipref.json("doctor")["healthy"]  # the upgrade's entry is no plain text


@pytest.mark.parametrize("where", ["copying keys", "writing format.json"])
def test_an_interrupted_layout_migration_runs_again_and_logs_once(
    tipref, victim_case, monkeypatch, where
):
    from tipref.privacy import keyfiles
    from tipref.storage import format as book_format

    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    meta, member = old_layout(tipref.book)
    case_file = tipref.book / "cases" / f"{victim_case['id']}.json"
    before = case_file.read_bytes()

    def power_cut(*args, **kwargs):
        raise OSError(5, "Input/output error (simulated power cut)")

    with pytest.MonkeyPatch.context() as cut:
        if where == "copying keys":
            real = keyfiles.write_once
            calls = []

            def first_then_cut(path, data):
                calls.append(path)
                return real(path, data) if len(calls) == 1 else power_cut()

            cut.setattr(keyfiles, "write_once", first_then_cut)
        else:
            cut.setattr(book_format, "record_format", power_cut)
        result = tipref("case", "update", victim_case["number"], "--risk", "low", ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert case_file.read_bytes() == before  # the write that upgraded did not happen
    assert json.loads((tipref.book / "format.json").read_text())["format"] == 2

    tipref("case", "update", victim_case["number"], "--risk", "low")  # run again
    assert json.loads((tipref.book / "format.json").read_text())["format"] == 3
    assert (tipref.book / "vault" / "wrapped" / member / f"{meta['id']}.json").exists()
    assert len(upgrades(tipref.book)) == 1
    assert tipref.json("case", "show", victim_case["number"])["risk"] == "low"


def test_an_older_tipref_reads_a_migrated_book_but_refuses_to_write(
    tipref, victim_case, monkeypatch
):
    from tipref.storage import format as book_format

    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    old_layout(tipref.book)
    tipref("case", "update", victim_case["number"], "--risk", "low")  # upgraded to format 3
    monkeypatch.setattr(book_format, "BOOK_FORMAT", 2)  # a tipref from before key files
    before = vault_files(tipref.book)
    assert tipref.json("case", "show", victim_case["number"])["persons"][0]["name"] == "Maria Ulu"
    for args in (("case", "update", victim_case["number"], "--risk", "high"), ("vault", "rotate")):
        result = tipref(*args, ok=False)
        assert result.exit_code == 1 and "format 3" in result.stderr
    assert vault_files(tipref.book) == before


def test_conflict_copies_of_member_files_are_not_members(tipref, victim_case, monkeypatch):
    """Before: 'vault status' listed 4 members for 2 after a sync left conflict copies."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    (member,) = (tipref.book / "vault" / "members").glob("*.json")
    shutil.copy2(member, member.with_name(f"{member.stem}.sync-conflict-20261128-101010-ABC.json"))
    shutil.copy2(member, member.with_name(f"{member.stem} (1).json"))
    assert len(tipref.json("vault", "status")["members"]) == 1
