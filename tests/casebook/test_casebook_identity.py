"""NIK, phone and country checks, with hypothesis for the NIK rules."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipref.errors import InvalidInput
from tipref.schemas.countries import normalise_country
from tipref.schemas.identity import check_nik_against, nik_sex, normalise_nik, normalise_phone

REGIONS = ["530302", "530201", "530401", "532101", "537101", "317101"]


def make_nik(region: str, born: date, sex: str, serial: int) -> str:
    day = born.day + (40 if sex == "female" else 0)
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


people = st.tuples(
    st.sampled_from(REGIONS),
    st.dates(date(1940, 1, 1), date(2025, 12, 31)),
    st.sampled_from(["female", "male"]),
    st.integers(1, 9999),
)


@given(people)
def test_a_consistent_nik_is_accepted(person):
    region, born, sex, serial = person
    nik = make_nik(region, born, sex, serial)
    assert normalise_nik(nik) == nik
    assert nik_sex(nik) == sex
    check_nik_against(nik, sex, born)


@given(people)
def test_the_wrong_sex_is_named(person):
    region, born, sex, serial = person
    nik = make_nik(region, born, sex, serial)
    other = "male" if sex == "female" else "female"
    with pytest.raises(InvalidInput) as caught:
        check_nik_against(nik, other, born)
    assert "women add 40" in caught.value.message("en")


@given(people, st.integers(1, 400))
def test_a_different_birth_date_is_named(person, shift):
    from datetime import timedelta

    region, born, sex, serial = person
    nik = make_nik(region, born, sex, serial)
    other = born + timedelta(days=shift)
    if (other.day, other.month, other.year % 100) == (born.day, born.month, born.year % 100):
        return
    with pytest.raises(InvalidInput) as caught:
        check_nik_against(nik, sex, other)
    assert "NIK says born" in caught.value.message("en")


@pytest.mark.parametrize(
    ("nik", "words"),
    [
        ("530302540310000", "16 digits"),
        ("53030254031000A1", "digits only"),
        ("5303023213100001", "impossible"),
        ("0003025403100001", "region"),
    ],
)
def test_malformed_niks(nik, words):
    with pytest.raises(InvalidInput) as caught:
        normalise_nik(nik)
    assert words in caught.value.message("en")
    assert caught.value.params["field"] == "nik"


def test_nik_accepts_spaces_and_dots():
    assert normalise_nik("5303 0254 0310 0001") == "5303025403100001"


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("(0388) 31234", "+6238831234"),
        ("+60 12-345 6789", "+60123456789"),
    ],
)
def test_phones_become_e164(raw, e164):
    assert normalise_phone(raw) == e164


def test_countries_by_code_or_name():
    assert normalise_country("my") == "MY"
    assert normalise_country("Malaysia") == "MY"
    assert normalise_country("Arab Saudi") == "SA"
    with pytest.raises(InvalidInput):
        normalise_country("Atlantis")
