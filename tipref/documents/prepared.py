"""A template made ready once for many renders, and kept ready in the cache between runs.

docxtpl's own render opens the package with python-docx, serialises the body, patches
it, renders, parses the result again and saves the whole package: that is most of the
cost of a letter. Here that is done once: the patched Jinja source of the body and of
each header and footer is compiled, images (the logo) are embedded in the package once,
and each render only runs Jinja and writes a zip with the rendered parts swapped in.
Templates that use column tags ({%tc %}), which need docxtpl's table fixing, keep
docxtpl's path.

What the preparation makes (the package's parts, the patched sources and Jinja's compiled
code) is also written to the user's cache folder, keyed by the template's and images'
bytes and the versions of everything that shaped it, so the next command renders without
importing python-docx or docxtpl at all (issue #21). The cache holds only the template
(the NGO's letterhead and wording) and its images, never a record's data; a missing,
stale or damaged entry is made again.
"""

from __future__ import annotations

import hashlib
import io
import json
import marshal
import os
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref import __version__, paths

if TYPE_CHECKING:
    from tipref.documents.render import Template

CACHE_FORMAT = 1
CACHE_FOLDER = "templates"
CACHE_KEEP = 32  # entries kept (~60 KB each); older ones go when a new one is written
HEADER_FOOTER_TYPES = ("/header", "/footer")
# characters docxtpl's Listing turns into tabs, breaks and pages (resolve_listing)
LISTING_CHARACTERS = "\t\a\n\f"
MANIFEST = "manifest.json"


@dataclass
class PreparedParts:
    """What preparing a template makes, as plain data (stored in the cache as it is)."""

    base: dict[str, bytes]  # every part of the package, images embedded, nothing rendered
    order: list[str]
    body_part: str
    prefix: str
    suffix: str
    sources: dict[str, str]  # part name -> patched Jinja source (the body and each header)
    encodings: dict[str, str]  # header/footer part name -> its XML encoding
    extra: dict[str, str]  # context key -> the image's drawing markup


class Prepared:
    """A template ready to render: compiled Jinja per part and the package's other parts."""

    def __init__(self, template: Template, parts: PreparedParts, compiled: dict[str, Any]) -> None:
        from markupsafe import Markup

        self.template, self.parts, self.compiled = template, parts, compiled
        self.extra = {key: Markup(value) for key, value in parts.extra.items()}

    @classmethod
    def build(cls, template: Template, images: dict[str, tuple[Path, float]]) -> Prepared | None:
        """The template ready to render, from the cache when it holds it; None: the template
        needs docxtpl's full path (column tags)."""
        from tipref.documents.render import jinja_env

        env = jinja_env()
        entry = _cache_file(template.blob, images)
        cached = _load(entry, env) if entry is not None else None
        if cached is not None:
            parts, compiled = cached
            return cls(template, parts, compiled)
        made = prepare(template, images)
        if made is None:
            return None
        codes = {
            name: _compile(env, source, template.label) for name, source in made.sources.items()
        }
        if entry is not None:
            _store(entry, made, codes)
        return cls(template, made, _templates(env, codes))

    def _finish(self, xml: str) -> str:
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
        if not any(character in xml for character in LISTING_CHARACTERS):
            return xml  # docxtpl's resolve_listing would change nothing
        from docxtpl import DocxTemplate

        return DocxTemplate(io.BytesIO(self.template.blob)).resolve_listing(xml)

    def render(self, context: dict[str, Any]) -> bytes:
        parts = self.parts
        context = {**context, **self.extra}
        body = self.compiled[parts.body_part].render(context)
        rendered = {
            parts.body_part: (parts.prefix + self._finish(body) + parts.suffix).encode("utf-8")
        }
        for name, encoding in parts.encodings.items():
            rendered[name] = self._finish(self.compiled[name].render(context)).encode(encoding)
        out = io.BytesIO()
        # Fast compression: a letter is small, and zlib's default level costs more than Jinja.
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            for name in parts.order:
                package.writestr(name, rendered.get(name, parts.base[name]))
        return out.getvalue()


