"""The written-out country table is Babel's CLDR data (tipref/schemas/country_names.py)."""

from __future__ import annotations

import pytest
from babel import Locale

from tipref.schemas.countries import country_name, normalise_country
from tipref.schemas.country_names import NAMES_EN, NAMES_ID


@pytest.mark.parametrize(("lang", "table"), [("en", NAMES_EN), ("id", NAMES_ID)])
def test_table_equals_babels_territories(lang, table):
    territories = Locale.parse(lang).territories
    expected = {c: n for c, n in territories.items() if len(c) == 2 and c.isalpha()}
    assert table == expected, "regenerate tipref/schemas/country_names.py from Babel"


def test_codes_and_names_in_either_language():
    assert normalise_country("my") == "MY"
    assert normalise_country("Malaysia") == "MY"
    assert normalise_country(NAMES_ID["NL"]) == "NL"
    assert country_name("NL", "id") == NAMES_ID["NL"]
    assert country_name("NL", "en") == "Netherlands"
