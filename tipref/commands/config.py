"""tipref config: the user's own settings on this machine (name, language)."""

from __future__ import annotations

import click

from tipref import clock, userconfig
from tipref.commands._common import fields, output_options, pass_app
from tipref.commands._translate import Group
from tipref.i18n import LANGUAGES, N_, Msg, _
from tipref.paths import config_dir


@click.group(
    "config",
    cls=Group,
    help=N_("Your own settings on this machine: your name (recorded on changes) and language."),
)
def config_group():
    pass


@config_group.command(
    "set", help=N_("Set KEY to VALUE, e.g. 'tipref config set user \"Maria Ulu\"'.")
)
@click.argument("key", type=click.Choice(["user", "language"]))
@click.argument("value")
@pass_app
def config_set(app, key: str, value: str):
    if key == "language" and value not in LANGUAGES:
        raise click.BadParameter(
            _("choose from {choices}").format(choices=", ".join(LANGUAGES)), param_hint="VALUE"
        )
    userconfig.set_value(key, value)
    app.success(Msg("{key} = {value}", key=key, value=value))


@config_group.command(
    "show",
    help=N_("Show who you are, your language, this device's id and, inside a book, its time zone."),
)
@output_options
@pass_app
def config_show(app, as_json: bool):
    data = {
        "user": app.actor,
        "language": app.lang,
        "device_id": userconfig.device_id(),
        "config_dir": str(config_dir()),
    }
    settings = app.book_settings()
    if settings is not None:
        # The book's clock: "today" for every date tipref fills in or checks.
        data.update({"book_timezone": settings.timezone, "book_today": clock.today().isoformat()})
    if as_json:
        app.emit_json(data)
        return
    fields(
        app,
        [
            (_("User"), data["user"]),
            (_("Language"), data["language"]),
            (_("Device"), data["device_id"]),
            ("config", data["config_dir"]),
            *(
                [
                    (_("Book's time zone"), data["book_timezone"]),
                    (_("Today (book)"), data["book_today"]),
                ]
                if settings is not None
                else []
            ),
        ],
    )
