"""Lists benchmark (issue #21): ``case list --search`` against ``case list --json``.

    python benchmarks/lists.py                 # the demo book and a 10,000-case book
    python benchmarks/lists.py --big 2000      # a quicker run
    python benchmarks/lists.py --book PATH     # an existing big book instead of building one

In-process (the core call and the JSON the command prints), medians of interleaved runs:
``case list --search`` by a name and by NIK digits over ``case list --json``
(target <= 1.2x), on the demo book and on the big book.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--book", type=Path, help="an existing big book")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tipref-lists-"))
    os.environ.setdefault("TIPREF_CACHE_DIR", str(work / "cache"))
    os.environ.setdefault("TIPREF_CONFIG_DIR", str(work / "config"))
    os.environ.setdefault("TIPREF_USER", "bench")

    import orjson

    from tipref.book.cases import list_cases
    from tipref.book.opening import open_book
    from tipref.guidance.demo import build_demo
    from tipref.guidance.synthetic import build_book

    books = {"demo": work / "demo"}
    build_demo(books["demo"])
    if args.book:
        books["big"] = args.book
    else:
        books["big"] = work / "big"
        build_book(books["big"], args.big, seed=1)

    for label, root in books.items():
        book = open_book(root, "bench")
        every = list_cases(book)  # warm the index
        person = every[len(every) // 2]["persons"][0]
        name = person["name"].split()[0].upper()
        nik = (person.get("nik") or "5303")[:8]
        searches = {"case list --json": None, f"--search {name}": name, f"--search {nik}": nik}
        times: dict[str, list[float]] = {key: [] for key in searches}
        for _ in range(args.repeat):
            for key, text in searches.items():
                started = time.perf_counter()
                orjson.dumps(list_cases(book, search=text))
                times[key].append(time.perf_counter() - started)
        base = statistics.median(times["case list --json"])
        print(f"{label} book, {len(every)} cases, median of {args.repeat}:")
        for key, values in times.items():
            seconds = statistics.median(values)
            print(f"  {key:28} {seconds * 1000:8.1f} ms  {seconds / base:4.2f}x (target <= 1.2)")


if __name__ == "__main__":
    main()
