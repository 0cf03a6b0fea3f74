"""tipref template: list, export (to edit in Word) and check the Word templates."""

from __future__ import annotations

from pathlib import Path

import click

from tipref.commands._common import output_options, pass_app, table

# template kind -> (module, function) giving example data with every key it gets
SAMPLES: dict[str, tuple[str, str]] = {
    "commitment": ("tipref.documents.commitments", "sample_context"),
    "conference-invitation": ("tipref.documents.conference", "sample_invitation_context"),
    "conference-minutes": ("tipref.documents.conference", "sample_minutes_context"),
    "identification": ("tipref.documents.identification", "sample_context"),
    "consent": ("tipref.documents.consent_form", "sample_context"),
}


def _sample(book, stem: str, kind: str | None) -> tuple[str, dict]:
    """The template's kind (given, or from its name) and example data for it."""
    import importlib

    kind = kind or next((k for k in SAMPLES if stem.lower().startswith(k)), "letter")
    module, function = SAMPLES.get(kind, ("tipref.documents.letters", "sample_context"))
    return kind, getattr(importlib.import_module(module), function)(book)


@click.group("template")
def template_group():
    """Word templates: list, export a default into the book to edit, check a template's tags."""


@template_group.command("list")
@output_options
@pass_app
def template_list(app, as_json: bool):
    """List the templates and whether the book has its own copy."""
    from tipref.documents.render import list_templates

    found = list_templates(app.book.root)
    if as_json:
        app.emit_json([{"name": t.name, "source": t.source, "path": str(t.path)} for t in found])
        return
    table(
        app, ["Name / Nama", "Source / Sumber", "Path"], [(t.name, t.source, t.path) for t in found]
    )


@template_group.command("export")
@click.argument("name")
@click.option("--force", is_flag=True, help="Overwrite the book's copy if there is one.")
@output_options
@pass_app
def template_export(app, name: str, force: bool, as_json: bool):
    """Copy the default template NAME into the book's templates/ folder, to edit in Word.

    From then on documents are made from the book's copy. Delete it to go back to the default.
    """
    from tipref.documents.render import export_template

    path = export_template(app.book.root, name, force)
    if as_json:
        app.emit_json({"name": path.stem, "path": str(path)})
        return
    app.success(app.t("template.exported", path=str(path)))


@template_group.command("check")
@click.argument("file")
@click.option(
    "--kind",
    type=click.Choice(["letter", *SAMPLES]),
    help="What the template is for. Default: from its name (commitment-*.docx, "
    "conference-invitation-*, conference-minutes-*, identification-*, consent-*; else letter).",
)
@output_options
@pass_app
def template_check(app, file: str, kind: str | None, as_json: bool):
    """List the tags in FILE (a path or a template name) that the data does not provide.

    Exit 1 when there is any, or when a trial render with example data fails.
    """
    from tipref.documents.render import find_template, template_from_file
    from tipref.errors import TiprefError

    book = app.book
    path = Path(file)
    template = (
        template_from_file(path)
        if path.suffix.lower() == ".docx" or path.exists()
        else template_from_file(find_template(book.root, file).path)
    )
    kind, context = _sample(book, template.info.path.stem, kind)
    unknown = template.undeclared(context)
    render_error = None
    if not unknown:
        try:
            template.render(context)
        except TiprefError as error:
            render_error = error.message(app.lang)
    if as_json:
        app.emit_json(
            {
                "template": str(template.info.path),
                "kind": kind,
                "unknown_tags": unknown,
                "render_error": render_error,
                "ok": not unknown and not render_error,
            }
        )
    else:
        for tag in unknown:
            app.out.print(tag)
        if render_error:
            app.warn(render_error)
        if not unknown and not render_error:
            app.success(app.t("template.ok", template=str(template.info.path)))
    if unknown or render_error:
        raise TiprefError(
            "template.unknown_tags",
            template=str(template.info.path),
            tags=", ".join(unknown) or "-",
        )


def register(cli: click.Group) -> None:
    from tipref.i18n import register_messages

    register_messages(
        {
            "template.exported": {
                "id": "Templat disalin ke {path}; ubah di Word. Dokumen sekarang dibuat dari salinan ini.",
                "en": "Template copied to {path}; edit it in Word. Documents are now made from this copy.",
            },
            "template.ok": {
                "id": "Semua tag di {template} disediakan data.",
                "en": "Every tag in {template} is provided by the data.",
            },
            "template.unknown_tags": {
                "id": "Templat {template} memakai tag yang tidak disediakan data: {tags}",
                "en": "The template {template} uses tags the data does not provide: {tags}",
            },
        }
    )
    cli.add_command(template_group)
