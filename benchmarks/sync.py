"""Sync-safety costs (issue #12): do the device logs keep writes flat, doctor cheap and reads fast?

    python benchmarks/sync.py              # 100 and 10,000 cases (building 10k takes a while)
    python benchmarks/sync.py --big 2000   # a quicker run

Prints, with ratios against their targets:

* ``referral new`` (core call, a fresh Book each time, the number resolved) at the small
  and the big size (target <= 1.1x);
* ``doctor`` (report only) on the big book with no problems, against reading and parsing
  every record file with a bare ``json.load`` loop (target <= 2x);
* reading every case through the store with the fork check on and off (target <= 1.1x).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tipref.schemas.case import Case


def median_time(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tipref-bench-sync-"))
    os.environ["TIPREF_CACHE_DIR"] = str(work / "cache")
    os.environ["TIPREF_CONFIG_DIR"] = str(work / "config")
    os.environ["TIPREF_USER"] = "bench"

    from tipref.book.opening import open_book
    from tipref.book.referrals import new_referral
    from tipref.guidance.synthetic import build_book
    from tipref.schemas.enums import Direction, Service
    from tipref.sync.doctor import diagnose

    calls = {}
    for size in (args.small, args.big):
        root = work / f"book-{size}"
        started = time.perf_counter()
        build_book(root, size, seed=1)
        print(f"{size:>6} cases built in {time.perf_counter() - started:.1f} s", flush=True)
        number = open_book(root, "bench").all(Case, where={"status": "active"})[0].number

        def core_call(root=root, number=number):
            book = open_book(root, "bench")  # a fresh book: index and log state from the cache
            new_referral(book, number, Service.health, "rsud", direction=Direction.incoming)

        core_call()  # the first use builds the index and the log state in the cache folder
        calls[size] = core_call
    if hasattr(os, "sync"):
        os.sync()  # the build's writes must not slow the fsyncs measured next
    samples: dict[int, list[float]] = {args.small: [], args.big: []}
    for _ in range(args.repeat):  # interleaved: the machine's load hits both sizes alike
        for size in (args.small, args.big):
            samples[size].append(median_time(calls[size], 1))
    timings = {size: statistics.median(found) for size, found in samples.items()}
    for size, taken in timings.items():
        print(f"{size:>6} cases: referral new {taken * 1000:.1f} ms", flush=True)
    ratio = timings[args.big] / timings[args.small]
    print(f"referral new {args.big}/{args.small}: {ratio:.2f}x (target <= 1.1)")

    root = work / f"book-{args.big}"
    files = [
        p for folder in ("cases", "referrals", "providers") for p in (root / folder).glob("*.json")
    ]

    def bare():
        for path in files:
            with open(path, encoding="utf-8") as handle:
                json.load(handle)

    bare_time = median_time(bare, 3)
    diagnose(open_book(root, "bench"))  # warm: index and log state in the cache, as in use
    doctor_time = median_time(lambda: diagnose(open_book(root, "bench")), 3)
    problems = diagnose(open_book(root, "bench"))
    from tipref.sync.clockcheck import future_dates

    clock_part = median_time(lambda: future_dates(open_book(root, "bench").store), 3)
    print(
        f"doctor without its future-date check ({clock_part * 1000:.0f} ms, issue #10): "
        f"{(doctor_time - clock_part) * 1000:.0f} ms = "
        f"{(doctor_time - clock_part) / bare_time:.2f}x the bare read"
    )
    print(
        f"doctor on {args.big} cases ({len(files)} record files, {len(problems)} problems): "
        f"{doctor_time * 1000:.0f} ms; bare json.load of every record {bare_time * 1000:.0f} ms; "
        f"{doctor_time / bare_time:.2f}x (target <= 2)"
    )

    book = open_book(root, "bench")
    ids = book.store.ids("case")

    def read_all(check: bool):
        book.store.logs.enabled = check
        for record_id in ids:
            book.store.read("case", record_id)

    read_all(True)
    ons, offs = [], []
    for _ in range(7):  # interleaved: the machine's load hits both alike
        ons.append(median_time(lambda: read_all(True), 1))
        offs.append(median_time(lambda: read_all(False), 1))
    on, off = statistics.median(ons), statistics.median(offs)
    print(
        f"reading {len(ids)} cases: fork check on {on * 1000:.0f} ms, off {off * 1000:.0f} ms, "
        f"{on / off:.2f}x (target <= 1.1)"
    )
    print(f"(work folder: {work})")


if __name__ == "__main__":
    sys.exit(main())
