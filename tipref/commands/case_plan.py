"""tipref case plan / need / event: what each person still needs, and the SOP's deadlines."""

from __future__ import annotations

from datetime import datetime

import click
from rich.text import Text

from tipref.commands._common import (
    DATE,
    EnumChoice,
    output_options,
    pass_app,
    table,
)
from tipref.commands._grammar import deprecated_argument
from tipref.commands._revision import if_revision_option
from tipref.commands._translate import Command, help_text
from tipref.i18n import N_, Msg, _
from tipref.present import case_json
from tipref.schemas.case import ServiceNeed
from tipref.schemas.enums import Service

STATE_STYLE = {
    "done": "green",
    "referred": "cyan",
    "needed": "yellow",
    "not-needed": "dim",
    "unassessed": "dim",
    "overdue": "bold red",
    "ended_early": "bold red",
    "due": "yellow",
}


class DateTimeParam(click.ParamType):
    name = "datetime"

    def get_metavar(self, param, ctx=None) -> str:
        return "'YYYY-MM-DD HH:MM'"

    def convert(self, value, param, ctx):
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        if text.lower() in ("now", "sekarang"):
            from tipref import clock

            return clock.now()
        try:
            return datetime.fromisoformat(text.replace("T", " "))
        except ValueError:
            self.fail(
                Msg(
                    "'{value}' is not a date and time; write 'YYYY-MM-DD HH:MM', e.g. "
                    "'2026-01-25 09:30'",
                    value=value,
                ).render(),
                param,
                ctx,
            )


DATETIME = DateTimeParam()


@click.command(
    "plan",
    cls=Command,
    help=N_(
        "What each person of a case needs, what is referred or done, deadlines and next steps."
    ),
)
@click.argument("ref")
@output_options
@pass_app
def case_plan_command(app, ref: str, as_json: bool):
    from tipref.guidance import plan as core
    from tipref.guidance.deadlines import book_zone, local, state_label
    from tipref.guidance.plan import STATE_LABELS

    result = core.case_plan(app.book, ref)
    lang = app.lang
    if as_json:
        app.emit_json(result.to_json(lang))
        return
    # one table per person: at 80 columns a name column would squeeze the rest unreadable
    for person in result.persons:
        rows = []
        for state in person.services:
            word = Text(_(STATE_LABELS[state.state]), style=STATE_STYLE.get(state.state, ""))
            referral = state.referral
            rows.append(
                [
                    state.service.label(lang),
                    word,
                    f"{referral.number} ({referral.status.label(lang)})" if referral else "",
                    state.provider_name or "",
                    state.since or "",
                ]
            )
        table(
            app,
            [
                _("Service"),
                _("State"),
                _("Referral"),
                _("Provider"),
                _("When"),
            ],
            rows,
            title=Msg("Case {number}", number=result.case.number).render()
            + f" — {person.position}. {person.name}",
            keep_whole=(4,),
        )
    _conference_table(app, result.conferences)
    if result.deadlines:
        zone = book_zone(app.book.settings)
        table(
            app,
            [
                _("Deadline"),
                _("Due"),
                _("State"),
                _("Done"),
                _("Basis"),
            ],
            [
                (
                    d.label(lang),
                    local(d.due_at, zone).strftime("%Y-%m-%d %H:%M") if d.due_at else d.due_on,
                    state_label(d.state).render(),
                    d.done_on or "",
                    d.to_json(lang)["basis"],
                )
                for d in result.deadlines
            ],
            title=_("Deadlines"),
            keep_whole=(1, 3),
        )
    _legal_table(app, result.case)
    app.line(_("Next steps"), style="bold")
    if not result.next_steps:
        app.out.print("  " + _("No open steps."))
    for step in result.next_steps:
        app.out.print(f"  • {app.render(step)}", markup=False)


def _legal_table(app, case) -> None:
    """The legal steps and the SIMFONI PPA entry recorded so far, if any."""
    from tipref.schemas.legal import legal_rows

    legal = legal_rows(case.events, app.lang)
    if legal:
        table(
            app,
            [_("Step"), _("Value")],
            [(row["label"], row["value"]) for row in legal],
            title=_("Legal process and SIMFONI PPA"),
        )


def _conference_table(app, conferences) -> None:
    """Coordination as it is done: the case's conferences, held or planned (if any)."""
    if not conferences:
        return
    table(
        app,
        [_("Number"), _("When"), _("State"), _("Place")],
        [
            (
                c.number,
                c.held_on,
                _(N_("held") if c.held else N_("planned")),
                c.place,
            )
            for c in conferences
        ],
        title=_("Case conferences"),
        keep_whole=(0, 1),
    )


