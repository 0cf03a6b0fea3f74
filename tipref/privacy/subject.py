"""A person's rights over their data (UU 27/2022): everything held about them, and erasure.

``export_subject`` gathers the case fields, the person's own record, their consents,
the referrals about them (with the letters recorded on those referrals) and the history
entries about them, decrypted, as one JSON document.

``purge`` erases a person's identifying fields from the case and the free text of the
referrals about them, rewrites the records, scrubs this device's history log of their
values and leaves a tombstone entry ("purge": who, when, why; no personal data). Other
devices' logs are scrubbed when those devices run ``tipref case purge --pending``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import N_, Msg
from tipref.present import person_json, referral_json
from tipref.privacy.codec import SENSITIVE_KEYS, decode_history
from tipref.privacy.vault import check_output_path, rewrite_log
from tipref.schemas.case import Case, Person
from tipref.schemas.referral import Referral
from tipref.storage.atomic import atomic_write_text

if TYPE_CHECKING:
    from tipref.book.casebook import Book

PURGED = "[purged]"
PURGE_ACTION = "purge"
# Free-text keys of a referral about the person: emptied on purge.
REFERRAL_TEXT_KEYS = ("reason", "situation")


def _case(book: Book, ref: str) -> Case:
    case = book.get(Case, ref)
    return case


def _referrals_of(book: Book, case: Case, person: Person | None = None) -> list[Referral]:
    found = [r for r in book.all(Referral) if r.case_id == case.id]
    return [r for r in found if person is None or r.person_id == person.id]


def _about_person(
    entry: dict[str, Any], person_id: str, other_ids: set[str]
) -> dict[str, Any] | None:
    """A case history entry kept to what concerns this person: other persons' fields dropped."""
    kept = []
    for change in entry.get("changes", []):
        field = str(change.get("field", ""))
        if any(field.startswith(f"persons[{other}]") for other in other_ids):
            continue
        if field == "persons":  # a whole list (first person added): keep only this person
            change = dict(change)
            for side in ("old", "new"):
                value = change.get(side)
                if isinstance(value, list):
                    change[side] = [
                        p for p in value if isinstance(p, dict) and p.get("id") == person_id
                    ]
        kept.append(change)
    if entry.get("changes") and not kept:
        return None
    return {**entry, "changes": kept}


def export_subject(book: Book, case_ref: str, person_ref: str | None = None) -> dict[str, Any]:
    """Everything the book holds about one person, readable, as one JSON-ready dict."""
    case = _case(book, case_ref)
    person = case.person(person_ref)
    others = {p.id for p in case.persons if p.id != person.id}
    case_data = case.model_dump(mode="json")
    case_data.pop("persons", None)
    referrals = _referrals_of(book, case, person)
    referral_ids = {r.id for r in referrals}
    history = []
    codec = book.store.codec
    for entry in book.store.history.entries():
        if entry.get("record_id") == case.id:
            kept = _about_person(decode_history(codec, entry), person.id, others)
            if kept is not None:
                history.append(kept)
        elif entry.get("record_id") in referral_ids:
            history.append(decode_history(codec, entry))
    letters = []
    for referral in referrals:
        for letter in referral.model_dump(mode="json").get("letters", []) or []:
            letters.append({**letter, "referral": referral.number})
    return {
        "format": "tipref-subject-export/1",
        "exported_at": clock.stamp(),
        "exported_by": book.actor,
        "organisation": book.settings.organisation.name,
        "case": case_data,
        "person": person_json(person),
        "consents": [c.model_dump(mode="json") for c in person.consents],
        "referrals": [referral_json(r) for r in referrals],
        "letters": letters,
        "history": history,
        "not_included": "Other persons of the case; documents printed or sent outside the book.",
    }


