"""tipref referral: send a person to a provider for a service, and close the loop."""

from __future__ import annotations

import click

from tipref.book import referrals as core
from tipref.commands._common import (
    DATE,
    EnumChoice,
    ask,
    fields,
    given,
    interactive,
    limit_option,
    output_options,
    override_consent_option,
    override_reason,
    partial_option,
    pass_app,
    table,
    with_options,
)
from tipref.commands._grammar import LimitedChoice, deprecated_option
from tipref.commands._revision import if_revision_option
from tipref.commands._translate import Group, help_text
from tipref.commands.referral_reply import referral_reply
from tipref.i18n import N_, Msg, _
from tipref.present import referral_json
from tipref.schemas import Provider
from tipref.schemas.case import Case
from tipref.schemas.enums import Direction, ReferralStatus, Service
from tipref.schemas.referral import Referral

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


@click.group(
    "referral",
    cls=Group,
    help=N_("Referrals between providers: new, list, show, update (status), reply (read slips)."),
)
def referral_group():
    pass


@referral_group.command(
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


@referral_group.command(
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


@referral_group.command("list", help=N_("List referrals with how many days each has waited."))
@click.option("--case", "case_ref", help=N_("Only referrals of this case."))
@click.option("--service", type=EnumChoice(Service), help=N_("Only this service."))
@click.option("--provider", "provider_ref", help=N_("Only this provider (code or id)."))
@click.option("--status", type=EnumChoice(ReferralStatus), help=N_("Only this status."))
@limit_option
@partial_option
@output_options
@pass_app
def referral_list(app, case_ref, service, provider_ref, status, limit: int, as_json: bool):
    book = app.book
    found = core.list_referrals(book, case_ref, service, provider_ref, status)
    if as_json:
        app.emit_json(found)
        return
    if not found:
        app.info(Msg("Nothing found."))
        return
    lang = app.lang
    # numbers and codes from the local index: no need to read every case file
    cases = {
        record_id: facts.get("number") for record_id, facts in book.index.rows(Case.KIND).items()
    }
    providers = {
        record_id: facts.get("code") for record_id, facts in book.index.rows(Provider.KIND).items()
    }
    # the date is left to 'referral show' and --json: the days waited say what matters
    arrows = {Direction.outgoing.value: "→", Direction.incoming.value: "←"}
    table(
        app,
        [
            _("Number"),
            _("Case"),
            _("Service"),
            _("Provider"),
            _("Status"),
            _("Days"),
        ],
        [
            (
                r["number"],
                cases.get(r["case_id"]) or r["case_id"],
                _(SERVICE_IN_LISTS.get(r["service"], r["service"])),
                arrows[r["direction"]] + (providers.get(r["provider_id"]) or r["provider_id"]),
                ReferralStatus(r["status"]).label(lang),
                r["days_waited"],
            )
            for r in found
        ],
        keep_whole=(0, 1, 3),
        limit=limit,
    )


# a service in one or two words, so that a list of referrals keeps 80 columns
SERVICE_IN_LISTS = {
    Service.identification.value: N_("Identification"),
    Service.health.value: N_("Health"),
    Service.social.value: N_("Social"),
    Service.legal.value: N_("Legal aid"),
    Service.repatriation.value: N_("Repatriation"),
    Service.reintegration.value: N_("Reintegration"),
    Service.coordination.value: N_("Coordination"),
}


@referral_group.command(
    "show", help=N_("Show a referral and every status change (who, when, note).")
)
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


# the reply-slip reader lives in a module of its own
referral_group.add_command(referral_reply)
