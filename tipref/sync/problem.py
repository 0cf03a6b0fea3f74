"""What ``tipref doctor`` reports: a problem, and the index summaries one run shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tipref.book.casebook import Book
from tipref.i18n import Msg
from tipref.storage.merge import Clash


@dataclass
class Problem:
    type: str
    message: Msg
    path: str | None = None
    fixed: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    # A warning is worth a look but leaves the book healthy (e.g. a laptop's clock ahead).
    warning: bool = False

    def as_json(self, lang: str) -> dict[str, Any]:
        return {
            "type": self.type,
            "path": self.path,
            "fixed": self.fixed,
            "warning": self.warning,
            "message": self.message.render(lang),
            **self.data,
        }


class Rows:
    """The index's summaries of each kind, read once per step of one doctor run."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self._cache: dict[str, dict[str, dict[str, Any]]] = {}

    def __call__(self, kind: str) -> dict[str, dict[str, Any]]:
        if kind not in self._cache:
            self._cache[kind] = self.book.index.rows(kind)
        return self._cache[kind]

    def forget(self) -> None:
        self._cache.clear()


Decide = Callable[[str, dict[str, Any], dict[str, Any], list[Clash]], str]
