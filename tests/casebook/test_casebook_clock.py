"""Any day, any clock: "today" is the book's local date, and stored records never turn
invalid because a laptop's clock disagrees (DESIGN.md §2.10, issue 10)."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Tipref, run_installed

from tipref import clock
from tipref.cli import cli

WITA = timezone(timedelta(hours=8))


def frozen_day() -> date:
    return clock.today()


def at_utc(monkeypatch, day: date, hhmm: str) -> None:
    monkeypatch.setenv("TIPREF_NOW", f"{day.isoformat()}T{hhmm}:00+00:00")


def new_case(tipref: Tipref, *extra: str, ok: bool = True):
    args = ("case", "new", "--name", "Ana Bete", "--sex", "female", "--age", "30", *extra)
    return tipref.json(*args) if ok else tipref(*args, ok=False)


# -- the time-zone rule --------------------------------------------------------------------


def test_at_2330_utc_it_is_already_tomorrow_in_wita(tipref, monkeypatch):
    utc_day = frozen_day()
    at_utc(monkeypatch, utc_day, "23:30")
    tomorrow = utc_day + timedelta(days=1)
    case = new_case(tipref)
    assert case["opened_on"] == tomorrow.isoformat()  # the default is the book's today
    typed = new_case(tipref, "--opened", tomorrow.isoformat())
    assert typed["opened_on"] == tomorrow.isoformat()  # today in Kefamenanu is not "future"


def test_at_1530_utc_it_is_still_today_and_at_1630_tomorrow(tipref, monkeypatch):
    utc_day = frozen_day()
    at_utc(monkeypatch, utc_day, "15:30")  # 23:30 WITA
    assert new_case(tipref)["opened_on"] == utc_day.isoformat()
    at_utc(monkeypatch, utc_day, "16:30")  # 00:30 WITA the next day
    assert new_case(tipref)["opened_on"] == (utc_day + timedelta(days=1)).isoformat()


def test_a_book_in_wib_has_its_own_today(tmp_path, monkeypatch):
    utc_day = frozen_day()
    at_utc(monkeypatch, utc_day, "16:30")  # 23:30 WIB, 00:30 WITA
    book = tmp_path / "jakarta"
    result = CliRunner().invoke(
        cli,
        ["init", str(book), "--name", "UPTD PPA DKI", "--code", "DKI", "--region-code", "31.71"],
    )
    assert result.exit_code == 0, result.output
    settings = json.loads((book / "tipref.json").read_text(encoding="utf-8"))
    assert settings["timezone"] == "Asia/Jakarta"
    case = Tipref(book).json("case", "new", "--name", "Budi", "--sex", "male", "--age", "20")
    assert case["opened_on"] == utc_day.isoformat()


def test_machine_time_zone_does_not_matter(tipref, victim_case, tmp_path):
    """The installed tipref on a laptop set to New York still lives on the book's date."""
    utc_day = frozen_day()
    env = {"TZ": "America/New_York", "TIPREF_NOW": f"{utc_day.isoformat()}T23:30:00Z"}
    out = run_installed("--book", tipref.book, "config", "show", "--json", cwd=tmp_path, env=env)
    shown = json.loads(out.stdout)
    assert shown["book_timezone"] == "Asia/Makassar"
    assert shown["book_today"] == (utc_day + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("options", "zone"),
    [
        (["--timezone", "Asia/Jayapura"], "Asia/Jayapura"),
        (["--region-code", "53.03"], "Asia/Makassar"),
        (["--region-code", "91.05"], "Asia/Jayapura"),
        (["--region-code", "31.71", "--timezone", "Asia/Makassar"], "Asia/Makassar"),
        ([], "Asia/Makassar"),
    ],
)
def test_init_sets_the_zone(tmp_path, options, zone):
    book = tmp_path / "b"
    result = CliRunner().invoke(cli, ["init", str(book), "--name", "X", "--code", "X", *options])
    assert result.exit_code == 0, result.output
    assert json.loads((book / "tipref.json").read_text(encoding="utf-8"))["timezone"] == zone
    assert zone in result.stderr  # init says which zone "today" follows


