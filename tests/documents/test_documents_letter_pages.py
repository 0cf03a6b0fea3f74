"""Every demo letter, in Indonesian and English, through LibreOffice to PDF, page by page.

An official rejects a letter whose signature or Tembusan spills onto a page of its own:
each letter must be exactly two pages, the letter with its signature block and Tembusan
on page 1 and the reply slip alone on page 2 (DOMAIN.md §5). Skipped without LibreOffice,
required where TIPREF_REQUIRE_LIBREOFFICE=1 (CI).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tipref.cli import cli
from tipref.documents.pdf import convert_to_pdf, find_soffice

pytestmark = pytest.mark.libreoffice

NOW = "2026-11-28T09:00:00"


@pytest.fixture(scope="module", autouse=True)
def need_tools():
    missing = [
        name
        for name, found in (("soffice", find_soffice()), ("pdftotext", shutil.which("pdftotext")))
        if not found
    ]
    if missing:
        if os.environ.get("TIPREF_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(f"TIPREF_REQUIRE_LIBREOFFICE=1 but {', '.join(missing)} is missing")
        pytest.skip(f"{', '.join(missing)} not installed")


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return result


def pages(pdf: Path) -> list[str]:
    """The text of each page, laid out (pdftotext -layout), runs of spaces made one."""
    raw = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = [" ".join(page.split()) for page in raw.split("\f")]
    return found[:-1] if found and not found[-1] else found


def layout_lines(pdf: Path, page: int = 1) -> list[str]:
    """The lines of one page as pdftotext -layout sets them, stripped."""
    raw = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.strip() for line in raw.splitlines() if line.strip()]


KOP = [
    "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
    "DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK",
    "UPTD PPA KABUPATEN TIMOR TENGAH UTARA (FIKTIF)",
]


@pytest.fixture(scope="module")
def demo_pdfs(tmp_path_factory) -> dict[str, list[tuple[str, Path]]]:
    """The demo's letters as it made them (Indonesian) and the same letters in English."""
    old = os.environ.get("TIPREF_NOW")
    os.environ["TIPREF_NOW"] = NOW
    try:
        root = tmp_path_factory.mktemp("pages") / "demo"
        run("demo", str(root), "--json")
        register = json.loads(run("--book", str(root), "letter", "list", "--json").stdout)
        english = root / "english"
        english.mkdir()
        for entry in register:
            run(
                "--book",
                str(root),
                "letter",
                entry["referral"],
                "--lang",
                "en",
                "--out",
                str(english),
            )
    finally:
        if old is None:
            os.environ.pop("TIPREF_NOW", None)
        else:
            os.environ["TIPREF_NOW"] = old
    made = {
        "id": sorted((root / "dokumen").glob("surat-rujukan-*.docx")),
        "en": sorted(english.glob("referral-letter-*.docx")),
    }
    assert len(made["id"]) == len(made["en"]) == len(register) >= 8
    pdfs = convert_to_pdf(made["id"] + made["en"])
    by_lang: dict[str, list[tuple[str, Path]]] = {"id": [], "en": []}
    for pdf in pdfs:
        by_lang["id" if pdf.name.startswith("surat") else "en"].append((pdf.stem, pdf))
    return by_lang


