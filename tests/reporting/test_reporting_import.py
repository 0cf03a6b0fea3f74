"""Import from CSV, Excel and the HTCDS toolkit workbook: mapping, row/column errors, no duplicates."""

from __future__ import annotations

import json

from openpyxl import Workbook

NGO_CSV = """Nama;JK;Tgl Lahir;NIK;Desa;Kabupaten;Negara tujuan;Eksploitasi;Catatan
Maria Ulu;P;14/03/2010;5303025403100001;Maubesi;Timor Tengah Utara;MY;ForcedLabour;
Petrus Bria;L;1998-07-02;;Atambua;Belu;Saudi Arabia;Forced labour|SexualExploitation;x
"""
MAPS = [
    "--map",
    "Nama=name",
    "--map",
    "JK=sex",
    "--map",
    "Tgl Lahir=birth_date",
    "--map",
    "NIK=nik",
    "--map",
    "Desa=village",
    "--map",
    "Kabupaten=district",
    "--map",
    "Negara tujuan=exploited_country",
    "--map",
    "Eksploitasi=exploitation",
]


def cases(tipref) -> list[dict]:
    return tipref.json("case", "list")


def test_csv_import_with_mapping_and_no_duplicates(tipref, tmp_path):
    path = tmp_path / "data-lama.csv"
    path.write_text(NGO_CSV, encoding="utf-8")
    result = tipref.json("import", str(path), *MAPS)
    assert [c["rows"] for c in result["created"]] == [[2], [3]]
    assert result["unmapped"][0]["column"] == "Catatan"
    found = {c["persons"][0]["name"]: c for c in cases(tipref)}
    maria = found["Maria Ulu"]
    assert (
        maria["persons"][0]["sex"] == "female" and maria["persons"][0]["birth_date"] == "2010-03-14"
    )
    assert maria["persons"][0]["address"]["village"] == "Maubesi"
    assert maria["trafficking"]["exploitation_place"]["country"] == "MY"
    petrus = found["Petrus Bria"]
    assert petrus["trafficking"]["exploitation"] == ["ForcedLabour", "SexualExploitation"]
    assert petrus["trafficking"]["exploitation_place"]["country"] == "SA"
    assert maria["source"]["row_key"] and maria["source"]["file_sha"]

    again = tipref.json("import", str(path), *MAPS)
    assert again["created"] == [] and again["duplicate_rows"] == [2, 3]
    # the same rows re-saved with another delimiter are still the same cases
    copy = (
        NGO_CSV.replace(";", ",").replace("14/03/2010", "2010-03-14").replace(",P,", ",Perempuan,")
    )
    (tmp_path / "copy.csv").write_text(copy, encoding="utf-8")
    mapping = tmp_path / "map.txt"
    mapping.write_text("\n".join(MAPS[1::2]), encoding="utf-8")
    third = tipref.json("import", str(tmp_path / "copy.csv"), "--mapping", str(mapping))
    assert third["created"] == [] and len(third["duplicate_rows"]) == 2
    assert len(cases(tipref)) == 2


def test_bad_rows_are_reported_by_row_and_column_and_block_the_import(tipref, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "Nama,JK,Tgl Lahir,NIK\n"
        "Maria Ulu,P,2010-03-14,5303025403100001\n"
        "Yuliana Seran,P,31/02/2001,\n"
        "Agustina Taek,X,1990-01-01,\n"
        "Ursula Neno,P,2001-05-05,53030245051\n",
        encoding="utf-8",
    )
    maps = MAPS[:8]
    result = tipref("import", str(path), *maps, ok=False)
    assert result.exit_code == 1
    err = result.stderr
    assert "row 3, column Tgl Lahir: '31/02/2001' is not a date" in err
    assert "row 4, column JK: 'X' is not known" in err
    assert "row 5, column NIK:" in err and "16 digits" in err
    assert "3 problems in 3 rows; nothing imported" in err
    assert cases(tipref) == []

    dry = tipref.json("import", str(path), *maps, "--skip-invalid", "--dry-run")
    assert dry["invalid_rows"] == [3, 4, 5] and len(dry["created"]) == 1
    assert cases(tipref) == []
    done = tipref.json("import", str(path), *maps, "--skip-invalid")
    assert [c["rows"] for c in done["created"]] == [[2]]
    assert [c["persons"][0]["name"] for c in cases(tipref)] == ["Maria Ulu"]


