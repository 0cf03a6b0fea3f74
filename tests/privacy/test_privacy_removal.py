"""A removed member gets no key made after the removal, even from a laptop that rotated
offline before it saw the removal (issue #13, gap 1)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import Tipref
from tests.privacy.test_privacy_vault import PASS_A, PASS_B, make_member
from tests.sync.test_sync_scenarios import Laptop
from tipref.privacy import crypto
from tipref.privacy.vault import CIPHER_KEY_ID

PASS_C = "kefamenanu-staff-C"
CONFLICT = "{stem}.sync-conflict-20261128-101010-ABCDEFG{ext}"


class Member:
    """One person's laptop: their own book folder, identity and passphrase."""

    def __init__(self, laptop: Laptop, passphrase: str) -> None:
        self.laptop, self.passphrase = laptop, passphrase

    def __call__(self, *args: str, ok: bool = True):
        env, config = self.laptop.monkeypatch, self.laptop.config
        env.setenv("TIPREF_PASSPHRASE", self.passphrase)
        env.setenv("TIPREF_CONFIG_DIR", str(config))
        env.setenv("TIPREF_CACHE_DIR", str(config) + "-cache")
        return Tipref(self.laptop.root)(*args, ok=ok)

    def json(self, *args: str):
        return json.loads(self(*args, "--json").stdout)


def sync_with_conflict_copies(source: Path, target: Path) -> None:
    """Syncthing: a file both sides have in different versions is kept as a conflict copy."""
    for path in source.rglob("*"):
        if ".locks" in path.parts or not path.is_file():
            continue
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists():
            shutil.copy2(path, dest)
        elif dest.read_bytes() != path.read_bytes():
            shutil.copy2(path, dest.with_name(CONFLICT.format(stem=dest.stem, ext=dest.suffix)))


def opened_by(identity: Path, passphrase: str, root: Path) -> set[str]:
    """Every key id a member's private key opens, trying every file under vault/."""
    private = crypto.unlock_identity(json.loads(identity.read_text()), passphrase)
    opened = set()
    for path in (root / "vault").rglob("*"):
        try:
            data = json.loads(path.read_text()) if path.is_file() else None
        except ValueError:
            continue
        wraps = [data] if isinstance(data, dict) else []
        wraps += list((data or {}).get("keys", {}).items()) if isinstance(data, dict) else []
        for item in wraps:
            key_id, wrapped = (
                (item.get("key_id"), item.get("wrapped")) if isinstance(item, dict) else item
            )
            try:
                crypto.unwrap_key(wrapped, private, str(key_id))
            except (crypto.DecryptionFailed, KeyError, TypeError, ValueError, AttributeError):
                continue
            opened.add(str(key_id))
    return opened


def sealed_with(root: Path) -> set[str]:
    keys = set()
    for folder in ("cases", "referrals"):
        for path in (root / folder).glob("*.json"):
            keys |= set(CIPHER_KEY_ID.findall(path.read_text(encoding="utf-8")))
    return keys


@pytest.fixture
def team(tipref, victim_case, book_path, tmp_path, monkeypatch, isolated_env):
    """Members A (office) and B (laptop) and C; the book synced to B's laptop."""
    home_a = isolated_env / "config"
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    public_b = make_member(tipref, monkeypatch, tmp_path / "b" / "config", PASS_B, "B")
    public_c = make_member(tipref, monkeypatch, tmp_path / "c" / "config", PASS_C, "C")
    office = Member(Laptop(book_path, home_a, monkeypatch), PASS_A)
    office("vault", "add-member", public_b)
    office("vault", "add-member", public_c)
    other = tmp_path / "laptop"
    shutil.copytree(book_path, other, ignore=shutil.ignore_patterns(".locks"))
    laptop = Member(Laptop(other, tmp_path / "b" / "config", monkeypatch), PASS_B)
    member_c = json.loads(public_c.read_text())["member_id"]
    return office, laptop, member_c, tmp_path / "c" / "config" / "identity.json"


@pytest.mark.parametrize("style", ["overwrite", "conflict-copies"])
def test_an_offline_rotation_wraps_nothing_for_a_member_removed_meanwhile(team, style):
    """Before: B's offline rotation wrapped its key for C, and C kept it after the sync."""
    office, laptop, member_c, identity_c = team
    office("vault", "remove-member", member_c, "--yes")
    marker = json.loads((office.laptop.root / "vault" / "removed" / f"{member_c}.json").read_text())
    (shown,) = office.json("vault", "status")["removed"]
    assert shown["member_id"] == member_c and shown["label"] == "C"
    before = set(marker["keys_before"])
    laptop_key = laptop.json("vault", "rotate")["new_key"]  # B has not seen the removal
    laptop.json("case", "new", "--name", "Laptop Person", "--sex", "male")
    assert laptop_key in opened_by(identity_c, PASS_C, laptop.laptop.root)  # what went wrong
    if style == "overwrite":
        office.laptop.overwrite_from(laptop.laptop)
        laptop.laptop.overwrite_from(office.laptop)
    else:
        sync_with_conflict_copies(laptop.laptop.root, office.laptop.root)
    assert (office.laptop.root / "vault" / "members" / f"{member_c}.json").exists()
    assert member_c not in [m["member_id"] for m in office.json("vault", "status")["members"]]
    again = office.json("vault", "rotate")["new_key"]  # the marker is there: C is skipped
    assert again not in opened_by(identity_c, PASS_C, office.laptop.root)

    found = office("doctor", ok=False)
    assert "made after the removal" in found.stderr and laptop_key in found.stderr
    office("doctor", "--fix", ok=False)
    root = office.laptop.root
    assert opened_by(identity_c, PASS_C, root) <= before
    assert not list((root / "vault" / "wrapped").glob(f"{member_c}/*"))
    assert not (root / "vault" / "members" / f"{member_c}.json").exists()
    # the records are sealed with keys C never held, the one B wrapped for them included
    assert not sealed_with(root) & (before | {laptop_key})
    problems = [p["type"] for p in office.json("vault", "status")["problems"]]
    assert not [p for p in problems if p.startswith("vault-removed")]
    names = sorted(
        office.json("case", "show", c["number"])["persons"][0]["name"]
        for c in office.json("case", "list")
    )
    assert names == ["Laptop Person", "Maria Ulu"]
    laptop.laptop.overwrite_from(office.laptop)  # B reads everything after the sync
    assert laptop("case", "list").exit_code == 0


def test_a_removed_member_cannot_be_added_back_under_the_same_id(team):
    office, _, member_c, identity_c = team
    office("vault", "remove-member", member_c, "--yes")
    public = json.loads(identity_c.read_text())
    path = identity_c.parent.parent / "c-again.json"
    path.write_text(json.dumps({k: public[k] for k in ("member_id", "label", "public_key")}))
    result = office("vault", "add-member", str(path), ok=False)
    assert result.exit_code == 1 and f"{member_c} was removed" in result.stderr
    assert "Traceback" not in result.output
    assert os.path.exists(office.laptop.root / "vault" / "removed" / f"{member_c}.json")
