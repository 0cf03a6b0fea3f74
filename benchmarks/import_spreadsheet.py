"""How fast the one spreadsheet reader imports: CSV (UTF-8, cp1252, UTF-16) and XLSX.

Run: python benchmarks/import_spreadsheet.py [ROWS]
Builds a fresh book per run in a temporary folder, writes ROWS rows (default 2000) in
each format, and prints the seconds of `import --dry-run` and of the real import, rows
per second, and the ratio of each format to UTF-8 CSV.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from tipref.cli import cli

HEADER = ["name", "sex", "birth_date", "village", "district", "exploited_country", "exploitation"]


def rows(count: int) -> list[list[str]]:
    rng = random.Random(1)
    return [
        [
            f"Orang Fïktif {i}",
            rng.choice("LP"),
            f"{rng.randint(1970, 2010)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "Maubesi",
            "Timor Tengah Utara",
            rng.choice(["MY", "Malaysia", "SG", "Singapura"]),
            "ForcedLabour",
        ]
        for i in range(count)
    ]


def write_files(folder: Path, data: list[list[str]]) -> dict[str, Path]:
    from openpyxl import Workbook

    text = "\r\n".join(";".join(r) for r in [HEADER, *data]) + "\r\n"
    files = {}
    for encoding in ("utf-8", "cp1252", "utf-16"):
        files[f"csv {encoding}"] = folder / f"data-{encoding}.csv"
        files[f"csv {encoding}"].write_bytes(text.encode(encoding))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DATA KORBAN"])  # a title row above the header
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    files["xlsx"] = folder / "data.xlsx"
    workbook.save(files["xlsx"])
    return files


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    result = CliRunner().invoke(cli, args)
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_files(folder, rows(count))
        base = None
        print(f"{count} rows per file")
        for label, path in files.items():
            book = folder / f"book-{label.replace(' ', '-')}"
            CliRunner().invoke(cli, ["init", str(book), "--name", "X", "--code", "TTU"])
            dry = timed(["--book", str(book), "import", str(path), "--dry-run"])
            real = timed(["--book", str(book), "import", str(path)])
            base = base or real
            print(
                f"{label:12} dry-run {dry:6.2f} s   import {real:6.2f} s "
                f"({count / real:7.0f} rows/s, {real / base:4.2f}x UTF-8 CSV)"
            )


if __name__ == "__main__":
    main()
