"""Import and HTCDS export at 10,000 cases (issue #21).

    python benchmarks/import_export.py --book /tmp/big10k   # the export's book, built if missing
    python benchmarks/import_export.py --rows 2000 --repeat 3    # a quicker import run
    python benchmarks/import_export.py --work /dev/shm --repeat 5   # books in memory

``--work`` names the folder the books and bare loops are written under: on a shared
virtual disk the time of the same 10,000 file writes varies fourfold from one minute to
the next, and a folder in memory (tmpfs, where fsync costs nothing) leaves the work both
sides do besides waiting for the disk.

Import: ``tipref import`` of N CSV rows into a fresh book (in-process, the core call)
against a bare loop that writes the very records tipref wrote, in the same way: per batch
of 500, their log lines appended in one write with one fsync, then each record as indented
JSON to a temp file renamed into place (no fsync per file, as tipref), then one fsync of
the folder (target <= 2x).

Export: the HTCDS workbook of the big book, as loading the records (``book.all``) plus
building the rows plus writing them, over loading the records (target <= 2x), with
tipref's writer (XlsxWriter, in memory), openpyxl's write-only mode (its
writer before) and, when installed, PyExcelerate, on the same rows.

Medians of interleaved runs; unset PYTHONDONTWRITEBYTECODE first.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import orjson

HEADER = ["name", "sex", "birth_date", "village", "district", "exploited_country", "exploitation"]


def csv_rows(count: int) -> str:
    rng = random.Random(1)
    lines = [";".join(HEADER)]
    for i in range(count):
        born = f"{rng.randint(1970, 2010)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        country = rng.choice(["MY", "Malaysia", "SG", "Singapura"])
        lines.append(
            f"Orang Fiktif {i};{rng.choice('LP')};{born};Maubesi;TTU;{country};ForcedLabour"
        )
    return "\r\n".join(lines) + "\r\n"


def tipref_import(work: Path, source: Path) -> tuple[float, Path]:
    from tipref.book.opening import create_book
    from tipref.reporting.importer import import_file
    from tipref.schemas.settings import BookSettings

    root = Path(tempfile.mkdtemp(dir=work, prefix="book-"))
    shutil.rmtree(root)
    settings = BookSettings.model_validate({"organisation": {"name": "Bench", "code": "TTU"}})
    book = create_book(root, settings, "bench")
    os.sync()  # no earlier run's dirty pages written back during this one
    started = time.perf_counter()
    result = import_file(book, source)
    seconds = time.perf_counter() - started
    assert len(result.created) > 0, result.errors[:3]
    return seconds, root


def bare_loop(work: Path, records: list[dict], entries: list[dict], fast: bool) -> float:
    """The same records and log entries serialised as tipref does (indented JSON files,
    compact log lines) and written with the same discipline, and nothing else."""
    folder = Path(tempfile.mkdtemp(dir=work, prefix="bare-"))
    (folder / "cases").mkdir()
    (folder / "history").mkdir()
    log = folder / "history" / "device.jsonl"
    os.sync()
    started = time.perf_counter()
    for start in range(0, len(records), 500):
        with open(log, "ab") as handle:
            lines = [
                json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n"
                for e in entries[start : start + 500]
            ]
            handle.write("".join(lines).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        for record in records[start : start + 500]:
            record_id = record["id"]
            text = (
                orjson.dumps(record, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
                if fast  # the same bytes, as tipref's import writes them
                else (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode()
            )
            target = folder / "cases" / f"{record_id}.json"
            temp = folder / "cases" / f".{record_id}.json.1234.tmp"
            with open(temp, "wb") as handle:
                handle.write(text)
                handle.flush()
            os.replace(temp, target)
        fd = os.open(folder / "cases", os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
    seconds = time.perf_counter() - started
    shutil.rmtree(folder)
    return seconds


def imports(work: Path, rows: int, repeat: int) -> None:
    source = work / "rows.csv"
    source.write_text(csv_rows(rows), encoding="utf-8")
    tipref_times: list[float] = []
    bare_times: dict[str, list[float]] = {"json.dumps": [], "orjson": []}
    for _ in range(repeat):
        seconds, root = tipref_import(work, source)
        tipref_times.append(seconds)
        records = [json.loads(p.read_bytes()) for p in sorted((root / "cases").glob("*.json"))]
        log = next((root / "history").glob("*.jsonl")).read_bytes().splitlines()
        log = [json.loads(line) for line in log if b'"kind":"case"' in line]
        bare_times["json.dumps"].append(bare_loop(work, records, log, fast=False))
        bare_times["orjson"].append(bare_loop(work, records, log, fast=True))
        shutil.rmtree(root)
    tip = statistics.median(tipref_times)
    print(f"import of {rows} rows, median of {repeat}:")
    print(f"  tipref import                        {tip:7.2f} s")
    for label, values in bare_times.items():
        bare = statistics.median(values)
        print(
            f"  bare loop, files by {label:10}       {bare:7.2f} s;"
            f" tipref {tip / bare:4.2f}x (target <= 2.0)"
        )


def write_openpyxl(sheets: dict, out: Path) -> None:
    """The toolkit layout with openpyxl's write-only mode (tipref's writer until #21)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from tipref.schemas.text import for_xml

    workbook = Workbook(write_only=True)
    for name, (columns, rows) in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.row_dimensions[1].hidden = True
        sheet.freeze_panes = "A3"
        fields = [field for field, _ in columns]
        sheet.append(fields)
        labels = []
        for _, label in columns:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font = Font(bold=True)
            labels.append(cell)
        sheet.append(labels)
        for row in rows:
            sheet.append([for_xml(row.get(field)) or None for field in fields])
    workbook.save(out)


