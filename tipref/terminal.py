"""Text as the terminal gets it: control characters shown, never acting (no models needed)."""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def for_terminal(value: str) -> str:
    """Text safe to print: control characters (newline and tab aside) shown as \\xNN escapes.

    A name holding ESC would otherwise move the cursor or recolour the terminal; showing it
    as ``\\x1b`` prints the text as typed without letting it act.
    """
    return CONTROL_CHARACTERS.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
