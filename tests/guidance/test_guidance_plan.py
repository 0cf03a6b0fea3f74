"""Case plans, deadlines and `tipref due`, with a fixed clock (TIPREF_NOW)."""

from __future__ import annotations

import json

import pytest

NOW = "2026-11-28T10:00:00+08:00"


@pytest.fixture
def fixed(monkeypatch):
    monkeypatch.setenv("TIPREF_NOW", NOW)


@pytest.fixture
def case(tipref, fixed):
    data = tipref.json(
        "case",
        "new",
        "--name",
        "Ana Test",
        "--sex",
        "female",
        "--age",
        "24",
        "--risk",
        "medium",
        "--opened",
        "2026-06-01",
    )
    tipref(
        "consent",
        "add",
        data["number"],
        "--scope",
        "share-identity",
        "--whole-network",
        "--date",
        "2026-06-01",
    )
    return data["number"]


def deadlines(tipref, number):
    plan = tipref.json("case", "plan", number)
    return {d["key"]: d for d in plan["deadlines"]}


def test_police_report_due_24_hours_after_intake(tipref, case):
    tipref("case", "event", case, "--intake", "2026-11-27 09:00")
    police = deadlines(tipref, case)["police_report"]
    assert police["due_at"].startswith("2026-11-28T09:00")
    assert police["state"] == "overdue"  # now is 10:00, one hour late
    assert police["basis"] == "PP 9/2008"  # its article numbers are unverified (DOMAIN §1)
    tipref("case", "event", case, "--police-reported", "2026-11-28 09:30")
    assert deadlines(tipref, case)["police_report"]["state"] == "done"


def test_police_report_not_yet_late_within_24_hours(tipref, case):
    tipref("case", "event", case, "--intake", "2026-11-27 11:00")
    police = deadlines(tipref, case)["police_report"]
    assert police["state"] == "due"
    assert police["due_at"].startswith("2026-11-28T11:00")


def test_first_aid_within_7_days_of_the_request(tipref, case):
    tipref("case", "event", case, "--first-aid-requested", "2026-11-22")
    first_aid = deadlines(tipref, case)["first_aid"]
    assert first_aid["due_on"] == "2026-11-29"
    assert first_aid["state"] == "due" and first_aid["days_left"] == 1
    tipref("case", "event", case, "--first-aid-requested", "2026-11-20")
    assert deadlines(tipref, case)["first_aid"]["state"] == "overdue"


def test_first_aid_met_when_given_not_by_a_completed_health_referral(tipref, case):
    """UU 21/2007 Pasal 53: first aid is met when it is given; a health referral that
    completes (perhaps weeks later) says nothing about it."""
    tipref("case", "event", case, "--first-aid-requested", "2026-11-20")
    referral = tipref.json("referral", "new", "--case", case, "--service", "health", "--to", "rsud")
    tipref("referral", "update", referral["number"], "--status", "accepted")
    tipref("referral", "update", referral["number"], "--status", "completed")
    assert deadlines(tipref, case)["first_aid"]["state"] == "overdue"
    tipref("case", "event", case, "--first-aid-given", "2026-11-21")
    first_aid = deadlines(tipref, case)["first_aid"]
    assert first_aid["state"] == "done" and first_aid["done_on"] == "2026-11-21"


def test_monitoring_at_least_3_months_after_return(tipref, case):
    tipref("case", "event", case, "--returned", "2026-10-15")
    monitoring = deadlines(tipref, case)["monitoring"]
    assert monitoring["due_on"] == "2027-01-15"
    assert monitoring["state"] == "running"
    tipref("case", "close", case, "--reason", "moved away")
    assert deadlines(tipref, case)["monitoring"]["state"] == "ended_early"


def test_restitution_paid_within_14_days_of_notified_judgment(tipref, case):
    tipref("case", "event", case, "--judgment-notified", "2026-11-10")
    restitution = deadlines(tipref, case)["restitution"]
    assert restitution["due_on"] == "2026-11-24"
    assert restitution["state"] == "overdue"
    assert restitution["basis"] == "UU 21/2007 Pasal 48 ayat (6)"
    tipref("case", "event", case, "--restitution-paid", "2026-11-25")
    assert deadlines(tipref, case)["restitution"]["state"] == "done"


def test_evaluation_every_6_months(tipref, case):
    evaluation = deadlines(tipref, case)["evaluation"]
    assert evaluation["due_on"] == "2026-12-01"  # opened 2026-06-01
    assert evaluation["state"] == "due"
    tipref("case", "event", case, "--evaluated", "2026-11-27")
    assert deadlines(tipref, case)["evaluation"]["due_on"] == "2027-05-27"


def test_deadlines_follow_the_book_settings(tipref, case):
    settings_path = tipref.book / "tipref.json"
    settings = json.loads(settings_path.read_text(encoding="utf-8"))
    settings["deadlines"]["first_aid_days"] = 3
    settings["deadlines"]["police_report_hours"] = 48
    settings_path.write_text(json.dumps(settings), encoding="utf-8")
    tipref(
        "case", "event", case, "--first-aid-requested", "2026-11-22", "--intake", "2026-11-27 09:00"
    )
    found = deadlines(tipref, case)
    assert found["first_aid"]["due_on"] == "2026-11-25"
    assert found["police_report"]["due_at"].startswith("2026-11-29T09:00")


def test_future_event_is_refused(tipref, case):
    result = tipref("case", "event", case, "--returned", "2026-12-30", ok=False)
    assert result.exit_code == 1
    assert "future" in result.stderr