def test_nik_that_disagrees_with_birth_date_is_refused(tipref, tmp_path):
    path = tmp_path / "nik.csv"
    path.write_text(
        "name,sex,birth_date,nik\nMaria Ulu,female,2011-03-14,5303025403100001\n", encoding="utf-8"
    )
    result = tipref("import", str(path), ok=False)
    assert "row 2, column nik:" in result.stderr


def test_htcds_toolkit_workbook_reads_names_not_labels(tipref, tmp_path):
    """Hidden row 1 with names (one misspelt), labels shifted by one column, data from row 3."""
    names = [
        "prs_FirstName",
        "prs_SecondName",
        "prs_Birtdate",
        "prs_Gender",
        "prs_IdentityNumber",
        "prs_MailingCity",
        "vic_TypeOfExploitation",
        "vic_MethodsOfControl",
        "cas_Status",
        "prs_MaritalStatus",
    ]
    labels = [
        "Second Name",
        "Birthdate",
        "Gender",
        "Identity Number",
        "City",
        "Exploitation",
        "Control",
        "Status",
        "",
        "",
    ]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Victims"
    sheet.append(names)
    sheet.append(labels)
    sheet.append(
        [
            "Maria",
            "Ulu",
            "2010-03-14",
            "Feminine",
            "5303025403100001",
            "Timor Tengah Utara",
            "ForcedLabour",
            "DebtBondage;WithholdsDocuments",
            "Active",
            "Single",
        ]
    )
    sheet.append(
        [
            "Petrus",
            "Bria",
            None,
            "Masculine",
            None,
            "Belu",
            "SexualExploitation",
            None,
            "FollowUp",
            None,
        ]
    )
    sheet.row_dimensions[1].hidden = True
    path = tmp_path / "htcds-toolkit.xlsx"
    workbook.save(path)

    result = tipref.json("import", str(path))
    assert result["htcds"] is True
    unmapped = {u["column"]: u["problem"] for u in result["unmapped"]}
    assert "did you mean prs_Birthdate?" in unmapped["prs_Birtdate"]
    assert "prs_MaritalStatus" in unmapped  # a real HTCDS field tipref does not keep
    assert [c["rows"] for c in result["created"]] == [[3], [4]]
    found = {c["persons"][0]["name"]: c for c in cases(tipref)}
    maria = found["Maria Ulu"]
    assert (
        maria["persons"][0]["sex"] == "female" and maria["persons"][0]["nik"] == "5303025403100001"
    )
    assert maria["persons"][0]["birth_date"] is None  # the misspelt column is reported, not guessed
    assert maria["trafficking"]["means_of_control"] == ["DebtBondage", "WithholdsDocuments"]
    assert found["Petrus Bria"]["status"] == "follow-up"

    shown = tipref("import", str(path), "--lang", "en")
    assert "did you mean prs_Birthdate?" in shown.stderr and "2 already there" in shown.stderr


def test_xlsx_import_and_usage_errors(tipref, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nama Lengkap", "Umur", "Kecamatan"])
    sheet.append(["Novita Nahak", 19, "Insana"])
    path = tmp_path / "sheet.xlsx"
    workbook.save(path)
    result = tipref.json(
        "import",
        str(path),
        "--map",
        "Nama Lengkap=name",
        "--map",
        "Umur=age",
        "--map",
        "Kecamatan=subdistrict",
    )
    [case] = cases(tipref)
    assert (
        case["persons"][0]["estimated_age"] == 19
        and case["persons"][0]["address"]["subdistrict"] == "Insana"
    )
    assert len(result["created"]) == 1
    assert tipref("import", str(path), "--map", "Nama Lengkap=nama", ok=False).exit_code == 1
    assert tipref("import", str(path), "--map", "Missing=name", ok=False).exit_code == 1
    assert tipref("import", str(path), ok=False).exit_code == 1  # no name column
    assert json.loads(tipref("import", str(path), "--fields", "--json").stdout)[0] == "name"
