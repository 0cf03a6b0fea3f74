"""The identification form (formulir identifikasi): the decision and its grounds on paper.

Every choice of each element is printed with a box, ticked when it was found, so the
form reads like the paper one and shows what was *not* found as well. The person is
named by initials, sex and age: the full identity stays in the case file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.documents.conference import output_path, written_here
from tipref.documents.letter_context import signer_context
from tipref.documents.letters import format_date, logo_image, organisation_context
from tipref.documents.render import load_template, sha256_bytes, write_document
from tipref.errors import TiprefError
from tipref.i18n import N_, Localized, Msg
from tipref.schemas.case import Case, Person
from tipref.schemas.conference import DocumentRecord
from tipref.schemas.enums import Exploitation, TraffickingStatus
from tipref.schemas.identification import Identification, Indicator, Means, Process
from tipref.schemas.labels import LabelledEnum

TICKED, EMPTY = "☒", "☐"


CHILD_NOTE = Localized(
    N_(
        "This person is a child (under 18 on the day of the decision): the means are not needed (Palermo Protocol art. 3(c), ratified by Law 14/2009; Law 21/2007, Article 6). Means found are recorded all the same."
    )
)
YEARS = Localized(N_("{n} years"))
UNKNOWN = Localized(N_("unknown"))


def choices(enum: type[LabelledEnum], found: list, lang: str) -> list[dict[str, Any]]:
    """Every choice of an element, ticked when found, in pairs (two columns on the form):
    [{"a": {"box", "label"}, "b": {...} or None}, ...]."""
    items = [
        {"box": TICKED if item in found else EMPTY, "label": item.label(lang)} for item in enum
    ]
    return [
        {"a": items[i], "b": items[i + 1] if i + 1 < len(items) else None}
        for i in range(0, len(items), 2)
    ]


def identification_context(
    book: Book, case: Case, person: Person, decision: Identification, lang: str
) -> dict[str, Any]:
    age = person.age(decision.decided_on)
    return {
        "lang": lang,
        "organisation": organisation_context(book, lang),
        "logo": "",
        "case_number": case.number,
        "initials": person.initials(),
        "sex": person.sex.label(lang) if person.sex else UNKNOWN[lang],
        "age": YEARS[lang].format(n=age) if age is not None else UNKNOWN[lang],
        "role": person.role.label(lang),
        "decided_on": format_date(decision.decided_on, lang),
        "decided_by": decision.decided_by_name or decision.decided_by,
        "child": decision.child,
        "child_note": CHILD_NOTE[lang],
        "process": choices(Process, decision.process, lang),
        "means": choices(Means, decision.means, lang),
        "purpose": choices(Exploitation, decision.purpose, lang),
        "indicators": choices(Indicator, decision.indicators, lang),
        "status": choices(TraffickingStatus, [decision.status], lang),
        "status_text": decision.status.label(lang),
        "note": decision.note or "-",
        "place_date": ", ".join(
            p
            for p in (book.settings.organisation.city, format_date(decision.decided_on, lang))
            if p
        ),
        "signer": signer_context(book, lang),
    }


def file_name(case: Case, position: int, lang: str) -> str:
    prefix = "identifikasi" if lang == "id" else "identification"
    return f"{prefix}-{case.number}-{position}.docx".replace("/", "-")


def write_identification_form(
    book: Book,
    ref: str,
    person_ref: str | None = None,
    out: str | Path | None = None,
    lang: str | None = None,
    force: bool = False,
) -> tuple[Case, Path, list[Msg]]:
    """The form of the person's latest decision; the file made is recorded on it."""
    lang = lang or book.settings.language
    case = book.get(Case, ref)
    assert isinstance(case, Case)
    person = case.person(person_ref)
    decision = case.identification_of(person.id)
    if decision is None:
        raise TiprefError(
            N_(
                "There is no identification decision for {person} in case {case} yet; record one with 'tipref case identify {case} --status ... --decided-by ... --date ...'."
            ),
            person=person.initials(),
            case=case.number,
        )
    position = case.persons.index(person) + 1
    template = load_template(book.root, f"identification-{lang}")
    images, warnings = logo_image(book)
    data = template.render(identification_context(book, case, person, decision, lang), images)
    path = output_path(out, file_name(case, position, lang), force)
    warnings += written_here(book, path)
    write_document(path, data)
    record = DocumentRecord(
        file_name=path.name,
        sha256=sha256_bytes(data),
        made_by=book.actor,
        made_at=clock.now(),
        lang=lang,
    )

    def keep(current: Case) -> None:
        for item in current.identifications:
            if item.id == decision.id:
                item.forms.append(record)

    updated = book.update(Case, case.id, keep, action="identification-form", note=path.name)
    assert isinstance(updated, Case)
    return updated, path, warnings


def sample_context(book: Book, lang: str | None = None) -> dict[str, Any]:
    from datetime import date

    person = Person(name="Contoh Nama", sex="female", birth_date=date(2008, 1, 25))
    case = Case(number="CONTOH-2026-0001", persons=[person], opened_on=date(2026, 1, 25))
    decision = Identification(
        person_id=person.id,
        status=TraffickingStatus.actual,
        decided_on=date(2026, 1, 26),
        decided_by="Contoh",
        process=[Process.recruitment],
        purpose=[Exploitation.forced_labour],
        child=True,
        note="Contoh",
    )
    return identification_context(book, case, person, decision, lang or book.settings.language)
