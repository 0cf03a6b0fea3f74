"""The SOP of integrated services (Permen PPPA 8/2021) as data, in Indonesian and English.

One entry per service of DOMAIN.md §2, in the order a case moves through them. The step
lists follow the public descriptions of the services; the annex of Permen PPPA 8/2021
has its own step lists and forms that were not checked here, so every step list is
marked ``unverified``: a sensible default, not the text of the regulation. The time
limits carry their legal basis; where a figure is a service standard rather than law it
says so and points to the book setting that changes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tipref.schemas.enums import ProviderType, Service

Text = tuple[str, str]  # (Indonesian, English)


@dataclass(frozen=True)
class TimeLimit:
    text: Text
    basis: str
    setting: str | None = None  # the book setting that changes it
    law: bool = True


@dataclass(frozen=True)
class SopService:
    service: Service
    purpose: Text
    steps: tuple[Text, ...]
    provider_types: tuple[ProviderType, ...]
    documents: tuple[Text, ...]
    time_limits: tuple[TimeLimit, ...] = ()
    basis: str = "Permen PPPA 8/2021; PP 9/2008"
    unverified: bool = True
    notes: tuple[Text, ...] = field(default_factory=tuple)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        def pick(text: Text) -> Any:
            if lang is None:
                return {"id": text[0], "en": text[1]}
            return text[0] if lang == "id" else text[1]

        return {
            "service": self.service.value,
            "label": pick((self.service.label("id"), self.service.label("en"))),
            "purpose": pick(self.purpose),
            "steps": [pick(s) for s in self.steps],
            "steps_unverified": self.unverified,
            "provider_types": [
                {"id": p.value, "label": pick((p.label("id"), p.label("en")))}
                for p in self.provider_types
            ],
            "documents": [pick(d) for d in self.documents],
            "time_limits": [
                {"text": pick(t.text), "basis": t.basis, "setting": t.setting, "law": t.law}
                for t in self.time_limits
            ],
            "notes": [pick(n) for n in self.notes],
            "basis": self.basis,
        }


P = ProviderType
RESPONSE_NOTE = TimeLimit(
    (
        "Waktu tanggap rujukan: bawaan yang bisa diubah, bukan hukum",
        "Referral response time: a changeable default, not law",
    ),
    "standar pelayanan yang dipublikasikan / published service standards",
    "response_times",
    law=False,
)

CATALOGUE: tuple[SopService, ...] = (
    SopService(
        Service.identification,
        (
            "Menerima pengaduan dan memastikan apakah seseorang korban TPPO.",
            "Take the complaint and establish whether the person is a victim of trafficking.",
        ),
        (
            (
                "Terima pengaduan (datang langsung, telepon, rujukan, atau penjangkauan)",
                "Receive the complaint (walk-in, phone, referral or outreach)",
            ),
            (
                "Jelaskan hak korban dan minta persetujuan tertulis (informed consent)",
                "Explain the victim's rights and take written informed consent",
            ),
            (
                "Wawancara identifikasi: proses, cara, tujuan (UU 21/2007 Pasal 1 angka 1 dan Pasal 2); untuk anak unsur cara tidak diperlukan (Protokol Palermo Pasal 3(c), diratifikasi UU 14/2009)",
                "Identification interview: process, means, purpose (UU 21/2007 Pasal 1 angka 1 and Pasal 2); for a child the means are not needed (Palermo Protocol art. 3(c), ratified by UU 14/2009)",
            ),
            (
                "Nilai risiko: tinggi (krisis), sedang, rendah",
                "Triage the risk: high (crisis), medium, low",
            ),
            (
                "Tulis kronologi dan catat kebutuhan layanan",
                "Write the chronology and record the services needed",
            ),
            (
                "Laporkan ke kepolisian terdekat dalam 24 jam setelah korban diterima dalam penanganan",
                "Report to the nearest police within 24 hours of taking the victim in under treatment",
            ),
            ("Rujuk ke layanan berikutnya", "Refer to the next services"),
        ),
        (P.uptd_ppa, P.police, P.ngo, P.disnaker, P.bp3mi, P.mission_abroad),
        (
            ("Formulir pengaduan", "Complaint form"),
            ("Lembar identifikasi korban", "Victim identification sheet"),
            ("Pernyataan persetujuan (informed consent)", "Informed-consent statement"),
            ("Kronologi", "Chronology"),
            ("Laporan ke kepolisian", "Police report"),
        ),
        (
            TimeLimit(
                (
                    "Lapor ke polisi dalam 24 jam setelah korban diterima",
                    "Report to police within 24 hours of intake",
                ),
                "PP 9/2008",
                "deadlines.police_report_hours",
            ),
            TimeLimit(
                (
                    "Krisis dilayani dalam ±2 jam, risiko sedang ±6 jam",
                    "Crisis served within about 2 hours, medium risk about 6 hours",
                ),
                "standar pelayanan UPTD PPA / UPTD PPA service standards",
                "response_times",
                law=False,
            ),
        ),
        basis="Permen PPPA 8/2021; UU 21/2007 Pasal 1 angka 1, Pasal 2; PP 9/2008",
    ),
    SopService(
        Service.health,
        (
            "Memulihkan kesehatan fisik dan psikis korban.",
            "Restore the victim's physical and mental health.",
        ),
        (
            ("Terima rujukan dan surat pengantar", "Receive the referral and its letter"),
            ("Triase dan pemeriksaan", "Triage and examination"),
            ("Minta persetujuan untuk setiap tindakan", "Ask consent for each action"),
            ("Perawatan medis dan psikososial", "Medical and psychosocial care"),
            (
                "Visum et repertum hanya atas permintaan penyidik",
                "Visum et repertum only at the investigator's request",
            ),
            ("Rekam medis ditandai rahasia", "Mark the medical record confidential"),
            ("Kirim lembar balasan rujukan", "Send the referral reply sheet"),
        ),
        (P.puskesmas, P.hospital, P.health_service),
        (
            ("Surat rujukan", "Referral letter"),
            ("Rekam medis (rahasia)", "Medical record (confidential)"),
            (
                "Visum et repertum (atas permintaan penyidik)",
                "Visum et repertum (at the investigator's request)",
            ),
            ("Lembar balasan rujukan", "Referral reply sheet"),
        ),
        (
            TimeLimit(
                (
                    "Pertolongan pertama dalam 7 hari setelah permohonan, bagi korban yang "
                    "memerlukan pertolongan segera",
                    "First aid (pertolongan pertama) within 7 days of the request, for a victim "
                    "who needs urgent help",
                ),
                "UU 21/2007 Pasal 53",
                "deadlines.first_aid_days",
            ),
            RESPONSE_NOTE,
        ),
        basis="Permen PPPA 8/2021; UU 21/2007 Pasal 51, 53; PP 9/2008",
    ),
    SopService(
        Service.social,
        (
            "Memulihkan kondisi sosial dan psikologis korban.",
            "Restore the victim's social and psychological wellbeing.",
        ),
        (
            ("Asesmen kebutuhan", "Needs assessment"),
            ("Konseling dan dukungan psikologis", "Counselling and psychological support"),
            ("Rumah aman bila perlu", "Shelter where needed"),
            (
                "Konferensi kasus dengan lembaga terkait",
                "Case conference with the services involved",
            ),
            ("Kirim lembar balasan rujukan", "Send the referral reply sheet"),
        ),
        (P.dinas_sosial, P.shelter, P.uptd_ppa, P.ngo),
        (
            ("Hasil asesmen", "Assessment report"),
            ("Catatan konseling", "Counselling notes"),
            ("Notulen konferensi kasus", "Case-conference minutes"),
        ),
        (RESPONSE_NOTE,),
    ),
    SopService(
        Service.legal,
        (
            "Mendampingi korban dalam proses hukum dan menuntut restitusi.",
            "Accompany the victim through the legal process and claim restitution.",
        ),
        (
            (
                "Pendampingan saat pemeriksaan polisi",
                "Accompany the victim at the police examination",
            ),
            (
                "Minta salinan BAP untuk korban",
                "Ask for a copy of the examination record (BAP) for the victim",
            ),
            (
                "Permohonan perlindungan dan perhitungan restitusi ke LPSK",
                "Ask LPSK for protection and the restitution calculation",
            ),
            (
                "Ajukan restitusi melalui penuntut umum",
                "File the restitution claim with the prosecutor",
            ),
            (
                "Pantau putusan dan pembayaran restitusi",
                "Follow the judgment and the payment of restitution",
            ),
        ),
        (P.legal_aid, P.paralegal, P.police, P.prosecutor, P.lpsk),
        (
            ("Surat kuasa", "Power of attorney"),
            ("Salinan BAP", "Copy of the examination record (BAP)"),
            ("Permohonan restitusi", "Restitution claim"),
        ),
        (
            TimeLimit(
                (
                    "Restitusi dibayar dalam 14 hari setelah pemberitahuan putusan pengadilan "
                    "tingkat pertama",
                    "Restitution paid within 14 days of notice of the first-instance judgment",
                ),
                "UU 21/2007 Pasal 48 ayat (6)",
                "deadlines.restitution_days",
            ),
            RESPONSE_NOTE,
        ),
        basis="Permen PPPA 8/2021; UU 21/2007 Pasal 48; PP 9/2008",
    ),
    SopService(
        Service.repatriation,
        (
            "Memulangkan korban dengan sukarela dan aman.",
            "Bring the victim home, voluntarily and safely.",
        ),
        (
            (
                "Perlindungan dan pendataan oleh Perwakilan RI (KBRI/KJRI) bila di luar negeri",
                "Protection and registration by the Indonesian mission (KBRI/KJRI) when abroad",
            ),
            (
                "Koordinasi dengan Kemensos, KP2MI (kantor BP3MI), Dinas Sosial provinsi dan kabupaten",
                "Coordinate with Kemensos, KP2MI (its BP3MI offices), the provincial and district social offices",
            ),
            ("Penjemputan oleh daerah asal", "The home district fetches the victim"),
            ("Serah terima dengan berita acara", "Handover with a handover record"),
            ("Pernyataan penerimaan keluarga", "Family-acceptance statement"),
        ),
        (P.mission_abroad, P.bp3mi, P.dinas_sosial, P.central_government),
        (
            ("Berita acara serah terima", "Handover record (berita acara serah terima)"),
            ("Pernyataan penerimaan keluarga", "Family-acceptance statement"),
            ("Dokumen perjalanan (SPLP)", "Travel document (SPLP)"),
        ),
        (RESPONSE_NOTE,),
        basis="Permen PPPA 8/2021; PP 9/2008",
    ),
    SopService(
        Service.reintegration,
        (
            "Menyatukan kembali korban dengan keluarga dan masyarakat.",
            "Bring the victim back into family and community life.",
        ),
        (
            (
                "Rencana reintegrasi bersama korban dan keluarga",
                "Reintegration plan with the victim and family",
            ),
            (
                "Dukungan ekonomi: pelatihan, modal usaha, kerja",
                "Economic support: training, start-up help, work",
            ),
            ("Kembali sekolah bagi anak", "Return to school for a child"),
            (
                "Dokumen kependudukan (KTP, KK, akta lahir)",
                "Identity papers (KTP, KK, birth certificate)",
            ),
            (
                "Pemantauan sekurang-kurangnya 3 bulan setelah pulang",
                "Monitoring for at least 3 months after return",
            ),
        ),
        (P.dinas_sosial, P.disnaker, P.education_office, P.dukcapil, P.village, P.ngo),
        (
            ("Rencana reintegrasi", "Reintegration plan"),
            ("Laporan pemantauan", "Monitoring reports"),
        ),
        (
            TimeLimit(
                (
                    "Pemantauan sekurang-kurangnya 3 bulan setelah pulang",
                    "Monitoring for at least 3 months after return",
                ),
                "bawaan setempat, bukan hukum nasional / a local default, not national law",
                "deadlines.monitoring_months",
                law=False,
            ),
            RESPONSE_NOTE,
        ),
    ),
    SopService(
        Service.coordination,
        (
            "Mengoordinasikan layanan, mengevaluasi, dan melaporkan. Bukan layanan tujuan "
            "rujukan seseorang: dilakukan lewat rapat koordinasi kasus ('tipref conference') "
            "dan rapat Gugus Tugas.",
            "Coordinate the services, evaluate and report. Not a service a person is referred "
            "to: it is done through case conferences ('tipref conference') and task-force "
            "meetings.",
        ),
        (
            (
                "Rapat koordinasi kasus: undangan, notulen dengan daftar hadir dan keputusan",
                "Case conferences: invitation, minutes with attendance and decisions",
            ),
            ("Pemantauan terus-menerus", "Continuous monitoring"),
            ("Evaluasi oleh PPT setiap 6 bulan", "The PPT evaluates every 6 months"),
            (
                "Laporan PPT kepada kepala daerah dengan tembusan ke Gugus Tugas",
                "The PPT reports to the head of region with a copy to the task force",
            ),
            (
                "Dokumen komitmen bersama pada rapat koordinasi",
                "Joint commitment document at coordination meetings",
            ),
        ),
        (P.task_force, P.dinas_pppa, P.uptd_ppa),
        (
            ("Surat undangan rapat koordinasi kasus", "Case-conference invitation letter"),
            ("Notulen rapat koordinasi kasus", "Case-conference minutes"),
            ("Laporan evaluasi 6 bulanan PPT", "The PPT's 6-monthly evaluation report"),
            ("Dokumen komitmen bersama", "Joint commitment document"),
        ),
        (
            TimeLimit(
                ("Evaluasi PPT setiap 6 bulan", "The PPT's evaluation every 6 months"),
                "PP 9/2008",
                "deadlines.evaluation_months",
            ),
        ),
        basis="Permen PPPA 8/2021; UU 21/2007 Pasal 58; PP 9/2008",
    ),
)

BY_SERVICE: dict[Service, SopService] = {entry.service: entry for entry in CATALOGUE}
ORDER: tuple[Service, ...] = tuple(entry.service for entry in CATALOGUE)


def sop_entry(service: Service) -> SopService:
    return BY_SERVICE[service]


def catalogue_json(service: Service | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    entries = [BY_SERVICE[service]] if service else list(CATALOGUE)
    return [entry.to_json(lang) for entry in entries]


def text(pair: Text, lang: str) -> str:
    return pair[0] if lang == "id" else pair[1]
