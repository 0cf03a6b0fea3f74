"""``doctor`` on an encrypted book's ``vault/`` and on what must be sealed in it.

* conflict copies of member files (a sync service's ``<id>.sync-conflict-….json``): not
  members; the wrapped keys an old-layout copy holds are kept in files of their own, then
  the copy is removed;
* a key version a member has no wrapped copy of (they cannot open what it sealed), and a
  wrapped copy this member cannot unwrap (damaged): named; with ``fix`` a key this member
  holds is wrapped for the members who lack it;
* a removed member (a marker in ``vault/removed/``) whose member file or wrapped keys a
  laptop that had not seen the removal brought back or made: with ``fix`` deleted, after
  a rotation when a key made after the removal had been wrapped for them;
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
from tipref.i18n import Msg, register_messages
from tipref.privacy import crypto, keyfiles
from tipref.privacy.codec import PUBLIC_KINDS, VaultCodec
from tipref.privacy.keys import read_json
from tipref.privacy.removal import made_after_removal
from tipref.privacy.sealing import plain_lines, plain_paths, seal_log
from tipref.privacy.vault import (
    CIPHER_KEY_ID,
    MEMBERS_FOLDER,
    is_encrypted_book,
    member_path,
    members,
    reencrypt_history,
    rotate,
)
from tipref.sync.problem import Problem


def vault_problems(book: Book, fix: bool = False) -> list[Problem]:
    """What is wrong in an encrypted book's vault and seals; [] for a plain book."""
    if not is_encrypted_book(book.root):
        return []
    codec = book.store.codec
    unlocked = isinstance(codec, VaultCodec) and not codec.locked
    problems = _member_copies(book, fix)
    problems += _removed(book, codec if isinstance(codec, VaultCodec) and unlocked else None, fix)
    problems += _unwrapped(book, codec if isinstance(codec, VaultCodec) and unlocked else None, fix)
    problems += _plain_records(book, fix and unlocked)
    problems += _plain_logs(book, fix and unlocked)
    if isinstance(codec, VaultCodec) and unlocked:
        problems += unreadable_problems(book, set(codec.keys))
    return problems


def unreadable_problems(book: Book, held: set[str]) -> list[Problem]:
    """Record files and log lines sealed under a key this member does not hold: named and
    counted, never skipped (found by the key ids in the bytes: nothing is decrypted)."""
    problems = []
    for kind in book.store.folders:
        for record_id in [] if kind in PUBLIC_KINDS else book.store.ids(kind):
            path = book.store.path(kind, record_id)
            keys = _foreign_keys(path, held)
            if keys:
                message = Msg("vaultcheck.unreadable_record", path=str(path), keys=", ".join(keys))
                problems.append(Problem("unreadable", message, str(path), False, {"keys": keys}))
    for path in book.store.history.files():
        lines, keys = _foreign_lines(path, held)
        if lines:
            message = Msg(
                "vaultcheck.unreadable_lines",
                path=str(path),
                count=len(lines),
                keys=", ".join(keys),
            )
            data = {"lines": lines, "keys": keys}
            problems.append(Problem("unreadable-log-lines", message, str(path), False, data))
    return problems


def _foreign_keys(path: Path, held: set[str]) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return sorted(set(CIPHER_KEY_ID.findall(text)) - held)


def _foreign_lines(path: Path, held: set[str]) -> tuple[list[int], list[str]]:
    from tipref.storage.history import read_lines

    lines, keys = [], set()
    for line in read_lines(path):
        foreign = set(CIPHER_KEY_ID.findall(line.raw)) - held
        if foreign:
            lines.append(line.number)
            keys |= foreign
    return lines, sorted(keys)


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
        message = Msg("vaultcheck.member_copy", path=str(path), original=original)
        problems.append(Problem("vault-member-copy", message, str(path), fix))
    return problems


def _unwrapped(book: Book, codec: VaultCodec | None, fix: bool) -> list[Problem]:
    problems: list[Problem] = []
    versions = [k["id"] for k in keyfiles.key_versions(book.root)]
    for member in members(book.root):
        member_id = member["member_id"]
        problems += _malformed(book, member, codec, fix)
        held = keyfiles.wrapped_keys(book.root, member)
        if codec is not None and member_id == codec.member_id:
            for key_id in sorted(set(held) - set(codec.keys)):
                message = Msg("vaultcheck.unwrap_failed", key_id=key_id, member=member_id)
                problems.append(Problem("vault-key-unreadable", message, None, False))
        for key_id in [k for k in versions if k not in held]:
            mended = fix and codec is not None and key_id in codec.keys
            if mended:
                assert codec is not None
                _wrap_again(book, member, key_id, codec.keys[key_id])
            label = member.get("label") or member_id
            message = Msg("vaultcheck.not_wrapped", key_id=key_id, member=label)
            problems.append(Problem("vault-key-not-wrapped", message, None, mended))
    return problems


