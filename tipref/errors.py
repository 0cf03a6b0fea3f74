"""The core's own exceptions. The CLI turns each into one translated line and exit code 1.

Each error carries a message key from :mod:`tipref.i18n` and its parameters, so the same
error reads in Indonesian or English depending on the user's language.
"""

from __future__ import annotations


class TiprefError(Exception):
    """Base of every error the user should see as one clear line (exit 1)."""

    key = "error.generic"

    def __init__(self, key: str | None = None, /, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        from tipref.i18n import t

        return t(self.key, lang, **self.params)


class BookNotFound(TiprefError):
    key = "book.not_found"


class NotFound(TiprefError):
    key = "record.not_found"


class Ambiguous(TiprefError):
    key = "record.ambiguous"


class InvalidInput(TiprefError):
    """A value the user gave is wrong: ``field`` names it, ``problem`` says why."""

    key = "input.invalid"


class InvalidTransition(TiprefError):
    key = "referral.bad_transition"


class Conflict(TiprefError):
    """Someone else changed the same field since it was read."""

    key = "record.conflict"


class CorruptRecord(TiprefError):
    """A record file that does not parse or does not match its schema."""

    key = "record.corrupt"


class BookBusy(TiprefError):
    key = "book.busy"
