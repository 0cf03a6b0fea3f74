"""What encryption at rest costs: unlocking (Argon2id), and reading/writing cases plain vs encrypted.

Run: python benchmarks/vault_cost.py [N]   (default 200 cases). Prints figures and ratios.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from tipref.book.opening import create_book, open_book
from tipref.schemas import Case


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TIPREF_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["TIPREF_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["TIPREF_PASSPHRASE"] = "benchmark-passphrase"
        from tipref.book import cases
        from tipref.privacy import vault
        from tipref.schemas.settings import BookSettings

        figures = {}
        for label in ("plain", "encrypted"):
            settings = BookSettings.model_validate({"organisation": {"name": "Bench", "code": "B"}})
            book = create_book(Path(tmp) / label, settings, "bench")
            if label == "encrypted":
                vault.init_vault(book)
                start = time.perf_counter()
                open_book(book.root, "bench")
                figures["unlock (open book)"] = time.perf_counter() - start
            start = time.perf_counter()
            for i in range(count):
                cases.open_case(
                    book,
                    {
                        "name": f"Person {i} Example",
                        "sex": "female",
                        "estimated_age": 20,
                        "phone": "081234567890",
                    },
                    {},
                    chronology=f"Chronology text {i}",
                )
            figures[f"{label}: write {count} cases"] = time.perf_counter() - start
            start = time.perf_counter()
            assert len(open_book(book.root, "bench").all(Case)) == count
            figures[f"{label}: read all {count}"] = time.perf_counter() - start
        for name, seconds in figures.items():
            print(f"{name:32s} {seconds * 1000:9.1f} ms")
        for what in ("write", "read all"):
            plain = figures[
                f"plain: {what} {count}" if what == "read all" else f"plain: write {count} cases"
            ]
            enc = figures[
                f"encrypted: {what} {count}"
                if what == "read all"
                else f"encrypted: write {count} cases"
            ]
            print(f"ratio encrypted/plain, {what:9s} {enc / plain:6.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
