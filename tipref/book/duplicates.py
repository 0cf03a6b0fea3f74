"""A person already in the book: the same NIK, or the same name and birth date.

Used by ``case new`` (a warning, and ``same_person`` in its JSON) and by ``import`` (rows
reported, imported only with ``--allow-duplicates``), so one victim does not end up in
two case files that nobody connects.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tipref.schemas.case import Case, Person

if TYPE_CHECKING:
    from tipref.book.casebook import Book


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


class PersonIndex:
    """The persons of some cases, looked up by NIK and by (name, birth date)."""

    def __init__(self, cases: Iterable[Case] = ()) -> None:
        self.by_nik: dict[str, list[dict[str, Any]]] = {}
        self.by_name: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for case in cases:
            self.add(case)

    def add(self, case: Case) -> None:
        for position, person in enumerate(case.persons, start=1):
            where = {"case": case.number, "person": position, "person_id": person.id}
            if person.nik:
                self.by_nik.setdefault(person.nik, []).append(where)
            if person.birth_date:
                key = (_name_key(person.name), person.birth_date.isoformat())
                self.by_name.setdefault(key, []).append(where)

    def matches(self, person: Person) -> list[dict[str, Any]]:
        """Where this person is recorded already, each with what matched."""
        found: dict[tuple[str, int], dict[str, Any]] = {}
        if person.nik:
            for where in self.by_nik.get(person.nik, []):
                found[(where["case"], where["person"])] = {**where, "by": "nik"}
        if person.birth_date:
            key = (_name_key(person.name), person.birth_date.isoformat())
            for where in self.by_name.get(key, []):
                found.setdefault(
                    (where["case"], where["person"]), {**where, "by": "name+birth_date"}
                )
        return list(found.values())


def same_person_in_book(
    book: Book, person: Person, except_case: str | None = None
) -> list[dict[str, Any]]:
    """Every place ``person`` is already recorded in ``book`` (other than ``except_case``)."""
    cases = [c for c in book.all(Case) if c.id != except_case]
    return PersonIndex(cases).matches(person)
