"""Templates: defaults shipped in the package, book overrides edited as in Word, tag checks."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tipref.book.casebook import load_settings, save_settings
from tipref.book.opening import open_book
from tipref.documents.render import default_template_names, docx_text
from tipref.schemas import Case, Provider, Referral

ORG_TAG = "<w:t>{{ organisation.name | upper }}</w:t>"


@pytest.fixture
def referral(tipref, victim_case, monkeypatch):
    monkeypatch.setenv("TIPREF_NOW", "2026-11-28T09:00:00")
    settings = load_settings(tipref.book)
    data = settings.model_dump(mode="json")
    data.setdefault("privacy", {})["require_consent_for_referral"] = False
    save_settings(tipref.book, type(settings).model_validate(data))
    return tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )


def edit_document_xml(path: Path, edit) -> None:
    """Change word/document.xml inside a .docx, as Word would when a user edits it."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    parts["word/document.xml"] = edit(xml).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in parts.items():
            target.writestr(name, blob)


def test_defaults_ship_in_the_package():
    assert {"letter-id", "letter-en", "commitment-id", "commitment-en"} <= set(
        default_template_names()
    )


def test_list_and_export(tipref):
    listed = tipref.json("template", "list")
    assert {t["name"]: t["source"] for t in listed}["letter-id"] == "default"
    exported = tipref.json("template", "export", "letter-id")
    assert Path(exported["path"]) == tipref.book / "templates" / "letter-id.docx"
    assert {t["name"]: t["source"] for t in tipref.json("template", "list")}["letter-id"] == "book"
    again = tipref("template", "export", "letter-id", ok=False)
    assert again.exit_code == 1 and "--force" in again.stderr
    tipref("template", "export", "letter-id", "--force")
    assert tipref("template", "export", "no-such-template", ok=False).exit_code == 1


def test_book_override_with_a_tag_split_across_runs(tipref, referral, tmp_path):
    path = Path(tipref.json("template", "export", "letter-id")["path"])

    def split_letterhead(xml: str) -> str:
        assert ORG_TAG in xml
        # Word often splits a tag where the user typed or formatted part of it.
        return xml.replace(
            ORG_TAG,
            '<w:t xml:space="preserve">KOP BARU &amp; Co: {{ organisation</w:t></w:r>'
            "<w:r><w:rPr><w:i/></w:rPr><w:t>.name }}</w:t>",
            1,
        )

    edit_document_xml(path, split_letterhead)
    assert "{{ organisation</w:t>" in zipfile.ZipFile(path).read("word/document.xml").decode()
    made = tipref.json(
        "letter", referral["number"], "--out", str(tmp_path / "l.docx"), "--lang", "id"
    )
    assert made["template"] == "book"
    text = docx_text(Path(made["path"]))
    assert "KOP BARU & Co: UPTD PPA Kabupaten Timor Tengah Utara" in text
    assert "001/TTU/XI/2026" in text


def test_misspelt_tag_is_an_error_naming_tag_and_template(tipref, referral, tmp_path):
    path = Path(tipref.json("template", "export", "letter-id")["path"])
    edit_document_xml(
        path, lambda xml: xml.replace(ORG_TAG, "<w:t>{{ organisation.nmae }}</w:t>", 1)
    )
    result = tipref(
        "letter", referral["number"], "--out", str(tmp_path / "l.docx"), "--lang", "id", ok=False
    )
    assert result.exit_code == 1
    assert "nmae" in result.stderr and str(path) in result.stderr
    assert not (tmp_path / "l.docx").exists()
    # nothing recorded for a letter that was not made
    assert tipref.json("referral", "show", referral["number"])["letters"] == []


def test_template_check_lists_unknown_tags(tipref):
    assert tipref.json("template", "check", "letter-id")["ok"] is True
    assert tipref.json("template", "check", "commitment-en")["ok"] is True
    path = Path(tipref.json("template", "export", "commitment-id")["path"])
    edit_document_xml(path, lambda xml: xml.replace("{{ place }}", "{{ tempat }} {{ venue }}", 1))
    result = tipref("template", "check", str(path), "--json", ok=False)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["unknown_tags"] == ["tempat", "venue"] and report["kind"] == "commitment"
    plain = tipref("template", "check", str(path), ok=False)
    assert "tempat" in plain.stdout and "venue" in plain.stdout


def test_template_check_finds_misspelt_attribute(tipref):
    path = Path(tipref.json("template", "export", "letter-en")["path"])
    edit_document_xml(
        path, lambda xml: xml.replace(ORG_TAG, "<w:t>{{ organisation.nmae }}</w:t>", 1)
    )
    report = json.loads(tipref("template", "check", str(path), "--json", ok=False).stdout)
    assert report["unknown_tags"] == [] and "nmae" in report["render_error"]


def test_fast_render_matches_docxtpl(tipref, referral):
    """The once-parsed batch path writes the same document as docxtpl's own render."""
    from tipref.documents.letters import letter_context
    from tipref.documents.render import load_template

    book = open_book(tipref.book, "Tester")
    ref = book.get(Referral, referral["number"])
    case, provider = book.get(Case, ref.case_id), book.get(Provider, ref.provider_id)
    context = letter_context(
        book, ref, case, provider, "007/TTU/XI/2026", ref.referred_on, "id"
    ).context
    template = load_template(book.root, "letter-id")
    assert template._prepare({}) is not None, "the fast path must be used for the default templates"
    fast, slow = template.render(context), template.render_with_docxtpl(context)
    assert docx_text(fast) == docx_text(slow)
    assert "007/TTU/XI/2026" in docx_text(fast) and "RAHASIA" in docx_text(fast)
