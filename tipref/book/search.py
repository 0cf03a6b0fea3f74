"""Finding a person: ``tipref case list --search TEXT`` (issue #21).

A case matches when one of its persons matches: every word of the text is part of the
person's name, accents and case ignored (``maria`` finds "María Goreti", ``siti nur``
finds "Siti Nurhayati"); or the text, as digits, is part of the person's NIK or phone
number (``0812 3456`` finds +6281234567890: a leading trunk 0 is read as Indonesia's 62).

The local index keeps, for each case, the three-letter pieces of its persons' name words
and of their NIK and phone digits (:func:`case_tokens`); a search first asks the index for
the cases holding every piece of the text, then checks only those exactly. In an encrypted
book the pieces are kept as keyed hashes (HMAC-SHA256 under a key derived from the book's
current data key, cut to 8 bytes), never as text: the cache shows which cases share a
piece, not what it is. A word shorter than three letters narrows nothing (every case is
checked).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tipref.errors import InvalidInput
from tipref.i18n import Msg

_DIGIT_QUERY = re.compile(r"^\+?[\d\s().-]+$")
_MIN_DIGITS = 3


def fold(text: str) -> str:
    """Lower case without accents, spaces collapsed: "  MARÍA  goreti" -> "maria goreti"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True)
class PersonQuery:
    words: tuple[str, ...]
    digits: tuple[str, ...]  # alternatives: as typed, and with a trunk 0 read as 62

    @classmethod
    def parse(cls, text: str, field: str = "search") -> PersonQuery:
        folded = fold(text)
        if not folded:
            raise InvalidInput(
                field=field, problem=Msg("give a name, NIK or phone number to look for")
            )
        if _DIGIT_QUERY.match(folded):
            digits = re.sub(r"\D", "", folded)
            if len(digits) < _MIN_DIGITS:
                raise InvalidInput(
                    field=field,
                    problem=Msg(
                        "give at least {count} digits of the NIK or phone number", count=_MIN_DIGITS
                    ),
                )
            national = "62" + digits[1:] if digits.startswith("0") else digits
            return cls(words=(), digits=tuple(dict.fromkeys((digits, national))))
        return cls(words=tuple(folded.split()), digits=())

    def matches_person(self, person: dict[str, Any]) -> bool:
        if self.digits:
            numbers = [re.sub(r"\D", "", str(person.get(k) or "")) for k in ("nik", "phone")]
            return any(d in number for d in self.digits for number in numbers if number)
        name = fold(str(person.get("name") or ""))
        return bool(name) and all(word in name for word in self.words)

    def matches_case(self, case: dict[str, Any]) -> bool:
        return any(self.matches_person(p) for p in case.get("persons") or ())


GRAM = 3
SEARCH_KEY_INFO = b"tipref search tokens v1"


def token_key(codec: Any) -> tuple[str, bytes | None] | None:
    """(key id, HMAC key) for a book's search tokens: (\"plain\", None) in a plain book, the
    book's current data key put through HMAC in an encrypted one, None when locked."""
    keys, current = getattr(codec, "keys", None), getattr(codec, "current", None)
    if keys is None:
        return "plain", None
    if getattr(codec, "locked", False) or current not in keys:
        return None
    return str(current), hmac.new(keys[current], SEARCH_KEY_INFO, hashlib.sha256).digest()


def _grams(text: str) -> set[str]:
    return {text[i : i + GRAM] for i in range(len(text) - GRAM + 1)}


def _token(piece: str, key: bytes | None) -> bytes:
    raw = piece.encode("utf-8")
    return raw if key is None else hmac.new(key, raw, hashlib.sha256).digest()[:8]


def case_tokens(case: dict[str, Any], key: bytes | None) -> set[bytes]:
    """The pieces a search looks up: name-word trigrams ("n…") and digit trigrams ("d…")."""
    pieces: set[str] = set()
    for person in case.get("persons") or ():
        for word in fold(str(person.get("name") or "")).split():
            pieces |= {"n" + g for g in _grams(word)}
        for k in ("nik", "phone"):
            pieces |= {"d" + g for g in _grams(re.sub(r"\D", "", str(person.get(k) or "")))}
    return {_token(p, key) for p in pieces}


def query_tokens(query: PersonQuery, key: bytes | None) -> list[set[bytes]]:
    """Alternatives of token sets: a matching case holds every token of one of them.
    An empty list: the index cannot narrow this query down."""
    if query.digits:
        return [{_token("d" + g, key) for g in _grams(d)} for d in query.digits]
    pieces = {"n" + g for word in query.words for g in _grams(word)}
    return [{_token(p, key) for p in pieces}] if pieces else []


def search_cases(rows: Iterable[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The cases (stored rows) with a person matching ``text``."""
    query = PersonQuery.parse(text)
    return [row for row in rows if query.matches_case(row)]
