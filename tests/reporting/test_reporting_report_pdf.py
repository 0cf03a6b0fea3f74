"""The six-monthly evaluation report of the demo book through a real LibreOffice.

Read back page by page with pdftotext: the report's parts, table words never split
inside a cell on A4 portrait, every chart on the page of its table's heading or the
next. Skipped without LibreOffice, unless TIPREF_REQUIRE_LIBREOFFICE=1 makes it a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from tipref.cli import cli
from tipref.documents.evaluation import CHARTS
from tipref.documents.pdf import convert_to_pdf, find_soffice
from tipref.i18n import translation
from tipref.reporting.report_text import TABLE_TITLES

pytestmark = pytest.mark.libreoffice


@pytest.fixture(autouse=True)
def need_libreoffice():
    if find_soffice() and shutil.which("pdftotext") and shutil.which("pdfimages"):
        return
    if os.environ.get("TIPREF_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("LibreOffice (soffice), pdftotext and pdfimages are required here")
    pytest.skip("LibreOffice (soffice) or poppler-utils not installed")


def run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    root = tmp_path_factory.mktemp("report-pdf")
    run("demo", root / "book")
    made = {}
    for lang in ("id", "en"):
        docx = root / f"evaluasi-{lang}.docx"
        run("--book", root / "book", "--lang", lang, "report", "--docx", docx)
        made[lang] = docx
    pdfs = convert_to_pdf(list(made.values()))
    return {lang: (docx, pdf) for (lang, docx), pdf in zip(made.items(), pdfs, strict=True)}


def pages(pdf: Path, layout: bool = False) -> list[str]:
    command = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split("\f")


def flat(text: str) -> str:
    return " ".join(text.split())


PARTS = {
    "id": [
        "Nomor",
        "Sifat",
        "Lampiran",
        "Hal",
        "Yth. Bupati Timor Tengah Utara",
        "LAPORAN EVALUASI ENAM BULANAN PELAYANAN TERPADU",
        "Data per",
        "I. PENDAHULUAN",
        "II. DASAR HUKUM",
        "Undang-Undang Nomor 21 Tahun 2007",
        "Peraturan Pemerintah Nomor 9 Tahun 2008",
        "III. KEGIATAN",
        "IV. HASIL PELAYANAN",
        "V. KENDALA",
        "VI. REKOMENDASI",
        "VII. KOMITMEN BERSAMA",
        "ditandatangani 29 orang peserta",
        "Tindak lanjut: [diisi oleh Sekretariat Gugus Tugas]",
        "VIII. PENUTUP",
        "Kepala UPTD PPA",
        "NIP 197501012000032001",
        "Tembusan:",
        "Ketua Gugus Tugas PP TPPO",
    ],
    "en": [
        "Number",
        "Subject",
        "To: Bupati Timor Tengah Utara",
        "SIX-MONTHLY EVALUATION REPORT OF THE INTEGRATED SERVICE",
        "Data as of",
        "I. INTRODUCTION",
        "II. LEGAL BASIS",
        "III. ACTIVITIES",
        "IV. RESULTS BY SERVICE",
        "V. OBSTACLES",
        "VI. RECOMMENDATIONS",
        "VII. JOINT COMMITMENTS",
        "signed by 29 participants",
        "VIII. CLOSING",
        "Copies to:",
    ],
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_report_has_its_parts_in_order(reports, lang):
    text = flat("\n".join(pages(reports[lang][1])))
    at = 0
    for part in PARTS[lang]:  # each part after the one before it
        found = text.find(part, at)
        assert found >= 0, f"{part!r} missing, or not after the part before it"
        at = found + len(part)
    assert "Pasal 22" not in text and "Gugus Tugas PP TPPO Laporan" not in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_word_is_split_inside_a_table_cell(reports, lang):
    docx, pdf = reports[lang]
    layout_text = "\n".join(pages(pdf, layout=True))
    split = []
    for table in Document(str(docx)).tables:
        for row in table.rows:
            for cell in row.cells:
                for word in re.findall(r"[^\s/()]{4,}", cell.text):
                    if not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", layout_text):
                        split.append(word)
    assert not split, f"words broken across lines in table cells: {sorted(set(split))}"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_chart_follows_its_table(reports, lang):
    _, pdf = reports[lang]
    texts = [flat(page) for page in pages(pdf)]
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    image_pages = sorted(
        int(line.split()[0]) - 1 for line in listing if line.split()[2:3] == ["image"]
    )
    chart_titles = [translation(lang).gettext(TABLE_TITLES[table_id]) for table_id in CHARTS]
    heading_pages = []
    for title in chart_titles:
        found = [i for i, page in enumerate(texts) if title in page]
        assert found, f"table {title!r} missing"
        heading_pages.append(found[0])
    assert len(image_pages) == len(CHARTS), "one chart per charted table, none empty"
    ordered = sorted(zip(heading_pages, chart_titles, strict=True))
    for (heading_page, title), image_page in zip(ordered, image_pages, strict=True):
        assert image_page in (heading_page, heading_page + 1), (
            f"chart of {title!r} on page {image_page + 1}, its table on {heading_page + 1}"
        )
