"""Case conferences replace "coordination referrals" (issue #19 part 1, DOMAIN.md §2)."""

from __future__ import annotations

import json
from datetime import timedelta

from tipref import clock
from tipref.documents.render import docx_text


def write_attendance(path, rows=None):
    rows = rows or [
        ("Yohana Kefi", "UPTD PPA TTU", "Kepala"),
        ("dr. Maria Bria", "RSUD Kefamenanu", "Dokter"),
        ("Yosef Taek", "Dinas Sosial TTU", "Pekerja sosial"),
    ]
    lines = ["Nama,Instansi,Jabatan"] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def new_conference(tipref, case, *extra):
    return tipref.json(
        "conference",
        "new",
        "--case",
        case["number"],
        "--date",
        "today",
        "--time",
        "09:00",
        "--place",
        "Ruang rapat UPTD PPA",
        "--invite",
        "rsud",
        "--invite",
        "dinsos",
        "--agenda",
        "Rencana layanan korban",
        *extra,
    )


def test_new_conference_gets_its_own_number_and_invites(tipref, victim_case):
    first = new_conference(tipref, victim_case)
    second = new_conference(tipref, victim_case)
    year = clock.today().year
    assert first["number"] == f"TTU-K{year}-0001"
    assert second["number"] == f"TTU-K{year}-0002"
    assert first["time"] == "09:00" and len(first["invited"]) == 2
    assert first["held"] is False
    shown = tipref("conference", "show", first["number"]).stdout
    assert "RSUD" in shown and "Ruang rapat" in shown


def test_new_conference_refuses_unknown_provider_and_bad_time(tipref, victim_case):
    result = tipref(
        "conference", "new", "--case", victim_case["number"], "--date", "today",
        "--place", "X", "--invite", "nobody", ok=False,
    )  # fmt: skip
    assert result.exit_code == 1 and "nobody" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    result = tipref(
        "conference", "new", "--case", victim_case["number"], "--date", "today",
        "--place", "X", "--invite", "rsud", "--time", "25:00", ok=False,
    )  # fmt: skip
    assert result.exit_code == 1 and "time" in result.stderr
    assert tipref.json("conference", "list") == []


def test_invitation_letter(tipref, victim_case, tmp_path):
    conference = new_conference(tipref, victim_case)
    out = tmp_path / "out" / "invitation.docx"
    made = tipref.json("conference", "invite", conference["number"], "--out", out, "--lang", "id")
    year = clock.today().year
    assert made["number"].startswith("001/TTU/") and made["number"].endswith(f"/{year}")
    text = docx_text(out)
    assert "Undangan Rapat Koordinasi Kasus" in text
    assert "Rahasia" in text and "RAHASIA" in text
    assert "Yth." in text
    assert "1. Direktur RSUD Timor Tengah Utara" in text  # by position, no word twice
    assert "2. Kepala Dinas Sosial Timor Tengah Utara" in text
    assert "Arsip" not in text
    assert victim_case["number"] in text
    assert "M.U." in text  # initials
    assert "Maria Ulu" not in text and "5303025403100001" not in text  # minimum disclosure
    assert "09:00 WITA" in text and "Ruang rapat UPTD PPA" in text
    assert "Rencana layanan korban" in text
    assert "Kepala UPTD PPA" in text and "Yohana Kefi" in text
    # the file exists: refused without --force, and no number is burnt
    refused = tipref("conference", "invite", conference["number"], "--out", out, ok=False)
    assert refused.exit_code == 1 and "--force" in refused.stderr
    # made again: same number
    again = tipref.json("conference", "invite", conference["number"], "--out", out, "--force")
    assert again["number"] == made["number"]
    letter = tipref.json(
        "referral", "new", "--case", victim_case["number"], "--service", "health", "--to", "rsud"
    )
    written = tipref.json("letter", letter["number"], "--out", tmp_path / "l.docx")
    assert written["number"].startswith("002/TTU/")  # the invitation used the letter sequence


def test_invitation_in_english_names_no_person(tipref, victim_case, tmp_path):
    conference = new_conference(tipref, victim_case)
    out = tmp_path / "inv-en.docx"
    tipref("conference", "invite", conference["number"], "--out", out, "--lang", "en")
    text = docx_text(out)
    assert "Invitation to a case conference" in text and "CONFIDENTIAL" in text
    assert "Maria" not in text


