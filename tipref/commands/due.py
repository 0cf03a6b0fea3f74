"""tipref due: what is late or coming, across all cases (for people and for scheduled jobs)."""

from __future__ import annotations

import click

from tipref import clock
from tipref.commands import case_plan  # noqa: F401 - registers the plancmd.col.* column names
from tipref.commands._common import output_options, partial_option, pass_app, table
from tipref.commands._translate import Command
from tipref.i18n import N_, register_messages
from tipref.schemas import Provider

EXIT_OVERDUE = 3

register_messages(
    {
        "due.late_referrals": {
            "id": "Rujukan yang menunggu terlalu lama",
            "en": "Referrals waiting too long",
        },
        "due.deadlines": {
            "id": "Batas waktu lewat atau segera (≤ {days} hari)",
            "en": "Deadlines passed or coming (≤ {days} days)",
        },
        "due.nothing": {
            "id": "Tidak ada yang terlambat atau jatuh tempo dalam {days} hari.",
            "en": "Nothing late and nothing due within {days} days.",
        },
        "due.col.waited": {"id": "Menunggu (jam)", "en": "Waited (hours)"},
        "due.col.limit": {"id": "Batas (jam)", "en": "Limit (hours)"},
        "due.col.days_left": {"id": "Sisa hari", "en": "Days left"},
        "due.conferences": {
            "id": "Rapat koordinasi kasus yang belum diadakan",
            "en": "Case conferences not held yet",
        },
        "due.col.conference_next": {"id": "Langkah berikut", "en": "Next"},
        "due.conference.invite": {"id": "kirim undangan", "en": "send the invitation"},
        "due.conference.invited": {"id": "undangan terkirim", "en": "invitation sent"},
        "due.conference.minutes": {"id": "catat notulen", "en": "record the minutes"},
    }
)


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
@partial_option
@output_options
@pass_app
def due_command(app, within_days: int, as_json: bool):
    from tipref.guidance.deadlines import due_report

    book = app.book
    report = due_report(book, within_days)
    lang, t = app.lang, app.t
    if as_json:
        app.emit_json(report.to_json(lang))
    else:
        providers = {p.id: p.code for p in book.all(Provider)}
        if report.late_referrals:
            table(
                app,
                [
                    t("col.number"),
                    t("col.case"),
                    t("col.service"),
                    t("col.provider"),
                    t("col.referred_on"),
                    t("due.col.waited"),
                    t("due.col.limit"),
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
                title=t("due.late_referrals"),
            )
        if report.deadlines:
            table(
                app,
                [
                    t("col.case"),
                    t("plancmd.col.deadline"),
                    t("plancmd.col.due"),
                    t("plancmd.col.state"),
                    t("due.col.days_left"),
                ],
                [
                    (
                        d.case_number,
                        d.label(lang),
                        d.due_on,
                        t(f"deadline.state.{d.state}"),
                        d.days_left,
                    )
                    for d in report.deadlines
                ],
                title=t("due.deadlines", days=within_days),
            )
        if report.conferences:
            _conference_table(app, report.conferences)
        if not report.late_referrals and not report.deadlines and not report.conferences:
            app.out.print(t("due.nothing", days=within_days))
    if report.overdue:
        click.get_current_context().exit(EXIT_OVERDUE)


def _conference_table(app, conferences) -> None:
    """Case conferences not held yet, and what each needs next."""
    t = app.t

    def next_step(conference) -> str:
        if conference.held_on <= clock.today():
            return t("due.conference.minutes")
        return t("due.conference.invited" if conference.invitation else "due.conference.invite")

    table(
        app,
        [t("col.number"), t("col.case"), t("col.when"), t("due.col.conference_next")],
        [(c.number, number, c.held_on, next_step(c)) for c, number in conferences],
        title=t("due.conferences"),
        keep_whole=(0, 1, 2),
    )
