"""Human numbers that are never reused (DESIGN §2.2), and the old numbers of renumbered records.

The next number of a sequence is above the highest of every device's counter file, this
device's own high-water mark (kept in its cache folder) and every number of the same
pattern and year this device has seen in a record or a log.
"""

from __future__ import annotations

import re
import string
from datetime import date
from typing import Any


def number_pattern(pattern: str, code: str, on: date) -> re.Pattern[str]:
    """A regular expression matching the numbers ``pattern`` gives in ``on``'s year."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name == "seq":
            parts.append(r"(?P<seq>\d+)")
        elif name == "year":
            parts.append(str(on.year))
        elif name == "code":
            parts.append(re.escape(code))
        elif name is not None:
            parts.append(r"[0-9IVXLC]+")
    return re.compile("^" + "".join(parts) + "$", re.IGNORECASE)


def highest_seen(store: Any, sequence: str, pattern: str, code: str, on: date) -> int:
    """The highest sequence value of this pattern and year in any number seen in a log or
    a record file of this sequence's kind (kept up to date incrementally in the cache)."""
    if sequence not in store.folders:
        return 0
    try:
        regex = number_pattern(pattern, code, on)
    except (ValueError, re.error):
        return 0

    def value_of(number: str) -> int:
        match = regex.match(number)
        return int(match["seq"]) if match and "seq" in match.groupdict() else 0

    return int(store.logs.highest(sequence, regex.pattern, value_of))
