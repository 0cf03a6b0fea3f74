"""tipref case: new, add-person, update, close, list, show — and every bad input."""

import json

import pytest


def test_new_case_holds_person_and_facts(tipref, victim_case):
    case = victim_case
    assert case["number"] == "TTU-2026-0001"
    assert len(case["id"]) == 26
    assert case["revision"] == 1 and case["status"] == "active" and case["risk"] == "high"
    person = case["persons"][0]
    assert person["role"] == "victim" and person["name"] == "Maria Ulu"
    assert person["nik"] == "5303025403100001"
    assert person["phone"] == "+6281234567890"
    assert person["address"]["village"] == "Maubesi"
    assert person["is_child"] is True and person["age"] == 16
    facts = case["trafficking"]
    assert facts["exploitation"] == ["ForcedLabour"]
    assert facts["means_of_control"] == ["DebtBondage", "WithholdsDocuments"]
    assert facts["exploitation_place"] == {"place": "Johor Bahru", "country": "MY"}
    assert case["chronology"][0]["text"] == "Recruited by a neighbour in 2024."
    assert case["has_child"] is True


def test_case_numbers_are_sequential_and_files_named_by_id(tipref, book_path, victim_case):
    second = tipref.json("case", "new", "--name", "Yosef Taek", "--sex", "male", "--age", "30")
    assert second["number"] == "TTU-2026-0002"
    files = sorted(p.name for p in (book_path / "cases").iterdir())
    assert files == sorted([f"{victim_case['id']}.json", f"{second['id']}.json"])
    for path in book_path.rglob("*"):
        assert "Maria" not in path.name and "Yosef" not in path.name


def test_show_by_number_and_by_id(tipref, victim_case):
    by_number = tipref.json("case", "show", victim_case["number"])
    by_id = tipref.json("case", "show", victim_case["id"])
    assert by_number == by_id
    text = tipref("case", "show", victim_case["number"]).stdout
    assert "Maria Ulu" in text and "Forced labour" in text and "Malaysia" in text


def test_add_person_update_and_estimated_age(tipref, victim_case):
    ref = victim_case["number"]
    case = tipref.json(
        "case",
        "add-person",
        ref,
        "--name",
        "Agustina Bani",
        "--role",
        "witness",
        "--sex",
        "female",
        "--age",
        "45",
    )
    assert [p["role"] for p in case["persons"]] == ["victim", "witness"]
    assert case["persons"][1]["estimated_age"] == 45 and case["persons"][1]["is_child"] is False
    case = tipref.json(
        "case",
        "update",
        ref,
        "--person",
        "2",
        "--phone",
        "0813 1111 2222",
        "--status",
        "follow-up",
        "--chronology",
        "Witness interviewed.",
        "--chronology-date",
        "2026-11-01",
    )
    assert case["persons"][1]["phone"] == "+6281311112222"
    assert case["persons"][0]["phone"] == "+6281234567890"
    assert case["status"] == "follow-up"
    assert [e["text"] for e in case["chronology"]] == [
        "Recruited by a neighbour in 2024.",
        "Witness interviewed.",
    ]
    assert case["revision"] == 3


def test_update_replaces_lists_and_keeps_other_fields(tipref, victim_case):
    case = tipref.json(
        "case",
        "update",
        victim_case["id"],
        "--exploitation",
        "SexualExploitation",
        "--exploitation",
        "ForcedLabour",
        "--relationship",
        "Acquainted",
    )
    assert case["trafficking"]["exploitation"] == ["SexualExploitation", "ForcedLabour"]
    assert case["trafficking"]["relationship"] == "Acquainted"
    assert case["trafficking"]["means_of_control"] == ["DebtBondage", "WithholdsDocuments"]


def test_close_requires_reason_and_records_it(tipref, victim_case):
    result = tipref("case", "close", victim_case["number"], ok=False)
    assert result.exit_code == 2 and "--status-reason" in result.stderr
    case = tipref.json(
        "case",
        "close",
        victim_case["number"],
        "--status-reason",
        "Reintegrated with family",
        "--status",
        "closed-referred",
    )
    assert (
        case["status"] == "closed-referred" and case["closed_reason"] == "Reintegrated with family"
    )
    assert case["closed_on"]
    again = tipref("case", "close", victim_case["number"], "--why", "x", ok=False)
    assert again.exit_code == 1 and "already closed" in again.stderr
    reopened = tipref.json("case", "update", victim_case["number"], "--status", "active")
    assert reopened["status"] == "active" and reopened["closed_reason"] is None


