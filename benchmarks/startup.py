"""Start-up benchmark (issue #21): whole processes of everyday commands against the import floor.

    python benchmarks/startup.py                      # 9 rounds
    python benchmarks/startup.py --rounds 9 --repeat 3   # median of 3 runs' medians

Builds the demo book in a temporary folder, then runs each command and each floor as a
fresh process, interleaved round by round (the machine is shared: a slow moment hits
every measure of that round alike), and prints the medians and the ratios to the floors:

- floor A: ``python -c "import click"``; targets ``--version`` <= 1.3x, ``--help`` <= 1.5x
- floor B: ``python -c "import click, pydantic, rich.console"``; targets ``case show``,
  ``referral list``, ``referral new``, ``due`` <= 1.3x
- floor L: floor B plus importing docxtpl and writing a bare python-docx copy of the letter
  template; target ``letter new REF`` <= 1.3x

Context rows, not targets: floor P is floor B plus defining one small pydantic model and
validating it (what any command that reads a record as a model pays before tipref's own
work); floor W is floor B plus what any write of a referral pays before it reads or
writes a file: the referral model defined and its validator built, and the lock
library; ``letter new (cold)`` empties the prepared-template cache first (the first
letter after an install, an upgrade or a template edit). Besides wall time, the CPU time of each
process (user + system) is printed: on a shared machine it varies less than wall time.

Last, each command's own work: run again and again in one process once its code is loaded
and its models built (what is left when starting Python and loading code cost nothing), and
its share of the whole process's time: where a command stays over its target, this says
whether the time goes to its work or to loading code.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tipref_cmd() -> list[str]:
    script = Path(sys.executable).parent / "tipref"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tipref"]


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 3):  # 3: `due` found something late
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu


TARGETS = {
    "--version": ("A", 1.3),
    "--help": ("A", 1.5),
    "case show": ("B", 1.3),
    "referral list": ("B", 1.3),
    "referral new": ("B", 1.3),
    "due": ("B", 1.3),
    "letter new": ("L", 1.3),
}
CONTEXT = {
    "floor P: B+one pydantic model": "B",
    "floor W: B+referral model+filelock": "B",
    "letter new (cold)": "L",
}
FLOORS = {
    "A": "floor A: import click",
    "B": "floor B: click+pydantic+rich",
    "L": "floor L: B+docxtpl+docx copy",
}


def commands_for(work: Path, tipref: list[str]) -> dict[str, list[str]]:
    from tipref.documents.render import default_template_folder

    template = default_template_folder() / "letter-id.docx"
    py = sys.executable
    letter_floor = (
        "import click, pydantic, rich.console, docxtpl, docx; "
        f"docx.Document({str(template)!r}).save({str(work / 'copy.docx')!r})"
    )
    pydantic_floor = (
        "import click, pydantic, rich.console\nfrom pydantic import BaseModel\n"
        "class A(BaseModel):\n    x: int\nA.model_validate({'x': 1})"
    )
    write_floor = (
        "import click, pydantic, rich.console, filelock\n"
        "from tipref.schemas.referral import Referral\n"
        "try:\n    Referral.model_validate({})\nexcept pydantic.ValidationError:\n    pass"
    )
    letter = [*tipref, "letter", "new", "TTU-R2026-0001", "--force", "--out", str(work / "l.docx")]
    return {
        FLOORS["A"]: [py, "-c", "import click"],
        FLOORS["B"]: [py, "-c", "import click, pydantic, rich.console"],
        FLOORS["L"]: [py, "-c", letter_floor],
        "floor P: B+one pydantic model": [py, "-c", pydantic_floor],
        "floor W: B+referral model+filelock": [py, "-c", write_floor],
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
        "letter new": letter,
        "letter new (cold)": letter,
    }


def measure(
    commands: dict[str, list[str]], book: Path, rounds: int
) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command over interleaved rounds."""
    prepared = Path(os.environ["TIPREF_CACHE_DIR"]) / "templates"
    for args_ in commands.values():  # warm the caches (index, .pyc, prepared template) once
        run(args_, book)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, args_ in commands.items():
            if name == "letter new (cold)":
                shutil.rmtree(prepared, ignore_errors=True)
            wall, cpu = run(args_, book)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {
        name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in commands
    }


