"""Dates and counts in the words of a letter, without loading Babel or num2words."""

from __future__ import annotations

from datetime import date

# Babel's CLDR month names ("MMMM", format context) and num2words' words for small counts,
# written out: loading Babel's locale data and importing num2words cost more than the rest
# of a letter's text (issue #21). tests/documents/test_letter_words.py keeps both equal to
# the installed libraries; larger counts still go through num2words.
MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip
SMALL_NUMBERS = {
    "id": ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
           "sembilan", "sepuluh", "sebelas", "dua belas", "tiga belas", "empat belas",
           "lima belas", "enam belas", "tujuh belas", "delapan belas", "sembilan belas",
           "dua puluh"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
           "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
           "seventeen", "eighteen", "nineteen", "twenty"),
}  # fmt: skip


def format_date(on: date, lang: str) -> str:
    """25 Januari 2022 / 25 January 2022: Babel's "d MMMM y" (DESIGN.md §3), from MONTHS."""
    return f"{on.day} {MONTHS['id' if lang == 'id' else 'en'][on.month - 1]} {on.year}"


def number_words(count: int, lang: str) -> str:
    """A count in words, as num2words writes it: 3 -> tiga / three."""
    words = SMALL_NUMBERS["id" if lang == "id" else "en"]
    if 0 <= count < len(words):
        return words[count]
    from num2words import num2words

    return num2words(count, lang="id" if lang == "id" else "en")
