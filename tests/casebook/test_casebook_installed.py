"""The installed console script, run in a subprocess from outside the repository, as a user runs it."""

import json

from conftest import run_installed


def test_whole_flow_through_the_console_script(tmp_path):
    work = tmp_path / "somewhere-else"
    work.mkdir()
    book = work / "book"
    run_installed(
        "init",
        book,
        "--name",
        "UPTD PPA TTU",
        "--code",
        "TTU",
        "--district",
        "Timor Tengah Utara",
        "--seed-network",
        cwd=work,
    )
    env = {"TIPREF_BOOK": str(book)}
    case = json.loads(
        run_installed(
            "case",
            "new",
            "--name",
            "Maria Ulu",
            "--sex",
            "female",
            "--birth-date",
            "2010-03-14",
            "--json",
            cwd=work,
            env=env,
        ).stdout
    )
    ref = json.loads(
        run_installed(
            "referral",
            "new",
            "--case",
            case["number"],
            "--service",
            "health",
            "--to",
            "rsud",
            "--json",
            cwd=work,
            env=env,
        ).stdout
    )
    assert ref["status"] == "pending"
    run_installed("referral", "update", ref["number"], "--status", "accepted", cwd=work, env=env)
    done = json.loads(
        run_installed(
            "referral",
            "update",
            ref["number"],
            "--status",
            "completed",
            "--json",
            cwd=work,
            env=env,
        ).stdout
    )
    assert [t["status"] for t in done["transitions"]] == ["pending", "accepted", "completed"]
    # the book is also found from inside it, as git finds a repository
    listed = json.loads(run_installed("referral", "list", "--json", cwd=book / "cases").stdout)
    assert [r["number"] for r in listed] == [ref["number"]]


def test_console_script_errors_are_one_line_with_exit_codes(tmp_path):
    result = run_installed("case", "list", cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = run_installed("case", "new", "--bogus", cwd=tmp_path, check=False)
    assert result.returncode == 2


def test_json_output_is_only_json(tmp_path):
    book = tmp_path / "b"
    run_installed("init", book, "--name", "X", "--code", "X", "--seed-network", cwd=tmp_path)
    result = run_installed("--book", book, "provider", "list", "--json", cwd=tmp_path)
    assert isinstance(json.loads(result.stdout), list)
