"""Every text tipref can print cites the law as DOMAIN.md §1 has it.

The scan covers the SOP catalogue (both languages), every i18n message, every string
constant in the package's code (docstrings and comments aside: nobody reads those on
screen), the templates' text as python-docx reads it, the JSON Schemas with their field
descriptions, the ``--help`` of every command, the tour, the demo's commitment text,
README.md and docs/cli.md. A citation DOMAIN.md marks as wrong or unverified fails the
test, naming where it was found.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import tipref

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(tipref.__file__).resolve().parent

# (name, pattern, why): each is wrong or unverified according to DOMAIN.md §1, §2, §4, §6.
FORBIDDEN: list[tuple[str, re.Pattern[str], str]] = [
    (
        "unverified PP 9/2008 article",
        re.compile(r"PP\s*9\s*/\s*2008,?\s*(?:Pasal|art\.?|article)\s*(?!(?:1|6|7)\b)\d+", re.I),
        "only Pasal 1, 6 and 7 of PP 9/2008 are verified: cite 'PP 9/2008' alone",
    ),
    ("Perda DIY", re.compile(r"Perda\s+DIY", re.I), "a Yogyakarta rule is no source for NTT"),
    (
        "bantuan pertama",
        re.compile(r"bantuan\s+pertama", re.I),
        "first aid is 'pertolongan pertama' (UU 21/2007 Pasal 53)",
    ),
    (
        "restitution after the final judgment",
        re.compile(
            r"berkekuatan\s+hukum\s+tetap|final\s+judge?ment|inkracht|Pasal\s+48\s*-\s*50|"
            r"restitu\w*[^.\n]{0,60}(?:putusan\s+diberitahukan|judge?ment\s+(?:being|is)\s+notified)",
            re.I,
        ),
        "restitution runs from notice of the first-instance judgment (Pasal 48 ayat (6))",
    ),
    (
        "the task force's evaluation",
        re.compile(
            r"Evaluasi\s+Gugus\s+Tugas|Gugus\s+tugas\s+mengevaluasi|"
            r"task\s+force(?:'s)?\s+(?:six|6)[- ]monthly|task\s+force\s+evaluat",
            re.I,
        ),
        "the six-monthly evaluation is the PPT's, not the task force's",
    ),
    (
        "means for a child attributed to Pasal 1",
        re.compile(r"UU\s*21/2007\s+Pasal\s+1\s*;\s*(?:untuk anak|for a child)", re.I),
        "'for a child the means are not needed' is the Palermo Protocol art. 3(c) (DOMAIN §4)",
    ),
    (
        "internal reference",
        re.compile(r"DOMAIN(?:\.md)?\s*§|DOMAIN\.md"),
        "no internal document references in what users read",
    ),
]
# Old institution names, allowed only where the text says they are the former name.
RENAMED = {
    "P2TP2A": re.compile(r"formerly|dahulu|kini UPTD|now UPTD", re.I),
    "BP2MI": re.compile(r"formerly|dahulu|kini KP2MI|now KP2MI|became KP2MI|menjadi KP2MI", re.I),
}


def problems_in(text: str) -> list[str]:
    found = []
    for name, pattern, why in FORBIDDEN:
        for match in pattern.finditer(text):
            found.append(f"{name}: {match.group(0)!r} ({why})")
    for old, excuse in RENAMED.items():
        for match in re.finditer(re.escape(old), text):
            around = text[max(0, match.start() - 40) : match.end() + 40]
            if not excuse.search(around):
                found.append(f"{old} without 'formerly': {around!r}")
    return found


# -- what tipref can print ------------------------------------------------------------
def _import_everything() -> None:
    for module in pkgutil.walk_packages([str(PACKAGE)], "tipref."):
        if module.name.endswith("__main__"):
            continue
        importlib.import_module(module.name)


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def code_strings() -> Iterator[tuple[str, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstring_nodes(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
            ):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def message_texts() -> Iterator[tuple[str, str]]:
    """Every message of the catalogue, in English (the msgid) and in Indonesian."""
    from babel.messages.pofile import read_po

    with (PACKAGE / "locale" / "id" / "LC_MESSAGES" / "tipref.po").open("rb") as f:
        catalogue = read_po(f)
    for message in catalogue:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        indonesian = message.string if isinstance(message.string, tuple) else (message.string,)
        for lang, texts in (("en", english), ("id", indonesian)):
            for text in texts:
                yield f"i18n {english[0][:40]!r} [{lang}]", text


def sop_texts() -> Iterator[tuple[str, str]]:
    from tipref.guidance.sop import catalogue_json

    for lang in ("id", "en"):
        yield f"SOP catalogue [{lang}]", json.dumps(catalogue_json(lang=lang), ensure_ascii=False)


def docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


def template_texts() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "templates").glob("*.docx")):
        yield str(path.relative_to(ROOT)), docx_text(path)


def schema_texts() -> Iterator[tuple[str, str]]:
    from tipref.schemas import SCHEMAS

    _import_everything()
    for name, model in SCHEMAS.items():
        yield f"tipref schema {name}", json.dumps(model.model_json_schema(), ensure_ascii=False)


def help_texts() -> Iterator[tuple[str, str]]:
    from tipref.clidoc import reference

    yield "--help of every command", reference()


def guidance_texts() -> Iterator[tuple[str, str]]:
    from tipref.guidance.deadlines import BASIS
    from tipref.guidance.demo import commitment_fields
    from tipref.guidance.tour import STEPS

    yield "deadline bases", json.dumps(BASIS, ensure_ascii=False)
    for index, step in enumerate(STEPS, start=1):
        yield f"tour step {index}", json.dumps(step.__dict__, ensure_ascii=False, default=str)
    yield "demo commitment", json.dumps(commitment_fields(), ensure_ascii=False)


def document_texts() -> Iterator[tuple[str, str]]:
    for name in ("README.md", "docs/cli.md"):
        yield name, (ROOT / name).read_text(encoding="utf-8")


SOURCES = {
    "code strings": code_strings,
    "i18n messages": message_texts,
    "SOP catalogue": sop_texts,
    "templates": template_texts,
    "schemas": schema_texts,
    "help": help_texts,
    "guidance": guidance_texts,
    "documents": document_texts,
}


@pytest.mark.parametrize("source", list(SOURCES))
def test_no_wrong_or_unverified_citation(source):
    found = [
        f"{where}: {problem}" for where, text in SOURCES[source]() for problem in problems_in(text)
    ]
    assert not found, "\n".join(found)


def test_every_source_is_actually_read():
    """An empty scan would pass for the wrong reason."""
    for name, source in SOURCES.items():
        texts = [text for _, text in source()]
        assert texts and sum(len(t) for t in texts) > 200, name
    assert any("Pasal 53" in text for _, text in sop_texts())
    assert any("Pertolongan pertama" in text for _, text in message_texts())


@pytest.mark.parametrize(
    "text",
    [
        "Evaluasi setiap 6 bulan (PP 9/2008 Pasal 22)",
        "Lapor polisi (PP 9/2008, Pasal 14)",
        "monitoring: Perda DIY 6/2025",
        "Bantuan pertama dalam 7 hari",
        "Restitusi setelah putusan berkekuatan hukum tetap",
        "restitution 14 days after the final judgment",
        "Restitusi dibayar (14 hari setelah putusan diberitahukan)",
        "Restitution paid within 14 days of the judgment being notified",
        "UU 21/2007 Pasal 48-50",
        "Laporan Evaluasi Gugus Tugas PP TPPO",
        "The task force's six-monthly evaluation",
        "proses, cara, tujuan (UU 21/2007 Pasal 1; untuk anak, cara tidak perlu)",
        "see DOMAIN.md §2",
        "dirujuk ke P2TP2A Kabupaten",
        "Koordinasi dengan BP2MI",
    ],
)
def test_the_checks_catch_known_mistakes(text):
    assert problems_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "PP 9/2008 Pasal 1 angka 3",
        "PP 9/2008",
        "pertolongan pertama (UU 21/2007 Pasal 53)",
        "UU 21/2007 Pasal 48 ayat (6)",
        "P2TP2A (formerly; now UPTD PPA)",
        "BP3MI (KP2MI)",
        "Laporan Evaluasi Enam Bulanan UPTD PPA",
    ],
)
def test_the_checks_let_right_citations_pass(text):
    assert not problems_in(text)


# Enactment dates of laws that share a year with a text tipref writes (the year alone
# cannot tell whether the law is older than the text).
ENACTED = {"UU 27/2022": date(2022, 10, 17), "Perma 1/2022": date(2022, 2, 25)}


def test_the_demo_commitment_cites_no_law_younger_than_itself():
    """DOMAIN §6: a January 2022 text cannot cite UU 27/2022 (October 2022)."""
    from tipref.guidance.demo import commitment_fields

    fields = commitment_fields()
    held_on = date.fromisoformat(str(fields["held_on"]))
    text = json.dumps(fields, ensure_ascii=False)
    cited = re.findall(r"\b((?:UU|PP|Perpres|Perma|Permen \w+)\s+\d+/(\d{4}))", text)
    assert cited, "the demo text cites no law at all: the check would be empty"
    for law, year in cited:
        assert int(year) <= held_on.year, f"{law} is younger than the text ({held_on})"
        if int(year) == held_on.year:
            assert law in ENACTED and ENACTED[law] <= held_on, (
                f"{law} may be younger than {held_on}"
            )
    assert "UU 27/2022" not in text
