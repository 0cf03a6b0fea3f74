"""The codec of an encrypted book: which values are sensitive, and their encryption.

The store calls the codec on every record it writes and reads and on every history
entry; sensitive values become AES-GCM ciphertexts (see :mod:`tipref.privacy.vault` for
the keys and the members). A *locked* codec (no key) shows placeholders and refuses to
show or change persons.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tipref.errors import CorruptRecord, KeyMissing, TiprefError
from tipref.i18n import Msg
from tipref.privacy import crypto

PUBLIC_KINDS = frozenset({"provider"})
# A value under one of these keys (at any depth) is encrypted, whatever the kind.
SENSITIVE_KEYS = frozenset(
    {
        "name",
        "nik",
        "phone",
        "street",
        "village",
        "text",
        "note",
        "notes",
        "reason",
        "situation",
        "guardian",
        "closed_reason",
        "place",
        "body",
        "summary",
        "details",
        "description",
        "comment",
        "comments",
        "health",
        "diagnosis",
        "family",
        "contact",
        "email",
        "free_text",
        "chronology_text",
        "discussion",  # a case conference's minutes (#19)
        "agenda",
        # the SOP's own papers, part 2 (#20): who received a person home, who accompanied
        # them at the police examination, what a provider's reply slip says
        "family_name",
        "family_relation",
        "bap_companion",
        "plan",
        "referred_on_to",
        "officer_name",
        "officer_phone",
    }
)
# Shown instead of a value when the book is locked; these keys must stay valid when empty.
NULL_WHEN_LOCKED = frozenset({"nik", "phone", "email"})
LOCKED_TEXT = "[locked]"


class VaultLocked(TiprefError):
    key = "vault.locked"


class CurrentKeyMissing(TiprefError):
    """A write, while this member's copy of the book's current key has not arrived."""

    key = "vault.current_key_missing"


# -- which values are sensitive ------------------------------------------------------
def _item_path(prefix: str, index: int, item: Any) -> str:
    handle = item["id"] if isinstance(item, dict) and "id" in item else index
    return f"{prefix}[{handle}]"


def _transform(value: Any, path: str, sensitive: bool, leaf: Callable[..., Any]) -> Any:
    """Apply ``leaf(value, path)`` to every value that sits under a sensitive key."""
    if sensitive:
        return value if value is None else leaf(value, path)
    if isinstance(value, dict):
        return {
            key: _transform(item, f"{path}.{key}" if path else key, key in SENSITIVE_KEYS, leaf)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [
            _transform(item, _item_path(path, i, item), False, leaf) for i, item in enumerate(value)
        ]
    return value


def _decode_walk(value: Any, path: str, leaf: Callable[..., Any]) -> Any:
    """Apply ``leaf`` to every ciphertext, wherever it is."""
    if crypto.is_encrypted(value):
        return leaf(value, path)
    if isinstance(value, dict):
        return {
            key: _decode_walk(item, f"{path}.{key}" if path else key, leaf)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_decode_walk(item, _item_path(path, i, item), leaf) for i, item in enumerate(value)]
    return value


FIELD_PART = re.compile(r"\[[^\]]*\]")


def _field_is_sensitive(field: str) -> bool:
    return any(part in SENSITIVE_KEYS for part in FIELD_PART.sub("", field).split("."))


def _last_key(path: str) -> str:
    return FIELD_PART.sub("", path).rsplit(".", 1)[-1]


def _placeholder(value: str, path: str) -> Any:
    kind = crypto.type_of(value)
    if kind == "s":
        return None if _last_key(path) in NULL_WHEN_LOCKED else LOCKED_TEXT
    return {"l": [], "d": {}}.get(kind)


# -- the codec the store uses ------------------------------------------------------------
class VaultCodec:
    """Encrypts sensitive values on the way to disk and decrypts them on the way back.

    ``keys`` maps key ids to data keys; ``current`` encrypts new writes. A locked codec
    (no key) decodes to placeholders so that reports run, and refuses every write.
    """

    def __init__(
        self,
        keys: dict[str, bytes],
        current: str | None,
        locked_why: Msg | None = None,
        member_id: str | None = None,
    ) -> None:
        self.keys = keys
        self.current = current
        self.locked_why = locked_why
        self.member_id = member_id
        self.counting = False  # see counting_only()
        self.missing: set[str] = set()  # keys a counting read met and does not hold

    @property
    def locked(self) -> bool:
        return self.locked_why is not None

    @property
    def placeholders(self) -> bool:
        """Sealed values this codec cannot open read as placeholders (locked, or counting)."""
        return self.locked or self.counting

    def require_unlocked(self) -> None:
        """Refuse a write (or a full read) without a key, or without the current key."""
        if self.locked_why is not None:
            raise VaultLocked(why=self.locked_why)
        if self.current not in self.keys:
            raise CurrentKeyMissing(key_id=self.current, member=self.member_id or "?")

    def guard_read(self, kind: str) -> None:
        """Called before one record is shown or used in full (``Book.get``)."""
        if kind not in PUBLIC_KINDS:
            self.require_unlocked()

    # records
    def encode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        if kind in PUBLIC_KINDS:
            return data
        self.require_unlocked()
        return _transform(
            data, "", False, lambda value, path: self._seal(value, f"{kind}:{record_id}:{path}")
        )

    def decode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        return _decode_walk(
            data,
            "",
            lambda value, path: self._open(
                value, f"{kind}:{record_id}:{path}", f"{kind} {record_id}", path
            ),
        )

    # history
    def encode_history(self, entry: dict[str, Any]) -> dict[str, Any]:
        if entry.get("kind") in PUBLIC_KINDS:
            return entry
        self.require_unlocked()
        record_id = entry.get("record_id", "")
        entry = dict(entry)
        changes = []
        for change in entry.get("changes", []):
            field = str(change.get("field", ""))
            sensitive = _field_is_sensitive(field)
            change = dict(change)
            for side in ("old", "new"):
                aad_base = f"history:{record_id}:{field}:{side}"
                change[side] = _transform(
                    change.get(side),
                    "",
                    sensitive,
                    lambda value, path, base=aad_base: self._seal(value, f"{base}:{path}"),
                )
            changes.append(change)
        if "changes" in entry:
            entry["changes"] = changes
        if entry.get("note") is not None:
            entry["note"] = self._seal(entry["note"], f"history:{record_id}:note:")
        return entry

    def decode_history(self, entry: dict[str, Any]) -> dict[str, Any]:
        record_id = entry.get("record_id", "")
        entry = dict(entry)
        where = f"history {record_id}"
        changes = []
        for change in entry.get("changes", []):
            change = dict(change)
            field = str(change.get("field", ""))
            for side in ("old", "new"):
                base = f"history:{record_id}:{field}:{side}"
                change[side] = _decode_walk(
                    change.get(side),
                    "",
                    lambda value, path, base=base: self._open(value, f"{base}:{path}", where, path),
                )
            changes.append(change)
        if "changes" in entry:
            entry["changes"] = changes
        if crypto.is_encrypted(entry.get("note")):
            entry["note"] = self._open(entry["note"], f"history:{record_id}:note:", where, "note")
        return entry

    # values
    def _seal(self, value: Any, aad: str) -> Any:
        if crypto.is_encrypted(value):
            return value
        self.require_unlocked()
        assert self.current is not None
        return crypto.seal(self.keys[self.current], self.current, value, aad)

    def _open(self, value: str, aad: str, where: str, path: str) -> Any:
        try:
            return crypto.open_sealed(self.keys, value, aad)
        except KeyError:
            if self.locked:
                return _placeholder(value, path)
            if self.counting:  # a report: counts need no personal field
                self.missing.add(crypto.key_id_of(value))
                return _placeholder(value, path)
            key_id = crypto.key_id_of(value)
            raise KeyMissing(
                path=where,
                key_id=key_id,
                member=self.member_id or "?",
                detail=Msg("vault.key_missing_short", key_id=key_id),
            ) from None
        except crypto.DecryptionFailed as error:
            raise CorruptRecord(path=f"{where} ({path})", detail=str(error)) from None


@contextmanager
def counting_only(codec: Any) -> Iterator[set[str]]:
    """Reads for counting (``report``): a value sealed under a key this member does not
    hold (a key whose copy has not synced yet) reads as a placeholder, as in a locked
    book, instead of making its record unreadable. Yields the set of such key ids."""
    if not isinstance(codec, VaultCodec):
        yield set()
        return
    codec.counting, codec.missing = True, set()
    try:
        yield codec.missing
    finally:
        codec.counting = False


def sealed_as_placeholders(entry: dict[str, Any]) -> dict[str, Any]:
    """A history entry with every sealed value shown as a placeholder (it cannot be opened)."""
    return _decode_walk(entry, "", _placeholder)


def decode_history(codec: Any, entry: dict[str, Any]) -> dict[str, Any]:
    """A history entry with its values readable (if the codec can), for any book."""
    decoder = getattr(codec, "decode_history", None)
    return decoder(entry) if decoder else entry


def without_locked(data: dict[str, Any], errors: list[Any]) -> dict[str, Any] | None:
    """A locked record's data without the placeholders its model refuses, or None.

    A locked book shows ``[locked]`` for every sealed text; where the model wants
    something else (the value of a map such as a person's ``needs``, an enum, a date),
    the placeholder is left out, so that what is not secret still reads. None when an
    error is not about a placeholder: then the record is corrupt.
    """
    import copy

    fitted = copy.deepcopy(data)
    for error in errors:
        *parents, last = error.get("loc") or ("",)
        if error.get("input") != LOCKED_TEXT:
            return None
        holder: Any = fitted
        for part in parents:
            holder = holder[part]
        if not isinstance(holder, dict):
            return None
        holder.pop(last, None)
    return fitted
