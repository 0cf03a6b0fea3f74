"""tipref due: what is late or coming, across all cases (for people and for scheduled jobs)."""

from __future__ import annotations

import click

from tipref import clock
from tipref.commands._common import (
    limit_option,
    output_options,
    partial_option,
    pass_app,
    table,
)
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _

EXIT_OVERDUE = 3
# the line under a table cut at --limit (overdue items are listed whatever --within says)
MORE_DUE = N_("… and {count} more: --limit 0 for all, or --json.")


@click.command(
    "due",
    cls=Command,
    help=N_(
        "What is late: referrals waiting past their service's response time, and deadlines.\n"
        "\n"
        "Response times per service are book settings (response_times in tipref.json, hours;\n"
        "defaults such as identification 6 h, 2 h for a high-risk case, are service\n"
        "standards, not law). Deadlines follow the law by default (settings: deadlines).\n"
        "\b\n"
        "Exit status, for a scheduled job:\n"
        "  0  nothing overdue (things coming soon may be listed)\n"
        "  3  something is overdue\n"
        "  1  failed (e.g. no book, or records that cannot be read, unless --allow-partial)"
    ),
)
@click.option(
    "--within",
    "within_days",
    type=click.IntRange(0, 3650),
    default=7,
    show_default=True,
    metavar="DAYS",
    help=N_("Also list deadlines coming within DAYS, 0–3650."),
)
@limit_option
@partial_option
@output_options
@pass_app
def due_command(app, within_days: int, limit: int, as_json: bool):
    from tipref.guidance.deadlines import book_rows, due_from_rows, state_label
    from tipref.guidance.due_facts import DueRows

    reader = app.trusted_reader()
    rows = None if reader is None else DueRows.from_reader(reader)
    report = due_from_rows(rows or book_rows(app.book), within_days)
    lang = app.lang
    if as_json:
        app.emit_json(report.to_json(lang))
    else:
        providers = report.provider_codes
        if report.late_referrals:
            table(
                app,
                [
                    _("Number"),
                    _("Case"),
                    _("Service"),
                    _("Provider"),
                    _("Referred on"),
                    _("Waited (hours)"),
                    _("Limit (hours)"),
                ],
                [
                    (
                        i.referral.number,
                        i.case_number,
                        i.referral.service.label(lang),
                        providers.get(i.referral.provider_id, i.referral.provider_id),
                        i.referral.referred_on,
                        f"{i.waited_hours:.0f}",
                        i.limit_hours,
                    )
                    for i in report.late_referrals
                ],
                title=_("Referrals waiting too long"),
                limit=limit,
                more=MORE_DUE,
            )
        if report.deadlines:
            table(
                app,
                [
                    _("Case"),
                    _("Deadline"),
                    _("Due"),
                    _("State"),
                    _("Days left"),
                ],
                [
                    (
                        d.case_number,
                        d.label(lang),
                        d.due_on,
                        state_label(d.state).render(),
                        d.days_left,
                    )
                    for d in report.deadlines
                ],
                title=Msg.plural(
                    "Deadlines passed or coming (≤ {days} day)",
                    "Deadlines passed or coming (≤ {days} days)",
                    within_days,
                    days=within_days,
                ).render(),
                limit=limit,
                more=MORE_DUE,
            )
        if report.conferences:
            _conference_table(app, report.conferences, limit)
        if not report.late_referrals and not report.deadlines and not report.conferences:
            app.out.print(
                Msg.plural(
                    "Nothing late and nothing due within {days} day.",
                    "Nothing late and nothing due within {days} days.",
                    within_days,
                    days=within_days,
                ).render()
            )
    if report.overdue:
        click.get_current_context().exit(EXIT_OVERDUE)


def _conference_table(app, conferences, limit: int) -> None:
    """Case conferences not held yet, and what each needs next."""

    def next_step(conference) -> str:
        if conference.held_on <= clock.today():
            return _("record the minutes")
        return _(N_("invitation sent") if conference.invitation else N_("send the invitation"))

    table(
        app,
        [_("Number"), _("Case"), _("When"), _("Next")],
        [(c.number, number, c.held_on, next_step(c)) for c, number in conferences],
        title=_("Case conferences not held yet"),
        keep_whole=(0, 1, 2),
        limit=limit,
        more=MORE_DUE,
    )
