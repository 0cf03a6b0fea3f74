"""A copy of one's identity (``vault identity --export/--import``): losing the identity
file in a one-member vault loses every encrypted field, so a member keeps a copy
somewhere safe (a USB stick in a locked drawer) and brings it to a new laptop.

The file holds the private key encrypted under the member's passphrase: the copy is
useless without the passphrase, and the passphrase is useless without the copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tipref.errors import CorruptRecord, TiprefError
from tipref.i18n import N_
from tipref.privacy import crypto
from tipref.privacy.keys import get_passphrase, identity_path, load_identity, read_json, write_json

REQUIRED = ("member_id", "public_key", "private_key", "kdf")


def export_identity(target: Path, force: bool = False) -> Path:
    """Copy this user's identity file to ``target`` (refused if it exists, unless force)."""
    identity = load_identity()
    if identity is None:
        raise TiprefError(
            N_("No identity on this computer yet ({path}); make one with 'tipref vault identity'."),
            path=str(identity_path()),
        )
    if target.is_dir():
        target = target / identity_path().name
    if target.exists() and not force:
        raise TiprefError(
            N_("--export: {path} exists already; choose another name or add --force."),
            path=str(target),
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(identity_path(), target)
    return target


def import_identity(source: Path, force: bool = False) -> dict[str, Any]:
    """Install a copied identity file as this user's; checked (and against the passphrase
    when one is given) before anything is written; another identity is kept unless force."""
    try:
        identity = read_json(source)
    except CorruptRecord as error:
        detail = str(error.params.get("detail", ""))
        raise TiprefError(
            N_("--import: {path} is not a copy of a tipref identity ({detail})."),
            path=str(source),
            detail=detail,
        ) from None
    missing = [field for field in REQUIRED if not identity.get(field)]
    if missing:
        detail = "missing " + ", ".join(missing)
        raise TiprefError(
            N_("--import: {path} is not a copy of a tipref identity ({detail})."),
            path=str(source),
            detail=detail,
        )
    passphrase = get_passphrase()
    if passphrase:
        try:
            crypto.unlock_identity(identity, passphrase)
        except (crypto.DecryptionFailed, KeyError, ValueError):
            raise TiprefError(
                N_("Wrong passphrase for the personal key {path}. Nothing was written."),
                path=str(source),
            ) from None
    current = _current()
    if current and current.get("member_id") != identity["member_id"] and not force:
        raise TiprefError(
            N_(
                "--import: this computer has another identity already ({member}, {path}); add --force to replace it (keep a copy of it first with --export)."
            ),
            path=str(identity_path()),
            member=current.get("member_id"),
        )
    write_json(identity_path(), identity)
    return {"member_id": identity["member_id"], "label": identity.get("label", "")}


def _current() -> dict[str, Any] | None:
    try:
        return load_identity()
    except CorruptRecord:
        return None  # a damaged file: the copy replaces it
