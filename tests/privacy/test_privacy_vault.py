"""Encryption at rest: nothing readable under the book, members' keys, locked and wrong passphrases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipref.book.opening import open_book

PASS_A = "kefamenanu-staff-A"
PASS_B = "kefamenanu-staff-B"
SECRETS = [
    "Maria Ulu",
    "Maria",
    "5303025403100001",
    "081234567890",
    "+6281234567890",
    "6281234567890",
    "Recruited by a neighbour",
    "Maubesi",
    "Yosef Ulu",
    "needs trauma care",
    "sleeps badly",
]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def plaintext_hits(root: Path, secrets=SECRETS) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.relative_to(root)}: {s}" for s in secrets if s.encode("utf-8") in data]
    return hits


@pytest.fixture
def encrypted(tipref, victim_case, monkeypatch):
    """The victim's case with consent and a referral, then the book encrypted by member A."""
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    case = victim_case["number"]
    tipref(
        "consent",
        "add",
        case,
        "--scope",
        "share-identity",
        "--provider",
        "rsud",
        "--guardian",
        "Yosef Ulu",
    )
    tipref(
        "referral",
        "new",
        "--case",
        case,
        "--service",
        "health",
        "--to",
        "rsud",
        "--reason",
        "Maria needs trauma care",
        "--situation",
        "sleeps badly",
    )
    tipref("vault", "init")
    return case


def test_no_personal_data_in_plain_bytes_anywhere_under_the_book(tipref, encrypted):
    # Before encryption the history held every value in plain text: all of it is rewritten.
    assert plaintext_hits(tipref.book) == []
    shown = tipref.json("case", "show", encrypted)
    assert shown["persons"][0]["name"] == "Maria Ulu"
    assert shown["persons"][0]["nik"] == "5303025403100001"
    assert shown["chronology"][0]["text"] == "Recruited by a neighbour in 2024."
    # New writes after encryption are encrypted too, in records and in history.
    tipref(
        "case",
        "update",
        encrypted,
        "--street",
        "Jalan Maubesi Lama",
        "--chronology",
        "Returned via Atambua.",
    )
    tipref("case", "new", "--name", "Agnes Taek", "--sex", "female", "--age", "19")
    assert (
        plaintext_hits(
            tipref.book, SECRETS + ["Jalan Maubesi Lama", "Returned via Atambua", "Agnes Taek"]
        )
        == []
    )
    record = json.loads(next((tipref.book / "cases").glob("*.json")).read_text(encoding="utf-8"))
    # What reports need stays readable.
    assert record["persons"][0]["sex"] == "female" and record["number"].startswith("TTU-")
    assert record["persons"][0]["name"].startswith("enc:v1:")


def test_ciphertext_is_bound_to_its_record_and_field(tipref, encrypted):
    path = next((tipref.book / "cases").glob("*.json"))
    record = json.loads(path.read_text(encoding="utf-8"))
    person = record["persons"][0]
    person["nik"], person["name"] = person["name"], person["nik"]  # swap two ciphertexts
    path.write_text(json.dumps(record), encoding="utf-8")
    result = tipref("case", "show", record["id"], ok=False)
    assert result.exit_code == 1
    assert "Corrupt record" in result.stderr


def test_without_a_key_reports_run_but_persons_are_refused(tipref, encrypted, monkeypatch):
    monkeypatch.delenv("TIPREF_PASSPHRASE")
    before = snapshot(tipref.book)
    listed = tipref.json("case", "list")
    assert [c["number"] for c in listed] == [encrypted]
    assert listed[0]["persons"][0]["sex"] == "female" and "Maria" not in json.dumps(listed)
    assert tipref("referral", "list").exit_code == 0
    shown = tipref("case", "show", encrypted, ok=False)
    assert (
        shown.exit_code == 1
        and "encrypted and locked" in shown.stderr
        and "TIPREF_PASSPHRASE" in shown.stderr
    )
    changed = tipref(
        "case", "new", "--name", "Someone Else", "--sex", "male", "--age", "30", ok=False
    )
    assert changed.exit_code == 1
    assert snapshot(tipref.book) == before


def test_wrong_passphrase_is_a_clear_error_and_writes_nothing(tipref, encrypted, monkeypatch):
    monkeypatch.setenv("TIPREF_PASSPHRASE", "not-the-passphrase")
    before = snapshot(tipref.book)
    result = tipref(
        "case", "new", "--name", "Someone Else", "--sex", "male", "--age", "30", ok=False
    )
    assert result.exit_code == 1
    assert "Wrong passphrase" in result.stderr and "Traceback" not in result.output
    assert snapshot(tipref.book) == before


