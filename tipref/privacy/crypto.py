"""The cryptography behind an encrypted case book, kept apart from files and commands.

- A *data key* (AES-256-GCM) encrypts sensitive field values. Each encrypted value is a
  string ``enc:v1:<key id>:<type>:<base64url(nonce + ciphertext)>`` whose associated
  data binds it to the record kind, record id and field path: a value copied into
  another record or field does not decrypt.
- Each team member has an *identity*: an X25519 key pair whose private half is kept
  in the member's own config folder, encrypted with a key derived from their passphrase
  by Argon2id. The book holds the data keys wrapped for each member's public key, so a
  member can be added, or the data key rotated, without knowing anyone's passphrase.

``cryptography`` is imported inside functions so that ``tipref --help`` stays fast.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from typing import Any

PREFIX = "enc:v1:"
NONCE_BYTES = 12
KEY_BYTES = 32
# RFC 9106's second recommended option (t=3, m=64 MiB, p=4): about a tenth of a second.
DEFAULT_KDF = {"name": "argon2id", "time_cost": 3, "memory_kib": 65536, "lanes": 4}
WRAP_INFO = b"tipref data key wrap v1"


class DecryptionFailed(Exception):
    """Wrong key, a changed ciphertext, or a ciphertext moved to another place."""


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_key_id() -> str:
    # Random, so two offline machines rotating at once never mint the same id.
    return "k" + secrets.token_hex(4)


def new_data_key() -> bytes:
    return os.urandom(KEY_BYTES)


def is_encrypted(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def key_id_of(value: str) -> str:
    return value[len(PREFIX) :].split(":", 1)[0]


def type_of(value: str) -> str:
    return value[len(PREFIX) :].split(":", 2)[1]


def _type_letter(value: Any) -> str:
    if isinstance(value, str):
        return "s"
    if isinstance(value, list):
        return "l"
    if isinstance(value, dict):
        return "d"
    return "o"


def seal(key: bytes, key_id: str, value: Any, aad: str) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    plain = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode(
        "utf-8"
    )
    sealed = AESGCM(key).encrypt(nonce, plain, aad.encode("utf-8"))
    return f"{PREFIX}{key_id}:{_type_letter(value)}:{b64e(nonce + sealed)}"


def open_sealed(keys: dict[str, bytes], value: str, aad: str) -> Any:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key_id, _kind, body = value[len(PREFIX) :].split(":", 2)
        raw = b64d(body)
    except ValueError as error:
        raise DecryptionFailed(f"malformed ciphertext: {error}") from None
    key = keys.get(key_id)
    if key is None:
        raise KeyError(key_id)
    try:
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad.encode("utf-8"))
    except InvalidTag:
        raise DecryptionFailed("the value does not belong here or was changed") from None
    return json.loads(plain.decode("utf-8"))


# -- passphrases and identities -------------------------------------------------
def derive_key(passphrase: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=int(kdf["time_cost"]),
        lanes=int(kdf["lanes"]),
        memory_cost=int(kdf["memory_kib"]),
    ).derive(passphrase.encode("utf-8"))


def new_identity(passphrase: str, kdf: dict[str, Any] | None = None) -> dict[str, Any]:
    """A fresh X25519 key pair; the private key encrypted under the passphrase."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    kdf = dict(kdf or DEFAULT_KDF)
    private = X25519PrivateKey.generate()
    private_raw = private.private_bytes_raw()
    public_raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    salt = os.urandom(16)
    wrapping = derive_key(passphrase, salt, kdf)
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(wrapping).encrypt(nonce, private_raw, b"tipref identity v1")
    return {
        "public_key": b64e(public_raw),
        "kdf": {**kdf, "salt": b64e(salt)},
        "private_key": b64e(nonce + sealed),
    }


def unlock_identity(identity: dict[str, Any], passphrase: str) -> bytes:
    """The raw private key; DecryptionFailed when the passphrase is wrong."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kdf = identity["kdf"]
    wrapping = derive_key(passphrase, b64d(kdf["salt"]), kdf)
    raw = b64d(identity["private_key"])
    try:
        return AESGCM(wrapping).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], b"tipref identity v1")
    except InvalidTag:
        raise DecryptionFailed("wrong passphrase") from None


def _wrapping_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=ephemeral_public + recipient_public,
        info=WRAP_INFO,
    ).derive(shared)


def wrap_key(data_key: bytes, recipient_public_b64: str, key_id: str) -> dict[str, str]:
    """Encrypt a data key for one member's public key (ephemeral X25519 + HKDF + AES-GCM)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    recipient_raw = b64d(recipient_public_b64)
    recipient = X25519PublicKey.from_public_bytes(recipient_raw)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    wrapping = _wrapping_key(ephemeral.exchange(recipient), ephemeral_raw, recipient_raw)
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(wrapping).encrypt(nonce, data_key, key_id.encode("ascii"))
    return {
        "ephemeral": b64e(ephemeral_raw),
        "sealed": b64e(nonce + sealed),
        "recipient": fingerprint(recipient_public_b64),
    }


def fingerprint(public_b64: str) -> str:
    """A short name of a public key (SHA-256, 16 hex digits): says for whom a key was
    wrapped, so a copy can be checked by anyone, without the recipient's private key."""
    import hashlib

    return hashlib.sha256(b64d(public_b64)).hexdigest()[:16]


WRAPPED_BYTES = NONCE_BYTES + KEY_BYTES + 16  # nonce, data key, GCM tag


def wrap_defect(wrapped: Any, public_b64: str) -> str | None:
    """What makes a wrapped data key unusable by its recipient, checked without their
    private key: its shape (an X25519 ephemeral key of 32 bytes, a sealed box of 60 bytes)
    and, in copies made since the fingerprint was added, the recipient's public key. Only
    the recipient can check that it opens (the AES-GCM tag). None when it looks right."""
    if not isinstance(wrapped, dict):
        return "no wrapped key in it"
    try:
        ephemeral, sealed = b64d(str(wrapped["ephemeral"])), b64d(str(wrapped["sealed"]))
    except (KeyError, ValueError) as error:
        return f"unreadable wrapped key ({error})"
    if len(ephemeral) != KEY_BYTES or len(sealed) != WRAPPED_BYTES:
        return f"wrong sizes ({len(ephemeral)}, {len(sealed)} bytes)"
    recipient = wrapped.get("recipient")
    if recipient is not None and recipient != fingerprint(public_b64):
        return f"wrapped for another public key ({recipient})"
    return None


def unwrap_key(wrapped: dict[str, str], private_raw: bytes, key_id: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    private = X25519PrivateKey.from_private_bytes(private_raw)
    own_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    ephemeral_raw = b64d(wrapped["ephemeral"])
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
    wrapping = _wrapping_key(shared, ephemeral_raw, own_public)
    raw = b64d(wrapped["sealed"])
    try:
        return AESGCM(wrapping).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], key_id.encode("ascii")
        )
    except InvalidTag:
        raise DecryptionFailed("this data key was not wrapped for you") from None
