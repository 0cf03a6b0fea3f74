"""Issue 15: one grammar for the command line; old spellings kept as hidden aliases."""

from __future__ import annotations

import csv
import json

import pytest

NOTE = "old spelling"


def _note(result, old: str, new: str) -> None:
    lines = [line for line in result.stderr.splitlines() if NOTE in line]
    assert len(lines) == 1 and old in lines[0] and new in lines[0], result.stderr


def _referral(tipref, case, *extra):
    return tipref.json(
        "referral", "new", "--case", case["number"], "--service", "health", "--to", "rsud", *extra
    )


# -- every old spelling still works, with a one-line note on stderr ----------------------
def test_referral_new_from_is_incoming_from(tipref, victim_case):
    result = tipref("referral", "new", "--case", victim_case["number"], "--service", "legal",
                    "--from", "rsud", "--json")  # fmt: skip
    _note(result, "--from", "--incoming-from")
    assert json.loads(result.stdout)["direction"] == "incoming"
    new = tipref.json("referral", "new", "--case", victim_case["number"], "--service", "legal",
                      "--incoming-from", "rsud")  # fmt: skip
    assert new["direction"] == "incoming"
    both = tipref("referral", "new", "--case", victim_case["number"], "--service", "legal",
                  "--from", "rsud", "--incoming-from", "rsud", ok=False)  # fmt: skip
    assert both.exit_code == 2 and "give only --incoming-from" in both.stderr


def test_decline_reason_is_status_reason(tipref, victim_case):
    r = _referral(tipref, victim_case)
    result = tipref("referral", "update", r["number"], "--status", "declined",
                    "--decline-reason", "No bed free", "--json")  # fmt: skip
    _note(result, "--decline-reason", "--status-reason")
    assert json.loads(result.stdout)["status"] == "declined"
    r2 = _referral(tipref, victim_case)
    done = tipref.json("referral", "update", r2["number"], "--status", "declined",
                       "--status-reason", "No bed free")  # fmt: skip
    assert done["status"] == "declined"


def test_case_close_reason_is_status_reason(tipref, victim_case):
    result = tipref("case", "close", victim_case["number"], "--reason", "Home", "--json")
    _note(result, "--reason", "--status-reason")
    assert json.loads(result.stdout)["closed_reason"] == "Home"


def test_case_purge_reason_is_request(tipref, victim_case):
    result = tipref("case", "purge", victim_case["number"], "--reason", "Letter, form 12",
                    "--yes", "--json")  # fmt: skip
    _note(result, "--reason", "--request")
    assert json.loads(result.stdout)
    both = tipref("case", "purge", victim_case["number"], "--reason", "a", "--request", "b",
                  "--yes", ok=False)  # fmt: skip
    assert both.exit_code == 2 and "give only --request" in both.stderr


def test_case_need_positional_service(tipref, victim_case):
    result = tipref("case", "need", victim_case["number"], "legal", "--needed", "--json")
    _note(result, "SERVICE", "--service")
    assert json.loads(result.stdout)["persons"][0]["needs"]["legal"] == "needed"
    case = tipref.json("case", "need", victim_case["number"], "--service", "social", "--not-needed")
    assert case["persons"][0]["needs"]["social"] == "not-needed"
    clash = tipref("case", "need", victim_case["number"], "--service", "legal", "--needed",
                   "--clear", ok=False)  # fmt: skip
    assert clash.exit_code == 2 and "--clear" in clash.stderr


def test_sop_positional_service(tipref):
    result = tipref("sop", "health", "--json")
    _note(result, "sop SERVICE", "--service")
    assert json.loads(result.stdout) == tipref.json("sop", "--service", "health")


def test_provider_add_is_provider_new(tipref):
    result = tipref("provider", "add", "--name", "Yayasan Satu", "--type", "ngo", "--json")
    _note(result, "provider add", "provider new")
    assert json.loads(result.stdout)["name"] == "Yayasan Satu"
    new = tipref.json("provider", "new", "--name", "Yayasan Dua", "--type", "ngo")
    assert new["name"] == "Yayasan Dua"
    listing = tipref("provider", "--help").stdout
    assert " new " in listing and " add " not in listing


def test_report_from_to_are_since_until(tipref, victim_case):
    result = tipref("report", "--from", "today-30", "--to", "today", "--json")
    assert result.stderr.count(NOTE) == 2 and "--since" in result.stderr
    assert json.loads(result.stdout) == tipref.json(
        "report", "--since", "today-30", "--until", "today"
    )
    assert "--from" not in tipref("report", "--help").stdout


