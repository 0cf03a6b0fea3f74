"""doctor on an encrypted book: plain text from a laptop that did not know yet, member
conflict copies, keys a member lacks (issue #13, item 2)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import Tipref
from tests.privacy.test_privacy_vault import PASS_A, PASS_B, make_member, plaintext_hits
from tests.sync.test_sync_scenarios import Laptop


def test_plain_writes_from_a_laptop_that_missed_vault_init_are_found_and_sealed(
    tipref, victim_case, book_path, tmp_path, monkeypatch
):
    """Before: the laptop's new record and log lines stayed plaintext, and neither doctor
    nor vault status said anything; then doctor --fix rewrote the laptop's own log from the
    office (a second writer of one file: a sync could drop the laptop's next entries)."""
    office = Laptop(book_path, Path(os.environ["TIPREF_CONFIG_DIR"]), monkeypatch)
    office.book()
    other = tmp_path / "laptop"
    shutil.copytree(book_path, other, ignore=shutil.ignore_patterns(".locks"))
    laptop = Laptop(other, tmp_path / "laptop-config", monkeypatch)
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    laptop.book()
    Tipref(laptop.root)("case", "new", "--name", "Plain Laptop Person", "--sex", "male")
    laptop_log = next((laptop.root / "history").glob("*.jsonl"), None)
    laptop_device = laptop.book().store.device_id
    office.overwrite_from(laptop)
    office.book()
    assert plaintext_hits(book_path, ["Plain Laptop Person"])  # what went wrong

    status = tipref.json("vault", "status")
    types = {p["type"] for p in status["problems"]}
    assert {"vault-plain-record", "vault-plain-log"} <= types
    found = tipref("doctor", ok=False)
    assert "Plain text in an encrypted book" in found.output
    office_copy = book_path / "history" / f"{laptop_device}.jsonl"
    before = office_copy.read_bytes()
    fixed = json.loads(tipref("doctor", "--fix", "--json", ok=False).stdout)
    (left,) = [p for p in fixed["problems"] if not p["fixed"]]
    assert left["type"] == "vault-plain-log" and left["device"] == laptop_device
    assert laptop_device in left["message"] and "written by Tester" in left["message"]
    assert office_copy.read_bytes() == before  # another device's log: never written here
    assert plaintext_hits(book_path, ["Plain Laptop Person"]) == [
        f"history/{laptop_device}.jsonl: Plain Laptop Person"
    ]  # the record is sealed; only the laptop's own log is left, for the laptop

    # the laptop syncs, and the next time it opens the book it seals its own log
    laptop.overwrite_from(office)
    assert laptop_log is not None
    copy_laptop = laptop.config.parent / "laptop-config"
    shutil.copy2(office.config / "identity.json", copy_laptop / "identity.json")
    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(laptop.config))
    monkeypatch.setenv("TIPREF_CACHE_DIR", str(laptop.config) + "-cache")
    Tipref(laptop.root)("case", "list")  # any command, with the passphrase
    assert plaintext_hits(laptop.root, ["Plain Laptop Person"]) == []
    office.overwrite_from(laptop)
    office.book()
    assert plaintext_hits(book_path, ["Plain Laptop Person"]) == []
    assert tipref.json("vault", "status")["problems"] == []
    assert tipref.json("doctor")["healthy"]
    listed = {c["persons"][0]["sex"] for c in tipref.json("case", "list")}
    assert listed == {"female", "male"}
    shown = [
        tipref.json("case", "show", c["number"])["persons"][0]["name"]
        for c in tipref.json("case", "list")
    ]
    assert sorted(shown) == ["Maria Ulu", "Plain Laptop Person"]


def test_member_copies_are_merged_and_a_missing_wrap_is_mended(tipref, victim_case, monkeypatch):
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    vault = tipref.book / "vault"
    (member,) = (vault / "members").glob("*.json")
    copy = member.with_name(f"{member.stem}.sync-conflict-20261128-101010-ABC.json")
    shutil.copy2(member, copy)
    key_id = tipref.json("vault", "rotate")["new_key"]
    wrap = vault / "wrapped" / member.stem / f"{key_id}.json"
    wrap.unlink()
    # without the wrap this member cannot read the new key's data; the codec still holds it
    # in no file: the doctor names it, and a member who holds it (none here) could mend it
    status = tipref.json("vault", "status")
    types = sorted(p["type"] for p in status["problems"])
    unreadable = ["unreadable", "unreadable-log-lines"]  # sealed under the key I lack now
    assert types == [*unreadable, "vault-key-not-wrapped", "vault-member-copy"]
    assert len(status["members"]) == 1
    tipref("doctor", "--fix", ok=False)
    assert not copy.exists()
    remaining = [p["type"] for p in tipref.json("vault", "status")["problems"]]
    assert sorted(remaining) == [*unreadable, "vault-key-not-wrapped"]  # nobody holds it now
    assert json.loads(member.read_text())["member_id"] == member.stem


