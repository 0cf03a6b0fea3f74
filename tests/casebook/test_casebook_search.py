"""case list --search TEXT: a person by name, NIK or phone (issue #21)."""

from __future__ import annotations

import pytest

from tipref.book.search import PersonQuery, fold


def _numbers(rows):
    return [row["number"] for row in rows]


@pytest.fixture
def three_cases(tipref, victim_case):
    second = tipref.json(
        "case", "new", "--name", "José Nüñez Taek", "--sex", "male", "--age", "30",
        "--phone", "+60 12 345 6789",
    )  # fmt: skip
    third = tipref.json("case", "new", "--name", "Agnes Taek", "--sex", "female", "--age", "19")
    return victim_case["number"], second["number"], third["number"]


def test_name_words_match_without_accents_or_case(tipref, three_cases):
    maria, jose, agnes = three_cases
    assert _numbers(tipref.json("case", "list", "--search", "maria")) == [maria]
    assert _numbers(tipref.json("case", "list", "--search", "JOSE nunez")) == [jose]
    assert _numbers(tipref.json("case", "list", "--search", "Núñez")) == [jose]
    assert sorted(_numbers(tipref.json("case", "list", "--search", "taek"))) == sorted(
        [jose, agnes]
    )
    assert _numbers(tipref.json("case", "list", "--search", "agnes ulu")) == []


def test_nik_and_phone_digits_match(tipref, three_cases):
    maria, jose, _ = three_cases
    assert _numbers(tipref.json("case", "list", "--search", "5303025403100001")) == [maria]
    assert _numbers(tipref.json("case", "list", "--search", "0812-3456")) == [maria]
    assert _numbers(tipref.json("case", "list", "--search", "+62 812 3456 7890")) == [maria]
    assert _numbers(tipref.json("case", "list", "--search", "6012345")) == [jose]
    assert _numbers(tipref.json("case", "list", "--search", "999999")) == []


def test_search_combines_with_the_other_filters(tipref, three_cases):
    maria, _, _ = three_cases
    assert _numbers(tipref.json("case", "list", "--search", "maria", "--risk", "high")) == [maria]
    assert tipref.json("case", "list", "--search", "maria", "--risk", "low") == []


def test_table_without_names_and_nothing_found(tipref, three_cases):
    maria, _, _ = three_cases
    shown = tipref("case", "list", "--search", "maria").stdout
    assert maria in shown and "Maria" not in shown  # the list never shows names
    assert tipref("case", "list", "--search", "nobody").stdout == ""


@pytest.mark.parametrize(
    ("text", "problem"),
    [("   ", "give a name, NIK or phone number"), ("12", "at least 3 digits")],
)
def test_unusable_text_is_one_line_naming_the_option(tipref, three_cases, text, problem):
    result = tipref("case", "list", "--search", text, ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "--search" in result.stderr and problem in result.stderr
    assert "Traceback" not in result.stderr


def test_query_parsing():
    assert fold("  MARÍA   Goreti ") == "maria goreti"
    assert PersonQuery.parse("0812 34").digits == ("081234", "6281234")
    assert PersonQuery.parse("Siti Nur").words == ("siti", "nur")
    assert PersonQuery.parse("siti nur").matches_person({"name": "Siti Nurhayati"})
    assert not PersonQuery.parse("siti nur").matches_person({"name": "Siti Aminah"})
