"""Encryption at rest for a case book: which fields are sensitive, the codec, the members.

An encrypted book has ``vault/vault.json`` (which data key is current, and every key
version ever used) and ``vault/members/<member id>.json`` (the data keys wrapped for one
member's public key). Names, NIK, phones, street and village, chronology text and every
free text about a person are stored as AES-GCM ciphertexts inside the record files and
inside the history logs; ids, numbers, dates, enums, sex, region and country codes stay
readable so that counts and deadlines work without the key.

A member's private key lives in their own config folder (``identity.json``), encrypted
under their passphrase (Argon2id). The passphrase comes from ``TIPREF_PASSPHRASE`` or a
prompt on a terminal; a script without it gets a *locked* book: reports run, showing
and changing persons is refused with a clear message.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.errors import CorruptRecord, TiprefError
from tipref.i18n import Msg, register_messages
from tipref.privacy import crypto, keyfiles
from tipref.privacy.codec import (  # noqa: F401 - SENSITIVE_KEYS, decode_history: transitional
    PUBLIC_KINDS,
    SENSITIVE_KEYS,
    VaultCodec,
    VaultLocked,
    decode_history,
)
from tipref.privacy.keys import (  # noqa: F401 - the vault's public names, as before
    IDENTITY_FILE,
    MIN_PASSPHRASE,
    PASSPHRASE_ENV,
    create_identity,
    get_passphrase,
    identity_path,
    load_identity,
    preflight_passphrase,
    public_identity,
    read_json,
    unlock_private_key,
    write_json,
)
from tipref.privacy.removal import refuse_removed, removal_marker

if TYPE_CHECKING:
    from tipref.book.casebook import Book

VAULT_FOLDER = "vault"
VAULT_FILE = "vault.json"
IDENTITY_FIELDS = ("member_id", "public_key", "private_key", "kdf")
MEMBERS_FOLDER = "members"
# Kinds that hold nothing about a person: providers are institutions.
register_messages(
    {
        "vault.locked": {
            "id": "Buku kasus ini terenkripsi dan terkunci ({why}). Data pribadi tidak bisa dibaca atau diubah. "
            "Setel TIPREF_PASSPHRASE atau jalankan di terminal untuk memasukkan frasa sandi.",
            "en": "This case book is encrypted and locked ({why}). Personal data cannot be read or changed. "
            "Set TIPREF_PASSPHRASE or run on a terminal to enter your passphrase.",
        },
        "vault.why_no_passphrase": {"id": "tidak ada frasa sandi", "en": "no passphrase given"},
        "vault.why_no_identity": {
            "id": "belum ada kunci pribadi di perangkat ini; buat dengan 'tipref vault identity'",
            "en": "no personal key on this device; create one with 'tipref vault identity'",
        },
        "vault.why_identity_damaged": {
            "id": "berkas identitas Anda {path} rusak ({detail}); itu berkas Anda, bukan buku: "
            "pasang salinannya dengan 'tipref vault identity --import FILE'",
            "en": "your identity file {path} is damaged ({detail}); it is yours, not the book's: "
            "install your copy with 'tipref vault identity --import FILE'",
        },
        "vault.why_member_damaged": {
            "id": "berkas anggota Anda {path} rusak; pulihkan versi sebelumnya dari layanan "
            "sinkronisasi, atau minta anggota lain menjalankan 'tipref vault add-member' untuk Anda",
            "en": "your member file {path} is damaged; restore its previous version from the "
            "sync service, or ask another member to run 'tipref vault add-member' for you",
        },
        "vault.why_not_member": {
            "id": "Anda ({member}) bukan anggota brankas buku ini; minta anggota menjalankan 'tipref vault add-member'",
            "en": "you ({member}) are not a member of this book's vault; ask a member to run 'tipref vault add-member'",
        },
        "vault.wrong_passphrase": {
            "id": "Frasa sandi salah untuk kunci pribadi {path}. Tidak ada yang ditulis.",
            "en": "Wrong passphrase for the personal key {path}. Nothing was written.",
        },
        "vault.passphrase_needed": {
            "id": "Perlu frasa sandi: setel TIPREF_PASSPHRASE, atau jalankan di terminal.",
            "en": "A passphrase is needed: set TIPREF_PASSPHRASE, or run on a terminal.",
        },
        "vault.passphrase_mismatch": {
            "id": "Frasa sandi tidak sama.",
            "en": "The passphrases do not match.",
        },
        "vault.passphrase_short": {
            "id": "Frasa sandi minimal {min} karakter.",
            "en": "A passphrase needs at least {min} characters.",
        },
        "vault.key_missing": {
            "id": "Data di {path} dienkripsi dengan kunci {key_id} yang tidak Anda miliki. "
            "Jika kunci itu baru dibuat di komputer lain, salinan kunci untuk Anda "
            "(vault/wrapped/{member}/{key_id}.json) mungkin belum tersinkron: tunggu sinkronisasi "
            "lalu coba lagi; jika tidak datang, minta anggota yang memegangnya menjalankan "
            "'tipref vault add-member' untuk Anda lagi ('tipref vault status' menunjukkan kunci Anda).",
            "en": "Data in {path} is encrypted with key {key_id}, which you do not hold. If "
            "that key was just made on another computer, your copy of it "
            "(vault/wrapped/{member}/{key_id}.json) may not have synced yet: wait for the sync and "
            "try again; if it does not come, ask a member who holds the key to run "
            "'tipref vault add-member' for you again ('tipref vault status' shows your keys).",
        },
        "vault.key_missing_short": {
            "id": "dienkripsi dengan kunci {key_id} yang tidak Anda miliki",
            "en": "encrypted with key {key_id}, which you do not hold",
        },
        "vault.current_key_missing": {
            "id": "Anda tidak memegang kunci terkini buku ini, {key_id} (tidak ada "
            "vault/wrapped/{member}/{key_id}.json); tidak ada yang ditulis. Jika kunci itu baru dibuat di "
            "komputer lain, tunggu sinkronisasi membawa berkas itu; jika tidak (mis. Anda "
            "sudah dikeluarkan), minta anggota yang memegangnya menjalankan "
            "'tipref vault add-member' untuk Anda.",
            "en": "You do not hold this book's current key, {key_id} (there is no "
            "vault/wrapped/{member}/{key_id}.json); nothing was written. If it was just made on another "
            "computer, wait for the sync to bring that file; if not (e.g. you were "
            "removed), ask a member who holds it to run 'tipref vault add-member' for you.",
        },
        "vault.exists": {
            "id": "Buku kasus ini sudah terenkripsi.",
            "en": "This case book is already encrypted.",
        },
        "vault.not_encrypted": {
            "id": "Buku kasus ini tidak terenkripsi; aktifkan dengan 'tipref vault init'.",
            "en": "This case book is not encrypted; turn it on with 'tipref vault init'.",
        },
        "vault.member_exists": {
            "id": "Anggota {member} sudah ada.",
            "en": "Member {member} is already there.",
        },
        "vault.member_unknown": {
            "id": "Anggota '{member}' tidak ditemukan.",
            "en": "Member '{member}' not found.",
        },
        "vault.last_member": {
            "id": "Tidak bisa mengeluarkan anggota terakhir; data tidak akan bisa dibuka lagi.",
            "en": "Cannot remove the last member: nobody could open the data again.",
        },
        "vault.bad_identity_file": {
            "id": "{path} bukan berkas identitas tipref (keluaran 'tipref vault identity --json'): {detail}",
            "en": "{path} is not a tipref identity file (the output of 'tipref vault identity --json'): {detail}",
        },
        "vault.output_inside_book": {
            "id": "Buku kasus ini terenkripsi: jangan simpan dokumen terbaca di dalam folder bersama ({path}). "
            "Pilih folder di luar {book}.",
            "en": "This case book is encrypted: do not leave readable documents inside the shared folder ({path}). "
            "Choose a folder outside {book}.",
        },
    }
)


# -- files ---------------------------------------------------------------------------------
def vault_folder(root: Path) -> Path:
    return root / VAULT_FOLDER


def is_encrypted_book(root: Path) -> bool:
    return (vault_folder(root) / VAULT_FILE).is_file()


def load_vault(root: Path) -> dict[str, Any]:
    return read_json(vault_folder(root) / VAULT_FILE)


def member_path(root: Path, member_id: str) -> Path:
    return vault_folder(root) / MEMBERS_FOLDER / f"{member_id}.json"


def members(root: Path) -> list[dict[str, Any]]:
    """The members, each from their own file (a sync service's conflict copy is no member,
    nor is a removed member whose file a laptop that missed the removal brought back)."""
    removed = keyfiles.removed_members(root)
    files = keyfiles.member_files(root, MEMBERS_FOLDER)
    return [read_json(path) for path in files if path.stem not in removed]


# -- opening -------------------------------------------------------------------------------
def codec_for(root: Path, settings: Any) -> VaultCodec | None:
    """The codec for a book: None for a plain book, else an unlocked or a locked codec.

    A wrong passphrase is an error at once, before anything is read or written.
    """
    if not is_encrypted_book(root):
        return None
    current = keyfiles.current_key(root)
    try:
        identity = load_identity()
        if identity is not None and not all(identity.get(f) for f in IDENTITY_FIELDS):
            raise CorruptRecord(path=str(identity_path()), detail="missing fields")
    except CorruptRecord as error:  # this user's file, not the book's: say which and what to do
        why = Msg(
            "vault.why_identity_damaged", path=str(identity_path()), detail=error.params["detail"]
        )
        return VaultCodec({}, current, why)
    if identity is None:
        return VaultCodec({}, current, Msg("vault.why_no_identity"))
    path = member_path(root, identity["member_id"])
    if not path.is_file() or identity["member_id"] in keyfiles.removed_members(root):
        return VaultCodec(
            {},
            current,
            Msg("vault.why_not_member", member=identity["member_id"]),
            identity["member_id"],
        )
    passphrase = get_passphrase()
    if not passphrase:
        return VaultCodec({}, current, Msg("vault.why_no_passphrase"), identity["member_id"])
    private = unlock_private_key(identity, passphrase)
    try:
        member = read_json(path)
    except CorruptRecord:  # damaged: the keys wrapped in files of their own still open
        member = {"member_id": identity["member_id"]}
    keys = {}
    for key_id, wrapped in keyfiles.wrapped_keys(root, member).items():
        try:
            keys[key_id] = crypto.unwrap_key(wrapped, private, key_id)
        except (crypto.DecryptionFailed, KeyError, ValueError):
            continue  # a damaged or foreign entry: the values under that key stay unreadable
    if not keys and not isinstance(member.get("public_key"), str):
        why = Msg("vault.why_member_damaged", path=str(path))
        return VaultCodec({}, current, why, identity["member_id"])
    return VaultCodec(keys, current, None, identity["member_id"])


def _codec(book: Book) -> VaultCodec:
    codec = book.store.codec
    if not isinstance(codec, VaultCodec):
        raise TiprefError("vault.not_encrypted")
    codec.require_unlocked()
    book.store.check_format(book.actor)  # a newer book is refused; an old layout upgraded
    return codec


# -- changing the vault ----------------------------------------------------------------
def init_vault(
    book: Book,
    label: str | None = None,
    passphrase: str | None = None,
    kdf: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Encrypt a plain book: a first data key for this user, then every record and log."""
    root = book.root
    with book.store.lock("vault"):
        if is_encrypted_book(root):
            raise TiprefError("vault.exists")
        book.store.check_format(book.actor)
        identity = load_identity()
        passphrase = passphrase or get_passphrase(confirm=identity is None)
        if not passphrase:
            raise TiprefError("vault.passphrase_needed")
        if identity is None:
            identity = create_identity(label or book.actor, passphrase, kdf)
        unlock_private_key(identity, passphrase)  # a wrong passphrase stops here, nothing written
        key_id, key = crypto.new_key_id(), crypto.new_data_key()
        _add_member_file(root, identity, {}, book.actor)
        meta = {"id": key_id, "created_at": clock.stamp(), "created_by": book.actor, "why": "init"}
        wrapped = crypto.wrap_key(key, identity["public_key"], key_id)
        keyfiles.add_key(root, meta, {identity["member_id"]: wrapped})
        # written once: which cipher; the keys are files of their own (privacy/keyfiles.py)
        write_json(vault_folder(root) / VAULT_FILE, {"format": 2, "cipher": "AES-256-GCM"})
        book.store.codec = VaultCodec({key_id: key}, key_id, None, identity["member_id"])
        _mark_settings(book)
        rewritten = reencrypt_records(book, "vault-init")
        logs = reencrypt_history(book)  # other devices seal their own (privacy/sealing.py)
    return {
        "key_id": key_id,
        "member_id": identity["member_id"],
        "records": rewritten,
        "history_files": logs,
    }


