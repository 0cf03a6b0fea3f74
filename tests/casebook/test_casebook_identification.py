"""The identification decision: elements, indicators, who decided; form; counts (#19 part 2)."""

from __future__ import annotations

import csv

from tipref.documents.render import docx_text


def adult_case(tipref):
    return tipref.json(
        "case", "new", "--name", "Petrus Sanam", "--sex", "male", "--birth-date", "1990-05-01",
        "--opened", "2026-11-01",
    )  # fmt: skip


def identify(tipref, case, *args, ok=True):
    return tipref("case", "identify", case, *args, ok=ok)


def test_child_is_an_actual_victim_without_means(tipref, victim_case, tmp_path):
    out = tmp_path / "forms" / "identification.docx"
    result = tipref.json(
        "case", "identify", victim_case["number"], "--status", "ActualVictimOfTrafficking",
        "--process", "recruitment", "--process", "sending", "--purpose", "ForcedLabour",
        "--indicator", "documents-held", "--indicator", "excessive-fees",
        "--decided-by", "uptd-ppa", "--date", "today", "--out", out, "--lang", "id",
    )  # fmt: skip
    decision = result["identification"]
    assert decision["child"] is True and decision["means"] == []
    assert decision["decided_by_name"] == "UPTD PPA Timor Tengah Utara"
    case = tipref.json("case", "show", victim_case["number"])
    assert case["trafficking"]["status"] == "ActualVictimOfTrafficking"
    assert case["identifications"][0]["process"] == ["recruitment", "sending"]
    assert case["identifications"][0]["forms"][0]["file_name"] == "identification.docx"
    text = docx_text(out)
    assert "FORMULIR IDENTIFIKASI" in text
    assert "☒ Perekrutan" in text and "☒ Pengiriman" in text and "☐ Penampungan" in text
    assert "☒ Kerja paksa" in text
    assert "☒ Dokumen diurus atau ditahan perekrut/majikan" in text
    assert "unsur cara tidak diperlukan" in text and "UU 14/2009" in text
    assert "☒ Korban TPPO" in text and "☐ Diduga korban TPPO" in text
    assert "M.U." in text and "Maria Ulu" not in text
    assert "UPTD PPA Timor Tengah Utara" in text  # the deciding provider


