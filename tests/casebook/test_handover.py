"""Repatriation handovers: the legs of a return home, the berita acara, the family's acceptance."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tipref import clock
from tipref.documents.render import docx_text

NOW = "2026-11-28T09:00:00"


@pytest.fixture
def book(tipref, monkeypatch):
    monkeypatch.setenv("TIPREF_NOW", NOW)
    return tipref


def leg(book, case: str, by: str, to: str, *more: str, ok: bool = True):
    return book("handover", "new", case, "--by", by, "--to", to, *more, ok=ok)


def test_a_return_from_abroad_leg_by_leg(book, victim_case, tmp_path):
    case = victim_case["number"]
    leg(
        book,
        case,
        "kbri-kl",
        "bp3mi",
        "--date",
        "today-3",
        "--place",
        "Bandara El Tari, Kupang",
        "--out",
        str(tmp_path / "1.docx"),
        "--lang",
        "id",
    )
    leg(book, case, "bp3mi", "dinsos", "--date", "today-2", "--out", str(tmp_path / "2.docx"))
    last = book.json(
        "handover",
        "new",
        case,
        "--by",
        "dinsos",
        "--to",
        "family",
        "--family-name",
        "Yuliana Ulu",
        "--relation",
        "Ibu kandung",
        "--date",
        "today-1",
        "--out",
        str(tmp_path / "3.docx"),
    )
    legs = book.json("handover", "list", "--case", case)
    assert [h["number"] for h in legs] == ["TTU-H2026-0001", "TTU-H2026-0002", "TTU-H2026-0003"]
    assert legs[-1]["to_provider_id"] is None and legs[-1]["family_name"] == "Yuliana Ulu"
    # each berita acara has its number from the letter sequence, both sides, both signatures
    numbers = [h["letters"][0]["number"] for h in legs]
    assert [n.split("/")[0] for n in numbers] == ["001", "002", "003"]
    first = docx_text(tmp_path / "1.docx")
    assert "BERITA ACARA SERAH TERIMA" in first and f"Nomor: {numbers[0]}" in first
    assert "PIHAK PERTAMA," in first and "PIHAK KEDUA," in first
    assert "KBRI Kuala Lumpur" in first and "BP3MI Nusa Tenggara Timur" in first
    assert "Bandara El Tari, Kupang" in first
    assert "Maria Ulu" not in first and "M.U." in first  # no consent for BP3MI: initials
    family = docx_text(tmp_path / "3.docx")
    assert "Yuliana Ulu" in family and "Maria Ulu" in family  # the family knows who it is
    assert "returns to the family" in family
    # the leg to the family is the return home: the monitoring starts
    assert book.json("case", "show", case)["events"]["returned_on"] == last["handed_on"]

    out = tmp_path / "terima.docx"
    book("handover", "acceptance", last["number"], "--out", str(out), "--lang", "id")
    text = docx_text(out)
    assert "SURAT PERNYATAAN PENERIMAAN KELUARGA" in text
    assert "menerima kembali Maria Ulu" in text and "Ibu kandung" in text
    assert "Kepala Desa/Lurah" in text
    stored = book.json("handover", "list", "--case", case)[-1]
    assert stored["acceptance_letters"][0]["file_name"] == "terima.docx"


def test_the_acceptance_is_only_for_the_family(book, victim_case, tmp_path):
    leg(book, victim_case["number"], "kbri-kl", "bp3mi", "--out", str(tmp_path / "1.docx"))
    result = book(
        "handover", "acceptance", "TTU-H2026-0001", "--out", str(tmp_path / "a.docx"), ok=False
    )
    assert result.exit_code == 1 and "not a handover to the family" in result.stderr
    assert not (tmp_path / "a.docx").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--by", "dinsos", "--to", "family"], "--family-name"),
        (["--by", "dinsos", "--to", "dinsos"], "same provider"),
        (["--by", "dinsos", "--to", "nowhere"], "nowhere"),
        (["--by", "dinsos", "--to", "bp3mi", "--date", "2026-10-01"], "before the case was opened"),
        (["--by", "dinsos", "--to", "bp3mi", "--date", "today+3"], "--date"),
    ],
)
def test_a_wrong_leg_is_refused_and_nothing_is_recorded(book, victim_case, tmp_path, args, words):
    out = tmp_path / "x.docx"
    result = book("handover", "new", victim_case["number"], *args, "--out", str(out), ok=False)
    assert result.exit_code in (1, 2) and words in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert book.json("handover", "list", "--case", victim_case["number"]) == []
    assert not out.exists()


def test_legs_follow_each_other(book, victim_case, tmp_path):
    case = victim_case["number"]
    leg(book, case, "kbri-kl", "bp3mi", "--date", "today-2", "--out", str(tmp_path / "1.docx"))
    early = leg(book, case, "bp3mi", "dinsos", "--date", "today-3", ok=False)
    assert early.exit_code == 1 and "before the previous handover TTU-H2026-0001" in early.stderr
    gap = leg(book, case, "rsud", "dinsos", "--out", str(tmp_path / "2.docx"))
    assert "ended with bp3mi, not with rsud" in gap.stderr  # recorded, with a warning


def test_a_deceased_person_comes_home_as_remains(book, victim_case, tmp_path):
    case = victim_case["number"]
    book("case", "update", case, "--person", "1", "--date-of-death", "today-5")
    person = book.json("case", "show", case)["persons"][0]
    assert person["deceased"] is True and person["date_of_death"]
    made = book.json(
        "handover",
        "new",
        case,
        "--by",
        "dinsos",
        "--to",
        "family",
        "--family-name",
        "Yuliana Ulu",
        "--relation",
        "Ibu kandung",
        "--out",
        str(tmp_path / "j.docx"),
        "--lang",
        "id",
    )
    assert made["remains"] is True
    text = docx_text(tmp_path / "j.docx")
    assert "BERITA ACARA SERAH TERIMA JENAZAH" in text and "jenazah" in text
    assert book.json("case", "show", case)["events"]["returned_on"] is None  # no monitoring
    book(
        "handover", "acceptance", made["number"], "--out", str(tmp_path / "p.docx"), "--lang", "id"
    )
    statement = docx_text(tmp_path / "p.docx")
    assert "menerima jenazah Maria Ulu untuk dimakamkan" in statement
    assert "merawat, menjaga" not in statement
    later = (clock.today() + timedelta(days=5)).isoformat()
    future = book("case", "update", case, "--date-of-death", later, ok=False)
    assert future.exit_code == 1 and "--date-of-death" in future.stderr


@pytest.mark.parametrize("name", ["handover-id", "handover-en", "acceptance-id", "acceptance-en"])
def test_the_templates_check(book, name):
    result = book.json("template", "check", name)
    assert result["ok"] and result["kind"] == name.split("-")[0]


def test_in_an_encrypted_book_the_family_and_the_reply_are_not_on_disk(
    book, victim_case, book_path, tmp_path, monkeypatch
):
    monkeypatch.setenv("TIPREF_PASSPHRASE", "kata sandi yang panjang sekali 2026")
    book("vault", "init")
    case = victim_case["number"]
    made = book.json(
        "handover", "new", case, "--by", "dinsos", "--to", "family", "--family-name",
        "Yuliana Ulu", "--relation", "Ibu kandung", "--place", "Desa Maubesi",
        "--out", str(tmp_path / "h.docx"),
    )  # fmt: skip
    book("case", "event", case, "--bap", "today", "--bap-companion", "Paralegal Agnes Sanam")
    stored = "".join(p.read_text(encoding="utf-8") for p in book_path.rglob("*.json"))
    for secret in ("Yuliana Ulu", "Ibu kandung", "Desa Maubesi", "Agnes Sanam"):
        assert secret not in stored, secret
    shown = book.json("handover", "list", "--case", case)[0]
    assert shown["family_name"] == "Yuliana Ulu" and shown["number"] == made["number"]
