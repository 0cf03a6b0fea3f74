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
from tipref.i18n import Msg, _
from tipref.schemas.enums import ProviderType, Service
from tipref.schemas.provider import Provider

provider_options = with_options(
    [
        click.option("--name", help="Institution name, e.g. 'RSUD Kefamenanu'."),
        click.option(
            "--code", help="Short unique handle (default: from the name), e.g. rsud-kefa."
        ),
        click.option(
            "--type",
            "type_",
            type=EnumChoice(ProviderType),
            help="Kind of institution: " + ", ".join(ProviderType.ids()),
        ),
        click.option(
            "--service",
            "services",
            multiple=True,
            type=EnumChoice(Service),
            help="An SOP service it offers (repeat): " + ", ".join(Service.ids()),
        ),
        click.option("--address", help="Postal address."),
        click.option("--district", help="District (kabupaten/kota) it serves."),
        click.option(
            "--city", help="Town of the office, written after 'di' in letters, e.g. Kupang."
        ),
        click.option("--phone", help="Phone."),
        click.option("--email", help="E-mail."),
        click.option("--contact", "contact_name", help="Contact person's name."),
        click.option(
            "--position",
            "contact_position",
            help="Contact's position; letters are addressed to it.",
        ),
        click.option("--notes", help="Anything else staff should know."),
    ]
)


def _fields(options: dict) -> dict:
    data = given(**options)
    if "type_" in data:
        data["type"] = data.pop("type_")
    return data


@click.group("provider")
def provider_group():
    """Providers of the referral network (UPTD PPA, RSUD, Polres, LBH, KBRI, ...)."""


@provider_group.command("new")
@provider_options
@output_options
@pass_app
def provider_new(app, as_json: bool, **options):
    """Add a provider to the referral network.

    \b
    Example:
      tipref provider new --name "RSUD Kefamenanu" --type hospital \\
        --service health
    """
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


@provider_group.command("list")
@click.option("--service", type=EnumChoice(Service), help="Only providers offering this service.")
@click.option(
    "--type", "type_", type=EnumChoice(ProviderType), help="Only this kind of institution."
)
@output_options
@pass_app
def provider_list(app, as_json: bool, service, type_):
    """List providers, optionally by service or type."""
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


@provider_group.command("show")
@click.argument("ref")
@output_options
@pass_app
def provider_show(app, ref: str, as_json: bool):
    """Show one provider (by code or id)."""
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


@provider_group.command("update")
@click.argument("ref")
@provider_options
@if_revision_option("provider")
@output_options
@pass_app
def provider_update(app, ref: str, as_json: bool, **options):
    """Change a provider's details; --service replaces the list of services."""
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
