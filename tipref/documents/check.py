"""``tipref template check``: which tags of a template the data does not provide, and
whether a trial render with example data works."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref.documents.render import find_template, template_from_file
from tipref.errors import TiprefError

if TYPE_CHECKING:
    from tipref.book.casebook import Book


def template_kind(stem: str) -> str:
    """The document kind a template is for, from its file name."""
    return "commitment" if stem.lower().startswith("commitment") else "letter"


def sample_context(book: Book, kind: str) -> dict[str, Any]:
    """Example data of a document kind, as a template receives it."""
    if kind == "commitment":
        from tipref.documents import commitments

        return commitments.sample_context(book)
    from tipref.documents import letters

    return letters.sample_context(book)


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
