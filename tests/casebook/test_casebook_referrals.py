"""tipref provider and tipref referral: the network and the whole referral lifecycle."""

import json

import pytest

from tipref.schemas.enums import ReferralStatus
from tipref.schemas.lifecycle import ALLOWED_TRANSITIONS


def test_provider_add_show_update_list(tipref):
    p = tipref.json(
        "provider",
        "add",
        "--name",
        'Yayasan Amnaut Bife "Kuan" & Co',
        "--type",
        "NGO",
        "--service",
        "social",
        "--service",
        "reintegration",
        "--phone",
        "0388 21000",
        "--contact",
        "Ibu Rambu",
        "--position",
        "Direktur",
    )
    assert p["code"] == "yayasan-amnaut-bife-kuan-co"
    assert p["services"] == ["social", "reintegration"] and p["type"] == "NGO"
    assert tipref.json("provider", "show", p["code"])["id"] == p["id"]
    updated = tipref.json("provider", "update", p["code"], "--code", "yabk", "--service", "social")
    assert (
        updated["code"] == "yabk" and updated["services"] == ["social"] and updated["revision"] == 2
    )
    assert tipref.json("provider", "show", "yabk")["name"] == p["name"]
    socials = {x["code"] for x in tipref.json("provider", "list", "--service", "social")}
    assert "yabk" in socials and "rsud" not in socials
    police = [x["code"] for x in tipref.json("provider", "list", "--type", "police")]
    assert police == ["polres"]


def test_provider_bad_input(tipref):
    assert tipref("provider", "add", "--name", "X", "--type", "spaceship", ok=False).exit_code == 2
    assert (
        tipref(
            "provider", "add", "--name", "X", "--type", "NGO", "--service", "massage", ok=False
        ).exit_code
        == 2
    )
    dup = tipref(
        "provider", "add", "--name", "Another", "--code", "rsud", "--type", "hospital", ok=False
    )
    assert dup.exit_code == 1 and "code" in dup.stderr
    assert tipref("provider", "show", "nope", ok=False).exit_code == 1
    assert (
        tipref("provider", "add", "--type", "NGO", ok=False).exit_code == 2
    )  # no --name in a script


def new_referral(tipref, case, *extra, service="health", to="rsud"):
    return tipref.json(
        "referral", "new", "--case", case["number"], "--service", service, "--to", to, *extra
    )


def test_referral_new_holds_what_the_provider_needs(tipref, victim_case):
    r = new_referral(
        tipref,
        victim_case,
        "--reason",
        "Injuries from beating",
        "--given",
        "identification",
        "--situation",
        "Frightened, sleeps badly",
        "--attach",
        "Kronologi",
        "--attach",
        "Salinan KK",
        "--date",
        "2026-11-20",
        "--note",
        "Called ahead",
    )
    assert r["number"] == "TTU-R2026-0001" and r["status"] == "pending"
    assert r["case_id"] == victim_case["id"] and r["person_id"] == victim_case["persons"][0]["id"]
    assert r["direction"] == "outgoing" and r["services_given"] == ["identification"]
    assert r["attachments"] == ["Kronologi", "Salinan KK"]
    assert r["transitions"][0]["status"] == "pending" and r["transitions"][0]["by"] == "Tester"
    assert r["transitions"][0]["note"] == "Called ahead"
    assert r["days_waited"] == 8 or r["days_waited"] >= 0
    assert r["allowed_next"] == ["accepted", "declined", "cancelled"]


def test_incoming_referral_and_person_choice(tipref, victim_case):
    tipref("case", "add-person", victim_case["number"], "--name", "Witness W", "--role", "witness")
    r = tipref.json(
        "referral",
        "new",
        "--case",
        victim_case["id"],
        "--service",
        "legal",
        "--from",
        "kbri-kl",
        "--person",
        "2",
    )
    assert r["direction"] == "incoming" and r["person_id"] != victim_case["persons"][0]["id"]
    assert (
        tipref(
            "referral",
            "new",
            "--case",
            victim_case["id"],
            "--service",
            "legal",
            "--from",
            "kbri-kl",
            "--to",
            "rsud",
            ok=False,
        ).exit_code
        == 2
    )