def test_unknown_time_zone_is_refused(tmp_path):
    book = tmp_path / "b"
    result = CliRunner().invoke(
        cli, ["init", str(book), "--name", "X", "--code", "X", "--timezone", "Mars/Base"]
    )
    assert result.exit_code == 1 and "Mars/Base" in result.stderr
    assert not book.exists()


def test_an_existing_book_keeps_its_stored_zone(tipref):
    path = tipref.book / "tipref.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["timezone"] = "Asia/Jayapura"
    path.write_text(json.dumps(data), encoding="utf-8")
    new_case(tipref)
    assert json.loads(path.read_text(encoding="utf-8"))["timezone"] == "Asia/Jayapura"
    assert tipref.json("config", "show")["book_timezone"] == "Asia/Jayapura"


def test_relative_dates_work_on_any_day(tipref):
    today = frozen_day()
    assert new_case(tipref, "--opened", "today-3")["opened_on"] == str(today - timedelta(3))
    assert new_case(tipref, "--opened", "yesterday")["opened_on"] == str(today - timedelta(1))
    assert new_case(tipref, "--opened", "hari-ini")["opened_on"] == str(today)
    bad = new_case(tipref, "--opened", "today+3", ok=False)
    assert bad.exit_code == 2 and "today-N" in bad.stderr


# -- clock skew: entry has a day of tolerance; reading has none to apply ----------------


def test_a_day_ahead_is_accepted_two_days_refused(tipref):
    today = frozen_day()
    assert new_case(tipref, "--opened", str(today + timedelta(1)))["opened_on"]
    refused = new_case(tipref, "--opened", str(today + timedelta(2)), ok=False)
    assert refused.exit_code == 1
    assert "--opened" in refused.stderr or "opened_on" in refused.stderr
    assert str(today + timedelta(2)) in refused.stderr and str(today) in refused.stderr
    assert len(tipref.json("case", "list")) == 1  # the refused case left nothing behind


@pytest.mark.parametrize(
    ("ahead", "warned"),
    [(timedelta(days=1, hours=6), False), (timedelta(days=3), True), (timedelta(days=365), True)],
)
def test_a_record_from_a_clock_ahead_is_read_everywhere(tipref, monkeypatch, ahead, warned):
    laptop_now = datetime.fromisoformat(os.environ["TIPREF_NOW"]) + ahead
    monkeypatch.setenv("TIPREF_NOW", laptop_now.isoformat())
    case = new_case(tipref, "--chronology", "Arrived at the shelter.")
    ahead_day = laptop_now.astimezone(WITA).date()
    assert case["opened_on"] == ahead_day.isoformat()

    monkeypatch.setenv("TIPREF_NOW", (laptop_now - ahead).isoformat())  # this laptop's clock
    listed = tipref.json("case", "list")
    assert [c["number"] for c in listed] == [case["number"]]
    assert tipref.json("case", "show", case["number"])["opened_on"] == ahead_day.isoformat()
    referral = tipref.json(
        "referral", "new", "--case", case["number"], "--service", "social", "--to", "dinsos"
    )
    assert referral["status"] == "pending"
    report = tipref.json("report")
    assert report["totals"]["cases"] == 1
    doctor = tipref("doctor", "--json")
    assert doctor.exit_code == 0  # healthy: a clock warning is not a problem
    found = json.loads(doctor.stdout)
    clock_warnings = [p for p in found["problems"] if p["type"] == "clock"]
    assert found["healthy"] and all(p["warning"] for p in clock_warnings)
    # Within the day of tolerance a date is no news; beyond it doctor names the field.
    assert any(p["field"] == "opened_on" for p in clock_warnings) is warned


def test_stored_combinations_never_turn_a_record_corrupt(tipref, victim_case):
    """A case file holding both a birth date and an estimated age, and a NIK that disagrees
    with the birth date (written by an older tipref, or by hand): still read everywhere."""
    path = tipref.book / "cases" / f"{victim_case['id']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["persons"][0]["estimated_age"] = 15
    data["persons"][0]["birth_date"] = "2011-01-01"  # the NIK says 2010-03-14
    path.write_text(json.dumps(data), encoding="utf-8")
    assert tipref.json("case", "show", victim_case["number"])["persons"][0]["estimated_age"] == 15
    assert [c["number"] for c in tipref.json("case", "list")] == [victim_case["number"]]
    # Changing the phone does not re-judge the stored dates; changing the NIK does, and
    # the person is told what to settle first.
    tipref("case", "update", victim_case["number"], "--phone", "081299990000")
    refused = tipref("case", "update", victim_case["number"], "--nik", "5303025403100001", ok=False)
    assert refused.exit_code == 1 and "--age" in refused.stderr
    kept = tipref.json("case", "show", victim_case["number"])["persons"][0]
    assert kept["phone"] == "+6281299990000" and kept["birth_date"] == "2011-01-01"


