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


class KeyMissing(CorruptRecord):
    """A value sealed with a data key this member does not hold (yet): named, with what to do."""

    key = "vault.key_missing"


class UserFileDamaged(TiprefError):
    """This user's own config.json is damaged: theirs, not the book's (which is fine)."""

    key = "userfile.config_damaged"


class PartialRead(TiprefError):
    """A bulk read could not read every record: refused unless --allow-partial."""

    key = "record.partial"


class BookBusy(TiprefError):
    key = "book.busy"


class StorageError(TiprefError):
    """The book's folder cannot take a write (nothing was changed)."""

    key = "storage.failed"


class DiskFull(StorageError):
    key = "storage.disk_full"


class ReadOnlyBook(StorageError):
    key = "storage.read_only"


class NotAFolder(StorageError):
    """A file sits where the book needs a folder (e.g. ``history``)."""

    key = "storage.not_a_folder"


class RevisionMismatch(TiprefError):
    """``--if-revision N`` and the record is at another revision: nothing written."""

    key = "record.revision_mismatch"


class BookTooNew(TiprefError):
    """The book's on-disk format is newer than this tipref: it may read, not write."""

    key = "book.too_new"


class Forked(TiprefError):
    """A record changed on two devices with a clash a person must decide (doctor)."""

    key = "record.forked"