def _mark_settings(book: Book) -> None:
    if not book.settings.privacy.encrypted:
        book.settings.privacy.encrypted = True
        book.save_settings(book.settings)


def _add_member_file(
    root: Path, identity: dict[str, Any], keys: dict[str, bytes], actor: str
) -> None:
    """A member's file (who they are) and, in files of their own, the keys wrapped for them."""
    write_json(
        member_path(root, identity["member_id"]),
        {
            "member_id": identity["member_id"],
            "label": identity.get("label", ""),
            "public_key": identity["public_key"],
            "added_at": clock.stamp(),
            "added_by": actor,
        },
    )
    for key_id, key in keys.items():
        wrapped = crypto.wrap_key(key, identity["public_key"], key_id)
        keyfiles.wrap_for(root, identity["member_id"], key_id, wrapped)


def reencrypt_records(book: Book, why: str) -> int:
    """Rewrite every record under the current key (through the store: locked, logged)."""
    count = 0
    for kind in book.store.folders:
        if kind in PUBLIC_KINDS:
            continue
        for record_id in book.store.ids(kind):
            book.store.modify(
                kind, record_id, lambda data: data, book.actor, action="encrypt", note=why
            )
            count += 1
    return count


def reencrypt_history(book: Book) -> int:
    """Rewrite this device's history log with every value under the current key.

    Only this device's log: each device writes only its own, and seals it when it next
    opens the book (:mod:`tipref.privacy.sealing`).
    """
    path = book.store.history.path
    if not path.is_file():
        return 0
    rewrite_log(book, path, lambda entry: entry)
    return 1


