"""Export (CSV, Excel, JSON, HTCDS) and the anonymised k-anonymous export."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tipref.book.opening import open_book
from tipref.cli import cli
from tipref.privacy.anonymise import QUASI_IDENTIFIERS, anonymised_export
from tipref.reporting.export import load


@pytest.fixture
def two_cases(tipref, victim_case):
    tipref(
        "case",
        "add-person",
        victim_case["number"],
        "--name",
        "Yosef Ulu",
        "--role",
        "witness",
        "--sex",
        "male",
        "--age",
        "40",
        "--village",
        "Maubesi",
    )
    other = tipref.json(
        "case",
        "new",
        "--name",
        "Petrus Bria",
        "--sex",
        "male",
        "--age",
        "25",
        "--district",
        "Belu",
        "--subdistrict",
        "Atambua",
        "--province",
        "Nusa Tenggara Timur",
        "--exploitation",
        "SexualExploitation",
        "--exploitation",
        "ForcedLabour",
        "--recruitment",
        "ThroughOnlineSocialNetworks",
        "--trafficking-status",
        "ActualVictimOfTrafficking",
        "--exploited-country",
        "SA",
        "--risk",
        "medium",
    )
    tipref("consent", "add", other["number"], "--scope", "share-identity", "--whole-network")
    tipref(
        "referral",
        "new",
        "--case",
        other["number"],
        "--service",
        "legal",
        "--to",
        "posbakum",
        "--reason",
        "BAP",
    )
    return victim_case, other


def test_csv_export_folder_and_zip(tipref, two_cases, tmp_path):
    folder = tmp_path / "out"
    result = tipref.json("export", "--format", "csv", "--out", str(folder))
    assert result == {
        "format": "csv",
        "path": str(folder),
        "cases": 2,
        "persons": 3,
        "referrals": 1,
    }
    persons = list(
        csv.DictReader(io.StringIO((folder / "persons.csv").read_text(encoding="utf-8-sig")))
    )
    assert {p["name"] for p in persons} == {"Maria Ulu", "Yosef Ulu", "Petrus Bria"}
    assert next(p for p in persons if p["name"] == "Maria Ulu")["nik"] == "5303025403100001"
    archive = tmp_path / "out.zip"
    tipref("export", "--format", "csv", "--out", str(archive))
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == ["cases.csv", "persons.csv", "referrals.csv"]
        referrals = list(
            csv.DictReader(io.StringIO(opened.read("referrals.csv").decode("utf-8-sig")))
        )
    assert referrals[0]["service"] == "legal" and referrals[0]["provider_code"] == "posbakum"


def test_xlsx_and_json_export(tipref, two_cases, tmp_path):
    tipref("export", "--format", "xlsx", "--out", str(tmp_path / "book.xlsx"))
    workbook = load_workbook(tmp_path / "book.xlsx")
    assert workbook.sheetnames == ["cases", "persons", "referrals"]
    assert workbook["cases"].max_row == 3 and workbook["persons"].max_row == 4
    tipref("export", "--format", "json", "--out", str(tmp_path / "book.json"))
    data = json.loads((tmp_path / "book.json").read_text(encoding="utf-8"))
    assert len(data["cases"]) == 2 and len(data["referrals"]) == 1 and data["providers"]


def test_htcds_export_layout_and_round_trip(tipref, two_cases, tmp_path):
    path = tmp_path / "htcds.xlsx"
    tipref("export", "--format", "htcds", "--out", str(path))
    workbook = load_workbook(path)
    sheet = workbook["Persons"]
    names = [c.value for c in sheet[1]]
    assert sheet.row_dimensions[1].hidden
    assert names[:5] == [
        "prs_FirstName",
        "prs_MiddleName",
        "prs_SecondName",
        "prs_Birthdate",
        "prs_Gender",
    ]
    assert sheet.cell(row=2, column=1).value == "First Name"
    rows = [
        dict(zip(names, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=3)
    ]
    maria = next(r for r in rows if r["prs_FirstName"] == "Maria")
    assert maria["prs_Gender"] == "Feminine" and maria["prs_IdentityNumber"] == "5303025403100001"
    assert maria["vic_MethodsOfControl"] == "DebtBondage;WithholdsDocuments"
    petrus = next(r for r in rows if r["prs_FirstName"] == "Petrus")
    assert (
        petrus["prs_Gender"] == "Masculine"
        and petrus["vic_TraffickingStatus"] == "ActualVictimOfTrafficking"
    )
    assert workbook["Referrals"].cell(row=3, column=2).value  # cas_OutgoingReferralDate

    # imported into a fresh book, the same cases come back
    fresh = tmp_path / "fresh"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["init", str(fresh), "--name", "UPTD PPA Belu", "--code", "BLU"]
        ).exit_code
        == 0
    )
    result = runner.invoke(cli, ["--book", str(fresh), "import", str(path), "--json"])
    assert result.exit_code == 0, result.output
    imported = json.loads(result.stdout)
    assert imported["htcds"] and len(imported["created"]) == 2 and imported["unmapped"] == []

    def essence(book_root: Path) -> list:
        cases, _, _ = load(open_book(book_root, "Tester"))
        out = []
        for case in cases:
            data = case.model_dump(
                mode="json", include={"status", "risk", "opened_on", "trafficking"}
            )
            # The day an age was estimated does not travel in HTCDS (the import takes the
            # case's opening day); the age it gives today must.
            persons = [
                {
                    **p.model_dump(mode="json", exclude={"id", "consents", "age_recorded_on"}),
                    "age_today": p.age(),
                }
                for p in case.persons
            ]
            out.append((data, persons))
        return sorted(out, key=lambda item: item[1][0]["name"])

    assert essence(fresh) == essence(tipref.book)


def test_anonymised_export_has_no_identifiers(tipref, two_cases, tmp_path):
    path = tmp_path / "anon.csv"
    summary = tipref.json("export", "--anonymize", "--k", "2", "--out", str(path))
    text = path.read_text(encoding="utf-8-sig")
    for secret in (
        "Maria",
        "Ulu",
        "Petrus",
        "5303025403100001",
        "+6281234567890",
        "Maubesi",
        "Johor",
        two_cases[0]["id"],
        two_cases[0]["number"],
    ):
        assert secret not in text
    assert summary["k"] == 2 and summary["withdrawn_consent"] == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    assert all(r["age_band"] in ("9-17", "24-26", "0-17", "18+", "*") for r in rows)
    groups = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
    assert all(n >= 2 for n in groups.values())
    assert summary["rows"] + summary["suppressed_rows"] == 2


def test_withdrawn_reporting_consent_is_left_out(tipref, two_cases, tmp_path):
    victim, _ = two_cases
    consent = tipref.json(
        "consent", "add", victim["number"], "--scope", "reporting", "--guardian", "Ibu Ulu"
    )
    consent_id = consent["id"] if "id" in consent else consent["consent"]["id"]
    tipref("consent", "withdraw", victim["number"], consent_id)
    summary = tipref.json(
        "export", "--anonymize", "--k", "2", "--format", "xlsx", "--out", str(tmp_path / "a.xlsx")
    )
    assert summary["withdrawn_consent"] == 1 and summary["input_rows"] == 1


def test_anonymised_export_of_1000_cases_is_k_anonymous(tmp_path):
    from tipref.guidance.synthetic import build_book

    root = tmp_path / "big"
    build_book(root, cases=1000, seed=7)
    book = open_book(root, "Tester")
    cases, referrals, _ = load(book)
    rows, summary = anonymised_export(cases, referrals, k=11)
    groups = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
    assert min(groups.values()) >= 11
    assert summary["smallest_group"] >= 11
    assert (
        len(rows) + summary["suppressed_rows"]
        == summary["input_rows"]
        == sum(1 for c in cases for p in c.persons if p.role.value == "victim")
    )
    assert len({r["pseudonym"] for r in rows}) == len(rows)
    names = {p.name for c in cases for p in c.persons}
    assert not names & {value for r in rows for value in r.values()}

    # the command writes the same guarantee into the file, here in HTCDS layout
    out = tmp_path / "anon-htcds.xlsx"
    result = CliRunner().invoke(
        cli,
        [
            "--book",
            str(root),
            "export",
            "--anonymize",
            "--format",
            "htcds",
            "--out",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["Victims"]
    names_row = [c.value for c in sheet[1]]
    assert "prs_Gender" in names_row and "prs_FirstName" not in names_row
    quasi = [
        names_row.index(n)
        for n in (
            "x_tipref_age_band",
            "prs_Gender",
            "prs_MailingCity",
            "x_tipref_exploitation_country",
            "vic_TypeOfExploitation",
        )
    ]
    counted = Counter(
        tuple(row[i] for i in quasi) for row in sheet.iter_rows(min_row=3, values_only=True)
    )
    assert min(counted.values()) >= 11


def test_htcds_as_csv_files_round_trip(tipref, two_cases, tmp_path):
    out = tmp_path / "htcds-csv"
    tipref("export", "--format", "htcds", "--out", str(out))
    persons = list(csv.reader(io.StringIO((out / "persons.csv").read_text(encoding="utf-8-sig"))))
    assert persons[0][:2] == ["prs_FirstName", "prs_MiddleName"] and persons[1][0] == "First Name"
    assert {"Maria", "Petrus"} <= {row[0] for row in persons[2:]}
    assert (out / "referrals.csv").exists()
    fresh = tmp_path / "fresh"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["init", str(fresh), "--name", "UPTD PPA Belu", "--code", "BLU"]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        cli, ["--book", str(fresh), "import", str(out / "persons.csv"), "--json"]
    )
    assert result.exit_code == 0, result.output
    imported = json.loads(result.stdout)
    assert imported["htcds"] and len(imported["created"]) == 2 and imported["unmapped"] == []


def test_the_toolkit_workbook_keeps_text_as_text(tmp_path):
    """The writer (XlsxWriter, #21) as the toolkit expects it and Excel shows it: names
    hidden, labels bold, panes frozen under them; text that looks like a formula, a
    number or a link stays text; characters XML forbids are dropped, emoji kept."""
    from tipref.reporting.export import write_toolkit

    columns = [("prs_FirstName", "First Name"), ("prs_IdentityNumber", "NIK"), ("x_n", "N")]
    rows = [
        {"prs_FirstName": '=HYPERLINK("http://x")', "prs_IdentityNumber": "0053", "x_n": 3},
        {"prs_FirstName": "Ana\x01 [fiktif] 😀", "prs_IdentityNumber": "", "x_n": 0},
        {"prs_FirstName": "http://example.org", "x_n": None},
    ]
    out = write_toolkit({"Persons": (columns, rows)}, tmp_path / "toolkit.xlsx")
    workbook = load_workbook(out)
    sheet = workbook["Persons"]
    assert sheet.row_dimensions[1].hidden and not sheet.row_dimensions[2].hidden
    assert sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[1]] == ["prs_FirstName", "prs_IdentityNumber", "x_n"]
    assert all(c.font.b for c in sheet[2])
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert values == [
        ['=HYPERLINK("http://x")', "0053", 3],
        ["Ana [fiktif] 😀", None, 0],
        ["http://example.org", None, None],
    ]
    assert sheet["A3"].data_type == "s" and sheet["B3"].data_type == "s"  # not a formula
    assert not sheet._hyperlinks


def test_the_toolkit_workbook_leaves_no_temporary_file(tmp_path, monkeypatch):
    """A person's data never lands in the system's temp folder, even for a moment: the
    workbook is assembled in memory (XlsxWriter's streaming mode, like openpyxl's
    write-only mode, writes each sheet to a temporary file first). Every file opened is
    watched at ``os.open``, which both libraries' temporary files go through."""
    import os
    import tempfile

    from tipref.reporting.export import write_toolkit

    temp = Path(tempfile.gettempdir()).resolve()
    opened: list[str] = []
    real_open = os.open

    def watched(path, *args, **kwargs):
        if Path(os.fsdecode(path)).resolve().is_relative_to(temp):
            opened.append(os.fsdecode(path))
        return real_open(path, *args, **kwargs)

    out = tmp_path / "t.xlsx"
    rows = [{"prs_FirstName": "Maria Bria (fiktif)"} for _ in range(50)]
    monkeypatch.setattr(os, "open", watched)
    write_toolkit({"Persons": ([("prs_FirstName", "First Name")], rows)}, out)
    monkeypatch.undo()
    # (pytest's tmp_path, where the workbook itself is written, is in the temp folder too)
    assert [p for p in opened if not Path(p).resolve().is_relative_to(tmp_path.resolve())] == []
    assert load_workbook(out)["Persons"]["A52"].value == "Maria Bria (fiktif)"


def _open_in_calc(workbooks: list[Path], folder: Path) -> dict[str, str]:
    """Each workbook as LibreOffice Calc reads it: converted to ODS, its content.xml.

    Calc is a package of its own (libreoffice-calc): with only Writer installed, soffice
    exits 0 without converting, so a missing ODS means no spreadsheet program here."""
    import os
    import subprocess

    from tipref.documents.pdf import find_soffice

    soffice = find_soffice()
    if soffice is not None:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
                *("--headless", "--norestore", "--convert-to", "ods", "--outdir", str(folder)),
                *map(str, workbooks),
            ],
            capture_output=True,
            timeout=180,
        )
    made = [book.with_suffix(".ods") for book in workbooks]
    if not all(ods.is_file() for ods in made):
        message = "LibreOffice Calc (libreoffice-calc) is not installed: no spreadsheet program"
        if os.environ.get("TIPREF_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(f"{message}, but TIPREF_REQUIRE_LIBREOFFICE=1 requires it")
        pytest.skip(message)
    return {ods.stem: zipfile.ZipFile(ods).read("content.xml").decode("utf-8") for ods in made}


def _calc_rows(content: str, sheet: str) -> list[tuple[bool, list[tuple[str, str]]]]:
    """A sheet's rows as Calc holds them: (hidden, [(value type, text) per cell])."""
    from lxml import etree

    ns = {
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    root = etree.fromstring(content.encode("utf-8"))
    (table,) = root.xpath(f"//table:table[@table:name='{sheet}']", namespaces=ns)
    rows = []
    for row in table.xpath("table:table-row", namespaces=ns):
        cells = row.xpath("table:table-cell", namespaces=ns)
        if all(not cell.xpath("text:p", namespaces=ns) for cell in cells):
            continue  # the sheet's empty remainder
        hidden = row.get(f"{{{ns['table']}}}visibility") == "collapse"
        assert all(cell.get(f"{{{ns['table']}}}formula") is None for cell in cells)
        shown = []
        for cell in cells:
            value = (
                cell.get(f"{{{ns['office']}}}value-type", ""),
                "".join(cell.xpath("text:p//text()", namespaces=ns)),
            )
            # equal neighbours are stored once with a count; so is the empty rest of a row
            count = int(cell.get(f"{{{ns['table']}}}number-columns-repeated", "1"))
            shown += [value] * (count if value[1] or count < 1000 else 0)
        rows.append((hidden, shown))
    return rows


@pytest.mark.libreoffice
def test_a_spreadsheet_program_opens_the_toolkit_workbook(tipref, two_cases, tmp_path):
    """LibreOffice Calc opens both the book's HTCDS export and a workbook of awkward text
    (#21's XlsxWriter writer): names row hidden, labels under it, every person and referral
    row there; text that looks like a formula or a number stays text, no cell is a formula."""
    from tipref.reporting.export import write_toolkit

    export = tmp_path / "export.xlsx"
    tipref("export", "--format", "htcds", "--out", str(export))
    plain = tmp_path / "plain.xlsx"
    tipref("export", "--format", "xlsx", "--out", str(plain))
    tricky = tmp_path / "tricky.xlsx"
    columns = [("prs_FirstName", "First Name"), ("prs_IdentityNumber", "NIK"), ("x_n", "N")]
    rows = [
        {"prs_FirstName": '=HYPERLINK("http://x")', "prs_IdentityNumber": "0053", "x_n": 3},
        {"prs_FirstName": "Ana\x01 [fiktif] 😀", "prs_IdentityNumber": "", "x_n": 0},
    ]
    write_toolkit({"Persons": (columns, rows)}, tricky)

    opened = _open_in_calc([export, plain, tricky], tmp_path)

    for name, path in (("export", export), ("plain", plain)):
        written = load_workbook(path)
        for sheet in written.sheetnames:
            calc = _calc_rows(opened[name], sheet)
            expected = [[c.value for c in row] for row in written[sheet].iter_rows()]
            hidden_names = [name == "export"] + [False] * (len(expected) - 1)
            assert [hidden for hidden, _ in calc] == hidden_names
            shown = [[text for _, text in cells] for _, cells in calc]
            assert [[v for v in row if v not in (None, "")] for row in shown] == [
                [str(v) for v in row if v not in (None, "")] for row in expected
            ]
    assert len(_calc_rows(opened["export"], "Persons")) == 2 + 3  # three persons, two cases
    assert len(_calc_rows(opened["export"], "Referrals")) == 2 + 1

    calc = _calc_rows(opened["tricky"], "Persons")
    assert [hidden for hidden, _ in calc] == [True, False, False, False]
    assert calc[2][1] == [
        ("string", '=HYPERLINK("http://x")'),
        ("string", "0053"),
        ("float", "3"),
    ]
    assert calc[3][1][0] == ("string", "Ana [fiktif] 😀")
