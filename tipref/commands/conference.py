"""tipref conference: case conferences (rapat koordinasi kasus), their invitation and minutes."""

from __future__ import annotations

from pathlib import Path

import click

from tipref.commands._common import DATE, ask, fields, output_options, pass_app, table
from tipref.commands._translate import Group
from tipref.i18n import N_, Msg, _
from tipref.schemas.case import Case
from tipref.schemas.provider import Provider

FORCE = click.option("--force", is_flag=True, help=N_("Replace the file if it exists already."))
OUT = click.option(
    "--out",
    type=click.Path(),  # a str: a trailing "/" (a folder to make) survives
    help=N_("The .docx to write, or a folder (default: the current folder)."),
)


def _json(conference) -> dict:
    return conference.model_dump(mode="json")


@click.group(
    "conference",
    cls=Group,
    help=N_(
        "Case conferences: invitation letter, minutes, decisions.\n"
        "\n"
        "\b\n"
        "Coordination is done through case conferences, not by referring a person:\n"
        "  tipref conference new --case TTU-2026-0001 --date today \\\n"
        '      --place "Kantor UPTD PPA" --invite rsud --invite dinsos --time 09:00'
    ),
)
def conference_group():
    pass


@conference_group.command("new", help=N_("Record a case conference of a case, held or planned."))
@click.option("--case", "case_ref", help=N_("The case: number (TTU-2026-0001) or id."))
@click.option(
    "--date", "held_on", type=DATE, help=N_("Day of the meeting (today, today-N, or a date).")
)
@click.option("--place", help=N_("Where the meeting is held."))
@click.option(
    "--invite", "invite", multiple=True, metavar="PROVIDER", help=N_("A provider invited (repeat).")
)
@click.option("--time", "time_", metavar="HH:MM", default="", help=N_("Start time, e.g. 09:00."))
@click.option("--agenda", default="", help=N_("What the meeting is about."))
@output_options
@pass_app
def conference_new(app, case_ref, held_on, place, invite, time_, agenda, as_json: bool):
    from tipref.book.conferences import new_conference

    case_ref = ask(case_ref, "--case", _("Case"))
    held_on = ask(held_on, "--date", _("Date"), type=DATE)
    place = ask(place, "--place", _("Place"))
    if not invite:
        raise click.UsageError(_("Missing option '--invite' (a provider invited; repeat)."))
    conference = new_conference(app.book, case_ref, held_on, place, list(invite), time_, agenda)
    if as_json:
        app.emit_json(_json(conference))
        return
    app.success(
        Msg(
            "{kind} {number} created ({id})",
            kind=Msg("Case conference"),
            number=conference.number,
            id=conference.id,
        )
    )


@conference_group.command("list", help=N_("List case conferences, oldest first."))
@click.option("--case", "case_ref", help=N_("Only the conferences of this case."))
@output_options
@pass_app
def conference_list(app, case_ref, as_json: bool):
    from tipref.book.conferences import list_conferences

    book = app.book
    case_id = book.resolve_id(Case, case_ref) if case_ref else None
    found = list_conferences(book, case_id)
    if as_json:
        app.emit_json([_json(c) for c in found])
        return
    if not found:
        app.info(Msg("Nothing found."))
        return
    cases = {c.id: c.number for c in book.all(Case)}
    table(
        app,
        [
            _("Number"),
            _("Case"),
            _("When"),
            _("State"),
        ],
        [
            (
                c.number,
                cases.get(c.case_id, c.case_id),
                c.held_on,
                _(N_("held") if c.held else N_("planned")),
            )
            for c in found
        ],
        keep_whole=(0, 1, 2),
    )


@conference_group.command(
    "show", help=N_("Show a case conference: invited, attendance, decisions.")
)
@click.argument("ref")
@output_options
@pass_app
def conference_show(app, ref: str, as_json: bool):
    from tipref.book.conferences import get_conference, referral_numbers

    book = app.book
    conference = get_conference(book, ref)
    if as_json:
        app.emit_json(_json(conference))
        return
    case = book.get(Case, conference.case_id)
    invited = [book.get(Provider, p).name for p in conference.invited]
    numbers = referral_numbers(book, conference)
    fields(
        app,
        [
            (_("Case"), case.number),
            (_("When"), f"{conference.held_on} {conference.time}".strip()),
            (_("Place"), conference.place),
            (_("Agenda"), conference.agenda),
            (_("Invited"), invited),
            (
                _("Invitation letter"),
                conference.invitation.number if conference.invitation else "",
            ),
            (_("Attended"), len(conference.attendance) or ""),
            (_("Discussion"), conference.discussion),
        ],
        title=app.render(Msg("Case conference {number}", number=conference.number)),
    )
    for index, decision in enumerate(conference.decisions, start=1):
        suffix = f" ({numbers.get(decision.referral_id, '')})" if decision.referral_id else ""
        app.out.print(f"  {index}. {decision.text}{suffix}", markup=False, highlight=False)


