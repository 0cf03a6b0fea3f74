"""The SOP's own papers in the demo book: an identification decision with its form, a
consent form to sign, and a case conference with its invitation and minutes.

Names are fictional and marked as such, like the rest of the demo (tipref.guidance.demo).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tipref.book.casebook import Book
from tipref.schemas.enums import Exploitation, TraffickingStatus
from tipref.schemas.identification import Indicator, Means, Process

ATTENDANCE = (
    "Nama,Instansi,Jabatan\n"
    "Elisabeth Kefi (fiktif),UPTD PPA Kab. TTU,Kepala UPTD\n"
    "Yakobus Taolin (fiktif),Dinas Sosial Kab. TTU,Pekerja sosial\n"
    "Theresia Sanam (fiktif),Posbakum Kefamenanu,Paralegal\n"
    "Kornelis Oki (fiktif),Polres TTU,Penyidik unit PPA\n"
)


def add_sop_papers(book: Book, cases: list[str], folder: Path, today: date) -> list[str]:
    """Papers for the first three demo cases; returns their paths relative to the book."""
    made = [_identification(book, cases[1], folder, today)]
    made.append(_consent_form(book, cases[0], folder))
    made += _conference(book, cases[2], folder, today)
    return [str(path.relative_to(book.root).as_posix()) for path in made]


def _identification(book: Book, case: str, folder: Path, today: date) -> Path:
    from tipref.book.identification import identify
    from tipref.documents.identification import write_identification_form

    identify(
        book,
        case,
        TraffickingStatus.actual,
        "uptd-ppa",
        today - timedelta(days=5),
        [Process.recruitment, Process.sending, Process.receipt],
        [Means.deception, Means.debt_bondage],
        [Exploitation.servitude],
        [Indicator.unpaid_wages, Indicator.documents_held, Indicator.restricted_movement],
        note="Wawancara identifikasi di UPTD PPA (fiktif).",
    )
    _, path, _ = write_identification_form(book, case, None, f"{folder}/", force=True)
    return path


def _consent_form(book: Book, case: str, folder: Path) -> Path:
    from tipref.documents.consent_form import write_consent_form

    _, _, path, _ = write_consent_form(book, case, None, f"{folder}/", force=True)
    return path


def _conference(book: Book, case: str, folder: Path, today: date) -> list[Path]:
    from tipref.book.conferences import new_conference, record_minutes
    from tipref.documents.conference import write_invitation, write_minutes

    conference = new_conference(
        book,
        case,
        today - timedelta(days=1),
        "Ruang rapat UPTD PPA Kabupaten TTU",
        ["dinsos", "posbakum", "polres"],
        "09:00",
        "Rencana layanan korban dan pendampingan pemeriksaan (fiktif)",
    )
    invitation = write_invitation(book, conference.id, f"{folder}/", force=True)
    attendance = folder / "daftar-hadir-rapat.csv"
    attendance.write_text(ATTENDANCE, encoding="utf-8")
    from tipref.reporting.attendance import read_attendance

    record_minutes(
        book,
        conference.id,
        read_attendance(attendance).rows,
        "Korban dan saksi siap memberi keterangan; rumah aman masih tersedia (fiktif).",
        ["Paralegal mendampingi korban pada pemeriksaan di Polres."],
    )
    minutes = write_minutes(book, conference.id, f"{folder}/", force=True)
    return [invitation.path, minutes.path, attendance]