def write_subject_export(book: Book, data: dict[str, Any], out: str | Path) -> Path:
    target = check_output_path(book, out)
    atomic_write_text(target, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    return target


# -- erasure ------------------------------------------------------------------------------------
def _identifiers(person: Person) -> list[str]:
    """The person's values that may also appear inside free text elsewhere."""
    values = [
        person.name,
        person.nik or "",
        person.phone or "",
        person.address.street,
        person.address.village,
    ]
    values += person.name.split()
    if person.phone and person.phone.startswith("+62"):
        values.append("0" + person.phone[3:])
    # A word of 3 letters or fewer (e.g. "Ulu") would scrub too much ordinary text; keep full names.
    return sorted({v for v in values if v and len(v) > 3}, key=len, reverse=True)


def _scrub_text(text: str, identifiers: list[str]) -> str:
    for value in identifiers:
        text = re.sub(re.escape(value), PURGED, text, flags=re.IGNORECASE)
    return text


def _scrub_values(value: Any, identifiers: list[str]) -> Any:
    if isinstance(value, str):
        return _scrub_text(value, identifiers)
    if isinstance(value, dict):
        return {k: _scrub_values(v, identifiers) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_values(v, identifiers) for v in value]
    return value


def _blank_sensitive(value: Any) -> Any:
    """Every value under a sensitive key replaced (for records wholly about the person)."""
    if isinstance(value, dict):
        return {
            k: (
                PURGED
                if k in SENSITIVE_KEYS and v not in (None, "", [], {})
                else _blank_sensitive(v)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_blank_sensitive(v) for v in value]
    return value


def _erase_person(person: Person, on: date) -> None:
    age = person.age(on)
    person.name = PURGED
    person.nik = None
    person.phone = None
    person.birth_date = None
    person.estimated_age = age
    person.age_recorded_on = on if age is not None else None
    person.address.street = ""
    person.address.village = ""
    for consent in person.consents:
        consent.guardian = PURGED if consent.guardian else None
        consent.note = ""
        if consent.document is not None:  # the scan's name and place may name the person
            consent.document.file_name, consent.document.path = PURGED, ""
    person.purged_on = on.isoformat()  # type: ignore[attr-defined]  # an extra field


def purge(book: Book, case_ref: str, person_ref: str | None, reason: str) -> dict[str, Any]:
    """Erase a person's identifying data; returns what was done (no personal data in it)."""
    if not (reason or "").strip():
        raise InvalidInput(
            field="reason",
            problem=Msg("a reason for the erasure is required (without personal data)"),
        )
    case = _case(book, case_ref)
    person = case.person(person_ref)
    purged_on = getattr(person, "purged_on", None)
    if purged_on:
        raise TiprefError(
            N_("Person {person} of case {case} was already purged on {on}."),
            person=person.id,
            case=case.number,
            on=purged_on,
        )
    identifiers = _identifiers(person)
    only_person = len(case.persons) == 1
    today = clock.today()

    def erase_case(record: Case) -> None:
        _erase_person(record.person(person.id), today)
        for decision in record.identifications:  # the decision stays; its words may not
            if decision.person_id == person.id and decision.note:
                decision.note = PURGED
        for entry in record.chronology:
            entry.text = PURGED if only_person else _scrub_text(entry.text, identifiers)
        if record.closed_reason:
            record.closed_reason = (
                PURGED if only_person else _scrub_text(record.closed_reason, identifiers)
            )
        for place in (record.trafficking.recruitment_place, record.trafficking.exploitation_place):
            if only_person and place.place:
                place.place = PURGED

    book.update(Case, case.id, erase_case, action="purge-fields")
    book.index.forget_rows("case", [case.id])  # the local index's copy of the row goes too
    referrals = _referrals_of(book, case)
    purged_referrals = []
    for referral in referrals:
        about = referral.person_id == person.id

        def erase_referral(record: Referral, about: bool = about) -> None:
            data = record.model_dump(mode="json")
            data = _blank_sensitive(data) if about else _scrub_values(data, identifiers)
            for key in ("reason", "situation"):
                setattr(record, key, data[key])
            for step, stored in zip(record.transitions, data["transitions"], strict=False):
                step.note, step.reason = stored.get("note"), stored.get("reason")
            for key, value in data.items():  # other engineers' free-text fields (letters...)
                if key not in type(record).model_fields:
                    setattr(record, key, value)

        book.update(Referral, referral.id, erase_referral, action="purge-fields")
        if about:
            purged_referrals.append(referral.id)
    tombstone = {
        "at": clock.stamp(),
        "by": book.actor,
        "device": book.store.device_id,
        "kind": "case",
        "record_id": case.id,
        "number": case.number,
        "action": PURGE_ACTION,
        "changes": [],
        "purged_person": person.id,
        "purged_referrals": purged_referrals,
        "only_person": only_person,
        "note": reason.strip(),
    }
    scrubbed = scrub_history(book, [tombstone], identifiers)
    # No personal data in it: ids, who, when, why (encrypted like every note in an encrypted book).
    book.store.history.append(book.store.codec.encode_history(tombstone))
    return {
        "case": case.number,
        "person": person.id,
        "referrals": len(purged_referrals),
        "history_entries_scrubbed": scrubbed,
        "at": tombstone["at"],
        "by": book.actor,
    }


def _scrub_entry(
    entry: dict[str, Any], tombstones: list[dict[str, Any]], identifiers: list[str]
) -> dict[str, Any]:
    """A history entry with what the purges (tombstones) erased blanked out of it."""
    for stone in tombstones:
        if entry.get("record_id") == stone["record_id"]:
            entry = _scrub_case_entry(entry, stone, identifiers)
        elif entry.get("record_id") in stone.get("purged_referrals", []):
            entry = _scrub_referral_entry(entry)
    if identifiers:
        entry = {**entry, "changes": _scrub_values(entry.get("changes", []), identifiers)}
        if isinstance(entry.get("note"), str):
            entry["note"] = _scrub_text(entry["note"], identifiers)
    return entry


def _wholly_purged(field: str, stone: dict[str, Any]) -> bool:
    """Whether a changed field belongs entirely to the purged person."""
    if field.startswith(f"persons[{stone['purged_person']}]"):
        return True
    if not stone.get("only_person"):
        return False  # the case keeps other persons: its story stays
    return (
        field.startswith("chronology")
        or field == "closed_reason"
        or (field.startswith("trafficking") and field.endswith("place"))
    )


def _scrub_case_entry(
    entry: dict[str, Any], stone: dict[str, Any], identifiers: list[str]
) -> dict[str, Any]:
    changes = []
    for change in entry.get("changes", []):
        field = str(change.get("field", ""))
        wholly = _wholly_purged(field, stone)
        change = dict(change)
        for side in ("old", "new"):
            value = change.get(side)
            if field == "persons":
                value = _blank_persons(value, stone["purged_person"])
            elif wholly and isinstance(value, (str, list, dict)) and value:
                value = PURGED
            change[side] = _scrub_values(value, identifiers) if identifiers else value
        changes.append(change)
    entry = {**entry, "changes": changes}
    if stone.get("only_person") and entry.get("note"):
        entry["note"] = PURGED
    return entry


def _scrub_referral_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A purged person's referral keeps its steps; its sensitive values and note go."""
    entry = {
        **entry,
        "changes": [
            {
                **c,
                "old": _blank_sensitive({_last(c): c.get("old")})[_last(c)],
                "new": _blank_sensitive({_last(c): c.get("new")})[_last(c)],
            }
            for c in entry.get("changes", [])
        ],
    }
    if entry.get("note"):
        entry["note"] = PURGED
    return entry


def _last(change: dict[str, Any]) -> str:
    return re.sub(r"\[[^\]]*\]", "", str(change.get("field", ""))).rsplit(".", 1)[-1]


def _blank_persons(value: Any, person_id: str) -> Any:
    if not isinstance(value, list):
        return value
    return [
        _blank_sensitive(p) if isinstance(p, dict) and p.get("id") == person_id else p
        for p in value
    ]


def scrub_history(
    book: Book, tombstones: list[dict[str, Any]], identifiers: list[str] | None = None
) -> int:
    """Rewrite this device's log with the purged persons' values removed; returns entries changed."""
    path = book.store.history.path
    if not path.is_file() or not tombstones:
        return 0
    return rewrite_log(book, path, lambda entry: _scrub_entry(entry, tombstones, identifiers or []))


def pending_tombstones(book: Book) -> list[dict[str, Any]]:
    """Purges recorded by any device (their tombstones), for this device to apply to its own log."""
    return [
        e
        for e in book.store.history.entries()
        if e.get("action") == PURGE_ACTION and e.get("purged_person")
    ]


def apply_pending(book: Book) -> dict[str, Any]:
    """Scrub this device's log for every purge done anywhere (run on each device after sync)."""
    stones = pending_tombstones(book)
    return {"purges": len(stones), "history_entries_scrubbed": scrub_history(book, stones)}