def rewrite_log(book: Book, path: Path, change: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """Decode each entry of one log, apply ``change``, encode it again, replace the file atomically."""
    store = book.store
    codec = store.codec
    lock = (
        store.history.lock
        if path == store.history.path
        else store.lock(f"history-rewrite-{path.stem}")
    )
    changed = 0
    with lock:
        lines: list[dict[str, Any] | str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                lines.append(line)  # a cut line stays as it was, for a person to look at
                continue
            new = change(decode_history(codec, entry))
            new = codec.encode_history(new) if hasattr(codec, "encode_history") else new
            changed += new != entry
            lines.append(new)
        store.history.rewrite(path, lines)  # chained anew: a rewrite by tipref is not tampering
    return changed


def add_member(book: Book, public: dict[str, Any]) -> dict[str, Any]:
    codec = _codec(book)
    for field in ("member_id", "public_key"):
        if not isinstance(public.get(field), str) or not public[field]:
            raise TiprefError("vault.bad_identity_file", path="-", detail=f"missing {field}")
    try:
        crypto.b64d(public["public_key"])
        if len(crypto.b64d(public["public_key"])) != 32 or not re.fullmatch(
            r"[0-9A-Z]{26}", public["member_id"]
        ):
            raise ValueError("bad key or member id")
    except ValueError as error:
        raise TiprefError("vault.bad_identity_file", path="-", detail=str(error)) from None
    with book.store.lock("vault"):
        if member_path(book.root, public["member_id"]).exists():
            raise TiprefError("vault.member_exists", member=public["member_id"])
        refuse_removed(book.root, public["member_id"])
        _add_member_file(book.root, public, codec.keys, book.actor)
    return {
        "member_id": public["member_id"],
        "label": public.get("label", ""),
        "keys": sorted(codec.keys),
    }


def remove_member(book: Book, member_ref: str) -> dict[str, Any]:
    """Take a member out and rotate the data key, so records written from now on are closed to them."""
    codec = _codec(book)
    with book.store.lock("vault"):
        everyone = members(book.root)
        target = [m for m in everyone if member_ref in (m["member_id"], m.get("label"))]
        if len(target) != 1:
            raise TiprefError("vault.member_unknown", member=member_ref)
        removed = target[0]
        if len(everyone) == 1:
            raise TiprefError("vault.last_member")
        # the marker first: every rotation from now on, on any laptop, skips this member
        keyfiles.mark_removed(book.root, removal_marker(book, removed))
        member_path(book.root, removed["member_id"]).unlink()
        keyfiles.forget_member(book.root, removed["member_id"])
        key_id = _rotate(book, codec, f"remove-member {removed['member_id']}")
    rewritten = reencrypt_records(book, "key-rotation")
    reencrypt_history(book)
    return {
        "removed": removed["member_id"],
        "label": removed.get("label", ""),
        "new_key": key_id,
        "records": rewritten,
    }


def rotate(book: Book, why: str = "rotate") -> dict[str, Any]:
    codec = _codec(book)
    with book.store.lock("vault"):
        key_id = _rotate(book, codec, why)
    return {"new_key": key_id, "records": reencrypt_records(book, "key-rotation")}


def _rotate(book: Book, codec: VaultCodec, why: str) -> str:
    """A new key version, in files of its own: nothing another laptop wrote is replaced."""
    everyone = members(book.root)
    key_id, key = crypto.new_key_id(), crypto.new_data_key()
    meta: dict[str, Any] = {
        "id": key_id,
        "created_at": clock.stamp(),
        "created_by": book.actor,
        "why": why,
    }
    meta["after"] = codec.current  # the key this one replaces: orders keys on any clock
    wraps = {m["member_id"]: crypto.wrap_key(key, m["public_key"], key_id) for m in everyone}
    keyfiles.add_key(book.root, meta, wraps)
    codec.keys[key_id] = key
    codec.current = key_id
    return key_id


CIPHER_KEY_ID = re.compile(r"enc:v1:(k[0-9a-f]+):")


def status(book: Book) -> dict[str, Any]:
    root = book.root
    if not is_encrypted_book(root):
        return {"encrypted": False}
    codec = book.store.codec
    identity = load_identity()
    usage: dict[str, int] = {}
    for kind in book.store.folders:
        for record_id in book.store.ids(kind):
            try:
                text = book.store.path(kind, record_id).read_text(encoding="utf-8")
            except OSError:
                continue
            for key_id in set(CIPHER_KEY_ID.findall(text)):
                usage[key_id] = usage.get(key_id, 0) + 1
    return {
        "encrypted": True,
        "current_key": keyfiles.current_key(root),
        "keys": [{**k, "records": usage.get(k["id"], 0)} for k in keyfiles.key_versions(root)],
        "members": [
            {
                "member_id": m["member_id"],
                "label": m.get("label", ""),
                "added_at": m.get("added_at"),
                "added_by": m.get("added_by"),
                "keys": sorted(keyfiles.wrapped_keys(root, m)),
            }
            for m in members(root)
        ],
        "removed": [
            {k: m.get(k) for k in ("member_id", "label", "removed_at", "removed_by")}
            for m in keyfiles.removed_members(root).values()
        ],
        "you": identity["member_id"] if identity else None,
        "unlocked": isinstance(codec, VaultCodec) and not codec.locked,
        "locked_why": codec.locked_why.render("en")
        if isinstance(codec, VaultCodec) and codec.locked_why
        else None,
    }


def check_output_path(book: Book, path: str | os.PathLike) -> Path:
    """Refuse a document of personal data from a locked book (it would show ``[locked]``
    for every name), and one left readable inside an encrypted book's shared folder."""
    codec = book.store.codec
    if isinstance(codec, VaultCodec):
        codec.require_unlocked()
    target = Path(path).expanduser().resolve()
    root = Path(book.root).resolve()
    if is_encrypted_book(root) and (target == root or root in target.parents):
        raise TiprefError("vault.output_inside_book", path=str(target), book=str(root))
    return target