@pytest.mark.parametrize("damage", ["cut", "other-member", "other-recipient", "not-json"])
def test_another_members_damaged_wrapped_key_is_named_and_written_again(
    tipref, victim_case, monkeypatch, tmp_path, isolated_env, damage
):
    """Before: only checked to exist, so B found out when their data would not open."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    public_b = make_member(tipref, monkeypatch, tmp_path / "b" / "config", PASS_B, "B")
    member_b = json.loads(public_b.read_text())["member_id"]
    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(isolated_env / "config"))
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "add-member", public_b)
    me = tipref.json("vault", "status")["you"]
    vault = tipref.book / "vault" / "wrapped"
    (wrap_b,) = (vault / member_b).glob("*.json")
    data = json.loads(wrap_b.read_text())
    assert data["wrapped"]["recipient"]  # says for whom it was wrapped
    if damage == "cut":
        data["wrapped"]["sealed"] = data["wrapped"]["sealed"][:-8]
    elif damage == "other-member":
        data["member_id"] = me
    elif damage == "other-recipient":  # A's copy, relabelled for B: B could never open it
        data["wrapped"] = json.loads((vault / me / wrap_b.name).read_text())["wrapped"]
    wrap_b.write_text("{not json" if damage == "not-json" else json.dumps(data))

    found = json.loads(tipref("doctor", "--json", ok=False).stdout)
    assert not found["healthy"]
    (problem,) = [p for p in found["problems"] if p["type"] == "vault-key-malformed"]
    assert problem["path"] == str(wrap_b) and "damaged" in problem["message"]
    tipref("doctor", "--fix")
    assert tipref.json("doctor")["healthy"]
    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(tmp_path / "b" / "config"))
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_B)
    shown = tipref.json("case", "show", victim_case["number"])
    assert shown["persons"][0]["name"] == "Maria Ulu"  # B opens the copy written again


def test_vault_init_seals_its_own_log_and_leaves_other_devices_logs_to_them(
    tipref, victim_case, book_path, tmp_path, monkeypatch
):
    """Before: vault init rewrote every device's log (two writers of one file: a sync
    service keeping the other laptop's longer version undid it, or dropped that laptop's
    next entries)."""
    office = Laptop(book_path, Path(os.environ["TIPREF_CONFIG_DIR"]), monkeypatch)
    other = tmp_path / "laptop"
    shutil.copytree(book_path, other, ignore=shutil.ignore_patterns(".locks"))
    laptop = Laptop(other, tmp_path / "laptop-config", monkeypatch)
    device = laptop.book().store.device_id
    Tipref(laptop.root)("case", "new", "--name", "Yakob Laptop", "--sex", "male")
    office.overwrite_from(laptop)  # both laptops in sync, both logs with plain text
    laptop_log = book_path / "history" / f"{device}.jsonl"
    before = laptop_log.read_bytes()
    office.book()
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    assert laptop_log.read_bytes() == before  # not this device's file
    assert plaintext_hits(book_path, ["Maria Ulu", "Yakob Laptop"]) == [
        f"history/{device}.jsonl: Yakob Laptop"
    ]
    found = json.loads(tipref("doctor", "--json", ok=False).stdout)
    assert [p["device"] for p in found["problems"] if p["type"] == "vault-plain-log"] == [device]

    laptop.overwrite_from(office)  # the vault reaches the laptop; its member's identity too
    shutil.copy2(office.config / "identity.json", laptop.config / "identity.json")
    laptop.book()  # opening the book with the passphrase seals the laptop's own log
    assert plaintext_hits(laptop.root, ["Maria Ulu", "Yakob Laptop"]) == []
    office.overwrite_from(laptop)
    office.book()
    assert plaintext_hits(book_path, ["Maria Ulu", "Yakob Laptop"]) == []
    assert tipref.json("doctor")["healthy"]


def test_a_retired_laptops_plain_log_is_sealed_only_on_request(
    tipref, victim_case, book_path, tmp_path, monkeypatch
):
    """A laptop that wrote in plain text and will never run tipref again: doctor names it;
    'vault seal-log DEVICE --retired' seals it from here (refused without --retired)."""
    office = Laptop(book_path, Path(os.environ["TIPREF_CONFIG_DIR"]), monkeypatch)
    other = tmp_path / "laptop"
    shutil.copytree(book_path, other, ignore=shutil.ignore_patterns(".locks"))
    laptop = Laptop(other, tmp_path / "laptop-config", monkeypatch)
    device = laptop.book().store.device_id
    Tipref(laptop.root)("case", "new", "--name", "Yakob Laptop", "--sex", "male")
    office.overwrite_from(laptop)
    office.book()
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    found = tipref("doctor", ok=False)
    assert f"vault seal-log {device} --retired" in found.stderr

    log = book_path / "history" / f"{device}.jsonl"
    before = log.read_bytes()
    refused = tipref("vault", "seal-log", device, ok=False)
    assert refused.exit_code == 2 and "--retired" in refused.stderr
    unknown = tipref("vault", "seal-log", "01M8KJRZ6KFJ9JR560AMVR38DD", "--retired", ok=False)
    assert unknown.exit_code == 1 and "no log of device" in unknown.stderr
    assert log.read_bytes() == before
    done = tipref.json("vault", "seal-log", device, "--retired")
    assert done == {"device": device, "sealed": 1}  # the laptop's one entry, its new case
    assert plaintext_hits(book_path, ["Maria Ulu", "Yakob Laptop"]) == []
    assert tipref.json("doctor")["healthy"]
    assert tipref.json("vault", "seal-log", device, "--retired")["sealed"] == 0  # again: no-op
