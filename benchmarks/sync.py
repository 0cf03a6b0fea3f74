"""Sync-safety costs (issue #12): do the device logs keep writes flat, doctor cheap and reads fast?

    python benchmarks/sync.py                         # 100 and 10,000 cases (building 10k: ~1 min)
    python benchmarks/sync.py --big 2000              # a quicker run
    python benchmarks/sync.py --work /tmp/syncbench   # keep the books, reuse them next time

Prints the three figures of issue #12 with their targets, each a ratio of interleaved
runs (the machine's load falls on both sides alike):

* ``referral new`` (core call, a fresh Book each time, the case found by its number) at
  the big size against the small one (target <= 1.1x);
* ``doctor`` (report only, a fresh Book each time, the cache warm as on a laptop in use)
  on the big book with no problems, against reading and parsing every record file with a
  bare ``json.load`` loop (target <= 2x); its clock check (#10) is shown apart;
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

from _timing import interleaved, load, median_time

from tipref.schemas.case import Case


def build(work: Path, size: int) -> Path:
    from tipref.guidance.synthetic import build_book

    root = work / f"book-{size}"
    if (root / "tipref.json").exists():
        print(f"{size:>6} cases: reusing {root}", flush=True)
        return root
    started = time.perf_counter()
    build_book(root, size, seed=1)
    print(f"{size:>6} cases built in {time.perf_counter() - started:.1f} s", flush=True)
    return root


def referral_new(roots: dict[int, Path], repeat: int) -> dict[int, float]:
    from tipref.book.opening import open_book
    from tipref.book.referrals import new_referral
    from tipref.schemas.enums import Direction, Service

    calls = {}
    for size, root in roots.items():
        number = open_book(root, "bench").all(Case, where={"status": "active"})[0].number

        def core_call(root=root, number=number):
            book = open_book(root, "bench")  # a fresh book: index and log state from the cache
            new_referral(book, number, Service.health, "rsud", direction=Direction.incoming)

        core_call()  # the first use builds the index and the log state in the cache folder
        calls[str(size)] = core_call
    if hasattr(os, "sync"):
        os.sync()  # the build's writes must not slow the fsyncs measured next
    samples = interleaved(calls, repeat)
    return {int(size): statistics.median(found) for size, found in samples.items()}


def doctor(root: Path, rounds: int) -> tuple[float, float, float, int, int]:
    """Median doctor and bare-read times, the clock check's part, record files, problems."""
    from tipref.book.opening import open_book
    from tipref.sync.clockcheck import future_dates
    from tipref.sync.doctor import diagnose

    files = [
        p for folder in ("cases", "referrals", "providers") for p in (root / folder).glob("*.json")
    ]

    def bare():
        for path in files:
            with open(path, encoding="utf-8") as handle:
                json.load(handle)

    problems = diagnose(open_book(root, "bench"))  # warm: index and log state in the cache
    samples = interleaved(
        {"bare": bare, "doctor": lambda: diagnose(open_book(root, "bench"))}, rounds
    )
    book = open_book(root, "bench")
    rows = {kind: book.index.rows(kind) for kind in book.store.folders}  # as doctor has them
    clock_part = median_time(lambda: future_dates(book.store, rows.__getitem__), 3)
    return (
        statistics.median(samples["doctor"]),
        statistics.median(samples["bare"]),
        clock_part,
        len(files),
        len(problems),
    )


def fork_check(root: Path) -> tuple[float, float, int]:
    from tipref.book.opening import open_book

    book = open_book(root, "bench")
    ids = book.store.ids("case")

    def read_all(check: bool):
        book.store.logs.enabled = check
        for record_id in ids:
            book.store.read("case", record_id)

    read_all(True)
    samples = interleaved({"on": lambda: read_all(True), "off": lambda: read_all(False)}, 15)
    return statistics.median(samples["on"]), statistics.median(samples["off"]), len(ids)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15, help="referral new calls per size")
    parser.add_argument("--rounds", type=int, default=5, help="doctor runs against bare reads")
    parser.add_argument("--work", type=Path, help="a folder to keep the books in, and reuse")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="tipref-bench-sync-"))
    os.environ["TIPREF_CACHE_DIR"] = str(work / "cache")
    os.environ["TIPREF_CONFIG_DIR"] = str(work / "config")
    os.environ["TIPREF_USER"] = "bench"
    print(f"before: {load()}")
    roots = {size: build(work, size) for size in (args.small, args.big)}

    timings = referral_new(roots, args.repeat)
    for size, taken in timings.items():
        print(f"{size:>6} cases: referral new {taken * 1000:.1f} ms", flush=True)
    write_ratio = timings[args.big] / timings[args.small]

    doctor_time, bare_time, clock_part, files, problems = doctor(roots[args.big], args.rounds)
    print(
        f"doctor on {args.big} cases ({files} record files, {problems} problems): "
        f"{doctor_time * 1000:.0f} ms, of which the clock check {clock_part * 1000:.0f} ms; "
        f"bare json.load of every record {bare_time * 1000:.0f} ms"
    )
    on, off, count = fork_check(roots[args.big])
    print(f"reading {count} cases: fork check on {on * 1000:.0f} ms, off {off * 1000:.0f} ms")

    print(f"\nIssue #12 figures ({load()}):")
    print(f"  referral new, {args.big} vs {args.small} cases: {write_ratio:.2f}x (target <= 1.1)")
    print(
        f"  doctor vs bare read, {args.big} cases:     {doctor_time / bare_time:.2f}x (target <= 2)"
    )
    print(f"  read with fork check on vs off:        {on / off:.2f}x (target <= 1.1)")
    print(f"(work folder: {work})")


if __name__ == "__main__":
    sys.exit(main())