def make_member(tipref, monkeypatch, home: Path, passphrase: str, label: str) -> Path:
    """Member B creates their identity in their own config folder; returns their public file."""
    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(home))
    monkeypatch.setenv("TIPREF_PASSPHRASE", passphrase)
    public = tipref.json("vault", "identity", "--label", label)
    assert set(public) == {"member_id", "label", "public_key"}  # nothing secret in it
    path = home.parent / f"{label}.json"
    path.write_text(json.dumps(public), encoding="utf-8")
    return path


def test_add_member_then_remove_member_rotates_the_key(
    tipref, encrypted, monkeypatch, tmp_path, isolated_env
):
    home_a = isolated_env / "config"
    home_b = tmp_path / "member-b" / "config"
    public_b = make_member(tipref, monkeypatch, home_b, PASS_B, "Bapak B")
    member_b = json.loads(public_b.read_text())["member_id"]
    # B is not a member yet: locked.
    assert "not a member" in tipref("case", "show", encrypted, ok=False).stderr

    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(home_a))
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "add-member", public_b)

    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(home_b))
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_B)
    assert tipref.json("case", "show", encrypted)["persons"][0]["name"] == "Maria Ulu"
    kept_copy = (tipref.book / "vault" / "members" / f"{member_b}.json").read_bytes()

    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(home_a))
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    old_key = tipref.json("vault", "status")["current_key"]
    removed = tipref.json("vault", "remove-member", member_b, "--yes")
    assert removed["new_key"] != old_key and removed["records"] >= 2
    new_case = tipref.json("case", "new", "--name", "Agnes Taek", "--sex", "female", "--age", "19")[
        "id"
    ]
    old_case = tipref.json("case", "show", encrypted)["id"]
    status = tipref.json("vault", "status")
    assert [m["member_id"] for m in status["members"]] != [] and member_b not in [
        m["member_id"] for m in status["members"]
    ]
    assert {k["id"]: k["records"] for k in status["keys"]}[
        old_key
    ] == 0  # every record moved to the new key
    assert tipref.json("case", "show", new_case)["persons"][0]["name"] == "Agnes Taek"

    # B, removed: locked out; even restoring their old member file (a backup) does not open new records.
    monkeypatch.setenv("TIPREF_CONFIG_DIR", str(home_b))
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_B)
    assert "not a member" in tipref("case", "show", new_case, ok=False).stderr
    (tipref.book / "vault" / "members" / f"{member_b}.json").write_bytes(kept_copy)
    for ref in (new_case, old_case):  # the removal marker: still no member
        result = tipref("case", "show", ref, ok=False)
        assert result.exit_code == 1 and "not a member" in result.stderr


def test_remove_last_member_refused(tipref, encrypted):
    me = tipref.json("vault", "status")["you"]
    result = tipref("vault", "remove-member", me, "--yes", ok=False)
    assert result.exit_code == 1 and "last member" in result.stderr


def test_init_encrypt_and_output_paths(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from tipref.cli import cli
    from tipref.errors import TiprefError
    from tipref.privacy.vault import check_output_path

    book = tmp_path / "enc-book"
    runner = CliRunner()
    refused = runner.invoke(
        cli, ["init", str(book), "--name", "UPTD", "--code", "TTU", "--encrypt"]
    )
    assert refused.exit_code == 1 and "TIPREF_PASSPHRASE" in refused.stderr
    assert not book.exists()  # nothing created without a passphrase
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    done = runner.invoke(cli, ["init", str(book), "--name", "UPTD", "--code", "TTU", "--encrypt"])
    assert done.exit_code == 0, done.output
    assert (book / "vault" / "vault.json").is_file()
    assert json.loads((book / "tipref.json").read_text())["privacy"]["encrypted"] is True
    opened = open_book(book, "Tester")
    with pytest.raises(TiprefError):
        check_output_path(opened, book / "letters" / "x.docx")
    assert check_output_path(opened, tmp_path / "out.docx") == (tmp_path / "out.docx").resolve()


def test_plain_book_is_unchanged_by_the_hook(tipref, victim_case):
    record = json.loads(next((tipref.book / "cases").glob("*.json")).read_text(encoding="utf-8"))
    assert record["persons"][0]["name"] == "Maria Ulu"
    assert tipref.json("vault", "status") == {"encrypted": False}
