"""Month names and small counts written out for letters (issue #21) are the libraries' own.

Letters format dates as Babel's "d MMMM y" and counts as num2words does, from tables in
tipref/documents/words.py so that a letter loads neither; these tests fail when
a table and the installed Babel or num2words disagree (regenerate the table then).
"""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date as babel_format_date
from babel.dates import get_month_names
from num2words import num2words

from tipref.documents.letter_context import count_text
from tipref.documents.words import MONTHS, SMALL_NUMBERS, format_date, number_words


@pytest.mark.parametrize("lang", ["id", "en"])
def test_month_names_are_babels(lang):
    names = get_month_names("wide", context="format", locale=lang)
    assert MONTHS[lang] == tuple(names[month] for month in range(1, 13))


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("day", [date(2026, 1, 1), date(2025, 8, 17), date(2031, 12, 31)])
def test_format_date_is_babels_pattern(lang, day):
    assert format_date(day, lang) == babel_format_date(day, "d MMMM y", locale=lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_number_words_are_num2words(lang):
    assert SMALL_NUMBERS[lang] == tuple(num2words(n, lang=lang) for n in range(21))
    for n in (0, 7, 20, 21, 99, 100, 1234):  # beyond the table: num2words itself
        assert number_words(n, lang) == num2words(n, lang=lang)


def test_count_text():
    assert count_text(3, "berkas", "id") == "3 (tiga) berkas"
    assert count_text(1, "berkas", "en") == "1 (one) file"
    assert count_text(25, "berkas", "id") == "25 (dua puluh lima) berkas"
    assert count_text(0, "berkas", "id") == "-"
