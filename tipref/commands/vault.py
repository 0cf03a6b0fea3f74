"""tipref vault: encryption at rest, with one key per team member."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tipref.commands._common import fields, output_options, pass_app, table
from tipref.commands._translate import Group
from tipref.i18n import N_, Msg, _


@click.group(
    "vault",
    cls=Group,
    help=N_(
        "Encrypt the case book's personal data; add and remove team members' keys.\n"
        "\n"
        "Each member has a personal key on their own device, locked by a passphrase\n"
        "(TIPREF_PASSPHRASE, or asked on a terminal). The shared folder holds only\n"
        "ciphertexts and the data key wrapped for each member."
    ),
)
def vault_group():
    pass


@vault_group.command(
    "identity",
    help=N_(
        "Create your personal key (once per device) and print its public half.\n"
        "\n"
        "With --export FILE, copy it somewhere safe; with --import FILE, install such a copy.\n"
        "\n"
        "Send the JSON (--json > me.json) to a member, who runs 'tipref vault add-member me.json'."
    ),
)
@click.option(
    "--label",
    help=N_("Your name as colleagues will see it in 'vault status' (default: your user name)."),
)
@click.option(
    "--export",
    "export_to",
    type=click.Path(path_type=Path),
    help=N_(
        "Copy your identity file here, to keep somewhere safe (it opens nothing without "
        "your passphrase)."
    ),
)
@click.option(
    "--import",
    "import_from",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Install a copy made with --export (a new laptop, a lost config folder)."),
)
@click.option(
    "--force", is_flag=True, help=N_("--export: replace FILE; --import: replace another identity.")
)
@output_options
@pass_app
def vault_identity(app, label, export_to, import_from, force: bool, as_json: bool):
    from tipref.privacy import vault

    if export_to and import_from:
        raise click.UsageError(_("Use either --export or --import, not both."))
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
            (_("Member"), public["member_id"]),
            (_("Label"), public["label"]),
            (_("Public key"), public["public_key"]),
            (_("Key file"), str(vault.identity_path())),
        ],
    )


def _identity_copy(app, export_to, import_from, force: bool, as_json: bool) -> None:
    from tipref.privacy import identity_copy

    if export_to:
        path = identity_copy.export_identity(export_to, force)
        result = {"exported": str(path)}
        message = app.render(
            Msg(
                "A copy of your identity written to {path}; keep it somewhere safe, away from the laptop.",
                path=str(path),
            )
        )
    else:
        result = identity_copy.import_identity(import_from, force)
        message = app.render(
            Msg("Identity {member} installed on this computer.", member=result["member_id"])
        )
    if as_json:
        app.emit_json(result)
    else:
        app.success(message)


def _keep_a_copy(app) -> None:
    """Shown at 'vault init' and 'vault add-member': a lost identity loses the data."""
    from tipref.privacy.identity_copy import identity_path  # registers its messages

    app.info(
        Msg(
            "Keep a copy of your identity somewhere safe (e.g. a USB stick in a locked drawer): 'tipref vault identity --export FILE'. Without this file ({path}) and your passphrase the encrypted data cannot be opened again.",
            path=str(identity_path()),
        )
    )


@vault_group.command(
    "init",
    help=N_(
        "Encrypt this book: every record and history log is rewritten with the sensitive fields encrypted."
    ),
)
@click.option("--label", help=N_("Your name as colleagues will see it (default: your user name)."))
@output_options
@pass_app
def vault_init(app, label, as_json: bool):
    from tipref.privacy import vault

    result = vault.init_vault(app.book, label)
    if as_json:
        app.emit_json(result)
        return
    app.success(
        Msg.plural(
            "Case book encrypted: {records} record rewritten under key {key}.",
            "Case book encrypted: {records} records rewritten under key {key}.",
            result["records"],
            records=result["records"],
            key=result["key_id"],
        )
    )
    _keep_a_copy(app)


@vault_group.command(
    "add-member",
    help=N_(
        "Give a colleague access: IDENTITY_FILE is their 'tipref vault identity --json' output."
    ),
)
@click.argument("identity_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_options
@pass_app
def vault_add_member(app, identity_file: Path, as_json: bool):
    from tipref.errors import TiprefError
    from tipref.privacy import vault

    try:
        public = json.loads(identity_file.read_text(encoding="utf-8"))
        if not isinstance(public, dict):
            raise ValueError("not a JSON object")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise TiprefError(
            N_(
                "{path} is not a tipref identity file (the output of 'tipref vault identity --json'): {detail}"
            ),
            path=str(identity_file),
            detail=str(error),
        ) from None
    result = vault.add_member(app.book, public)
    if as_json:
        app.emit_json(result)
        return
    app.success(
        Msg(
            "Member {member} ({label}) added.",
            member=result["member_id"],
            label=result["label"],
        )
    )
    _keep_a_copy(app)


@vault_group.command(
    "remove-member",
    help=N_(
        "Take a member's access away and rotate the data key (every record is re-encrypted).\n"
        "\n"
        "Records written from now on are closed to them. What they could read before, they\n"
        "may have kept; old history lines stay under the old key."
    ),
)
@click.argument("member")
@click.option("--yes", is_flag=True, help=N_("Do it without asking."))
@output_options
@pass_app
def vault_remove_member(app, member: str, yes: bool, as_json: bool):
    from tipref.privacy import vault

    if not yes:
        from tipref.commands._common import interactive

        if not interactive() or not click.confirm(
            app.render(Msg("Remove member {member}?", member=member)), err=True
        ):
            raise click.UsageError(_("Confirm with --yes."))
    result = vault.remove_member(app.book, member)
    if as_json:
        app.emit_json(result)
        return
    app.success(
        Msg.plural(
            "Member {member} removed; new key {key}; {records} record re-encrypted.",
            "Member {member} removed; new key {key}; {records} records re-encrypted.",
            result["records"],
            member=result["removed"],
            key=result["new_key"],
            records=result["records"],
        )
    )


@vault_group.command("rotate", help=N_("Make a new data key and re-encrypt every record with it."))
@output_options
@pass_app
def vault_rotate(app, as_json: bool):
    from tipref.privacy import vault

    result = vault.rotate(app.book)
    if as_json:
        app.emit_json(result)
        return
    app.success(
        Msg.plural(
            "New key {key}; {records} record re-encrypted.",
            "New key {key}; {records} records re-encrypted.",
            result["records"],
            key=result["new_key"],
            records=result["records"],
        )
    )


@vault_group.command(
    "seal-log",
    help=N_(
        "Encrypt the plain lines of another device's history log, from this one.\n"
        "\n"
        "Each device seals its own log when it next opens the book; use this only for a laptop\n"
        "that is lost or retired ('tipref doctor' names DEVICE). If that laptop ever wrote to\n"
        "the book again, a sync could drop its entries."
    ),
)
@click.argument("device")
@click.option(
    "--retired",
    is_flag=True,
    help=N_("State that DEVICE will never run tipref on this book again (required)."),
)
@output_options
@pass_app
def vault_seal_log(app, device: str, retired: bool, as_json: bool):
    from tipref.privacy.sealing import seal_retired_log

    if not retired:
        raise click.UsageError(
            app.render(
                Msg(
                    "Add --retired to state that device {device} will never write to this book again; if it is still in use, just run tipref on that laptop instead.",
                    device=device,
                )
            )
        )
    sealed = seal_retired_log(app.book, device)
    if as_json:
        app.emit_json({"device": device, "sealed": sealed})
        return
    app.success(
        Msg.plural(
            "Log of device {device}: {count} entry encrypted.",
            "Log of device {device}: {count} entries encrypted.",
            sealed,
            device=device,
            count=sealed,
        )
    )


@vault_group.command(
    "status", help=N_("Is the book encrypted, who holds a key, which key versions are in use.")
)
@output_options
@pass_app
def vault_status(app, as_json: bool):
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
    if not info["encrypted"]:
        app.info(_("This case book is not encrypted; turn it on with 'tipref vault init'."))
        return
    fields(
        app,
        [
            (_("Current key"), info["current_key"]),
            (_("You"), info["you"]),
            (
                _("Unlocked"),
                _("yes")
                if info["unlocked"]
                # the reason in the run's language (the JSON field keeps the English)
                else Msg("no ({why})", why=app.book.store.codec.locked_why).render(),
            ),
        ],
    )
    table(
        app,
        [_("Key"), _("Created"), _("Records")],
        [(k["id"], k.get("created_at"), k["records"]) for k in info["keys"]],
    )
    table(
        app,
        [_("Member"), _("Label"), _("Added"), _("Key versions")],
        [
            (m["member_id"], m["label"], m["added_at"], ", ".join(m["keys"]))
            for m in info["members"]
        ],
    )
    if info["removed"]:
        table(
            app,
            [_("Member"), _("Label"), _("Removed")],
            [(m["member_id"], m["label"], m["removed_at"]) for m in info["removed"]],
        )
    for problem in found:  # what 'tipref doctor' would report about the vault
        app.warn(problem.message)
    if found:
        app.info(_("'tipref doctor --fix' mends what can be mended."))