def _malformed(
    book: Book, member: dict[str, Any], codec: VaultCodec | None, fix: bool
) -> list[Problem]:
    """Another member's wrapped keys cannot be opened here (their private key is theirs),
    but each file is checked to name them and its key, to have the shape of a wrapped key
    and to be wrapped for their public key (by its fingerprint); a damaged copy is written
    again by a member who holds the key."""
    problems = []
    for path in keyfiles.wrap_paths(book.root, member["member_id"]):
        defect = keyfiles.wrap_file_defect(path, member)
        if defect is None:
            continue
        mended = fix and codec is not None and path.stem in codec.keys
        if mended:
            assert codec is not None
            path.unlink()
            _wrap_again(book, member, path.stem, codec.keys[path.stem])
        label = member.get("label") or member["member_id"]
        message = Msg(
            "vaultcheck.wrap_malformed",
            key_id=path.stem,
            member=label,
            path=str(path),
            detail=defect,
        )
        problems.append(Problem("vault-key-malformed", message, str(path), mended))
    return problems


def _wrap_again(book: Book, member: dict[str, Any], key_id: str, key: bytes) -> None:
    wrapped = crypto.wrap_key(key, member["public_key"], key_id)
    keyfiles.wrap_for(book.root, member["member_id"], key_id, wrapped)


def _removed(book: Book, codec: VaultCodec | None, fix: bool) -> list[Problem]:
    """Removed members' files that came back, and keys wrapped for them after the removal."""
    markers = keyfiles.removed_members(book.root)
    problems = _removed_member_files(book, markers, fix)
    leftovers = {m: keyfiles.wrapped_files(book.root, m) for m in markers}
    leftovers = {m: files for m, files in leftovers.items() if files}
    exposed = {
        key_id
        for member_id, files in leftovers.items()
        for key_id in map(_key_in, files)
        if made_after_removal(markers[member_id], key_id)
    }
    # a key made after a removal was wrapped for the removed member: new writes move to a
    # key they never had, before their copies are deleted (so an interrupted fix reruns)
    can_mend = fix and codec is not None and codec.current in codec.keys
    if exposed and can_mend:
        rotate(book, "removed-member-exposed")
        reencrypt_history(book)
    for member_id, files in leftovers.items():
        if can_mend:
            for path in files:
                path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # the folder too, once empty
                files[0].parent.rmdir()
        problems.append(_removed_keys_problem(markers[member_id], files, can_mend))
    return problems


def _removed_member_files(
    book: Book, markers: dict[str, dict[str, Any]], fix: bool
) -> list[Problem]:
    problems = []
    for member_id, marker in markers.items():
        path = member_path(book.root, member_id)
        if not path.exists():
            continue
        if fix:
            path.unlink()
        label = marker.get("label") or member_id
        message = Msg("vaultcheck.removed_member_file", path=str(path), member=label)
        problems.append(Problem("vault-removed-member-file", message, str(path), fix))
    return problems


def _removed_keys_problem(marker: dict[str, Any], files: list[Path], fixed: bool) -> Problem:
    later = sorted(k for k in map(_key_in, files) if made_after_removal(marker, k))
    message = Msg(
        "vaultcheck.removed_member_keys",
        member=marker.get("label") or marker["member_id"],
        at=str(marker.get("removed_at", "?"))[:10],
        count=len(files),
        later=", ".join(later) or "-",
        folder=str(files[0].parent),
    )
    return Problem("vault-removed-member-keys", message, str(files[0].parent), fixed)


def _key_in(path: Path) -> str:
    """The key id a wrapped file (or a sync service's copy of one) is named after."""
    match = keyfiles.KEY_ID.match(path.name)
    return match.group(0) if match else path.stem


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
            message = Msg("vaultcheck.plain_record", path=str(path), fields=", ".join(fields[:5]))
            problems.append(Problem("vault-plain-record", message, str(path), fix))
    return problems


def _plain_logs(book: Book, fix: bool) -> list[Problem]:
    """Plain log lines: this device's own are sealed by ``fix``; another device's are named
    with the device and who wrote them (that device seals them: :mod:`tipref.privacy.sealing`)."""
    problems: list[Problem] = []
    own = book.store.history.path
    for path in sorted(book.store.history.folder.glob("*.jsonl")):
        lines = plain_lines(path)
        if not lines:
            continue
        fixed = fix and path == own
        if fixed:
            seal_log(book, path)
        data = {"lines": [item["line"] for item in lines], "device": path.stem}
        problems.append(
            Problem("vault-plain-log", _plain_log_message(path, own, lines), str(path), fixed, data)
        )
    return problems


def _plain_log_message(path: Path, own: Path, lines: list[dict[str, Any]]) -> Msg:
    if path == own:
        return Msg("vaultcheck.plain_log", path=str(path), count=len(lines))
    by = sorted({str(item["by"]) for item in lines if item.get("by")})
    return Msg(
        "vaultcheck.plain_log_other",
        path=str(path),
        count=len(lines),
        device=path.stem,
        by=", ".join(by) or "?",
    )


