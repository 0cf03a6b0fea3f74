"""A checker for text in the wrong language: English words in Indonesian output, and back.

Shared by the output tests (``tests/text/test_language_of_output.py``) and the ``--help``
tests. Machine ids, names, paths, options and quoted values are removed first, since
they read the same in both languages::

    from text.english_words import english_words, indonesian_words

    assert english_words(result.output, known=names_in_the_book) == []
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words an Indonesian sentence never needs (function words and the nouns tipref uses).
ENGLISH_WORDS = _vocabulary(
    """
    the is are was were be been being not found with which should this that these those
    of and or to for from has have had will would could cannot can't isn't don't does did
    there their its it into when where what who your you yours no none nothing any some
    only than then also but if each every more most other by on at as an
    cases records record files file persons referrals providers letters days children
    victims signatories unanswered created updated closed skipped missing unknown
    corrupt damaged invalid required allowed already
    """
)

# Indonesian function words an English sentence never needs.
INDONESIAN_WORDS = _vocabulary(
    """
    yang tidak dengan untuk belum sudah dan atau ini itu dari pada oleh akan bisa harus
    ada adalah dalam karena jika kalau lagi juga hanya masih telah sebagai tanpa
    dibuat diperbarui ditutup rusak tidak ditemukan berkas rekaman kasus rujukan lembaga
    """
)

_STRIP = [
    re.compile(r"'[^'\n]*'"),  # quoted values: 'TTU-2026-0001', 'tipref doctor'
    re.compile(r"\"[^\"\n]*\""),
    re.compile(r"‘[^’\n]*’|“[^”\n]*”|`[^`\n]*`"),
    re.compile(r"https?://\S+|\S+@\S+"),  # addresses and e-mails
    re.compile(r"\b\w+(?:\[[^\]\s]*\]|\.\w+)+"),  # field paths: persons[…15P2].address.village
    re.compile(r"(?m)^ {4}\w+(?=: )"),  # a whole field in 'tipref log': "    persons: [...]"
    re.compile(r"(?<!\w)--?[A-Za-z][\w-]*(=\S*)?"),  # options: --status, -h, --limit=0
    re.compile(r"\S*[/\\]\S*"),  # paths and fractions: ./book, 8/2021, C:\Users
    re.compile(r"\S+\.(json|docx|pdf|xlsx|csv|log|mo|po|txt|jsonl)\b", re.IGNORECASE),
    re.compile(r"\b[\w.-]+=\S*"),  # key=value, e.g. age_band=masked
    re.compile(r"\b[0-9A-HJKMNP-TV-Z]{26}\b"),  # ULIDs
    re.compile(r"\b\w*\d\w*(?:[-.:]\w+)*\b"),  # numbers, dates, TTU-2026-0001, v1.2
    re.compile(r"\b[a-z]+(?:[-_][a-z]+)+\b"),  # machine ids: closed-referred, age_band
    re.compile(r"\w*_\w*"),  # anything with an underscore: recorded_at, TIPREF_BOOK
]
_WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?")


def strip_machine_text(text: str, known: Iterable[str] = ()) -> str:
    """``text`` without names and values given in ``known``, quoted values, paths, ids."""
    values = sorted({v for v in known if v}, key=len, reverse=True)
    if values:  # whole values only: a name "Ana" must not cut "Anak", nor "54" an id's tail
        text = re.sub("|".join(rf"(?<!\w){re.escape(v)}(?!\w)" for v in values), " ", text)
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return text


def _words_from(text: str, vocabulary: frozenset[str], known: Iterable[str]) -> list[str]:
    words = {w.lower() for w in _WORD.findall(strip_machine_text(text, known))}
    return sorted(words & vocabulary)


def english_words(text: str, known: Iterable[str] = ()) -> list[str]:
    """The common English words in ``text`` outside ids, names and quoted values."""
    return _words_from(text, ENGLISH_WORDS, known)


def indonesian_words(text: str, known: Iterable[str] = ()) -> list[str]:
    """The Indonesian function words in ``text`` outside ids, names and quoted values."""
    return _words_from(text, INDONESIAN_WORDS, known)
