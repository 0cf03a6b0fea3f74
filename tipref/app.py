"""The application object every command receives: the book, the user, the language, output.

Kept free of click so that it can be built in tests; the book is opened on first use, so
commands such as ``init`` and ``--help`` work outside a book.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import orjson
from rich.console import Console
from rich.text import Text

from tipref import clock, userconfig
from tipref.book.location import find_book_root
from tipref.errors import BookNotFound
from tipref.i18n import DEFAULT_LANGUAGE, LANGUAGES, Msg
from tipref.terminal import for_terminal

if TYPE_CHECKING:  # the models load when a command opens the book, not with the App (#21)
    from tipref.book.casebook import Book
    from tipref.book.trusted import TrustedReader
    from tipref.schemas.settings import BookSettings


class DataConsole(Console):
    """A rich console that prints text as typed (DESIGN §4): no markup, no highlighting.

    Strings reach the terminal without being read as ``[bold]`` markup, so a name with a
    bracket prints as typed; control characters (ESC, BEL...) are shown as ``\\x1b``
    escapes instead of acting on the terminal. Styles are given explicitly
    (``style="bold"``, :class:`rich.text.Text`), never inside the text.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, highlight=False, emoji=False, **kwargs)

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs.update(markup=False, highlight=False, emoji=False)
        return super().render_str(for_terminal(text), **kwargs)


class App:
    def __init__(
        self,
        book_path: str | None = None,
        actor: str | None = None,
        lang: str | None = None,
        debug: bool = False,
    ) -> None:
        self.book_path = book_path
        self.actor_flag = actor
        self.lang_flag = lang
        self.debug = debug
        self.json_output = False
        # a bulk read (lists, export, report, due): False refuses a partial result, True
        # allows it (--allow-partial); None for the commands that read one record
        self.allow_partial: bool | None = None
        self._book: Book | None = None
        self._peeked: BookSettings | None | bool = False  # False: not looked yet
        self._trusted: TrustedReader | None | bool = False  # False: not looked yet
        self._reader_ready = False
        self.out = DataConsole(soft_wrap=False)
        self.err = DataConsole(stderr=True)

    # -- context ---------------------------------------------------------------
    @property
    def actor(self) -> str:
        return userconfig.acting_user(self.actor_flag)

    @property
    def book(self) -> Book:
        if self._book is None:
            from tipref.book.opening import open_book

            root = find_book_root(self.book_path)
            self._book = open_book(root, self.actor)
            self._book.notify = self.warn  # e.g. an old number that now resolves by alias
            self._book.unreadable.strict = self.allow_partial is False
        return self._book

    @property
    def lang(self) -> str:
        """--lang, else TIPREF_LANG, else the book's language, else the user's, else Indonesian."""
        for candidate in (self.lang_flag, os.environ.get("TIPREF_LANG")):
            if candidate in LANGUAGES:
                return candidate
        language = self._stored_setting("language")
        if language in LANGUAGES:
            return language
        settings = self.book_settings()
        if settings is not None:
            return settings.language
        configured = _user_language()
        return configured if configured in LANGUAGES else DEFAULT_LANGUAGE

    def book_settings(self) -> BookSettings | None:
        """The book's settings if there is a readable book here, without opening it."""
        if self._book is not None:
            return self._book.settings
        if self._peeked is False:
            from tipref.book.casebook import load_settings

            try:
                self._peeked = load_settings(find_book_root(self.book_path))
            except Exception:  # no book, or a damaged one: commands that need it will say so
                self._peeked = None
        return self._peeked if self._peeked is not True else None

    # -- reads the local index vouches for (issue #21) -------------------------------
    def _stored_setting(self, name: str) -> Any:
        """A book setting as stored, when the settings were seen valid (no model built)."""
        reader = self._reader()
        return None if reader is None else reader.settings.get(name)

    def _reader(self) -> TrustedReader | None:
        if self._book is not None:
            return None
        if self._trusted is False:
            from tipref.book.trusted import TrustedReader

            try:
                self._trusted = TrustedReader.at(find_book_root(self.book_path))
            except BookNotFound:  # the model path says so if the command needs a book
                self._trusted = None
        return self._trusted if self._trusted is not True else None

    def trusted_reader(self) -> TrustedReader | None:
        """The book opened for reads the index vouches for; None: use :attr:`book`."""
        reader = self._reader()
        if reader is None or not (self._reader_ready or reader.ready(self.actor)):
            self._trusted = None
            return None
        self._reader_ready = True
        return reader

    def trusted_record(self, kind: str, ref: str) -> dict[str, Any] | None:
        """One record as stored, if the index vouches for it; None: read it with the book."""
        reader = self.trusted_reader()
        return None if reader is None else reader.record(kind, ref)

    def use_book_clock(self) -> None:
        """Make "today" the book's local date before any option is converted."""
        zone = self._stored_setting("timezone")
        if isinstance(zone, str):
            try:
                clock.use_zone(zone)
                return
            except Exception:  # noqa: BLE001 - the model path below reports a bad zone
                pass
        settings = self.book_settings()
        if settings is not None:
            clock.use_zone(settings.timezone)

    def render(self, message: Msg | str) -> str:
        return message.render(self.lang) if isinstance(message, Msg) else message

    # -- output ------------------------------------------------------------------
    def unreadable_count(self) -> int:
        """How many record files this command's reads had to skip."""
        return len(self._book.unreadable) if self._book is not None else 0

    def emit_json(self, data: Any) -> None:
        if self.allow_partial and isinstance(data, dict) and self.unreadable_count():
            data = {**data, "unreadable": self.unreadable_count()}
        # orjson: the standard encoder with indent runs in pure Python, 10x slower on big lists
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS, default=str)
        sys.stdout.flush()
        sys.stdout.buffer.write(text + b"\n")
        sys.stdout.buffer.flush()

    def emit_json_pieces(self, pieces: Iterable[bytes]) -> None:
        """JSON already encoded, written piece by piece (a long list never whole in memory)."""
        sys.stdout.flush()
        write = sys.stdout.buffer.write
        for piece in pieces:
            write(piece)
        sys.stdout.buffer.flush()

    def line(self, message: Msg | str, style: str = "") -> None:
        """One line on stdout in an explicit style; the text itself is never markup."""
        self.out.print(Text(for_terminal(self.render(message)), style=style))

    def success(self, message: Msg | str) -> None:
        if not self.json_output:
            self.err.print(_marked("✓", "green", self.render(message)))

    def warn(self, message: Msg | str) -> None:
        self.err.print(_marked("!", "yellow", self.render(message)))

    def info(self, message: Msg | str) -> None:
        if not self.json_output:
            self.err.print(self.render(message))


def _marked(mark: str, style: str, text: str) -> Text:
    return Text.assemble((mark, style), " ", for_terminal(text))


def _user_language() -> str | None:
    try:
        return userconfig.load().get("language")
    except Exception:
        return None


__all__ = ["App", "BookNotFound"]
