"""tipref init: create a case book."""

from __future__ import annotations

from pathlib import Path

import click

from tipref import clock
from tipref.book.casebook import validate_model
from tipref.clock import DEFAULT_ZONE, zone_for_region
from tipref.commands._common import ask, output_options, pass_app
from tipref.commands._translate import Command, help_text
from tipref.guidance.setup import set_up_book
from tipref.i18n import LANGUAGES, N_, Msg, _
from tipref.schemas.settings import DEFAULT_LETTER_PATTERN, BookSettings


@click.command(
    "init",
    cls=Command,
    help=N_(
        "Create a case book in the folder PATH, for example on a shared drive.\n"
        "\n"
        "Missing details are asked for on a terminal; in a script, --name and --code are\n"
        "required and the rest may be filled in later in PATH/tipref.json."
    ),
)
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help=N_("Organisation name, e.g. 'UPTD PPA Kabupaten Timor Tengah Utara'."))
@click.option("--code", help=N_("Short code used in case and letter numbers, e.g. TTU."))
@click.option("--district", help=N_("District (kabupaten/kota), e.g. 'Timor Tengah Utara'."))
@click.option(
    "--region-code",
    help=N_("Kemendagri region code, e.g. 53.03; also sets the time zone (WIB/WITA/WIT)."),
)
@click.option(
    "--timezone",
    "time_zone",
    metavar="ZONE",
    help=N_(
        "The book's time zone, e.g. Asia/Makassar: 'today' is its local date. "
        "Default: from --region-code's province, else Asia/Makassar (WITA)."
    ),
)
@click.option("--city", help=N_("Place written before a letter's date, e.g. Kefamenanu."))
@click.option(
    "--hierarchy",
    multiple=True,
    help=N_(
        "A letterhead line above the organisation's name, top first (repeat), e.g. "
        "'PEMERINTAH KABUPATEN TIMOR TENGAH UTARA'."
    ),
)
@click.option("--address", help=N_("Letterhead address."))
@click.option("--postal-code", help=N_("Letterhead postal code (kode pos)."))
@click.option("--website", help=N_("Letterhead website."))
@click.option("--phone", help=N_("Letterhead phone."))
@click.option("--email", help=N_("Letterhead e-mail."))
@click.option(
    "--logo",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Logo image for the letterhead (copied into the book)."),
)
@click.option("--signer-name", help=N_("Who signs letters: full name."))
@click.option("--signer-position", help=N_("Who signs letters: position, e.g. 'Kepala UPTD PPA'."))
@click.option("--signer-nip", help=N_("Who signs letters: NIP, for a civil servant."))
@click.option(
    "--signer-on-behalf",
    type=click.Choice(["a.n.", "Plt.", "Plh."]),
    help=N_("The signer signs for someone else: a.n. (on behalf of), Plt. or Plh. (acting)."),
)
@click.option(
    "--signer-principal",
    help=N_("With --signer-on-behalf: the position signed for, e.g. 'Kepala Dinas PPPA'."),
)
@click.option(
    "--letter-pattern",
    help=help_text(
        N_(
            "Letter number pattern. Default: {default_letter_pattern}. Fields: {{seq}}, {{code}}, {{month_roman}}, {{month}}, {{year}}, {{class}} (the classification code, see --classification)."
        ),
        default_letter_pattern=DEFAULT_LETTER_PATTERN,
    ),
)
@click.option(
    "--classification",
    help=N_("Archive classification code for {class} in the letter pattern, e.g. 400.2.10."),
)
@click.option(
    "--book-lang",
    "book_lang",
    type=click.Choice(LANGUAGES),
    default="id",
    show_default=True,
    help=N_("The book's default language for people."),
)
@click.option(
    "--seed-network",
    is_flag=True,
    help=N_("Add an example referral network for the district, to edit."),
)
@click.option(
    "--encrypt", is_flag=True, help=N_("Encrypt personal data in the book (see 'tipref vault').")
)
@output_options
@pass_app
def init_command(
    app,
    path: Path,
    as_json: bool,
    book_lang: str,
    seed_network: bool,
    logo: Path | None,
    time_zone: str | None,
    **options,
):
    name = ask(options["name"], "--name", _("Organisation name"))
    code = ask(options["code"], "--code", _("Short code (e.g. TTU)"))

    def optional(key: str, label: str, default: str = "") -> str:
        return (
            ask(options[key], f"--{key.replace('_', '-')}", label, required=False, default=default)
            or ""
        )

    settings_data = {
        "organisation": {
            "name": name,
            "code": code,
            "district": optional("district", _("District")),
            "region_code": options["region_code"],
            "city": optional("city", _("Place on letters (e.g. Kefamenanu)")),
            "address": optional("address", _("Address")),
            "phone": optional("phone", _("Phone")),
            "email": optional("email", _("E-mail")),
            **_letterhead(options),
        },
        "signer": {
            "name": optional("signer_name", _("Signer's name")),
            "position": optional("signer_position", _("Signer's position")),
            "nip": optional("signer_nip", _("Signer's NIP (civil servants)")),
            **_on_behalf(options),
        },
        "language": book_lang,
        "timezone": time_zone or zone_for_region(options["region_code"]) or DEFAULT_ZONE,
    }
    options["letter_pattern"] = optional(
        "letter_pattern", _("Letter number pattern"), DEFAULT_LETTER_PATTERN
    )
    settings_data["numbering"] = _numbering(options)
    settings = validate_model(BookSettings, settings_data)
    made = set_up_book(
        path, settings, app.actor, logo, seed_network, encrypt=bool(options.get("encrypt"))
    )
    book, seeded = made.book, made.providers
    app._book = book
    if as_json:
        app.emit_json(
            {
                "path": str(book.root),
                "settings": settings.model_dump(mode="json"),
                "providers": [p.model_dump(mode="json") for p in seeded],
            }
        )
        return
    app.success(Msg("Case book created at {path}", path=book.root))
    app.info(
        Msg(
            "The book's time zone: {zone} (today there: {today})",
            zone=settings.timezone,
            today=clock.today(),
        )
    )
    if seeded:
        app.success(
            Msg.plural(
                "{count} example provider added; edit it with 'tipref provider update'.",
                "{count} example providers added; edit them with 'tipref provider update'.",
                len(seeded),
                count=len(seeded),
            )
        )


def _letterhead(options: dict) -> dict:
    """The kop surat's lines above the name, postal code and website, as given."""
    return {
        "hierarchy": list(options["hierarchy"]),
        "postal_code": options["postal_code"] or "",
        "website": options["website"] or "",
    }


def _on_behalf(options: dict) -> dict:
    return {
        "on_behalf": options["signer_on_behalf"] or "",
        "principal": options["signer_principal"] or "",
    }


def _numbering(options: dict) -> dict:
    numbering = {"classification": options["classification"] or ""}
    if options["letter_pattern"]:
        numbering["letter"] = options["letter_pattern"]
    return numbering
