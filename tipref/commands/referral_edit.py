"""tipref referral new, update, show: send a person to a provider, and close the loop."""

from __future__ import annotations

import functools

import click

from tipref.book import referrals as core
from tipref.commands._common import (
    DATE,
    EnumChoice,
    ask,
    fields,
    given,
    interactive,
    output_options,
    override_consent_option,
    override_reason,
    pass_app,
    table,
    with_options,
)
from tipref.commands._grammar import LimitedChoice, deprecated_option
from tipref.commands._revision import if_revision_option
from tipref.commands._translate import Command, help_text
from tipref.i18n import N_, Msg, _
from tipref.present import referral_json
from tipref.schemas import Provider
from tipref.schemas.case import Case
from tipref.schemas.enums import Direction, ReferralStatus, Service
from tipref.schemas.referral import Referral

verb = functools.partial(click.command, cls=Command)  # the group lists its verbs lazily

DETAIL_OPTIONS = [
    click.option("--reason", help=N_("Why the service is asked for.")),
    click.option(
        "--given",
        "services_given",
        multiple=True,
        type=EnumChoice(Service),
        help=N_("A service already given (repeat)."),
    ),
    click.option("--situation", help=N_("Current physical, psychological and family situation.")),
    click.option(
        "--attach",
        "attachments",
        multiple=True,
        help=N_("Something attached to the letter (repeat), e.g. 'Kronologi'."),
    ),
]


@verb(
    "new",
    help=N_(
        "Refer one person of a case to one provider for one service.\n"
        "\n"
        "Outgoing (from this book's organisation) with --to; incoming with --incoming-from. The\n"
        "provider learns the person's initials, sex and age; --share-identity sends the full\n"
        "identity, which needs the person's consent."
    ),
)
@click.option("--case", "case_ref", help=N_("The case: number (TTU-2026-0001) or id."))
@click.option(
    "--service",
    type=EnumChoice(Service),
    help=help_text(
        N_("The SOP service asked for: {choices} (coordination is done with 'tipref conference')."),
        choices=", ".join(s for s in Service.ids() if s != Service.coordination.value),
    ),
)
@click.option(
    "--to", "to_ref", help=N_("Receiving provider (code or id), for an outgoing referral.")
)
@click.option(
    "--incoming-from",
    "from_ref",
    metavar="PROVIDER",
    help=N_("Referring provider (code or id): records an incoming referral."),
)
@click.option(
    "--person",
    "person_ref",
    help=N_("Which person of the case: position (1, 2...) or id. Default: the first victim."),
)
@click.option("--date", "referred_on", type=DATE, help=N_("Date of the referral (default today)."))
@click.option("--note", help=N_("A note kept with the 'pending' step."))
@click.option(
    "--share-identity",
    is_flag=True,
    default=None,
    help=N_(
        "Send the person's full identity (name, NIK, birth date, address), not only initials, sex and "
        "age. Needs their share-identity consent for this provider ('tipref consent add')."
    ),
)
@override_consent_option
@with_options(DETAIL_OPTIONS)
@output_options
@pass_app
@deprecated_option("--from", "--incoming-from", "from_ref")
def referral_new(
    app,
    case_ref,
    service,
    to_ref,
    from_ref,
    person_ref,
    referred_on,
    note,
    as_json: bool,
    share_identity=None,
    override_consent=None,
    override_reason_text=None,
    **details,
):
    if to_ref and from_ref:
        raise click.UsageError(_("Give --to (outgoing) or --incoming-from (incoming), not both."))
    override = override_reason(override_consent, override_reason_text)  # before anything is asked
    if not (case_ref and service and (to_ref or from_ref)) and interactive():
        from tipref.commands._forms import ask_referral_form

        case_ref, service, to_ref, person_ref = ask_referral_form(
            app, case_ref, service, from_ref or to_ref, person_ref
        )
        if from_ref:
            from_ref, to_ref = to_ref, None
    case_ref = ask(case_ref, "--case", _("Case"))
    service = ask(service, "--service", _("Service"), type=EnumChoice(Service))
    direction = Direction.incoming if from_ref else Direction.outgoing
    provider_ref = from_ref or ask(to_ref, "--to", _("Receiving provider"))
    data = given(referred_on=referred_on, share_identity=share_identity, **details)
    referral, warnings = core.new_referral(
        app.book,
        case_ref,
        service,
        provider_ref,
        person_ref,
        direction,
        data,
        note,
        override_reason=override,
    )
    for warning in warnings:
        app.warn(warning)
    if as_json:
        app.emit_json(referral_json(referral))
        return
    app.success(
        Msg(
            "{kind} {number} created ({id})",
            kind=Msg("Referral"),
            number=referral.number,
            id=referral.id,
        )
    )


