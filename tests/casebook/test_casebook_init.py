"""tipref init, finding the book, who is acting, config, schema."""

import json
import os

from click.testing import CliRunner

from tipref.cli import cli


def invoke(*args, **kwargs):
    return CliRunner().invoke(cli, list(map(str, args)), **kwargs)


def test_init_writes_settings_and_seeds_network(tipref, book_path):
    settings = json.loads((book_path / "tipref.json").read_text(encoding="utf-8"))
    assert settings["organisation"]["code"] == "TTU"
    assert settings["organisation"]["district"] == "Timor Tengah Utara"
    assert settings["signer"]["nip"] == "197501012000032001"
    assert settings["numbering"]["letter"] == "{seq:03d}/{code}/{month_roman}/{year}"
    providers = tipref.json("provider", "list")
    codes = {p["code"] for p in providers}
    assert {"rsud", "polres", "uptd-ppa", "kbri-kl", "dinsos"} <= codes
    assert all(p["name"] for p in providers)
    assert (book_path / ".stignore").read_text().startswith(".locks")


def test_init_refuses_existing_book(tipref, book_path):
    result = invoke("init", book_path, "--name", "Other", "--code", "OTH")
    assert result.exit_code == 1
    assert "already a case book" in result.stderr or "Sudah ada buku kasus" in result.stderr


def test_init_in_a_script_requires_name_and_code(tmp_path):
    result = invoke("init", tmp_path / "b")
    assert result.exit_code == 2
    assert "--name" in result.stderr
    assert not (tmp_path / "b" / "tipref.json").exists()


def test_init_rejects_bad_code_naming_the_field(tmp_path):
    result = invoke("init", tmp_path / "b", "--name", "X", "--code", "T T U!")
    assert result.exit_code == 1
    assert "--code: " in result.stderr
    assert not (tmp_path / "b" / "tipref.json").exists()


def test_init_json_and_custom_letter_pattern(tmp_path):
    result = invoke(
        "init",
        tmp_path / "b",
        "--name",
        "LBH",
        "--code",
        "LBH",
        "--letter-pattern",
        "400.7/{seq:03d}/{code}/{month_roman}/{year}",
        "--json",
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["settings"]["numbering"]["letter"].startswith("400.7/")


def test_init_copies_logo(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    result = invoke("init", tmp_path / "b", "--name", "X", "--code", "X", "--logo", logo)
    assert result.exit_code == 0, result.output
    settings = json.loads((tmp_path / "b" / "tipref.json").read_text())
    assert (tmp_path / "b" / settings["organisation"]["logo"]).read_bytes() == logo.read_bytes()


def test_book_found_from_env_and_from_a_subfolder(tipref, book_path, monkeypatch):
    monkeypatch.setenv("TIPREF_BOOK", str(book_path))
    assert invoke("provider", "list", "--json").exit_code == 0
    monkeypatch.delenv("TIPREF_BOOK")
    monkeypatch.chdir(book_path / "cases")
    result = invoke("provider", "show", "rsud", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["code"] == "rsud"


def test_no_book_found_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("case", "list")
    assert result.exit_code == 1
    assert "tipref init" in result.stderr
    assert "Traceback" not in result.output
    result = invoke("--book", tmp_path / "nowhere", "case", "list", "--lang", "en")
    assert result.exit_code == 1
    assert "No case book found" in result.stderr


def test_actor_from_flag_env_and_config(tipref, book_path, monkeypatch):
    created = tipref.json("case", "new", "--name", "A B")
    assert created["created_by"] == "Tester"  # TIPREF_USER from conftest
    result = invoke(
        "--book",
        book_path,
        "--as",
        "Paralegal Yosef",
        "case",
        "update",
        created["id"],
        "--risk",
        "low",
        "--json",
    )
    assert json.loads(result.stdout)["updated_by"] == "Paralegal Yosef"
    monkeypatch.delenv("TIPREF_USER")
    assert invoke("config", "set", "user", "Maria Staf").exit_code == 0
    result = invoke(
        "--book", book_path, "case", "update", created["id"], "--risk", "high", "--json"
    )
    assert json.loads(result.stdout)["updated_by"] == "Maria Staf"
    shown = json.loads(invoke("config", "show", "--json").stdout)
    assert shown["user"] == "Maria Staf" and len(shown["device_id"]) == 26
    history = "".join(p.read_text() for p in (book_path / "history").glob("*.jsonl"))
    assert "Paralegal Yosef" in history and "Maria Staf" in history


def test_language_from_book_and_flag(tipref, book_path):
    # the fixture's book is English; --lang id switches what people read
    en = invoke("--book", book_path, "provider", "show", "rsud")
    assert "Hospital" in en.stdout
    idn = invoke("--book", book_path, "--lang", "id", "provider", "show", "rsud")
    assert "Rumah sakit" in idn.stdout
    idn2 = invoke("--book", book_path, "provider", "show", "rsud", "--lang", "id")
    assert "Rumah sakit" in idn2.stdout


def test_schema_lists_and_prints_json_schema_with_labels():
    names = invoke("schema").stdout.split()
    assert {"case", "referral", "provider", "settings"} <= set(names)
    schema = json.loads(invoke("schema", "referral").stdout)
    assert "service" in schema["properties"]
    service = schema["$defs"]["Service"]
    assert service["x-labels"]["health"] == {
        "id": "Rehabilitasi Kesehatan",
        "en": "Health rehabilitation",
    }
    case_schema = json.loads(invoke("schema", "case").stdout)
    assert "RiskLevel" in case_schema["$defs"]
    result = invoke("schema", "nonsense")
    assert result.exit_code == 2


def test_version_and_module_entry_point():
    import subprocess
    import sys

    result = invoke("--version")
    assert result.exit_code == 0 and "tipref" in result.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "tipref", "--version"],
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert proc.returncode == 0 and "tipref" in proc.stdout


def test_init_asks_for_each_detail_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPREF_INTERACTIVE", "1")
    answers = (
        "\n".join(
            [
                "LBH Timor",
                "lbh",
                "Timor Tengah Utara",
                "Kefamenanu",
                "Jl. Eltari 5",
                "0388-1",
                "lbh@example.org",
                "Agus Sanam",
                "Direktur",
                "",
                "",  # empty NIP, default letter pattern
            ]
        )
        + "\n"
    )
    result = invoke("init", tmp_path / "b", input=answers)
    assert result.exit_code == 0, result.output
    settings = json.loads((tmp_path / "b" / "tipref.json").read_text(encoding="utf-8"))
    assert (
        settings["organisation"]["name"] == "LBH Timor"
        and settings["organisation"]["code"] == "LBH"
    )
    assert (
        settings["organisation"]["city"] == "Kefamenanu"
        and settings["organisation"]["email"] == "lbh@example.org"
    )
    assert settings["signer"] == {
        "name": "Agus Sanam",
        "position": "Direktur",
        "nip": "",
        "on_behalf": "",
        "principal": "",
    }
    assert settings["numbering"]["letter"] == "{seq:03d}/{code}/{month_roman}/{year}"
