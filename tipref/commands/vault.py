"""tipref vault: encryption at rest, with one key per team member."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tipref.commands._common import fields, output_options, pass_app, table
from tipref.i18n import register_messages


@click.group("vault")
def vault_group():
    """Encrypt the case book's personal data; add and remove team members' keys.

    Each member has a personal key on their own device, locked by a passphrase
    (TIPREF_PASSPHRASE, or asked on a terminal). The shared folder holds only
    ciphertexts and the data key wrapped for each member.
    """


@vault_group.command("identity")
@click.option(
    "--label",
    help="Your name as colleagues will see it in 'vault status' (default: your user name).",
)
@click.option(
    "--export",
    "export_to",
    type=click.Path(path_type=Path),
    help="Copy your identity file here, to keep somewhere safe (it opens nothing without "
    "your passphrase).",
)
@click.option(
    "--import",
    "import_from",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Install a copy made with --export (a new laptop, a lost config folder).",
)
@click.option(
    "--force", is_flag=True, help="--export: replace FILE; --import: replace another identity."
)
@output_options
@pass_app
def vault_identity(app, label, export_to, import_from, force: bool, as_json: bool):
    """Create your personal key (once per device) and print its public half.

    With --export FILE, copy it somewhere safe; with --import FILE, install such a copy.

    Send the JSON (--json > me.json) to a member, who runs 'tipref vault add-member me.json'.
    """
    from tipref.privacy import vault

    if export_to and import_from:
        raise click.UsageError("Use either --export or --import, not both.")
    if export_to or import_from:
        _identity_copy(app, export_to, import_from, force, as_json)
        return
    identity = vault.create_identity(label or app.actor)
    public = vault.public_identity(identity)
    if as_json:
        app.emit_json(public)
        return
    fields(
        app,
        [
            (app.t("vault.col_member"), public["member_id"]),
            (app.t("vault.col_label"), public["label"]),
            (app.t("vault.col_public_key"), public["public_key"]),
            (app.t("vault.col_key_file"), str(vault.identity_path())),
        ],
    )


def _identity_copy(app, export_to, import_from, force: bool, as_json: bool) -> None:
    from tipref.privacy import identity_copy

    if export_to:
        path = identity_copy.export_identity(export_to, force)
        result = {"exported": str(path)}
        message = app.t("vault.identity_exported", path=str(path))
    else:
        result = identity_copy.import_identity(import_from, force)
        message = app.t("vault.identity_imported", member=result["member_id"])
    if as_json:
        app.emit_json(result)
    else:
        app.success(message)


def _keep_a_copy(app) -> None:
    """Shown at 'vault init' and 'vault add-member': a lost identity loses the data."""
    from tipref.privacy.identity_copy import identity_path  # registers its messages

    app.info(app.t("identity.keep_copy", path=str(identity_path())))


@vault_group.command("init")
@click.option("--label", help="Your name as colleagues will see it (default: your user name).")
@output_options
@pass_app
def vault_init(app, label, as_json: bool):
    """Encrypt this book: every record and history log is rewritten with the sensitive fields encrypted."""
    from tipref.privacy import vault

    result = vault.init_vault(app.book, label)
    if as_json:
        app.emit_json(result)
        return
    app.success(app.t("vault.done_init", records=result["records"], key=result["key_id"]))
    _keep_a_copy(app)


@vault_group.command("add-member")
@click.argument("identity_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_options
@pass_app
def vault_add_member(app, identity_file: Path, as_json: bool):
    """Give a colleague access: IDENTITY_FILE is their 'tipref vault identity --json' output."""
    from tipref.errors import TiprefError
    from tipref.privacy import vault

    try:
        public = json.loads(identity_file.read_text(encoding="utf-8"))
        if not isinstance(public, dict):
            raise ValueError("not a JSON object")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise TiprefError(
            "vault.bad_identity_file", path=str(identity_file), detail=str(error)
        ) from None
    result = vault.add_member(app.book, public)
    if as_json:
        app.emit_json(result)
        return
    app.success(app.t("vault.done_added", member=result["member_id"], label=result["label"]))
    _keep_a_copy(app)


@vault_group.command("remove-member")
@click.argument("member")
@click.option("--yes", is_flag=True, help="Do it without asking.")
@output_options
@pass_app
def vault_remove_member(app, member: str, yes: bool, as_json: bool):
    """Take a member's access away and rotate the data key (every record is re-encrypted).

    Records written from now on are closed to them. What they could read before, they
    may have kept; old history lines stay under the old key.
    """
    from tipref.privacy import vault

    if not yes:
        from tipref.commands._common import interactive

        if not interactive() or not click.confirm(
            app.t("vault.confirm_remove", member=member), err=True
        ):
            raise click.UsageError("Confirm with --yes.")
    result = vault.remove_member(app.book, member)
    if as_json:
        app.emit_json(result)
        return
    app.success(
        app.t(
            "vault.done_removed",
            member=result["removed"],
            key=result["new_key"],
            records=result["records"],
        )
    )


@vault_group.command("rotate")
@output_options
@pass_app
def vault_rotate(app, as_json: bool):
    """Make a new data key and re-encrypt every record with it."""
    from tipref.privacy import vault

    result = vault.rotate(app.book)
    if as_json:
        app.emit_json(result)
        return
    app.success(app.t("vault.done_rotated", key=result["new_key"], records=result["records"]))


@vault_group.command("seal-log")
@click.argument("device")
@click.option(
    "--retired",
    is_flag=True,
    help="State that DEVICE will never run tipref on this book again (required).",
)
@output_options
@pass_app
def vault_seal_log(app, device: str, retired: bool, as_json: bool):
    """Encrypt the plain lines of another device's history log, from this one.

    Each device seals its own log when it next opens the book; use this only for a laptop
    that is lost or retired ('tipref doctor' names DEVICE). If that laptop ever wrote to
    the book again, a sync could drop its entries.
    """
    from tipref.privacy.sealing import seal_retired_log

    if not retired:
        raise click.UsageError(app.t("vault.seal_log_retired", device=device))
    sealed = seal_retired_log(app.book, device)
    if as_json:
        app.emit_json({"device": device, "sealed": sealed})
        return
    app.success(app.t("vault.done_sealed", device=device, count=sealed))


@vault_group.command("status")
@output_options
@pass_app
def vault_status(app, as_json: bool):
    """Is the book encrypted, who holds a key, which key versions are in use."""
    from tipref.privacy import vault
    from tipref.sync.vaultcheck import vault_problems

    info = vault.status(app.book)
    found = vault_problems(app.book) if info["encrypted"] else []
    if as_json:
        app.emit_json(
            {**info, "problems": [p.as_json(app.lang) for p in found]}
            if info["encrypted"]
            else info
        )
        return
    t = app.t
    if not info["encrypted"]:
        app.info(t("vault.not_encrypted"))
        return
    fields(
        app,
        [
            (t("vault.col_current"), info["current_key"]),
            (t("vault.col_you"), info["you"]),
            (
                t("vault.col_unlocked"),
                t("col.yes") if info["unlocked"] else f"{t('col.no')} ({info['locked_why']})",
            ),
        ],
    )
    table(
        app,
        [t("vault.col_key"), t("vault.col_created"), t("vault.col_records")],
        [(k["id"], k.get("created_at"), k["records"]) for k in info["keys"]],
    )
    table(
        app,
        [t("vault.col_member"), t("vault.col_label"), t("vault.col_added"), t("vault.col_keys")],
        [
            (m["member_id"], m["label"], m["added_at"], ", ".join(m["keys"]))
            for m in info["members"]
        ],
    )
    if info["removed"]:
        table(
            app,
            [t("vault.col_member"), t("vault.col_label"), t("vault.col_removed")],
            [(m["member_id"], m["label"], m["removed_at"]) for m in info["removed"]],
        )
    for problem in found:  # what 'tipref doctor' would report about the vault
        app.warn(problem.message)
    if found:
        app.info(t("vault.see_doctor"))


MESSAGES = {
    "vault.done_init": {
        "id": "Buku kasus terenkripsi: {records} rekaman ditulis ulang dengan kunci {key}.",
        "en": "Case book encrypted: {records} records rewritten under key {key}.",
    },
    "vault.done_added": {
        "id": "Anggota {member} ({label}) ditambahkan.",
        "en": "Member {member} ({label}) added.",
    },
    "vault.done_removed": {
        "id": "Anggota {member} dikeluarkan; kunci baru {key}; {records} rekaman dienkripsi ulang.",
        "en": "Member {member} removed; new key {key}; {records} records re-encrypted.",
    },
    "vault.done_rotated": {
        "id": "Kunci baru {key}; {records} rekaman dienkripsi ulang.",
        "en": "New key {key}; {records} records re-encrypted.",
    },
    "vault.col_removed": {"id": "Dikeluarkan", "en": "Removed"},
    "vault.seal_log_retired": {
        "id": "Tambahkan --retired untuk menyatakan bahwa perangkat {device} tidak akan pernah "
        "menulis ke buku ini lagi; jika masih dipakai, jalankan tipref di laptop itu saja.",
        "en": "Add --retired to state that device {device} will never write to this book "
        "again; if it is still in use, just run tipref on that laptop instead.",
    },
    "vault.done_sealed": {
        "id": "Log perangkat {device}: {count} entri dienkripsi.",
        "en": "Log of device {device}: {count} entries encrypted.",
    },
    "vault.no_device_log": {
        "id": "Tidak ada log perangkat {device} di {folder} ('tipref doctor' menyebut perangkatnya).",
        "en": "There is no log of device {device} in {folder} ('tipref doctor' names the devices).",
    },
    "vault.confirm_remove": {"id": "Keluarkan anggota {member}?", "en": "Remove member {member}?"},
    "vault.identity_exported": {
        "id": "Salinan identitas Anda ditulis ke {path}; simpan di tempat aman, terpisah dari laptop.",
        "en": "A copy of your identity written to {path}; keep it somewhere safe, away from the laptop.",
    },
    "vault.identity_imported": {
        "id": "Identitas {member} dipasang di komputer ini.",
        "en": "Identity {member} installed on this computer.",
    },
    "vault.see_doctor": {
        "id": "'tipref doctor --fix' memperbaiki yang bisa diperbaiki.",
        "en": "'tipref doctor --fix' mends what can be mended.",
    },
    "vault.col_member": {"id": "Anggota", "en": "Member"},
    "vault.col_label": {"id": "Nama", "en": "Label"},
    "vault.col_public_key": {"id": "Kunci publik", "en": "Public key"},
    "vault.col_key_file": {"id": "Berkas kunci", "en": "Key file"},
    "vault.col_current": {"id": "Kunci aktif", "en": "Current key"},
    "vault.col_you": {"id": "Anda", "en": "You"},
    "vault.col_unlocked": {"id": "Terbuka", "en": "Unlocked"},
    "vault.col_key": {"id": "Kunci", "en": "Key"},
    "vault.col_created": {"id": "Dibuat", "en": "Created"},
    "vault.col_records": {"id": "Rekaman", "en": "Records"},
    "vault.col_added": {"id": "Ditambahkan", "en": "Added"},
    "vault.col_keys": {"id": "Versi kunci", "en": "Key versions"},
}


register_messages(MESSAGES)
