"""How long the SOP's own papers take to make (#19): invitation, minutes (30 attendees),
identification form, consent form; and, with LibreOffice, the four as PDF in one run.

Run: python benchmarks/sop_papers.py [RUNS]
Prints the median time per .docx (through the core, the book already open) and the PDF
conversion time, with the ratio to the referral letter's time on the same book.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from _timing import median_time  # benchmarks/_timing.py, beside this script


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TIPREF_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["TIPREF_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ.setdefault("TIPREF_USER", "benchmark")
        from tipref import clock
        from tipref.book.cases import open_case
        from tipref.book.conferences import new_conference, record_minutes
        from tipref.book.identification import identify
        from tipref.book.opening import create_book
        from tipref.book.providers import add_provider
        from tipref.book.referrals import new_referral
        from tipref.documents import conference as papers
        from tipref.documents.consent_form import write_consent_form
        from tipref.documents.identification import write_identification_form
        from tipref.documents.letters import make_letter
        from tipref.guidance.seed import example_network
        from tipref.reporting.attendance import read_attendance
        from tipref.schemas.enums import Exploitation, Service, TraffickingStatus
        from tipref.schemas.identification import Process
        from tipref.schemas.settings import BookSettings

        root, out = Path(tmp) / "book", Path(tmp) / "out"
        settings = BookSettings.model_validate(
            {
                "organisation": {
                    "name": "UPTD PPA Benchmark",
                    "code": "BM",
                    "district": "Timor Tengah Utara",
                    "city": "Kefamenanu",
                }
            }
        )
        book = create_book(root, settings, "benchmark")
        for provider in example_network("Timor Tengah Utara", "Kefamenanu"):
            add_provider(book, provider)
        today = clock.today()
        case = open_case(book, {"name": "Contoh Nama", "sex": "female", "estimated_age": 16}, {})
        referral, _ = new_referral(book, case.id, Service.health, "rsud")
        conference = new_conference(book, case.id, today, "Ruang rapat", ["rsud", "dinsos"])
        sheet = Path(tmp) / "hadir.csv"
        rows = [f"Peserta {i},Instansi {i},Jabatan {i}" for i in range(30)]
        sheet.write_text("Nama,Instansi,Jabatan\n" + "\n".join(rows) + "\n", encoding="utf-8")
        record_minutes(book, conference.id, read_attendance(sheet).rows, "Pembahasan", ["K"])
        identify(book, case.id, TraffickingStatus.actual, "uptd-ppa", today,
                 [Process.recruitment], [], [Exploitation.forced_labour])  # fmt: skip
        made = {
            "referral letter": lambda: make_letter(book, referral.id, out / "l.docx", force=True),
            "invitation": lambda: papers.write_invitation(book, conference.id, out / "u.docx", force=True),
            "minutes (30)": lambda: papers.write_minutes(book, conference.id, out / "n.docx", force=True),
            "identification": lambda: write_identification_form(book, case.id, None, out / "i.docx", force=True),
            "consent form": lambda: write_consent_form(book, case.id, None, out / "p.docx", force=True),
        }  # fmt: skip
        base = None
        for name, make in made.items():
            seconds = median_time(make, runs)
            base = base or seconds
            print(
                f"{name:18} median {seconds * 1000:7.1f} ms   ratio to the letter {seconds / base:5.2f}"
            )
        from tipref.documents.pdf import convert_to_pdf, find_soffice

        if find_soffice():
            docs = [out / f"{n}.docx" for n in "unip"]
            start = time.perf_counter()
            convert_to_pdf(docs)
            print(
                f"PDF of the four papers, one LibreOffice run: {time.perf_counter() - start:.1f} s"
            )


if __name__ == "__main__":
    main()
