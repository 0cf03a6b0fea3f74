"""What a referral letter says, read back with python-docx: letterhead, addressee and city,
--date and numbers, services already given, witness and child wording, narahubung,
Tembusan and consent, RAHASIA and page numbers, signature on behalf, the reply slip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tipref.book.casebook import load_settings, save_settings
from tipref.book.opening import open_book
from tipref.documents.letter_context import addressee_line, mid_sentence
from tipref.documents.render import docx_text
from tipref.documents.reply_slip import SLIP_FIELDS, check_code
from tipref.schemas import Case, Provider
from tipref.schemas.consent import Consent, ConsentScope

NOW = "2026-11-28T09:00:00"


def edit_settings(book_path: Path, **sections) -> None:
    settings = load_settings(book_path)
    data = settings.model_dump(mode="json")
    for section, values in sections.items():
        data.setdefault(section, {}).update(values)
    save_settings(book_path, type(settings).model_validate(data))


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """Set before any record is made (the case's opening day must not be after 'today')."""
    monkeypatch.setenv("TIPREF_NOW", NOW)


@pytest.fixture
def book(tipref):
    edit_settings(tipref.book, privacy={"require_consent_for_referral": False})
    return tipref


def refer(book, case, service, to, *args):
    return book.json("referral", "new", "--case", case, "--service", service, "--to", to, *args)


def letter(book, tmp_path, ref, *args):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    made = book.json("letter", ref, "--out", str(out), *args)
    return made, Path(made["path"])


def body_lines(path: Path) -> list[str]:
    return docx_text(path).splitlines()


def slip_rows(path: Path) -> dict[str, str]:
    """The reply slip's table: label -> value (the last table of the letter)."""
    table = Document(str(path)).tables[-1]
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


def grant_identity(book_path: Path, case: str, *codes: str, whole_network: bool = False) -> None:
    handle = open_book(book_path, "Tester")
    ids = [handle.resolve_id(Provider, code) for code in codes]

    def add(record):
        record.persons[0].consents.append(
            Consent(scope=ConsentScope.share_identity, providers=ids, whole_network=whole_network)
        )

    handle.update(Case, case, add)


# -- letterhead -------------------------------------------------------------------------------
def test_letterhead_one_line_per_level_and_training_mark_apart(book, victim_case, tmp_path):
    edit_settings(
        book.book,
        organisation={
            "hierarchy": [
                "Pemerintah Kabupaten Timor Tengah Utara",
                "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
            ],
            "postal_code": "85613",
            "website": "uptdppa.ttukab.go.id",
            "mark": "MATERI PELATIHAN / TRAINING MATERIAL",
        },
    )
    r = refer(book, victim_case["number"], "health", "rsud")
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    lines = body_lines(path)
    top = lines.index("PEMERINTAH KABUPATEN TIMOR TENGAH UTARA")
    assert lines[top : top + 5] == [
        "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
        "DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK",
        "UPTD PPA KABUPATEN TIMOR TENGAH UTARA",
        "Jl. Sudirman No. 1, Kefamenanu, Kode Pos 85613",
        "Telp. 0388-31234 · Email uptdppa@ttukab.go.id · Laman uptdppa.ttukab.go.id",
    ]
    # the mark is in the header of every page, never in the organisation's name
    section = Document(str(path)).sections[0]
    for header in (section.first_page_header, section.header):
        assert "MATERI PELATIHAN / TRAINING MATERIAL" in [p.text for p in header.paragraphs]
    assert not any("MATERI" in line for line in lines[top : top + 5])


# -- addressee ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "position, institution, line",
    [
        ("Direktur RSUD", "RSUD Kefamenanu", "Direktur RSUD Kefamenanu"),
        ("Kepala BP3MI NTT", "BP3MI Nusa Tenggara Timur", "Kepala BP3MI Nusa Tenggara Timur"),
        ("Koordinator", "Posbakum / LBH TTU", "Koordinator Posbakum / LBH TTU"),
        ("", "LPSK", "LPSK"),
    ],
)
def test_addressee_line(position, institution, line):
    assert addressee_line(position, institution) == line


