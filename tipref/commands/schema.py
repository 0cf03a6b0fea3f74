"""tipref schema: the JSON Schema of every record and of the settings."""

from __future__ import annotations

import json

import click

from tipref.commands._translate import Command
from tipref.i18n import N_, Msg
from tipref.schemas import SCHEMAS


@click.command(
    "schema",
    cls=Command,
    help=N_(
        "Print the JSON Schema of record NAME (case, referral, provider, settings, ...).\n"
        "\n"
        "Without NAME, list the names. Enumerated values carry their Indonesian and English\n"
        'labels under "x-labels".'
    ),
)
@click.argument("name", required=False)
def schema_command(name: str | None):
    if name is None:
        click.echo("\n".join(sorted(SCHEMAS)))
        return
    model = SCHEMAS.get(name)
    if model is None:
        raise click.BadParameter(
            Msg(
                "'{value}' is not known; choose from: {choices}",
                value=name,
                choices=", ".join(sorted(SCHEMAS)),
            ).render(),
            param_hint="NAME",
        )
    click.echo(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))