def test_full_lifecycle_keeps_who_when_and_notes(tipref, victim_case):
    r = new_referral(tipref, victim_case)
    accepted = tipref.json(
        "referral", "update", r["number"], "--status", "accepted", "--note", "Seen by Dr. Lake"
    )
    assert accepted["status"] == "accepted" and accepted["allowed_next"] == [
        "completed",
        "cancelled",
    ]
    done = tipref.json(
        "referral", "update", r["id"], "--status", "completed", "--note", "Treatment finished"
    )
    assert done["status"] == "completed" and done["allowed_next"] == []
    steps = [(t["status"], t["note"], t["by"]) for t in done["transitions"]]
    assert steps == [
        ("pending", None, "Tester"),
        ("accepted", "Seen by Dr. Lake", "Tester"),
        ("completed", "Treatment finished", "Tester"),
    ]
    assert all(t["at"] for t in done["transitions"])
    shown = tipref("referral", "show", r["number"]).stdout
    assert "Seen by Dr. Lake" in shown and "M.U." in shown and "Maria" not in shown


def test_decline_requires_reason(tipref, victim_case):
    r = new_referral(tipref, victim_case)
    result = tipref("referral", "update", r["number"], "--status", "declined", ok=False)
    assert result.exit_code == 1 and "reason" in result.stderr
    assert tipref.json("referral", "show", r["number"])["status"] == "pending"
    ambiguous = tipref(
        "referral", "update", r["number"], "--status", "declined", "--reason", "No bed", ok=False
    )
    assert ambiguous.exit_code == 2 and "--why" in ambiguous.stderr  # one option, one meaning
    declined = tipref.json(
        "referral", "update", r["number"], "--status", "declined", "--why", "No bed free"
    )
    assert declined["transitions"][-1]["reason"] == "No bed free"
    assert declined["reason"] != "No bed free"  # the referral's own reason is unchanged


def test_cancel_from_pending_and_accepted(tipref, victim_case):
    first = new_referral(tipref, victim_case)
    assert (
        tipref.json("referral", "update", first["number"], "--status", "cancelled")["status"]
        == "cancelled"
    )
    second = new_referral(tipref, victim_case)
    tipref("referral", "update", second["number"], "--status", "accepted")
    assert (
        tipref.json("referral", "update", second["number"], "--status", "cancelled")["status"]
        == "cancelled"
    )


ALL = list(ReferralStatus)
PATHS = {
    "pending": [],
    "accepted": ["accepted"],
    "declined": ["declined"],
    "completed": ["accepted", "completed"],
    "cancelled": ["cancelled"],
}


@pytest.mark.parametrize("start", ALL, ids=lambda s: s.value)
@pytest.mark.parametrize("target", ALL, ids=lambda s: s.value)
def test_every_disallowed_transition_is_refused_naming_the_allowed_moves(
    tipref, victim_case, book_path, start, target
):
    if target in ALLOWED_TRANSITIONS[start]:
        return  # allowed moves are exercised by the lifecycle tests
    r = new_referral(tipref, victim_case)
    for step in PATHS[start.value]:
        tipref("referral", "update", r["number"], "--status", step, "--why", "because")
    before = (book_path / "referrals" / f"{r['id']}.json").read_bytes()
    result = tipref(
        "referral", "update", r["number"], "--status", target.value, "--why", "because", ok=False
    )
    if target == ReferralStatus.pending:  # never a new status: not offered by the option at all
        assert result.exit_code == 2 and "not valid here" in result.stderr
        assert (book_path / "referrals" / f"{r['id']}.json").read_bytes() == before
        return
    assert result.exit_code == 1
    allowed = [s.value for s in ALLOWED_TRANSITIONS[start]]
    assert f"is {start.value}" in result.stderr
    for name in allowed:
        assert name in result.stderr
    if not allowed:
        assert "none" in result.stderr
    assert (book_path / "referrals" / f"{r['id']}.json").read_bytes() == before