@verb(
    "update",
    help=N_(
        "Move a referral to a new status, or change its details.\n"
        "\n"
        "\b\n"
        "pending  -> accepted | declined (reason required) | cancelled\n"
        "accepted -> completed | cancelled\n"
        "\n"
        "The reason for a new status (required for declined) is --status-reason (or --why);\n"
        "--reason is always the referral's own reason (why the service is asked for)."
    ),
)
@click.argument("ref")
@click.option(
    "--status",
    type=LimitedChoice(ReferralStatus, ["accepted", "declined", "completed", "cancelled"]),
    help=N_("New status: accepted, declined, completed, cancelled."),
)
@click.option("--note", help=N_("What happened, kept with the status change."))
@click.option(
    "--status-reason",
    "--why",
    "status_reason",
    metavar="REASON",
    help=N_("Reason for the status (required when declined)."),
)
@with_options(DETAIL_OPTIONS)
@if_revision_option("referral")
@output_options
@pass_app
@deprecated_option("--decline-reason", "--status-reason", "status_reason")
def referral_update(app, ref: str, status, note, status_reason, as_json: bool, **details):
    book = app.book
    data = given(**details)
    if status is not None and not status_reason and "reason" in data:
        # one option, one meaning: --reason never stands in for the status's reason
        raise click.UsageError(
            _(
                '--reason is the referral\'s reason; the reason for the status is --why "REASON" '
                '(e.g. --status declined --why "No bed free")'
            )
        )
    before = book.get(Referral, ref)
    referral = core.change_status(book, ref, status, note, status_reason, data)
    if as_json:
        app.emit_json(referral_json(referral))
        return
    if referral.revision == before.revision:
        app.info(Msg("{number}: nothing to change.", number=referral.number))
    elif status is not None:
        app.success(
            Msg(
                "Referral {number}: {old} → {new}",
                number=referral.number,
                old=before.status.label(app.lang),
                new=referral.status.label(app.lang),
            )
        )
    else:
        app.success(
            Msg(
                "{kind} {number} updated (revision {revision})",
                kind=Msg("Referral"),
                number=referral.number,
                revision=referral.revision,
            )
        )


@verb("show", help=N_("Show a referral and every status change (who, when, note)."))
@click.argument("ref")
@output_options
@pass_app
def referral_show(app, ref: str, as_json: bool):
    book = app.book
    referral = book.get(Referral, ref)
    if as_json:
        app.emit_json(referral_json(referral))
        return
    lang = app.lang
    case = book.get(Case, referral.case_id)
    provider = book.get(Provider, referral.provider_id)
    person = case.person(referral.person_id)
    fields(
        app,
        [
            (_("Number"), referral.number),
            (_("Case"), case.number),
            (_("Person"), f"{person.initials()} ({person.role.label(lang)})"),
            (_("Service"), referral.service.label(lang)),
            (_("Direction"), referral.direction.label(lang)),
            (_("Provider"), f"{provider.name} ({provider.code})"),
            (_("Referred on"), referral.referred_on),
            (_("Status"), referral.status.label(lang)),
            (_("Days"), referral.days_waited()),
            (_("Reason"), referral.reason),
            (_("Services already given"), [s.label(lang) for s in referral.services_given]),
            (_("Current situation"), referral.situation),
            (_("Attachments"), referral.attachments),
            (_("Allowed next"), [s.value for s in core.allowed_next(referral.status)]),
            (_("Id"), referral.id),
            (_("Revision"), referral.revision),
        ],
        title=Msg("Referral {number}", number=referral.number).render(),
    )
    table(
        app,
        [_("When"), _("Status"), _("By"), _("Note"), _("Reason")],
        [
            (s.at.strftime("%Y-%m-%d %H:%M"), s.status.label(lang), s.by, s.note, s.reason)
            for s in referral.transitions
        ],
        title=_("History"),
    )
