"""The SOP's own paperwork in the demo book: a reply slip read back, a police report
letter, the legal steps of a case, SIMFONI PPA entries, and a return home leg by leg.

Also :func:`fill_slip`, which types a provider's answer into the reply slip of a letter
(as staff at the receiving office would in Word), for the demo and the tour.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref.documents.reply_slip import SLIP_CHOICES, SLIP_FIELDS
from tipref.errors import TiprefError
from tipref.schemas.case import Case
from tipref.schemas.enums import Direction
from tipref.schemas.referral import Referral

if TYPE_CHECKING:
    from tipref.book.casebook import Book
    from tipref.guidance.demo import DemoSummary

DOCUMENT_FOLDER = "dokumen"


def fill_slip(letter: Path, out: Path, answer: dict[str, str], lang: str = "id") -> Path:
    """Type ``answer`` (SLIP_FIELDS key -> text) into the letter's reply slip, save as ``out``.

    ``decision`` and ``finished`` take 'first' or 'second' (Accepted/Declined, Yes/Not yet):
    the box before that word is ticked (☒), as a provider does it.
    """
    from docx import Document

    document = Document(str(letter))
    labels = {label: key for key, label in SLIP_FIELDS[lang].items()}
    for table in document.tables:
        for row in table.rows:
            key = labels.get(row.cells[0].text.strip())
            if key not in answer:
                continue
            value = answer[key]
            if key in ("decision", "finished"):
                first, second = SLIP_CHOICES[lang][key]
                value = "      ".join(
                    f"{'☒' if pick == value else '☐'} {word}"
                    for pick, word in (("first", first), ("second", second))
                )
            row.cells[-1].paragraphs[0].text = value
    document.save(str(out))
    return out


def provider_answer(on: date, finished_on: date | None = None) -> dict[str, str]:
    """A fictional officer's reply: accepted on ``on``, finished on ``finished_on`` if given."""
    answer = {
        "received_on": on.strftime("%d-%m-%Y"),
        "officer_name": "dr. Maria Bana (fiktif)",
        "officer_position": "Kepala Instalasi Gawat Darurat",
        "officer_phone": "0388-21001",
        "decision": "first",
        "plan": "Pemeriksaan fisik dan psikososial, kontrol satu minggu.",
    }
    if finished_on is not None:
        answer.update({"finished": "first", "finished_on": finished_on.strftime("%d-%m-%Y")})
    return answer


def add_paperwork(book: Book, summary: DemoSummary, today: date) -> list[str]:
    """Each of the SOP's own documents once; problems become notes, never a failed demo."""
    made: list[str] = []
    for step in (_reply_read_back, _legal_and_simfoni, _police_letter, _return_home):
        try:
            made += step(book, today)
        except TiprefError as error:
            summary.notes.append(f"{step.__name__.strip('_')}: {error}")
    return made


def _folder(book: Book) -> Path:
    folder = book.root / DOCUMENT_FOLDER
    folder.mkdir(exist_ok=True)
    return folder


def _relative(book: Book, *paths: Path) -> list[str]:
    return [str(p.relative_to(book.root).as_posix()) for p in paths]


def _reply_read_back(book: Book, today: date) -> list[str]:
    """The first pending referral with a letter: the provider's filled slip, read back."""
    from tipref.documents.reply_read import apply_reply, plan_reply, read_slip

    waiting = [
        r
        for r in book.all(Referral, where={"status": "pending"})
        if r.letters and r.direction == Direction.outgoing
    ]
    if not waiting:
        return []
    referral = min(waiting, key=lambda r: r.number)
    letter = book.root / DOCUMENT_FOLDER / referral.letters[0].file_name
    on = max(referral.referred_on, today - timedelta(days=1))
    slip = fill_slip(
        letter,
        _folder(book) / f"balasan-{referral.number}.docx",
        provider_answer(on, finished_on=today),
        referral.letters[0].lang,
    )
    apply_reply(book, plan_reply(book, read_slip(slip)))
    return _relative(book, slip)


def _cases(book: Book) -> list[Case]:
    return sorted(book.all(Case), key=lambda c: c.number)


def _legal_and_simfoni(book: Book, today: date) -> list[str]:
    """The case with a judgment gets its legal steps; older cases are in SIMFONI PPA."""
    from tipref.guidance.plan import set_events

    for case in _cases(book):
        events: dict[str, Any] = {}
        judged = case.events.judgment_notified_on
        if judged is not None and case.events.p21_on is None:
            events.update(
                police_report_number=f"LP/B/{case.number[-3:]}/{case.opened_on.year}/SPKT/POLRES TTU",
                bap_on=case.opened_on + timedelta(days=5),
                bap_companion="Paralegal Posbakum Kefamenanu (fiktif)",
                p21_on=judged - timedelta(days=60),
                charged_on=judged - timedelta(days=40),
                restitution_amount=25_000_000,
                lpsk_applied_on=case.opened_on + timedelta(days=10),
            )
        # entered in SIMFONI PPA a few days after opening; the newest cases not yet
        if (today - case.opened_on).days > 30 and case.events.simfoni_entered_on is None:
            events.update(
                simfoni_entered_on=case.opened_on + timedelta(days=3),
                simfoni_number=f"5303-{case.opened_on.year}-{case.number[-4:]}",
            )
        if events:
            set_events(book, case.id, events)
    return []


def _police_letter(book: Book, today: date) -> list[str]:
    """The letter of the newest case reported to the police (one still late stays late)."""
    from tipref import clock
    from tipref.documents.police_report import make_police_report

    reported = [c for c in _cases(book) if c.events.police_reported_at is not None]
    if not reported:
        return []
    case = max(reported, key=lambda c: c.opened_on)
    when = case.events.police_reported_at
    on = when.astimezone(clock.zone()).date() if when else today
    result = make_police_report(book, case.id, on=on, out=_folder(book) / "", force=True)
    return _relative(book, result.path)


def _return_home(book: Book, today: date) -> list[str]:
    """The victim found abroad comes home: KBRI -> BP3MI -> Dinas Sosial -> family."""
    from tipref.book.handovers import legs_of, new_handover
    from tipref.documents.handover import write_handover_document

    abroad = [
        c
        for c in _cases(book)
        if c.trafficking.exploitation_place.country == "MY" and not c.status.is_closed
    ]
    if not abroad:
        return []
    case = max(abroad, key=lambda c: c.opened_on)
    if legs_of(book, case.id):
        return []
    start = max(case.opened_on, today - timedelta(days=20))
    legs = [
        ("kbri-kl", "bp3mi", start, "Bandara El Tari, Kupang", "", ""),
        ("bp3mi", "dinsos", start + timedelta(days=1), "Kupang", "", ""),
        (
            "dinsos",
            "family",
            start + timedelta(days=3),
            "Desa Maubesi",
            "Yosef Lake (fiktif)",
            "Ayah kandung",
        ),
    ]
    paths = []
    folder = _folder(book)
    for by, to, on, place, family, relation in legs:
        handover, _ = new_handover(
            book, case.id, by, to, min(on, today), None, family, relation, place
        )
        paths.append(
            write_handover_document(book, handover.id, "handover", folder / "", force=True).path
        )
    paths.append(
        write_handover_document(book, handover.id, "acceptance", folder / "", force=True).path
    )
    return _relative(book, *paths)