@pytest.mark.parametrize(
    "to, place",
    [
        ("rsud", "Tempat"),
        ("rs-bhayangkara", "Kupang"),
        ("bp3mi", "Kupang"),
        ("kbri-kl", "Kuala Lumpur"),
    ],
)
def test_addressee_on_one_line_then_di_and_the_providers_city(
    book, victim_case, tmp_path, to, place
):
    r = refer(book, victim_case["number"], "identification", to)
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    lines = body_lines(path)
    yth = next(i for i, line in enumerate(lines) if line.startswith("Yth. "))
    assert lines[yth + 1 : yth + 3] == ["di", place]
    provider = book.json("provider", "show", to)
    assert provider["name"] in lines[yth]  # position and institution on the Yth. line


def test_provider_city_option_and_old_provider_without_city(book, victim_case, tmp_path):
    book("provider", "update", "rsud", "--city", "Atambua")
    assert book.json("provider", "show", "rsud")["city"] == "Atambua"
    r = refer(book, victim_case["number"], "health", "rsud")
    _, path = letter(book, tmp_path, r["number"], "--lang", "en")
    assert "in Atambua" in body_lines(path)
    # a provider file written before providers had a city still loads; one serving the
    # book's district is addressed to the book's own town: "di Tempat"
    record = book.book / "providers" / f"{book.json('provider', 'show', 'rsud')['id']}.json"
    data = json.loads(record.read_text("utf-8"))
    data.pop("city")
    record.write_text(json.dumps(data), "utf-8")
    assert book.json("provider", "show", "rsud")["city"] == ""
    again = refer(book, victim_case["number"], "health", "rsud")
    lines = body_lines(letter(book, tmp_path, again["number"], "--lang", "id")[1])
    yth = next(i for i, line in enumerate(lines) if line.startswith("Yth. "))
    assert lines[yth + 1 : yth + 3] == ["di", "Tempat"]


# -- numbers and dates ---------------------------------------------------------------------------
def old_case(book) -> str:
    """A case opened last December, for referrals and letters of the previous year."""
    return book.json(
        "case",
        "new",
        "--name",
        "Rina Fiktif",
        "--sex",
        "female",
        "--age",
        "24",
        "--opened",
        "2025-12-01",
    )["number"]


def test_back_dated_letter_takes_its_own_month_and_year(book, victim_case, tmp_path):
    r = refer(book, old_case(book), "health", "rsud", "--date", "2025-12-20")
    made, path = letter(book, tmp_path, r["number"], "--date", "2025-12-22", "--lang", "id")
    assert made["number"] == "001/TTU/XII/2025" and made["date"] == "2025-12-22"
    assert "Kefamenanu, 22 Desember 2025" in docx_text(path)
    # this year's sequence is separate
    other = refer(book, victim_case["number"], "legal", "posbakum")
    assert letter(book, tmp_path, other["number"])[0]["number"] == "001/TTU/XI/2026"
    # made again: number and date kept, --date ignored with a warning
    again = book("letter", r["number"], "--date", "2025-12-23", "--out", str(tmp_path / "a.docx"))
    assert "001/TTU/XII/2025" in again.stderr and "--date" in again.stderr


@pytest.mark.parametrize(
    "when, problem",
    [("2026-11-30", "future"), ("2025-12-19", "before the referral date")],
)
def test_letter_date_checked_at_entry(book, tmp_path, when, problem):
    r = refer(book, old_case(book), "health", "rsud", "--date", "2025-12-20")
    result = book(
        "letter", r["number"], "--date", when, "--out", str(tmp_path / "x.docx"), ok=False
    )
    assert result.exit_code == 1 and "--date" in result.stderr and problem in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.docx").exists()
    assert book.json("referral", "show", r["number"])["letters"] == []


