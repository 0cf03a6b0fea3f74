"""How long `tipref demo` takes (the README's first command; the target is under 10 s).

Run: python benchmarks/demo_build.py [RUNS]
Prints the build time of the demo book through the core and through the installed
console script, and the ratio to the 10-second target.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    os.environ.setdefault("TIPREF_USER", "benchmark")
    from tipref.guidance.demo import build_demo

    core_times, cli_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TIPREF_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["TIPREF_CACHE_DIR"] = str(Path(tmp) / "cache")
        for i in range(runs):
            root = Path(tmp) / f"core{i}"
            started = time.perf_counter()
            summary = build_demo(root)
            core_times.append(time.perf_counter() - started)
            root = Path(tmp) / f"cli{i}"
            exe = shutil.which("tipref") or "tipref"
            started = time.perf_counter()
            subprocess.run([exe, "demo", str(root), "--json"], check=True, capture_output=True)
            cli_times.append(time.perf_counter() - started)
    print(
        f"demo book: {summary.providers} providers, {len(summary.cases)} cases, {summary.referrals} referrals, "
        f"{len(summary.documents)} documents"
    )
    for label, times in (("core build_demo", core_times), ("tipref demo (process)", cli_times)):
        best = min(times)
        print(
            f"{label:24s} best {best:6.2f} s  median {sorted(times)[len(times) // 2]:6.2f} s  "
            f"ratio to {TARGET_SECONDS:.0f} s target {best / TARGET_SECONDS:5.2f}"
        )


if __name__ == "__main__":
    main()