def test_commitment_sign_from_is_attendance(tipref, tmp_path):
    c = tipref.json("commitment", "new", "--title", "Komitmen", "--date", "today",
                    "--place", "Kefamenanu")  # fmt: skip
    path = tmp_path / "hadir.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["Nama", "Instansi"], ["Ana", "Dinsos"], ["Budi", "RSUD"]])
    result = tipref("commitment", "sign", c["number"], "--from", str(path), "--json")
    _note(result, "--from", "--attendance")
    assert json.loads(result.stdout)["added"] == 2
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["Nama", "Instansi"], ["Citra", "LBH"]])
    again = tipref.json("commitment", "sign", c["number"], "--attendance", str(path))
    assert again["added"] == 1


# -- choice lists offer only what the command accepts -------------------------------------
@pytest.mark.parametrize(
    ("args", "refused", "offered"),
    [
        (("case", "new", "--name", "P", "--status", "closed"), "closed", "active, follow-up"),
        (("case", "close", "{case}", "--why", "x", "--status", "active"), "active", "closed"),
        (("referral", "update", "{referral}", "--status", "pending"), "pending", "accepted"),
    ],
)
def test_choices_offer_only_valid_values(tipref, victim_case, book_path, args, refused, offered):
    r = _referral(tipref, victim_case)
    filled = [{"{case}": victim_case["number"], "{referral}": r["number"]}.get(a, a) for a in args]
    before = sorted(p.read_bytes() for p in book_path.rglob("*.json"))
    result = tipref(*filled, ok=False)
    assert result.exit_code == 2 and f"'{refused}' is not valid here" in result.stderr
    assert offered in result.stderr
    assert sorted(p.read_bytes() for p in book_path.rglob("*.json")) == before
    usage = tipref(*filled[:2], "--help").stdout
    status_line = next(line for line in usage.splitlines() if "--status [" in line)
    assert refused not in status_line.split("[")[1].split("]")[0].split("|")


def test_log_kind_is_a_choice_and_limit_at_least_one(tipref, victim_case):
    bad = tipref("log", "--kind", "foo", ok=False)
    assert bad.exit_code == 2 and "'foo' is not one of" in bad.stderr
    assert tipref("log", "--limit", "0", ok=False).exit_code == 2
    assert tipref("log", "--limit", "-5", ok=False).exit_code == 2
    assert len(tipref.json("log", victim_case["number"], "--kind", "case", "--limit", "1")) == 1


def test_age_is_shown_in_words(tipref):
    help_text = tipref("case", "new", "--help").stdout
    assert "INTEGER RANGE" not in help_text and "--age AGE" in help_text and "0–120" in help_text


# -- log as blocks --------------------------------------------------------------------------
def test_log_shows_blocks_within_80_columns(tipref, victim_case, monkeypatch):
    tipref("case", "update", victim_case["number"], "--risk", "low", "--chronology",
           "A long chronology entry " * 8)  # fmt: skip
    monkeypatch.setenv("COLUMNS", "80")
    out = tipref("log", victim_case["number"]).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    blocks = out.strip().split("\n\n")
    create, update = blocks[0].splitlines(), blocks[-1].splitlines()
    assert create[0].startswith(f"Case {victim_case['number']} created  (entry ")
    assert create[1] == "By: Tester"
    assert not any(line.rstrip().endswith(":") or ": []" in line for line in create)
    assert not any("schema_version" in line for line in create)
    assert any("risk: high → low" in line for line in update)
    assert any("…" in line for line in update)  # the long chronology is shortened, not wrapped
    assert tipref.json("log", victim_case["number"])[0]["action"] == "create"  # --json as it was


def test_log_since_until(tipref, victim_case):
    assert tipref.json("log", "--since", "today")  # changes made today (the frozen clock)
    assert tipref.json("log", "--until", "today-1") == []


# -- prompts on stderr, nothing to change --------------------------------------------------
def test_purge_prompt_goes_to_stderr(tipref, victim_case, monkeypatch):
    monkeypatch.setenv("TIPREF_INTERACTIVE", "1")
    result = tipref("case", "purge", victim_case["number"], "--request", "form 12", "--json",
                    input="y\n")  # fmt: skip
    assert json.loads(result.stdout)  # only JSON on stdout
    assert "[y/N]" in result.stderr


