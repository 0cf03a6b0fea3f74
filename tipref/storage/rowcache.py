"""List rows kept ready in the local index (issue #21): a list of 10,000 cases is one query.

For each record file the row a list prints (``body``: its JSON, already indented as it
appears inside the list), the file stamp it was made from, the days it holds for (a
person's age changes on a birthday), its sort key, the facts lists filter on, and search
tokens (:mod:`tipref.book.search`). Bodies are kept for plain books only: in an
encrypted book the cache holds no readable text, only keyed hashes as tokens.

The caller (:mod:`tipref.book.listing`) decides which rows are stale; this module only
stores and queries them. Every row of a kind is dropped when ``tag`` changes (another
tipref version, another search key).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tipref.storage.indexdb import checkpoint, get_meta, rollback, set_meta

BATCH = 500  # rows written per statement batch: a cold list of 10,000 holds few in memory


@dataclass
class ListRow:
    body: bytes | None  # None: not kept (an encrypted book)
    sort: str
    status: str | None
    risk: str | None
    child: bool
    until: str  # ISO date: the row holds for days before this one
    vv: str | None = None  # the version vector of the snapshot it was made from
    tokens: set[bytes] = field(default_factory=set)


Stamp = tuple[int, int, int]


class RowCache:
    def __init__(self, db: sqlite3.Connection, kind: str) -> None:
        self.db = db
        self.kind = kind

    def use_tag(self, tag: str) -> None:
        """Drop every row of this kind if they were made under another tag."""
        key = f"tag:{self.kind}"
        if get_meta(self.db, key) == tag:
            return
        self.db.execute("BEGIN")
        try:
            self.db.execute("DELETE FROM rows WHERE kind = ?", (self.kind,))
            self.db.execute("DELETE FROM tokens WHERE kind = ?", (self.kind,))
            set_meta(self.db, key, tag)
            set_meta(self.db, f"logs:{self.kind}", "")
            self.db.execute("COMMIT")
        except sqlite3.Error:
            rollback(self.db)
            raise

    def logs_signature(self) -> str:
        """The device logs' sizes the rows were last checked against."""
        return get_meta(self.db, f"logs:{self.kind}") or ""

    def kept(self) -> dict[str, tuple[str, int, int, int, str, str, str | None]]:
        """id -> (id, mtime_ns, size, inode, since, until, vv) of every row kept."""
        rows = self.db.execute(
            "SELECT id, mtime, size, ino, since, until, vv FROM rows WHERE kind = ?", (self.kind,)
        )
        return {r[0]: r for r in rows}

    def save(
        self,
        made: Iterable[tuple[str, Stamp, str, ListRow]],
        dropped: Iterable[str],
        logs: str,
        replaced: bool = False,
    ) -> None:
        """Keep rows (id, stamp, since, row), forget ``dropped``, note the logs' signature.
        ``replaced``: rows were changed or dropped, so their old text is cleared from the
        write-ahead log too (secure_delete zeroes it in the file)."""
        db, kind = self.db, self.kind
        gone = [(kind, record_id) for record_id in dropped]
        db.execute("BEGIN")
        try:
            db.executemany("DELETE FROM rows WHERE kind = ? AND id = ?", gone)
            db.executemany("DELETE FROM tokens WHERE kind = ? AND id = ?", gone)
            batch: list[tuple[str, Stamp, str, ListRow]] = []
            for item in made:
                batch.append(item)
                if len(batch) >= BATCH:
                    self._insert(batch)
                    batch = []
            self._insert(batch)
            set_meta(db, f"logs:{kind}", logs)
            db.execute("COMMIT")
        except sqlite3.Error:
            rollback(db)
            raise
        if replaced:
            checkpoint(db)

    def forget(self, ids: list[str]) -> None:
        """Drop these rows now (a person's data was erased)."""
        self.save([], ids, self.logs_signature(), replaced=True)

    def _insert(self, batch: list[tuple[str, Stamp, str, ListRow]]) -> None:
        kind = self.kind
        ids = [(kind, record_id) for record_id, *_ in batch]
        self.db.executemany("DELETE FROM tokens WHERE kind = ? AND id = ?", ids)
        self.db.executemany(
            "INSERT OR REPLACE INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (kind, rid, *stamp, since, r.until, r.sort, r.status, r.risk, int(r.child))
                + (r.vv, r.body)
                for rid, stamp, since, r in batch
            ],
        )
        self.db.executemany(
            "INSERT INTO tokens VALUES (?, ?, ?)",
            [(kind, token, rid) for rid, _, _, r in batch for token in r.tokens],
        )

    def bodies(
        self,
        status: str | None = None,
        risk: str | None = None,
        children_only: bool = False,
        only: set[str] | None = None,
    ) -> Iterator[tuple[str, bytes]]:
        """(id, body) of the rows kept, in list order, filtered; ``only``: these ids."""
        sql = "SELECT id, body, sort FROM rows WHERE kind = ? AND body IS NOT NULL"
        params: list[object] = [self.kind]
        for column, value in (("status", status), ("risk", risk)):
            if value is not None:
                sql += f" AND {column} = ?"
                params.append(value)
        if children_only:
            sql += " AND child = 1"
        if only is None:
            for record_id, body, _ in self.db.execute(sql + " ORDER BY sort", params):
                yield record_id, body
            return
        found: list[tuple[str, str, bytes]] = []
        wanted = sorted(only)
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start : start + BATCH]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(f"{sql} AND id IN ({marks})", [*params, *chunk])
            found += [(sort, record_id, body) for record_id, body, sort in rows]
        for _, record_id, body in sorted(found, key=lambda r: r[0]):
            yield record_id, body

    def holding(self, tokens: set[bytes]) -> set[str]:
        """Ids of the rows holding every one of ``tokens``."""
        if not tokens:
            return set()
        marks = ", ".join("?" * len(tokens))
        rows = self.db.execute(
            f"SELECT id FROM tokens WHERE kind = ? AND token IN ({marks}) "
            "GROUP BY id HAVING COUNT(DISTINCT token) = ?",
            [self.kind, *tokens, len(tokens)],
        )
        return {r[0] for r in rows}
