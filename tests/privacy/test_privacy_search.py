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


def _index_tables(cache: Path) -> tuple[list[bytes], list[object]]:
    import sqlite3

    (db_file,) = list(cache.rglob("index.v*.sqlite"))
    db = sqlite3.connect(str(db_file))
    tokens = [row[0] for row in db.execute("SELECT token FROM tokens WHERE kind = 'case'")]
    bodies = [row[0] for row in db.execute("SELECT body FROM rows WHERE kind = 'case'")]
    db.close()
    return tokens, bodies


def test_the_index_of_an_encrypted_book_holds_keyed_hashes_only(tipref, victim_case, monkeypatch):
    """Name pieces and digit pieces are kept as 8-byte HMACs under the book's key, the list
    rows not at all; the cache's bytes hold no piece of the name, NIK or phone, and search
    uses the hashes (it still finds the person after the key is rotated)."""
    from tipref.book.search import case_tokens

    monkeypatch.setenv("TIPREF_PASSPHRASE", PASS_A)
    tipref("vault", "init")
    number = victim_case["number"]
    assert [r["number"] for r in tipref.json("case", "list", "--search", "ulu")] == [number]
    cache = Path(os.environ["TIPREF_CACHE_DIR"])
    tokens, bodies = _index_tables(cache)
    plain_pieces = case_tokens(victim_case, None)  # b"nmar", b"nuri", b"d530", ...
    assert tokens and all(len(t) == 8 for t in tokens) and bodies == [None]
    assert not plain_pieces & set(tokens)
    assert _plaintext_under(cache, ["Maria", "Ulu", "5303025403", "81234567890"]) == []
    tipref("vault", "rotate")
    assert [r["number"] for r in tipref.json("case", "list", "--search", "maria")] == [number]
    assert [r["number"] for r in tipref.json("case", "list", "--search", "0812 3456")] == [number]
    assert tipref.json("case", "list", "--search", "agnes") == []
    rotated, _ = _index_tables(cache)
    assert rotated and not set(rotated) & set(tokens)  # hashed again under the new key


def test_a_plain_book_search_matches_the_exact_rule(tipref, victim_case):
    """The index only narrows: every candidate is checked with the words and digits rule."""
    tipref("case", "new", "--name", "Ulumaria Kefi", "--sex", "female", "--age", "30")
    assert [r["number"] for r in tipref.json("case", "list", "--search", "maria ulu")] == [
        victim_case["number"],
        "TTU-2026-0002",
    ]
    assert tipref.json("case", "list", "--search", "mariau") == []
