"""Every kind of document through a real LibreOffice to PDF, read back with pdftotext.

They skip on a machine without LibreOffice or pdftotext and are required in CI, where
.ci/run installs both and sets TIPREF_REQUIRE_LIBREOFFICE=1 (see conftest.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tipref.book.casebook import load_settings, save_settings

pytestmark = pytest.mark.libreoffice


def pdf_text(path: Path) -> str:
    """The PDF's text with each page's runs of white space made one space (lines may wrap)."""
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "\f".join(" ".join(page.split()) for page in raw.split("\f"))


@pytest.fixture
def referral(tipref, victim_case, monkeypatch):
    settings = load_settings(tipref.book)
    data = settings.model_dump(mode="json")
    data.setdefault("privacy", {})["require_consent_for_referral"] = False
    save_settings(tipref.book, type(settings).model_validate(data))
    return tipref.json(
        "referral",
        "new",
        "--case",
        victim_case["number"],
        "--service",
        "health",
        "--to",
        "rsud",
        "--reason",
        "Luka & trauma",
        "--attach",
        "Kronologi",
    )


@pytest.mark.parametrize(
    "lang, date_text, service",
    [
        ("id", "28 November 2026", "Rehabilitasi Kesehatan"),
        ("en", "28 November 2026", "Referral for health rehabilitation"),
    ],
)
def test_letter_pdf(tipref, referral, tmp_path, lang, date_text, service):
    made = tipref.json(
        "letter",
        referral["number"],
        "--out",
        str(tmp_path / f"letter-{lang}.docx"),
        "--lang",
        lang,
        "--pdf",
    )
    pdf = Path(made["pdf"])
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "001/TTU/XI/2026" in text
    assert date_text in text
    assert "Direktur RSUD" in text and "RSUD Timor Tengah Utara" in text
    assert service in text
    assert "Luka & trauma" in text
    assert "M.U." in text and "Maria" not in text
    assert ("LEMBAR BALASAN RUJUKAN" if lang == "id" else "REFERRAL REPLY SLIP") in text
    assert "RAHASIA" in text


def test_many_letters_to_pdf_in_one_run(tipref, referral, victim_case, tmp_path):
    tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "legal", "--to", "posbakum"
    )
    out_dir = tmp_path / "many"
    made = tipref.json(
        "letter", "--status", "pending", "--out-dir", str(out_dir), "--pdf", "--lang", "id"
    )
    assert len(made) == 2
    assert sorted(p.name for p in out_dir.glob("*.pdf")) == sorted(
        Path(entry["path"]).with_suffix(".pdf").name for entry in made
    )


def test_commitment_pdf(tipref, tmp_path):
    commitment = tipref.json(
        "commitment",
        "new",
        "--title",
        "Komitmen Bersama",
        "--date",
        "2022-01-25",
        "--place",
        "Kefamenanu",
        "--point",
        "Merujuk korban dengan cepat",
    )
    for i in range(1, 31):
        tipref(
            "commitment",
            "sign",
            commitment["number"],
            "--name",
            f"Peserta {i:02d} & <Ñ>",
            "--institution",
            f"Instansi {i}",
            "--position",
            "Anggota",
        )
    made = tipref.json(
        "commitment",
        "render",
        commitment["number"],
        "--out",
        str(tmp_path / "k.docx"),
        "--pdf",
        "--lang",
        "id",
    )
    text = pdf_text(Path(made["pdf"]))
    assert "Selasa, tanggal 25 Januari 2022" in text
    assert "1. Merujuk korban dengan cepat" in text
    for i in range(1, 31):
        assert f"Peserta {i:02d} & <Ñ>" in text
    pages = text.split("\f")
    with_rows = [page for page in pages if "Peserta" in page]
    assert len(with_rows) >= 2
    assert all("Instansi" in page and "Jabatan" in page for page in with_rows), (
        "header repeats on each page"
    )