def test_adult_actual_victim_needs_means(tipref, book_path):
    case = adult_case(tipref)
    before = tipref.json("case", "show", case["number"])
    result = identify(
        tipref, case["number"], "--status", "ActualVictimOfTrafficking",
        "--process", "recruitment", "--purpose", "ForcedLabour",
        "--decided-by", "polres", "--date", "today", ok=False,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "--means" in result.stderr and "adult" in result.stderr
    assert "Traceback" not in result.stderr
    assert tipref.json("case", "show", case["number"]) == before  # book unchanged
    # a possible victim needs no means; an actual one with means is accepted
    identify(tipref, case["number"], "--status", "PossibleVictimOfTrafficking",
             "--decided-by", "polres", "--date", "today-3")  # fmt: skip
    identify(
        tipref, case["number"], "--status", "ActualVictimOfTrafficking",
        "--process", "recruitment", "--means", "deception", "--means", "debt-bondage",
        "--purpose", "ForcedLabour", "--decided-by", "Polres TTU (unit PPA)", "--date", "today",
    )  # fmt: skip
    shown = tipref.json("case", "show", case["number"])
    assert [i["status"] for i in shown["identifications"]] == [
        "PossibleVictimOfTrafficking",
        "ActualVictimOfTrafficking",
    ]
    assert shown["trafficking"]["status"] == "ActualVictimOfTrafficking"
    assert shown["identifications"][1]["decided_by"] == "Polres TTU (unit PPA)"


def test_actual_victim_needs_process_and_purpose(tipref, victim_case):
    result = identify(tipref, victim_case["number"], "--status", "ActualVictimOfTrafficking",
                      "--decided-by", "uptd-ppa", "--date", "today", ok=False)  # fmt: skip
    assert result.exit_code == 1 and "--process" in result.stderr
    result = identify(tipref, victim_case["number"], "--status", "ActualVictimOfTrafficking",
                      "--process", "recruitment", "--decided-by", "uptd-ppa", "--date", "today",
                      ok=False)  # fmt: skip
    assert result.exit_code == 1 and "--purpose" in result.stderr


def test_decision_date_cannot_be_in_the_future(tipref, victim_case):
    result = identify(tipref, victim_case["number"], "--status", "PossibleVictimOfTrafficking",
                      "--decided-by", "uptd-ppa", "--date", "2099-01-01", ok=False)  # fmt: skip
    assert result.exit_code == 1 and "--date" in result.stderr


def test_unknown_element_is_a_usage_error(tipref, victim_case):
    result = identify(tipref, victim_case["number"], "--status", "PossibleVictimOfTrafficking",
                      "--process", "teleporting", "--decided-by", "x", "--date", "today",
                      ok=False)  # fmt: skip
    assert result.exit_code == 2 and "teleporting" in result.stderr


def test_form_in_english_and_again_later(tipref, victim_case, tmp_path):
    result = tipref(
        "case", "identification-form", victim_case["number"], "--out", tmp_path, ok=False
    )
    assert result.exit_code == 1 and "no identification decision" in result.stderr
    identify(tipref, victim_case["number"], "--status", "PossibleVictimOfTrafficking",
             "--indicator", "restricted-movement", "--decided-by", "uptd-ppa", "--date", "today")  # fmt: skip
    made = tipref.json(
        "case",
        "identification-form",
        victim_case["number"],
        "--out",
        f"{tmp_path}/",
        "--lang",
        "en",
    )
    text = docx_text(made["path"])
    assert "IDENTIFICATION FORM" in text
    assert "☒ Possible victim of trafficking" in text
    assert "☒ Restricted movement" in text
    assert "Maria" not in made["path"]  # file names never carry a name


def test_reports_and_exports_count_from_the_decision(tipref, victim_case, tmp_path):
    adult = adult_case(tipref)
    identify(tipref, victim_case["number"], "--status", "ActualVictimOfTrafficking",
             "--process", "recruitment", "--purpose", "ForcedLabour",
             "--decided-by", "uptd-ppa", "--date", "today")  # fmt: skip
    identify(tipref, adult["number"], "--status", "PossibleVictimOfTrafficking",
             "--decided-by", "polres", "--date", "today")  # fmt: skip
    report = tipref.json("report", "--since", "2026-01-01")
    assert report["totals"]["victims_actual"] == 1
    assert report["totals"]["victims_possible"] == 1
    out = tmp_path / "htcds"
    tipref("export", "--format", "htcds", "--out", out)
    text = (out / "persons.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = list(csv.DictReader([text[0], *text[2:]]))  # row 2: the toolkit's labels
    by_case = {r["x_tipref_case"]: r for r in rows}
    child = by_case[victim_case["number"]]
    assert child["vic_TraffickingStatus"] == "ActualVictimOfTrafficking"
    assert child["vic_TraffickingStatusDecisionMakingOrg"] == "UPTD PPA Timor Tengah Utara"
    assert by_case[adult["number"]]["vic_TraffickingStatusDecisionMakingOrg"].startswith("Polres")


def test_a_decision_marks_identification_done_in_the_plan(tipref, victim_case):
    plan = tipref.json("case", "plan", victim_case["number"])
    state = next(s for s in plan["persons"][0]["services"] if s["service"] == "identification")
    assert state["state"] == "needed"
    identify(tipref, victim_case["number"], "--status", "PossibleVictimOfTrafficking",
             "--decided-by", "uptd-ppa", "--date", "today-2")  # fmt: skip
    plan = tipref.json("case", "plan", victim_case["number"])
    state = next(s for s in plan["persons"][0]["services"] if s["service"] == "identification")
    assert state["state"] == "done"


def test_identify_to_an_existing_file_records_nothing(tipref, victim_case, tmp_path):
    taken = tmp_path / "form.docx"
    taken.write_bytes(b"x")
    result = identify(tipref, victim_case["number"], "--status", "PossibleVictimOfTrafficking",
                      "--decided-by", "uptd-ppa", "--date", "today", "--out", taken, ok=False)  # fmt: skip
    assert result.exit_code == 1 and "--force" in result.stderr
    assert tipref.json("case", "show", victim_case["number"])["identifications"] == []
    identify(tipref, victim_case["number"], "--status", "PossibleVictimOfTrafficking",
             "--decided-by", "uptd-ppa", "--date", "today", "--out", taken, "--force")  # fmt: skip
    assert "FORMULIR" in docx_text(taken) or "IDENTIFICATION FORM" in docx_text(taken)
