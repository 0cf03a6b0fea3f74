"""Consent: recording, withdrawal, the child's guardian, and the referral check with its override."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(autouse=True)
def consent_required(tipref):
    """These tests are about the check: switched on whatever default the shared fixtures choose."""
    path = tipref.book / "tipref.json"
    settings = json.loads(path.read_text(encoding="utf-8"))
    settings.setdefault("privacy", {})["require_consent_for_referral"] = True
    path.write_text(json.dumps(settings), encoding="utf-8")


def history_actions(book) -> list[dict]:
    entries = []
    for path in (book / "history").glob("*.jsonl"):
        entries += [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return entries


def test_minimum_disclosure_referral_needs_no_consent(tipref, victim_case):
    made = tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )
    assert made["share_identity"] is False and made["status"] == "pending"


def test_sharing_identity_without_consent_is_refused_and_logged(tipref, victim_case):
    case = victim_case["number"]
    result = tipref(
        "referral",
        "new",
        "--case",
        case,
        "--service",
        "health",
        "--to",
        "rsud",
        "--share-identity",
        ok=False,
    )
    assert result.exit_code == 1
    assert "M.U." in result.stderr and "rsud" in result.stderr and "consent add" in result.stderr
    assert "--override-consent" in result.stderr
    assert tipref.json("referral", "list") == []
    refused = [e for e in history_actions(tipref.book) if e["action"] == "consent-refused"]
    assert len(refused) == 1 and refused[0]["record_id"] == victim_case["id"]


def test_child_consent_needs_a_guardian(tipref, victim_case):
    case = victim_case["number"]
    result = tipref(
        "consent", "add", case, "--scope", "share-identity", "--provider", "rsud", ok=False
    )
    assert result.exit_code == 1 and "--guardian" in result.stderr
    added = tipref.json(
        "consent",
        "add",
        case,
        "--scope",
        "share-identity",
        "--provider",
        "rsud",
        "--guardian",
        "Yosef Ulu",
        "--form",
        "recorded",
        "--date",
        "2026-11-20",
    )
    assert (
        added["guardian"] == "Yosef Ulu"
        and added["form"] == "recorded"
        and added["in_force"] is True
    )
    assert added["provider_codes"] == ["rsud"] and added["recorded_by"] == "Tester"


def test_consent_allows_referral_and_withdrawal_stops_it(tipref, victim_case):
    case = victim_case["number"]
    consent = tipref.json(
        "consent",
        "add",
        case,
        "--scope",
        "share-identity",
        "--provider",
        "rsud",
        "--guardian",
        "Yosef Ulu",
        "--date",
        "2026-11-01",
    )
    share = ("--share-identity",)
    made = tipref.json(
        "referral", "new", "--case", case, "--service", "health", "--to", "rsud", *share
    )
    assert made["status"] == "pending" and made["share_identity"] is True
    # Consent for rsud does not cover the police.
    assert (
        tipref(
            "referral",
            "new",
            "--case",
            case,
            "--service",
            "legal",
            "--to",
            "polres",
            *share,
            ok=False,
        ).exit_code
        == 1
    )
    withdrawn = tipref.json("consent", "withdraw", case, consent["id"], "--date", "2026-11-28")
    assert withdrawn["withdrawn_on"] == "2026-11-28" and withdrawn["in_force"] is False
    assert (
        tipref(
            "referral",
            "new",
            "--case",
            case,
            "--service",
            "health",
            "--to",
            "rsud",
            *share,
            ok=False,
        ).exit_code
        == 1
    )
    # Back-dated to when consent was in force, it is allowed.
    assert tipref(
        "referral",
        "new",
        "--case",
        case,
        "--service",
        "social",
        "--to",
        "rsud",
        "--date",
        "2026-11-10",
        *share,
    )
    listed = tipref.json("consent", "list", case)
    assert [c["in_force"] for c in listed] == [False] and listed[0]["withdrawn_on"] == "2026-11-28"
    actions = [e["action"] for e in history_actions(tipref.book)]
    assert "consent-add" in actions and "consent-withdraw" in actions
    again = tipref("consent", "withdraw", case, "1", ok=False)
    assert again.exit_code == 1 and "already withdrawn" in again.stderr


def test_whole_network_and_other_scopes(tipref, victim_case):
    case = victim_case["number"]
    wrong = tipref(
        "consent",
        "add",
        case,
        "--scope",
        "reporting",
        "--provider",
        "rsud",
        "--guardian",
        "Y",
        ok=False,
    )
    assert wrong.exit_code == 1
    missing = tipref(
        "consent", "add", case, "--scope", "share-identity", "--guardian", "Y", ok=False
    )
    assert missing.exit_code == 1 and "--whole-network" in missing.stderr
    tipref("consent", "add", case, "--scope", "services", "--guardian", "Yosef Ulu")
    tipref(
        "consent",
        "add",
        case,
        "--scope",
        "share-identity",
        "--whole-network",
        "--guardian",
        "Yosef Ulu",
    )
    assert (
        tipref.json(
            "referral",
            "new",
            "--case",
            case,
            "--service",
            "legal",
            "--to",
            "polres",
            "--share-identity",
        )["status"]
        == "pending"
    )
    assert len(tipref.json("consent", "list", case)) == 2


def test_override_is_kept_in_history(tipref, victim_case):
    case = victim_case["number"]
    made = tipref.json(
        "referral",
        "new",
        "--case",
        case,
        "--service",
        "legal",
        "--to",
        "polres",
        "--override-consent",
        "Trafficker contacted the family; police protection today",
    )
    assert made["share_identity"] is True and "police protection" in made["consent_override"]
    overrides = [e for e in history_actions(tipref.book) if e["action"] == "consent-override"]
    assert len(overrides) == 1 and overrides[0]["record_id"] == made["id"]
    assert "police protection today" in overrides[0]["note"] and "polres" in overrides[0]["note"]


def test_incoming_referral_and_setting_need_no_consent(tipref, victim_case):
    case = victim_case["number"]
    assert tipref(
        "referral",
        "new",
        "--case",
        case,
        "--service",
        "health",
        "--from",
        "rsud",
        "--share-identity",
    )
    settings_path = tipref.book / "tipref.json"
    settings = json.loads(settings_path.read_text(encoding="utf-8"))
    from tipref.schemas.settings import Privacy

    assert Privacy().require_consent_for_referral is True  # the default for a new book
    settings["privacy"]["require_consent_for_referral"] = False
    settings_path.write_text(json.dumps(settings), encoding="utf-8")
    assert tipref(
        "referral", "new", "--case", case, "--service", "health", "--to", "rsud", "--share-identity"
    )
