"""Reading filled reply slips (lembar balasan rujukan) back into the book.

A provider fills the slip on page 2 of a referral letter in Word or LibreOffice: a tick
before Accepted or Declined, the date the letter arrived, the officer, the plan and, later,
section C (service finished). :func:`read_slip` finds the slip's table by its labels
(:data:`tipref.documents.reply_slip.SLIP_FIELDS`, either language), :func:`plan_reply`
matches it to its referral by number **and** check code and works out the status moves,
:func:`apply_reply` writes them in one update with the reply kept on the referral.

Every problem is a :class:`SlipRefused` naming the file; nothing is written for it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.documents.reply_slip import SLIP_CHOICES, SLIP_FIELDS, check_code
from tipref.errors import NotFound, TiprefError
from tipref.i18n import N_, Msg
from tipref.schemas.enums import ReferralStatus
from tipref.schemas.lifecycle import ALLOWED_TRANSITIONS
from tipref.schemas.referral import Referral, Reply, Transition

S = ReferralStatus
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What a provider types or picks to tick a box: the ballot boxes Word and LibreOffice
# offer, check marks, or a plain X / V typed over or beside the empty box.
TICKS = set("☒☑✓✔✗✘■▣⊠🗹🗷")
TICK_WORD = re.compile(r"(?<![^\W\d_])[xXvV](?![^\W\d_])")
LABELS = {
    label.strip().lower(): key for lang in SLIP_FIELDS.values() for key, label in lang.items()
}
MONTHS = {
    **{m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "mei", "jun"), 1)},
    **{m: i for i, m in enumerate(("jul", "agu", "sep", "okt", "nov", "des"), 7)},
    **{"peb": 2, "may": 5, "aug": 8, "oct": 10, "nop": 11, "dec": 12, "agt": 8},
}


class SlipRefused(TiprefError):
    """A filled slip that cannot be applied; ``problem`` says why, the file is named."""

    key = N_("{file}: {problem} Nothing was changed.")


@dataclass
class FilledSlip:
    """What a filled slip says, as read from its table."""

    path: Path
    sha256: str
    values: dict[str, str]
    decision: str  # accepted | declined
    finished: bool
    received_on: date | None
    finished_on: date | None

    def refuse(self, key: str, **params: object) -> SlipRefused:
        return SlipRefused(file=self.path.name, problem=Msg(key, **params))


@dataclass
class ReplyPlan:
    """What applying one slip changes: the referral, its moves, the reply kept on it."""

    slip: FilledSlip
    referral: Referral
    reply: Reply
    moves: list[ReferralStatus] = field(default_factory=list)
    already: bool = False  # the same answer was applied before: nothing to do

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.slip.path),
            "referral_number": self.referral.number,
            "status": self.referral.status.value,
            "moves": [m.value for m in self.moves],
            "already_applied": self.already,
            "reply": self.reply.model_dump(mode="json"),
        }


# -- reading the file ------------------------------------------------------------------
# a row of the slip with both boxes ticked
BOTH_TICKED: dict[str, str] = {
    "decision": N_("Decision is ticked twice ({text}): tick only one box."),
    "finished": N_("Service finished is ticked twice ({text}): tick only one box."),
}


def cell_text(cell: Any) -> str:
    """All text in a table cell, content controls (Word's check boxes) included."""
    lines = []
    for paragraph in cell._tc.iter(f"{W_NS}p"):
        lines.append("".join(t.text or "" for t in paragraph.iter(f"{W_NS}t")))
    return "\n".join(lines).strip()


def slip_rows(document: Any) -> dict[str, str]:
    """The reply slip's table as key -> value, or {} when the document has none."""
    for table in document.tables:
        found: dict[str, str] = {}
        for row in table.rows:
            cells: list[Any] = []
            for cell in row.cells:  # merged cells repeat: keep each once
                if not cells or cell._tc is not cells[-1]._tc:
                    cells.append(cell)
            key = LABELS.get(cell_text(cells[0]).lower()) if cells else None
            if key and key not in found:
                found[key] = cell_text(cells[-1]) if len(cells) > 1 else ""
        if {"referral_number", "check_code", "decision"} <= set(found):
            return found
    return {}


def ticked(segment: str) -> bool:
    return any(ch in TICKS for ch in segment) or bool(TICK_WORD.search(segment))


def read_choice(text: str, field_name: str, slip: FilledSlip | Path) -> str | None:
    """Which of the row's two words has a tick before it: 'first', 'second' or None.

    Ticks in both boxes raise; the words not found at all raise (the row was rewritten).
    """
    name = slip.name if isinstance(slip, Path) else slip.path.name
    for words in SLIP_CHOICES.values():
        first, second = words[field_name]
        a = re.search(rf"(?<!\w){re.escape(first)}(?!\w)", text, re.IGNORECASE)
        b = re.search(rf"(?<!\w){re.escape(second)}(?!\w)", text, re.IGNORECASE)
        if not (a and b) or a.start() > b.start():
            continue
        one, two = ticked(text[: a.start()]), ticked(text[a.end() : b.start()])
        if one and two:
            raise SlipRefused(file=name, problem=Msg(BOTH_TICKED[field_name], text=text))
        return "first" if one else "second" if two else None
    raise SlipRefused(
        file=name,
        problem=Msg(
            "the {row} row cannot be read ('{text}'): its tick-box words were changed.",
            row=field_name,
            text=text,
        ),
    )


def parse_slip_date(text: str) -> date | None:
    """A date as a provider types it: 27-11-2026, 27/11/26, 2026-11-27, 27 Nopember 2026."""
    text = text.strip().rstrip(".")
    if not text:
        return None
    numbers = re.fullmatch(r"(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2,4})", text)
    if numbers:
        first, month, last = (int(g) for g in numbers.groups())
        day, year = (last, first) if first > 31 else (first, last)
    else:
        words = re.fullmatch(r"(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{2,4})", text)
        if not words or words.group(2)[:3].lower() not in MONTHS:
            raise ValueError(text)
        day, month, year = int(words.group(1)), MONTHS[words.group(2)[:3].lower()], 0
        year = int(words.group(3))
    year += 2000 if year < 100 else 0
    return date(year, month, day)


def read_slip(path: Path) -> FilledSlip:
    """Read a filled reply slip from a .docx file; refuse what cannot be read for certain."""
    from docx import Document

    name = path.name
    try:
        data = path.read_bytes()
        document = Document(str(path))
    except OSError as exc:
        raise SlipRefused(
            file=name, problem=Msg("the file cannot be read ({error}).", error=exc.strerror or exc)
        ) from None
    except Exception:  # python-docx raises many kinds for a file that is not .docx
        raise SlipRefused(
            file=name,
            problem=Msg("not a .docx file; save the reply slip as Word (.docx) and read it again."),
        ) from None
    values = slip_rows(document)
    if not values:
        raise SlipRefused(
            file=name,
            problem=Msg(
                "no referral reply slip table found (Referral number, Check code, Decision)."
            ),
        )
    decision = read_choice(values["decision"], "decision", path)
    if decision is None:
        raise SlipRefused(
            file=name, problem=Msg("Decision has no tick: tick Accepted or Declined.")
        )
    finished = bool(values.get("finished")) and (
        read_choice(values["finished"], "finished", path) == "first"
    )
    dates: dict[str, date | None] = {}
    for key in ("received_on", "finished_on"):
        try:
            dates[key] = parse_slip_date(values.get(key, ""))
        except ValueError:
            label = SLIP_FIELDS["en"][key]
            raise SlipRefused(
                file=name,
                problem=Msg(
                    "'{label}' says '{text}', not a date; write e.g. 27-11-2026.",
                    label=label,
                    text=values[key],
                ),
            ) from None
    return FilledSlip(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        values=values,
        decision="accepted" if decision == "first" else "declined",
        finished=finished,
        received_on=dates["received_on"],
        finished_on=dates["finished_on"],
    )


# -- matching and planning -------------------------------------------------------------
def match_referral(book: Book, slip: FilledSlip) -> tuple[Referral, str]:
    """The referral the slip belongs to, by its number and check code; and the letter number."""
    number = slip.values.get("referral_number", "").strip()
    letter_number = slip.values.get("letter_number", "").strip()
    code = slip.values.get("check_code", "").strip().upper()
    try:
        referral = book.get(Referral, number) if number else None
    except NotFound:
        referral = None
    if referral is None:
        raise slip.refuse(
            N_(
                "referral number '{number}' is not in this book (a slip from another book, or the number was edited)."
            ),
            number=number or "-",
        )
    expected = check_code(book.settings.organisation.code, referral.id, letter_number)
    letters = {letter.number for letter in referral.letters}
    if letter_number not in letters or code != expected:
        raise slip.refuse(
            N_(
                "check code '{code}' does not match referral {number} and letter {letter} (a slip from another book, or the number or code was edited)."
            ),
            number=number,
            letter=letter_number,
            code=code,
        )
    return referral, letter_number


def check_dates(slip: FilledSlip, referral: Referral) -> None:
    today = clock.today()
    for key, value in (("received_on", slip.received_on), ("finished_on", slip.finished_on)):
        if value is None:
            continue
        label = SLIP_FIELDS["en"][key]
        if value > today:
            raise slip.refuse(
                N_("'{label}' {day} is in the future."), label=label, day=value.isoformat()
            )
        if value < referral.referred_on:
            raise slip.refuse(
                N_("'{label}' {day} is before the referral date {referred}."),
                label=label,
                day=value.isoformat(),
                referred=referral.referred_on.isoformat(),
            )


def plan_moves(slip: FilledSlip, referral: Referral) -> list[ReferralStatus]:
    """The status moves the slip asks for, from the referral's current status."""
    wanted = [S(slip.decision)] + ([S.completed] if slip.finished else [])
    current, moves = referral.status, []
    for step in wanted:
        if step == current or (step == S.accepted and current == S.completed):
            continue  # already there (answered earlier, by hand or by an earlier slip)
        if step not in ALLOWED_TRANSITIONS[current]:
            raise slip.refuse(
                N_("referral {number} is {current}; the slip asks for {wanted}."),
                number=referral.number,
                current=current.value,
                wanted=step.value,
            )
        moves.append(step)
        current = step
    return moves


def plan_reply(book: Book, slip: FilledSlip) -> ReplyPlan:
    """Match a read slip to its referral and work out what applying it changes."""
    referral, letter_number = match_referral(book, slip)
    values = slip.values
    if slip.decision == "declined" and slip.finished:
        raise slip.refuse(N_("the slip says Declined and Service finished at once."))
    if slip.decision == "declined" and not values.get("decline_reason", "").strip():
        raise slip.refuse(N_("Declined without a reason: fill in 'Reason (if declined)'."))
    if not values.get("officer_name", "").strip():
        raise slip.refuse(
            N_("'Officer's name' is empty: a reply must name the officer who answered.")
        )
    check_dates(slip, referral)
    reply = Reply(
        letter_number=letter_number,
        file_name=slip.path.name,
        sha256=slip.sha256,
        decision=slip.decision,
        reason=values.get("decline_reason", "").strip() if slip.decision == "declined" else "",
        received_on=slip.received_on,
        officer_name=values.get("officer_name", "").strip(),
        officer_position=values.get("officer_position", "").strip(),
        officer_phone=values.get("officer_phone", "").strip(),
        plan=values.get("plan", "").strip(),
        referred_on_to=values.get("referred_on_to", "").strip(),
        finished=slip.finished,
        finished_on=slip.finished_on,
        read_at=clock.now(),
        read_by=book.actor,
    )
    if any(r.sha256 == reply.sha256 or r.same_answer(reply) for r in referral.replies):
        return ReplyPlan(slip, referral, reply, already=True)
    return ReplyPlan(slip, referral, reply, plan_moves(slip, referral))


def plan_replies(book: Book, paths: list[Path]) -> tuple[list[ReplyPlan], list[SlipRefused]]:
    """Read and match every file; the refusals come back, none is applied."""
    plans, refused = [], []
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            plan = plan_reply(book, read_slip(path))
            if plan.referral.id in seen and not plan.already:
                raise plan.slip.refuse(
                    N_(
                        "referral {number} is also answered by {other}; read one slip per referral."
                    ),
                    number=plan.referral.number,
                    other=seen[plan.referral.id].name,
                )
            seen[plan.referral.id] = path
            plans.append(plan)
        except SlipRefused as exc:
            refused.append(exc)
    return plans, refused


def apply_reply(book: Book, plan: ReplyPlan) -> Referral:
    """Write the slip's moves and the reply on the referral, in one update."""
    reply = plan.reply
    who = ", ".join(
        x for x in (reply.officer_name, reply.officer_position, reply.officer_phone) if x
    )
    note = Msg("Reply slip {file}: {officer}", file=reply.file_name, officer=who).render("en")

    def mutate(referral: Referral) -> None:
        current = referral.status
        for step in plan_moves(plan.slip, referral):  # again, under the lock
            if step not in ALLOWED_TRANSITIONS[current]:  # pragma: no cover - plan_moves raised
                break
            referral.transitions.append(
                Transition(
                    status=step,
                    at=clock.now(),
                    by=book.actor,
                    note=note,
                    reason=reply.reason if step == S.declined else None,
                )
            )
            referral.status = current = step
        referral.replies.append(reply)

    return book.update(Referral, plan.referral.id, mutate, action="reply", note=note)
