"""Issue 16: every --help page, and click's own words, in the run's language.

Help texts are English in the code and translated when a page is shown, so the same
process shows a page in Indonesian, then in English, then in Indonesian again.
"""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner
from text.english_words import english_words, indonesian_words, strip_machine_text

from tipref.cli import cli

# Indonesian words kept in English help on purpose: the names of official papers and
# settings an Indonesian office uses (explained in English beside them).
OFFICIAL_TERMS = (
    "surat rujukan",
    "surat undangan",
    "surat penyampaian laporan",
    "dokumen komitmen bersama",
    "buku agenda surat keluar",
    "buku agenda",
    "berita acara",
    "serah terima",
    "pertolongan pertama",
    "kode pos",
    "instansi",
    "jabatan",
    "Kantor UPTD PPA",
    "Rencana layanan",
    "Kondisi korban stabil",
    "Komitmen Bersama Pencegahan dan Penanganan TPPO",
    "Ibu kandung",
    "bahwa",
    "Mengetahui",
    "korban",
    "diduga korban",
)


def _pages() -> list[tuple[list[str], click.Command]]:
    """Every command and sub-command that --help lists (the table in commands/__init__)."""
    ctx = click.Context(cli)

    def walk(command: click.Command, path: list[str]):
        yield path, command
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    yield from walk(sub, [*path, name])

    return list(walk(cli, []))


def _machine_text(command: click.Command, output: str) -> set[str]:
    """What reads the same in both languages: metavars and ids in capitals, choice
    values, HTCDS value names (example command lines go in :func:`_without`)."""
    known = set(re.findall(r"\b[A-Z][A-Z0-9_]+\b", output))
    for param in command.params:
        known.update(str(choice) for choice in getattr(param.type, "choices", ()) or ())
        if hasattr(param.type, "enum"):  # EnumChoice
            known.update(param.type.enum.ids())
    known.update(re.findall(r"\[[^\]\n]*\|[^\]\n]*\]", output))  # [victim|witness]
    known.update(re.findall(r"\b[A-Z][a-z]+[A-Z]\w+\b", output))  # HTCDS ForcedLabour
    return known


