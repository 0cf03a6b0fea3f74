"""``case list --json`` from the local index (issue #21): one query, the rows streamed.

Each case's list row (the stored record with every person's age and child flag, exactly
as :func:`tipref.book.cases.list_cases` gives it) is kept in the index
(:mod:`tipref.storage.rowcache`) with the stamp of the file it was made from and the days
it holds for. A list first brings the index up to date: every record file is stat'ed
(:meth:`RecordIndex.entries`: a file a sync delivered, replaced or removed is seen, a
changed one read again); a row is made again when its file's stamp changed, when a
person's birthday passed since it was made, or when a device log holds an entry its
snapshot lacks (checked against the logs only when a log grew since the last list). Then
the rows are read from SQLite in list order and written out one by one.

An encrypted book keeps no rows (the cache holds no readable text), only the keyed search
tokens; its list reads and decrypts every file as before, and a search reads only the
cases whose tokens match.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import orjson

from tipref import __version__, clock
from tipref.book.casebook import Book
from tipref.book.reading import gc_paused
from tipref.book.search import PersonQuery, case_tokens, query_tokens, token_key
from tipref.schemas.case import Case
from tipref.schemas.enums import CaseStatus, RiskLevel
from tipref.storage.index import INDEX_VERSION
from tipref.storage.rebuild import lacking
from tipref.storage.rowcache import ListRow, RowCache, Stamp

JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS


def case_list_json(
    book: Book,
    status: CaseStatus | None = None,
    risk: RiskLevel | None = None,
    children_only: bool = False,
    search: str | None = None,
    on: date | None = None,
) -> Iterator[bytes]:
    """The bytes ``case list --json`` prints (as ``orjson`` indents the list of
    :func:`~tipref.book.cases.list_cases`), in pieces. Problems (a bad search text, an
    unreadable record without --allow-partial) are raised before the first piece."""
    query = PersonQuery.parse(search) if search is not None else None
    on = on or clock.today()
    lister = _Lister(book, on)
    if lister.cache is None:
        return _framed(_plain_rows(book, status, risk, children_only, search, on))
    filters = (status.value if status else None, risk.value if risk else None, children_only)
    with gc_paused():
        ids = lister.refresh()
        if lister.cache is not None and query is not None:
            found = lister.search(query, ids, filters)
            if lister.plain:
                return _framed(iter(found))
            ids = set(found)
    if lister.cache is not None and lister.plain:
        return _framed(body for _, body in lister.cache.bodies(*filters))
    return _framed(_plain_rows(book, status, risk, children_only, search, on, ids))


def _plain_rows(
    book: Book,
    status: CaseStatus | None,
    risk: RiskLevel | None,
    children_only: bool,
    search: str | None,
    on: date,
    only: set[str] | None = None,
) -> Iterator[bytes]:
    """The rows as :func:`list_cases` makes them, each dumped (no index, or encrypted)."""
    from tipref.book.cases import list_cases

    found = list_cases(book, status, risk, children_only, on=on, search=search, only=only)
    return (_body(row) for row in found)


def _body(row: dict[str, Any]) -> bytes:
    """A row as it appears inside the indented list: two more spaces on every line."""
    return orjson.dumps(row, option=JSON_OPTIONS, default=str).replace(b"\n", b"\n  ")


def _framed(bodies: Iterator[bytes]) -> Iterator[bytes]:
    first = next(bodies, None)
    if first is None:
        yield b"[]\n"
        return
    yield b"[\n  " + first
    for body in bodies:
        yield b",\n  " + body
    yield b"\n]\n"


class _Lister:
    def __init__(self, book: Book, on: date) -> None:
        self.book = book
        self.on = on
        self.key = token_key(book.store.codec)
        self.plain = self.key is not None and self.key[1] is None
        self.cache: RowCache | None = None
        db = book.index.db()
        if db is not None and self.key is not None:
            self.cache = RowCache(db, Case.KIND)
            try:
                self.cache.use_tag(f"{__version__}/{INDEX_VERSION}/{self.key[0]}")
            except sqlite3.Error:
                self.cache = None

    def refresh(self) -> set[str] | None:
        """Make the stale rows again; the ids to list (None: every row kept)."""
        assert self.cache is not None
        before = len(self.book.unreadable)
        stamps = self.book.index.file_stamps(Case.KIND)
        kept = self.cache.kept()
        logs = _logs_signature(self.book)
        stale = self._stale(stamps, kept, logs != self.cache.logs_signature())
        gone = [rid for rid in kept if rid not in stamps]
        entries = self.book.index.refreshed(Case.KIND, sorted(stale), gone) if stale or gone else {}
        made = list(self._make(entries))
        broken = {rid for rid in stale if rid not in entries}
        broken |= {rid for rid, _, row in made if row is None}
        if not self._keep(made, [*gone, *broken], logs, bool(gone or broken or stale & set(kept))):
            return None
        self.book.unreadable.check(Case.KIND, before)
        return None if self.plain else set(stamps)

    def _keep(
        self,
        made: list[tuple[str, Stamp, ListRow | None]],
        dropped: list[str],
        logs: str,
        replaced: bool,
    ) -> bool:
        """Save the rows made; False (and no cache from here on) if the index failed."""
        assert self.cache is not None
        today = self.on.isoformat()
        rows = ((rid, stamp, today, row) for rid, stamp, row in made if row is not None)
        try:
            self.cache.save(rows, dropped, logs, replaced=replaced)
        except sqlite3.Error:
            self.cache = None
            return False
        return True

    def _stale(
        self, stamps: dict[str, Stamp], kept: dict[str, tuple], check_logs: bool
    ) -> set[str]:
        """The ids whose row must be made again (when a log grew: also those whose
        snapshot lacks one of its entries)."""
        today = self.on.isoformat()
        stale = {
            rid for rid, stamp in stamps.items() if not self._fresh(kept.get(rid), stamp, today)
        }
        if check_logs:
            stale |= {
                rid for rid in stamps if rid not in stale and self._lacking(kept[rid][6], rid)
            }
        return stale

    @staticmethod
    def _fresh(kept: tuple | None, stamp: tuple[int, int, int], today: str) -> bool:
        """A kept row made from this very file version, for a day its ages still hold."""
        return kept is not None and kept[1:4] == stamp and kept[4] <= today < kept[5]

    def _lacking(self, vv: str | None, record_id: str) -> bool:
        """The logs hold an entry the snapshot the row was made from lacks."""
        seen = self.book.store.logs.seen_for(record_id)
        known = json.loads(vv) if vv else None
        return seen is not None and known != seen and lacking(known, seen)

    def _make(
        self, entries: dict[str, tuple[list[int], dict[str, Any]]]
    ) -> Iterator[tuple[str, Stamp, ListRow | None]]:
        from tipref.present import case_row_json

        key = self.key[1] if self.key else None
        for record_id in sorted(entries):
            stamp, facts = entries[record_id]
            data = self.book._row(Case, record_id, stamp, facts, None)
            if data is None:
                yield record_id, (0, 0, 0), None
                continue
            row = case_row_json(data, self.on)
            yield (
                record_id,
                (stamp[0], stamp[1], stamp[2]),
                ListRow(
                    body=_body(row) if self.plain else None,
                    sort=f"{row['opened_on']}\0{row['number']}\0{record_id}",
                    status=row.get("status"),
                    risk=row.get("risk"),
                    child=bool(row.get("has_child")),
                    until=_holds_until(row, self.on).isoformat(),
                    vv=facts.get("vv"),
                    tokens=case_tokens(row, key),
                ),
            )

    def search(
        self, query: PersonQuery, ids: set[str] | None, filters: tuple[str | None, str | None, bool]
    ) -> list[Any]:
        """The cases with a person matching ``query``: the index's tokens name the
        candidates, each checked exactly. Their bodies in list order in a plain book,
        else their ids (checked when :func:`list_cases` reads them)."""
        assert self.cache is not None
        key = self.key[1] if self.key else None
        groups = query_tokens(query, key)
        if groups:
            candidates: set[str] = set().union(*(self.cache.holding(g) for g in groups))
        else:
            candidates = set(self.cache.kept())
        if ids is not None:
            candidates &= ids
        if not self.plain:
            return sorted(candidates)
        return [
            body
            for _, body in self.cache.bodies(*filters, only=candidates)
            if query.matches_case(orjson.loads(body))
        ]


def _holds_until(row: dict[str, Any], on: date) -> date:
    """The first day a person's age may differ from the one in ``row`` (a birthday, or
    the anniversary of the day an age was estimated); a year ahead at most."""
    until = on + timedelta(days=366)
    for person in row.get("persons") or ():
        when = person.get("birth_date") or (
            person.get("age_recorded_on") if person.get("estimated_age") is not None else None
        )
        if when:
            until = min(until, _next_anniversary(date.fromisoformat(str(when)), on))
    return until


def _next_anniversary(day: date, on: date) -> date:
    if day > on:
        return day
    for year in (on.year, on.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # 29 February: the 28th, a day early, is always safe
            candidate = date(year, 2, 28)
        if candidate > on:
            return candidate
    return on + timedelta(days=1)


def _logs_signature(book: Book) -> str:
    """The device logs' names and sizes: a log grew, so a snapshot may lack an entry."""
    folder = book.store.history.folder
    try:
        with os.scandir(folder) as entries:
            sizes = sorted((e.name, e.stat().st_size) for e in entries if e.name.endswith(".jsonl"))
    except OSError:
        return ""
    return json.dumps(sizes)
