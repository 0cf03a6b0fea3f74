"""Finding a person: ``tipref case list --search TEXT`` (issue #21).

A case matches when one of its persons matches: every word of the text is part of the
person's name, accents and case ignored (``maria`` finds "María Goreti", ``siti nur``
finds "Siti Nurhayati"); or the text, as digits, is part of the person's NIK or phone
number (``0812 3456`` finds +6281234567890: a leading trunk 0 is read as Indonesia's 62).

The search runs over the records as the book reads them for ``case list``: in an
encrypted book a member's codec has decrypted them, so nothing readable is added to the
local index, and the search costs little more than the list itself.
"""

from __future__ import annotations

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


def search_cases(rows: Iterable[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The cases (stored rows) with a person matching ``text``."""
    query = PersonQuery.parse(text)
    return [row for row in rows if query.matches_case(row)]