def test_init_prompts_go_to_stderr(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from tipref.cli import cli

    monkeypatch.setenv("TIPREF_INTERACTIVE", "1")
    result = CliRunner().invoke(
        cli, ["init", str(tmp_path / "b"), "--json"], input="UPTD PPA Belu\nBLU\n" + "\n" * 20
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)  # the questions went to stderr
    # no book yet, no --lang: the prompts ask in Indonesian
    assert "Nama organisasi" in result.stderr and "Nama organisasi" not in result.stdout


@pytest.mark.parametrize("verb", ["case", "referral", "provider"])
def test_update_with_nothing_to_change_makes_no_revision(tipref, victim_case, verb):
    ref = {
        "case": victim_case["number"],
        "referral": _referral(tipref, victim_case)["number"],
        "provider": "rsud",
    }[verb]
    before = tipref.json(verb, "show", ref)["revision"]
    result = tipref(verb, "update", ref)
    assert "nothing to change" in result.stderr
    assert tipref.json(verb, "show", ref)["revision"] == before


# -- the tour ---------------------------------------------------------------------------
def test_tour_refuses_a_real_book_and_json(tipref, book_path):
    real = tipref("demo", "--tour", ok=False)
    assert real.exit_code == 1 and "real case book" in real.stderr
    assert not (book_path / "tipref-demo").exists()
    assert tipref("demo", "--tour", "--json", ok=False).exit_code == 2


def test_tour_without_a_terminal_never_waits(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from tipref.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", "--tour"], input="")
    assert result.exit_code == 0, result.output
    assert "Press Enter" not in result.output and "The tour is over" in result.stdout
    assert (tmp_path / "tipref-demo" / "tipref.json").exists()
    # run again from inside the demo book: the same book, no demo book nested in it
    monkeypatch.chdir(tmp_path / "tipref-demo")
    again = CliRunner().invoke(cli, ["--lang", "en", "demo", "--tour"], input="")
    assert again.exit_code == 0 and "The tour is over" in again.stdout
    assert not (tmp_path / "tipref-demo" / "tipref-demo").exists()


# -- help at 80 columns -------------------------------------------------------------------
def _visible_commands():
    import click

    from tipref.cli import cli

    ctx = click.Context(cli)

    def walk(command, path):
        yield path, command
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if not sub.hidden:
                    yield from walk(sub, [*path, name])

    return list(walk(cli, []))


def test_every_help_page_fits_80_columns_with_an_example(monkeypatch):
    import click
    from click.testing import CliRunner

    from tipref.cli import cli

    monkeypatch.setenv("COLUMNS", "80")
    pages = _visible_commands()
    assert len(pages) > 55
    problems = []
    for path, command in pages:
        out = CliRunner().invoke(cli, ["--lang", "en", *path, "--help"]).stdout
        name = " ".join(["tipref", *path])
        problems += [f"{name}: {len(line)} columns" for line in out.splitlines() if len(line) > 80]
        if "Example" not in out:
            problems.append(f"{name}: no example")
        if isinstance(command, click.Group):
            listing = out.split("Commands:")[1].splitlines()
            problems += [f"{name}: cut '{line.strip()}'" for line in listing if "..." in line]
            problems += [f"{name}: {line.strip()}" for line in listing if "INTEGER" in line]
        if "INTEGER RANGE" in out:
            problems.append(f"{name}: a range not in words")
    assert not problems, "\n".join(problems)


# -- the README uses the grammar ------------------------------------------------------------
OLD_SPELLINGS = [
    r"referral new\b.*--from\b",
    r"\breport\b.*--(from|to)\b",
    r"commitment sign\b.*--from\b",
    r"--decline-reason",
    r"case close\b.*--reason\b",
    r"case purge\b.*--reason\b",
    r"case need \S+ (?!-)\w",
    r"\bsop (?!-)\w",
    r"provider add\b",
]


def test_readme_examples_use_the_new_grammar():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", readme, flags=re.S):
        commands += [line for line in block.splitlines() if "tipref " in line]
    commands += re.findall(r"`(tipref [^`]+)`", readme)
    assert len(commands) > 100
    old = [c for c in commands for pattern in OLD_SPELLINGS if re.search(pattern, c)]
    assert not old, "\n".join(old)
