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
import sys
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.errors import CorruptRecord, TiprefError
from tipref.i18n import Msg, register_messages
from tipref.paths import config_dir
from tipref.privacy import crypto
from tipref.schemas.base import new_id
from tipref.storage.atomic import atomic_write_text

VAULT_FOLDER = "vault"
VAULT_FILE = "vault.json"
MEMBERS_FOLDER = "members"
IDENTITY_FILE = "identity.json"
PASSPHRASE_ENV = "TIPREF_PASSPHRASE"
# Kinds that hold nothing about a person: providers are institutions.
PUBLIC_KINDS = frozenset({"provider"})
# A value under one of these keys (at any depth) is encrypted, whatever the kind.
SENSITIVE_KEYS = frozenset(
    {
        "name",
        "nik",
        "phone",
        "street",
        "village",
        "text",
        "note",
        "notes",
        "reason",
        "situation",
        "guardian",
        "closed_reason",
        "place",
        "body",
        "summary",
        "details",
        "description",
        "comment",
        "comments",
        "health",
        "diagnosis",
        "family",
        "contact",
        "email",
        "free_text",
        "chronology_text",
    }
)
# Shown instead of a value when the book is locked; these keys must stay valid when empty.
NULL_WHEN_LOCKED = frozenset({"nik", "phone", "email"})
LOCKED_TEXT = "[locked]"

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
            "id": "Data di {where} dienkripsi dengan kunci {key_id} yang tidak Anda miliki "
            "(mungkin Anda sudah dikeluarkan dari brankas).",
            "en": "Data in {where} is encrypted with key {key_id}, which you do not hold "
            "(you may have been removed from the vault).",
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

MIN_PASSPHRASE = 8


class VaultLocked(TiprefError):
    key = "vault.locked"


# -- which values are sensitive ------------------------------------------------------
def _item_path(prefix: str, index: int, item: Any) -> str:
    handle = item["id"] if isinstance(item, dict) and "id" in item else index
    return f"{prefix}[{handle}]"