def prepare(template: Template, images: dict[str, tuple[Path, float]]) -> PreparedParts | None:
    """Open the template with docxtpl once: patched sources, images embedded, parts kept."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template.blob))
    document.init_docx()
    raw_body = document.get_xml()
    if re.search(r"\{%-?\s*tc\b", raw_body) or "{%tc" in raw_body.replace(" ", ""):
        return None
    main = document.docx.part
    extra: dict[str, str] = {}
    if images:
        from docx.shared import Cm

        for key, (path, width_cm) in images.items():
            inline = main.new_pic_inline(str(path), Cm(width_cm), None)
            drawing = f"<w:drawing>{inline.xml}</w:drawing>"
            extra[key] = f'</w:t></w:r><w:r>{drawing}</w:r><w:r><w:t xml:space="preserve">'
    body_part = str(main.partname).lstrip("/")
    sources = {body_part: re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(raw_body))}
    encodings: dict[str, str] = {}
    for rel in main.rels.values():
        if (
            rel.is_external
            or not rel.reltype.endswith(HEADER_FOOTER_TYPES)
            or not rel.target_part.blob
        ):
            continue
        part = rel.target_part
        xml = document.get_part_xml(part)
        name = str(part.partname).lstrip("/")
        encodings[name] = document.get_headers_footers_encoding(xml)
        sources[name] = re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(xml))
    buffer = io.BytesIO()
    document.docx.save(buffer)  # with the images added, nothing rendered
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        order = package.namelist()
        base = {name: package.read(name) for name in order}
    whole = base[body_part].decode("utf-8")
    start, end = whole.find("<w:body"), whole.rfind("</w:body>")
    if start < 0 or end < 0:
        return None
    prefix, suffix = whole[:start], whole[end + len("</w:body>") :]
    return PreparedParts(base, order, body_part, prefix, suffix, sources, encodings, extra)


def _compile(env: Any, source: str, label: str) -> Any:
    """Jinja's compiled code of a part (what Jinja's own bytecode cache keeps)."""
    from jinja2 import TemplateError

    from tipref.errors import TiprefError

    try:
        return env.compile(source)
    except TemplateError as error:
        raise TiprefError(
            "document.template_syntax",
            template=label,
            line=getattr(error, "lineno", "?"),
            detail=str(error),
        ) from None


# -- the cache ---------------------------------------------------------------------------------
def _cache_file(blob: bytes, images: dict[str, tuple[Path, float]]) -> Path | None:
    """The cache entry of this template with these images, made by these versions."""
    import jinja2

    digest = hashlib.sha256(blob)
    try:
        for key, (path, width) in sorted(images.items()):
            digest.update(f"\0{key}\0{width}\0".encode())
            digest.update(Path(path).read_bytes())
    except OSError:
        return None  # an image that cannot be read: docxtpl's path says so
    for stamp in _code_stamps():
        digest.update(f"\0{stamp}".encode())
    digest.update(f"\0{CACHE_FORMAT}\0{__version__}\0{jinja2.__version__}".encode())
    return paths.cache_dir() / CACHE_FOLDER / f"{digest.hexdigest()[:32]}.zip"


def _code_stamps() -> list[str]:
    """The Python version (marshal's format) and the files of the code that shapes the
    prepared parts: docxtpl, python-docx and tipref's own rendering modules."""
    from importlib.util import find_spec

    stamps = [sys.implementation.cache_tag or sys.version]
    origins = [__file__, str(Path(__file__).with_name("render.py"))]
    for package in ("docxtpl", "docx"):
        spec = find_spec(package)
        origins.append(str(spec.origin) if spec is not None else package)
    for origin in origins:
        try:
            info = os.stat(origin)
            stamps.append(f"{origin}:{info.st_mtime_ns}:{info.st_size}")
        except OSError:
            stamps.append(origin)
    return stamps


def _load(entry: Path, env: Any) -> tuple[PreparedParts, dict[str, Any]] | None:
    try:
        with zipfile.ZipFile(entry) as stored:
            manifest = json.loads(stored.read(MANIFEST))
            if manifest.get("format") != CACHE_FORMAT:
                return None
            order = manifest["order"]
            base = {name: stored.read(f"part/{index}") for index, name in enumerate(order)}
            names = list(manifest["sources"])
            sources = {name: manifest["sources"][name] for name in names}
            codes = {name: marshal.loads(stored.read(f"code/{i}")) for i, name in enumerate(names)}
    except Exception:  # noqa: BLE001 - missing, partial or from another version: made again
        return None
    parts = PreparedParts(
        base,
        order,
        manifest["body_part"],
        manifest["prefix"],
        manifest["suffix"],
        sources,
        manifest["encodings"],
        manifest["extra"],
    )
    return parts, _templates(env, codes)


def _templates(env: Any, codes: dict[str, Any]) -> dict[str, Any]:
    """Jinja templates from compiled code, as ``Environment.from_string`` makes them."""
    template_globals = env.make_globals(None)
    return {
        name: env.template_class.from_code(env, code, template_globals)
        for name, code in codes.items()
    }


def _store(entry: Path, parts: PreparedParts, codes: dict[str, Any]) -> None:
    """Write the entry atomically; a cache that cannot be written is only slower."""
    from tipref.storage.atomic import atomic_write_bytes

    manifest = {
        "format": CACHE_FORMAT,
        "order": parts.order,
        "body_part": parts.body_part,
        "prefix": parts.prefix,
        "suffix": parts.suffix,
        "sources": parts.sources,
        "encodings": parts.encodings,
        "extra": parts.extra,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as stored:
        stored.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False))
        for index, name in enumerate(parts.order):
            stored.writestr(f"part/{index}", parts.base[name])
        for index, name in enumerate(parts.sources):
            stored.writestr(f"code/{index}", marshal.dumps(codes[name]))
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(entry, buffer.getvalue(), durable=False)
        _prune(entry.parent)
    except OSError:
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.zip"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-CACHE_KEEP]:
        old.unlink(missing_ok=True)
