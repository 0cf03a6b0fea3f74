"""Referral letters: fields, minimum disclosure, numbering, the record on the referral, batches."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from docx import Document

from tipref.book.casebook import load_settings, save_settings
from tipref.book.opening import open_book
from tipref.documents.render import docx_text
from tipref.schemas import Case, Provider, Referral
from tipref.schemas.consent import Consent, ConsentScope

NOW = "2026-11-28T09:00:00"


def allow_referrals_without_consent(book_path: Path) -> None:
    """Letters must also work for referrals made before (or without) identity consent."""
    settings = load_settings(book_path)
    data = settings.model_dump(mode="json")
    data.setdefault("privacy", {})["require_consent_for_referral"] = False
    save_settings(book_path, type(settings).model_validate(data))


@pytest.fixture
def book(tipref, monkeypatch):
    monkeypatch.setenv("TIPREF_NOW", NOW)
    allow_referrals_without_consent(tipref.book)
    return tipref


@pytest.fixture
def referral(book, victim_case):
    return book.json(
        "referral",
        "new",
        "--case",
        victim_case["number"],
        "--service",
        "health",
        "--to",
        "rsud",
        "--reason",
        "Luka di tangan & trauma berat",
        "--given",
        "identification",
        "--situation",
        "Tinggal di rumah aman",
        "--attach",
        "Kronologi",
        "--attach",
        "Fotokopi KK",
    )


def grant_identity_consent(book_path: Path, case_number: str, provider_code: str) -> None:
    book = open_book(book_path, "Tester")
    provider_id = book.resolve_id(Provider, provider_code)

    def add(case):
        case.persons[0].consents.append(
            Consent(scope=ConsentScope.share_identity, providers=[provider_id])
        )

    book.update(Case, case_number, add)


def table_rows(path: Path) -> list[list[str]]:
    """Every row of every table in the body, as the cells' text."""
    return [[cell.text for cell in row.cells] for t in Document(str(path)).tables for row in t.rows]


def heading(path: Path) -> dict[str, str]:
    """Nomor / Sifat / Lampiran / Hal: label -> value (the colon has a column of its own)."""
    return {row[0]: row[2] for row in table_rows(path)[:8] if len(row) == 4 and row[1] == ":"}


def make(book, tmp_path, ref, *args):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    return book.json("letter", ref, "--out", str(out), *args)


def test_letter_fields_in_indonesian(book, referral, tmp_path):
    made = make(book, tmp_path, referral["number"], "--lang", "id")
    path = Path(made["path"])
    assert path.name == f"surat-rujukan-{referral['number']}.docx"
    text = docx_text(path)
    assert made["number"] == "001/TTU/XI/2026"
    assert "001/TTU/XI/2026" in text
    assert "Kefamenanu, 28 November 2026" in text
    assert "RAHASIA" in text
    assert heading(path) == {
        "Nomor": "001/TTU/XI/2026",
        "Sifat": "Rahasia",
        "Lampiran": "2 (dua) berkas",
        "Hal": "Rujukan Layanan Rehabilitasi Kesehatan",
    }
    # Yth. and the addressee on one line; the RSUD is in the book's own town: di Tempat
    assert "Yth. Direktur RSUD Timor Tengah Utara\ndi\nTempat" in text
    assert "Luka di tangan & trauma berat" in text
    assert "Layanan yang sudah diberikan: pengaduan / identifikasi." in text
    assert "Tinggal di rumah aman" in text
    assert "1. Kronologi" in text and "2. Fotokopi KK" in text
    assert (
        "Kepala UPTD PPA" in text
        and "Yohana Kefi, S.Sos" in text
        and "NIP 197501012000032001" in text
        and "NIP." not in text
    )
    assert "Tembusan:" in text and "1. Ketua Harian Gugus Tugas PP TPPO" in text
    # minimum disclosure: initials, sex, age; no name, NIK or birth date
    assert "M.U." in text and "Perempuan" in text and "16 tahun" in text
    assert "Maria" not in text and "Ulu" not in text.replace("Utara", "")
    assert "5303025403100001" not in text
    assert made["identity_disclosed"] is False


