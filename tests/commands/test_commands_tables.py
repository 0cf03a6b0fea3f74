"""Issue 15: every table fits 80 columns without splitting a word, a number or a date."""

from __future__ import annotations

import re

import pytest

LONG_PROVIDER = (
    "Yayasan Perlindungan Perempuan dan Anak Korban Perdagangan Orang Nusa Tenggara Timur"
)
LONG_TITLE = "Komitmen Bersama Pencegahan dan Penanganan Tindak Pidana Perdagangan Orang"


@pytest.fixture
def long_book(tipref, victim_case, monkeypatch):
    """A book with a 80-character provider name, long exploitation labels, every table kind."""
    tipref("provider", "new", "--name", LONG_PROVIDER, "--code", "yppa-ntt", "--type", "ngo",
           "--service", "legal", "--service", "social")  # fmt: skip
    case = victim_case["number"]
    tipref("case", "update", case, "--exploitation", "SexualExploitation", "--exploitation",
           "ForcedMilitaryByNonStateActors", "--exploitation", "ForcedLabour")  # fmt: skip
    tipref("referral", "new", "--case", case, "--service", "legal", "--to", "yppa-ntt",
           "--date", "today-20")  # fmt: skip
    tipref("referral", "new", "--case", case, "--service", "reintegration", "--to", "dinsos")
    tipref("consent", "add", case, "--scope", "share-identity", "--provider", "yppa-ntt",
           "--guardian", "Yohanes Ulu")  # fmt: skip
    tipref("commitment", "new", "--title", LONG_TITLE, "--place", "Kefamenanu")
    tipref("conference", "new", "--case", case, "--date", "today", "--place",
           "Ruang rapat Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten",
           "--invite", "yppa-ntt", "--invite", "rsud")  # fmt: skip
    legal = next(r for r in tipref.json("referral", "list") if r["service"] == "legal")
    tipref("letter", legal["number"], "--out", str(tipref.book.parent / "letters") + "/")
    monkeypatch.setenv("COLUMNS", "80")
    return case


def _whole_or_shortened(word: str, out: str) -> bool:
    """The word appears whole, or a beginning of it followed by an ellipsis."""
    if word in out:
        return True
    return any(word[:n] + "…" in out for n in range(1, len(word)))


def _words(*texts: str) -> list[str]:
    return [w for text in texts for w in re.split(r"\s+", text) if w]


def _check(out: str, words: list[str]) -> None:
    wide = [line for line in out.splitlines() if len(line) > 80]
    assert not wide, "\n".join(wide)
    split = [word for word in words if not _whole_or_shortened(word, out)]
    assert not split, f"split over lines: {split}\n{out}"


SHOWN = {  # what each table shows of the long book's data
    "provider list": ("{providers}", LONG_PROVIDER),
    "case list": (
        "{case}",
        "{opened}",
        "Sexual exploitation",
        "Forced military by non-state actors",
    ),
    "referral list": ("{referrals}", "{case}", "yppa-ntt", "dinsos"),
    "case plan {case}": ("{referrals}", "{referred}", LONG_PROVIDER),
    "consent list {case}": ("yppa-ntt", "Yohanes Ulu", "{today}"),
    "commitment list": ("{commitment}", LONG_TITLE, "{today}"),
    "due --within 400": ("{case}", "{overdue}", "yppa-ntt"),
    "conference list": ("{case}", "{today}"),
    "letter list": ("{overdue}", "yppa-ntt", "{today}"),
    "report": ("Sexual exploitation", "Forced military by non-state actors", "{overdue}"),
}


@pytest.mark.parametrize("command", sorted(SHOWN))
def test_table_fits_80_columns_without_splitting(tipref, long_book, command):
    from tipref import clock

    args = [long_book if a == "{case}" else a for a in command.split()]
    out = tipref(*args, ok=False).stdout
    assert out, command
    referrals = tipref.json("referral", "list")
    values = {
        "{case}": [long_book],
        "{opened}": [c["opened_on"] for c in tipref.json("case", "list")],
        "{providers}": [p["code"] for p in tipref.json("provider", "list")],
        "{referrals}": [r["number"] for r in referrals],
        "{referred}": [r["referred_on"] for r in referrals],
        "{overdue}": [r["number"] for r in referrals if r["service"] == "legal"],
        "{commitment}": [c["number"] for c in tipref.json("commitment", "list")],
        "{today}": [clock.today().isoformat()],
    }
    shown = [v for item in SHOWN[command] for v in values.get(item, [item])]
    _check(out, _words(*shown))


def test_log_blocks_fit_80_columns(tipref, long_book):
    out = tipref("log", "--limit", "50").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Provider yppa-ntt created" in out and f"Case {long_book} created" in out


def test_due_draws_at_most_limit_rows_and_says_how_many_more(tmp_path):
    """A big book's `due` lists thousands of overdue deadlines: the table stops at --limit
    (laying out 10,000 rows took seconds) and says how many more; --json has them all."""
    import json

    from click.testing import CliRunner

    from tipref.cli import cli
    from tipref.guidance.demo import build_demo

    book = tmp_path / "book"
    build_demo(book)

    def due(*args: str):
        return CliRunner().invoke(cli, ["--book", str(book), "--lang", "en", "due", *args])

    everything = json.loads(due("--json", "--within", "400").stdout)
    total = len(everything["deadlines"])
    assert total > 3
    rows = re.compile(r"^\s*TTU-\d{4}-\d{4}\s", re.MULTILINE)
    cut = due("--within", "400", "--limit", "2")
    assert cut.exit_code == 3
    table = cut.stdout.split("Deadlines passed or coming")[1]
    assert len(rows.findall(table)) == 2
    assert f"… and {total - 2} more: --limit 0 for all, or --json." in cut.stderr
    whole = due("--within", "400", "--limit", "0")
    assert len(rows.findall(whole.stdout.split("Deadlines passed or coming")[1])) == total
    assert "more:" not in whole.stderr
    assert json.loads(due("--json", "--within", "400", "--limit", "1").stdout) == everything
