"""The gettext catalogue against the code: nothing missing, nothing stale, .mo up to date.

Like tests/architecture/test_cli_reference.py for docs/cli.md: when one fails, run the
commands of "Translating tipref" in CONTRIBUTING.md (extract, update, translate, compile).
"""

from __future__ import annotations

import ast
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tipref"
LOCALE = PACKAGE / "locale"
PO = LOCALE / "id" / "LC_MESSAGES" / "tipref.po"
MO = LOCALE / "id" / "LC_MESSAGES" / "tipref.mo"
POT = LOCALE / "tipref.pot"
# the same keywords as the extract command in CONTRIBUTING.md ("_", "N_", "ngettext" are defaults)
KEYWORDS = {**DEFAULT_KEYWORDS, "Msg": None, "plural": (1, 2)}
MARKERS = ("_", "N_", "Msg", "ngettext", "plural")


def _read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale="id", domain="tipref")


@pytest.fixture(scope="module")
def used() -> dict[str, tuple[str, ...]]:
    """msgid -> (singular, plural...) for every message the code marks, extracted by Babel."""
    found: dict[str, tuple[str, ...]] = {}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=[("tipref/**.py", "python")], keywords=KEYWORDS
    ):
        forms = message if isinstance(message, tuple) else (message,)
        found[forms[0]] = forms
    return found


@pytest.fixture(scope="module")
def po() -> Catalog:
    return _read(PO)


def _forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_the_code_has_messages(used):
    assert len(used) > 400  # the extraction really ran over the package


def test_every_message_in_the_code_is_translated(used, po):
    missing = [msgid for msgid in used if po.get(msgid) is None]
    untranslated = [
        msgid
        for msgid in used
        if (m := po.get(msgid)) is not None and (not all(_forms(m)) or m.fuzzy)
    ]
    assert missing == [], f"not in {PO.relative_to(ROOT)}: {missing[:20]}"
    assert untranslated == [], f"no Indonesian (or fuzzy): {untranslated[:20]}"


def test_plural_messages_are_plural_in_the_catalogue(used, po):
    wrong = [
        msgid
        for msgid, forms in used.items()
        if (m := po.get(msgid)) is not None and isinstance(m.id, tuple) != (len(forms) > 1)
    ]
    assert wrong == []


def test_the_catalogue_holds_no_stale_message(used, po):
    stale = [
        m.id for m in po if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in used
    ]
    assert stale == [], f"no code uses these any more: {stale[:20]}"
    assert not po.obsolete


def test_the_template_matches_the_code(used):
    template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in _read(POT) if m.id}
    assert template == set(used)


def test_the_compiled_catalogue_is_up_to_date(po):
    """The shipped .mo is the .po compiled (pybabel compile), byte for byte."""
    compiled = io.BytesIO()
    write_mo(compiled, po)
    assert MO.read_bytes() == compiled.getvalue(), "run: pybabel compile -d tipref/locale -D tipref"


def _fields(text: str) -> set[str]:
    names = set()
    for _literal, name, _spec, _conversion in string.Formatter().parse(text):
        if name is not None:
            names.add(name.split(".")[0].split("[")[0])
    return names


def test_translations_use_the_same_placeholders(po):
    """A translation naming a {parameter} the English does not would fail when shown;
    one dropping a parameter would lose a value (a number, a path) the reader needs."""
    wrong = []
    for message in po:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        allowed = set().union(*(_fields(e) for e in english))
        for text in _forms(message):
            if text and (
                _fields(text) - allowed or (len(english) == 1 and _fields(text) != allowed)
            ):
                wrong.append((english[0], text))
    assert wrong == []


def test_indonesian_has_one_plural_form(po):
    assert po.num_plurals == 1


def test_no_message_is_marked_inside_an_f_string():
    """pybabel on Python 3.11 does not look inside f-strings (3.12 does): a message there
    would be missing from the catalogue on one version and not the other."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    name = getattr(getattr(inner, "func", None), "id", None)
                    if isinstance(inner, ast.Call) and name in MARKERS:
                        found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert found == []


def test_no_old_message_dictionaries_are_left():
    """Every sentence is a gettext msgid: no register_messages, no t(key), no message keys."""
    old = re.compile(
        r"register_messages|^MESSAGES\b|\bapp\.t\(|\bkind_label\(f|import .*\bt$", re.M
    )
    found = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in PACKAGE.rglob("*.py")
        for match in old.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