def test_tomorrow_is_tolerated(book, victim_case, tmp_path):
    r = refer(book, victim_case["number"], "health", "rsud")
    assert letter(book, tmp_path, r["number"], "--date", "2026-11-29")[0]["date"] == "2026-11-29"


@pytest.mark.parametrize(
    "classification, number", [("400.2.10", "400.2.10/001/TTU/XI/2026"), ("", "001/TTU/XI/2026")]
)
def test_classification_code_in_the_number(book, victim_case, tmp_path, classification, number):
    edit_settings(
        book.book,
        numbering={
            "letter": "{class}/{seq:03d}/{code}/{month_roman}/{year}",
            "classification": classification,
        },
    )
    r = refer(book, victim_case["number"], "health", "rsud")
    assert letter(book, tmp_path, r["number"])[0]["number"] == number


# -- body ----------------------------------------------------------------------------------------
def test_services_given_come_from_completed_referrals(book, victim_case, tmp_path):
    case = victim_case["number"]
    social = refer(book, case, "social", "dinsos")
    book("referral", "update", social["number"], "--status", "accepted")
    book("referral", "update", social["number"], "--status", "completed")
    pending = refer(book, case, "legal", "posbakum")  # not completed: not listed
    r = refer(book, case, "health", "rsud", "--given", "identification")
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    text = docx_text(path)
    assert (
        "Layanan yang sudah diberikan: rehabilitasi sosial (Dinas Sosial Timor Tengah Utara, "
        "selesai 28 November 2026); pengaduan / identifikasi." in text
    )
    assert "bantuan hukum" not in text and pending["number"]


def test_child_victim_marked_with_companion(book, victim_case, tmp_path):
    r = refer(book, victim_case["number"], "health", "rsud")
    _, path = letter(
        book, tmp_path, r["number"], "--lang", "id", "--companion", "Ibu Sari (pendamping)"
    )
    text = docx_text(path)
    assert "merujuk seorang anak korban tindak pidana perdagangan orang" in text
    assert "untuk mendapatkan layanan rehabilitasi kesehatan" in text  # lower case mid-sentence
    rows = {row.cells[0].text: row.cells[2].text for row in Document(str(path)).tables[1].rows}
    assert rows["Status"] == "anak (belum berusia 18 tahun)"
    assert rows["Pendamping"] == "Ibu Sari (pendamping)"
    # made again, the companion stays
    again = Path(book.json("letter", r["number"], "--out", str(tmp_path / "b.docx"))["path"])
    assert "Ibu Sari (pendamping)" in docx_text(again)


def test_witness_letter_does_not_say_korban(book, victim_case, tmp_path):
    book(
        "case",
        "add-person",
        victim_case["number"],
        "--name",
        "Petrus Nule",
        "--role",
        "witness",
        "--sex",
        "male",
        "--age",
        "35",
    )
    r = refer(book, victim_case["number"], "legal", "lpsk", "--person", "2")
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    text = docx_text(path)
    assert "seorang saksi dalam perkara tindak pidana perdagangan orang" in text
    assert "Identitas saksi wajib dirahasiakan" in text
    assert "korban" not in text.split("Dengan hormat,", 1)[1].split("LEMBAR BALASAN")[0]
    en = Path(
        book.json("letter", r["number"], "--lang", "en", "--out", str(tmp_path / "w.docx"))["path"]
    )
    assert "witness in a human trafficking case" in docx_text(en) and "victim" not in docx_text(en)


def test_narahubung_from_settings_or_signer(book, victim_case, tmp_path):
    r = refer(book, victim_case["number"], "health", "rsud")
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    assert "melalui narahubung Yohana Kefi, S.Sos, telp. 0388-31234." in docx_text(path)
    edit_settings(
        book.book, letters={"contact_name": "Elisabeth Oki", "contact_phone": "0812-1111-2222"}
    )
    other = refer(book, victim_case["number"], "legal", "posbakum")
    _, path = letter(book, tmp_path, other["number"], "--lang", "en")
    assert "contact person Elisabeth Oki, phone 0812-1111-2222." in docx_text(path)