def ratios(median: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Each measure's wall and CPU time over its floor's, in one run (one load)."""
    found = {}
    for name, (wall, cpu) in median.items():
        floor = TARGETS.get(name, (CONTEXT.get(name), 0.0))[0]
        if floor is not None:
            base_wall, base_cpu = median[FLOORS[floor]]
            found[name] = (wall / base_wall, cpu / base_cpu)
    return found


def report(
    median: dict[str, tuple[float, float]],
    title: str,
    ratio_of: dict[str, tuple[float, float]] | None = None,
) -> None:
    """Times and ratios; ``ratio_of``: ratios to print instead of this table's own."""
    print(title)
    print(f"  {'':34} {'wall':>9} {'ratio':>6}   {'cpu':>9} {'ratio':>6}")
    own = ratio_of or ratios(median)
    for name, (wall, cpu) in median.items():
        line = f"  {name:34} {wall * 1000:7.1f}ms"
        if name not in own:
            print(f"{line} {'':6}   {cpu * 1000:7.1f}ms")
            continue
        wall_ratio, cpu_ratio = own[name]
        floor = TARGETS.get(name, (CONTEXT.get(name), 0.0))[0]
        line += f" {wall_ratio:5.2f}x   {cpu * 1000:7.1f}ms {cpu_ratio:5.2f}x  floor {floor}"
        if name in TARGETS:
            target = TARGETS[name][1]
            line += f" (target <= {target}) {'ok' if wall_ratio <= target else 'OVER'}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=1, help="runs; their medians' median")
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
    commands = commands_for(work, tipref)
    runs = []
    for number in range(1, args.repeat + 1):
        median = measure(commands, book, args.rounds)
        load = os.getloadavg()[0]
        if args.repeat > 1:
            report(median, f"run {number}: median of {args.rounds} rounds (load {load:.1f})")
        runs.append(median)
    overall = {
        name: (
            statistics.median(r[name][0] for r in runs),
            statistics.median(r[name][1] for r in runs),
        )
        for name in commands
    }
    per_run = [ratios(r) for r in runs]
    overall_ratios = {
        name: (
            statistics.median(r[name][0] for r in per_run),
            statistics.median(r[name][1] for r in per_run),
        )
        for name in per_run[0]
    }
    load1, load5, _ = os.getloadavg()
    report(
        overall,
        f"median of {args.repeat} run(s) x {args.rounds} interleaved rounds (times: median of "
        f"the runs' medians; ratios: median of the runs' ratios), whole processes, demo book; "
        f"{os.cpu_count()} cores, load average {load1:.1f} (1 min) {load5:.1f} (5 min)",
        overall_ratios,
    )
    report_work(own_work(commands, book, max(args.rounds, 5)), overall)


WORK_SCRIPT = """
import json, os, statistics, sys, time
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as tipref's entry point does
from tipref.cli import cli
commands, repeat = json.loads(sys.argv[1]), int(sys.argv[2])
found = {}
for name, args in commands.items():
    times = []
    for _ in range(repeat + 1):  # the first run loads the code and builds the models
        started = time.perf_counter()
        try:
            code = cli.main(args, prog_name="tipref", standalone_mode=False)
        except SystemExit as stop:
            code = stop.code
        times.append(time.perf_counter() - started)
        if code not in (None, 0, 3):  # 3: `due` found something late
            raise SystemExit(f"{name} failed with exit code {code}")
    found[name] = statistics.median(times[1:])
print(json.dumps(found))
"""

WORK_OF = ("case show", "referral list", "referral new", "due", "letter new")


def own_work(commands: dict[str, list[str]], book: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each command run in one process once its code is loaded."""
    cli_args = {name: commands[name][len(tipref_cmd()) :] for name in WORK_OF}
    done = subprocess.run(
        [sys.executable, "-c", WORK_SCRIPT, json.dumps(cli_args), str(repeat)],
        cwd=book,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def report_work(work: dict[str, float], whole: dict[str, tuple[float, float]]) -> None:
    print("own work: in one process, code loaded and models built (median of the repeats)")
    for name, seconds in work.items():
        share = seconds / whole[name][0]
        print(f"  {name:34} {seconds * 1000:7.1f}ms  {share:6.1%} of the whole process")


if __name__ == "__main__":
    main()