BLOCKS = {
    "id": {
        "page1": [
            "RAHASIA",
            "Nomor :",
            "Sifat : Rahasia",
            "Lampiran : 2 (dua) berkas",
            "Hal :",
            "Yth. ",
            " di ",
            "Dengan hormat,",
            "Layanan yang sudah diberikan:",
            "narahubung Elisabeth Oki (fiktif)",
            "Demikian surat rujukan ini",
            "Kepala UPTD PPA,",
            "Yohana Kefi, S.Sos (fiktif)",
            "NIP 197501012000032001",
            "Tembusan: 1. Ketua Harian Gugus Tugas PP TPPO",
            "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
            "DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK",
            "UPTD PPA KABUPATEN TIMOR TENGAH UTARA (FIKTIF)",
            "Kode Pos 85613",
        ],
        "page2": [
            "RAHASIA",
            "LEMBAR BALASAN RUJUKAN",
            "Kode cek",
            "Tanggal surat diterima",
            "Rencana layanan",
            "Dirujuk lanjut ke",
            "C. Penyelesaian layanan",
            "Tanda tangan dan cap",
        ],
        "not_page2": ["Tembusan", "Dengan hormat", "NIP"],
    },
    "en": {
        "page1": [
            "CONFIDENTIAL (RAHASIA)",
            "Number :",
            "Class : Confidential",
            "Enclosure : 2 (two) files",
            "Subject :",
            "To: ",
            " in ",
            "Dear Sir or Madam,",
            "Services already given:",
            "contact person Elisabeth Oki (fiktif)",
            "Thank you for your attention and cooperation.",
            "Yours faithfully,",
            "Yohana Kefi, S.Sos (fiktif)",
            "NIP 197501012000032001",
            "Copies to: 1. Ketua Harian Gugus Tugas PP TPPO",
            "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
        ],
        "page2": [
            "CONFIDENTIAL (RAHASIA)",
            "REFERRAL REPLY SLIP",
            "Check code",
            "Date letter received",
            "Service plan",
            "Referred on to",
            "C. Service completed",
            "Signature and stamp",
        ],
        "not_page2": ["Copies to", "Dear Sir", "NIP"],
    },
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_demo_letter_is_two_pages_letter_then_slip(demo_pdfs, lang):
    blocks = BLOCKS[lang]
    for name, pdf in demo_pdfs[lang]:
        found = pages(pdf)
        assert len(found) == 2, f"{name}: {len(found)} pages"
        first, second = found
        for block in blocks["page1"]:
            assert block in first, f"{name} page 1 lacks {block!r}"
        for block in blocks["page2"]:
            assert block in second, f"{name} page 2 lacks {block!r}"
        for block in blocks["not_page2"]:
            assert block not in second, f"{name}: {block!r} spilled onto the reply slip's page"
        assert first.count(blocks["page1"][0]) >= 2, f"{name}: RAHASIA at top and bottom"
        assert re.search(r"-\s?2\s?-", second), f"{name}: page 2 is numbered"
        lines = layout_lines(pdf)
        for level in KOP:  # one line per level of the letterhead, never wrapped
            assert level in lines, f"{name}: letterhead line {level!r} wrapped"
        assert not re.search(r"-\s?1\s?-", first), f"{name}: page numbers start on page 2"


def test_demo_shows_both_disclosures_and_witness_wording(demo_pdfs):
    texts = {name: pages(pdf)[0] for name, pdf in demo_pdfs["id"]}
    initials_only = [n for n, t in texts.items() if "Inisial :" in t]
    full = [n for n, t in texts.items() if "Nama lengkap :" in t]
    assert initials_only and full
    witness = [t for t in texts.values() if "seorang saksi dalam perkara" in t]
    assert witness and all("Identitas saksi wajib dirahasiakan" in t for t in witness)
    child = [t for t in texts.values() if "seorang anak korban" in t]
    assert child and all("Pendamping :" in t for t in child)
    assert any("di Kupang" in t for t in texts.values())
    assert any("di Tempat" in t for t in texts.values())


def test_letter_with_logo_keeps_one_line_per_level(tmp_path, monkeypatch):
    """Beside a logo the letterhead's lines are narrower: still one line each, two pages."""
    from PIL import Image

    monkeypatch.setenv("TIPREF_NOW", NOW)
    root = tmp_path / "demo"
    run("demo", str(root), "--json")
    Image.new("RGB", (200, 240), (20, 90, 40)).save(root / "templates" / "logo.png")
    settings = json.loads((root / "tipref.json").read_text("utf-8"))
    settings["organisation"]["logo"] = "templates/logo.png"
    (root / "tipref.json").write_text(json.dumps(settings), "utf-8")
    referral = json.loads(run("--book", str(root), "letter", "list", "--json").stdout)[0]
    made = json.loads(
        run(
            "--book",
            str(root),
            "letter",
            referral["referral"],
            "--out",
            str(tmp_path / "l.docx"),
            "--pdf",
            "--json",
        ).stdout
    )
    pdf = Path(made["pdf"])
    assert len(pages(pdf)) == 2
    lines = layout_lines(pdf)
    for level in KOP:
        assert any(line.endswith(level) for line in lines), f"{level!r} wrapped beside the logo"