def test_fixed_wording(book, victim_case, tmp_path):
    r = refer(book, victim_case["number"], "health", "rsud", "--attach", "Kronologi")
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    heading = [[c.text for c in row.cells] for row in Document(str(path)).tables[0].rows]
    assert heading[2][:3] == ["Lampiran", ":", "1 (satu) berkas"]
    assert heading[3][:3] == ["Hal", ":", "Rujukan Layanan Rehabilitasi Kesehatan"]
    _, en = letter(book, tmp_path, r["number"], "--lang", "en")
    text = docx_text(en)
    assert "Thank you for your attention and cooperation." in text and "Yours faithfully," in text
    assert "Enclosure" in text and "1 (one) file" in text


# -- signature and copies ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "on_behalf, principal, lines",
    [
        ("a.n.", "Kepala Dinas PPPA", ["a.n. Kepala Dinas PPPA", "Kepala UPTD PPA,"]),
        ("Plt.", "", ["Plt. Kepala UPTD PPA,"]),
        ("", "", ["Kepala UPTD PPA,"]),
    ],
)
def test_signature_on_behalf(book, victim_case, tmp_path, on_behalf, principal, lines):
    edit_settings(book.book, signer={"on_behalf": on_behalf, "principal": principal})
    r = refer(book, victim_case["number"], "health", "rsud")
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    signature = Document(str(path)).tables[-2].rows[0].cells[1]
    texts = [p.text for p in signature.paragraphs if p.text]
    assert texts == [*lines, "Yohana Kefi, S.Sos", "NIP 197501012000032001"]


def test_old_settings_without_the_new_fields_still_load(book):
    data = json.loads((book.book / "tipref.json").read_text("utf-8"))
    for section, key in (
        ("signer", "on_behalf"),
        ("signer", "principal"),
        ("numbering", "classification"),
    ):
        data[section].pop(key)
    data["letters"] = {"copies": ["Ketua Harian Gugus Tugas PP TPPO", "Arsip"]}
    (book.book / "tipref.json").write_text(json.dumps(data), "utf-8")
    settings = load_settings(book.book)
    assert settings.signer.on_behalf == "" and settings.numbering.classification == ""


def test_tembusan_never_arsip_and_no_identity_without_consent(book, victim_case, tmp_path):
    edit_settings(book.book, letters={"copies": ["Ketua Harian Gugus Tugas PP TPPO", "Arsip"]})
    r = refer(book, victim_case["number"], "health", "rsud")
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    lines = body_lines(path)
    at = lines.index("Tembusan:")
    assert lines[at + 1] == "1. Ketua Harian Gugus Tugas PP TPPO" and "Arsip" not in "".join(lines)
    # the full identity goes to the RSUD only: the task force's copy is left out, with a warning
    grant_identity(book.book, victim_case["number"], "rsud")
    other = refer(book, victim_case["number"], "health", "rsud")
    result = book("letter", other["number"], "--out", str(tmp_path / "full.docx"), "--lang", "en")
    text = docx_text(tmp_path / "full.docx")
    assert "Maria Ulu" in text and "Tembusan:" not in text and "Copies to:" not in text
    assert "Ketua Harian Gugus Tugas PP TPPO" in result.stderr and "left out" in result.stderr


def test_tembusan_kept_when_consent_covers_the_network(book, victim_case, tmp_path):
    grant_identity(book.book, victim_case["number"], whole_network=True)
    r = refer(book, victim_case["number"], "health", "rsud")
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    text = docx_text(path)
    assert "Maria Ulu" in text and "1. Ketua Harian Gugus Tugas PP TPPO" in text


def test_repatriation_with_initials_only_warns(book, victim_case, tmp_path):
    r = refer(book, victim_case["number"], "repatriation", "kbri-kl")
    result = book("letter", r["number"], "--out", str(tmp_path / "k.docx"), "--lang", "en")
    assert result.exit_code == 0
    assert "needs the full identity" in result.stderr and "KBRI Kuala Lumpur" in result.stderr


