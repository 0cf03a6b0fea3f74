"""Key versions written once, and each member's wrapped keys in files of their own.

A shared folder synced by Syncthing, Drive or Dropbox keeps the last writer of a file, or
a conflict copy. One ``vault.json`` listing every key, rewritten by each rotation, lost a
key when two laptops rotated offline. So each key version is its own file, written once
and never replaced::

    vault/keys/<key-id>.json               id, created_at, created_by, why
    vault/wrapped/<member-id>/<key-id>.json  that key, wrapped for that member

Two rotations on two laptops write different files: after the sync both keys are there,
and data sealed under either opens for every member who holds it. The current key (the
one new writes use) is the newest key version, by creation time then id, so every laptop
agrees on it (a rotation names the key it replaced, so clocks that disagree do not
matter).

A removed member gets a *removal marker*, written once and never changed::

    vault/removed/<member-id>.json         who, when, by whom, the keys that existed then

Every rotation skips a member with a marker, even when the member's own file is still
there (a laptop that has not synced the removal yet brings it back). A laptop that
rotated offline before it saw the marker wrapped its new key for the removed member:
``doctor --fix`` (:mod:`tipref.sync.vaultcheck`) deletes every wrapped copy of a removed
member and, when one of them was made after the removal, rotates once more so that new
writes use a key the removed member never had. Deleting those copies stays within the
single-writer rule: each is a write-once file (written by the one device that made the
key, never changed), so its only states are "there, with its one content" and "gone";
the marker makes "gone" the state every device agrees on, two devices deleting it race
harmlessly, and a sync service that brings one back is answered by the next doctor.

Books made before this layout list their keys in ``vault/vault.json`` and their wrapped
keys inside ``vault/members/<id>.json``: both are still read, and :func:`migrate` copies
them into the new files (safe to run again: a file that exists is never rewritten). The
copy is the upgrade to book format 3 (:mod:`tipref.storage.format`): it runs once, at
the first write of a tipref that knows this layout, and is logged; an older tipref then
reads the book but refuses to write it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from tipref.errors import CorruptRecord
from tipref.privacy.keys import read_json, write_json
from tipref.storage.format import UPGRADE_STEPS

VAULT_FOLDER = "vault"
KEYS_FOLDER = "keys"
WRAPPED_FOLDER = "wrapped"
REMOVED_FOLDER = "removed"
LEGACY_FILE = "vault.json"
# A file of one key or one member is named by its id; a sync service's conflict copy
# ("<id>.sync-conflict-....json", "<id> (1).json") is not a key or a member of its own.
KEY_ID = re.compile(r"k[0-9a-f]{6,64}")
MEMBER_ID = re.compile(r"[0-9A-Z]{26}")


def _folder(root: Path, *parts: str) -> Path:
    return root.joinpath(VAULT_FOLDER, *parts)


def write_once(path: Path, data: dict[str, Any]) -> bool:
    """Write ``path`` unless it exists (a key version is never replaced); True if written."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json(path, data)
    return True


def _named(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if pattern.fullmatch(p.stem))


def _legacy(root: Path) -> dict[str, Any]:
    try:
        return read_json(_folder(root, LEGACY_FILE))
    except CorruptRecord:
        return {}


def key_versions(root: Path) -> list[dict[str, Any]]:
    """Every key version of the book, oldest first (the last is the current key)."""
    found: dict[str, dict[str, Any]] = {}
    for entry in _legacy(root).get("keys", []):
        if isinstance(entry, dict) and KEY_ID.fullmatch(str(entry.get("id", ""))):
            found[entry["id"]] = entry
    for path in _named(_folder(root, KEYS_FOLDER), KEY_ID):
        try:
            found[path.stem] = {**read_json(path), "id": path.stem}
        except CorruptRecord:
            found.setdefault(path.stem, {"id": path.stem, "created_at": ""})
    return sorted(found.values(), key=lambda k: _order(found, k))


def _order(found: dict[str, dict[str, Any]], key: dict[str, Any]) -> tuple[int, str, str]:
    """A key made by a rotation comes after the key it replaced ("after"), whatever the
    clocks say; two rotations of the same key (two laptops offline) by time, then id."""
    depth, seen, after = 0, {key["id"]}, key.get("after")
    while isinstance(after, str) and after in found and after not in seen:
        depth, seen, after = depth + 1, seen | {after}, found[after].get("after")
    return depth, str(key.get("created_at", "")), key["id"]


def current_key(root: Path) -> str | None:
    """The key new writes use: the newest version, the same on every laptop."""
    versions = key_versions(root)
    return versions[-1]["id"] if versions else _legacy(root).get("current_key")


