"""tipref template: list, export (to edit in Word) and check the Word templates."""

from __future__ import annotations

import click

from tipref.commands._common import output_options, pass_app, table
from tipref.commands._translate import Group, help_text
from tipref.i18n import N_, Msg, _

# the document kinds a template can be for (tipref.documents.check has their example data)
KINDS = (
    "letter",
    "commitment",
    "conference-invitation",
    "conference-minutes",
    "identification",
    "consent",
    "police-report",
    "handover",
    "acceptance",
)


@click.group(
    "template",
    cls=Group,
    help=N_(
        "Word templates: list, export a default into the book to edit, check a template's tags."
    ),
)
def template_group():
    pass


@template_group.command(
    "list", help=N_("List the templates and whether the book has its own copy.")
)
@output_options
@pass_app
def template_list(app, as_json: bool):
    from tipref.documents.render import list_templates

    found = list_templates(app.book.root)
    if as_json:
        app.emit_json([{"name": t.name, "source": t.source, "path": str(t.path)} for t in found])
        return
    table(app, [_("Name"), _("Source"), _("Path")], [(t.name, t.source, t.path) for t in found])


@template_group.command(
    "export",
    help=N_(
        "Copy the default template NAME into the book's templates/ folder, to edit in Word.\n"
        "\n"
        "From then on documents are made from the book's copy. Delete it to go back to the default."
    ),
)
@click.argument("name")
@click.option("--force", is_flag=True, help=N_("Overwrite the book's copy if there is one."))
@output_options
@pass_app
def template_export(app, name: str, force: bool, as_json: bool):
    from tipref.documents.render import export_template

    path = export_template(app.book.root, name, force)
    if as_json:
        app.emit_json({"name": path.stem, "path": str(path)})
        return
    app.success(
        Msg(
            "Template copied to {path}; edit it in Word. Documents are now made from this copy.",
            path=str(path),
        )
    )


@template_group.command(
    "check",
    help=N_(
        "List the tags in FILE (a path or a template name) that the data does not provide.\n"
        "\n"
        "Exit 1 when there is any, or when a trial render with example data fails."
    ),
)
@click.argument("file")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    metavar="KIND",
    help=help_text(
        N_(
            "What the template is for: {choices}. Default: from its name (commitment-*.docx, conference-invitation-*, conference-minutes-*, identification-*, consent-*, police-report-*, handover-*, acceptance-*; else letter)."
        ),
        choices=", ".join(KINDS),
    ),
)
@output_options
@pass_app
def template_check(app, file: str, kind: str | None, as_json: bool):
    from tipref.documents.check import check_template
    from tipref.errors import TiprefError

    result = check_template(app.book, file, kind, app.lang)
    if as_json:
        app.emit_json(result)
    else:
        for tag in result["unknown_tags"]:
            app.out.print(tag)
        if result["render_error"]:
            app.warn(result["render_error"])
        if result["ok"]:
            app.success(
                Msg(
                    "Every tag in {template} is provided by the data.",
                    template=result["template"],
                )
            )
    if not result["ok"]:
        raise TiprefError(
            N_("The template {template} uses tags the data does not provide: {tags}"),
            template=result["template"],
            tags=", ".join(result["unknown_tags"]) or "-",
        )
