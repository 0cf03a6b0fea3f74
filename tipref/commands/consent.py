"""tipref consent: record, withdraw and list a person's consent."""

from __future__ import annotations

from pathlib import Path

import click

from tipref.commands._common import DATE, EnumChoice, output_options, pass_app, table
from tipref.commands._translate import Group
from tipref.i18n import N_, Msg, _
from tipref.schemas import Case, Provider
from tipref.schemas.consent import ConsentForm, ConsentScope


@click.group(
    "consent",
    cls=Group,
    help=N_(
        "Consent of the persons of a case: to receive services, to share identity, to be counted."
    ),
)
def consent_group():
    pass


@consent_group.command(
    "add", help=N_("Record a consent given by a person (or a child's parent or guardian).")
)
@click.argument("case_ref", metavar="REF")
@click.option(
    "--person",
    "person_ref",
    help=N_("Which person: position (1, 2...) or id. Default: the first victim."),
)
@click.option(
    "--scope",
    type=EnumChoice(ConsentScope),
    required=True,
    help=N_("services, share-identity or reporting."),
)
@click.option(
    "--provider",
    "providers",
    multiple=True,
    metavar="CODE",
    help=N_("share-identity: a provider the identity may go to (repeat)."),
)
@click.option(
    "--whole-network", is_flag=True, help=N_("share-identity: with every provider of the network.")
)
@click.option(
    "--form",
    type=EnumChoice(ConsentForm),
    default="written",
    show_default=True,
    help=N_("written or recorded (UU 27/2022 Pasal 22)."),
)
@click.option("--date", "given_on", type=DATE, help=N_("When consent was given (default today)."))
@click.option("--guardian", help=N_("Parent or guardian who consented; required for a child."))
@click.option(
    "--note", default="", help=N_("Anything worth keeping, e.g. where the signed form is filed.")
)
@click.option(
    "--document",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_(
        "The signed form's scan, kept outside the book: its name, SHA-256 and path are "
        "recorded (see 'tipref consent form')."
    ),
)
@output_options
@pass_app
def consent_add(
    app,
    case_ref,
    person_ref,
    scope,
    providers,
    whole_network,
    form,
    given_on,
    guardian,
    note,
    as_json: bool,
    document: Path | None = None,
):
    from tipref.privacy.consent import add_consent, consent_json, list_consents

    case, person, consent = add_consent(
        app.book,
        case_ref,
        scope,
        person_ref,
        list(providers),
        whole_network,
        form,
        given_on,
        guardian,
        note,
        document,
    )
    numbered = list_consents(case)
    position = next(i for i, (_, c) in enumerate(numbered, 1) if c.id == consent.id)
    if as_json:
        codes = {p.id: p.code for p in app.book.all(Provider)}
        app.emit_json(consent_json(case, person, consent, position, codes))
        return
    app.success(
        Msg(
            "Consent #{number} ({scope}) recorded for {initials} in case {case} (id {id}).",
            number=position,
            id=consent.id,
            case=case.number,
            initials=person.initials(),
            scope=scope.label(app.lang),
        )
    )


@consent_group.command(
    "withdraw", help=N_("Record that a consent was withdrawn (by id, or its # in 'consent list').")
)
@click.argument("case_ref", metavar="REF")
@click.argument("consent_ref", metavar="CONSENT_ID")
@click.option(
    "--date",
    "on",
    type=DATE,
    help=N_("When it was withdrawn (default today); it stops counting from then."),
)
@output_options
@pass_app
def consent_withdraw(app, case_ref, consent_ref, on, as_json: bool):
    from tipref.privacy.consent import consent_json, find_consent, list_consents, withdraw_consent

    case, consent = withdraw_consent(app.book, case_ref, consent_ref, on)
    person, _ = find_consent(case, consent.id)
    if as_json:
        codes = {p.id: p.code for p in app.book.all(Provider)}
        position = next(i for i, (_, c) in enumerate(list_consents(case), 1) if c.id == consent.id)
        app.emit_json(consent_json(case, person, consent, position, codes))
        return
    app.success(
        Msg(
            "Consent {id} in case {case} withdrawn from {on}.",
            id=consent.id,
            case=case.number,
            on=consent.withdrawn_on,
        )
    )


@consent_group.command(
    "list",
    help=N_(
        "List every consent of a case's persons, in force or withdrawn.\n"
        "\n"
        "The # of a consent is what 'consent withdraw' takes; --json also gives its id."
    ),
)
@click.argument("case_ref", metavar="REF")
@output_options
@pass_app
def consent_list(app, case_ref, as_json: bool):
    from tipref.privacy.consent import consent_json, list_consents

    case = app.book.get(Case, case_ref)
    codes = {p.id: p.code for p in app.book.all(Provider)}
    rows = [
        consent_json(case, person, consent, i, codes)
        for i, (person, consent) in enumerate(list_consents(case), 1)
    ]
    if as_json:
        app.emit_json(rows)
        return
    if not rows:
        app.info(Msg("Nothing found."))
        return
    lang = app.lang
    yes, no = _("yes"), _("no")
    table(
        app,
        [
            "#",
            _("Person"),
            _("Scope"),
            _("With"),
            _("Form"),
            _("Given"),
            _("Withdrawn"),
            _("Guardian"),
            _("In force"),
        ],
        [
            (
                r["position"],
                f"{r['person_position']} {r['initials']}",
                ConsentScope.parse(r["scope"]).label(lang),
                _("whole network") if r["whole_network"] else ", ".join(r["provider_codes"]),
                ConsentForm.parse(r["form"]).label(lang),
                r["given_on"],
                r["withdrawn_on"] or "",
                r["guardian"] or "",
                yes if r["in_force"] else no,
            )
            for r in rows
        ],
        title=Msg("Case {number}", number=case.number).render(),
    )


@consent_group.command(
    "form",
    help=N_(
        "Write the consent form and privacy notice for a person to sign.\n"
        "\n"
        "It lists what is recorded and why, each institution and service the data goes to\n"
        "(from the case plan and the referrals), how to withdraw and whom to ask; a child's\n"
        "form has a line for the parent or guardian. Record the signed copy with\n"
        "'tipref consent add REF --scope ... --form written --document SCAN'."
    ),
)
@click.argument("case_ref", metavar="REF")
@click.option(
    "--person",
    "person_ref",
    help=N_("Which person: position (1, 2...) or id. Default: first victim."),
)
@click.option(
    "--bilingual", is_flag=True, help=N_("Add the other language (id/en) under each paragraph.")
)
@click.option("--out", type=click.Path(), help=N_("The .docx to write, or a folder."))
@click.option("--force", is_flag=True, help=N_("Replace the file if it exists already."))
@output_options
@pass_app
def consent_form(app, case_ref, person_ref, bilingual: bool, out, force: bool, as_json: bool):
    from tipref.documents.consent_form import write_consent_form

    case, person, path, warnings = write_consent_form(
        app.book, case_ref, person_ref, out, app.lang_flag, bilingual, force
    )
    for warning in warnings:
        app.warn(warning)
    if as_json:
        app.emit_json({"case": case.number, "person_id": person.id, "path": str(path)})
        return
    app.success(
        Msg(
            "Consent form for {initials} written to {path}",
            initials=person.initials(),
            path=str(path),
        )
    )
