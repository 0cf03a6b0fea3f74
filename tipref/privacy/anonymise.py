"""The anonymised export for the task force and national reporting (CTDC practice).

One row per victim, with no direct identifier: no names, NIK, phones, streets,
villages, free text or record ids (each row gets a random pseudonym, new at every
export, and rows are shuffled). Ages are CTDC bands. Over the quasi-identifiers (age
band, sex, district of origin, destination country, type of exploitation) every
combination is shared by at least ``k`` rows (k = 11 by default, as CTDC):

1. generalise (greedy, after Datafly): while more than ``max_suppressed`` (5%) of the
   rows sit in groups smaller than k, coarsen by one step the quasi-identifier whose
   coarsening leaves the fewest rows in small groups
   (band -> child/adult -> *, district -> province -> *, country -> ID/abroad -> *,
   exploitation -> first type -> *, sex -> *);
2. mask cells: rows still in a small group get every quasi-identifier replaced by "*";
3. suppress rows: if the masked rows together are fewer than k, they are left out.

Persons whose ``reporting`` consent was withdrawn are left out entirely.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from datetime import date
from typing import Any

from tipref import clock
from tipref.privacy.ageband import age_band, broad_band
from tipref.schemas.case import Case
from tipref.schemas.consent import ConsentScope
from tipref.schemas.enums import Role
from tipref.schemas.referral import Referral

DEFAULT_K = 11
MASK = "*"
QUASI_IDENTIFIERS = ("age_band", "sex", "district", "destination_country", "exploitation")
COLUMNS = (
    "pseudonym",
    *QUASI_IDENTIFIERS,
    "trafficking_status",
    "recruitment",
    "case_status",
    "services_referred",
)


def reporting_withdrawn(person: Any, on: date | None = None) -> bool:
    """True when the person had a reporting consent and none is in force any more."""
    reporting = [c for c in person.consents if c.scope == ConsentScope.reporting]
    return (
        bool(reporting)
        and not any(c.in_force(on) for c in reporting)
        and any(c.withdrawn_on for c in reporting)
    )


def _hierarchy(row: dict[str, Any]) -> dict[str, list[str]]:
    """Each quasi-identifier's values from exact (level 0) to fully masked."""
    band = row["age_band"]
    country = row["destination_country"]
    exploitation = row["exploitation"]
    return {
        "age_band": [band, broad_band(band), MASK],
        "sex": [row["sex"], MASK],
        "district": [row["district"], row["_province"] or MASK, MASK],
        "destination_country": [
            country,
            country if country in ("ID", "unknown") else "abroad",
            MASK,
        ],
        "exploitation": [exploitation, exploitation.split(";")[0], MASK],
    }


def victim_rows(
    cases: list[Case], referrals: list[Referral], on: date | None = None
) -> tuple[list[dict[str, Any]], int]:
    """The raw rows (before generalisation) and how many persons were left out for consent."""
    services: dict[tuple[str, str], set[str]] = {}
    for referral in referrals:
        services.setdefault((referral.case_id, referral.person_id), set()).add(
            referral.service.value
        )
    rows, withdrawn = [], 0
    for case in cases:
        facts = case.trafficking
        for person in case.persons:
            if person.role != Role.victim:
                continue
            if reporting_withdrawn(person, on):
                withdrawn += 1
                continue
            rows.append(
                {
                    "age_band": age_band(person.age(case.opened_on)),
                    "sex": person.sex.value if person.sex else "unknown",
                    "district": person.address.district or "unknown",
                    "_province": person.address.province,
                    "destination_country": facts.exploitation_place.country or "unknown",
                    "exploitation": ";".join(sorted(e.value for e in facts.exploitation))
                    or "unknown",
                    "trafficking_status": facts.status.value if facts.status else "",
                    "recruitment": ";".join(sorted(r.value for r in facts.recruitment)),
                    "case_status": case.status.value,
                    "services_referred": ";".join(sorted(services.get((case.id, person.id), ()))),
                }
            )
    return rows, withdrawn


def small_groups(rows: list[dict[str, Any]], k: int) -> int:
    """How many rows sit in a quasi-identifier group smaller than k."""
    counts = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
    return sum(n for n in counts.values() if n < k)


def _group(row: dict[str, Any]) -> tuple[str, ...]:
    return tuple(row[q] for q in QUASI_IDENTIFIERS)


