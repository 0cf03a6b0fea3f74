"""Where the case book is: the folder holding ``tipref.json`` (no models needed to find it)."""

from __future__ import annotations

import os
from pathlib import Path

from tipref.errors import BookNotFound

BOOK_FILE = "tipref.json"


def find_book_root(
    explicit: str | os.PathLike[str] | None = None, start: Path | None = None
) -> Path:
    """--book, else TIPREF_BOOK, else the current folder or one of its parents."""
    chosen = explicit or os.environ.get("TIPREF_BOOK")
    if chosen:
        root = Path(chosen).expanduser()
        if not (root / BOOK_FILE).is_file():
            raise BookNotFound(where=str(root))
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / BOOK_FILE).is_file():
            return folder
    raise BookNotFound(where=f"{here} (or its parents)")
