"""The SOP's own papers through a real LibreOffice, read back page by page with pdftotext:
the invitation, the minutes (a long attendance list), the identification form and the
consent form (#19). Skipped without LibreOffice, unless TIPREF_REQUIRE_LIBREOFFICE=1.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import FROZEN_NOW

from tipref.documents.pdf import convert_to_pdf

pytestmark = pytest.mark.libreoffice


def pages(path: Path) -> list[str]:
    raw = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in raw.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """All four papers of one case, in Indonesian, converted in one LibreOffice run.

    Module-scoped (one LibreOffice run for four tests), so it sets up what the
    function-scoped ``isolated_env`` of conftest would: the frozen clock, its own
    config and cache folders, the user."""
    with pytest.MonkeyPatch.context() as env:
        home = tmp_path_factory.mktemp("sop-pdf-home")
        env.setenv("TIPREF_CONFIG_DIR", str(home / "config"))
        env.setenv("TIPREF_CACHE_DIR", str(home / "cache"))
        env.setenv("TIPREF_USER", "Tester")
        env.setenv("TIPREF_NOW", FROZEN_NOW)
        for name in ("TIPREF_BOOK", "TIPREF_LANG", "TIPREF_KEY", "TIPREF_PASSPHRASE"):
            env.delenv(name, raising=False)
        return _make_papers(tmp_path_factory)


def _make_papers(tmp_path_factory) -> dict[str, list[str]]:
    from click.testing import CliRunner
    from conftest import Tipref

    from tipref.cli import cli

    root = tmp_path_factory.mktemp("sop-pdf")
    book = root / "book"
    result = CliRunner().invoke(
        cli,
        ["init", str(book), "--name", "UPTD PPA Kabupaten Timor Tengah Utara", "--code", "TTU",
         "--city", "Kefamenanu", "--address", "Jl. Sudirman No. 1, Kefamenanu",
         "--phone", "0388-31234", "--signer-name", "Yohana Kefi, S.Sos",
         "--signer-position", "Kepala UPTD PPA", "--signer-nip", "197501012000032001",
         "--book-lang", "id", "--seed-network"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    tipref = Tipref(book)
    case = tipref.json(
        "case", "new", "--name", "Maria Ulu", "--sex", "female", "--birth-date", "2010-03-14",
        "--opened", "2026-11-01",
    )  # fmt: skip
    tipref("referral", "new", "--case", case["number"], "--service", "health", "--to", "rsud")
    conference = tipref.json(
        "conference", "new", "--case", case["number"], "--date", "today", "--time", "09:00",
        "--place", "Ruang rapat UPTD PPA", "--invite", "rsud", "--invite", "dinsos",
        "--invite", "posbakum", "--invite", "polres", "--agenda", "Rencana layanan korban",
    )  # fmt: skip
    attendance = root / "hadir.csv"
    rows = [f"Peserta Nomor {i:02d},Instansi {i:02d},Jabatan {i:02d}" for i in range(1, 31)]
    attendance.write_text("Nama,Instansi,Jabatan\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = root / "out"
    tipref("conference", "invite", conference["number"], "--out", out / "undangan.docx")
    tipref(
        "conference", "minutes", conference["number"], "--attendance", attendance,
        "--discussion", "Kondisi korban stabil.", "--decision", "Pendampingan diteruskan.",
        "--refer", "legal:posbakum", "--out", out / "notulen.docx",
    )  # fmt: skip
    tipref(
        "case", "identify", case["number"], "--status", "ActualVictimOfTrafficking",
        "--process", "recruitment", "--purpose", "ForcedLabour", "--indicator", "documents-held",
        "--decided-by", "uptd-ppa", "--date", "today", "--out", out / "identifikasi.docx",
    )  # fmt: skip
    tipref("consent", "form", case["number"], "--bilingual", "--out", out / "persetujuan.docx")
    names = ("undangan", "notulen", "identifikasi", "persetujuan")
    pdfs = convert_to_pdf([out / f"{name}.docx" for name in names])
    return {name: pages(pdf) for name, pdf in zip(names, pdfs, strict=True)}


def test_invitation_is_one_confidential_page(papers):
    (page,) = papers["undangan"]
    assert page.startswith("RAHASIA")
    assert "Undangan Rapat Koordinasi Kasus" in page and "Sifat : Rahasia" in page
    assert "Yth." in page and "1. Direktur RSUD" in page and "4." in page
    assert "Ruang rapat UPTD PPA" in page and "09:00 WITA" in page
    assert "Yohana Kefi, S.Sos" in page and "NIP 197501012000032001" in page
    assert "Maria Ulu" not in page and "M.U." in page


def test_minutes_keep_the_signature_table_whole(papers):
    minutes = papers["notulen"]
    assert len(minutes) >= 2
    assert all(page.startswith("RAHASIA") for page in minutes)
    text = " ".join(minutes)
    assert "NOTULEN RAPAT KOORDINASI KASUS" in minutes[0]
    for i in range(1, 31):
        assert f"Peserta Nomor {i:02d}" in text
    # the header row repeats on every page the table runs onto
    table_pages = [p for p in minutes if "Peserta Nomor" in p]
    assert all("Tanda Tangan" in p for p in table_pages)
    assert "Pendampingan diteruskan." in text
    assert "rujukan TTU-R" in text.replace("- ", "-")  # a number may wrap at its hyphen
    assert "Maria Ulu" not in text


def test_identification_form_pages(papers):
    form = papers["identifikasi"]
    assert len(form) == 1, [len(p) for p in form]  # the whole form on one page
    text = " ".join(form)
    assert "FORMULIR IDENTIFIKASI" in form[0]
    assert "☒ Perekrutan" in text and "unsur cara tidak diperlukan" in text
    assert "Yohana Kefi, S.Sos" in form[-1]


def test_consent_form_pages(papers):
    form = papers["persetujuan"]
    assert len(form) <= 3, [len(p) for p in form]
    text = " ".join(form)
    assert "PERNYATAAN PERSETUJUAN" in form[0]
    assert "Whom to ask" in text  # bilingual
    assert "☐ 1. RSUD Kabupaten: Rehabilitasi Kesehatan" in text  # a book with no district
    assert "Orang tua / wali" in form[-1] and "Maria Ulu" in form[-1]
