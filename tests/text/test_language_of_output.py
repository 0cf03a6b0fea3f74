"""Indonesian output reads in Indonesian, English output in English (issue #16, point 4).

Commands run on the demo book with ``--lang id`` and ``--lang en``; their output may not
hold a common word of the other language outside machine ids, names, addresses and
other values typed into the book (every string of every record is taken out first),
paths and quoted values (tests/text/english_words.py). ``--help`` pages are checked in
tests/text/test_language_of_help.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from text.english_words import english_words, indonesian_words

from tipref.cli import cli

CASE = "TTU-2026-0003"  # two persons, referrals pending and accepted, a conference
COMMANDS = [
    ("case", "list"),
    ("case", "show", CASE),
    ("case", "plan", CASE),
    ("referral", "list"),
    ("referral", "show", "TTU-R2026-0004"),
    ("provider", "list"),
    ("conference", "list"),
    ("due",),
    ("report",),
    ("log", CASE),
    ("doctor",),
    ("template", "list"),
    ("config", "show"),
    # refusals: a record that is not there, values the core checks
    ("case", "show", "TTU-2026-0999"),
    ("referral", "show", "NOPE"),
    ("case", "new", "--name", "Uji", "--birth-date", "2099-01-01"),
    ("case", "new", "--name", "Uji", "--nik", "123"),
    ("case", "close", "TTU-2026-0006", "--status-reason", "x"),
    ("referral", "new", "--case", CASE, "--service", "health", "--to", "nope"),
]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, list[str]]:
    """The demo book, and every text typed into it (names, places, notes...)."""
    root = tmp_path_factory.mktemp("demo") / "book"
    result = CliRunner().invoke(cli, ["demo", str(root)])
    assert result.exit_code == 0, result.output
    known: set[str] = set()
    for path in root.rglob("*.json"):
        known.update(_strings(json.loads(path.read_text(encoding="utf-8"))))
    return root, sorted(known)


def _run(root: Path, lang: str, args: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, ["--book", str(root), "--lang", lang, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1, 3), f"{args}: exit {result.exit_code}\n{result.output}"
    return result.stdout + result.stderr


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_indonesian_output_has_no_english(demo, args):
    root, known = demo
    text = _run(root, "id", args)
    assert text.strip()
    assert english_words(text, known) == [], text


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_english_output_has_no_indonesian(demo, args):
    root, known = demo
    text = _run(root, "en", args)
    assert text.strip()
    assert indonesian_words(text, known) == [], text


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("en", "1 child", "8 victims"),
        ("id", "1 anak", "8 korban"),
    ],
)
def test_count_sentences_agree_with_their_number(demo, lang, one, many):
    root, _known = demo
    text = " ".join(_run(root, lang, ("report",)).split())
    assert one in text and many in text
    assert "1 children" not in text and "1 are unanswered" not in text


def test_the_checker_finds_what_it_should():
    """The checker itself: English found in an Indonesian line, ids and quotes left alone."""
    assert english_words("Galat: record 'X' tidak ditemukan") == ["record"]
    assert english_words("Catatan rusak: the date is in the future") == [
        "is",
        "the",
    ]
    assert english_words("Kasus 'the case' tidak ada; pakai --status active, closed-referred") == []
    assert english_words("Yosefina Bani the Brave", known=["Yosefina Bani the Brave"]) == []
    assert indonesian_words("Case TTU-2026-0001 tidak ditemukan") == ["ditemukan", "tidak"]


@pytest.mark.parametrize(
    ("lang", "prompts"),
    [("id", "Kasus: TTU-2026-0003\nTanggal: "), ("en", "Case: TTU-2026-0003\nDate: ")],
)
def test_prompts_ask_in_one_language(demo, monkeypatch, lang, prompts):
    """A prompt reads 'Kasus' or 'Case', never 'Case / Kasus'."""
    root, _known = demo
    monkeypatch.setenv("TIPREF_INTERACTIVE", "1")
    result = CliRunner().invoke(
        cli, ["--book", str(root), "--lang", lang, "conference", "new"], input="TTU-2026-0003\n"
    )
    assert result.exit_code != 0  # the input ends before the date: nothing is made
    assert result.output.startswith(prompts)
    assert " / " not in result.output


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_corrupt_record_is_named_in_one_language(demo, tmp_path, lang):
    """The reason a record file is corrupt reads in the run's language too."""
    import shutil

    root, known = demo
    copy = tmp_path / "book"
    shutil.copytree(root, copy)
    path = next(p for p in (copy / "cases").glob("*.json") if CASE in p.read_text("utf-8"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["risk"] = "bogus"
    path.write_text(json.dumps(data), encoding="utf-8")
    text = _run(copy, lang, ("case", "show", CASE))
    assert "bogus" in text
    if lang == "id":
        assert "rusak" in text and english_words(text, known) == [], text
    else:
        assert "Corrupt" in text and indonesian_words(text, known) == [], text
