"""The legal process as dated events, and the SIMFONI PPA entry: case event, plan, due, report."""

from __future__ import annotations

import json

import pytest

from tipref.book.casebook import load_settings, save_settings

NOW = "2026-11-28T10:00:00+08:00"


@pytest.fixture
def case(tipref, monkeypatch) -> str:
    monkeypatch.setenv("TIPREF_NOW", NOW)
    data = tipref.json(
        "case",
        "new",
        "--name",
        "Ana Test",
        "--sex",
        "female",
        "--age",
        "24",
        "--opened",
        "today-40",
    )
    return data["number"]


def events(tipref, number: str) -> dict:
    return tipref.json("case", "show", number)["events"]


def test_the_legal_steps_are_recorded_and_shown_in_the_plan(tipref, case):
    tipref("case", "event", case, "--intake", "2026-10-20 09:00")
    tipref("case", "event", case, "--police-reported", "2026-10-20 15:00")
    tipref(
        "case",
        "event",
        case,
        "--police-report-number",
        "LP/B/123/X/2026/SPKT/POLRES TTU",
        "--bap",
        "today-35",
        "--bap-companion",
        "Paralegal LBH Kefamenanu",
        "--p21",
        "today-20",
        "--charged",
        "today-10",
        "--judgment-notified",
        "today-3",
        "--restitution-amount",
        "25000000",
        "--lpsk-applied",
        "today-30",
    )
    stored = events(tipref, case)
    assert stored["police_report_number"] == "LP/B/123/X/2026/SPKT/POLRES TTU"
    assert stored["bap_companion"] == "Paralegal LBH Kefamenanu"
    assert stored["restitution_amount"] == 25000000
    plan = tipref.json("case", "plan", case)
    legal = {row["key"]: row["value"] for row in plan["legal"]}
    assert legal["restitution_amount"] == "Rp 25.000.000"
    assert list(legal)[:4] == [
        "police_reported_at",
        "police_report_number",
        "bap_on",
        "bap_companion",
    ]
    # the restitution clock runs from the first-instance judgment: 14 days
    restitution = next(d for d in plan["deadlines"] if d["key"] == "restitution")
    assert restitution["days_left"] == 11 and "first-instance" in restitution["label"]
    text = tipref("case", "plan", case).stdout
    assert "Legal process and SIMFONI PPA" in text and "Paralegal LBH" in text


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--bap", "today-5", "--p21", "today-9"], "--p21"),
        (["--charged", "today-9", "--judgment-notified", "today-10"], "--judgment-notified"),
        (["--simfoni-number", "S-1"], "--simfoni-number"),
        (["--lpsk-applied", "today+3"], "--lpsk-applied"),
    ],
)
def test_impossible_legal_dates_are_refused(tipref, case, options, named):
    before = tipref.json("case", "show", case)
    result = tipref("case", "event", case, *options, ok=False)
    assert result.exit_code in (1, 2)
    assert named in result.stderr and "Traceback" not in result.output
    assert tipref.json("case", "show", case) == before


def test_a_later_step_before_a_recorded_one_is_refused(tipref, case):
    tipref("case", "event", case, "--p21", "today-5")
    result = tipref("case", "event", case, "--bap", "today-4", ok=False)
    assert result.exit_code == 1 and "--bap" in result.stderr and "--p21" in result.stderr


def test_simfoni_is_due_after_the_configured_days_and_counted(tipref, case):
    late = json.loads(tipref("due", "--json", ok=False).stdout)["deadlines"]
    simfoni = next(d for d in late if d["key"] == "simfoni")
    assert simfoni["state"] == "overdue" and simfoni["case_number"] == case
    assert simfoni["basis"] == "local default (not law)"

    fresh = tipref.json("case", "new", "--name", "Budi", "--sex", "male", "--opened", "today-2")
    due = json.loads(tipref("due", "--json", ok=False).stdout)["deadlines"]
    state = {d["case_number"]: d["state"] for d in due if d["key"] == "simfoni"}
    assert state[fresh["number"]] == "due"  # 7 days by default: 5 left
    settings = load_settings(tipref.book)
    data = settings.model_dump(mode="json")
    data["deadlines"]["simfoni_days"] = 1
    save_settings(tipref.book, type(settings).model_validate(data))
    due = json.loads(tipref("due", "--json", ok=False).stdout)["deadlines"]
    state = {d["case_number"]: d["state"] for d in due if d["key"] == "simfoni"}
    assert state[fresh["number"]] == "overdue"

    report = tipref.json("report")
    assert report["cases"]["simfoni"] == {"entered": 0, "not_entered": 2}
    tipref("case", "event", case, "--simfoni-entered", "today-1", "--simfoni-number", "5303-0042")
    assert events(tipref, case)["simfoni_number"] == "5303-0042"
    due = json.loads(tipref("due", "--json", ok=False).stdout)["deadlines"]
    assert case not in {d["case_number"] for d in due if d["key"] == "simfoni"}
    report = tipref.json("report")
    assert report["cases"]["simfoni"] == {"entered": 1, "not_entered": 1}
    assert "Not yet entered in SIMFONI PPA" in tipref("report").stdout


def test_the_report_counts_cases_per_legal_step(tipref, case):
    tipref("case", "event", case, "--bap", "today-30", "--p21", "today-20")
    steps = tipref.json("report")["cases"]["legal_process"]
    assert steps["bap_on"] == 1 and steps["p21_on"] == 1 and steps["charged_on"] == 0


def test_a_case_stored_before_the_legal_fields_still_reads(tipref, case):
    from pathlib import Path

    path = next(Path(tipref.book, "cases").rglob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    for name in ("bap_on", "simfoni_entered_on", "simfoni_number", "restitution_amount"):
        data["events"].pop(name, None)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert events(tipref, case)["simfoni_entered_on"] is None
