"""Start-up benchmark (issue #21): whole processes of everyday commands against the import floor.

    python benchmarks/startup.py             # 9 rounds
    python benchmarks/startup.py --rounds 15

Builds the demo book in a temporary folder, then runs each command and each floor as a
fresh process, interleaved round by round (the machine is shared: a slow moment hits
every measure of that round alike), and prints the medians and the ratios to the floors:

- floor A: ``python -c "import click"``; targets ``--version`` <= 1.3x, ``--help`` <= 1.5x
- floor B: ``python -c "import click, pydantic, rich.console"``; targets ``case show``,
  ``referral list``, ``referral new``, ``due`` <= 1.3x
- floor L: floor B plus importing docxtpl and writing a bare python-docx copy of the letter
  template; target ``letter new REF`` <= 1.3x
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tipref_cmd() -> list[str]:
    script = Path(sys.executable).parent / "tipref"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tipref"]


def run(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 3):  # 3: `due` found something late
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tipref-startup-"))
    os.environ["TIPREF_CACHE_DIR"] = str(work / "cache")
    os.environ["TIPREF_CONFIG_DIR"] = str(work / "config")
    os.environ["TIPREF_USER"] = "bench"
    os.environ.pop("TIPREF_BOOK", None)
    # measure what a user sees: compiled modules cached in __pycache__ after the first run
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    book = work / "demo"
    tipref = tipref_cmd()
    subprocess.run([*tipref, "demo", str(book)], check=True, capture_output=True)

    from tipref.documents.render import default_template_folder

    template = default_template_folder() / "letter-id.docx"
    py = sys.executable
    letter_floor = (
        "import click, pydantic, rich.console, docxtpl, docx; "
        f"docx.Document({str(template)!r}).save({str(work / 'copy.docx')!r})"
    )
    commands: dict[str, list[str]] = {
        "floor A: import click": [py, "-c", "import click"],
        "floor B: click+pydantic+rich": [py, "-c", "import click, pydantic, rich.console"],
        "floor L: B+docxtpl+docx copy": [py, "-c", letter_floor],
        "--version": [*tipref, "--version"],
        "--help": [*tipref, "--help"],
        "case show": [*tipref, "case", "show", "TTU-2026-0001"],
        "referral list": [*tipref, "referral", "list"],
        "referral new": [
            *tipref,
            *("referral", "new", "--case", "TTU-2026-0001", "--service", "health"),
            *("--to", "rsud"),
        ],
        "due": [*tipref, "due"],
        "letter new": [
            *tipref,
            *("letter", "new", "TTU-R2026-0001", "--force", "--out", str(work / "l.docx")),
        ],
    }
    for args_ in commands.values():  # warm the caches (index, .pyc) once
        run(args_, book)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, args_ in commands.items():
            times[name].append(run(args_, book))
    median = {name: statistics.median(values) for name, values in times.items()}
    floors = {
        "A": median["floor A: import click"],
        "B": median["floor B: click+pydantic+rich"],
        "L": median["floor L: B+docxtpl+docx copy"],
    }
    targets = {
        "--version": ("A", 1.3),
        "--help": ("A", 1.5),
        "case show": ("B", 1.3),
        "referral list": ("B", 1.3),
        "referral new": ("B", 1.3),
        "due": ("B", 1.3),
        "letter new": ("L", 1.3),
    }
    print(f"median of {args.rounds} interleaved rounds, whole processes, demo book")
    for name, seconds in median.items():
        if name in targets:
            floor, target = targets[name]
            ratio = seconds / floors[floor]
            mark = "ok" if ratio <= target else "OVER"
            print(
                f"  {name:30} {seconds * 1000:7.1f} ms  {ratio:4.2f}x floor {floor} "
                f"(target <= {target}) {mark}"
            )
        else:
            print(f"  {name:30} {seconds * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
