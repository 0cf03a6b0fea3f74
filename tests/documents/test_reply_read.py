"""Reply slips read back: a provider fills page 2 of the letter, tipref updates the referral."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document

from tipref import clock
from tipref.book.casebook import load_settings, save_settings
from tipref.documents.pdf import find_soffice
from tipref.documents.reply_read import parse_slip_date, read_choice
from tipref.documents.reply_slip import SLIP_CHOICES, SLIP_FIELDS

NOW = "2026-11-28T09:00:00"


@pytest.fixture
def book(tipref, monkeypatch):
    monkeypatch.setenv("TIPREF_NOW", NOW)
    settings = load_settings(tipref.book)
    data = settings.model_dump(mode="json")
    data.setdefault("privacy", {})["require_consent_for_referral"] = False
    save_settings(tipref.book, type(settings).model_validate(data))
    return tipref


@pytest.fixture
def letter(book, victim_case, tmp_path) -> tuple[dict, Path]:
    """A pending health referral to the RSUD and its letter (.docx, reply slip on page 2)."""
    referral = book.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )
    path = tmp_path / "letter.docx"
    book("letter", referral["number"], "--out", str(path))
    return referral, path


def fill(src: Path, dst: Path, lang: str = "en", **rows: str) -> Path:
    """Type into the slip's cells as a provider would (label key -> new cell text)."""
    document = Document(str(src))
    table = document.tables[-1]
    labels = {label: key for key, label in SLIP_FIELDS[lang].items()}
    for row in table.rows:
        key = labels.get(row.cells[0].text)
        if key in rows:
            cell = row.cells[-1]
            for extra in cell.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            cell.paragraphs[0].text = rows.pop(key)
    assert not rows, f"labels not found: {rows}"
    document.save(str(dst))
    return dst


def accepted(src: Path, dst: Path, **more: str) -> Path:
    today = clock.today()
    values = {
        "received_on": today.strftime("%d/%m/%Y"),
        "officer_name": "dr. Agnes Taek",
        "officer_position": "Kepala Instalasi Gawat Darurat",
        "officer_phone": "0812-3456-7890",
        "decision": "☒ Accepted      ☐ Declined",
        "plan": "Pemeriksaan, konseling tiga kali",
        **more,
    }
    return fill(src, dst, **values)


def show(book, number: str) -> dict:
    return book.json("referral", "show", number)


def test_an_accepted_slip_moves_the_referral_and_keeps_the_officer(book, letter, tmp_path):
    referral, path = letter
    slip = accepted(path, tmp_path / "balasan.docx")
    dry = book("referral", "reply", str(slip), "--dry-run")
    assert "Pending → Accepted" in dry.stderr and "dr. Agnes Taek" in dry.stderr
    assert show(book, referral["number"])["status"] == "pending"  # a dry run changes nothing

    book("referral", "reply", str(slip))
    after = show(book, referral["number"])
    assert after["status"] == "accepted"
    reply = after["replies"][0]
    assert reply["officer_name"] == "dr. Agnes Taek"
    assert reply["officer_position"] == "Kepala Instalasi Gawat Darurat"
    assert reply["received_on"] == clock.today().isoformat()
    assert reply["plan"] == "Pemeriksaan, konseling tiga kali"
    assert "dr. Agnes Taek" in after["transitions"][-1]["note"]

    again = book("referral", "reply", str(slip))
    assert "applied before" in again.stderr
    assert show(book, referral["number"])["revision"] == after["revision"]


