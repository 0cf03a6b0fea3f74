"""Storage benchmark: does writing stay flat and listing stay interactive as a book grows?

    python benchmarks/storage.py            # 100 and 10,000 cases (building 10k takes ~20 s)
    python benchmarks/storage.py --big 2000 # a quicker run

Prints one `referral new` (core call in-process, and the CLI in a subprocess, both with
``--case <number>`` so resolving the number is included) at the small and the big size and
their ratio (target <= 1.3), and `case list --json` on the big book against reading the
same record files with a bare json.load loop (target <= 3x).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import median_time

from tipref.book.opening import open_book
from tipref.schemas import Case


def tipref_cmd() -> list[str]:
    return [sys.executable, "-m", "tipref"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tipref-bench-"))
    os.environ["TIPREF_CACHE_DIR"] = str(work / "cache")
    os.environ["TIPREF_CONFIG_DIR"] = str(work / "config")
    os.environ["TIPREF_USER"] = "bench"

    from tipref.book.referrals import new_referral
    from tipref.guidance.synthetic import build_book
    from tipref.schemas.enums import Direction, Service

    results = {}
    for size in (args.small, args.big):
        root = work / f"book-{size}"
        started = time.perf_counter()
        build_book(root, size, seed=1)
        built = time.perf_counter() - started
        number = open_book(root, "bench").all(Case, where={"status": "active"})[0].number

        def core_call(root=root, number=number):
            book = open_book(
                root, "bench"
            )  # a fresh book each time: the index is loaded from the cache
            new_referral(book, number, Service.health, "rsud", direction=Direction.incoming)

        core_call()  # the first use builds the index in the cache folder
        core = median_time(core_call, args.repeat)
        cli = [
            *tipref_cmd(),
            "--book",
            str(root),
            "referral",
            "new",
            "--case",
            number,
            "--service",
            "health",
            "--from",
            "rsud",
            "--json",
        ]

        def cli_call(cli=cli):
            subprocess.run(cli, check=True, capture_output=True)

        cli_time = median_time(cli_call, max(5, args.repeat // 3))
        results[size] = {"core": core, "cli": cli_time, "root": root}
        print(
            f"{size:>6} cases: built in {built:6.1f} s; referral new: core {core * 1000:7.1f} ms, "
            f"CLI {cli_time * 1000:7.1f} ms"
        )
    small, big = results[args.small], results[args.big]
    print(
        f"referral new ratio {args.big}/{args.small}: core {big['core'] / small['core']:.2f}x, "
        f"CLI {big['cli'] / small['cli']:.2f}x (target <= 1.3)"
    )

    root = big["root"]
    files = sorted((root / "cases").glob("*.json"))

    def bare():
        out = []
        for path in files:
            with open(path, encoding="utf-8") as handle:
                out.append(json.load(handle))
        return out

    bare_time = median_time(bare, 3)
    bare_script = (
        "import json,pathlib\nfor p in sorted(pathlib.Path({!r}).glob('*.json')):\n"
        "    json.load(open(p, encoding='utf-8'))".format(str(root / "cases"))
    )
    bare_process = median_time(
        lambda: subprocess.run([sys.executable, "-c", bare_script], check=True), 3
    )
    list_cmd = [*tipref_cmd(), "--book", str(root), "case", "list", "--json"]
    subprocess.run(list_cmd, check=True, capture_output=True)  # index warm, as on a used machine
    list_time = median_time(lambda: subprocess.run(list_cmd, check=True, capture_output=True), 3)

    from click.testing import CliRunner

    from tipref.cli import cli

    runner = CliRunner()
    in_process = median_time(
        lambda: runner.invoke(cli, ["--book", str(root), "case", "list", "--json"]), 3
    )
    filtered_cmd = [
        *tipref_cmd(),
        "--book",
        str(root),
        "case",
        "list",
        "--status",
        "closed",
        "--json",
    ]
    filtered = median_time(lambda: subprocess.run(filtered_cmd, check=True, capture_output=True), 3)
    case = open_book(root, "bench").all(Case)[0].number
    ref_cmd = [*tipref_cmd(), "--book", str(root), "referral", "list", "--case", case, "--json"]
    subprocess.run(ref_cmd, check=True, capture_output=True)
    ref_list = median_time(lambda: subprocess.run(ref_cmd, check=True, capture_output=True), 3)
    print(f"bare json.load of {len(files)} case files: {bare_time * 1000:.0f} ms")
    print(
        f"case list --json ({args.big} cases), in-process: {in_process * 1000:.0f} ms = "
        f"{in_process / bare_time:.2f}x the bare loop (target <= 3x)"
    )
    print(
        f"case list --json ({args.big} cases), CLI process: {list_time * 1000:.0f} ms = "
        f"{list_time / bare_process:.2f}x the bare loop run as a process ({bare_process * 1000:.0f} ms); "
        f"{list_time / bare_time:.2f}x the in-process loop"
    )
    print(
        f"case list --status closed --json: {filtered * 1000:.0f} ms; "
        f"referral list --case {case} --json: {ref_list * 1000:.0f} ms"
    )
    print(f"(work folder: {work})")


if __name__ == "__main__":
    main()
