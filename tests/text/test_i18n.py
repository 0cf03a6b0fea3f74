"""The gettext API of tipref.i18n: the run's language, Msg, plurals, click's own messages."""

from __future__ import annotations

import json

import pytest

from tipref import i18n
from tipref.i18n import N_, Msg, _, detect_language, ngettext, set_language, translation

CLICK_NO_SUCH = "No such command {name!r}."


def test_underscore_follows_the_run_language():
    set_language("id")
    assert _(CLICK_NO_SUCH) == "Tidak ada perintah {name!r}."
    set_language("en")
    assert _(CLICK_NO_SUCH) == CLICK_NO_SUCH
    assert i18n.language() == "en"


def test_an_unknown_language_falls_back_to_indonesian():
    set_language("fr")
    assert i18n.language() == "id"


def test_n_marks_without_translating():
    set_language("id")
    assert N_(CLICK_NO_SUCH) == CLICK_NO_SUCH


def test_translation_gives_a_language_whatever_the_run():
    set_language("en")
    assert translation("id").gettext(CLICK_NO_SUCH).startswith("Tidak ada")
    assert translation("en").gettext(CLICK_NO_SUCH) == CLICK_NO_SUCH


def test_msg_renders_in_the_language_asked_and_nested_in_the_same():
    inner = Msg(CLICK_NO_SUCH, name="inner")
    outer = Msg(CLICK_NO_SUCH, name=inner)
    assert outer.render("id") == "Tidak ada perintah \"Tidak ada perintah 'inner'.\"."
    assert outer.render("en") == "No such command \"No such command 'inner'.\"."
    set_language("en")
    assert str(Msg(CLICK_NO_SUCH, name="x")) == "No such command 'x'."


def test_msg_equality_and_repr():
    assert Msg("a {x}", x=1) == Msg("a {x}", x=1)
    assert Msg("a {x}", x=1) != Msg("a {x}", x=2)
    assert "a {x}" in repr(Msg("a {x}", x=1))


def test_plural_picks_the_english_form_and_n_is_a_parameter():
    one = Msg.plural("{n} case", "{n} cases", 1)
    many = Msg.plural("{n} case", "{n} cases", 3)
    assert one.render("en") == "1 case"
    assert many.render("en") == "3 cases"
    assert one.render("id") == "1 kasus" and many.render("id") == "3 kasus"
    # a msgid not in the catalogue: gettext falls back to the English forms
    assert Msg.plural("{n} mango", "{n} mangoes", 3).render("id") == "3 mangoes"
    set_language("en")
    assert ngettext("{n} case", "{n} cases", 1) == "{n} case"
    assert ngettext("{n} case", "{n} cases", 2) == "{n} cases"
    set_language("id")
    assert ngettext("{n} case", "{n} cases", 2) == "{n} kasus"


def test_indonesian_has_one_plural_form():
    plural_forms = translation("id").info()["plural-forms"]  # type: ignore[attr-defined]
    assert "nplurals=1" in plural_forms.replace(" ", "")


def test_a_missing_parameter_raises_in_tests(monkeypatch):
    with pytest.raises(i18n.MissingParameter):
        Msg("{count} cases in {place}", count=2).render("en")


def test_a_missing_parameter_never_prints_a_placeholder(monkeypatch):
    monkeypatch.delenv(i18n.STRICT_ENV)
    text = Msg("{count} cases in {place.name}", count=2).render("en")
    assert text == "2 cases in …"
    assert "{" not in text


def test_a_stray_brace_in_a_translation_is_shown_as_written(monkeypatch):
    monkeypatch.delenv(i18n.STRICT_ENV)
    assert i18n.format_message("50% {", {}) == "50% {"


# -- detect_language: the order of the sources ----------------------------------------------
@pytest.fixture()
def book_en(tmp_path):
    root = tmp_path / "book"
    (root / "sub").mkdir(parents=True)
    (root / "tipref.json").write_text(json.dumps({"language": "en", "name": "X"}))
    return root


def test_detect_flag_beats_environment_and_book(book_en):
    env = {"TIPREF_LANG": "en", "TIPREF_BOOK": str(book_en)}
    assert detect_language(["--lang", "id", "case", "list"], env) == "id"
    assert detect_language(["--lang=id", "case", "list"], env) == "id"
    # the command's own --lang (after the command name) counts too
    assert detect_language(["case", "list", "--lang", "id"], env) == "id"
    # after "--" it is an argument, not the option
    assert detect_language(["case", "search", "--", "--lang", "id"], env) == "en"


def test_detect_environment_beats_book(book_en):
    assert detect_language([], {"TIPREF_LANG": "id", "TIPREF_BOOK": str(book_en)}) == "id"


def test_detect_reads_the_book_named_or_found_upward(book_en, tmp_path, monkeypatch):
    config = {"TIPREF_CONFIG_DIR": str(tmp_path / "config")}
    assert detect_language(["--book", str(book_en)], config) == "en"
    assert detect_language([f"--book={book_en}"], config) == "en"
    assert detect_language([], {**config, "TIPREF_BOOK": str(book_en)}) == "en"
    monkeypatch.chdir(book_en / "sub")
    assert detect_language(["case", "list"], config) == "en"


def test_detect_user_config_then_indonesian(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "config"
    folder.mkdir()
    env = {"TIPREF_CONFIG_DIR": str(folder)}
    assert detect_language([], env) == "id"
    (folder / "config.json").write_text(json.dumps({"language": "en"}))
    assert detect_language([], env) == "en"
    (folder / "config.json").write_text("{damaged")
    assert detect_language([], env) == "id"


def test_detect_ignores_a_damaged_book_file(tmp_path, monkeypatch):
    (tmp_path / "tipref.json").write_text("not json")
    monkeypatch.chdir(tmp_path)
    assert detect_language([], {"TIPREF_CONFIG_DIR": str(tmp_path / "c")}) == "id"


# -- click's own messages come from our catalogue ---------------------------------------------
def test_click_no_such_command_in_the_run_language():
    from click.testing import CliRunner

    from tipref.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["--lang", "id", "nosuch"])
    assert result.exit_code == 2
    assert "Tidak ada perintah 'nosuch'." in result.output
    result = runner.invoke(cli, ["--lang", "en", "nosuch"])
    assert "No such command 'nosuch'." in result.output
    result = runner.invoke(cli, ["nosuch"], env={"TIPREF_LANG": "id"})
    assert "Tidak ada perintah 'nosuch'." in result.output


def test_click_messages_listed_exist_in_click():
    """Each msgid in tipref/clicktext.py is one click really uses, spelled as click does."""
    from importlib.metadata import version
    from pathlib import Path

    import click

    from tipref.clicktext import CLICK_MESSAGES, CLICK_SINCE

    installed = tuple(int(part) for part in version("click").split(".")[:2])
    source = "".join(
        p.read_text(encoding="utf-8") for p in Path(click.__file__).parent.glob("*.py")
    )
    expected = [m for m in CLICK_MESSAGES if installed >= CLICK_SINCE.get(m, (8, 4))]
    missing = [m for m in expected if repr(m)[1:-1] not in source and m not in source]
    assert missing == []
