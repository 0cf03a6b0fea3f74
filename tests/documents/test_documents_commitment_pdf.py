"""The commitment document through a real LibreOffice, read back with pdftotext.

Skipped without LibreOffice, unless TIPREF_REQUIRE_LIBREOFFICE=1 (CI) makes that a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tipref.documents.pdf import find_soffice

pytestmark = pytest.mark.libreoffice


@pytest.fixture(autouse=True)
def need_libreoffice():
    if find_soffice() and shutil.which("pdftotext"):
        return
    if os.environ.get("TIPREF_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("LibreOffice (soffice) and pdftotext are required here")
    pytest.skip("LibreOffice (soffice) or pdftotext not installed")


def layout_pages(path: Path) -> list[str]:
    raw = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return raw.split("\f")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def rendered(tipref, tmp_path):
    commitment = tipref.json(
        "commitment",
        "new",
        "--title",
        "Komitmen Bersama",
        "--date",
        "2022-01-25",
        "--place",
        "Kefamenanu",
        "--organiser",
        "Gugus Tugas PP TPPO Kabupaten Timor Tengah Utara",
        "--recital",
        "bahwa penanganan korban memerlukan jejaring rujukan",
        "--point",
        "Merujuk korban dengan cepat",
        "--chair",
        "Aloysius Kobes",
    )
    people = "\n".join(f"Peserta {i:02d},Instansi {i},Anggota" for i in range(1, 30))
    attendance = tmp_path / "hadir.csv"
    attendance.write_text("Nama,Instansi,Jabatan\n" + people + "\n", encoding="utf-8")
    tipref("commitment", "sign", commitment["number"], "--from", str(attendance))
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
    return layout_pages(Path(made["pdf"]))


def test_commitment_opening_recitals_and_closing_lines(rendered):
    text = flat("\n".join(rendered))
    assert "Pada hari ini, Selasa, tanggal 25 Januari 2022, bertempat di Kefamenanu" in text
    assert "peserta rapat koordinasi Gugus Tugas PP TPPO Kabupaten Timor Tengah Utara" in text
    assert "dengan menyadari bahwa: a. penanganan korban memerlukan jejaring rujukan;" in text
    assert "bahwa bahwa" not in text and "Menimbang" not in text
    assert "1. Merujuk korban dengan cepat" in text
    assert "Demikian dokumen komitmen bersama ini" in text
    assert "Mengetahui, Ketua Gugus Tugas PP TPPO, Aloysius Kobes" in text
    assert "Nomor: 001/GT-PPTPPO/TTU/I/2022" in text


def test_commitment_signature_table_lists_everyone_alternating(rendered):
    positions: dict[int, tuple[int, int]] = {}  # row number -> (page, column of "n. ....")
    for page_no, page in enumerate(rendered):
        for line in page.splitlines():
            for match in re.finditer(r"(?<![\w.])(\d{1,2})\. \.{5,}", line):
                positions[int(match.group(1))] = (page_no, match.start())
            for found in re.findall(r"Peserta (\d\d)", line):
                positions.setdefault(-int(found), (page_no, 0))
    assert sorted(n for n in positions if n > 0) == list(range(1, 30)), (
        "a signature line is missing"
    )
    assert sorted(-n for n in positions if n < 0) == list(range(1, 30)), "a signatory is missing"
    pairs = 0
    for odd in range(1, 29, 2):
        (page_a, col_a), (page_b, col_b) = positions[odd], positions[odd + 1]
        if page_a == page_b:
            assert col_b > col_a + 3, f"line {odd + 1} should stand to the right of line {odd}"
            pairs += 1
    assert pairs >= 10
    with_rows = [page for page in rendered if "Peserta" in page]
    assert len(with_rows) >= 2
    assert all("Nama" in page and "Tanda Tangan" in page for page in with_rows), (
        "the header row repeats on every page"
    )