def anonymise_rows(
    rows: list[dict[str, Any]],
    k: int = DEFAULT_K,
    max_suppressed: float = 0.05,
    rng: random.Random | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Generalise, then mask cells, then suppress rows (see the module's docstring); then
    give each row a fresh pseudonym and shuffle. Returns the rows and a summary."""
    if k < 2:
        raise ValueError("k must be at least 2")
    view, levels = _generalise(rows, k, int(max_suppressed * len(rows)))
    kept, masked_rows, suppressed = _mask_small_groups(view, k)
    result = _pseudonymised(kept, rng or random.SystemRandom())
    summary = {
        "k": k,
        "input_rows": len(rows),
        "rows": len(result),
        "generalisation": {q: _level_name(q, levels[q]) for q in QUASI_IDENTIFIERS},
        "masked_rows": masked_rows,
        "suppressed_rows": suppressed,
        "smallest_group": min(Counter(_group(r) for r in result).values(), default=0),
    }
    return result, summary


def _generalise(
    rows: list[dict[str, Any]], k: int, allowed: int
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Step 1: coarsen one quasi-identifier at a time (greedy, after Datafly) until at
    most ``allowed`` rows sit in groups smaller than k. Returns the rows and the levels."""
    hierarchies = [_hierarchy(r) for r in rows]
    levels = dict.fromkeys(QUASI_IDENTIFIERS, 0)

    def at(trial: dict[str, int]) -> list[dict[str, Any]]:
        return [
            {**row, **{q: h[q][trial[q]] for q in QUASI_IDENTIFIERS}}
            for row, h in zip(rows, hierarchies, strict=True)
        ]

    view = at(levels)
    while rows and small_groups(view, k) > allowed:
        candidates = [q for q in QUASI_IDENTIFIERS if levels[q] < len(hierarchies[0][q]) - 1]
        if not candidates:
            break
        trials = {q: at({**levels, q: levels[q] + 1}) for q in candidates}
        # the step that leaves the fewest rows in small groups; on a tie, the widest
        best = min(
            candidates, key=lambda q: (small_groups(trials[q], k), -len({r[q] for r in view}))
        )
        levels[best] += 1
        view = trials[best]
    return view, levels


def _mask_small_groups(view: list[dict[str, Any]], k: int) -> tuple[list[dict[str, Any]], int, int]:
    """Steps 2 and 3: rows still in a small group get every quasi-identifier masked; if
    the masked rows together are fewer than k, they are left out. Returns the rows kept,
    how many were masked and how many suppressed."""
    counts = Counter(_group(r) for r in view)
    masked = [r for r in view if counts[_group(r)] < k]
    kept = [r for r in view if counts[_group(r)] >= k]
    for row in masked:
        row.update(dict.fromkeys(QUASI_IDENTIFIERS, MASK))
    full_mask = tuple(MASK for _ in QUASI_IDENTIFIERS)
    fully_masked = sum(1 for r in kept + masked if _group(r) == full_mask)
    if masked and fully_masked < k:
        return [r for r in kept if _group(r) != full_mask], 0, fully_masked
    return kept + masked, len(masked), 0


def _pseudonymised(kept: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """The rows shuffled, each under a random pseudonym new at every export."""
    rng.shuffle(kept)
    used: set[str] = set()
    result = []
    for row in kept:
        pseudonym = secrets.token_hex(5).upper()
        while pseudonym in used:
            pseudonym = secrets.token_hex(5).upper()
        used.add(pseudonym)
        result.append({"pseudonym": pseudonym, **{c: row[c] for c in COLUMNS if c != "pseudonym"}})
    return result


LEVEL_NAMES = {
    "age_band": ("ctdc-band", "child-adult", "masked"),
    "sex": ("exact", "masked"),
    "district": ("district", "province", "masked"),
    "destination_country": ("country", "domestic-abroad", "masked"),
    "exploitation": ("all-types", "first-type", "masked"),
}


def _level_name(q: str, level: int) -> str:
    return LEVEL_NAMES[q][level]


def anonymised_export(
    cases: list[Case], referrals: list[Referral], k: int = DEFAULT_K, on: date | None = None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows, withdrawn = victim_rows(cases, referrals, on or clock.today())
    result, summary = anonymise_rows(rows, k)
    summary["withdrawn_consent"] = withdrawn
    return result, summary
