"""tipref referral reply: read filled reply slips back and update their referrals."""

from __future__ import annotations

from pathlib import Path

import click

from tipref.commands._common import output_options, pass_app
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg
from tipref.terminal import for_terminal


@click.command(
    "reply",
    cls=Command,
    help=N_(
        "Read filled reply slips (.docx) and update their referrals.\n"
        "\n"
        "Each slip is matched to its referral by the referral number AND the check code\n"
        "printed on it. A tick before Accepted or Declined moves a pending referral on; a tick\n"
        'before Yes under "Service finished" moves it on to completed. The officer, the dates,\n'
        "the plan and the file's checksum are kept on the referral. If any slip is refused\n"
        "(unreadable, another book, edited number or code, both boxes ticked or none), nothing\n"
        "is changed; a slip applied before is skipped."
    ),
)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE..."
)
@click.option("--dry-run", is_flag=True, help=N_("Only show what the slips would change."))
@output_options
@pass_app
def referral_reply(app, files: tuple[Path, ...], dry_run: bool, as_json: bool):
    from tipref.documents import reply_read as core

    book = app.book
    plans, refused = core.plan_replies(book, list(files))
    if refused:
        for error in refused[:-1]:
            click.echo(
                Msg("Error").render(app.lang) + ": " + for_terminal(error.message(app.lang)),
                err=True,
            )
        raise refused[-1]
    if as_json and dry_run:
        app.emit_json([plan.to_json() for plan in plans])
        return
    done = []
    for plan in plans:
        _describe(app, plan)
        if not dry_run and not plan.already:
            done.append(core.apply_reply(book, plan))
    if as_json:
        app.emit_json([plan.to_json() for plan in plans])
        return
    if dry_run:
        app.info(Msg("Dry run (--dry-run): nothing was changed."))
    else:
        app.success(
            Msg.plural(
                "{count} reply slip applied.",
                "{count} reply slips applied.",
                len(done),
                count=len(done),
            )
        )


def _describe(app, plan) -> None:
    reply, referral = plan.reply, plan.referral
    params = {"file": plan.slip.path.name, "number": referral.number}
    if plan.already:
        app.info(Msg("{file}: {number} was applied before; skipped.", **params))
        return
    officer = ", ".join(x for x in (reply.officer_name, reply.officer_position) if x)
    if not plan.moves:
        app.info(
            Msg(
                "{file}: {number} stays {status}; the reply is recorded (officer: {officer})",
                status=referral.status.label(app.lang),
                officer=officer,
                **params,
            )
        )
        return
    statuses = [referral.status, *plan.moves]
    app.info(
        Msg(
            "{file}: {number} {moves} (officer: {officer}; letter received {received})",
            moves=" → ".join(s.label(app.lang) for s in statuses),
            officer=officer,
            received=reply.received_on.isoformat() if reply.received_on else "-",
            **params,
        )
    )
