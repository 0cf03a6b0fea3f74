"""What translated --help costs (issue #16): help pages in Indonesian and English against
the import floor ``python -c "import click"``.

    python benchmarks/help_language.py             # 15 rounds
    python benchmarks/help_language.py --rounds 31

Every command runs as a fresh process of this interpreter, interleaved round by round
(the machine is shared: a slow moment hits every measure of that round alike); the
medians and the ratios to the floor are printed. #21's target for ``tipref --help`` is
1.5x the floor. Indonesian help loads the catalogue (``tipref.mo``); English needs none.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

RUN = "from tipref.cli import main; main()"
CASES = {
    "floor: import click": ["-c", "import click"],
    "tipref --lang id --help": ["-c", RUN, "--lang", "id", "--help"],
    "tipref --lang en --help": ["-c", RUN, "--lang", "en", "--help"],
    "tipref --lang id nosuchcmd": ["-c", RUN, "--lang", "id", "nosuchcmd"],
    "tipref --lang id case new --help": ["-c", RUN, "--lang", "id", "case", "new", "--help"],
    "tipref --lang en case new --help": ["-c", RUN, "--lang", "en", "case", "new", "--help"],
}


def measure(rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in CASES}
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, TIPREF_CONFIG_DIR=home)
        env.pop("TIPREF_BOOK", None)
        for _ in range(rounds):
            for name, args in CASES.items():
                started = time.perf_counter()
                subprocess.run([sys.executable, *args], capture_output=True, env=env, cwd=home)
                times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    medians = measure(rounds)
    floor = medians["floor: import click"]
    print(f"{rounds} interleaved rounds, medians (load {os.getloadavg()[0]:.1f})")
    for name, median in medians.items():
        print(f"  {name:36s} {median * 1000:7.1f} ms  {median / floor:5.2f}x the floor")


if __name__ == "__main__":
    main()
