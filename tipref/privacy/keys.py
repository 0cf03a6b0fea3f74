"""A member's own key pair and passphrase.

The private key lives in the member's config folder (``identity.json``), encrypted under
their passphrase (Argon2id); the passphrase comes from ``TIPREF_PASSPHRASE`` or a prompt
on a terminal. Also the small JSON file helpers the vault's files use.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.errors import CorruptRecord, TiprefError
from tipref.i18n import N_, _
from tipref.ids import new_id
from tipref.paths import config_dir
from tipref.privacy import crypto
from tipref.storage.atomic import atomic_write_text

IDENTITY_FILE = "identity.json"
PASSPHRASE_ENV = "TIPREF_PASSPHRASE"
MIN_PASSPHRASE = 8


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptRecord(path=str(path), detail=str(error)) from None
    if not isinstance(data, dict):
        raise CorruptRecord(path=str(path), detail="not a JSON object")
    return data


def write_json(path: Path, data: dict[str, Any]) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def identity_path() -> Path:
    return config_dir() / IDENTITY_FILE


def load_identity() -> dict[str, Any] | None:
    path = identity_path()
    return read_json(path) if path.is_file() else None


def get_passphrase(confirm: bool = False) -> str | None:
    """TIPREF_PASSPHRASE, else a prompt on a terminal; None in a script without it."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    import getpass

    first = getpass.getpass(_("Passphrase: "))
    if confirm:
        again = getpass.getpass(_("Again: "))
        if again != first:
            raise TiprefError(N_("The passphrases do not match."))
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
        raise TiprefError(
            N_("A passphrase is needed: set TIPREF_PASSPHRASE, or run on a terminal.")
        )
    if len(passphrase) < MIN_PASSPHRASE:
        raise TiprefError(N_("A passphrase needs at least {min} characters."), min=MIN_PASSPHRASE)
    identity = {
        "member_id": new_id(),
        "label": label,
        "created_at": clock.stamp(),
        **crypto.new_identity(passphrase, kdf),
    }
    write_json(identity_path(), identity)
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
        raise TiprefError(
            N_("Wrong passphrase for the personal key {path}. Nothing was written."),
            path=str(identity_path()),
        ) from None


def preflight_passphrase() -> str:
    """The passphrase, checked against this user's key if they have one, before anything is written."""
    identity = load_identity()
    passphrase = get_passphrase(confirm=identity is None)
    if not passphrase:
        raise TiprefError(
            N_("A passphrase is needed: set TIPREF_PASSPHRASE, or run on a terminal.")
        )
    if identity is not None:
        unlock_private_key(identity, passphrase)
    elif len(passphrase) < MIN_PASSPHRASE:
        raise TiprefError(N_("A passphrase needs at least {min} characters."), min=MIN_PASSPHRASE)
    return passphrase
