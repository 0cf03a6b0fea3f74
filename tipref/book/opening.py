"""Open or create a case book with its encryption: the one place that wires the vault in.

:class:`~tipref.book.casebook.Book` takes a codec factory instead of importing the vault,
so the book's core knows nothing about encryption; this module passes the vault's
:func:`~tipref.privacy.vault.codec_for`.
"""

from __future__ import annotations

from pathlib import Path

from tipref.book.casebook import Book
from tipref.privacy.sealing import seal_own_log
from tipref.privacy.vault import codec_for
from tipref.schemas.settings import BookSettings


def open_book(root: Path, actor: str) -> Book:
    """The book at ``root``, encrypted or not, acting as ``actor``.

    An unlocked encrypted book first seals this device's own plain log lines, if it wrote
    any before it knew the book was encrypted (:mod:`tipref.privacy.sealing`)."""
    book = Book.open(root, actor, codec_for)
    seal_own_log(book)
    return book


def create_book(root: Path, settings: BookSettings, actor: str) -> Book:
    """A new, empty book at ``root`` (refused when one is there already)."""
    return Book.create(root, settings, actor, codec_for)