def write_pyexcelerate(sheets: dict, out: Path) -> None:
    """The toolkit layout with PyExcelerate, for comparison (names row shown, not hidden:
    it has no hidden rows)."""
    from pyexcelerate import Font, Panes, Style, Workbook

    from tipref.schemas.text import for_xml

    workbook = Workbook()
    for name, (columns, rows) in sheets.items():
        fields = [field for field, _ in columns]
        data = [fields, [label for _, label in columns]]
        for row in rows:
            data.append([for_xml(row.get(field)) or None for field in fields])
        sheet = workbook.new_sheet(name, data=data)
        sheet.set_row_style(2, Style(font=Font(bold=True)))
        sheet.panes = Panes(0, 2)
    workbook.save(str(out))


def exports(root: Path, work: Path, repeat: int) -> None:
    from tipref.book.opening import open_book
    from tipref.reporting.export import htcds_sheets, load, write_toolkit

    writers = {"tipref (XlsxWriter)": write_toolkit, "openpyxl write-only": write_openpyxl}
    try:
        import pyexcelerate  # noqa: F401 - not a tipref dependency: pip install pyexcelerate
    except ImportError:
        print("  (PyExcelerate is not installed: pip install pyexcelerate to compare it)")
    else:
        writers["PyExcelerate"] = write_pyexcelerate
    times: dict[str, list[float]] = {"load": [], "rows": [], **{k: [] for k in writers}}
    for _ in range(repeat):
        book = open_book(root, "bench")
        started = time.perf_counter()
        loaded = load(book)
        times["load"].append(time.perf_counter() - started)
        started = time.perf_counter()
        sheets = htcds_sheets(*loaded)
        times["rows"].append(time.perf_counter() - started)
        for label, write in writers.items():
            started = time.perf_counter()
            write(sheets, work / f"{label}.xlsx")
            times[label].append(time.perf_counter() - started)
    median = {k: statistics.median(v) for k, v in times.items()}
    base = median["load"]
    print(f"HTCDS workbook at {len(loaded[0])} cases, median of {repeat}:")
    print(f"  loading the records (book.all)   {base:6.2f} s")
    print(f"  building the rows                {median['rows']:6.2f} s")
    for label in writers:
        total = base + median["rows"] + median[label]
        size = (work / f"{label}.xlsx").stat().st_size / 1e6
        print(
            f"  writing, {label:20}   {median[label]:6.2f} s ({size:.1f} MB);"
            f" export {total:6.2f} s = {total / base:4.2f}x loading (target <= 2.0)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--book", type=Path, help="a big book for the export")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--work", type=Path, help="folder to write the books under")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tipref-impexp-", dir=args.work))
    print(f"writing under {work}")
    os.environ.setdefault("TIPREF_CACHE_DIR", str(work / "cache"))
    os.environ.setdefault("TIPREF_CONFIG_DIR", str(work / "config"))
    os.environ.setdefault("TIPREF_USER", "bench")
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    if not args.skip_import:
        imports(work, args.rows, args.repeat)
    if args.book:
        if not (args.book / "tipref.json").exists():
            from tipref.guidance.synthetic import build_book

            print(f"building a book of 10000 cases in {args.book} ...", flush=True)
            build_book(args.book, 10_000, seed=1)
        exports(args.book, work, args.repeat)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
