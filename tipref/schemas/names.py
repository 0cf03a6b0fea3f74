"""A person's name in parts and as initials, ignoring notes and symbols around it.

Names in a case book carry notes staff add: "Yosefina Bani (fiktif)", "Maria [alias Mia]",
an emoji pasted from a chat. Initials on a letter and the name parts of an HTCDS export
come from the words of the name alone: bracketed notes are dropped, and a word counts only
when it holds a letter ("Yosefina Bani (fiktif) 🙏" -> "Y.B.", parts Yosefina / - / Bani).
"""

from __future__ import annotations

import re
import unicodedata

_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")


def _is_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L")


def _clean_word(word: str) -> str:
    """The word without leading and trailing non-letters (quotes, commas, emoji)."""
    start, end = 0, len(word)
    while start < end and not _is_letter(word[start]):
        start += 1
    while end > start and not _is_letter(word[end - 1]):
        end -= 1
    return word[start:end]


def name_words(name: str) -> list[str]:
    """The words of a name: bracketed notes removed, words without a letter dropped."""
    text = _BRACKETED.sub(" ", name)
    text = text.split("(")[0].split("[")[0]  # an unclosed note runs to the end
    return [w for w in (_clean_word(word) for word in text.split()) if w]


def initials(name: str) -> str:
    """'Yosefina Bani (fiktif)' -> 'Y.B.'; a name with no letters at all -> '-'."""
    words = name_words(name)
    if not words:
        return "-"
    return "".join(f"{word[0].upper()}." for word in words)


def name_parts(name: str) -> tuple[str, str, str]:
    """First, middle and last name (HTCDS prs_FirstName, prs_MiddleName, prs_SecondName).

    A one-word name (common in Indonesia) is the first name only.
    """
    words = name_words(name)
    if not words:
        return "", "", ""
    if len(words) == 1:
        return words[0], "", ""
    return words[0], " ".join(words[1:-1]), words[-1]