register_messages(
    {
        "vaultcheck.member_copy": {
            "id": "Salinan konflik berkas anggota {path} (dari {original}): bukan anggota; "
            "kunci yang dibawanya disimpan, salinannya dihapus.",
            "en": "Conflict copy of a member file {path} (of {original}): not a member; the "
            "keys it holds are kept, the copy is removed.",
        },
        "vaultcheck.unwrap_failed": {
            "id": "Kunci {key_id} untuk Anda ({member}) tidak bisa dibuka (berkas rusak?); data "
            "dengan kunci itu tidak terbaca oleh Anda. Minta anggota lain menjalankan "
            "'tipref doctor --fix'.",
            "en": "Key {key_id} wrapped for you ({member}) cannot be opened (a damaged file?); "
            "data sealed with it is unreadable to you. Ask another member to run "
            "'tipref doctor --fix'.",
        },
        "vaultcheck.wrap_malformed": {
            "id": "Salinan kunci {key_id} untuk {member} rusak ({path}: {detail}); ia tidak bisa "
            "membuka data dengan kunci itu. 'tipref doctor --fix' oleh anggota yang memegang "
            "kunci itu menulisnya lagi.",
            "en": "The copy of key {key_id} wrapped for {member} is damaged ({path}: {detail}); "
            "they cannot open data sealed with it. 'tipref doctor --fix' by a member who holds "
            "the key writes it again.",
        },
        "vaultcheck.not_wrapped": {
            "id": "Anggota {member} tidak memegang kunci {key_id}: data dengan kunci itu tidak "
            "terbaca olehnya ('tipref doctor --fix' oleh anggota yang memegangnya).",
            "en": "Member {member} does not hold key {key_id}: data sealed with it is unreadable "
            "to them ('tipref doctor --fix' by a member who holds it).",
        },
        "vaultcheck.removed_member_file": {
            "id": "Berkas anggota {member} yang sudah dikeluarkan muncul lagi ({path}); "
            "'tipref doctor --fix' menghapusnya.",
            "en": "The member file of {member}, who was removed, is back ({path}); "
            "'tipref doctor --fix' deletes it.",
        },
        "vaultcheck.removed_member_keys": {
            "id": "{count} kunci terbungkus untuk {member} (dikeluarkan {at}) ada di {folder}; "
            "dibuat setelah pengeluaran: {later}. 'tipref doctor --fix' oleh anggota yang "
            "tidak terkunci menghapusnya (dan mengganti kunci bila ada yang dibuat setelahnya).",
            "en": "{count} wrapped key(s) for {member} (removed {at}) are in {folder}; made after "
            "the removal: {later}. 'tipref doctor --fix' by an unlocked member deletes them "
            "(and rotates the key when one was made after the removal).",
        },
        "vaultcheck.unreadable_record": {
            "id": "Tidak terbaca oleh Anda: {path}, dienkripsi dengan kunci {keys} yang tidak "
            "Anda pegang (salinannya belum tersinkron, atau minta anggota yang memegangnya "
            "menjalankan 'tipref doctor --fix').",
            "en": "Unreadable to you: {path}, sealed with key {keys}, which you do not hold (its "
            "copy has not synced yet, or ask a member who holds it to run 'tipref doctor --fix').",
        },
        "vaultcheck.unreadable_lines": {
            "id": "{count} baris riwayat di {path} dienkripsi dengan kunci {keys} yang tidak "
            "Anda pegang; 'tipref log --allow-partial' menampilkannya tanpa nilainya.",
            "en": "{count} history line(s) in {path} are sealed with key {keys}, which you do not "
            "hold; 'tipref log --allow-partial' shows them without their values.",
        },
        "vaultcheck.plain_record": {
            "id": "Teks terbuka di buku terenkripsi: {path} ({fields}); 'tipref doctor --fix' "
            "mengenkripsinya.",
            "en": "Plain text in an encrypted book: {path} ({fields}); 'tipref doctor --fix' "
            "encrypts it.",
        },
        "vaultcheck.plain_log": {
            "id": "Teks terbuka di buku terenkripsi: {count} baris riwayat di {path}; "
            "'tipref doctor --fix' mengenkripsinya.",
            "en": "Plain text in an encrypted book: {count} history line(s) in {path}; "
            "'tipref doctor --fix' encrypts them.",
        },
        "vaultcheck.plain_log_other": {
            "id": "Teks terbuka di buku terenkripsi: {count} baris riwayat di {path}, log "
            "perangkat {device} (ditulis oleh {by}). Hanya perangkat itu yang menulis lognya: "
            "jalankan tipref apa saja dengan frasa sandi di laptop itu (mis. 'tipref doctor "
            "--fix'); laptop itu mengenkripsinya sendiri. Jika laptop itu hilang atau tidak "
            "dipakai lagi: 'tipref vault seal-log {device} --retired'.",
            "en": "Plain text in an encrypted book: {count} history line(s) in {path}, the log "
            "of device {device} (written by {by}). Only that device writes its log: run any "
            "tipref command with the passphrase on that laptop (e.g. 'tipref doctor --fix'); "
            "it seals them itself. If that laptop is gone for good: "
            "'tipref vault seal-log {device} --retired'.",
        },
    }
)
