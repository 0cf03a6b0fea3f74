"""tipref referral list: referrals with the days each has waited.

Listed from the referrals as stored when the local index vouches for every one
(:mod:`tipref.book.referral_rows`, issue #21), else through the book's models; the
output is the same.
"""

from __future__ import annotations

from typing import Any

import click

from tipref.commands._common import (
    EnumChoice,
    limit_option,
    output_options,
    partial_option,
    pass_app,
    table,
)
from tipref.commands._translate import Command
from tipref.i18n import N_, Msg, _
from tipref.schemas.enums import Direction, ReferralStatus, Service

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


@click.command("list", cls=Command, help=N_("List referrals with how many days each has waited."))
@click.option("--case", "case_ref", help=N_("Only referrals of this case."))
@click.option("--service", type=EnumChoice(Service), help=N_("Only this service."))
@click.option("--provider", "provider_ref", help=N_("Only this provider (code or id)."))
@click.option("--status", type=EnumChoice(ReferralStatus), help=N_("Only this status."))
@limit_option
@partial_option
@output_options
@pass_app
def referral_list(app, case_ref, service, provider_ref, status, limit: int, as_json: bool):
    found, index = _referrals(app, case_ref, service, provider_ref, status)
    if as_json:
        app.emit_json(found)
        return
    if not found:
        app.info(Msg("Nothing found."))
        return
    lang = app.lang
    # numbers and codes from the local index: no need to read every case file
    cases = {record_id: facts.get("number") for record_id, facts in index.rows("case").items()}
    providers = {
        record_id: facts.get("code") for record_id, facts in index.rows("provider").items()
    }
    # the date is left to 'referral show' and --json: the days waited say what matters
    arrows = {Direction.outgoing.value: "→", Direction.incoming.value: "←"}
    table(
        app,
        [_("Number"), _("Case"), _("Service"), _("Provider"), _("Status"), _("Days")],
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


def _referrals(app, case_ref, service, provider_ref, status) -> tuple[list[dict[str, Any]], Any]:
    """The rows, and the index to name their cases and providers with."""
    reader = app.trusted_reader()
    if reader is not None:
        from tipref.book.referral_rows import trusted_referrals

        values = (getattr(service, "value", None), getattr(status, "value", None))
        found = trusted_referrals(reader, case_ref, values[0], provider_ref, values[1])
        if found is not None:
            return found, reader.index
    from tipref.book import referrals as core

    book = app.book
    return core.list_referrals(book, case_ref, service, provider_ref, status), book.index
