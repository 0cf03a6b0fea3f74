"""case list --search in an encrypted book: works for a member, leaves no readable text in
the book nor in the local cache (issue #21)."""

from __future__ import annotations

import os
from pathlib import Path

PASS_A = "kefamenanu-staff-A"


def _plaintext_under(root: Path, secrets: list[str]) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path}: {s}" for s in secrets if s.encode("utf-8") in data]
    return hits


def test_member_finds_by_name_and_nik_nothing_readable_left(tipref, victim_case, monkeypatch):
    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    number = victim_case["number"]
    found = tipref.json("case", "list", "--search", "maría ulu")
    assert [row["number"] for row in found] == [number]
    assert [r["number"] for r in tipref.json("case", "list", "--search", "5303025403")] == [number]
    secrets = ["Maria Ulu", "maria ulu", "5303025403100001", "6281234567890"]
    cache = Path(os.environ["TIPREF_CACHE_DIR"])
    assert _plaintext_under(cache, secrets) == []
    assert _plaintext_under(tipref.book, secrets) == []
