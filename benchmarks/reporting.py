"""Report and export on a large book, against loading the records alone (target: <= 2x).

    python benchmarks/reporting.py [CASES]     (default 10000)

Builds a fictional book with tipref.synthetic in a temporary folder, then times:
loading every case, referral and provider; the report (loading included); the CSV
export; the HTCDS export; the anonymised export. Prints seconds and the ratio to loading.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tipref.book.opening import open_book
from tipref.guidance.synthetic import build_book
from tipref.privacy.anonymise import anonymised_export
from tipref.reporting.export import export_book, load
from tipref.reporting.report import build_report


def timed(action, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "book"
        start = time.perf_counter()
        build_book(root, cases=cases, seed=0)
        print(f"built {cases} cases in {time.perf_counter() - start:.1f} s")
        book = open_book(root, "bench")
        out = Path(folder)

        def report() -> None:
            cases_, referrals, providers = load(book)
            build_report(book, cases=cases_, referrals=referrals, providers=providers)

        def anonymised() -> None:
            cases_, referrals, _ = load(book)
            anonymised_export(cases_, referrals)

        base = timed(lambda: load(book))
        figures = {
            "report (all time)": timed(report),
            "export csv": timed(lambda: export_book(book, "csv", out / "csv")),
            "export htcds (xlsx)": timed(
                lambda: export_book(book, "htcds", out / "h.xlsx"), repeat=1
            ),
            "export htcds (csv files)": timed(
                lambda: export_book(book, "htcds", out / "htcds-csv")
            ),
            "export anonymised (k=11)": timed(anonymised),
        }
        print(f"{'loading records':28s} {base:7.2f} s  1.00x")
        for name, seconds in figures.items():
            print(f"{name:28s} {seconds:7.2f} s  {seconds / base:.2f}x")


if __name__ == "__main__":
    main()