def test_minutes_record_attendance_decisions_needs_and_referrals(tipref, victim_case, tmp_path):
    conference = new_conference(tipref, victim_case)
    attendance = write_attendance(tmp_path / "hadir.csv")
    out = tmp_path / "notulen.docx"
    result = tipref.json(
        "conference", "minutes", conference["number"],
        "--attendance", attendance,
        "--discussion", "Kondisi korban stabil; perlu pemeriksaan lanjutan.",
        "--decision", "Pendampingan oleh pekerja sosial diteruskan.",
        "--refer", "health:rsud",
        "--need", "legal",
        "--out", out, "--lang", "id",
    )  # fmt: skip
    assert result["held"] is True
    assert [a["name"] for a in result["attendance"]][0] == "Yohana Kefi"
    assert len(result["decisions"]) == 3
    assert len(result["referrals"]) == 1
    referral = tipref.json("referral", "show", result["referrals"][0])
    assert referral["conference_id"] == conference["id"]
    assert referral["service"] == "health" and referral["status"] == "pending"
    plan = tipref.json("case", "plan", victim_case["number"])
    legal = next(s for s in plan["persons"][0]["services"] if s["service"] == "legal")
    assert legal["state"] == "needed"
    assert [c["state"] for c in plan["conferences"]] == ["held"]
    text = docx_text(out)
    assert "NOTULEN RAPAT KOORDINASI KASUS" in text
    assert "Kondisi korban stabil" in text
    assert "Pendampingan oleh pekerja sosial diteruskan." in text
    assert result["referrals"][0] in text
    assert "dr. Maria Bria" in text and "Dinas Sosial TTU" in text
    assert "Tanda Tangan" in text
    assert "Maria Ulu" not in text


def test_minutes_twice_are_refused_but_the_document_can_be_made_again(
    tipref, victim_case, tmp_path
):
    conference = new_conference(tipref, victim_case)
    attendance = write_attendance(tmp_path / "hadir.csv")
    tipref("conference", "minutes", conference["number"], "--attendance", attendance,
           "--refer", "health:rsud", "--out", tmp_path / "a.docx")  # fmt: skip
    result = tipref(
        "conference", "minutes", conference["number"], "--attendance", attendance,
        "--refer", "health:rsud", ok=False,
    )  # fmt: skip
    assert result.exit_code == 1 and "already recorded" in result.stderr
    assert len(tipref.json("referral", "list")) == 1
    tipref("conference", "minutes", conference["number"], "--out", tmp_path / "b.docx")
    assert "Yohana Kefi" in docx_text(tmp_path / "b.docx")


def test_minutes_to_an_existing_file_are_refused_before_anything_is_recorded(
    tipref, victim_case, tmp_path
):
    conference = new_conference(tipref, victim_case)
    taken = tmp_path / "notulen.docx"
    taken.write_bytes(b"someone else's file")
    result = tipref("conference", "minutes", conference["number"], "--attendance",
                    write_attendance(tmp_path / "h.csv"), "--refer", "health:rsud",
                    "--out", taken, ok=False)  # fmt: skip
    assert result.exit_code == 1 and "--force" in result.stderr
    assert taken.read_bytes() == b"someone else's file"
    assert tipref.json("conference", "show", conference["number"])["held"] is False
    assert tipref.json("referral", "list") == []


def test_minutes_check_everything_before_writing(tipref, victim_case, tmp_path):
    conference = new_conference(tipref, victim_case)
    attendance = write_attendance(tmp_path / "hadir.csv")
    before = tipref.json("conference", "show", conference["number"])
    for bad, word in (
        (["--refer", "health"], "SERVICE:PROVIDER"),
        (["--refer", "health:nobody"], "nobody"),
        (["--refer", "coordination:rsud"], "conference new"),
        (["--need", "flying"], "flying"),
    ):
        result = tipref("conference", "minutes", conference["number"], "--attendance",
                        attendance, *bad, ok=False)  # fmt: skip
        assert result.exit_code == 1, bad
        assert word in result.stderr, (bad, result.stderr)
        assert "Traceback" not in result.stderr
    assert tipref.json("conference", "show", conference["number"]) == before
    assert tipref.json("referral", "list") == []
    bad_list = write_attendance(tmp_path / "bad.csv", [("", "RSUD", "x")])
    result = tipref("conference", "minutes", conference["number"], "--attendance", bad_list,
                    ok=False)  # fmt: skip
    assert result.exit_code == 1 and "row 2" in result.stderr


def test_minutes_of_a_planned_conference_wait_for_the_day(tipref, victim_case, tmp_path):
    later = (clock.today() + timedelta(days=5)).isoformat()
    conference = tipref.json(
        "conference", "new", "--case", victim_case["number"], "--date", later,
        "--place", "X", "--invite", "rsud",
    )  # fmt: skip
    plan = tipref.json("case", "plan", victim_case["number"])
    assert [c["state"] for c in plan["conferences"]] == ["planned"]
    assert any("invite" in step for step in plan["next_steps"])
    result = tipref("conference", "minutes", conference["number"], "--attendance",
                    write_attendance(tmp_path / "h.csv"), ok=False)  # fmt: skip
    assert result.exit_code == 1 and "planned" in result.stderr