# -- timeline checks at entry ---------------------------------------------------------------


def test_outgoing_referral_before_the_case_was_opened_is_refused(tipref, victim_case):
    opened = date.fromisoformat(victim_case["opened_on"])
    before = str(opened - timedelta(days=3))
    refused = tipref(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud",
        "--date", before, ok=False,
    )  # fmt: skip
    assert refused.exit_code == 1 and "--date" in refused.stderr  # the option typed
    assert before in refused.stderr and str(opened) in refused.stderr
    assert tipref.json("referral", "list") == []
    incoming = tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "identification",
        "--from", "polres", "--date", before,
    )  # fmt: skip
    assert incoming["direction"] == "incoming" and incoming["referred_on"] == before


def test_consent_before_birth_or_after_today_is_refused(tipref, victim_case):
    birth = victim_case["persons"][0]["birth_date"]
    early = str(date.fromisoformat(birth) - timedelta(days=1))
    refused = tipref(
        "consent", "add", victim_case["number"], "--scope", "services", "--date", early,
        "--guardian", "Ibu Ulu", ok=False,
    )  # fmt: skip
    assert refused.exit_code == 1 and early in refused.stderr and birth in refused.stderr
    late = str(frozen_day() + timedelta(days=5))
    refused = tipref(
        "consent", "add", victim_case["number"], "--scope", "services", "--date", late,
        "--guardian", "Ibu Ulu", ok=False,
    )  # fmt: skip
    assert refused.exit_code == 1 and late in refused.stderr
    case = tipref.json("case", "show", victim_case["number"])
    assert case["persons"][0]["consents"] == []


def test_judgment_before_police_report_is_refused(tipref, victim_case):
    today = frozen_day()
    reported = today - timedelta(days=10)
    tipref("case", "event", victim_case["number"], "--police-reported", f"{reported} 10:00")
    judged = str(reported - timedelta(days=2))
    refused = tipref(
        "case", "event", victim_case["number"], "--judgment-notified", judged, ok=False
    )
    assert refused.exit_code == 1 and judged in refused.stderr and str(reported) in refused.stderr
    assert "--judgment-notified:" in refused.stderr
    events = tipref.json("case", "show", victim_case["number"])["events"]
    assert events["judgment_notified_on"] is None
    tipref("case", "event", victim_case["number"], "--judgment-notified", str(today))


@pytest.mark.parametrize("birth", ["1899-12-31", "1800-01-01"])
def test_implausible_birth_dates_are_refused(tipref, birth):
    refused = tipref(
        "case", "new", "--name", "Old", "--sex", "male", "--birth-date", birth, ok=False
    )
    assert refused.exit_code == 1 and birth in refused.stderr and "120" in refused.stderr


def test_a_birth_date_giving_an_age_over_120_is_refused(tipref):
    birth = frozen_day().replace(year=frozen_day().year - 121)
    refused = tipref(
        "case", "new", "--name", "Old", "--sex", "male", "--birth-date", str(birth), ok=False
    )
    assert refused.exit_code == 1 and str(birth) in refused.stderr


def test_a_future_birth_date_is_refused(tipref):
    birth = str(frozen_day() + timedelta(days=30))
    refused = tipref(
        "case", "new", "--name", "Baby", "--sex", "male", "--birth-date", birth, ok=False
    )
    assert refused.exit_code == 1 and birth in refused.stderr


def test_the_suite_clock_is_frozen_before_any_record():
    """Guards the fixture itself: every test starts at the same moment, whatever the date."""
    assert os.environ["TIPREF_NOW"]
    assert clock.now() == datetime.fromisoformat(os.environ["TIPREF_NOW"]).astimezone(timezone.utc)
    assert Path(os.environ["TIPREF_CONFIG_DIR"]).name == "config"
