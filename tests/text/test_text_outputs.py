"""Files land where the user said (DESIGN §4): folders, extensions, --force, the book folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipref.errors import InvalidInput, TiprefError
from tipref.outputs import output_path


@pytest.fixture
def referral(tipref, victim_case):
    return tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


# -- the helper ------------------------------------------------------------------------------


def test_output_path_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert output_path(None, "a", (".docx",)) == tmp_path / "a.docx"
    assert output_path("new/", "a", (".docx",)) == Path("new/a.docx")
    assert Path("new").is_dir()  # a folder named with a trailing slash is created
    assert output_path("new", "a", (".docx",)) == Path("new/a.docx")  # existing folder
    assert output_path("surat", "a", (".docx",)) == Path("surat.docx")
    assert output_path("x/y/surat.DOCX", "a", (".docx",)) == Path("x/y/surat.DOCX")
    with pytest.raises(InvalidInput):
        output_path("e.xlsx", "a", ("", ".zip"))
    Path("taken.docx").write_text("x")
    with pytest.raises(TiprefError, match="taken.docx.*--force"):
        output_path("taken.docx", "a", (".docx",))
    assert output_path("taken.docx", "a", (".docx",), force=True) == Path("taken.docx")
    Path("file").write_text("x")
    with pytest.raises(InvalidInput):
        output_path("file/", "a", (".docx",))


# -- letters ---------------------------------------------------------------------------------


def test_letter_out_folder_with_trailing_slash_is_created(tipref, referral, tmp_path):
    result = tipref.json("letter", referral["number"], "--out", f"{tmp_path / 'surat'}/")
    path = Path(result["path"])
    assert path.parent == tmp_path / "surat" and path.suffix == ".docx"
    assert path.name.endswith(f"{referral['number']}.docx")
    assert not (tmp_path / "surat.docx").exists()


def test_letter_extension_added_and_second_letter_refused_without_force(tipref, referral, tmp_path):
    first = tipref.json("letter", referral["number"], "--out", str(tmp_path / "surat"))
    assert first["path"] == str(tmp_path / "surat.docx")
    before = (tmp_path / "surat.docx").read_bytes()
    again = tipref("letter", referral["number"], "--out", str(tmp_path / "surat"), ok=False)
    assert again.exit_code == 1
    assert "surat.docx" in again.stderr and "--force" in again.stderr
    assert (tmp_path / "surat.docx").read_bytes() == before
    tipref("letter", referral["number"], "--out", str(tmp_path / "surat"), "--force")


def test_letter_batch_out_dir_created_and_refused_when_a_file_exists(tipref, referral, tmp_path):
    out = tmp_path / "batch" / "deep"
    tipref("letter", "--status", "pending", "--out-dir", str(out))
    made = _files(out)
    assert len(made) == 1
    again = tipref("letter", "--status", "pending", "--out-dir", str(out), ok=False)
    assert again.exit_code == 1 and "--force" in again.stderr
    tipref("letter", "--status", "pending", "--out-dir", str(out), "--force")


def test_letter_inside_plain_book_warns(tipref, referral, book_path):
    result = tipref("letter", referral["number"], "--out", f"{book_path}/")
    assert "personal data" in result.stderr and "shared case book folder" in result.stderr


# -- export ----------------------------------------------------------------------------------


def test_export_extension_contradicting_format_is_refused(tipref, victim_case, tmp_path):
    result = tipref("export", "--format", "csv", "--out", str(tmp_path / "e.xlsx"), ok=False)
    assert result.exit_code == 1 and "--out" in result.stderr and ".xlsx" in result.stderr
    assert not (tmp_path / "e.xlsx").exists()


def test_export_into_folder_and_force(tipref, victim_case, tmp_path):
    out = f"{tmp_path / 'exports'}/"
    first = tipref.json("export", "--format", "xlsx", "--out", out)
    assert Path(first["path"]).parent == tmp_path / "exports"
    assert first["path"].endswith(".xlsx")
    again = tipref("export", "--format", "xlsx", "--out", out, ok=False)
    assert again.exit_code == 1 and "--force" in again.stderr
    tipref("export", "--format", "xlsx", "--out", out, "--force")
    named = tipref.json("export", "--format", "json", "--out", str(tmp_path / "all"))
    assert named["path"] == str(tmp_path / "all.json")
    folder = tipref.json("export", "--format", "csv", "--out", str(tmp_path / "csvs"))
    assert sorted(p.name for p in Path(folder["path"]).iterdir())[0] == "cases.csv"
    # a CSV export is a folder: "export/" is that folder, as the README shows
    into = tipref.json("export", "--format", "csv", "--out", f"{tmp_path / 'export'}/")
    assert Path(into["path"]) == tmp_path / "export"
    assert (tmp_path / "export" / "persons.csv").is_file()
    full = tipref("export", "--format", "csv", "--out", f"{tmp_path / 'export'}/", ok=False)
    assert full.exit_code == 1 and "--force" in full.stderr
    tipref("export", "--format", "csv", "--out", f"{tmp_path / 'export'}/", "--force")


def test_k_without_anonymize_is_a_usage_error(tipref, victim_case, tmp_path):
    result = tipref("export", "--k", "5", "--out", str(tmp_path / "x"), ok=False)
    assert result.exit_code == 2 and "--anonymize" in result.stderr
    assert not any(tmp_path.glob("x*"))


# -- other commands --------------------------------------------------------------------------


def test_report_commitment_and_subject_export_into_folders(tipref, victim_case, tmp_path):
    reports = f"{tmp_path / 'laporan'}/"
    result = tipref.json("report", "--docx", reports, "--xlsx", reports)
    assert sorted(Path(p).suffix for p in result["written"]) == [".docx", ".xlsx"]
    assert all(Path(p).parent == tmp_path / "laporan" for p in result["written"])

    commitment = tipref.json(
        "commitment", "new", "--title", "Komitmen", "--date", "2022-01-25", "--place", "Kefamenanu"
    )
    made = tipref.json("commitment", "render", commitment["number"], "--out", f"{tmp_path}/k/")
    assert Path(made["path"]).parent == tmp_path / "k" and made["path"].endswith(".docx")

    subject = tipref.json(
        "case", "export-subject", victim_case["number"], "--out", f"{tmp_path}/akses/"
    )
    path = Path(subject["path"])
    assert path.parent == tmp_path / "akses" and path.suffix == ".json"
    assert json.loads(path.read_text(encoding="utf-8"))["person"]["name"] == "Maria Ulu"
    again = tipref("case", "export-subject", victim_case["number"], "--out", str(path), ok=False)
    assert again.exit_code == 1 and "--force" in again.stderr


def test_letter_out_dir_for_one_letter_is_a_folder_even_when_missing(tipref, referral, tmp_path):
    result = tipref.json("letter", referral["number"], "--out-dir", str(tmp_path / "surat"))
    assert Path(result["path"]).parent == tmp_path / "surat"
    assert not (tmp_path / "surat.docx").exists()
