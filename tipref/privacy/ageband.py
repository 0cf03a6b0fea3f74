"""CTDC age bands (DOMAIN.md §8), used by the task-force report and the anonymised export.

The Counter Trafficking Data Collaborative publishes ages only in these bands, so a
report and an export never carry an exact age.
"""

from __future__ import annotations

# (label, lowest age, highest age or None for open-ended)
CTDC_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-8", 0, 8),
    ("9-17", 9, 17),
    ("18-20", 18, 20),
    ("21-23", 21, 23),
    ("24-26", 24, 26),
    ("27-29", 27, 29),
    ("30-38", 30, 38),
    ("39-47", 39, 47),
    ("48+", 48, None),
)
BAND_LABELS: tuple[str, ...] = tuple(label for label, _, _ in CTDC_BANDS)
UNKNOWN = "unknown"
CHILD_BANDS = frozenset({"0-8", "9-17"})


def age_band(age: int | None) -> str:
    """The CTDC band of an age in whole years; ``unknown`` when the age is not known."""
    if age is None or age < 0:
        return UNKNOWN
    for label, low, high in CTDC_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return UNKNOWN  # pragma: no cover - the last band is open-ended


def broad_band(band: str) -> str:
    """One step coarser, for k-anonymity: child (0-17) or adult (18+)."""
    if band == UNKNOWN:
        return UNKNOWN
    return "0-17" if band in CHILD_BANDS else "18+"
