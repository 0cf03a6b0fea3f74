"""tipref provider: the institutions of the referral network."""

from __future__ import annotations

import click

from tipref.book.providers import add_provider, list_providers, update_provider
from tipref.commands._common import (
    EnumChoice,
    ask,
    fields,
    given,
    output_options,
    pass_app,
    table,
    with_options,
)
from tipref.commands._grammar import deprecated_command
from tipref.commands._revision import if_revision_option
from tipref.commands._translate import Group, help_text
from tipref.i18n import N_, Msg, _
from tipref.schemas.enums import ProviderType, Service
from tipref.schemas.provider import Provider

provider_options = with_options(
    [
        click.option("--name", help=N_("Institution name, e.g. 'RSUD Kefamenanu'.")),
        click.option(
            "--code", help=N_("Short unique handle (default: from the name), e.g. rsud-kefa.")
        ),
        click.option(
            "--type",
            "type_",
            type=EnumChoice(ProviderType),
            help=help_text(
                N_("Kind of institution: {choices}"), choices=", ".join(ProviderType.ids())
            ),
        ),
        click.option(
            "--service",
            "services",
            multiple=True,
            type=EnumChoice(Service),
            help=help_text(
                N_("An SOP service it offers (repeat): {choices}"), choices=", ".join(Service.ids())
            ),
        ),
        click.option("--address", help=N_("Postal address.")),
        click.option("--district", help=N_("District (kabupaten/kota) it serves.")),
        click.option(
            "--city", help=N_("Town of the office, written after 'di' in letters, e.g. Kupang.")
        ),
        click.option("--phone", help=N_("Phone.")),
        click.option("--email", help=N_("E-mail.")),
        click.option("--contact", "contact_name", help=N_("Contact person's name.")),
        click.option(
            "--position",
            "contact_position",
            help=N_("Contact's position; letters are addressed to it."),
        ),
        click.option("--notes", help=N_("Anything else staff should know.")),
    ]
)


def _fields(options: dict) -> dict:
    data = given(**options)
    if "type_" in data:
        data["type"] = data.pop("type_")
    return data


@click.group(
    "provider",
    cls=Group,
    help=N_("Providers of the referral network (UPTD PPA, RSUD, Polres, LBH, KBRI, ...)."),
)
def provider_group():
    pass


@provider_group.command("new", help=N_("Add a provider to the referral network."))
@provider_options
@output_options
@pass_app
def provider_new(app, as_json: bool, **options):
    options["name"] = ask(options["name"], "--name", _("Name"))
    options["type_"] = ask(options["type_"], "--type", _("Type"), type=EnumChoice(ProviderType))
    provider = add_provider(app.book, _fields(options))
    if as_json:
        app.emit_json(provider.model_dump(mode="json"))
        return
    app.success(
        Msg(
            "{kind} {number} created ({id})",
            kind=Msg("Provider"),
            number=provider.code,
            id=provider.id,
        )
    )


@provider_group.command("list", help=N_("List providers, optionally by service or type."))
@click.option(
    "--service", type=EnumChoice(Service), help=N_("Only providers offering this service.")
)
@click.option(
    "--type", "type_", type=EnumChoice(ProviderType), help=N_("Only this kind of institution.")
)
@output_options
@pass_app
def provider_list(app, as_json: bool, service, type_):
    providers = list_providers(app.book, service, type_)
    if as_json:
        app.emit_json([p.model_dump(mode="json") for p in providers])
        return
    if not providers:
        app.info(Msg("Nothing found."))
        return
    lang = app.lang
    table(
        app,
        [
            _("Code"),
            _("Name"),
            _("Type"),
            _("Services"),
            _("Phone"),
        ],
        [
            (p.code, p.name, p.type.label(lang), ", ".join(s.value for s in p.services), p.phone)
            for p in providers
        ],
    )


@provider_group.command("show", help=N_("Show one provider (by code or id)."))
@click.argument("ref")
@output_options
@pass_app
def provider_show(app, ref: str, as_json: bool):
    provider = app.book.get(Provider, ref)
    if as_json:
        app.emit_json(provider.model_dump(mode="json"))
        return
    show_provider(app, provider)


def show_provider(app, p: Provider) -> None:
    lang = app.lang
    fields(
        app,
        [
            (_("Code"), p.code),
            (_("Name"), p.name),
            (_("Type"), p.type.label(lang)),
            (_("Services"), [s.label(lang) for s in p.services]),
            (_("Address"), p.address),
            (_("District"), p.district),
            (_("Office town"), p.city),
            (_("Phone"), p.phone),
            (_("E-mail"), p.email),
            (
                _("Contact"),
                " — ".join(x for x in (p.contact_name, p.contact_position) if x),
            ),
            (_("Id"), p.id),
            (_("Revision"), p.revision),
        ],
    )


@provider_group.command(
    "update", help=N_("Change a provider's details; --service replaces the list of services.")
)
@click.argument("ref")
@provider_options
@if_revision_option("provider")
@output_options
@pass_app
def provider_update(app, ref: str, as_json: bool, **options):
    before = app.book.get(Provider, ref).revision
    provider = update_provider(app.book, ref, _fields(options))
    if as_json:
        app.emit_json(provider.model_dump(mode="json"))
        return
    if provider.revision == before:
        app.info(Msg("{number}: nothing to change.", number=provider.code))
        return
    app.success(
        Msg(
            "{kind} {number} updated (revision {revision})",
            kind=Msg("Provider"),
            number=provider.code,
            revision=provider.revision,
        )
    )


provider_group.add_command(deprecated_command(provider_new, "provider add", "provider new"), "add")