def test_plan_states_needed_referred_done_declined(tipref, case):
    tipref("case", "need", case, "legal", "--needed")
    tipref("case", "need", case, "repatriation", "--not-needed")
    health = tipref.json("referral", "new", "--case", case, "--service", "health", "--to", "rsud")
    tipref("referral", "update", health["number"], "--status", "accepted")
    tipref("referral", "update", health["number"], "--status", "completed")
    social = tipref.json("referral", "new", "--case", case, "--service", "social", "--to", "dinsos")
    shelter = tipref.json(
        "referral", "new", "--case", case, "--service", "reintegration", "--to", "disnaker"
    )
    tipref("referral", "update", shelter["number"], "--status", "declined", "--why", "full")
    plan = tipref.json("case", "plan", case)
    states = {s["service"]: s for s in plan["persons"][0]["services"]}
    assert states["health"]["state"] == "done" and states["health"]["since"] == "2026-11-28"
    assert states["social"]["state"] == "referred"
    assert states["social"]["referral"]["status"] == "pending"
    assert states["social"]["referral"]["number"] == social["number"]
    assert states["legal"]["state"] == "needed"
    assert states["repatriation"]["state"] == "not-needed"
    assert states["reintegration"]["state"] == "needed"
    assert states["reintegration"]["last_declined"] == shelter["number"]
    assert "coordination" not in states  # done through case conferences (#19)
    steps = " | ".join(plan["next_steps"])
    assert f"follow up referral {social['number']}" in steps
    assert "refer for Legal aid" in steps
    assert f"referral {shelter['number']} was declined" in steps


def test_plan_shows_on_terminal_in_indonesian(tipref, case):
    tipref("case", "need", case, "legal", "--needed")
    out = tipref("case", "plan", case, "--lang", "id").stdout
    assert "Bantuan Hukum" in out and "perlu" in out
    assert "Langkah berikutnya" in out


def test_need_clear_and_usage(tipref, case):
    tipref("case", "need", case, "legal", "--needed")
    tipref("case", "need", case, "legal", "--clear")
    plan = tipref.json("case", "plan", case)
    assert {s["service"]: s["state"] for s in plan["persons"][0]["services"]}[
        "legal"
    ] == "unassessed"
    assert tipref("case", "need", case, "legal", ok=False).exit_code == 2
    assert tipref("case", "need", case, "nonsense", "--needed", ok=False).exit_code == 2


def test_due_exit_status_and_json(tipref, case):
    # opened 2026-06-01 and never entered in SIMFONI PPA: late (7 days by default)
    result = tipref("due", "--json", ok=False)
    assert result.exit_code == 3
    late = json.loads(result.stdout)["deadlines"][0]
    assert (late["key"], late["state"], late["due_on"]) == ("simfoni", "overdue", "2026-06-08")
    tipref("case", "event", case, "--simfoni-entered", "2026-06-05", "--simfoni-number", "S-17")
    result = tipref("due", "--json", ok=False)
    report = json.loads(result.stdout)
    # opened 2026-06-01: the evaluation is due 2026-12-01, within 7 days but not late
    assert result.exit_code == 0
    assert report["overdue"] is False
    assert [d["key"] for d in report["deadlines"]] == ["evaluation"]
    assert tipref("due", "--within", "1", "--json").stdout.count('"key"') == 0
    tipref("case", "event", case, "--judgment-notified", "2026-11-01")
    result = tipref("due", "--json", ok=False)
    assert result.exit_code == 3
    assert json.loads(result.stdout)["deadlines"][0]["key"] == "restitution"


def test_due_lists_referrals_waiting_past_the_response_time(tipref, case, monkeypatch):
    referral = tipref.json(
        "referral",
        "new",
        "--case",
        case,
        "--service",
        "health",
        "--to",
        "rsud",
        "--date",
        "2026-11-26",
    )
    result = tipref("due", "--json", ok=False)
    late = json.loads(result.stdout)["late_referrals"]
    assert result.exit_code == 3
    assert late[0]["referral_number"] == referral["number"] and late[0]["limit_hours"] == 24
    # within its response time: not late
    monkeypatch.setenv("TIPREF_NOW", "2026-11-26T20:00:00+08:00")
    assert json.loads(tipref("due", "--json", ok=False).stdout)["late_referrals"] == []
    # a high-risk case has the crisis response time (health: 2 hours)
    monkeypatch.setenv("TIPREF_NOW", "2026-11-26T03:00:00+08:00")
    tipref("case", "update", case, "--risk", "high")
    late = json.loads(tipref("due", "--json", ok=False).stdout)["late_referrals"]
    assert late and late[0]["limit_hours"] == 2


def test_due_on_terminal(tipref, case):
    tipref("case", "event", case, "--judgment-notified", "2026-11-01")
    result = tipref("due", ok=False)
    assert result.exit_code == 3
    assert "Restitution" in result.stdout and "OVERDUE" in result.stdout


def test_sop_catalogue(tipref):
    entries = tipref.json("sop")
    assert [e["service"] for e in entries] == [
        "identification",
        "health",
        "social",
        "legal",
        "repatriation",
        "reintegration",
        "coordination",
    ]
    assert all(e["steps_unverified"] for e in entries)
    health = tipref.json("sop", "health")[0]
    assert health["label"] == {"id": "Rehabilitasi Kesehatan", "en": "Health rehabilitation"}
    # a basis is given in both languages like every SOP text; a citation reads the same
    assert any(
        limit["basis"] == {"id": "UU 21/2007 Pasal 53", "en": "UU 21/2007 Pasal 53"}
        for limit in health["time_limits"]
    )
    assert {"puskesmas", "hospital"} <= {p["id"] for p in health["provider_types"]}
    out = tipref("sop", "legal", "--lang", "id").stdout
    assert "Bantuan Hukum" in out and "restitusi" in out.lower()
    assert "unverified" not in out and "belum dicocokkan" in out
    assert tipref("sop", "cooking", ok=False).exit_code == 2
