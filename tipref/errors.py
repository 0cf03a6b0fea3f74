"""The core's own exceptions. The CLI turns each into one translated line and exit code 1.

Each error carries its message (an English msgid of the gettext catalogue, see
:mod:`tipref.i18n`) and its parameters, so the same error reads in Indonesian or English
depending on the run's language. ``key`` is the message: a class's own, or one given.
"""

from __future__ import annotations

from tipref.i18n import N_, Msg


class TiprefError(Exception):
    """Base of every error the user should see as one clear line (exit 1)."""

    key = N_("Failed: {detail}")

    plural: str | None = None  # the plural form, for a message counting ``n``
    n = 0

    def __init__(self, key: str | Msg | None = None, /, **params: object) -> None:
        if isinstance(key, Msg):  # e.g. Msg.plural(...): a count sentence
            self.plural, self.n = key.plural_message, key.n
            params = {**key.params, **params}
            key = key.message
        self.key = key or self.key
        self.params = params
        super().__init__(self.message("en"))

    def render(self, lang: str | None = None) -> str:
        """As a parameter of another message: rendered in that message's language."""
        return self.message(lang)

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the run's language)."""
        if self.plural is not None:
            return Msg.plural(self.key, self.plural, self.n, **self.params).render(lang)
        return Msg(self.key, **self.params).render(lang)


class BookNotFound(TiprefError):
    key = N_(
        "No case book found at {where}. Create one with 'tipref init PATH', or point to one with --book PATH or TIPREF_BOOK."
    )


class NotFound(TiprefError):
    key = N_("{kind} '{ref}' not found.")


class Ambiguous(TiprefError):
    key = N_("'{ref}' matches more than one {kind}: {matches}. Use its id.")


class InvalidInput(TiprefError):
    """A value the user gave is wrong: ``field`` names it, ``problem`` says why."""

    key = N_("{field}: {problem}")


class InvalidTransition(TiprefError):
    key = N_("Referral {ref} is {current}; it cannot become {target}. Allowed: {allowed}.")


class Conflict(TiprefError):
    """Someone else changed the same field since it was read."""

    key = N_(
        "{kind} {ref} was changed by someone else since it was read. Clashing fields: {fields}."
    )


class CorruptRecord(TiprefError):
    """A record file that does not parse or does not match its schema."""

    key = N_(
        "Corrupt record file: {path} ({detail}). Other records still work; 'tipref doctor' lists such files."
    )


class KeyMissing(CorruptRecord):
    """A value sealed with a data key this member does not hold (yet): named, with what to do."""

    key = N_(
        "Data in {path} is encrypted with key {key_id}, which you do not hold. If that key was just made on another computer, your copy of it (vault/wrapped/{member}/{key_id}.json) may not have synced yet: wait for the sync and try again; if it does not come, ask a member who holds the key to run 'tipref vault add-member' for you again ('tipref vault status' shows your keys)."
    )


class UserFileDamaged(TiprefError):
    """This user's own config.json is damaged: theirs, not the book's (which is fine)."""

    key = N_(
        "Your settings file {path} is damaged ({detail}). It is yours on this computer, not the case book's (the book is fine). Move it aside (e.g. rename it config.json.bad); tipref makes a new one; then set your name again with 'tipref config set user NAME'."
    )


class PartialRead(TiprefError):
    """A bulk read could not read every record: refused unless --allow-partial."""


class BookBusy(TiprefError):
    key = N_("The case book is busy in another process ({lock}); try again in a moment.")


class StorageError(TiprefError):
    """The book's folder cannot take a write (nothing was changed)."""

    key = N_("Cannot write {path}: {detail}. Nothing was changed.")


class DiskFull(StorageError):
    key = N_("The disk is full (writing {path}). Nothing was changed; free some space and retry.")


class ReadOnlyBook(StorageError):
    key = N_("The case book is read-only (cannot write {path}). Nothing was changed.")


class NotAFolder(StorageError):
    """A file sits where the book needs a folder (e.g. ``history``)."""

    key = N_("{path} must be a folder but is a file. Nothing was changed; move that file away.")


class RevisionMismatch(TiprefError):
    """``--if-revision N`` and the record is at another revision: nothing written."""

    key = N_("{ref} is at revision {current}, not {expected} (--if-revision): nothing was written.")


class BookTooNew(TiprefError):
    """The book's on-disk format is newer than this tipref: it may read, not write."""

    key = N_(
        "This case book is in format {format} (written by tipref {by}); this tipref ({mine}) knows formats up to {known}. Reading works; to change it, install tipref {by} or newer: pip install -U 'tipref>={by}'"
    )


class Forked(TiprefError):
    """A record changed on two devices with a clash a person must decide (doctor)."""

    key = N_(
        "{ref} was changed on two devices to different values ({fields}). Decide first: tipref doctor --keep mine|theirs|newest"
    )
