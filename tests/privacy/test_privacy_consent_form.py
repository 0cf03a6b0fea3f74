"""Informed consent on paper: the form to sign, and the signed copy linked (#19 part 3)."""

from __future__ import annotations

import hashlib

from tipref.documents.render import docx_text


def test_consent_form_lists_what_who_and_how_to_withdraw(tipref, victim_case, tmp_path):
    referral = tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )
    tipref("case", "need", victim_case["number"], "legal", "--needed")
    made = tipref.json("consent", "form", victim_case["number"], "--out", tmp_path / "c.docx",
                       "--lang", "id")  # fmt: skip
    text = docx_text(made["path"])
    assert "PERNYATAAN PERSETUJUAN DAN PEMBERITAHUAN PRIVASI" in text
    assert "UU 27/2022" in text and "3×24 jam" in text
    assert "Maria Ulu" in text  # the person signs their own form
    assert victim_case["number"] in text
    # one line per provider and service: the referral, and the plan's open need
    assert "1. RSUD Timor Tengah Utara: Rehabilitasi Kesehatan" in text
    assert "lembaga belum ditentukan: Bantuan Hukum" in text
    assert "UPTD PPA Kabupaten Timor Tengah Utara" in text and "0388-31234" in text
    # she is 16: a line for her parent or guardian
    assert "Orang tua / wali" in text
    assert "Pasal 44" in text
    assert referral["number"]  # referral exists; its number is not needed on the form
    assert "English" not in text and "Whom to ask" not in text  # not bilingual by default


def test_bilingual_form_and_adult_without_guardian_line(tipref, tmp_path):
    adult = tipref.json("case", "new", "--name", "Petrus Sanam", "--sex", "male",
                        "--birth-date", "1990-05-01", "--opened", "2026-11-01")  # fmt: skip
    made = tipref.json("consent", "form", adult["number"], "--bilingual", "--lang", "id",
                       "--out", f"{tmp_path}/")  # fmt: skip
    text = docx_text(made["path"])
    assert "Whom to ask" in text and "Tempat bertanya" in text
    assert "Orang tua / wali" not in text
    assert "Belum ada rujukan" in text  # nothing shared yet
    assert "Petrus" not in made["path"]  # a file name never carries a name
    english = tipref.json("consent", "form", adult["number"], "--lang", "en",
                          "--out", tmp_path / "en.docx")  # fmt: skip
    assert "CONSENT STATEMENT AND PRIVACY NOTICE" in docx_text(english["path"])


def test_signed_copy_is_linked_by_checksum_never_inside_the_book(
    tipref, victim_case, book_path, tmp_path
):
    scan = tmp_path / "archive" / "signed.pdf"
    scan.parent.mkdir()
    scan.write_bytes(b"%PDF-1.4 signed form")
    added = tipref.json(
        "consent", "add", victim_case["number"], "--scope", "services", "--form", "written",
        "--guardian", "Yakobus Ulu (ayah)", "--document", scan,
    )  # fmt: skip
    assert added["document"]["sha256"] == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert added["document"]["file_name"] == "signed.pdf"
    assert added["document"]["path"] == str(scan.resolve())
    inside = book_path / "scans" / "signed.pdf"
    inside.parent.mkdir()
    inside.write_bytes(b"scan")
    before = tipref.json("case", "show", victim_case["number"])
    result = tipref(
        "consent", "add", victim_case["number"], "--scope", "services",
        "--guardian", "Yakobus Ulu (ayah)", "--document", inside, ok=False,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "inside the book folder" in result.stderr and "Traceback" not in result.stderr
    assert tipref.json("case", "show", victim_case["number"]) == before


def test_new_templates_are_listed_checked_and_overridable(tipref, victim_case, book_path, tmp_path):
    names = {t["name"] for t in tipref.json("template", "list")}
    new = {
        f"{kind}-{lang}"
        for kind in ("conference-invitation", "conference-minutes", "identification", "consent")
        for lang in ("id", "en")
    }
    assert new <= names
    for name in sorted(new):
        checked = tipref.json("template", "check", name)
        assert checked["ok"], (name, checked)
    # a book's own copy wins, and a misspelt tag is named by the check
    from docx import Document

    exported = tipref.json("template", "export", "consent-en")
    document = Document(exported["path"])
    document.add_paragraph("{{ orgnaisation_name }} OWN COPY")
    document.save(exported["path"])
    result = tipref("template", "check", "consent-en", "--json", ok=False)
    assert result.exit_code == 1 and "orgnaisation_name" in result.stdout
    document = Document(exported["path"])
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("{{ orgnaisation_name }} ", "")
    document.save(exported["path"])
    made = tipref.json("consent", "form", victim_case["number"], "--out", tmp_path / "own.docx")
    assert "OWN COPY" in docx_text(made["path"])


def test_purge_forgets_the_scan_path_and_the_decision_note(tipref, victim_case, tmp_path):
    scan = tmp_path / "Maria-Ulu-signed.pdf"
    scan.write_bytes(b"scan")
    tipref("consent", "add", victim_case["number"], "--scope", "services",
           "--guardian", "Yakobus Ulu", "--document", scan)  # fmt: skip
    tipref("case", "identify", victim_case["number"], "--status", "PossibleVictimOfTrafficking",
           "--decided-by", "uptd-ppa", "--date", "today", "--note", "Maria Ulu told us")  # fmt: skip
    tipref("case", "purge", victim_case["number"], "--request", "Request of the person", "--yes")
    case = tipref.json("case", "show", victim_case["number"])
    document = case["persons"][0]["consents"][0]["document"]
    assert "Maria" not in document["file_name"] and document["path"] == ""
    assert document["sha256"]  # the proof stays
    assert "Maria" not in case["identifications"][0]["note"]
    assert case["identifications"][0]["status"] == "PossibleVictimOfTrafficking"
