"""``tipref template check``: which tags of a template the data does not provide, and
whether a trial render with example data works."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref.documents.render import find_template, template_from_file
from tipref.errors import TiprefError

if TYPE_CHECKING:
    from tipref.book.casebook import Book


# template kind -> (module, function) giving example data with every key it gets; a
# template's kind is the first of these its file name starts with, else "letter"
SAMPLES: dict[str, tuple[str, str]] = {
    "commitment": ("tipref.documents.commitments", "sample_context"),
    "conference-invitation": ("tipref.documents.conference", "sample_invitation_context"),
    "conference-minutes": ("tipref.documents.conference", "sample_minutes_context"),
    "identification": ("tipref.documents.identification", "sample_context"),
    "consent": ("tipref.documents.consent_form", "sample_context"),
    "letter": ("tipref.documents.letters", "sample_context"),
}


def template_kind(stem: str) -> str:
    """The document kind a template is for, from its file name."""
    return next((kind for kind in SAMPLES if stem.lower().startswith(kind)), "letter")


def sample_context(book: Book, kind: str) -> dict[str, Any]:
    """Example data of a document kind, as a template receives it."""
    import importlib

    module, function = SAMPLES.get(kind, SAMPLES["letter"])
    context: dict[str, Any] = getattr(importlib.import_module(module), function)(book)
    return context


def check_template(book: Book, file: str, kind: str | None, lang: str) -> dict[str, Any]:
    """FILE is a path to a .docx or the name of a template of the book. The result says
    the template, its kind, the unknown tags, the trial render's error and ``ok``."""
    path = Path(file)
    template = (
        template_from_file(path)
        if path.suffix.lower() == ".docx" or path.exists()
        else template_from_file(find_template(book.root, file).path)
    )
    kind = kind or template_kind(template.info.path.stem)
    context = sample_context(book, kind)
    unknown = template.undeclared(context)
    render_error = None
    if not unknown:
        try:
            template.render(context)
        except TiprefError as error:
            render_error = error.message(lang)
    return {
        "template": str(template.info.path),
        "kind": kind,
        "unknown_tags": unknown,
        "render_error": render_error,
        "ok": not unknown and not render_error,
    }
