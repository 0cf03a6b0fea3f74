"""``doctor`` on an encrypted book's ``vault/`` and on what must be sealed in it.

* conflict copies of member files (a sync service's ``<id>.sync-conflict-….json``): not
  members; the wrapped keys an old-layout copy holds are kept in files of their own, then
  the copy is removed;
* a key version a member has no wrapped copy of (they cannot open what it sealed), and a
  wrapped copy this member cannot unwrap (damaged): named; with ``fix`` a key this member
  holds is wrapped for the members who lack it;
* plain text where an encrypted book seals (a record or log line written by a laptop that
  did not know yet the book was encrypted): named; with ``fix`` sealed under the current
  key (it needs the passphrase).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from tipref.book.casebook import Book
from tipref.errors import CorruptRecord
from tipref.i18n import Msg
from tipref.privacy import crypto, keyfiles
from tipref.privacy.codec import PUBLIC_KINDS, VaultCodec, _field_is_sensitive, _transform
from tipref.privacy.keys import read_json
from tipref.privacy.vault import MEMBERS_FOLDER, is_encrypted_book, members, rewrite_log
from tipref.sync.problem import Problem


def vault_problems(book: Book, fix: bool = False) -> list[Problem]:
    """What is wrong in an encrypted book's vault and seals; [] for a plain book."""
    if not is_encrypted_book(book.root):
        return []
    codec = book.store.codec
    unlocked = isinstance(codec, VaultCodec) and not codec.locked
    problems = _member_copies(book, fix)
    problems += _unwrapped(book, codec if isinstance(codec, VaultCodec) and unlocked else None, fix)
    problems += _plain_records(book, fix and unlocked)
    problems += _plain_logs(book, fix and unlocked)
    return problems


def _member_copies(book: Book, fix: bool) -> list[Problem]:
    from tipref.sync.doctor import conflict_original

    folder = book.root / "vault" / MEMBERS_FOLDER
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        original = conflict_original(path.name)
        if original is None or original == path.name:
            continue
        if fix:
            with contextlib.suppress(CorruptRecord):  # a damaged copy holds nothing to keep
                keyfiles.migrate(book.root, [read_json(path)])
            path.unlink()
        message = Msg(
            "Conflict copy of a member file {path} (of {original}): not a member; the keys it holds are kept, the copy is removed.",
            path=str(path),
            original=original,
        )
        problems.append(Problem("vault-member-copy", message, str(path), fix))
    return problems


def _unwrapped(book: Book, codec: VaultCodec | None, fix: bool) -> list[Problem]:
    problems: list[Problem] = []
    versions = [k["id"] for k in keyfiles.key_versions(book.root)]
    for member in members(book.root):
        member_id = member["member_id"]
        held = keyfiles.wrapped_keys(book.root, member)
        if codec is not None and member_id == codec.member_id:
            for key_id in sorted(set(held) - set(codec.keys)):
                message = Msg(
                    "Key {key_id} wrapped for you ({member}) cannot be opened (a damaged file?); data sealed with it is unreadable to you. Ask another member to run 'tipref doctor --fix'.",
                    key_id=key_id,
                    member=member_id,
                )
                problems.append(Problem("vault-key-unreadable", message, None, False))
        for key_id in [k for k in versions if k not in held]:
            mended = fix and codec is not None and key_id in codec.keys
            if mended:
                assert codec is not None
                wrapped = crypto.wrap_key(codec.keys[key_id], member["public_key"], key_id)
                keyfiles.wrap_for(book.root, member_id, key_id, wrapped)
            label = member.get("label") or member_id
            message = Msg(
                "Member {member} does not hold key {key_id}: data sealed with it is unreadable to them ('tipref doctor --fix' by a member who holds it).",
                key_id=key_id,
                member=label,
            )
            problems.append(Problem("vault-key-not-wrapped", message, None, mended))
    return problems


def plain_paths(value: Any, sensitive: bool = False) -> list[str]:
    """Where a value holds plain text under a sensitive key (empty values do not count)."""
    found: list[str] = []

    def leaf(item: Any, path: str) -> Any:
        if not crypto.is_encrypted(item) and item not in ("", [], {}):
            found.append(path or "value")
        return item

    _transform(value, "", sensitive, leaf)
    return found


def _plain_records(book: Book, fix: bool) -> list[Problem]:
    problems: list[Problem] = []
    for kind in book.store.folders:
        if kind in PUBLIC_KINDS:
            continue
        for record_id in book.store.ids(kind):
            path = book.store.path(kind, record_id)
            try:
                fields = plain_paths(json.loads(path.read_bytes()))
            except (OSError, ValueError):
                continue  # corrupt: the record checks of doctor say so
            if not fields:
                continue
            if fix:
                book.store.modify(
                    kind, record_id, lambda d: d, book.actor, action="encrypt", note="doctor"
                )
            message = Msg(
                "Plain text in an encrypted book: {path} ({fields}); 'tipref doctor --fix' encrypts it.",
                path=str(path),
                fields=", ".join(fields[:5]),
            )
            problems.append(Problem("vault-plain-record", message, str(path), fix))
    return problems


def _plain_entry(entry: dict[str, Any]) -> bool:
    if entry.get("kind") in PUBLIC_KINDS:
        return False
    if entry.get("note") not in (None, "") and not crypto.is_encrypted(entry.get("note")):
        return True
    for change in entry.get("changes") or []:
        sensitive = _field_is_sensitive(str(change.get("field", "")))
        if any(plain_paths(change.get(side), sensitive) for side in ("old", "new")):
            return True
    return False


def _plain_logs(book: Book, fix: bool) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted(book.store.history.folder.glob("*.jsonl")):
        lines = _plain_lines(path)
        if not lines:
            continue
        if fix:
            rewrite_log(book, path, lambda entry: entry)
        message = Msg.plural(
            "Plain text in an encrypted book: {count} history line in {path}; 'tipref doctor --fix' encrypts it.",
            "Plain text in an encrypted book: {count} history lines in {path}; 'tipref doctor --fix' encrypts them.",
            len(lines),
            path=str(path),
            count=len(lines),
        )
        problems.append(Problem("vault-plain-log", message, str(path), fix, {"lines": lines}))
    return problems


def _plain_lines(path: Path) -> list[int]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and _plain_entry(entry):
            found.append(number)
    return found