def test_list_filters_and_hides_names(tipref, victim_case):
    tipref(
        "case",
        "new",
        "--name",
        "Adult Man",
        "--sex",
        "male",
        "--birth-date",
        "1990-01-01",
        "--risk",
        "low",
    )
    assert len(tipref.json("case", "list")) == 2
    assert [c["number"] for c in tipref.json("case", "list", "--risk", "high")] == [
        victim_case["number"]
    ]
    assert [c["number"] for c in tipref.json("case", "list", "--children")] == [
        victim_case["number"]
    ]
    assert tipref.json("case", "list", "--status", "closed") == []
    text = tipref("case", "list").stdout
    assert victim_case["number"] in text and "Maria" not in text


def _book_files(book_path):
    return {
        p.relative_to(book_path): p.read_bytes()
        for p in book_path.rglob("*")
        if p.is_file() and ".locks" not in p.parts
    }


BAD_INPUTS = [
    (["--nik", "53030254031000"], "--nik: ", "16"),
    (["--nik", "5303029913100001"], "--nik: ", "impossible"),
    (["--nik", "5303025403100001", "--sex", "male"], "--nik: ", "female"),
    (
        ["--nik", "5303025403100001", "--sex", "female", "--birth-date", "2010-03-15"],
        "--nik: ",
        "born",
    ),
    (["--birth-date", "2099-01-01"], "--birth-date: ", "future"),
    (["--phone", "12"], "--phone: ", "not a valid phone"),
    (["--nationality", "XX"], "--nationality: ", "ISO 3166"),
    (["--birth-date", "2000-01-01", "--age", "20"], "--age: ", "not both"),
]


@pytest.mark.parametrize(("extra", "field", "problem"), BAD_INPUTS)
def test_bad_person_input_names_field_and_leaves_book_unchanged(
    tipref, book_path, extra, field, problem
):
    before = _book_files(book_path)
    result = tipref("case", "new", "--name", "Test Person", *extra, ok=False)
    assert result.exit_code == 1
    assert field in result.stderr and problem in result.stderr
    assert "Traceback" not in result.output
    assert _book_files(book_path) == before


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--sex", "x"),
        ("--status", "open"),
        ("--risk", "extreme"),
        ("--exploitation", "Fishing"),
        ("--birth-date", "14/03/2010"),
    ],
)
def test_unknown_choice_is_a_usage_error(tipref, book_path, option, value):
    before = _book_files(book_path)
    result = tipref("case", "new", "--name", "P", option, value, ok=False)
    assert result.exit_code == 2
    assert option in result.stderr
    assert _book_files(book_path) == before


def test_new_case_cannot_start_closed(tipref):
    result = tipref("case", "new", "--name", "P", "--status", "closed", ok=False)
    assert result.exit_code == 2 and "active, follow-up" in result.stderr
    assert (
        "closed" not in tipref("case", "new", "--help").stdout.split("--status")[1].split("\n")[0]
    )


def test_unknown_case_and_person(tipref, victim_case):
    result = tipref("case", "show", "TTU-2026-0999", ok=False)
    assert (
        result.exit_code == 1 and "TTU-2026-0999" in result.stderr and "not found" in result.stderr
    )
    result = tipref(
        "case",
        "update",
        victim_case["number"],
        "--person",
        "7",
        "--phone",
        "0812 3333 4444",
        ok=False,
    )
    assert result.exit_code == 1 and "Person '7'" in result.stderr