def test_a_completion_section_after_acceptance_completes_the_referral(book, letter, tmp_path):
    referral, path = letter
    book("referral", "reply", str(accepted(path, tmp_path / "a.docx")))
    finished = (clock.today()).strftime("%d-%m-%Y")
    second = accepted(
        path, tmp_path / "b.docx", finished="☐ Yes      ☒ Not yet", finished_on=""
    )  # section C not yet: the same answer again, nothing to do
    assert "applied before" in book("referral", "reply", str(second)).stderr
    done = accepted(
        path, tmp_path / "c.docx", finished="X Yes      ☐ Not yet", finished_on=finished
    )
    book("referral", "reply", str(done))
    after = show(book, referral["number"])
    assert after["status"] == "completed"
    assert [t["status"] for t in after["transitions"]] == ["pending", "accepted", "completed"]
    assert after["replies"][-1]["finished_on"] == clock.today().isoformat()


def test_accepted_and_finished_on_one_slip_moves_twice(book, letter, tmp_path):
    referral, path = letter
    slip = accepted(path, tmp_path / "a.docx", finished="☑ Yes ☐ Not yet")
    book("referral", "reply", str(slip))
    assert show(book, referral["number"])["status"] == "completed"


def test_a_declined_slip_needs_and_keeps_the_reason(book, letter, tmp_path):
    referral, path = letter
    no_reason = accepted(path, tmp_path / "a.docx", decision="☐ Accepted ☒ Declined")
    result = book("referral", "reply", str(no_reason), ok=False)
    assert result.exit_code == 1 and "a.docx" in result.stderr and "reason" in result.stderr
    slip = accepted(
        path,
        tmp_path / "b.docx",
        decision="☐ Accepted ☒ Declined",
        decline_reason="Tidak ada dokter jiwa",
    )
    book("referral", "reply", str(slip))
    after = show(book, referral["number"])
    assert after["status"] == "declined"
    assert after["transitions"][-1]["reason"] == "Tidak ada dokter jiwa"


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ({"decision": "☒ Accepted      ☒ Declined"}, "ticked twice"),
        ({"decision": "☐ Accepted      ☐ Declined"}, "no tick"),
        ({"check_code": "ABC123"}, "check code 'ABC123' does not match"),
        ({"referral_number": "TTU-R2026-0099"}, "not in this book"),
        ({"officer_name": ""}, "Officer's name"),
        ({"received_on": "besok"}, "not a date"),
        ({"finished": "☒ Yes ☒ Not yet"}, "ticked twice"),
    ],
)
def test_a_doubtful_slip_is_refused_and_nothing_changes(book, letter, tmp_path, rows, words):
    referral, path = letter
    before = show(book, referral["number"])
    slip = accepted(path, tmp_path / "isian.docx", **rows)
    result = book("referral", "reply", str(slip), ok=False)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "isian.docx" in lines[0] and words in lines[0], result.stderr
    assert "Traceback" not in result.output
    assert show(book, referral["number"]) == before


def test_a_slip_from_another_book_is_refused(book, letter, tmp_path, victim_case):
    """Same number, other book: the referral's id differs, so the check code does not match."""
    referral, path = letter
    other = book.json(
        "referral", "new", "--case", victim_case["number"], "--service", "social", "--to", "rsud"
    )
    # the first referral's slip with the other referral's number: an edited number
    slip = accepted(path, tmp_path / "lain.docx", referral_number=other["number"])
    result = book("referral", "reply", str(slip), ok=False)
    assert result.exit_code == 1 and "does not match" in result.stderr
    assert show(book, other["number"])["status"] == "pending"


def test_one_bad_file_among_many_changes_nothing(book, letter, tmp_path):
    referral, path = letter
    good = accepted(path, tmp_path / "good.docx")
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4 not a docx")
    missing = tmp_path / "missing.docx"
    result = book("referral", "reply", str(good), str(broken), str(missing), ok=False)
    assert result.exit_code == 1
    assert "scan.pdf" in result.stderr and "not a .docx" in result.stderr
    assert "missing.docx" in result.stderr
    assert show(book, referral["number"])["status"] == "pending"


