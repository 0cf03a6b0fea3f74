"""Numbers and references: duplicate case/referral numbers (renumbered, the old number kept
as an alias), letters sent under a number that moved or twice under one number, and
references to records that do not exist."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.errors import TiprefError
from tipref.i18n import Msg, kind_label
from tipref.schemas import RECORD_MODELS
from tipref.sync.problem import Problem, Rows

# A record's reference field -> the kind it points to.
REFERENCES = {"case_id": "case", "provider_id": "provider", "referral_id": "referral"}
NUMBERED = {"case": ("case", "opened_on"), "referral": ("referral", "referred_on")}


def _duplicates(book: Book, renumber: bool, rows: Rows) -> list[Problem]:
    problems = []
    for kind, (sequence, date_field) in NUMBERED.items():
        if kind not in book.store.folders:
            continue
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for record_id, facts in rows(kind).items():
            if facts.get("number"):
                groups[str(facts["number"])].append((str(facts.get("created_at") or ""), record_id))
        for number, holders in sorted(groups.items()):
            if len(holders) < 2:
                continue
            holders.sort()
            ids = [record_id for _, record_id in holders]
            problem = Problem(
                "duplicate-number",
                Msg(
                    "Duplicate number {number}: {ids}. Fix: tipref doctor --renumber",
                    number=number,
                    ids=", ".join(ids),
                ),
                None,
                False,
                {"kind": kind, "number": number, "ids": ids},
            )
            if renumber:
                pattern = getattr(book.settings.numbering, sequence)
                renamed = []
                for record_id in ids[1:]:
                    record = book.get(RECORD_MODELS[kind], record_id)
                    new_number = book.next_number(
                        sequence, pattern, getattr(record, date_field, None)
                    )

                    def apply(r, value=new_number, old=number):
                        r.number = value
                        # the old number keeps resolving (with a warning): letters carry it
                        aliases = list(getattr(r, "aliases", None) or [])
                        r.aliases = [*aliases, old] if old not in aliases else aliases

                    book.update(
                        RECORD_MODELS[kind],
                        record_id,
                        apply,
                        action="renumber",
                        note=f"{number} -> {new_number}",
                    )
                    renamed.append({"id": record_id, "old": number, "new": new_number})
                    problems += _letters_under(book, kind, record_id, number, new_number)
                problem.fixed = True
                problem.data["renumbered"] = renamed
            problems.append(problem)
    problems += _duplicate_letters(book, renumber, rows)
    return problems


def _letters_under(book: Book, kind: str, record_id: str, old: str, new: str) -> list[Problem]:
    """Letters already sent under a number that moved: listed, since they cannot be recalled."""
    if kind != "referral":
        return []
    letters = book.store.read(kind, record_id).get("letters") or []
    numbers = [str(letter.get("number")) for letter in letters if isinstance(letter, dict)]
    if not numbers:
        return []
    message = Msg(
        "Referral {old} is now {new}; letters already sent under the old number: {letters}",
        old=old,
        new=new,
        letters=", ".join(numbers),
    )
    data = {"record_id": record_id, "old": old, "new": new, "letters": numbers}
    return [Problem("letters-under-old-number", message, None, True, data)]


LETTER_ACK = "duplicate-letter-number-noted"


def _letter_numbers(book: Book, rows: Rows) -> dict[str, list[str]]:
    """Letter numbers recorded on more than one referral (told apart by id, not number)."""
    holders: dict[str, dict[str, str]] = defaultdict(dict)
    for record_id, facts in rows("referral").items():
        for number in str(facts.get("letter_numbers") or "").split("\t"):
            if number:
                holders[number][record_id] = str(facts.get("number"))
    return {
        number: sorted(f"{ref} ({rid})" for rid, ref in found.items())
        for number, found in sorted(holders.items())
        if len(found) > 1
    }


def _duplicate_letters(book: Book, fix: bool, rows: Rows) -> list[Problem]:
    """Two letters sent under one number cannot be unsent: listed until noted (``--fix``);
    the note is logged, and a noted number is not reported again."""
    duplicates = _letter_numbers(book, rows)
    if not duplicates:
        return []
    noted = {
        str(e.get("note")) for e in book.store.history.entries() if e.get("action") == LETTER_ACK
    }
    problems = []
    for number, referrals in duplicates.items():
        if number in noted:
            continue
        detail = f"{number}: {', '.join(referrals)}"
        if fix:
            book.store.history.append(
                {
                    "at": clock.stamp(),
                    "by": book.actor,
                    "kind": "referral",
                    "record_id": None,
                    "action": LETTER_ACK,
                    "changes": [],
                    "note": number,
                }
            )
        problems.append(
            Problem(
                "duplicate-letter-number",
                Msg("Duplicate letter number: {detail}", detail=detail),
                None,
                fix,
                {"number": number, "referrals": referrals},
            )
        )
    return problems


def _missing_references(book: Book, rows: Rows) -> list[Problem]:
    problems = []
    existing = {kind: set(rows(kind)) for kind in book.store.folders}
    case_persons: dict[str, set[str]] = {
        case_id: set(str(facts["person_ids"]).split())
        for case_id, facts in rows("case").items()
        if "person_ids" in facts
    }
    for kind in book.store.folders:
        for record_id, facts in rows(kind).items():
            for name, target_kind in REFERENCES.items():
                target = facts.get(name)
                if target and target_kind in existing and target not in existing[target_kind]:
                    problems.append(_missing(kind, record_id, facts, name, target))
            person, case_id = facts.get("person_id"), facts.get("case_id")
            if person and case_id and case_id in existing.get("case", set()):
                persons = _persons_of(book, case_id, case_persons)
                if persons and person not in persons:
                    problems.append(_missing(kind, record_id, facts, "person_id", person))
    return problems


def _persons_of(book: Book, case_id: str, known: dict[str, set[str]]) -> set[str]:
    """The ids of a case's persons: from the index, else read once from the case."""
    if case_id not in known:
        try:
            persons = book.store.read("case", case_id).get("persons", [])
            known[case_id] = {p.get("id") for p in persons}
        except TiprefError:
            known[case_id] = set()
    return known[case_id]


def _missing(kind: str, record_id: str, facts: dict[str, Any], name: str, target: str) -> Problem:
    return Problem(
        "missing-reference",
        Msg(
            "{kind} {number} points to {field}={target}, which does not exist",
            kind=kind_label(kind),
            number=facts.get("number") or record_id,
            field=name,
            target=target,
        ),
        None,
        False,
        {"kind": kind, "record_id": record_id, "field": name, "target": target},
    )
