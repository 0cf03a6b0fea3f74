"""Commitment documents: records, signatories from attendance lists, the rendered table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tipref.documents.render import docx_text

ODD_NAME = 'Dr. Ñoña "Ina" O\'Neil & <Partner> Été'


@pytest.fixture
def commitment(tipref):
    return tipref.json(
        "commitment",
        "new",
        "--title",
        "Komitmen Bersama Pencegahan dan Penanganan TPPO",
        "--date",
        "2022-01-25",
        "--place",
        "Aula Kantor Bupati, Kefamenanu",
        "--organiser",
        "Rapat Koordinasi Gugus Tugas PP TPPO",
        "--recital",
        "perdagangan orang merendahkan harkat dan martabat manusia",
        "--point",
        "Mencegah perdagangan orang sejak dari desa",
    )


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def signature_rows(path: Path):
    table = Document(str(path)).tables[-1]
    return table, [[cell.text for cell in row.cells] for row in table.rows]


def test_new_add_point_show(tipref, commitment):
    assert commitment["number"] == "001/GT-PPTPPO/TTU/I/2022"  # DOMAIN §5 style, not an id
    tipref(
        "commitment",
        "add-point",
        commitment["number"],
        "Merujuk korban dalam 24 jam",
        "--recital",
        "korban berhak atas layanan terpadu",
    )
    shown = tipref.json("commitment", "show", commitment["number"])
    assert shown["points"] == [
        "Mencegah perdagangan orang sejak dari desa",
        "Merujuk korban dalam 24 jam",
    ]
    assert shown["recitals"][1] == "korban berhak atas layanan terpadu"
    assert [c["number"] for c in tipref.json("commitment", "list")] == ["001/GT-PPTPPO/TTU/I/2022"]


def test_render_text_and_signatories(tipref, commitment, tmp_path):
    tipref(
        "commitment",
        "sign",
        commitment["number"],
        "--name",
        ODD_NAME,
        "--institution",
        "LSM <Rumah> & Co",
        "--position",
        "Ketua",
    )
    tipref(
        "commitment",
        "sign",
        commitment["number"],
        "--name",
        "Yosef Taek",
        "--institution",
        "Polres TTU",
        "--position",
        "Kasat Reskrim",
    )
    out = tmp_path / "komitmen.docx"
    tipref("commitment", "render", commitment["number"], "--out", str(out), "--lang", "id")
    text = docx_text(out)
    assert "KOMITMEN BERSAMA PENCEGAHAN DAN PENANGANAN TPPO" in text
    assert (
        "Pada hari ini, Selasa, tanggal 25 Januari 2022, bertempat di Aula Kantor Bupati, Kefamenanu"
        in text
    )
    assert (
        "dengan menyadari bahwa:\na. perdagangan orang merendahkan harkat dan martabat manusia;"
        in text
    )
    assert "bahwa: a. bahwa" not in text and "Menimbang" not in text
    assert "1. Mencegah perdagangan orang sejak dari desa" in text
    _, rows = signature_rows(out)
    assert rows[0] == ["No", "Nama", "Instansi", "Jabatan", "Tanda Tangan"]
    assert rows[1][:4] == ["1", ODD_NAME, "LSM <Rumah> & Co", "Ketua"]
    assert rows[2][:4] == ["2", "Yosef Taek", "Polres TTU", "Kasat Reskrim"]
    english = tmp_path / "commitment-en.docx"
    tipref("commitment", "render", commitment["number"], "--out", str(english), "--lang", "en")
    assert "On this day, Tuesday, 25 January 2022" in docx_text(english)


def test_thirty_signatories_from_csv_lay_out_over_pages(tipref, commitment, tmp_path):
    people = [[str(i), f"Peserta Nomor {i}", f"Instansi {i}", "Anggota"] for i in range(1, 31)]
    attendance = write_csv(
        tmp_path / "hadir.csv", ["No", "NAMA", "Instansi", "jabatan"], people, delimiter=";"
    )
    signed = tipref.json("commitment", "sign", commitment["number"], "--from", str(attendance))
    assert signed["added"] == 30 and len(signed["signatories"]) == 30
    out = tmp_path / "k.docx"
    tipref("commitment", "render", commitment["number"], "--out", str(out))
    table, rows = signature_rows(out)
    assert len(rows) == 31
    for i in range(1, 31):
        assert rows[i][:4] == [str(i), f"Peserta Nomor {i}", f"Instansi {i}", "Anggota"]
    header = table.rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None, "header row must repeat on each page"
    for row in table.rows[1:]:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None, "a signature row must not split"


def test_xlsx_attendance_in_english(tipref, commitment, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Institution", "Position"])
    sheet.append([ODD_NAME, "Dinas Sosial", "Kepala"])
    sheet.append(["Maria Goreti", "Media Timor", None])
    path = tmp_path / "attendance.xlsx"
    workbook.save(path)
    signed = tipref.json("commitment", "sign", commitment["number"], "--from", str(path))
    assert [s["name"] for s in signed["signatories"]] == [ODD_NAME, "Maria Goreti"]
    assert signed["signatories"][1]["position"] == ""


def test_bad_rows_reported_and_nothing_half_written(tipref, commitment, tmp_path):
    attendance = write_csv(
        tmp_path / "bad.csv",
        ["Nama", "Instansi", "Jabatan"],
        [
            ["Ana", "UPTD PPA", "Staf"],
            ["", "Polres", "Kanit"],
            ["Budi", "", ""],
            ["Citra", "RSUD", "Dokter"],
        ],
    )
    result = tipref(
        "commitment",
        "sign",
        commitment["number"],
        "--from",
        str(attendance),
        "--lang",
        "en",
        ok=False,
    )
    assert result.exit_code == 1
    assert "row 3: column Nama is empty" in result.stderr
    assert "row 4: column Instansi is empty" in result.stderr
    assert "nothing was added" in result.stderr
    assert tipref.json("commitment", "show", commitment["number"])["signatories"] == []
    kept = tipref.json(
        "commitment", "sign", commitment["number"], "--from", str(attendance), "--skip-invalid"
    )
    assert [s["name"] for s in kept["signatories"]] == ["Ana", "Citra"]
    assert kept["skipped"] == [{"row": 3, "column": "Nama"}, {"row": 4, "column": "Instansi"}]


def test_missing_columns_named(tipref, commitment, tmp_path):
    attendance = write_csv(tmp_path / "cols.csv", ["Nama", "Alamat"], [["Ana", "Kefa"]])
    result = tipref(
        "commitment",
        "sign",
        commitment["number"],
        "--from",
        str(attendance),
        "--lang",
        "en",
        ok=False,
    )
    assert result.exit_code == 1
    assert "Instansi/Institution" in result.stderr and "Nama, Alamat" in result.stderr
    assert tipref.json("commitment", "show", commitment["number"])["signatories"] == []


def test_sign_needs_name_and_institution(tipref, commitment):
    assert (
        tipref("commitment", "sign", commitment["number"], "--name", "Ana", ok=False).exit_code == 2
    )


def test_unknown_commitment(tipref, tmp_path):
    result = tipref(
        "commitment", "render", "TTU-K2022-404", "--out", str(tmp_path / "x.docx"), ok=False
    )
    assert result.exit_code == 1 and "TTU-K2022-404" in result.stderr


def test_english_document_uses_the_english_text(tipref, commitment, tmp_path):
    out = tmp_path / "en.docx"
    result = tipref("commitment", "render", commitment["number"], "--out", str(out), "--lang", "en")
    assert "no English text" in result.stderr  # the Indonesian text stands in, and it says so
    tipref(
        "commitment",
        "add-point",
        commitment["number"],
        "Prevent trafficking starting in the villages",
        "--recital",
        "that trafficking degrades human dignity",
        "--en",
    )
    result = tipref(
        "commitment", "render", commitment["number"], "--out", str(out), "--lang", "en", "--force"
    )
    assert "no English text" not in result.stderr
    text = docx_text(out)
    assert "aware that:\na. trafficking degrades human dignity;" in text
    assert "1. Prevent trafficking starting in the villages" in text
    assert "perdagangan orang" not in text and "Mencegah" not in text
    assert "Acknowledged by," in text and "Number: 001/GT-PPTPPO/TTU/I/2022" in text


def test_letterhead_is_the_task_force_and_numbers_follow_the_setting(tipref, commitment, tmp_path):
    import json

    settings_path = tipref.book / "tipref.json"
    settings = json.loads(settings_path.read_text(encoding="utf-8"))
    settings["organisation"]["hierarchy"] = ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA"]
    settings["task_force"] = {
        "name": "Gugus Tugas PP TPPO Kabupaten Timor Tengah Utara",
        "chair_name": "Aloysius Kobes",
        "chair_position": "Ketua Gugus Tugas PP TPPO",
        "commitment_number": "{seq:02d}/KOM/{code}/{year}",
    }
    settings_path.write_text(json.dumps(settings), encoding="utf-8")
    second = tipref.json(
        "commitment", "new", "--title", "Komitmen", "--date", "2022-03-01", "--place", "Atambua"
    )
    assert second["number"] == "02/KOM/TTU/2022"  # the year's sequence goes on
    out = tmp_path / "k.docx"
    tipref("commitment", "sign", commitment["number"], "--name", "A", "--institution", "X")
    tipref("commitment", "sign", commitment["number"], "--name", "B", "--institution", "Y")
    tipref("commitment", "render", commitment["number"], "--out", str(out), "--lang", "id")
    document = Document(str(out))
    head = [p.text for p in document.paragraphs[:6] if p.text]
    assert head[:2] == [
        "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
        "GUGUS TUGAS PP TPPO KABUPATEN TIMOR TENGAH UTARA",
    ]
    text = docx_text(out)
    assert "Mengetahui,\nKetua Gugus Tugas PP TPPO,\n" in text and "Aloysius Kobes" in text
    assert "UPTD" not in "\n".join(head)
    _, rows = signature_rows(out)
    cells = [r for r in Document(str(out)).tables[-1].rows[1:]]
    lines = [c.cells[4].paragraphs for c in cells]
    first = [p for p in lines[0] if p.text.strip()][0]
    second_line = [p for p in lines[1] if p.text.strip()][0]
    assert first.text.startswith("1. ") and second_line.text.startswith("2. ")
    assert not first.paragraph_format.left_indent
    assert second_line.paragraph_format.left_indent, "even rows' signature line stands right"
    out_dir = tmp_path / "folder"
    out_dir.mkdir()
    made = tipref.json("commitment", "render", commitment["number"], "--out", str(out_dir) + "/")
    assert Path(made["path"]).name == "komitmen-001-GT-PPTPPO-TTU-I-2022.docx"