@conference_group.command(
    "invite",
    help=N_(
        "Write the invitation letter (surat undangan) of conference REF.\n"
        "\n"
        "It takes the next number of the book's letter sequence the first time; made again,\n"
        "it keeps that number and date. The victim is named by initials only."
    ),
)
@click.argument("ref")
@OUT
@FORCE
@output_options
@pass_app
def conference_invite(app, ref: str, out: str | None, force: bool, as_json: bool):
    from tipref.documents.conference import write_invitation

    written = write_invitation(app.book, ref, out, app.lang_flag, force)
    for warning in written.warnings:
        app.warn(warning)
    if as_json:
        app.emit_json(
            {
                "number": written.number,
                "conference": written.conference.number,
                "path": str(written.path),
            }
        )
        return
    app.success(
        Msg(
            "Invitation {number} for conference {conference} written to {path}",
            number=written.number,
            conference=written.conference.number,
            path=str(written.path),
        )
    )


@conference_group.command(
    "minutes",
    help=N_(
        "Record who came and what was decided; write the minutes.\n"
        "\n"
        "Without --attendance, writes the minutes again from what is recorded."
    ),
)
@click.argument("ref")
@click.option(
    "--attendance",
    "attendance",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_(
        "Attendance list, .csv or .xlsx: columns Nama/Name, Instansi/Institution, "
        "Jabatan/Position. Needed the first time."
    ),
)
@click.option("--discussion", default="", help=N_("What was discussed."))
@click.option("--decision", "decisions", multiple=True, help=N_("A decision, in words (repeat)."))
@click.option(
    "--refer",
    "refer",
    multiple=True,
    metavar="SERVICE:PROVIDER",
    help=N_("A decision to refer, e.g. health:rsud; makes a pending referral (repeat)."),
)
@click.option(
    "--need", "need", multiple=True, metavar="SERVICE", help=N_("A service marked needed (repeat).")
)
@click.option(
    "--person", "person_ref", help=N_("Whom --refer/--need concern: position (1, 2...) or id.")
)
@click.option("--skip-invalid", is_flag=True, help=N_("Keep the good rows of the attendance list."))
@OUT
@FORCE
@output_options
@pass_app
def conference_minutes(
    app, ref, attendance, discussion, decisions, refer, need, person_ref, skip_invalid, out,
    force, as_json,
):  # fmt: skip
    from tipref.book.conferences import record_minutes
    from tipref.documents.conference import minutes_target, write_minutes

    book = app.book
    target = minutes_target(book, ref, out, app.lang_flag, force)  # refused before recording
    referrals = []
    if attendance is not None:
        people = _attendance(app, attendance, skip_invalid)
        result = record_minutes(
            book,
            ref,
            people,
            discussion,
            list(decisions),
            list(refer),
            list(need),
            person_ref,
        )
        referrals = result.referrals
    elif decisions or refer or need or discussion:
        raise click.UsageError(_("--discussion/--decision/--refer/--need need --attendance FILE."))
    written = write_minutes(book, ref, target, app.lang_flag, force=True)
    for warning in written.warnings:
        app.warn(warning)
    if as_json:
        app.emit_json(
            {
                **_json(written.conference),
                "path": str(written.path),
                "referrals": [r.number for r in referrals],
            }
        )
        return
    for referral in referrals:
        app.success(
            Msg(
                "{kind} {number} created ({id})",
                kind=Msg("Referral"),
                number=referral.number,
                id=referral.id,
            )
        )
    app.success(
        Msg(
            "Minutes of conference {conference} written to {path}",
            conference=written.conference.number,
            path=str(written.path),
        )
    )


def _attendance(app, path: Path, skip_invalid: bool) -> list[dict[str, str]]:
    """The attendance list's rows; a bad row stops everything unless --skip-invalid."""
    from tipref.reporting.attendance import AttendanceRejected, read_attendance

    attendance = read_attendance(path)
    if attendance.problems and not skip_invalid:
        raise AttendanceRejected(attendance.problems)
    for problem in attendance.problems:
        app.warn(problem.message())
    return attendance.rows
