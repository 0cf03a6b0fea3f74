"""A guided tour of the SOP on a demo case, running real commands step by step.

The tour opens a new fictional case in a demo book and walks it through the SOP:
identification, health, social, legal, repatriation, reintegration, a case conference,
and coordination. Each
step explains itself, runs the commands a trainer would type (through a ``run`` callback
that the command layer provides, so this module stays free of click), and says what
changed in the case plan.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tipref.book.opening import open_book
from tipref.i18n import register_messages
from tipref.schemas.case import Case
from tipref.schemas.conference import Conference
from tipref.schemas.referral import Referral

register_messages(
    {
        "tour.press_enter": {"id": "Tekan Enter untuk lanjut", "en": "Press Enter to continue"},
        "tour.step": {"id": "Langkah {n}/{total}: {title}", "en": "Step {n}/{total}: {title}"},
        "tour.changed": {"id": "Yang berubah:", "en": "What changed:"},
        "tour.nothing_changed": {
            "id": "Tidak ada perubahan pada rencana kasus.",
            "en": "No change in the case plan.",
        },
        "tour.failed": {
            "id": "Perintah gagal (kode {code}); tur berhenti.",
            "en": "The command failed (exit {code}); the tour stops.",
        },
        "tour.done": {
            "id": "Tur selesai. Kasus {case} ada di buku demo; coba 'tipref case plan {case}'.",
            "en": "The tour is over. Case {case} is in the demo book; try 'tipref case plan {case}'.",
        },
    }
)

Text = tuple[str, str]


@dataclass(frozen=True)
class TourStep:
    title: Text
    explain: Text
    # {case}, {referral}, {conference}, {papers} (where the papers go) and {attendance}
    # (an attendance list the tour writes) are filled in when run
    commands: tuple[tuple[str, ...], ...]
    ok_codes: tuple[int, ...] = (0,)


TOUR_PERSON = "Sisilia Taek (fiktif)"
TOUR_ATTENDANCE = (
    "Nama,Instansi,Jabatan\n"
    "Yohana Kefi (fiktif),UPTD PPA,Kepala\n"
    "dr. Maria Bria (fiktif),RSUD,Dokter\n"
    "Yosef Taek (fiktif),Dinas Sosial,Pekerja sosial\n"
    "Agustinus Nino (fiktif),Posbakum,Paralegal\n"
)

STEPS: tuple[TourStep, ...] = (
    TourStep(
        ("Pengaduan / identifikasi", "Complaint / identification"),
        (
            "Seorang perempuan melapor ke UPTD PPA. Buka kasus, catat waktu ia diterima dalam penanganan "
            "(laporan polisi wajib dalam 24 jam, PP 9/2008), keputusan identifikasi dengan "
            "unsur-unsurnya (proses, cara, tujuan) dan formulirnya, dan persetujuannya, yang "
            "dibacakan dari lembar persetujuan.",
            "A woman comes to the UPTD PPA. Open a case, record when she was taken in under treatment "
            "(police report due within 24 hours, PP 9/2008), the identification decision with "
            "its elements (process, means, purpose) and its form, and her consent, read to her "
            "from the printed consent form.",
        ),
        (
            (
                "case",
                "new",
                "--name",
                TOUR_PERSON,
                "--sex",
                "female",
                "--age",
                "19",
                "--risk",
                "high",
                "--exploitation",
                "ForcedLabour",
                "--exploited-at",
                "Kuching",
                "--exploited-country",
                "MY",
                "--chronology",
                "Dijanjikan kerja di restoran, dipaksa bekerja tanpa upah (fiktif).",
            ),
            ("case", "event", "{case}", "--intake", "now", "--police-reported", "now"),
            (
                "case",
                "identify",
                "{case}",
                "--status",
                "ActualVictimOfTrafficking",
                "--process",
                "recruitment",
                "--process",
                "sending",
                "--means",
                "deception",
                "--purpose",
                "ForcedLabour",
                "--indicator",
                "job-deception",
                "--indicator",
                "unpaid-wages",
                "--decided-by",
                "uptd-ppa",
                "--date",
                "today",
                "--out",
                "{papers}/",
                "--force",
            ),
            ("consent", "form", "{case}", "--out", "{papers}/", "--force"),
            ("consent", "add", "{case}", "--scope", "services"),
            (
                "consent",
                "add",
                "{case}",
                "--scope",
                "share-identity",
                "--whole-network",
                "--note",
                "Formulir persetujuan tertulis (fiktif).",
            ),
            ("case", "plan", "{case}"),
        ),
    ),
    TourStep(
        ("Rehabilitasi kesehatan", "Health rehabilitation"),
        (
            "Ia perlu diperiksa segera. Catat kebutuhan dan permohonan pertolongan pertama (7 hari, UU 21/2007 Pasal 53), "
            "rujuk ke RSUD, lalu catat jawaban rumah sakit.",
            "She needs urgent care. Record the need and the request for first aid (7 days, UU 21/2007 Pasal 53), "
            "refer her to the RSUD, then record the hospital's reply.",
        ),
        (
            ("case", "need", "{case}", "--service", "health", "--needed"),
            ("case", "event", "{case}", "--first-aid-requested", "today"),
            (
                "referral",
                "new",
                "--case",
                "{case}",
                "--service",
                "health",
                "--to",
                "rsud",
                "--reason",
                "Pemeriksaan kesehatan dan psikososial.",
            ),
            (
                "referral",
                "update",
                "{referral}",
                "--status",
                "accepted",
                "--note",
                "Diterima di poli umum.",
            ),
            ("case", "event", "{case}", "--first-aid-given", "today"),
            (
                "referral",
                "update",
                "{referral}",
                "--status",
                "completed",
                "--note",
                "Pemeriksaan selesai.",
            ),
        ),
    ),
    TourStep(
        ("Rehabilitasi sosial", "Social rehabilitation"),
        (
            "Asesmen dan konseling oleh Dinas Sosial.",
            "Assessment and counselling by the social affairs office.",
        ),
        (
            (
                "referral",
                "new",
                "--case",
                "{case}",
                "--service",
                "social",
                "--to",
                "dinsos",
                "--reason",
                "Asesmen dan konseling.",
            ),
            ("referral", "update", "{referral}", "--status", "accepted"),
        ),
    ),
    TourStep(
        ("Bantuan hukum", "Legal aid"),
        (
            "Pendamping hukum untuk pemeriksaan polisi dan permohonan restitusi.",
            "A legal companion for the police examination and the restitution claim.",
        ),
        (
            (
                "referral",
                "new",
                "--case",
                "{case}",
                "--service",
                "legal",
                "--to",
                "posbakum",
                "--reason",
                "Pendampingan BAP dan restitusi.",
            ),
            ("referral", "list", "--case", "{case}"),
        ),
    ),
    TourStep(
        ("Pemulangan", "Repatriation"),
        (
            "Ia ingin pulang ke desanya; BP3MI dan Dinas Sosial mengatur pemulangan dengan berita acara serah terima.",
            "She wants to go home to her village; BP3MI and the social office arrange the return with a handover record.",
        ),
        (
            (
                "referral",
                "new",
                "--case",
                "{case}",
                "--service",
                "repatriation",
                "--to",
                "bp3mi",
                "--reason",
                "Pemulangan ke desa asal.",
            ),
            ("referral", "update", "{referral}", "--status", "accepted"),
            (
                "referral",
                "update",
                "{referral}",
                "--status",
                "completed",
                "--note",
                "Serah terima dengan keluarga.",
            ),
            ("case", "event", "{case}", "--returned", "today"),
        ),
    ),
    TourStep(
        ("Reintegrasi sosial", "Social reintegration"),
        (
            "Pelatihan kerja lewat Disnaker; pemantauan sekurang-kurangnya 3 bulan setelah pulang.",
            "Job training through the manpower office; monitoring for at least 3 months after return.",
        ),
        (
            (
                "referral",
                "new",
                "--case",
                "{case}",
                "--service",
                "reintegration",
                "--to",
                "disnaker",
                "--reason",
                "Pelatihan kerja.",
            ),
            ("case", "plan", "{case}"),
        ),
    ),
    TourStep(
        ("Rapat koordinasi kasus", "Case conference"),
        (
            "Koordinasi bukan rujukan: lembaga-lembaga bertemu dalam rapat koordinasi kasus. "
            "Catat rapatnya, buat surat undangan, lalu catat daftar hadir, pembahasan dan "
            "keputusan; keputusan bisa menandai kebutuhan atau membuat rujukan.",
            "Coordination is not a referral: the institutions meet in a case conference. Record "
            "it, write the invitation, then record the attendance, the discussion and the "
            "decisions; a decision can mark a need or start a referral.",
        ),
        (
            (
                "conference",
                "new",
                "--case",
                "{case}",
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
                "--invite",
                "posbakum",
                "--agenda",
                "Rencana layanan lanjutan (fiktif)",
            ),
            ("conference", "invite", "{conference}", "--out", "{papers}/", "--force"),
            (
                "conference",
                "minutes",
                "{conference}",
                "--attendance",
                "{attendance}",
                "--discussion",
                "Kondisi korban membaik; pelatihan kerja dibahas.",
                "--decision",
                "Pendampingan psikososial diteruskan.",
                "--need",
                "reintegration",
                "--out",
                "{papers}/",
                "--force",
            ),
            ("case", "plan", "{case}"),
        ),
    ),
    TourStep(
        ("Koordinasi, evaluasi, dan pelaporan", "Coordination, evaluation and reporting"),
        (
            "PPT mengevaluasi setiap 6 bulan dan melapor kepada bupati dengan tembusan ke Gugus Tugas (PP 9/2008). 'tipref due' menunjukkan yang terlambat "
            "di semua kasus; kode keluar 3 berarti ada yang terlambat.",
            "The PPT evaluates every 6 months and reports to the Bupati with a copy to the task force (PP 9/2008). 'tipref due' shows what is late "
            "across all cases; exit status 3 means something is overdue.",
        ),
        (
            ("due", "--within", "30"),
            ("sop", "--service", "coordination"),
        ),
        ok_codes=(0, 3),
    ),
)


def plan_snapshot(root: Path, case_number: str | None, lang: str = "en") -> dict[str, str]:
    """(person, service) -> state, plus each deadline's state: what the tour compares."""
    if case_number is None:
        return {}
    from tipref.guidance.plan import case_plan

    book = open_book(root, "tour")
    plan = case_plan(book, case_number)
    from tipref.i18n import t

    snapshot = {
        f"{p.position}:{s.service.value}": t(f"plan.state.{s.state}", lang)
        + (f" ({s.referral.status.label(lang)})" if s.referral else "")
        for p in plan.persons
        for s in p.services
        if s.state != "unassessed"
    }
    snapshot.update(
        {
            f"deadline:{d.key}": f"{t('deadline.state.' + d.state, lang)}, {d.due_on.isoformat()}"
            for d in plan.deadlines
        }
    )
    return snapshot


