"""A guided tour of the SOP on a demo case, running real commands step by step.

The tour opens a new fictional case in a demo book and walks it through the SOP:
identification, health, social, legal, repatriation, reintegration, a case conference,
and coordination. Each
step explains itself, runs the commands a trainer would type (through a ``run`` callback
that the command layer provides, so this module stays free of click), and says what
changed in the case plan.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tipref.book.opening import open_book
from tipref.guidance.tour_steps import (  # noqa: F401 - TourStep, TOUR_PERSON: the tour's API
    FILL_SLIP,
    STEPS,
    TOUR_ATTENDANCE,
    TOUR_PERSON,
    TourStep,
)
from tipref.i18n import Msg, translation
from tipref.schemas.case import Case
from tipref.schemas.conference import Conference
from tipref.schemas.referral import Referral


def plan_snapshot(root: Path, case_number: str | None, lang: str = "en") -> dict[str, str]:
    """(person, service) -> state, plus each deadline's state: what the tour compares."""
    if case_number is None:
        return {}
    from tipref.guidance.plan import case_plan

    book = open_book(root, "tour")
    plan = case_plan(book, case_number)
    from tipref.guidance.deadlines import STATE_LABELS as DEADLINE_STATES
    from tipref.guidance.plan import STATE_LABELS
    from tipref.i18n import Msg

    snapshot = {
        f"{p.position}:{s.service.value}": Msg(STATE_LABELS[s.state]).render(lang)
        + (f" ({s.referral.status.label(lang)})" if s.referral else "")
        for p in plan.persons
        for s in p.services
        if s.state != "unassessed"
    }
    snapshot.update(
        {
            f"deadline:{d.key}": Msg(DEADLINE_STATES[d.state]).render(lang) + f", {d.due_on}"
            for d in plan.deadlines
        }
    )
    return snapshot


def describe_change(key: str, before: str | None, after: str | None, lang: str) -> str:
    from tipref.guidance.deadlines import DEADLINE_LABELS
    from tipref.i18n import Msg
    from tipref.schemas.enums import Service

    _, _, name = key.partition(":")
    if key.startswith("deadline:"):
        label = Msg(DEADLINE_LABELS[name]).render(lang)
    else:
        label = Service(name).label(lang)
    return f"  {label}: {before or '-'} → {after or '-'}"


class Tour:
    def __init__(self, root: Path, lang: str = "id", actor: str | None = None) -> None:
        self.root = Path(root)
        self.lang = lang
        self.case_number: str | None = None
        self.referral_number: str | None = None
        self.handover_number: str | None = None
        self.slip: Path | None = None
        self.conference_number: str | None = None
        self.papers = self.root.parent / f"{self.root.name}-papers"

    def _refresh(self) -> None:
        book = open_book(self.root, "tour")
        cases = [c for c in book.all(Case) if c.persons[0].name == TOUR_PERSON]
        if not cases:
            return
        case = max(cases, key=lambda c: c.created_at or c.opened_on)
        self.case_number = case.number
        referrals = [r for r in book.all(Referral) if r.case_id == case.id]
        if referrals:
            self.referral_number = max(referrals, key=lambda r: (r.created_at, r.number)).number
        from tipref.book.handovers import legs_of

        legs = legs_of(book, case.id)
        if legs:
            self.handover_number = legs[-1].number
        conferences = [c for c in book.all(Conference) if getattr(c, "case_id", "") == case.id]
        if conferences:
            self.conference_number = max(conferences, key=lambda c: c.number).number

    def fill(self, args: tuple[str, ...]) -> list[str]:
        values = {
            "{case}": self.case_number or "",
            "{referral}": self.referral_number or "",
            "{conference}": self.conference_number or "",
            "{handover}": self.handover_number or "",
            "{slip}": str(self.slip or ""),
            "{papers}/": f"{self.papers}{os.sep}",
            "{attendance}": str(self.attendance_list()),
        }
        return [values.get(arg, arg) for arg in args]

    def attendance_list(self) -> Path:
        """A fictional attendance list for the tour's case conference."""
        path = self.papers / "daftar-hadir.csv"
        if not path.exists():
            self.papers.mkdir(parents=True, exist_ok=True)
            path.write_text(TOUR_ATTENDANCE, encoding="utf-8")
        return path

    def fill_slip(self) -> Path:
        """What the RSUD does with the letter: tick Accepted, the officer, section C."""
        from tipref import clock
        from tipref.guidance.demo_paperwork import fill_slip, provider_answer

        book = open_book(self.root, "tour")
        referral = book.get(Referral, self.referral_number or "")
        letter = referral.letters[-1]
        today = clock.today()
        self.slip = fill_slip(
            self.papers / letter.file_name,
            self.papers / f"balasan-{referral.number}.docx",
            provider_answer(today, finished_on=today),
            letter.lang,
        )
        return self.slip

    def run(
        self,
        run: Callable[[list[str]], int],
        say: Callable[..., None],
        wait: Callable[[], None],
    ) -> bool:

        gettext = translation(self.lang).gettext
        for n, step in enumerate(STEPS, 1):
            say("")
            say(
                " "
                + Msg(
                    "Step {n}/{total}: {title}", n=n, total=len(STEPS), title=gettext(step.title)
                ).render(self.lang)
                + " ",
                "bold reverse",
            )
            say(gettext(step.explain))
            before = plan_snapshot(self.root, self.case_number, self.lang)
            for command in step.commands:
                if command[0] == FILL_SLIP:
                    say(
                        Msg(
                            "(The RSUD fills in the reply slip on page 2 and sends it back; the tour types it in for them: {path})",
                            path=self.fill_slip(),
                        ).render(self.lang),
                        "italic",
                    )
                    continue
                code = run(self.fill(command))
                if code not in step.ok_codes:
                    say(
                        Msg("The command failed (exit {code}); the tour stops.", code=code).render(
                            self.lang
                        )
                    )
                    return False
                self._refresh()
            after = plan_snapshot(self.root, self.case_number, self.lang)
            changes = [
                describe_change(k, before.get(k), after.get(k), self.lang)
                for k in after
                if before.get(k) != after.get(k)
            ]
            say("")
            if changes:
                say(Msg("What changed:").render(self.lang), "bold")
            else:
                say(Msg("No change in the case plan.").render(self.lang))
            for line in changes:
                say(line)
            if n < len(STEPS):
                wait()
        say("")
        say(
            Msg(
                "The tour is over. Case {case} is in the demo book; try 'tipref case plan {case}'.",
                case=self.case_number,
            ).render(self.lang)
        )
        return True
