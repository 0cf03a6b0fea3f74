"""The tour's steps: what each explains and the commands a trainer would type.

Placeholders in the commands are filled in by :class:`tipref.guidance.tour.Tour` when run.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipref.i18n import N_

Text = str  # English, marked with N_(); translated when the tour runs


@dataclass(frozen=True)
class TourStep:
    title: Text
    explain: Text
    # {case}, {referral}, {conference}, {handover}, {slip}, {papers} (where the papers go), {attendance}
    # (an attendance list the tour writes) are filled in when run
    commands: tuple[tuple[str, ...], ...]
    ok_codes: tuple[int, ...] = (0,)


TOUR_PERSON = "Sisilia Taek (fiktif)"
# not a command: the provider fills in the reply slip (the tour types it in for them)
FILL_SLIP = "@fill-slip"
TOUR_ATTENDANCE = (
    "Nama,Instansi,Jabatan\n"
    "Yohana Kefi (fiktif),UPTD PPA,Kepala\n"
    "dr. Maria Bria (fiktif),RSUD,Dokter\n"
    "Yosef Taek (fiktif),Dinas Sosial,Pekerja sosial\n"
    "Agustinus Nino (fiktif),Posbakum,Paralegal\n"
)

STEPS: tuple[TourStep, ...] = (
    TourStep(
        N_("Complaint / identification"),
        N_(
            "A woman comes to the UPTD PPA. Open a case, record when she was taken in under treatment (police report due within 24 hours, PP 9/2008), the identification decision with its elements (process, means, purpose) and its form, and her consent, read to her from the printed consent form."
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
            ("case", "event", "{case}", "--intake", "now"),
            ("case", "police-report", "{case}", "--out", "{papers}/", "--force"),
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
        N_("Health rehabilitation"),
        N_(
            "She needs urgent care. Record the need and the request for first aid (7 days, UU 21/2007 Pasal 53), refer her to the RSUD with a referral letter, then read back the reply slip the hospital filled in."
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
            ("letter", "new", "{referral}", "--out", "{papers}/", "--force"),
            (FILL_SLIP, "{referral}"),
            ("referral", "reply", "{slip}"),
            ("case", "event", "{case}", "--first-aid-given", "today"),
        ),
    ),
    TourStep(
        N_("Social rehabilitation"),
        N_("Assessment and counselling by the social affairs office."),
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
        N_("Legal aid"),
        N_("A legal companion for the police examination and the restitution claim."),
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
            (
                "case",
                "event",
                "{case}",
                "--police-report-number",
                "LP/B/77/SPKT/POLRES TTU (fiktif)",
                "--bap",
                "today",
                "--bap-companion",
                "Paralegal Posbakum (fiktif)",
            ),
            ("referral", "list", "--case", "{case}"),
        ),
    ),
    TourStep(
        N_("Repatriation"),
        N_(
            "She wants to go home to her village; BP3MI and the social office arrange the return with a handover record."
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
            ("handover", "new", "{case}", "--by", "bp3mi", "--to", "dinsos", "--out", "{papers}/"),
            (
                "handover",
                "new",
                "{case}",
                "--by",
                "dinsos",
                "--to",
                "family",
                "--family-name",
                "Markus Taek (fiktif)",
                "--relation",
                "Ayah kandung",
                "--out",
                "{papers}/",
            ),
            ("handover", "acceptance", "{handover}", "--out", "{papers}/", "--force"),
            ("handover", "list", "--case", "{case}"),
            (
                "referral",
                "update",
                "{referral}",
                "--status",
                "completed",
                "--note",
                "Serah terima dengan keluarga.",
            ),
        ),
    ),
    TourStep(
        N_("Social reintegration"),
        N_(
            "Job training through the manpower office; monitoring for at least 3 months after return."
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
        N_("Case conference"),
        N_(
            "Coordination is not a referral: the institutions meet in a case conference. Record it, write the invitation, then record the attendance, the discussion and the decisions; a decision can mark a need or start a referral."
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
        N_("Coordination, evaluation and reporting"),
        N_(
            "The PPT evaluates every 6 months and reports to the Bupati with a copy to the task force (PP 9/2008). 'tipref due' shows what is late across all cases; exit status 3 means something is overdue."
        ),
        (
            (
                "case",
                "event",
                "{case}",
                "--simfoni-entered",
                "today",
                "--simfoni-number",
                "5303-TOUR (fiktif)",
            ),
            ("due", "--within", "30"),
            ("sop", "--service", "coordination"),
        ),
        ok_codes=(0, 3),
    ),
)