def test_coordination_is_no_longer_a_referral_or_a_need(tipref, victim_case):
    result = tipref(
        "referral", "new", "--case", victim_case["number"], "--service", "coordination",
        "--to", "gt-pp-tppo", ok=False,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "tipref conference new" in result.stderr
    result = tipref("case", "need", victim_case["number"], "coordination", "--needed", ok=False)
    assert result.exit_code == 1 and "tipref conference new" in result.stderr
    plan = tipref.json("case", "plan", victim_case["number"])
    services = [s["service"] for s in plan["persons"][0]["services"]]
    assert "coordination" not in services and "identification" in services
    assert "coordination" in tipref("sop", "coordination").stdout.lower()
    assert "coordination" not in tipref("referral", "new", "--help").stdout.split("--to")[0]


def test_old_coordination_referrals_become_conferences(tipref, victim_case, book_path, monkeypatch):
    from tipref.book.opening import open_book
    from tipref.book.referrals import new_referral
    from tipref.schemas import entry
    from tipref.schemas.enums import Service

    book = open_book(book_path, "Tester")
    # an old book: write a coordination referral as an earlier tipref did, past the refusal
    with monkeypatch.context() as patch:
        patch.setattr(entry, "refuse_coordination", lambda service: None)
        referral, _ = new_referral(
            book, victim_case["id"], Service.coordination, "gt-pp-tppo",
            fields={"reason": "Rapat kasus"},
        )  # fmt: skip
    report = tipref("doctor", "--json", ok=False)
    problems = json.loads(report.stdout)["problems"]
    found = [p for p in problems if p["type"] == "coordination-referral"]
    assert len(found) == 1 and referral.number in found[0]["message"]
    assert tipref.json("conference", "list") == []
    tipref("doctor", "--fix", ok=False)
    conferences_made = tipref.json("conference", "list")
    assert len(conferences_made) == 1
    assert conferences_made[0]["migrated_from"] == referral.id
    assert conferences_made[0]["agenda"] == "Rapat kasus"
    migrated = tipref.json("referral", "show", referral.number)
    assert migrated["status"] == "cancelled"
    assert migrated["conference_id"] == conferences_made[0]["id"]
    log = tipref("log", "--json").stdout
    assert "migrate" in log
    tipref("doctor", "--fix", ok=False)  # once only
    assert len(tipref.json("conference", "list")) == 1


def test_due_shows_conferences_not_held(tipref, victim_case, tmp_path):
    soon = (clock.today() + timedelta(days=3)).isoformat()
    later = (clock.today() + timedelta(days=30)).isoformat()
    planned = tipref.json("conference", "new", "--case", victim_case["number"], "--date", soon,
                          "--place", "X", "--invite", "rsud")  # fmt: skip
    tipref("conference", "new", "--case", victim_case["number"], "--date", later,
           "--place", "X", "--invite", "rsud")  # fmt: skip
    past = tipref.json("conference", "new", "--case", victim_case["number"], "--date",
                       "yesterday", "--place", "X", "--invite", "rsud")  # fmt: skip
    report = json.loads(tipref("due", "--json", ok=False).stdout)
    listed = {c["number"] for c in report["conferences"]}
    assert listed == {planned["number"], past["number"]}  # the one in 30 days is not due
    out = tipref("due", ok=False).stdout
    assert "send the invitation" in out and "record the minutes" in out
    tipref("conference", "minutes", past["number"], "--attendance",
           write_attendance(tmp_path / "h.csv"), "--out", tmp_path / "m.docx")  # fmt: skip
    report = json.loads(tipref("due", "--json", ok=False).stdout)
    assert {c["number"] for c in report["conferences"]} == {planned["number"]}


def test_out_with_a_trailing_slash_makes_the_folder(tipref, victim_case, tmp_path):
    conference = new_conference(tipref, victim_case)
    made = tipref.json("conference", "invite", conference["number"], "--out", f"{tmp_path}/new/")
    assert made["path"] == str(tmp_path / "new" / f"invitation-{conference['number']}.docx")
    assert (tmp_path / "new").is_dir()
    made = tipref.json(
        "conference", "invite", conference["number"], "--out", tmp_path / "x", "--force"
    )
    assert made["path"] == str(tmp_path / "x.docx")  # no slash, no folder: a file


def test_in_an_encrypted_book_the_minutes_text_is_not_on_disk(
    tipref, victim_case, book_path, tmp_path, monkeypatch
):
    monkeypatch.setenv("TIPREF_PASSPHRASE", "kata sandi yang panjang sekali 2026")
    tipref("vault", "init")
    conference = new_conference(tipref, victim_case)
    tipref("conference", "minutes", conference["number"], "--attendance",
           write_attendance(tmp_path / "h.csv"), "--discussion", "Korban takut pada perekrut",
           "--decision", "Rumah aman diperpanjang", "--out", tmp_path / "m.docx")  # fmt: skip
    stored = (book_path / "conferences" / f"{conference['id']}.json").read_text(encoding="utf-8")
    for secret in ("Korban takut", "Rumah aman", "Yohana Kefi", "Rencana layanan", "Ruang rapat"):
        assert secret not in stored, secret
    shown = tipref.json("conference", "show", conference["number"])
    assert shown["discussion"] == "Korban takut pada perekrut"
