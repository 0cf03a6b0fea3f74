"""tipref sop: the services of the SOP (Permen PPPA 8/2021) with steps, providers, documents, time limits."""

from __future__ import annotations

import click

from tipref.commands._common import (
    EnumChoice,
    output_options,
    pass_app,
)
from tipref.commands._grammar import deprecated_argument
from tipref.commands._translate import Command, help_text
from tipref.i18n import N_, Msg, _
from tipref.schemas.enums import Service


@click.command(
    "sop",
    cls=Command,
    help=N_(
        "The SOP's services: steps, typical providers, documents and time limits.\n"
        "\n"
        "Without --service, all of them. With --json, both languages are given unless --lang\n"
        "is set."
    ),
)
@click.option(
    "--service",
    type=EnumChoice(Service),
    help=help_text(
        N_("Only this service: {choices} (or its label)."), choices=", ".join(Service.ids())
    ),
)
@output_options
@pass_app
@deprecated_argument(
    "old_service", "sop SERVICE", "sop --service SERVICE", "service", type=EnumChoice(Service)
)
def sop_command(app, service: Service | None, as_json: bool):
    from tipref.guidance.sop import CATALOGUE, catalogue_json, text

    if as_json:
        app.emit_json(catalogue_json(service, app.lang_flag))
        return
    from rich.panel import Panel
    from rich.text import Text

    lang = app.lang
    app.line(_("Integrated services SOP (Permen PPPA 8/2021)"), style="bold")
    for number, entry in enumerate(CATALOGUE, 1):
        if service and entry.service != service:
            continue
        body = Text()
        body.append(text(entry.purpose, lang) + "\n\n")
        body.append(_("Steps"), style="bold")
        if entry.unverified:
            body.append(
                " " + _("(default step list, not verified against the regulation's annex)"),
                style="italic",
            )
        body.append("\n")
        for i, step in enumerate(entry.steps, 1):
            body.append(f"  {i}. {text(step, lang)}\n")
        body.append(_("Typical providers") + ": ", style="bold")
        body.append(", ".join(p.label(lang) for p in entry.provider_types) + "\n")
        body.append(_("Documents") + ": ", style="bold")
        body.append("; ".join(text(d, lang) for d in entry.documents) + "\n")
        if entry.time_limits:
            body.append(_("Time limits") + ":\n", style="bold")
            for limit in entry.time_limits:
                extra = f" [{text(limit.basis, lang)}]"
                if not limit.law:
                    extra += " (" + _("default, not law") + ")"
                if limit.setting:
                    extra += " — " + Msg("book setting: {name}", name=limit.setting).render()
                body.append(f"  • {text(limit.text, lang)}{extra}\n")
        body.append(Msg("Basis: {basis}", basis=entry.basis).render(), style="dim")
        title = f"{number}. {entry.service.label(lang)} ({entry.service.value})"
        app.out.print(Panel(body, title=title, title_align="left"))
