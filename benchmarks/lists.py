"""Lists benchmark (issue #21): large books listed from the local index.

    python benchmarks/lists.py                          # builds a 10,000-case book (minutes)
    python benchmarks/lists.py --book /tmp/big10k       # that book; built there if missing
    python benchmarks/lists.py --big 2000 --repeat 5    # a quicker run

Prints, with medians of interleaved runs:

- ``case list --json`` at N cases over a bare ``json.load`` loop over the case files,
  in-process (the core call, its JSON written to /dev/null) and as whole processes
  (target <= 1.0x both), and the peak memory (maximum resident set size of each child
  process, from ``os.wait4``) of both processes (target <= 2x);
- ``case list --search`` by a name and by NIK digits over ``case list --json``, on the demo
  book and at N cases (target <= 1.2x);
- ``referral list --case X --json`` and ``case show X`` at N cases over the same commands
  on the demo book, as processes (target <= 1.2x).

Unset PYTHONDONTWRITEBYTECODE first: without .pyc files every process compiles tipref.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_LOOP = """
import json, os, sys
folder = os.path.join(sys.argv[1], "cases")
records = []
for name in sorted(os.listdir(folder)):
    if name.endswith(".json"):
        with open(os.path.join(folder, name), "rb") as handle:
            records.append(json.load(handle))
"""


def bare_loop(root: Path) -> list:
    records = []
    folder = root / "cases"
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(folder / name, "rb") as handle:
                records.append(json.load(handle))
    return records


# Started through this small launcher: Linux keeps a process's peak memory across exec, so
# a child forked straight from this (big) benchmark process would report the benchmark's.
LAUNCHER = """
import os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, status)
"""


def run(argv: list[str]) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB on Linux, from os.wait4) of one child process."""
    out = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *argv], capture_output=True, text=True, check=True
    ).stdout.split()
    if out[2] != "0":
        raise SystemExit(f"failed ({out[2]}): {' '.join(argv)}")
    return float(out[0]), int(out[1])


def median_runs(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, int]]:
    times: dict[str, list[float]] = {k: [] for k in commands}
    memory: dict[str, list[int]] = {k: [] for k in commands}
    for argv in commands.values():
        run(argv)  # warm the index and the disk cache
    for _ in range(repeat):
        for key, argv in commands.items():
            seconds, rss = run(argv)
            times[key].append(seconds)
            memory[key].append(rss)
    return {k: (statistics.median(times[k]), int(statistics.median(memory[k]))) for k in commands}


def in_process(root: Path, repeat: int) -> None:
    from tipref.book.listing import case_list_json
    from tipref.book.opening import open_book

    def listed() -> None:
        with open(os.devnull, "wb") as sink:
            for piece in case_list_json(open_book(root, "bench")):
                sink.write(piece)

    listed()
    bare_loop(root)
    times: dict[str, list[float]] = {"bare json.load loop": [], "case list --json": []}
    for _ in range(repeat):
        for key, call in (
            ("bare json.load loop", lambda: bare_loop(root)),
            ("case list --json", listed),
        ):
            started = time.perf_counter()
            call()
            times[key].append(time.perf_counter() - started)
    base = statistics.median(times["bare json.load loop"])
    print("  in-process:")
    for key, values in times.items():
        seconds = statistics.median(values)
        print(f"    {key:28} {seconds * 1000:8.1f} ms  {seconds / base:4.2f}x (target <= 1.0)")


def processes(root: Path, repeat: int) -> None:
    tipref = [sys.executable, "-m", "tipref", "--book", str(root)]
    found = median_runs(
        {
            "bare json.load loop": [sys.executable, "-c", BARE_LOOP, str(root)],
            "case list --json": [*tipref, "case", "list", "--json"],
        },
        repeat,
    )
    base_time, base_rss = found["bare json.load loop"]
    print("  whole processes (time; peak memory):")
    for key, (seconds, rss) in found.items():
        print(
            f"    {key:28} {seconds * 1000:8.1f} ms  {seconds / base_time:4.2f}x (target <= 1.0);"
            f" {rss / 1024:6.1f} MiB  {rss / base_rss:4.2f}x (target <= 2.0)"
        )


def searches(label: str, root: Path, repeat: int) -> None:
    from tipref.book.cases import list_cases
    from tipref.book.listing import case_list_json
    from tipref.book.opening import open_book

    every = list_cases(open_book(root, "bench"))
    person = every[len(every) // 2]["persons"][0]
    name = person["name"].split()[0].upper()
    nik = (person.get("nik") or "5303")[:8]
    texts = {"case list --json": None, f"--search {name}": name, f"--search {nik}": nik}
    times: dict[str, list[float]] = {key: [] for key in texts}
    for _ in range(repeat):
        for key, text in texts.items():
            started = time.perf_counter()
            with open(os.devnull, "wb") as sink:
                for piece in case_list_json(open_book(root, "bench"), search=text):
                    sink.write(piece)
            times[key].append(time.perf_counter() - started)
    base = statistics.median(times["case list --json"])
    print(f"  {label} book, {len(every)} cases, in-process:")
    for key, values in times.items():
        seconds = statistics.median(values)
        print(f"    {key:28} {seconds * 1000:8.1f} ms  {seconds / base:4.2f}x (target <= 1.2)")


def lookups(demo: Path, big: Path, repeat: int) -> None:
    from tipref.book.cases import list_cases
    from tipref.book.opening import open_book

    commands: dict[str, list[str]] = {}
    for label, root in (("demo", demo), ("big", big)):
        cases = list_cases(open_book(root, "bench"))
        number = cases[len(cases) // 2]["number"]
        tipref = [sys.executable, "-m", "tipref", "--book", str(root)]
        commands[f"{label} referral list"] = [
            *tipref,
            "referral",
            "list",
            "--case",
            number,
            "--json",
        ]
        commands[f"{label} case show"] = [*tipref, "case", "show", number]
    found = median_runs(commands, repeat)
    print("  processes, big book over the demo book:")
    for what in ("referral list", "case show"):
        small, large = found[f"demo {what}"][0], found[f"big {what}"][0]
        print(
            f"    {what:28} demo {small * 1000:6.1f} ms, big {large * 1000:6.1f} ms"
            f"  {large / small:4.2f}x (target <= 1.2)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--book", type=Path, help="a big book (built there if missing)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tipref-lists-"))
    os.environ.setdefault("TIPREF_CACHE_DIR", str(work / "cache"))
    os.environ.setdefault("TIPREF_CONFIG_DIR", str(work / "config"))
    os.environ.setdefault("TIPREF_USER", "bench")

    from tipref.guidance.demo import build_demo
    from tipref.guidance.synthetic import build_book

    demo = work / "demo"
    build_demo(demo)
    big = args.book or work / "big"
    if not (big / "tipref.json").exists():
        print(f"building a book of {args.big} cases in {big} ...", flush=True)
        build_book(big, args.big, seed=1)
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    print(f"case list at {len(os.listdir(big / 'cases'))} cases, median of {args.repeat}:")
    in_process(big, args.repeat)
    processes(big, args.repeat)
    print("finding a person, median of", args.repeat)
    searches("demo", demo, args.repeat)
    searches("big", big, args.repeat)
    print("one case at", len(os.listdir(big / "cases")), "cases, median of", args.repeat)
    lookups(demo, big, args.repeat)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
