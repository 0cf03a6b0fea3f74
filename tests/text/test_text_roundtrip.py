"""Random Unicode through case new -> case show -> letter -> export xlsx -> import.

The text comes back exactly (after NFC normalisation and trimming, the text policy for
one-line fields) or is refused with one clean line, never a crash.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from click.testing import CliRunner
from conftest import Tipref
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tipref.cli import cli
from tipref.documents.render import docx_text

# Every code point except surrogates (not in argv), with the characters that break
# things most often weighted in: controls, brackets for markup, XML specials, RTL,
# combining marks, zero-width and wide characters.
TRICKY = st.sampled_from(
    list("\x00\x07\x1b\t\n\r\x85[]/<>&\"'\\{}%")
    + ["\u0301", "\u200b", "\u202e", "\ufeff", "ٱ", "漢", "😀"]
)
TEXT = st.lists(
    st.one_of(st.characters(exclude_categories=["Cs"]), TRICKY), min_size=1, max_size=30
).map("".join)

# No control characters: most examples then go the whole way round.
PRINTABLE = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30)


def _init(path: Path) -> Tipref:
    result = CliRunner().invoke(
        cli,
        [
            "init",
            str(path),
            "--name",
            "UPTD PPA TTU",
            "--code",
            "TTU",
            "--book-lang",
            "en",
            "--seed-network",
        ],
    )
    assert result.exit_code == 0, result.output
    return Tipref(path)


def _clean_refusal(result) -> None:
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output and "Unexpected error" not in result.output
    assert len(result.stderr.strip().splitlines()) <= 4  # one clear line (plus click's usage)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=TEXT, village=PRINTABLE)
def test_random_text_round_trips_or_is_refused(tmp_path_factory, name, village):
    root = tmp_path_factory.mktemp("roundtrip")
    book = _init(root / "book")
    made = book("case", "new", "--name", name, "--village", village, "--json", ok=False)
    if made.exit_code != 0:
        _clean_refusal(made)
        event("refused by case new")
        return
    expected_name = unicodedata.normalize("NFC", name).strip()
    expected_village = unicodedata.normalize("NFC", village).strip()
    case = json.loads(made.stdout)
    person = case["persons"][0]
    assert person["name"] == expected_name
    assert person["address"]["village"] == expected_village

    shown = book("case", "show", case["number"])
    assert "\x1b" not in shown.output and "\x07" not in shown.output

    referral = book.json(
        "referral", "new", "--case", case["number"], "--service", "health", "--to", "rsud"
    )
    letter = book.json("letter", referral["number"], "--out", f"{root}/letters/")
    docx_text(Path(letter["path"]))  # opens: the XML is well-formed

    export = root / "export.xlsx"
    book("export", "--format", "xlsx", "--out", str(export))
    other = _init(root / "other")
    imported = other("import", str(export), "--sheet", "persons", "--json", ok=False)
    if imported.exit_code != 0:
        _clean_refusal(imported)
        event("refused by import")
        return
    event("round trip complete")
    (back,) = other.json("case", "list")
    assert back["persons"][0]["name"] == expected_name
    assert back["persons"][0]["address"]["village"] == expected_village
