"""Prepared templates kept in the cache (tipref/documents/prepared.py, issue #21).

A template is prepared once (python-docx and docxtpl open it, Jinja compiles its parts)
and what that makes is kept in the user's cache folder, so the next letter renders
without python-docx. These tests check that what comes out of the cache is exactly what
the preparation makes, that an edited template, a new logo or a damaged entry never
gives a stale document, and that the cache holds no record's data.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tipref.documents.render import docx_text, template_from_file


def cache_entries() -> list[Path]:
    return sorted((Path(os.environ["TIPREF_CACHE_DIR"]) / "templates").glob("*.zip"))


def parts(rendered: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        return {name: package.read(name) for name in package.namelist()}


def make_template(path: Path, text: str) -> Path:
    document = Document()
    document.add_paragraph(text)
    document.sections[0].header.paragraphs[0].text = "Kop {{ org }}"
    document.save(str(path))
    return path


def render(path: Path, context: dict, images: dict | None = None) -> bytes:
    return template_from_file(path).render(context, images)  # a new Template: as a new run


def test_cached_render_equals_the_first(tmp_path):
    path = make_template(tmp_path / "t.docx", "Halo {{ name }}, nomor {{ number }}")
    context = {"name": "Maria & <Ulu>", "number": "001/TTU/XI/2026", "org": "UPTD PPA"}
    first = render(path, context)
    assert len(cache_entries()) == 1
    again = render(path, context)
    assert parts(again) == parts(first)
    text = docx_text(again)
    assert "Halo Maria & <Ulu>, nomor 001/TTU/XI/2026" in text and "Kop UPTD PPA" in text


def test_the_cache_keeps_the_template_not_the_data(tmp_path):
    path = make_template(tmp_path / "t.docx", "Halo {{ name }}")
    render(path, {"name": "Yosefina Bani", "org": "UPTD"})
    (entry,) = cache_entries()
    with zipfile.ZipFile(entry) as stored:
        everything = b"".join(stored.read(name) for name in stored.namelist())
    assert b"Yosefina" not in everything
    assert b"{{ name }}" in everything or b"{{name}}" in everything.replace(b" ", b"")


def test_an_edited_template_is_prepared_again(tmp_path):
    path = make_template(tmp_path / "t.docx", "Versi satu {{ name }}")
    assert "Versi satu A" in docx_text(render(path, {"name": "A", "org": ""}))
    make_template(path, "Versi dua {{ name }}")
    text = docx_text(render(path, {"name": "A", "org": ""}))
    assert "Versi dua A" in text and "Versi satu" not in text
    assert len(cache_entries()) == 2


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 not a zip", None])
def test_a_damaged_entry_is_made_again(tmp_path, damage):
    path = make_template(tmp_path / "t.docx", "Halo {{ name }}")
    context = {"name": "B", "org": "C"}
    first = render(path, context)
    (entry,) = cache_entries()
    if damage is None:  # a valid zip from another format
        with zipfile.ZipFile(entry, "w") as stored:
            stored.writestr("manifest.json", '{"format": 0}')
    else:
        entry.write_bytes(damage)
    assert parts(render(path, context)) == parts(first)
    assert parts(render(path, context)) == parts(first)  # the entry was written again
    with zipfile.ZipFile(entry) as stored:
        assert "manifest.json" in stored.namelist()


def test_a_new_logo_is_not_taken_from_the_cache(tmp_path):
    from PIL import Image

    path = make_template(tmp_path / "t.docx", "{{ logo }} Halo")
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(logo)
    red = render(path, {"org": ""}, {"logo": (logo, 2.0)})
    Image.new("RGB", (40, 40), (30, 30, 200)).save(logo)
    blue = render(path, {"org": ""}, {"logo": (logo, 2.0)})
    media = [
        {n: b for n, b in parts(doc).items() if n.startswith("word/media/")} for doc in (red, blue)
    ]
    assert media[0] and media[1] and media[0] != media[1]
    assert len(cache_entries()) == 2


def test_line_breaks_in_a_value_from_the_cache(tmp_path):
    """A value with a new line (docxtpl's Listing handling) renders the same when warm."""
    path = make_template(tmp_path / "t.docx", "Catatan: {{ note }}")
    context = {"note": "baris satu\nbaris dua", "org": ""}
    first, again = render(path, context), render(path, context)
    assert parts(first) == parts(again)
    assert b"<w:br/>" in parts(again)["word/document.xml"]