# -- pages ---------------------------------------------------------------------------------------------
def test_rahasia_top_and_bottom_and_page_numbers_from_page_two(book, victim_case, tmp_path):
    r = refer(book, victim_case["number"], "health", "rsud")
    _, path = letter(book, tmp_path, r["number"], "--lang", "id")
    section = Document(str(path)).sections[0]
    assert section.different_first_page_header_footer
    for part in (
        section.first_page_header,
        section.header,
        section.first_page_footer,
        section.footer,
    ):
        assert "RAHASIA" in [p.text for p in part.paragraphs]

    def has_page_field(part) -> bool:
        return any(
            "PAGE" in (f.get(qn("w:instr")) or "") for f in part._element.iter(qn("w:fldSimple"))
        )

    assert has_page_field(section.header) and not has_page_field(section.first_page_header)
    # signature block and Tembusan kept together (keep with next), slip on its own page
    document = Document(str(path))
    copies = next(p for p in document.paragraphs if p.text == "Tembusan:")
    assert copies.paragraph_format.keep_with_next
    signature = document.tables[-2]
    assert all(p.paragraph_format.keep_with_next for p in signature.rows[0].cells[1].paragraphs)
    slip = next(p for p in document.paragraphs if p.text == "LEMBAR BALASAN RUJUKAN")
    assert slip.paragraph_format.page_break_before


# -- the reply slip ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "lang, labels",
    [
        (
            "id",
            [
                "Nomor surat rujukan",
                "Nomor rujukan",
                "Kode cek",
                "Tanggal surat diterima",
                "Nama petugas",
                "Jabatan",
                "Telepon",
                "Keputusan",
                "Alasan (jika ditolak)",
                "Rencana layanan",
                "Dirujuk lanjut ke",
                "Layanan selesai",
                "Tanggal selesai",
                "Tanda tangan dan cap",
            ],
        ),
        (
            "en",
            [
                "Referral letter number",
                "Referral number",
                "Check code",
                "Date letter received",
                "Officer's name",
                "Position",
                "Phone",
                "Decision",
                "Reason (if declined)",
                "Service plan",
                "Referred on to",
                "Service finished",
                "Date finished",
                "Signature and stamp",
            ],
        ),
    ],
)
def test_reply_slip_fields_and_check_code(book, victim_case, tmp_path, lang, labels):
    r = refer(book, victim_case["number"], "health", "rsud")
    made, path = letter(book, tmp_path, r["number"], "--lang", lang)
    rows = slip_rows(path)
    for label in labels:
        assert label in rows
    assert rows[labels[0]] == made["number"] and rows[labels[1]] == r["number"]
    code = check_code("TTU", r["id"], made["number"])
    assert rows[labels[2]] == code and len(code) == 6
    assert code != check_code("TTU", r["id"], "002/TTU/XI/2026")
    initials = rows["Yang dirujuk (inisial)" if lang == "id" else "Person referred (initials)"]
    assert initials == "M.U."


def test_service_names_lower_case_mid_sentence():
    assert mid_sentence("Rehabilitasi Kesehatan") == "rehabilitasi kesehatan"
    assert (
        mid_sentence("Koordinasi, Evaluasi, dan Pelaporan") == "koordinasi, evaluasi, dan pelaporan"
    )
    assert mid_sentence("Layanan UPTD PPA") == "layanan UPTD PPA"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_slip_labels_are_the_published_ones_in_order(book, victim_case, tmp_path, lang):
    """SLIP_FIELDS is what a reader of filled slips relies on: the template must match it."""
    r = refer(book, victim_case["number"], "health", "rsud")
    _, path = letter(book, tmp_path, r["number"], "--lang", lang)
    table = Document(str(path)).tables[-1]
    labels = [row.cells[0].text for row in table.rows if len({id(c._tc) for c in row.cells}) == 2]
    assert labels == list(SLIP_FIELDS[lang].values())