@click.command(
    "need", cls=Command, help=N_("Record whether a person of a case needs an SOP service.")
)
@click.argument("ref")
@click.option(
    "--service",
    type=EnumChoice(Service),
    help=help_text(N_("The SOP service: {choices}."), choices=", ".join(Service.ids())),
)
@click.option(
    "--needed/--not-needed",
    "needed",
    default=None,
    help=N_("Whether the person needs the service."),
)
@click.option("--clear", is_flag=True, help=N_("Forget the assessment (back to 'not assessed')."))
@click.option(
    "--person",
    "person_ref",
    help=N_("Which person: position (1, 2...) or id. Default: the first victim."),
)
@if_revision_option("case")
@output_options
@pass_app
@deprecated_argument(
    "old_service", "case need REF SERVICE", "--service SERVICE", "service", type=EnumChoice(Service)
)
def case_need_command(
    app,
    ref: str,
    service: Service | None,
    needed: bool | None,
    clear: bool,
    person_ref,
    as_json: bool,
):
    from tipref.guidance import plan as core

    if service is None:
        raise click.UsageError(_("Missing option '--service'."))
    if needed is None and not clear:
        raise click.UsageError(_("Give --needed, --not-needed or --clear."))
    if needed is not None and clear:
        raise click.UsageError(
            _("--clear forgets the assessment: give it without --needed/--not-needed.")
        )
    need = None if clear else (ServiceNeed.needed if needed else ServiceNeed.not_needed)
    case = core.set_need(app.book, ref, service, need, person_ref)
    if as_json:
        app.emit_json(case_json(case))
        return
    app.success(
        Msg(
            "{number}: {service} = {need}",
            number=case.number,
            service=service.label(app.lang),
            need=need.label(app.lang) if need else _("not assessed"),
        )
    )


@click.command(
    "event",
    cls=Command,
    help=N_(
        "Record the moments that start or stop the SOP's deadlines, and the legal process.\n"
        "\n"
        "Times without a zone are in the book's time zone (WITA by default). The legal steps\n"
        "(police report, BAP, P21, charges, judgment, restitution) cannot be dated before an\n"
        "earlier one. SIMFONI PPA: the date and number the case got there."
    ),
)
@click.argument("ref")
@click.option(
    "--intake",
    "intake_at",
    type=DATETIME,
    help=N_("Taken in under treatment ('YYYY-MM-DD HH:MM' or now)."),
)
@click.option(
    "--police-reported", "police_reported_at", type=DATETIME, help=N_("Reported to the police.")
)
@click.option(
    "--first-aid-requested",
    "first_aid_requested_on",
    type=DATE,
    help=N_("First aid (pertolongan pertama) asked for, for a victim needing urgent help."),
)
@click.option(
    "--first-aid-given",
    "first_aid_given_on",
    type=DATE,
    help=N_("First aid given (this meets the 7-day deadline)."),
)
@click.option("--returned", "returned_on", type=DATE, help=N_("Back home (monitoring starts)."))
@click.option(
    "--judgment-notified",
    "judgment_notified_on",
    type=DATE,
    help=N_("First-instance judgment notified (restitution due 14 days later)."),
)
@click.option("--restitution-paid", "restitution_paid_on", type=DATE, help=N_("Restitution paid."))
@click.option(
    "--evaluated", "evaluated_on", type=DATE, help=N_("The PPT's 6-monthly evaluation was held.")
)
@click.option(
    "--police-report-number", help=N_("The police report's number (Nomor LP) the police gave.")
)
@click.option("--bap", "bap_on", type=DATE, help=N_("Victim examined by the police (BAP) on."))
@click.option("--bap-companion", help=N_("Who accompanied the victim at the examination (BAP)."))
@click.option("--p21", "p21_on", type=DATE, help=N_("Case file declared complete (P21) on."))
@click.option("--charged", "charged_on", type=DATE, help=N_("Charges read in court on."))
@click.option(
    "--restitution-amount",
    type=click.IntRange(min=0),
    metavar="RUPIAH",
    help=N_("Restitution ordered by the judgment, in rupiah (e.g. 25000000)."),
)
@click.option(
    "--lpsk-applied",
    "lpsk_applied_on",
    type=DATE,
    help=N_("Protection or restitution asked of LPSK."),
)
@click.option(
    "--simfoni-entered",
    "simfoni_entered_on",
    type=DATE,
    help=N_("The case was entered in SIMFONI PPA on (due within deadlines.simfoni_days)."),
)
@click.option("--simfoni-number", help=N_("The case's number in SIMFONI PPA."))
@if_revision_option("case")
@output_options
@pass_app
def case_event_command(app, ref: str, evaluated_on, as_json: bool, **events):
    from tipref.guidance import plan as core

    chosen = {name: value for name, value in events.items() if value is not None}
    case = core.set_events(app.book, ref, chosen, evaluated_on)
    if as_json:
        app.emit_json(case_json(case))
        return
    app.success(
        Msg(
            "{number}: events recorded (revision {revision})",
            number=case.number,
            revision=case.revision,
        )
    )
