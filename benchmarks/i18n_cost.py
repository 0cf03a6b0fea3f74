"""What gettext costs a command: choosing the language, loading the catalogue, a message.

Run: python benchmarks/i18n_cost.py [RUNS]
Prints medians: detect_language with a book (read before click parses anything, so
``--help`` is in the book's language), loading the Indonesian .mo, rendering a message
with a nested message, and the same message through the old-style str.format as a
baseline (the ratio is what a translated message costs over a plain one).
"""

from __future__ import annotations

import gettext
import statistics
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from tipref import i18n
from tipref.cli import cli


def median_us(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def load_catalogue() -> None:
    i18n._catalogues.clear()
    gettext._translations.clear()
    i18n.translation("id").gettext("Nothing found.")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "book"
        CliRunner().invoke(cli, ["init", str(book), "--name", "Bench", "--code", "BEN"])
        env = {"TIPREF_BOOK": str(book)}
        detect = median_us(lambda: i18n.detect_language(["case", "list"], env), runs)
    load = median_us(load_catalogue, max(runs // 10, 5))
    message = i18n.Msg(
        "{kind} {number} updated (revision {revision})",
        kind=i18n.kind_label("case"),
        number="TTU-2026-0001",
        revision=2,
    )
    render = median_us(lambda: message.render("id"), runs)
    plain = median_us(
        lambda: "{kind} {number} diperbarui (revisi {revision})".format(
            kind="Kasus", number="TTU-2026-0001", revision=2
        ),
        runs,
    )
    print(f"detect_language with a book: {detect:8.1f} us")
    print(f"load the Indonesian catalogue: {load:6.1f} us")
    print(f"Msg.render (nested Msg):     {render:8.1f} us")
    print(f"plain str.format:            {plain:8.1f} us  (render / format: {render / plain:.0f}x)")


if __name__ == "__main__":
    main()