def _without(text: str, known: set[str]) -> str:
    """``text`` without file names, paths, options and quoted values (the shared
    checker's rules), then without the ``known`` values, each only as a whole word
    ("en" is not taken out of "jenis")."""
    text = re.sub(r"-\n\s+", "-", text)  # a file name click wrapped at a hyphen
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("tipref "))
    text = strip_machine_text(text)
    for value in sorted(known, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", " ", text)
    return text


def _help(lang: str, path: list[str]) -> str:
    result = CliRunner().invoke(cli, ["--lang", lang, *path, "--help"], prog_name="tipref")
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def pages():
    found = _pages()
    assert len(found) > 55  # every command and sub-command
    return found


def test_every_help_page_reads_in_indonesian(pages, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    problems = []
    for path, command in pages:
        out = _help("id", path)
        name = " ".join(["tipref", *path])
        words = english_words(_without(out, _machine_text(command, out)))
        if words:
            problems.append(f"{name}: {words}")
        problems += [f"{name}: {len(line)} columns" for line in out.splitlines() if len(line) > 80]
        if "Contoh:" not in out or "Cara pakai:" not in out or "Opsi:" not in out:
            problems.append(f"{name}: a heading in English")
        if isinstance(command, click.Group):
            listing = out.split("Perintah:")[1].splitlines()
            problems += [f"{name}: cut '{line.strip()}'" for line in listing if "..." in line]
    assert not problems, "\n".join(problems)


def test_every_help_page_reads_in_english(pages, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    problems = []
    for path, command in pages:
        out = _help("en", path)
        known = _machine_text(command, out) | set(OFFICIAL_TERMS)
        words = indonesian_words(_without(out, known))
        if words:
            problems.append(f"{' '.join(['tipref', *path])}: {words}")
        if "Example" not in out or "Usage:" not in out or "Options:" not in out:
            problems.append(f"{' '.join(['tipref', *path])}: a heading not in English")
    assert not problems, "\n".join(problems)


def test_help_is_translated_when_shown_not_when_imported():
    """One process, three languages in turn: nothing is fixed at import."""
    first = _help("id", ["case", "new"])
    assert "Buka kasus untuk seseorang" in first and "Tampilkan pesan ini lalu keluar." in first
    english = _help("en", ["case", "new"])
    assert "Open a case for a person" in english and "Show this message and exit." in english
    assert "Buka kasus" not in english and "Tampilkan" not in english
    assert _help("id", ["case", "new"]) == first
    # the listing of the main group, from the summaries of commands not yet imported
    assert "Buat buku kasus di sebuah folder." in _help("id", [])
    assert "Create a case book in a folder." in _help("en", [])


def test_the_book_language_chooses_the_help_language(tmp_path, monkeypatch):
    book = tmp_path / "book"
    init = CliRunner().invoke(cli, ["--lang", "en", "init", str(book), "--name", "X", "--code", "X",
                                    "--book-lang", "en"])  # fmt: skip
    assert init.exit_code == 0, init.output
    monkeypatch.chdir(book)
    assert "Open a case for a person" in CliRunner().invoke(cli, ["case", "new", "--help"]).stdout
    out = CliRunner().invoke(cli, ["--lang", "id", "case", "new", "--help"]).stdout
    assert "Buka kasus untuk seseorang" in out


def test_help_texts_with_values_filled_in_translate():
    out = _help("id", ["provider", "new"])
    assert "Jenis instansi: uptd-ppa, " in out
    assert "Kind of institution: uptd-ppa, " in _help("en", ["provider", "new"])


def test_example_explanations_translate_and_commands_stay():
    out = _help("id", ["demo"])
    assert "tipref demo --tour" in out and "membuatnya lalu menelusuri SOP" in out
    assert "build it and walk" not in out


# -- click's own messages ----------------------------------------------------------------------
def _run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="tipref")


def test_no_such_command_in_indonesian():
    result = _run("--lang", "id", "nosuchcmd")
    assert result.exit_code == 2
    assert "Cara pakai: tipref [OPTIONS] COMMAND [ARGS]..." in result.stderr
    assert "Coba 'tipref --help' untuk bantuan." in result.stderr
    assert "Galat: Tidak ada perintah 'nosuchcmd'." in result.stderr
    assert english_words(result.stderr, known={"OPTIONS", "COMMAND", "ARGS"}) == []


def test_missing_required_option_and_argument_in_indonesian():
    result = _run("--lang", "id", "referral", "new")
    assert result.exit_code == 2
    assert "Galat: Kurang opsi '--case'." in result.stderr
    missing = _run("--lang", "id", "case", "show")
    assert missing.exit_code == 2 and "Kurang argumen 'REF'." in missing.stderr
    english = _run("--lang", "en", "referral", "new")
    assert "Error: Missing option '--case'." in english.stderr


def test_bad_number_in_indonesian():
    result = _run("--lang", "id", "due", "--within", "abc")
    assert result.exit_code == 2
    assert "Galat: Nilai tidak sah untuk '--within': 'abc' bukan bilangan yang sah" in result.stderr


def test_bad_choice_and_unknown_option_in_indonesian():
    result = _run("--lang", "id", "init", "--book-lang", "fr")
    assert result.exit_code == 2
    assert "Galat: Nilai tidak sah untuk '--book-lang'" in result.stderr
    assert english_words(result.stderr.split("Galat:")[1], known={"fr", "id", "en"}) == []
    unknown = _run("--lang", "id", "case", "list", "--nosuch")
    assert unknown.exit_code == 2 and "Tidak ada opsi" in unknown.stderr
    typo = _run("--lang", "id", "case", "list", "--statu", "active")
    assert "Mungkin maksud Anda" in typo.stderr


def test_version_option_in_both_languages():
    assert "Tampilkan versi lalu keluar." in _help("id", [])
    assert _run("--lang", "id", "--version").stdout.startswith("tipref, versi ")
    assert _run("--lang", "en", "--version").stdout.startswith("tipref, version ")
    assert _run("--lang", "id", "--version").stdout.startswith("tipref, versi ")