def test_corrupt_record_names_file_and_others_still_work(tipref, book_path, victim_case):
    other = tipref.json("case", "new", "--name", "Second Person", "--sex", "male")
    broken = book_path / "cases" / f"{victim_case['id']}.json"
    broken.write_text('{"id": "' + victim_case["id"] + '", "number": ', encoding="utf-8")
    result = tipref("case", "show", victim_case["id"], ok=False)
    assert result.exit_code == 1
    assert str(broken) in result.stderr and "Traceback" not in result.output
    assert tipref("case", "list", "--json", ok=False).exit_code == 1  # no silent partial list
    listed = tipref("case", "list", "--json", "--allow-partial")
    assert [c["number"] for c in json.loads(listed.stdout)] == [other["number"]]
    assert "could not be read" in listed.stderr
    assert tipref.json("case", "show", other["number"])["id"] == other["id"]
    assert tipref.json("case", "update", other["number"], "--risk", "low")["risk"] == "low"


def test_record_that_breaks_its_schema_is_reported_as_corrupt(tipref, book_path, victim_case):
    path = book_path / "cases" / f"{victim_case['id']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["status"] = "lost"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = tipref("case", "show", victim_case["id"], ok=False)
    assert result.exit_code == 1 and path.name in result.stderr


def test_every_change_is_in_history(tipref, book_path, victim_case):
    tipref("case", "update", victim_case["number"], "--risk", "medium")
    entries = [
        json.loads(line)
        for f in (book_path / "history").glob("*.jsonl")
        for line in f.read_text().splitlines()
    ]
    mine = [e for e in entries if e["record_id"] == victim_case["id"]]
    assert [e["action"] for e in mine] == ["create", "update"]
    change = {c["field"]: c for c in mine[1]["changes"]}
    assert change["risk"]["old"] == "high" and change["risk"]["new"] == "medium"
    assert mine[1]["by"] == "Tester" and mine[1]["revision"] == 2


def test_indonesian_messages(tipref, victim_case):
    result = tipref(
        "--lang", "id", "case", "new", "--name", "P", "--birth-date", "2099-01-01", ok=False
    )
    assert "masa depan" in result.stderr
    assert "Galat" in result.stderr


def test_list_reports_a_record_that_breaks_its_schema_after_being_listed(
    tipref, book_path, victim_case
):
    assert len(tipref.json("case", "list")) == 1  # the local index now remembers it as valid
    path = book_path / "cases" / f"{victim_case['id']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["risk"] = "extreme"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    listed = tipref("case", "list", "--json", "--allow-partial")
    assert json.loads(listed.stdout) == [] and "could not be read" in listed.stderr


def test_list_fills_fields_an_older_record_lacks(tipref, book_path, victim_case):
    path = book_path / "cases" / f"{victim_case['id']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["chronology"]
    del data["persons"][0]["consents"]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    listed = tipref.json("case", "list")[0]
    shown = tipref.json("case", "show", victim_case["id"])
    assert listed["chronology"] == [] and listed["persons"][0]["consents"] == []
    assert listed == shown


def test_numbers_resolve_after_files_change_behind_the_index(tipref, book_path, victim_case):
    tipref.json("case", "list")  # writes the local index and its handle map
    path = book_path / "cases" / f"{victim_case['id']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["number"] = "TTU-2026-0777"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert tipref("case", "show", victim_case["number"], ok=False).exit_code == 1
    assert tipref.json("case", "show", "TTU-2026-0777")["id"] == victim_case["id"]
    # a case that arrives from another computer is found by its number too
    other = dict(data, id="01J0000000000000000000000A", number="TTU-2026-0900")
    (book_path / "cases" / f"{other['id']}.json").write_text(json.dumps(other), encoding="utf-8")
    assert tipref.json("case", "show", "TTU-2026-0900")["id"] == other["id"]
    path.unlink()
    assert tipref("case", "show", "TTU-2026-0777", ok=False).exit_code == 1


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Feminine", "female"),
        ("P", "female"),
        ("Perempuan", "female"),
        ("masculine", "male"),
        ("L", "male"),
        ("Laki-laki", "male"),
    ],
)
def test_sex_accepts_htcds_and_form_spellings(tipref, given, stored):
    assert (
        tipref.json("case", "new", "--name", "A B", "--sex", given)["persons"][0]["sex"] == stored
    )


def test_status_accepts_htcds_spelling(tipref, victim_case):
    assert (
        tipref.json("case", "update", victim_case["number"], "--status", "FollowUp")["status"]
        == "follow-up"
    )
