"""How long reading filled reply slips back takes (#20), and the SOP papers of part 2.

Run: python benchmarks/reply_slips.py [SLIPS]
Makes SLIPS referrals with their letters, fills every slip as a provider would (python-docx),
then times one `referral reply` over all of them (read + match, then apply), per slip and in
total, with the ratio to writing one referral letter. Also the median time of the police
report letter, a berita acara serah terima and the family acceptance statement.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _timing import median_time  # benchmarks/_timing.py, beside this script


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TIPREF_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["TIPREF_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ.setdefault("TIPREF_USER", "benchmark")
        from tipref import clock
        from tipref.book.cases import open_case
        from tipref.book.handovers import new_handover
        from tipref.book.opening import create_book
        from tipref.book.providers import add_provider
        from tipref.book.referrals import new_referral
        from tipref.documents.handover import write_handover_document
        from tipref.documents.letters import make_letter
        from tipref.documents.police_report import make_police_report
        from tipref.documents.reply_read import apply_reply, plan_replies
        from tipref.guidance.demo_paperwork import fill_slip, provider_answer
        from tipref.guidance.seed import example_network
        from tipref.schemas.enums import Service
        from tipref.schemas.settings import BookSettings

        root, out = Path(tmp) / "book", Path(tmp) / "out"
        out.mkdir()
        settings = BookSettings.model_validate(
            {"organisation": {"name": "UPTD PPA Benchmark", "code": "BM", "city": "Kefamenanu"},
             "privacy": {"require_consent_for_referral": False}}
        )  # fmt: skip
        book = create_book(root, settings, "benchmark")
        for provider in example_network("Timor Tengah Utara", "Kefamenanu"):
            add_provider(book, provider)
        today = clock.today()
        case = open_case(book, {"name": "Contoh Nama", "sex": "female", "estimated_age": 16}, {})
        slips, letter_times = [], []
        for i in range(count):
            referral, _ = new_referral(book, case.id, Service.health, "rsud")
            start = time.perf_counter()
            result = make_letter(book, referral.id, out / f"l{i}.docx")
            letter_times.append(time.perf_counter() - start)
            answer = provider_answer(today, finished_on=today if i % 2 else None)
            slips.append(
                fill_slip(result.path, out / f"balasan-{i}.docx", answer, result.record.lang)
            )
        letter = statistics.median(letter_times)
        start = time.perf_counter()
        plans, refused = plan_replies(book, slips)
        read = time.perf_counter() - start
        assert not refused, refused
        start = time.perf_counter()
        for plan in plans:
            apply_reply(book, plan)
        applied = time.perf_counter() - start
        per = (read + applied) / count
        print(f"referral letter (median of {count}): {letter * 1000:7.1f} ms")
        print(f"{count} slips: read and matched {read:.2f} s, applied {applied:.2f} s")
        print(f"per slip {per * 1000:7.1f} ms   ratio to the letter {per / letter:5.2f}")

        leg, _ = new_handover(book, case.id, "dinsos", "family", today, None, "Ibu", "Ibu")
        made = {
            "police report": lambda: make_police_report(book, case.id, out=out / "p.docx", force=True),
            "berita acara": lambda: write_handover_document(book, leg.id, "handover", out / "h.docx", force=True),
            "acceptance": lambda: write_handover_document(book, leg.id, "acceptance", out / "a.docx", force=True),
        }  # fmt: skip
        for name, make in made.items():
            seconds = median_time(make, 10)
            print(
                f"{name:14} median {seconds * 1000:7.1f} ms   ratio to the letter {seconds / letter:5.2f}"
            )


if __name__ == "__main__":
    main()
