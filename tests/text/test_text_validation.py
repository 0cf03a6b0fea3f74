"""Validation with well-kept libraries: phones, e-mail, NIP, provider codes, settings on load."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tipref.cli import cli
from tipref.errors import InvalidInput
from tipref.schemas.identity import normalise_email, normalise_nip, normalise_phone


@pytest.mark.parametrize("phone", ["5303024205090002", "0000000000", "abc", "12"])
def test_impossible_phones_are_refused(phone):
    with pytest.raises(InvalidInput):
        normalise_phone(phone)


def test_real_phones_are_e164():
    assert normalise_phone("0812-3456-7890") == "+6281234567890"
    assert normalise_phone("0388-31234") == "+6238831234"  # a Kefamenanu landline
    assert normalise_phone("+60 12-345 6789") == "+60123456789"  # a number in Malaysia


def test_email_and_nip():
    assert normalise_email(" Uptd.PPA@ttukab.go.id ") == "Uptd.PPA@ttukab.go.id"
    for bad in ("bukan-email", "a@b", "x@@y.id"):
        with pytest.raises(InvalidInput):
            normalise_email(bad)
    assert normalise_nip("19750101 200003 2 001") == "197501012000032001"
    for bad in ("12", "197513012000032001", "197501012000132001", "197501012000033001"):
        with pytest.raises(InvalidInput):
            normalise_nip(bad)


def test_case_and_provider_refuse_bad_phone_email_naming_the_option(tipref):
    result = tipref("case", "new", "--name", "Ana", "--phone", "5303024205090002", ok=False)
    assert result.exit_code == 1 and "--phone" in result.stderr
    bad_mail = tipref(
        "provider", "add", "--name", "Y", "--type", "ngo", "--email", "bukan-email", ok=False
    )
    assert bad_mail.exit_code == 1 and "--email" in bad_mail.stderr
    bad_phone = tipref(
        "provider", "add", "--name", "Y", "--type", "ngo", "--phone", "abc", ok=False
    )
    assert bad_phone.exit_code == 1 and "--phone" in bad_phone.stderr


@pytest.mark.parametrize("code", ["../../etc/x", "a/b", "TTU-2026-0001", "TTU-R2026-0001", "x y"])
def test_provider_codes_are_refused_not_changed(tipref, code):
    result = tipref(
        "provider", "add", "--name", "Yayasan", "--type", "ngo", "--code", code, ok=False
    )
    assert result.exit_code == 1 and "--code" in result.stderr
    codes = [p["code"] for p in tipref.json("provider", "list")]
    assert "etc-x" not in codes and "a-b" not in codes


def test_init_refuses_a_short_nip(tmp_path):
    result = CliRunner().invoke(
        cli, ["init", str(tmp_path / "b"), "--name", "X", "--code", "TTU", "--signer-nip", "12"]
    )
    assert result.exit_code == 1 and "--signer-nip" in result.stderr
    assert not (tmp_path / "b" / "tipref.json").exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"schema_version": 99}, "upgrade tipref"),
        ({"timezone": "Mars/Base"}, "Mars/Base"),
        ({"response_times": {"hours": {"health": -5}}}, "response_times.hours.health"),
    ],
)
def test_settings_are_validated_on_load(tipref, book_path, change, expected):
    path = book_path / "tipref.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(json.dumps(data), encoding="utf-8")
    result = tipref("case", "list", "--lang", "en", ok=False)
    assert result.exit_code == 1 and expected in result.stderr
    assert "Traceback" not in result.output and "Unexpected" not in result.output