def test_referral_for_closed_case_is_refused(tipref, victim_case, book_path):
    tipref("case", "close", victim_case["number"], "--reason", "Moved away")
    result = tipref(
        "referral",
        "new",
        "--case",
        victim_case["number"],
        "--service",
        "health",
        "--to",
        "rsud",
        ok=False,
    )
    assert result.exit_code == 1 and "closed" in result.stderr
    assert list((book_path / "referrals").iterdir()) == []


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["--service", "massage", "--to", "rsud"], 2, "--service"),
        (["--service", "health", "--to", "nowhere"], 1, "nowhere"),
    ],
)
def test_referral_unknown_service_or_provider(tipref, victim_case, book_path, args, code, text):
    result = tipref("referral", "new", "--case", victim_case["number"], *args, ok=False)
    assert result.exit_code == code and text in result.stderr
    assert list((book_path / "referrals").iterdir()) == []
    assert not (book_path / "counters" / "referral-2026.json").exists()


def test_referral_unknown_case_and_status(tipref, victim_case):
    assert (
        tipref(
            "referral",
            "new",
            "--case",
            "TTU-2026-0404",
            "--service",
            "health",
            "--to",
            "rsud",
            ok=False,
        ).exit_code
        == 1
    )
    r = new_referral(tipref, victim_case)
    assert tipref("referral", "update", r["number"], "--status", "lost", ok=False).exit_code == 2
    assert tipref("referral", "show", "TTU-R2026-9999", ok=False).exit_code == 1


def test_provider_without_the_service_warns(tipref, victim_case):
    result = tipref(
        "referral",
        "new",
        "--case",
        victim_case["number"],
        "--service",
        "legal",
        "--to",
        "rsud",
        "--json",
    )
    assert json.loads(result.stdout)["service"] == "legal"
    assert "does not offer" in result.stderr


def test_list_filters_and_days_waited(tipref, victim_case, monkeypatch):
    monkeypatch.setenv("TIPREF_NOW", "2026-11-28T09:00:00+08:00")
    a = new_referral(tipref, victim_case, "--date", "2026-11-18")
    b = new_referral(tipref, victim_case, "--date", "2026-11-25", service="legal", to="posbakum")
    monkeypatch.setenv("TIPREF_NOW", "2026-11-28T10:00:00+08:00")
    tipref("referral", "update", b["number"], "--status", "accepted")
    monkeypatch.setenv("TIPREF_NOW", "2026-12-01T10:00:00+08:00")
    listed = {r["number"]: r for r in tipref.json("referral", "list")}
    assert listed[a["number"]]["days_waited"] == 13  # still pending: counts on
    assert listed[b["number"]]["days_waited"] == 3  # answered after 3 days: stops
    assert [r["number"] for r in tipref.json("referral", "list", "--status", "pending")] == [
        a["number"]
    ]
    assert [r["number"] for r in tipref.json("referral", "list", "--service", "legal")] == [
        b["number"]
    ]
    assert [r["number"] for r in tipref.json("referral", "list", "--provider", "rsud")] == [
        a["number"]
    ]
    assert len(tipref.json("referral", "list", "--case", victim_case["number"])) == 2
    text = tipref("referral", "list").stdout
    assert "13" in text and a["number"] in text


def test_referral_update_details_without_status(tipref, victim_case):
    r = new_referral(tipref, victim_case)
    updated = tipref.json(
        "referral", "update", r["number"], "--situation", "Calmer now", "--attach", "Surat dokter"
    )
    assert updated["situation"] == "Calmer now" and updated["attachments"] == ["Surat dokter"]
    assert updated["status"] == "pending" and updated["revision"] == 2
