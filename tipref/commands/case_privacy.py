"""tipref case export-subject / case purge: a person's right of access and right to erasure."""

from __future__ import annotations

import click

from tipref.commands._common import interactive, output_options, pass_app
from tipref.commands._grammar import deprecated_option
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _


@click.command(
    "export-subject",
    cls=Command,
    help=N_(
        "Everything held about one person, as JSON: for a request of access (UU 27/2022).\n"
        "\n"
        "The result is readable: hand it to the person, do not leave it in the shared folder."
    ),
)
@click.argument("case_ref", metavar="REF")
@click.option(
    "--person",
    "person_ref",
    help=N_("Which person: position (1, 2...) or id. Default: the first victim."),
)
@click.option(
    "--out",
    "out",
    help=N_(
        "The JSON file to write, or a folder (ending in '/'); outside the shared book folder "
        "when the book is encrypted. Without it, the JSON goes to standard output."
    ),
)
@click.option("--force", is_flag=True, help=N_("Replace the file if it exists already."))
@output_options
@pass_app
def case_export_subject(app, case_ref, person_ref, out: str | None, force: bool, as_json: bool):
    from tipref.privacy.subject import export_subject, write_subject_export

    data = export_subject(app.book, case_ref, person_ref)
    if out is None:
        app.emit_json(data)
        return
    from tipref.outputs import output_path, personal_data_check

    name = f"subjek-{data['case']['number']}-{data['person']['id']}".replace("/", "-")
    target = output_path(out, name, (".json",), force=force)
    for warning in personal_data_check(app.book, target):  # refused in an encrypted book
        app.warn(warning)
    target = write_subject_export(app.book, data, target)
    summary = {
        "path": str(target),
        "case": data["case"]["number"],
        "person": data["person"]["id"],
        "referrals": len(data["referrals"]),
        "consents": len(data["consents"]),
        "history": len(data["history"]),
    }
    if as_json:
        app.emit_json(summary)
        return
    app.success(
        Msg(
            "Data of person {person} (case {case}) written to {path} (referrals: {referrals}, consents: "
            "{consents}, history entries: {history}). The file is readable: hand it over, do not "
            "leave it in the shared folder.",
            **summary,
        )
    )


@click.command(
    "purge",
    cls=Command,
    help=N_(
        "Erase a person's identifying data (right to erasure) and scrub this device's history.\n"
        "\n"
        "Name, NIK, phone, street, village and birth date are removed from the case; the free\n"
        "text of referrals about the person is removed; the person's values are scrubbed from\n"
        "this device's history log; a 'purge' entry records who, when and why."
    ),
)
@click.argument("case_ref", metavar="REF", required=False)
@click.option(
    "--person",
    "person_ref",
    help=N_("Which person: position (1, 2...) or id. Default: the first victim."),
)
@click.option(
    "--request",
    "reason",
    help=N_(
        "The person's request that grounds the erasure (e.g. 'letter of 20 November, "
        "form 12'); kept in the history. No personal data."
    ),
)
@click.option("--yes", is_flag=True, help=N_("Do it without asking; it cannot be undone."))
@click.option(
    "--pending",
    is_flag=True,
    help=N_(
        "Scrub this device's history log for purges done on other devices (run after syncing)."
    ),
)
@output_options
@pass_app
@deprecated_option("--reason", "--request", "reason")
def case_purge(app, case_ref, person_ref, reason, yes: bool, pending: bool, as_json: bool):
    from tipref.privacy.subject import apply_pending, purge

    if pending:
        result = apply_pending(app.book)
        if as_json:
            app.emit_json(result)
        else:
            app.success(
                Msg(
                    "Purges applied: {purges}; history entries scrubbed on this device: "
                    "{history_entries_scrubbed}.",
                    **result,
                )
            )
        return
    if not case_ref:
        raise click.UsageError(_("Missing argument 'REF'."))
    if not reason:
        raise click.UsageError(_("Missing option '--request'."))
    if not yes and not (
        interactive()
        and click.confirm(
            app.render(
                Msg("Erase identifying data in case {case}? This cannot be undone.", case=case_ref)
            ),
            err=True,
        )
    ):
        raise click.UsageError(_("Erasure cannot be undone: confirm with --yes."))
    result = purge(app.book, case_ref, person_ref, reason)
    if as_json:
        app.emit_json(result)
        return
    app.success(
        Msg(
            "Identifying data of person {person} in case {case} erased; referrals cleaned: "
            "{referrals}; history entries scrubbed on this device: {history_entries_scrubbed}.",
            **result,
        )
    )
