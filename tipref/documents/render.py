"""Word documents from templates, and PDF through LibreOffice.

Templates are .docx files with docxtpl (Jinja) tags. The defaults ship in the package
``tipref.templates``; a book's own copy in ``<book>/templates/`` wins. Rendering always
uses one Jinja environment with ``autoescape=True`` (a ``&`` or ``<`` in a name comes out
as typed) and ``StrictUndefined`` (a misspelt tag is an error naming the tag and the
template, never a blank).

python-docx and docxtpl are imported inside functions so ``tipref --help`` stays fast.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref.errors import TiprefError
from tipref.i18n import N_
from tipref.schemas.text import for_xml

if TYPE_CHECKING:
    from tipref.documents.prepared import Prepared

TEMPLATE_SUFFIX = ".docx"
BOOK_TEMPLATE_FOLDER = "templates"


# -- templates -------------------------------------------------------------------------------
@dataclass(frozen=True)
class TemplateInfo:
    name: str
    path: Path
    overridden: bool  # the book's own copy

    @property
    def source(self) -> str:
        return "book" if self.overridden else "default"


def default_template_folder() -> Path:
    """The default templates: the installed package ``tipref.templates``, or, when tipref is
    imported from a source checkout (``python -m pytest`` in the repository), the
    checkout's top-level ``templates/`` folder that setuptools installs as that package.

    The folders are looked at before ``importlib.resources`` is imported (issue #21)."""
    package = Path(__file__).resolve().parents[1]  # tipref/documents/ -> tipref/
    if (package / "templates" / "__init__.py").is_file():
        return package / "templates"  # installed from a wheel or an sdist
    checkout = package.parent  # a source checkout (or an editable install of one)
    if (checkout / "pyproject.toml").is_file() and (checkout / "templates").is_dir():
        return checkout / "templates"
    from importlib.resources import files

    return Path(str(files("tipref.templates")))


def default_template_names() -> list[str]:
    return sorted(p.stem for p in default_template_folder().glob(f"*{TEMPLATE_SUFFIX}"))


def book_template_folder(book_root: Path) -> Path:
    return book_root / BOOK_TEMPLATE_FOLDER


def find_template(book_root: Path | None, name: str) -> TemplateInfo:
    """The book's copy of a template when it has one, else the default."""
    stem = name[: -len(TEMPLATE_SUFFIX)] if name.endswith(TEMPLATE_SUFFIX) else name
    if book_root is not None:
        own = book_template_folder(book_root) / f"{stem}{TEMPLATE_SUFFIX}"
        if own.is_file():
            return TemplateInfo(stem, own, True)
    default = default_template_folder() / f"{stem}{TEMPLATE_SUFFIX}"
    if default.is_file():
        return TemplateInfo(stem, default, False)
    raise TiprefError(
        N_("There is no template '{name}'. Templates: {names}."),
        name=stem,
        names=", ".join(default_template_names()),
    )


def list_templates(book_root: Path | None) -> list[TemplateInfo]:
    names = set(default_template_names())
    if book_root is not None and book_template_folder(book_root).is_dir():
        names |= {
            p.stem
            for p in book_template_folder(book_root).glob(f"*{TEMPLATE_SUFFIX}")
            if not p.name.startswith("~$")
        }  # Word's lock files
    return [find_template(book_root, name) for name in sorted(names)]


def export_template(book_root: Path, name: str, force: bool = False) -> Path:
    """Copy a default template into the book, to edit in Word; rendering then prefers it."""
    default = find_template(None, name)
    target = book_template_folder(book_root) / default.path.name
    if target.exists() and not force:
        raise TiprefError(
            N_("The template {path} is already in the book; add --force to overwrite it."),
            path=str(target),
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    from tipref.storage.atomic import atomic_write_bytes

    atomic_write_bytes(target, default.path.read_bytes())
    return target


# -- rendering ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def jinja_env():
    """The one environment every document is rendered with (DESIGN.md §3).

    ``finalize`` passes every value a template prints through :func:`for_xml`, so a control
    character stored in a record (from an older version, or another tool) never makes a
    .docx that Word and LibreOffice refuse to open.
    """
    from jinja2 import Environment, StrictUndefined

    return Environment(autoescape=True, undefined=StrictUndefined, finalize=_xml_safe)


def _xml_safe(value: Any) -> Any:
    if hasattr(value, "__html__"):  # already markup (docxtpl RichText, Listing): as it is
        return value
    return for_xml(value)


class Template:
    """A template read and parsed once, rendered many times (a batch of letters).

    docxtpl reparses the .docx and recompiles the Jinja source on every render; here the
    file is read once, and the compiled Jinja template of each part is kept by its source.
    """

    def __init__(self, info: TemplateInfo) -> None:
        self.info = info
        try:
            self.blob = info.path.read_bytes()
        except OSError as error:
            raise TiprefError(
                N_("The template {template} cannot be read as a .docx: {detail}"),
                template=str(info.path),
                detail=str(error),
            ) from None
        self._compiled: dict[str, Any] = {}
        self._prepared: dict[tuple, Prepared | None] = {}

    @property
    def label(self) -> str:
        return str(self.info.path)

    def _docxtpl(self):
        from docxtpl import DocxTemplate

        compiled = self._compiled
        template_label = self.label

        class CachedTemplate(DocxTemplate):
            def render_xml_part(self, src_xml, part, context, jinja_env=None):
                src_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
                self.current_rendering_part = part
                template = compiled.get(src_xml)
                if template is None:
                    template = compiled[src_xml] = _compile(jinja_env, src_xml, template_label)
                dst_xml = template.render(context)
                dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
                dst_xml = (
                    dst_xml.replace("{_{", "{{")
                    .replace("}_}", "}}")
                    .replace("{_%", "{%")
                    .replace("%_}", "%}")
                )
                return self.resolve_listing(dst_xml)

        try:
            return CachedTemplate(io.BytesIO(self.blob))
        except Exception as error:  # not a zip, not a Word file
            raise TiprefError(
                N_("The template {template} cannot be read as a .docx: {detail}"),
                template=self.label,
                detail=str(error),
            ) from None

    def render(
        self, context: dict[str, Any], images: dict[str, tuple[Path, float]] | None = None
    ) -> bytes:
        """The filled-in .docx as bytes. ``images``: context key -> (image path, width in cm)."""
        from jinja2 import TemplateError, UndefinedError

        prepared = self._prepare(images or {})
        if prepared is not None:
            try:
                return prepared.render(context)
            except UndefinedError as error:
                raise unknown_tag_error(error, self.label) from None
            except TemplateError as error:
                raise TiprefError(
                    N_("The template {template} is broken near line {line}: {detail}"),
                    template=self.label,
                    line=getattr(error, "lineno", "?"),
                    detail=str(error),
                ) from None
        return self.render_with_docxtpl(context, images)

    def _prepare(self, images: dict[str, tuple[Path, float]]) -> Prepared | None:
        from tipref.documents.prepared import Prepared

        key = tuple(sorted((name, str(path), width) for name, (path, width) in images.items()))
        if key not in self._prepared:
            try:
                self._prepared[key] = Prepared.build(self, images)
            except TiprefError:
                raise
            except Exception:  # anything unusual in a user's template: take docxtpl's full path
                self._prepared[key] = None
        return self._prepared[key]

    def render_with_docxtpl(
        self, context: dict[str, Any], images: dict[str, tuple[Path, float]] | None = None
    ) -> bytes:
        """docxtpl's own full path: python-docx parses and saves the whole package."""
        from jinja2 import TemplateError, UndefinedError

        document = self._docxtpl()
        try:
            document.init_docx()
        except Exception as error:
            raise TiprefError(
                N_("The template {template} cannot be read as a .docx: {detail}"),
                template=self.label,
                detail=str(error),
            ) from None
        context = dict(context)
        if images:
            from docx.shared import Cm
            from docxtpl import InlineImage

            for key, (path, width_cm) in images.items():
                context[key] = InlineImage(document, str(path), width=Cm(width_cm))
        try:
            document.render(context, jinja_env=jinja_env(), autoescape=True)
        except UndefinedError as error:
            raise unknown_tag_error(error, self.label) from None
        except TemplateError as error:
            raise TiprefError(
                N_("The template {template} is broken near line {line}: {detail}"),
                template=self.label,
                line=getattr(error, "lineno", "?"),
                detail=str(error),
            ) from None
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    def undeclared(self, provided: Iterable[str]) -> list[str]:
        """Top-level tags the template uses that ``provided`` does not name."""
        from jinja2 import TemplateError

        document = self._docxtpl()
        try:
            used = document.get_undeclared_template_variables(jinja_env())
        except TemplateError as error:
            raise TiprefError(
                N_("The template {template} is broken near line {line}: {detail}"),
                template=self.label,
                line=getattr(error, "lineno", "?"),
                detail=str(error),
            ) from None
        return sorted(set(used) - set(provided))


WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _compile(env, source: str, label: str):
    from jinja2 import TemplateError

    try:
        return env.from_string(source)
    except TemplateError as error:
        raise TiprefError(
            N_("The template {template} is broken near line {line}: {detail}"),
            template=label,
            line=getattr(error, "lineno", "?"),
            detail=str(error),
        ) from None


def unknown_tag_error(error: Exception, template: str) -> TiprefError:
    """StrictUndefined's message ('x' is undefined / ... has no attribute 'y') naming the tag."""
    text = str(error)
    found = re.findall(r"'([^']+)'", text)
    tag = found[-1] if found else text
    return TiprefError(
        N_(
            "The template {template} uses the tag '{tag}', which the data does not provide ({detail}). Check its spelling; 'tipref template check' lists unknown tags."
        ),
        tag=tag,
        template=template,
        detail=text,
    )


def load_template(book_root: Path | None, name: str) -> Template:
    return Template(find_template(book_root, name))


def template_from_file(path: Path) -> Template:
    return Template(TemplateInfo(path.stem, path, True))


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_document(path: Path, data: bytes) -> None:
    from tipref.storage.atomic import atomic_write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Atomic (never half a file) but not fsync'd: the document can be made again; the
        # record of it on the referral is written durably by the store.
        atomic_write_bytes(path, data, durable=False)
    except OSError as error:
        raise TiprefError(
            N_("Cannot write {path}: {detail}"), path=str(path), detail=str(error)
        ) from None


# -- reading back (tests, checks) --------------------------------------------------------------------
def docx_text(source: Path | bytes) -> str:
    """All text of a .docx, paragraphs and table cells, headers included, one line each."""
    from docx import Document

    document = Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    lines: list[str] = []
    for section in document.sections:
        for part in _headers_footers(section):
            lines += [p.text for p in part.paragraphs]
    body = document.element.body
    for paragraph in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        lines.append(
            "".join(
                t.text or ""
                for t in paragraph.iter(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
                )
            )
        )
    return "\n".join(lines)


def _headers_footers(section) -> list:
    """Headers then footers, the first page's own ones first when the section has them."""
    parts = []
    if section.different_first_page_header_footer:
        parts.append(section.first_page_header)
    parts.append(section.header)
    if section.different_first_page_header_footer:
        parts.append(section.first_page_footer)
    parts.append(section.footer)
    return parts