def test_reply_slip_is_on_its_own_page(book, referral, tmp_path):
    path = Path(make(book, tmp_path, referral["number"], "--lang", "id")["path"])
    document = Document(str(path))
    title = next(p for p in document.paragraphs if p.text == "LEMBAR BALASAN RUJUKAN")
    assert title.paragraph_format.page_break_before, "the reply slip must start on a new page"
    slip = docx_text(path).split("LEMBAR BALASAN RUJUKAN", 1)[1]
    for field in (
        "Nomor surat rujukan",
        "001/TTU/XI/2026",
        "Diterima",
        "Ditolak",
        "Alasan (jika ditolak)",
        "Tanggal surat diterima",
        "Nama petugas",
        "Tanda tangan dan cap",
        "M.U.",
    ):
        assert field in slip


def test_full_identity_only_with_consent(book, referral, victim_case, tmp_path):
    grant_identity_consent(book.book, victim_case["number"], "rsud")
    made = make(book, tmp_path, referral["number"], "--lang", "id")
    text = docx_text(Path(made["path"]))
    assert made["identity_disclosed"] is True
    assert "Maria Ulu" in text
    assert "5303025403100001" in text
    assert "14 Maret 2010" in text
    assert "Desa Maubesi, Timor Tengah Utara" in text
    # consent for one provider does not open the identity to another
    other = book.json(
        "referral", "new", "--case", victim_case["number"], "--service", "legal", "--to", "posbakum"
    )
    text_other = docx_text(Path(make(book, tmp_path, other["number"], "--lang", "id")["path"]))
    assert "Maria Ulu" not in text_other and "M.U." in text_other


def test_english_letter(book, referral, tmp_path):
    made = make(book, tmp_path, referral["number"], "--lang", "en")
    path = Path(made["path"])
    assert path.name == f"referral-letter-{referral['number']}.docx"
    text = docx_text(path)
    assert "Kefamenanu, 28 November 2026" in text
    assert "CONFIDENTIAL (RAHASIA)" in text
    assert heading(path)["Subject"] == "Referral for health rehabilitation"
    assert "for health rehabilitation" in text  # lower case inside the sentence
    assert "2 (two) files" in text
    assert "REFERRAL REPLY SLIP" in text
    assert "16 years" in text and "Maria" not in text