def test_the_indonesian_slip_reads_the_same(book, letter, tmp_path):
    referral, _ = letter
    path = tmp_path / "surat.docx"
    book("letter", referral["number"], "--out", str(path), "--lang", "id", "--force")
    today = clock.today()
    slip = fill(
        path,
        tmp_path / "balasan.docx",
        lang="id",
        received_on=f"{today.day} {['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][today.month - 1]} {today.year}",
        officer_name="Bidan Maria",
        decision="☐ Diterima      ✓ Ditolak",
        decline_reason="Rujuk ke RS jiwa",
    )
    book("referral", "reply", str(slip))
    assert show(book, referral["number"])["status"] == "declined"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("☒ Accepted      ☐ Declined", "first"),
        ("☐ Accepted      ☑ Declined", "second"),
        ("X Accepted Declined", "first"),
        ("[ ] Accepted [x] Declined", "second"),
        ("☐ Accepted      ☐ Declined", None),
        ("☐ Diterima      ☒ Ditolak", "second"),
        ("☐ Xavier Accepted ☐ Declined", None),  # an X inside a word is no tick
    ],
)
def test_ticks_as_providers_type_them(text, expected, tmp_path):
    assert read_choice(text, "decision", tmp_path / "s.docx") == expected


def test_slip_dates_as_typed():
    assert parse_slip_date("27/11/2026") == date(2026, 11, 27)
    assert parse_slip_date("27-11-26") == date(2026, 11, 27)
    assert parse_slip_date("2026-11-27") == date(2026, 11, 27)
    assert parse_slip_date("27 Nopember 2026") == date(2026, 11, 27)
    assert parse_slip_date("3 Agustus 2026") == date(2026, 8, 3)
    assert parse_slip_date("") is None
    with pytest.raises(ValueError):
        parse_slip_date("kemarin")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_tick_words_are_the_templates(lang):
    # The build script beside the default templates: the installed package, or the
    # checkout's templates/ folder when tipref is imported from the repository (as in CI).
    import importlib.util

    from tipref.documents.render import default_template_folder

    script = default_template_folder() / "build_templates.py"
    spec = importlib.util.spec_from_file_location("tipref_build_templates", script)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)

    text = build.LETTER_TEXT[lang]
    decision, finished = SLIP_CHOICES[lang]["decision"], SLIP_CHOICES[lang]["finished"]
    assert all(word in text["slip_answer_value"] for word in decision)
    assert all(word in text["slip_done_value"] for word in finished)


def _through_libreoffice(src: Path, out_dir: Path) -> Path:
    """Open and save the .docx in LibreOffice, as a provider's office would."""
    profile = out_dir / "lo-profile"
    out_dir.mkdir(exist_ok=True)
    subprocess.run(
        [
            find_soffice() or "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out_dir / src.name
    assert saved.exists()
    return saved


@pytest.mark.libreoffice
def test_a_slip_saved_by_libreoffice_is_read_back(book, letter, tmp_path):
    """The done-when test: letter, filled slip, saved by a real word processor, read back."""
    referral, path = letter
    filled = accepted(path, tmp_path / "filled.docx", finished="☐ Yes ☐ Not yet")
    saved = _through_libreoffice(filled, tmp_path / "lo")
    assert saved.read_bytes() != filled.read_bytes()  # really rewritten by LibreOffice
    book("referral", "reply", str(saved))
    after = show(book, referral["number"])
    assert after["status"] == "accepted"
    assert after["replies"][0]["officer_name"] == "dr. Agnes Taek"
    # the completion, also through LibreOffice, later
    done = accepted(
        path,
        tmp_path / "done.docx",
        finished="☒ Yes ☐ Not yet",
        finished_on=(clock.today() - timedelta(days=0)).strftime("%d/%m/%Y"),
    )
    book("referral", "reply", str(_through_libreoffice(done, tmp_path / "lo2")))
    assert show(book, referral["number"])["status"] == "completed"
    shutil.rmtree(tmp_path / "lo" / "lo-profile", ignore_errors=True)