def describe_change(key: str, before: str | None, after: str | None, lang: str) -> str:
    from tipref.i18n import t
    from tipref.schemas.enums import Service

    _, _, name = key.partition(":")
    if key.startswith("deadline:"):
        label = t(f"deadline.{name}", lang)
    else:
        label = Service(name).label(lang)
    return f"  {label}: {before or '-'} → {after or '-'}"


class Tour:
    def __init__(self, root: Path, lang: str = "id", actor: str | None = None) -> None:
        self.root = Path(root)
        self.lang = lang
        self.case_number: str | None = None
        self.referral_number: str | None = None
        self.conference_number: str | None = None
        self.papers = self.root.parent / f"{self.root.name}-papers"

    def _refresh(self) -> None:
        book = open_book(self.root, "tour")
        cases = [c for c in book.all(Case) if c.persons[0].name == TOUR_PERSON]
        if not cases:
            return
        case = max(cases, key=lambda c: c.created_at or c.opened_on)
        self.case_number = case.number
        referrals = [r for r in book.all(Referral) if r.case_id == case.id]
        if referrals:
            self.referral_number = max(referrals, key=lambda r: (r.created_at, r.number)).number
        conferences = [c for c in book.all(Conference) if getattr(c, "case_id", "") == case.id]
        if conferences:
            self.conference_number = max(conferences, key=lambda c: c.number).number

    def fill(self, args: tuple[str, ...]) -> list[str]:
        values = {
            "{case}": self.case_number or "",
            "{referral}": self.referral_number or "",
            "{conference}": self.conference_number or "",
            "{papers}/": f"{self.papers}{os.sep}",
            "{attendance}": str(self.attendance_list()),
        }
        return [values.get(arg, arg) for arg in args]

    def attendance_list(self) -> Path:
        """A fictional attendance list for the tour's case conference."""
        path = self.papers / "daftar-hadir.csv"
        if not path.exists():
            self.papers.mkdir(parents=True, exist_ok=True)
            path.write_text(TOUR_ATTENDANCE, encoding="utf-8")
        return path

    def run(
        self,
        run: Callable[[list[str]], int],
        say: Callable[..., None],
        wait: Callable[[], None],
    ) -> bool:
        from tipref.i18n import t

        pick = 0 if self.lang == "id" else 1
        for n, step in enumerate(STEPS, 1):
            say("")
            say(
                f" {t('tour.step', self.lang, n=n, total=len(STEPS), title=step.title[pick])} ",
                "bold reverse",
            )
            say(step.explain[pick])
            before = plan_snapshot(self.root, self.case_number, self.lang)
            for command in step.commands:
                code = run(self.fill(command))
                if code not in step.ok_codes:
                    say(t("tour.failed", self.lang, code=code))
                    return False
                self._refresh()
            after = plan_snapshot(self.root, self.case_number, self.lang)
            changes = [
                describe_change(k, before.get(k), after.get(k), self.lang)
                for k in after
                if before.get(k) != after.get(k)
            ]
            say("")
            if changes:
                say(t("tour.changed", self.lang), "bold")
            else:
                say(t("tour.nothing_changed", self.lang))
            for line in changes:
                say(line)
            if n < len(STEPS):
                wait()
        say("")
        say(t("tour.done", self.lang, case=self.case_number))
        return True
