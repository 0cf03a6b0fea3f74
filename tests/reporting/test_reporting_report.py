"""The task-force report on a small book with known dates, counts and medians."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tipref.book.opening import open_book
from tipref.privacy.ageband import age_band, broad_band
from tipref.reporting.report import semester_range


@pytest.fixture
def fixed_book(tipref, monkeypatch):
    """Three cases in 2026-1 (one with a witness), one in 2025-2, five referrals."""

    def at(day: str) -> None:
        monkeypatch.setenv("TIPREF_NOW", f"{day}T09:00:00+08:00")

    def case(*args: str) -> dict:
        return tipref.json("case", "new", *args)

    def consent(number: str, *extra: str) -> None:
        tipref(
            "consent",
            "add",
            number,
            "--scope",
            "share-identity",
            "--whole-network",
            "--date",
            "2025-11-01",
            *extra,
        )

    def refer(number: str, service: str, provider: str, day: str) -> str:
        at(day)
        return tipref.json(
            "referral",
            "new",
            "--case",
            number,
            "--service",
            service,
            "--to",
            provider,
            "--date",
            day,
        )["number"]

    def move(ref: str, status: str, day: str, *extra: str) -> None:
        at(day)
        tipref("referral", "update", ref, "--status", status, *extra)

    at("2025-12-01")
    d = case(
        "--name",
        "Dorkas Seran",
        "--sex",
        "female",
        "--age",
        "30",
        "--district",
        "Malaka",
        "--opened",
        "2025-12-01",
        "--exploitation",
        "ForcedLabour",
        "--exploited-country",
        "MY",
    )
    at("2026-02-01")
    a = case(
        "--name",
        "Maria Ulu",
        "--sex",
        "female",
        "--birth-date",
        "2010-03-14",
        "--district",
        "Timor Tengah Utara",
        "--subdistrict",
        "Insana",
        "--opened",
        "2026-02-01",
        "--exploitation",
        "ForcedLabour",
        "--recruitment",
        "ThroughFamilyOrFamilyEvents",
        "--trafficking-status",
        "ActualVictimOfTrafficking",
        "--exploited-country",
        "MY",
    )
    consent(a["number"], "--guardian", "Yuliana Ulu (mother)")
    r1 = refer(a["number"], "health", "puskesmas", "2026-02-02")
    move(r1, "accepted", "2026-02-04")
    move(r1, "completed", "2026-02-12")
    at("2026-03-10")
    b = case(
        "--name",
        "Petrus Bria",
        "--sex",
        "male",
        "--age",
        "25",
        "--district",
        "Belu",
        "--subdistrict",
        "Atambua",
        "--opened",
        "2026-03-10",
        "--exploitation",
        "SexualExploitation",
        "--exploitation",
        "ForcedLabour",
        "--exploited-country",
        "SA",
        "--trafficking-status",
        "PossibleVictimOfTrafficking",
    )
    consent(b["number"])
    r2 = refer(b["number"], "legal", "posbakum", "2026-03-11")
    move(r2, "accepted", "2026-03-15")
    move(r2, "completed", "2026-03-31")
    at("2026-04-01")
    c = case(
        "--name",
        "Agustina Taek",
        "--sex",
        "female",
        "--birth-date",
        "1990-01-01",
        "--district",
        "Timor Tengah Utara",
        "--subdistrict",
        "Insana",
        "--opened",
        "2026-04-01",
        "--exploitation",
        "Servitude",
        "--exploited-country",
        "MY",
    )
    tipref(
        "case",
        "add-person",
        c["number"],
        "--name",
        "Yosef Taek",
        "--role",
        "witness",
        "--sex",
        "male",
    )
    consent(c["number"])
    r3 = refer(c["number"], "health", "puskesmas", "2026-04-02")
    r4 = refer(c["number"], "social", "dinsos", "2026-04-02")
    move(r3, "accepted", "2026-04-08")
    move(r4, "declined", "2026-04-05", "--why", "Shelter full")
    refer(a["number"], "legal", "posbakum", "2026-06-01")  # never answered
    monkeypatch.setenv("TIPREF_NOW", "2026-11-28T10:00:00+08:00")
    return {"a": a, "b": b, "c": c, "d": d}


def test_age_bands_follow_ctdc():
    assert [age_band(a) for a in (0, 8, 9, 17, 18, 20, 21, 26, 29, 30, 38, 39, 47, 48, 90)] == [
        "0-8",
        "0-8",
        "9-17",
        "9-17",
        "18-20",
        "18-20",
        "21-23",
        "24-26",
        "27-29",
        "30-38",
        "30-38",
        "39-47",
        "39-47",
        "48+",
        "48+",
    ]
    assert age_band(None) == "unknown"
    assert broad_band("9-17") == "0-17" and broad_band("48+") == "18+"


def test_semester_ranges():
    assert semester_range("2026-1") == (date(2026, 1, 1), date(2026, 6, 30))
    assert semester_range("2026-2") == (date(2026, 7, 1), date(2026, 12, 31))


def test_report_counts_and_medians(tipref, fixed_book):
    report = tipref.json("report", "--semester", "2026-1")
    assert report["totals"] == {
        "cases": 3,
        "victims": 3,
        "children": 1,
        "referrals": 5,
        "overdue": 1,
        "victims_actual": 1,  # korban TPPO and diduga korban counted apart
        "victims_possible": 1,
        "victims_not_identified": 1,
    }
    cases = report["cases"]
    assert cases["by_status"] == {
        "PossibleVictimOfTrafficking": 1,
        "ActualVictimOfTrafficking": 1,
        "NotAVictimOfTrafficking": 0,
        "unknown": 1,
    }
    assert cases["by_sex"] == {"female": 2, "male": 1, "unknown": 0}
    bands = {k: v for k, v in cases["by_age_band"].items() if v}
    assert bands == {"9-17": 1, "24-26": 1, "30-38": 1}
    assert cases["by_child"] == {"child": 1, "adult": 2, "unknown": 0}
    assert cases["by_role"] == {"victim": 3, "witness": 1}
    assert cases["by_origin"] == [
        {"district": "Timor Tengah Utara", "subdistrict": "Insana", "count": 2},
        {"district": "Belu", "subdistrict": "Atambua", "count": 1},
    ]
    assert cases["by_destination"] == {"MY": 2, "SA": 1}
    assert cases["by_exploitation"] == {"ForcedLabour": 2, "SexualExploitation": 1, "Servitude": 1}
    assert cases["by_recruitment"] == {"ThroughFamilyOrFamilyEvents": 1, "unknown": 2}

    refs = report["referrals"]
    assert refs["by_service_status"]["health"] == {
        "pending": 0,
        "accepted": 1,
        "declined": 0,
        "completed": 1,
        "cancelled": 0,
    }
    assert refs["by_service_status"]["legal"]["pending"] == 1
    assert refs["by_service_status"]["social"]["declined"] == 1
    medians = refs["median_days_by_service"]
    assert medians["health"]["to_acceptance"] == 4.0  # 2 and 6 days
    assert medians["health"]["to_completion"] == 10.0
    assert medians["legal"] == {
        "to_acceptance": 4.0,
        "to_completion": 20.0,
        "accepted": 1,
        "completed": 1,
    }
    by_provider = {m["provider"]: m for m in refs["median_days_by_provider"].values()}
    puskesmas = next(name for name in by_provider if "Puskesmas" in name)
    assert by_provider[puskesmas]["to_acceptance"] == 4.0

    [late] = refs["overdue"]
    assert (
        late["service"] == "legal"
        and late["referred_on"] == "2026-06-01"
        and late["days_waited"] == 29
    )
    rates = {p["provider"]: p for p in refs["provider_response"].values()}
    assert rates[puskesmas]["response_rate"] == 1.0
    posbakum = next(
        p
        for name, p in rates.items()
        if "Posbakum" in name or "LBH" in name or p["referrals"] == 2 and p["answered"] == 1
    )
    assert (
        posbakum["referrals"],
        posbakum["answered"],
        posbakum["accepted"],
        posbakum["response_rate"],
    ) == (2, 1, 1, 0.5)
    declined = [p for p in rates.values() if p["declined"] == 1]
    assert len(declined) == 1 and declined[0]["response_rate"] == 1.0


def test_report_without_period_counts_everything(tipref, fixed_book):
    report = tipref.json("report")
    assert report["totals"]["cases"] == 4
    assert report["cases"]["by_destination"]["MY"] == 3


def test_report_from_to_and_terminal_output(tipref, fixed_book):
    report = tipref.json("report", "--from", "2026-03-01", "--to", "2026-03-31")
    assert report["totals"]["cases"] == 1 and report["totals"]["referrals"] == 1
    shown = tipref("report", "--semester", "2026-1", "--lang", "en").stdout
    assert "Victims by sex" in shown and "Overdue referrals" in shown
    shown_id = tipref("report", "--semester", "2026-1", "--lang", "id").stdout
    assert "Dalam periode ini dibuka 3 kasus" in shown_id and "Juni 2026" in shown_id


def test_report_bad_usage(tipref):
    assert tipref("report", "--semester", "2026-3", ok=False).exit_code == 1
    assert tipref("report", "--semester", "2026-1", "--from", "2026-01-01", ok=False).exit_code == 2
    assert tipref("report", "--from", "2026-05-01", "--to", "2026-01-01", ok=False).exit_code == 1


def test_evaluation_docx_and_xlsx(tipref, fixed_book, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    from tipref.schemas import RECORD_MODELS

    if "commitment" in RECORD_MODELS:
        model = RECORD_MODELS["commitment"]
        book = open_book(tipref.book, "Tester")
        book.add(
            model.model_validate(
                {
                    "number": "TTU-K2026-001",
                    "title": "Komitmen Bersama",
                    "held_on": "2026-05-20",
                    "place": "Kefamenanu",
                    "points": ["Menjawab rujukan dalam 3 hari kerja."],
                }
            )
        )
    docx_path, xlsx_path = tmp_path / "eval.docx", tmp_path / "eval.xlsx"
    result = tipref.json(
        "report", "--semester", "2026-1", "--docx", str(docx_path), "--xlsx", str(xlsx_path)
    )
    assert result["written"] == [str(docx_path), str(xlsx_path)]

    document = Document(str(docx_path))
    text = "\n".join(p.text for p in document.paragraphs)
    # the PPT's report to the head of region, not the task force's tables
    assert "SIX-MONTHLY EVALUATION REPORT OF THE INTEGRATED SERVICE" in text
    assert "Period 1 January 2026 to 30 June 2026" in text and "Data as of 30 June 2026" in text
    assert "task force evaluation" not in text.lower()
    assert "3 cases were opened with 3 victims (1 child)" in text
    assert not re.search(r"\b1 (referrals|children|victims|cases|are)\b", text), "plurals"
    assert "1 is unanswered past its deadline" in text
    assert (
        "victims of trafficking 1, presumed victims (diduga korban) 1, not yet identified 1" in text
    )
    for part in (
        "I. INTRODUCTION",
        "II. LEGAL BASIS",
        "III. ACTIVITIES",
        "IV. RESULTS BY SERVICE",
        "V. OBSTACLES",
        "VI. RECOMMENDATIONS",
        "VII. JOINT COMMITMENTS",
        "VIII. CLOSING",
    ):
        assert part in text, part
    assert "Law 21/2007 (UU 21/2007)" in text and "Pasal 22" not in text
    assert "Copies to:" in text
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Female", "2"] in cells and ["Male", "1"] in cells and ["Total", "3"] in cells
    assert ["Malaysia (MY)", "2"] in cells
    assert ["Sex", "Victims"] in cells, "headers name the variable, not 'Value'"
    assert not any("Value" in row for row in cells)
    health = next(row for row in cells if row[0] == "Health rehabilitation" and "(n=" in row[1])
    assert health[1:] == ["4 (n=2)", "10 (n=1)"], "medians carry their n"
    placeholders = [
        run.text
        for p in document.paragraphs
        for run in p.runs
        if run.font.highlight_color is not None
    ]
    assert any("[to be written by" in x for x in placeholders), "parts to write are marked"
    fonts = {document.styles[name].font.name for name in ("Normal", "Heading 1", "Heading 2")}
    assert fonts == {"Arial"}
    images = [rel for rel in document.part.rels.values() if "image" in rel.reltype]
    assert len(images) == 5 and all(rel.target_part.blob.startswith(b"\x89PNG") for rel in images)
    if "commitment" in RECORD_MODELS:
        assert "Menjawab rujukan dalam 3 hari kerja." in text
        assert "20 May 2026" in text and "2026-05-20" not in text

    workbook = load_workbook(xlsx_path)
    assert len(workbook.sheetnames) == 14
    sex = workbook["Victims by sex"]
    assert [c.value for c in sex[1]] == ["Sex", "Victims"]
    assert [[c.value for c in row] for row in sex.iter_rows(min_row=2)] == [
        ["Female", 2],
        ["Male", 1],
        ["Unknown", 0],
        ["Total", 3],
    ]
