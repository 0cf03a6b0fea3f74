"""What the encrypted book's sync checks (issue #13, second round) cost.

    python benchmarks/vault_checks.py [--cases 1000] [--repeat 7]

Prints medians and ratios:

* opening an encrypted book, with the check for this device's own plain log lines (the
  log unchanged since the last check: one stat and a small cache file) against the same
  open without that check (target: about 1.0x);
* the same check right after a write (it reads only the bytes the log gained), and on a
  first open with no cache (the whole own log is read);
* doctor's new scan for records and log lines sealed with a key not held, against the
  whole ``doctor`` (report only) and against a bare ``json.load`` of every record file.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from _timing import median_time  # benchmarks/_timing.py, beside this script


def build(root: Path, count: int):
    from tipref.book import cases
    from tipref.book.opening import create_book
    from tipref.privacy import vault
    from tipref.privacy.keys import create_identity
    from tipref.schemas.settings import BookSettings

    create_identity(
        "bench",
        os.environ["TIPREF_PASSPHRASE"],
        {"name": "argon2id", "time_cost": 1, "memory_kib": 8, "lanes": 1},
    )
    settings = BookSettings.model_validate({"organisation": {"name": "Bench", "code": "B"}})
    book = create_book(root, settings, "bench")
    vault.init_vault(book)
    for i in range(count):
        cases.open_case(
            book,
            {"name": f"Person {i}", "sex": "female", "estimated_age": 20},
            {},
            chronology=f"Chronology {i}",
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            TIPREF_CONFIG_DIR=str(Path(tmp) / "config"),
            TIPREF_CACHE_DIR=str(Path(tmp) / "cache"),
            TIPREF_PASSPHRASE="benchmark-passphrase",
        )
        from tipref.book import opening
        from tipref.book.casebook import Book
        from tipref.privacy import sealing
        from tipref.privacy.vault import codec_for
        from tipref.sync.doctor import diagnose
        from tipref.sync.vaultcheck import unreadable_problems

        root = Path(tmp) / "book"
        build(root, args.cases)
        log = next((root / "history").glob("*.jsonl"))
        print(
            f"{args.cases} cases, own log {log.stat().st_size / 1e6:.1f} MB, load {os.getloadavg()[0]:.1f}"
        )
        book = opening.open_book(root, "bench")
        held = set(book.store.codec.keys)
        scan = median_time(lambda: unreadable_problems(book, held), args.repeat)
        doctor = median_time(lambda: diagnose(opening.open_book(root, "bench")), args.repeat)
        files = sorted((root / "cases").glob("*.json"))
        bare = median_time(lambda: [json.loads(p.read_bytes()) for p in files], args.repeat)
        print(f"doctor (report only)                {doctor * 1000:8.1f} ms")
        print(
            f"its scan for keys not held          {scan * 1000:8.1f} ms  {scan / doctor:.0%} of doctor, {scan / bare:.2f}x a bare json.load of every case"
        )

        opening.open_book(root, "bench")  # the cache remembers the checked size
        with_check = median_time(lambda: opening.open_book(root, "bench"), args.repeat)
        without = median_time(lambda: Book.open(root, "bench", codec_for), args.repeat)
        print(f"open, own-log check (unchanged log) {with_check * 1000:8.1f} ms")
        print(
            f"open, no check                      {without * 1000:8.1f} ms  ratio {with_check / without:.2f}x"
        )

        def after_a_write() -> None:
            with log.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps({"kind": "provider", "note": "x"}) + "\n")
            opening.open_book(root, "bench")

        tail = median_time(after_a_write, args.repeat)
        print(
            f"open after one new log line         {tail * 1000:8.1f} ms  ratio {tail / without:.2f}x"
        )
        marker = sealing._marker(opening.open_book(root, "bench"))

        def first_open() -> None:
            marker.unlink(missing_ok=True)
            opening.open_book(root, "bench")

        full = median_time(first_open, args.repeat)
        print(
            f"first open (whole own log read)     {full * 1000:8.1f} ms  ratio {full / without:.2f}x"
        )


if __name__ == "__main__":
    main()