def test_letter_recorded_and_number_kept(book, referral, tmp_path):
    first = make(book, tmp_path, referral["number"], "--lang", "id")
    refused = book(
        "letter", referral["number"], "--lang", "id", "--out", str(tmp_path / "out"), ok=False
    )
    assert refused.exit_code == 1 and "--force" in refused.stderr  # never silently replaced
    second = make(book, tmp_path, referral["number"], "--lang", "id", "--force")
    assert first["number"] == second["number"] == "001/TTU/XI/2026"
    stored = book.json("referral", "show", referral["number"])
    letters = stored["letters"]
    assert [entry["number"] for entry in letters] == ["001/TTU/XI/2026"] * 2
    last = letters[-1]
    path = Path(second["path"])
    assert last["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert last["file_name"] == path.name
    assert last["made_by"] == "Tester" and last["lang"] == "id" and last["date"] == "2026-11-28"
    # the history says which letter went out
    history = "".join(
        p.read_text(encoding="utf-8") for p in (book.book / "history").glob("*.jsonl")
    )
    assert "letter 001/TTU/XI/2026" in history
    # the next referral gets the next number
    other = book.json(
        "referral", "new", "--case", stored["case_id"], "--service", "social", "--to", "dinsos"
    )
    assert make(book, tmp_path, other["number"], "--lang", "id")["number"] == "002/TTU/XI/2026"


def test_default_output_name_has_no_victim_name(book, referral, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book("letter", referral["number"], "--lang", "id")
    written = list(tmp_path.glob("*.docx"))
    assert [p.name for p in written] == [f"surat-rujukan-{referral['number']}.docx"]
    assert "maria" not in written[0].name.lower()


def test_duplicate_letter_numbers_are_found_and_warned(book, referral, victim_case, tmp_path):
    from tipref.documents.letters import duplicate_letter_numbers

    other = book.json(
        "referral", "new", "--case", victim_case["number"], "--service", "legal", "--to", "posbakum"
    )
    make(book, tmp_path, referral["number"], "--lang", "id")
    make(book, tmp_path, other["number"], "--lang", "id")
    # a second machine, offline, minted the same number for the other referral
    handle = open_book(book.book, "Other laptop")

    def same_number(r):
        r.letters[0].number = "001/TTU/XI/2026"

    handle.update(Referral, other["number"], same_number)
    assert duplicate_letter_numbers(handle) == {
        "001/TTU/XI/2026": sorted([referral["number"], other["number"]])
    }
    result = book("letter", other["number"], "--lang", "en", "--out", str(tmp_path / "again.docx"))
    assert "001/TTU/XI/2026" in result.stderr and "more than one referral" in result.stderr


def test_many_letters_at_once(book, victim_case, tmp_path):
    numbers = [
        book.json(
            "referral", "new", "--case", victim_case["number"], "--service", service, "--to", to
        )["number"]
        for service, to in (("health", "rsud"), ("health", "puskesmas"), ("legal", "posbakum"))
    ]
    book("referral", "update", numbers[2], "--status", "accepted")
    out_dir = tmp_path / "batch"
    result = book(
        "letter",
        "--status",
        "pending",
        "--service",
        "health",
        "--out-dir",
        str(out_dir),
        "--lang",
        "id",
    )
    names = sorted(p.name for p in out_dir.glob("*.docx"))
    assert names == sorted(f"surat-rujukan-{n}.docx" for n in numbers[:2])
    assert "2/2" in result.stderr  # the progress bar
    numbers_written = {heading(out_dir / name)["Nomor"] for name in names}
    assert numbers_written == {"001/TTU/XI/2026", "002/TTU/XI/2026"}
    listed = json.loads(
        book("letter", "--status", "pending", "--out-dir", str(out_dir), "--json").stdout
    )
    assert sorted(entry["referral"] for entry in listed) == sorted(numbers[:2])


def test_special_characters_come_out_as_typed(book, victim_case, tmp_path):
    odd = 'Yayasan "Harapan" & <Sahabat> Ñusa Tenggara — Ê'
    provider = book.json(
        "provider",
        "add",
        "--name",
        odd,
        "--code",
        "harapan",
        "--type",
        "ngo",
        "--service",
        "social",
        "--position",
        "Ketua & Pendiri <Yayasan>",
    )
    referral = book.json(
        "referral",
        "new",
        "--case",
        victim_case["number"],
        "--service",
        "social",
        "--to",
        provider["code"],
        "--reason",
        "Butuh 'pendampingan' & <konseling>",
    )
    text = docx_text(Path(make(book, tmp_path, referral["number"], "--lang", "id")["path"]))
    assert odd in text
    assert "Ketua & Pendiri <Yayasan>" in text
    assert "Butuh 'pendampingan' & <konseling>" in text


def test_logo_in_letterhead_and_letter_without_logo(book, referral, tmp_path):
    from PIL import Image

    plain = Path(make(book, tmp_path, referral["number"], "--lang", "id")["path"])
    assert not Document(str(plain)).inline_shapes
    Image.new("RGB", (40, 40), (200, 30, 30)).save(book.book / "logo.png")
    settings = load_settings(book.book)
    settings.organisation.logo = "logo.png"
    save_settings(book.book, settings)
    with_logo = Path(
        make(
            book,
            tmp_path,
            referral["number"],
            "--lang",
            "id",
            "--force",
        )["path"]
    )
    assert len(Document(str(with_logo)).inline_shapes) == 1
    assert "UPTD PPA KABUPATEN TIMOR TENGAH UTARA" in docx_text(with_logo)


def test_missing_referral_is_a_clear_error(book):
    result = book("letter", "TTU-R2026-9999", ok=False)
    assert result.exit_code == 1
    assert "TTU-R2026-9999" in result.stderr and "not found" in result.stderr
    assert "Traceback" not in result.output


def test_letter_without_ref_or_filter_is_usage_error(book):
    assert book("letter", ok=False).exit_code == 2
    assert book("letter", "--status", "pending", ok=False).exit_code == 2  # no --out-dir


def test_missing_libreoffice_says_how_to_install(book, referral, tmp_path, monkeypatch):
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = book(
        "letter",
        referral["number"],
        "--out",
        str(tmp_path / "l.docx"),
        "--pdf",
        "--lang",
        "en",
        ok=False,
    )
    assert result.exit_code == 1
    assert (
        "LibreOffice was not found" in result.stderr
        and "apt-get install libreoffice-writer" in result.stderr
    )
    assert (tmp_path / "l.docx").is_file()  # the Word file is still there


def test_letter_through_the_installed_console_script(book, referral, tmp_path):
    """The default templates travel with the installed package (package data)."""
    from conftest import run_installed

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = run_installed(
        "--book",
        str(book.book),
        "letter",
        referral["number"],
        "--lang",
        "id",
        "--json",
        cwd=outside,
        env={"TIPREF_NOW": NOW},
    )
    made = json.loads(result.stdout)
    assert Path(made["path"]).parent == outside
    assert "001/TTU/XI/2026" in docx_text(Path(made["path"]))