def _transform(value: Any, path: str, sensitive: bool, leaf) -> Any:
    """Apply ``leaf(value, path)`` to every value that sits under a sensitive key."""
    if sensitive:
        return value if value is None else leaf(value, path)
    if isinstance(value, dict):
        return {
            key: _transform(item, f"{path}.{key}" if path else key, key in SENSITIVE_KEYS, leaf)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [
            _transform(item, _item_path(path, i, item), False, leaf) for i, item in enumerate(value)
        ]
    return value


def _decode_walk(value: Any, path: str, leaf) -> Any:
    """Apply ``leaf`` to every ciphertext, wherever it is."""
    if crypto.is_encrypted(value):
        return leaf(value, path)
    if isinstance(value, dict):
        return {
            key: _decode_walk(item, f"{path}.{key}" if path else key, leaf)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_decode_walk(item, _item_path(path, i, item), leaf) for i, item in enumerate(value)]
    return value


FIELD_PART = re.compile(r"\[[^\]]*\]")


def _field_is_sensitive(field: str) -> bool:
    return any(part in SENSITIVE_KEYS for part in FIELD_PART.sub("", field).split("."))


def _last_key(path: str) -> str:
    return FIELD_PART.sub("", path).rsplit(".", 1)[-1]


def _placeholder(value: str, path: str) -> Any:
    kind = crypto.type_of(value)
    if kind == "s":
        return None if _last_key(path) in NULL_WHEN_LOCKED else LOCKED_TEXT
    return {"l": [], "d": {}}.get(kind)


# -- the codec the store uses ------------------------------------------------------------
class VaultCodec:
    """Encrypts sensitive values on the way to disk and decrypts them on the way back.

    ``keys`` maps key ids to data keys; ``current`` encrypts new writes. A locked codec
    (no key) decodes to placeholders so that reports run, and refuses every write.
    """

    def __init__(
        self,
        keys: dict[str, bytes],
        current: str | None,
        locked_why: Msg | None = None,
        member_id: str | None = None,
    ) -> None:
        self.keys = keys
        self.current = current
        self.locked_why = locked_why
        self.member_id = member_id

    @property
    def locked(self) -> bool:
        return self.locked_why is not None

    def require_unlocked(self) -> None:
        if self.locked_why is not None:
            raise VaultLocked(why=self.locked_why)

    def guard_read(self, kind: str) -> None:
        """Called before one record is shown or used in full (``Book.get``)."""
        if kind not in PUBLIC_KINDS:
            self.require_unlocked()

    # records
    def encode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        if kind in PUBLIC_KINDS:
            return data
        self.require_unlocked()
        return _transform(
            data, "", False, lambda value, path: self._seal(value, f"{kind}:{record_id}:{path}")
        )

    def decode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        return _decode_walk(
            data,
            "",
            lambda value, path: self._open(
                value, f"{kind}:{record_id}:{path}", f"{kind} {record_id}", path
            ),
        )

    # history
    def encode_history(self, entry: dict[str, Any]) -> dict[str, Any]:
        if entry.get("kind") in PUBLIC_KINDS:
            return entry
        self.require_unlocked()
        record_id = entry.get("record_id", "")
        entry = dict(entry)
        changes = []
        for change in entry.get("changes", []):
            field = str(change.get("field", ""))
            sensitive = _field_is_sensitive(field)
            change = dict(change)
            for side in ("old", "new"):
                aad_base = f"history:{record_id}:{field}:{side}"
                change[side] = _transform(
                    change.get(side),
                    "",
                    sensitive,
                    lambda value, path, base=aad_base: self._seal(value, f"{base}:{path}"),
                )
            changes.append(change)
        if "changes" in entry:
            entry["changes"] = changes
        if entry.get("note") is not None:
            entry["note"] = self._seal(entry["note"], f"history:{record_id}:note:")
        return entry

    def decode_history(self, entry: dict[str, Any]) -> dict[str, Any]:
        record_id = entry.get("record_id", "")
        entry = dict(entry)
        where = f"history {record_id}"
        changes = []
        for change in entry.get("changes", []):
            change = dict(change)
            field = str(change.get("field", ""))
            for side in ("old", "new"):
                base = f"history:{record_id}:{field}:{side}"
                change[side] = _decode_walk(
                    change.get(side),
                    "",
                    lambda value, path, base=base: self._open(value, f"{base}:{path}", where, path),
                )
            changes.append(change)
        if "changes" in entry:
            entry["changes"] = changes
        if crypto.is_encrypted(entry.get("note")):
            entry["note"] = self._open(entry["note"], f"history:{record_id}:note:", where, "note")
        return entry

    # values
    def _seal(self, value: Any, aad: str) -> Any:
        if crypto.is_encrypted(value):
            return value
        assert self.current is not None
        return crypto.seal(self.keys[self.current], self.current, value, aad)

    def _open(self, value: str, aad: str, where: str, path: str) -> Any:
        try:
            return crypto.open_sealed(self.keys, value, aad)
        except KeyError:
            if self.locked:
                return _placeholder(value, path)
            raise TiprefError(
                "vault.key_missing", where=where, key_id=crypto.key_id_of(value)
            ) from None
        except crypto.DecryptionFailed as error:
            raise CorruptRecord(path=f"{where} ({path})", detail=str(error)) from None


def decode_history(codec: Any, entry: dict[str, Any]) -> dict[str, Any]:
    """A history entry with its values readable (if the codec can), for any book."""
    decoder = getattr(codec, "decode_history", None)
    return decoder(entry) if decoder else entry


# -- files ---------------------------------------------------------------------------------
def vault_folder(root: Path) -> Path:
    return root / VAULT_FOLDER


def is_encrypted_book(root: Path) -> bool:
    return (vault_folder(root) / VAULT_FILE).is_file()


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptRecord(path=str(path), detail=str(error)) from None
    if not isinstance(data, dict):
        raise CorruptRecord(path=str(path), detail="not a JSON object")
    return data


def _write_json(path: Path, data: dict[str, Any]) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def load_vault(root: Path) -> dict[str, Any]:
    return _read_json(vault_folder(root) / VAULT_FILE)


def member_path(root: Path, member_id: str) -> Path:
    return vault_folder(root) / MEMBERS_FOLDER / f"{member_id}.json"


def members(root: Path) -> list[dict[str, Any]]:
    folder = vault_folder(root) / MEMBERS_FOLDER
    if not folder.is_dir():
        return []
    return [_read_json(path) for path in sorted(folder.glob("*.json"))]


# -- the member's own identity -------------------------------------------------------------
def identity_path() -> Path:
    return config_dir() / IDENTITY_FILE


def load_identity() -> dict[str, Any] | None:
    path = identity_path()
    return _read_json(path) if path.is_file() else None


def get_passphrase(confirm: bool = False) -> str | None:
    """TIPREF_PASSPHRASE, else a prompt on a terminal; None in a script without it."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    import getpass

    first = getpass.getpass("Passphrase / Frasa sandi: ")
    if confirm:
        again = getpass.getpass("Again / Ulangi: ")
        if again != first:
            raise TiprefError("vault.passphrase_mismatch")
    return first


def create_identity(
    label: str, passphrase: str | None = None, kdf: dict[str, Any] | None = None
) -> dict[str, Any]:
    """This user's key pair, kept in their config folder; refuses to replace an existing one."""
    existing = load_identity()
    if existing is not None:
        return existing
    passphrase = passphrase or get_passphrase(confirm=True)
    if not passphrase:
        raise TiprefError("vault.passphrase_needed")
    if len(passphrase) < MIN_PASSPHRASE:
        raise TiprefError("vault.passphrase_short", min=MIN_PASSPHRASE)
    identity = {
        "member_id": new_id(),
        "label": label,
        "created_at": clock.stamp(),
        **crypto.new_identity(passphrase, kdf),
    }
    _write_json(identity_path(), identity)
    return identity


def public_identity(identity: dict[str, Any]) -> dict[str, Any]:
    """What a member hands to a colleague who adds them to a book: no secret in it."""
    return {
        "member_id": identity["member_id"],
        "label": identity.get("label", ""),
        "public_key": identity["public_key"],
    }


def unlock_private_key(identity: dict[str, Any], passphrase: str) -> bytes:
    try:
        return crypto.unlock_identity(identity, passphrase)
    except crypto.DecryptionFailed:
        raise TiprefError("vault.wrong_passphrase", path=str(identity_path())) from None


# -- opening -------------------------------------------------------------------------------
def codec_for(root: Path, settings: Any) -> VaultCodec | None:
    """The codec for a book: None for a plain book, else an unlocked or a locked codec.

    A wrong passphrase is an error at once, before anything is read or written.
    """
    if not is_encrypted_book(root):
        return None
    vault = load_vault(root)
    identity = load_identity()
    if identity is None:
        return VaultCodec({}, vault.get("current_key"), Msg("vault.why_no_identity"))
    path = member_path(root, identity["member_id"])
    if not path.is_file():
        return VaultCodec(
            {},
            vault.get("current_key"),
            Msg("vault.why_not_member", member=identity["member_id"]),
            identity["member_id"],
        )
    passphrase = get_passphrase()
    if not passphrase:
        return VaultCodec(
            {}, vault.get("current_key"), Msg("vault.why_no_passphrase"), identity["member_id"]
        )
    private = unlock_private_key(identity, passphrase)
    member = _read_json(path)
    keys = {}
    for key_id, wrapped in member.get("keys", {}).items():
        try:
            keys[key_id] = crypto.unwrap_key(wrapped, private, key_id)
        except (crypto.DecryptionFailed, KeyError, ValueError):
            continue  # a damaged or foreign entry: the values under that key stay unreadable
    return VaultCodec(keys, vault.get("current_key"), None, identity["member_id"])


def _codec(book: Any) -> VaultCodec:
    codec = book.store.codec
    if not isinstance(codec, VaultCodec):
        raise TiprefError("vault.not_encrypted")
    codec.require_unlocked()
    return codec


def preflight_passphrase() -> str:
    """The passphrase, checked against this user's key if they have one, before anything is written."""
    identity = load_identity()
    passphrase = get_passphrase(confirm=identity is None)
    if not passphrase:
        raise TiprefError("vault.passphrase_needed")
    if identity is not None:
        unlock_private_key(identity, passphrase)
    elif len(passphrase) < MIN_PASSPHRASE:
        raise TiprefError("vault.passphrase_short", min=MIN_PASSPHRASE)
    return passphrase


# -- changing the vault ----------------------------------------------------------------
def init_vault(
    book: Any,
    label: str | None = None,
    passphrase: str | None = None,
    kdf: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Encrypt a plain book: a first data key for this user, then every record and log."""
    root = book.root
    with book.store.lock("vault"):
        if is_encrypted_book(root):
            raise TiprefError("vault.exists")
        identity = load_identity()
        passphrase = passphrase or get_passphrase(confirm=identity is None)
        if not passphrase:
            raise TiprefError("vault.passphrase_needed")
        if identity is None:
            identity = create_identity(label or book.actor, passphrase, kdf)
        unlock_private_key(identity, passphrase)  # a wrong passphrase stops here, nothing written
        key_id, key = crypto.new_key_id(), crypto.new_data_key()
        _add_member_file(root, identity, {key_id: key}, book.actor)
        _write_json(
            vault_folder(root) / VAULT_FILE,
            {
                "format": 1,
                "cipher": "AES-256-GCM",
                "current_key": key_id,
                "keys": [
                    {
                        "id": key_id,
                        "created_at": clock.stamp(),
                        "created_by": book.actor,
                        "why": "init",
                    }
                ],
            },
        )
        book.store.codec = VaultCodec({key_id: key}, key_id, None, identity["member_id"])
        _mark_settings(book)
        rewritten = reencrypt_records(book, "vault-init")
        logs = reencrypt_history(book, all_devices=True)
    return {
        "key_id": key_id,
        "member_id": identity["member_id"],
        "records": rewritten,
        "history_files": logs,
    }


def _mark_settings(book: Any) -> None:
    privacy = getattr(book.settings, "privacy", None)
    if privacy is not None and hasattr(privacy, "encrypted") and not privacy.encrypted:
        privacy.encrypted = True
        book.save_settings(book.settings)


def _add_member_file(
    root: Path, identity: dict[str, Any], keys: dict[str, bytes], actor: str
) -> None:
    _write_json(
        member_path(root, identity["member_id"]),
        {
            "member_id": identity["member_id"],
            "label": identity.get("label", ""),
            "public_key": identity["public_key"],
            "added_at": clock.stamp(),
            "added_by": actor,
            "keys": {
                key_id: crypto.wrap_key(key, identity["public_key"], key_id)
                for key_id, key in keys.items()
            },
        },
    )


def reencrypt_records(book: Any, why: str) -> int:
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


def reencrypt_history(book: Any, all_devices: bool = False) -> int:
    """Rewrite history logs with every value under the current key.

    Normally only this device's log (each device writes only its own); when a book is
    first encrypted every log is rewritten, since they all hold plain text.
    """
    store = book.store
    files = sorted(store.history.folder.glob("*.jsonl")) if all_devices else [store.history.path]
    done = 0
    for path in files:
        if not path.is_file():
            continue
        rewrite_log(book, path, lambda entry: entry)
        done += 1
    return done


def rewrite_log(book: Any, path: Path, change) -> int:
    """Decode each entry of one log, apply ``change``, encode it again, replace the file atomically."""
    store = book.store
    codec = store.codec
    lock = (
        store.history._lock
        if path == store.history.path
        else store.lock(f"history-rewrite-{path.stem}")
    )
    changed = 0
    with lock:
        lines = []
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


def add_member(book: Any, public: dict[str, Any]) -> dict[str, Any]:
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
        _add_member_file(book.root, public, codec.keys, book.actor)
    return {
        "member_id": public["member_id"],
        "label": public.get("label", ""),
        "keys": sorted(codec.keys),
    }


def remove_member(book: Any, member_ref: str) -> dict[str, Any]:
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
        member_path(book.root, removed["member_id"]).unlink()
        key_id = _rotate(book, codec, f"remove-member {removed['member_id']}")
    rewritten = reencrypt_records(book, "key-rotation")
    reencrypt_history(book)
    return {
        "removed": removed["member_id"],
        "label": removed.get("label", ""),
        "new_key": key_id,
        "records": rewritten,
    }


def rotate(book: Any) -> dict[str, Any]:
    codec = _codec(book)
    with book.store.lock("vault"):
        key_id = _rotate(book, codec, "rotate")
    return {"new_key": key_id, "records": reencrypt_records(book, "key-rotation")}


def _rotate(book: Any, codec: VaultCodec, why: str) -> str:
    key_id, key = crypto.new_key_id(), crypto.new_data_key()
    for member in members(book.root):
        member.setdefault("keys", {})[key_id] = crypto.wrap_key(key, member["public_key"], key_id)
        _write_json(member_path(book.root, member["member_id"]), member)
    vault = load_vault(book.root)
    vault["current_key"] = key_id
    vault.setdefault("keys", []).append(
        {"id": key_id, "created_at": clock.stamp(), "created_by": book.actor, "why": why}
    )
    _write_json(vault_folder(book.root) / VAULT_FILE, vault)
    codec.keys[key_id] = key
    codec.current = key_id
    return key_id


CIPHER_KEY_ID = re.compile(r"enc:v1:(k[0-9a-f]+):")


def status(book: Any) -> dict[str, Any]:
    root = book.root
    if not is_encrypted_book(root):
        return {"encrypted": False}
    vault = load_vault(root)
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
        "current_key": vault.get("current_key"),
        "keys": [{**k, "records": usage.get(k["id"], 0)} for k in vault.get("keys", [])],
        "members": [
            {
                "member_id": m["member_id"],
                "label": m.get("label", ""),
                "added_at": m.get("added_at"),
                "added_by": m.get("added_by"),
                "keys": sorted(m.get("keys", {})),
            }
            for m in members(root)
        ],
        "you": identity["member_id"] if identity else None,
        "unlocked": isinstance(codec, VaultCodec) and not codec.locked,
        "locked_why": codec.locked_why.render("en")
        if isinstance(codec, VaultCodec) and codec.locked_why
        else None,
    }


def check_output_path(book: Any, path: str | os.PathLike) -> Path:
    """Refuse to leave a readable document inside an encrypted book's shared folder."""
    target = Path(path).expanduser().resolve()
    root = Path(book.root).resolve()
    if is_encrypted_book(root) and (target == root or root in target.parents):
        raise TiprefError("vault.output_inside_book", path=str(target), book=str(root))
    return target