def wrapped_keys(root: Path, member: dict[str, Any]) -> dict[str, Any]:
    """A member's wrapped keys by key id: their own files, and the old member-file list."""
    found = dict(member.get("keys") or {})
    for path in _named(_folder(root, WRAPPED_FOLDER, str(member.get("member_id", ""))), KEY_ID):
        try:
            found[path.stem] = read_json(path)["wrapped"]
        except (CorruptRecord, KeyError):
            continue  # a damaged file: the values under that key stay unreadable to them
    return found


def add_key(root: Path, meta: dict[str, Any], wraps: dict[str, Any]) -> None:
    """A new key version: wrapped for each member (by member id), then the key's file."""
    for member_id, wrapped in wraps.items():
        wrap_for(root, member_id, meta["id"], wrapped)
    write_once(_folder(root, KEYS_FOLDER, f"{meta['id']}.json"), meta)


def wrap_for(root: Path, member_id: str, key_id: str, wrapped: Any) -> bool:
    path = _folder(root, WRAPPED_FOLDER, member_id, f"{key_id}.json")
    return write_once(path, {"member_id": member_id, "key_id": key_id, "wrapped": wrapped})


def forget_member(root: Path, member_id: str) -> None:
    """A removed member's wrapped keys go with them."""
    shutil.rmtree(_folder(root, WRAPPED_FOLDER, member_id), ignore_errors=True)


def mark_removed(root: Path, marker: dict[str, Any]) -> bool:
    """The removal marker of ``marker["member_id"]`` (written once; True if written now)."""
    return write_once(_folder(root, REMOVED_FOLDER, f"{marker['member_id']}.json"), marker)


def removed_members(root: Path) -> dict[str, dict[str, Any]]:
    """Every removal marker by member id (a damaged marker still says "removed")."""
    found: dict[str, dict[str, Any]] = {}
    for path in _named(_folder(root, REMOVED_FOLDER), MEMBER_ID):
        try:
            found[path.stem] = {**read_json(path), "member_id": path.stem}
        except CorruptRecord:
            found[path.stem] = {"member_id": path.stem, "keys_before": []}
    return found


def wrapped_files(root: Path, member_id: str) -> list[Path]:
    """Every file in a member's wrapped folder, a sync service's conflict copies too."""
    folder = _folder(root, WRAPPED_FOLDER, member_id)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def wrapped_folders(root: Path) -> list[str]:
    """The member ids that have a wrapped folder."""
    folder = _folder(root, WRAPPED_FOLDER)
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def member_files(root: Path, members_folder: str) -> list[Path]:
    """The member files, without a sync service's conflict copies."""
    return _named(_folder(root, members_folder), MEMBER_ID)


def migrate(root: Path, members: list[dict[str, Any]]) -> int:
    """Copy the old layout (keys in vault.json, wraps in member files) into key files.

    Safe to run again: files that exist are never rewritten. Returns how many it wrote.
    """
    written = 0
    for entry in _legacy(root).get("keys", []):
        if isinstance(entry, dict) and KEY_ID.fullmatch(str(entry.get("id", ""))):
            written += write_once(_folder(root, KEYS_FOLDER, f"{entry['id']}.json"), entry)
    for member in members:
        member_id = str(member.get("member_id", ""))
        for key_id, wrapped in (member.get("keys") or {}).items():
            if MEMBER_ID.fullmatch(member_id) and KEY_ID.fullmatch(key_id):
                written += wrap_for(root, member_id, key_id, wrapped)
    return written


def upgrade_layout(root: Path) -> int:
    """The book-format-3 step: an old-layout vault's keys into files of their own."""
    if not (root / VAULT_FOLDER).is_dir():
        return 0
    found = []
    for path in member_files(root, "members"):
        try:
            found.append(read_json(path))
        except CorruptRecord:
            continue  # a damaged member file: doctor and 'vault status' name it
    return migrate(root, found)


UPGRADE_STEPS[3] = upgrade_layout


def wrap_file_defect(path: Path, member: dict[str, Any]) -> str | None:
    """What is wrong with one member's wrapped-key file, checked by anyone: it parses, names
    that member and the key its file is named after, and its wrapped key has the right
    shape and recipient (:func:`tipref.privacy.crypto.wrap_defect`). None when it looks right."""
    from tipref.privacy.crypto import wrap_defect

    try:
        data = read_json(path)
    except CorruptRecord as error:
        return str(error.params.get("detail", "not JSON"))
    if data.get("member_id") != member.get("member_id"):
        return f"names member {data.get('member_id')!r}"
    if data.get("key_id") != path.stem:
        return f"names key {data.get('key_id')!r}"
    return wrap_defect(data.get("wrapped"), str(member.get("public_key", "")))


def wrap_paths(root: Path, member_id: str) -> list[Path]:
    """A member's wrapped-key files (without a sync service's conflict copies)."""
    return _named(_folder(root, WRAPPED_FOLDER, member_id), KEY_ID)
