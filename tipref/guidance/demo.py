"""A fictional but realistic case book for Timor Tengah Utara, for training and trying tipref.

Every person is made up and marked "(fiktif)"; the organisation's name carries the
training mark, so every letter and document made from this book says "MATERI PELATIHAN /
TRAINING MATERIAL". Dates are relative to today (``TIPREF_NOW`` fixes them), so the
deadlines and late referrals stay live whenever a trainer builds the book.

Records go through the same core functions as the commands (cases, referrals, plan), so
the demo book is exactly what staff would have typed in.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import BOOK_FILE, Book, load_settings
from tipref.errors import TiprefError
from tipref.i18n import register_messages
from tipref.schemas.case import Case
from tipref.schemas.consent import Consent
from tipref.schemas.enums import ReferralStatus, Service
from tipref.schemas.settings import BookSettings

TRAINING_MARK = "MATERI PELATIHAN / TRAINING MATERIAL"
# The letterhead's lines above the unit (kop surat, DOMAIN.md §5)
DEMO_HIERARCHY = [
    "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
    "DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK",
]
DEMO_ACTOR = "Pelatih (fiktif)"
DEFAULT_PATH = "tipref-demo"

register_messages(
    {
        "demo.exists": {
            "id": "Sudah ada buku kasus di {path}. Pakai --force untuk menimpanya (hanya buku demo yang bisa ditimpa).",
            "en": "There is already a case book at {path}. Use --force to replace it (only a demo book can be replaced).",
        },
        "demo.not_demo": {
            "id": "{path} adalah buku kasus sungguhan, bukan buku demo; tidak ditimpa.",
            "en": "{path} is a real case book, not a demo book; it is not replaced.",
        },
        "demo.not_empty": {
            "id": "Folder {path} tidak kosong; pilih folder lain.",
            "en": "The folder {path} is not empty; choose another folder.",
        },
    }
)


@dataclass
class DemoSummary:
    root: Path
    providers: int = 0
    cases: list[str] = field(default_factory=list)
    referrals: int = 0
    documents: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tour_case: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.root),
            "providers": self.providers,
            "cases": self.cases,
            "referrals": self.referrals,
            "documents": self.documents,
            "notes": self.notes,
        }


# -- the clock, moved while records are written -----------------------------------------
@contextlib.contextmanager
def clock_at(moment: datetime):
    """Record what happened at ``moment``: transitions and history carry that time."""
    before = os.environ.get("TIPREF_NOW")
    os.environ["TIPREF_NOW"] = moment.isoformat()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TIPREF_NOW", None)
        else:
            os.environ["TIPREF_NOW"] = before


def demo_settings() -> BookSettings:
    return BookSettings.model_validate(
        {
            "organisation": {
                "name": "UPTD PPA Kabupaten Timor Tengah Utara (fiktif)",
                "mark": TRAINING_MARK,
                "hierarchy": DEMO_HIERARCHY,
                "code": "TTU",
                "district": "Timor Tengah Utara",
                "region_code": "53.03",
                "city": "Kefamenanu",
                "address": "Jl. Contoh No. 1, Kefamenanu (fiktif)",
                "postal_code": "85613",
                "phone": "0388-000000",
                "email": "demo@contoh.invalid",
                "website": "uptdppa.contoh.invalid",
            },
            "letters": {
                "contact_name": "Elisabeth Oki (fiktif)",
                "contact_phone": "0812-0000-0000",
            },
            "signer": {
                "name": "Yohana Kefi, S.Sos (fiktif)",
                "position": "Kepala UPTD PPA",
                "nip": "197501012000032001",
            },
            "language": "id",
            "task_force": {
                "name": "Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan Orang "
                "Kabupaten Timor Tengah Utara",
                "chair_name": "Drs. Aloysius Kobes (fiktif)",
                "chair_position": "Ketua Gugus Tugas PP TPPO Kabupaten Timor Tengah Utara",
                "secretary_name": "Maria Tefa, S.H. (fiktif)",
                "address": "Jl. Contoh No. 2, Kefamenanu (fiktif)",
                "head_of_region": "Bupati Timor Tengah Utara",
                "head_of_region_city": "Kefamenanu",
            },
        }
    )


def is_demo_book(root: Path) -> bool:
    try:
        organisation = load_settings(root).organisation
        return TRAINING_MARK in organisation.mark or TRAINING_MARK in organisation.name
    except TiprefError:
        return False


def prepare_folder(root: Path, force: bool) -> None:
    if (root / BOOK_FILE).exists():
        if not force:
            raise TiprefError("demo.exists", path=str(root))
        if not is_demo_book(root):
            raise TiprefError("demo.not_demo", path=str(root))
        shutil.rmtree(root)
    elif root.exists() and any(root.iterdir()):
        raise TiprefError("demo.not_empty", path=str(root))


def build_demo(root: Path, force: bool = False, actor: str = DEMO_ACTOR) -> DemoSummary:
    root = Path(root)
    prepare_folder(root, force)
    book = Book.create(root, demo_settings(), actor)
    summary = DemoSummary(book.root)
    today = clock.today()
    with clock_at(_moment(today - timedelta(days=200), 8)):
        summary.providers = add_network(book)
    add_cases(book, today, summary)
    summary.documents = add_documents(book, summary)
    return summary


def add_network(book: Book) -> int:
    from tipref.book.providers import add_provider
    from tipref.guidance.seed import example_network

    org = book.settings.organisation
    network = example_network(org.district, org.city)
    extra = [
        {
            "code": "rumah-aman",
            "name": "Rumah Aman Kefamenanu (fiktif)",
            "type": "shelter",
            "services": ["social"],
            "contact_position": "Koordinator",
        },
        {
            "code": "lsm-peduli",
            "name": "LSM Peduli Migran Timor (fiktif)",
            "type": "NGO",
            "services": ["identification", "social", "reintegration"],
            "contact_position": "Direktur",
        },
        {
            "code": "dinas-pendidikan",
            "name": "Dinas Pendidikan Timor Tengah Utara",
            "type": "dinas-pendidikan",
            "services": ["reintegration"],
            "contact_position": "Kepala Dinas Pendidikan",
        },
    ]
    for fields in network + extra:
        fields = {
            "city": org.city,
            **fields,
            "district": fields.get("district") or "Timor Tengah Utara",
            "phone": fields.get("phone") or "0388-000000",
            "notes": TRAINING_MARK,
        }
        add_provider(book, fields)
    return len(network) + len(extra)


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    from tipref.guidance.deadlines import book_zone

    return datetime.combine(day, time(hour, minute), tzinfo=book_zone(demo_settings()))


def nik_for(birth: date, female: bool, serial: int, region: str = "530302") -> str:
    """A NIK of the right shape for a made-up person (TTU region code, birth date, sex)."""
    return f"{region}{birth.day + (40 if female else 0):02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def _person(
    name: str,
    sex: str,
    birth: date,
    serial: int,
    village: str,
    opened: date,
    role: str = "victim",
    guardian: str | None = None,
    phone: str | None = None,
    shares_identity: bool = True,
) -> dict[str, Any]:
    """A made-up person; ``shares_identity=False``: consent to services only, so letters
    about them carry initials, sex and age (minimum disclosure, DOMAIN.md §9)."""
    consents = [
        Consent(scope="services", given_on=opened, recorded_by=DEMO_ACTOR, guardian=guardian)
    ]
    if shares_identity:
        consents.append(
            Consent(
                scope="share-identity",
                whole_network=True,
                given_on=opened,
                recorded_by=DEMO_ACTOR,
                guardian=guardian,
                note="Persetujuan tertulis (fiktif)",
            )
        )
    data = {
        "name": f"{name} (fiktif)",
        "role": role,
        "sex": sex,
        "birth_date": birth.isoformat(),
        "nik": nik_for(birth, sex == "female", serial),
        "address": {
            "village": village,
            "subdistrict": "Kota Kefamenanu",
            "district": "Timor Tengah Utara",
            "province": "Nusa Tenggara Timur",
            "region_code": "53.03",
        },
        "consents": [c.model_dump(mode="json") for c in consents],
    }
    if phone:
        data["phone"] = phone
    return data


class _Builder:
    def __init__(self, book: Book, today: date, summary: DemoSummary) -> None:
        self.book, self.today, self.summary = book, today, summary

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def at(self, days_ago: int, hour: int = 9, minute: int = 0) -> datetime:
        moment = _moment(self.day(days_ago), hour, minute)
        # never later than now: a step 'today' at 09:00 when it is 07:00 would be in the future
        return min(moment, clock.now())

    def case(self, days_ago: int, person: dict, facts: dict[str, Any], chronology: str) -> Case:
        from tipref.book.cases import open_case

        with clock_at(self.at(days_ago, 8)):
            case = open_case(
                self.book,
                person,
                {**facts, "opened_on": self.day(days_ago).isoformat()},
                chronology,
                self.day(days_ago),
            )
        self.summary.cases.append(case.number)
        return case

    def refer(
        self,
        case: Case,
        service: str,
        to: str,
        days_ago: int,
        *steps: tuple[str, int, str | None],
        person: str | None = None,
        reason: str = "",
        incoming: bool = False,
    ) -> str:
        from tipref.book.referrals import change_status, new_referral
        from tipref.schemas.enums import Direction

        fields = {
            "referred_on": self.day(days_ago).isoformat(),
            "reason": reason or _REASONS[service],
            "situation": "Kondisi stabil, didampingi pendamping (fiktif).",
            "attachments": ["Kronologi", "Salinan identitas"],
        }
        with clock_at(self.at(days_ago, 10)):
            referral, _ = new_referral(
                self.book,
                case.id,
                Service(service),
                to,
                person,
                Direction.incoming if incoming else Direction.outgoing,
                fields,
            )
        for status, ago, why in steps:
            with clock_at(self.at(ago, 14)):
                change_status(
                    self.book,
                    referral.id,
                    ReferralStatus(status),
                    note=why if status != "declined" else None,
                    reason=why if status == "declined" else None,
                )
        self.summary.referrals += 1
        return referral.number

    def events(self, case: Case, days_ago: int = 0, **events: Any) -> None:
        from tipref.guidance.plan import set_events

        evaluated = events.pop("evaluated_on", None)
        set_events(self.book, case.id, events, evaluated)

    def need(self, case: Case, service: str, needed: bool, person: str | None = None) -> None:
        from tipref.guidance.plan import set_need
        from tipref.schemas.case import ServiceNeed

        set_need(
            self.book,
            case.id,
            Service(service),
            ServiceNeed.needed if needed else ServiceNeed.not_needed,
            person,
        )


_REASONS = {
    "identification": "Identifikasi dan pendataan korban.",
    "health": "Pemeriksaan kesehatan dan pemulihan psikososial.",
    "social": "Asesmen, konseling dan rumah aman.",
    "legal": "Pendampingan hukum dan permohonan restitusi.",
    "repatriation": "Pemulangan ke daerah asal.",
    "reintegration": "Pelatihan kerja dan dokumen kependudukan.",
    "coordination": "Konferensi kasus.",
}


def add_cases(book: Book, today: date, summary: DemoSummary) -> None:
    """Cases at every stage of the SOP."""
    b = _Builder(book, today, summary)
    year = today.year

    # 1. New intake today: identified, police report still to make (due within 24 hours).
    c1 = b.case(
        0,
        _person("Maria Tefa", "female", date(year - 23, 4, 12), 1, "Maubesi", b.day(0)),
        {
            "risk": "high",
            "trafficking": {
                "status": "PossibleVictimOfTrafficking",
                "exploitation": ["ForcedLabour"],
                "recruitment": ["ThroughFriendsOrSocialEvents"],
                "exploitation_place": {"place": "Kuching", "country": "MY"},
            },
        },
        "Pulang sendiri lewat Entikong; melapor ke UPTD PPA (fiktif).",
    )
    b.events(c1, 0, intake_at=b.at(0, 8, 30))
    b.need(c1, "health", True)

    # 2. Referred, pending for three days: the hospital has not answered (late).
    c2 = b.case(
        6,
        _person(
            "Yosefina Bani",
            "female",
            date(year - 27, 9, 3),
            2,
            "Oelolok",
            b.day(6),
            shares_identity=False,  # her letter shows initials only
        ),
        {
            "risk": "medium",
            "trafficking": {
                "status": "ActualVictimOfTrafficking",
                "exploitation": ["Servitude"],
                "means_of_control": ["DebtBondage"],
                "exploitation_place": {"place": "Surabaya", "country": "ID"},
            },
        },
        "Bekerja sebagai PRT tanpa upah selama 2 tahun (fiktif).",
    )
    b.events(
        c2, 6, intake_at=b.at(6, 9), police_reported_at=b.at(5, 11), first_aid_requested_on=b.day(3)
    )
    b.refer(c2, "health", "rsud", 3)

    # 3. Accepted: social and legal services under way; a witness in the same case.
    c3 = b.case(
        20,
        _person("Agustinus Kase", "male", date(year - 31, 1, 20), 3, "Naekake", b.day(20)),
        {
            "risk": "medium",
            "trafficking": {
                "status": "ActualVictimOfTrafficking",
                "exploitation": ["ForcedLabour"],
                "means_of_control": ["WithholdsDocuments", "TakesEarnings"],
                "exploitation_place": {"place": "Sabah", "country": "MY"},
            },
        },
        "Bekerja di kebun sawit, paspor ditahan majikan (fiktif).",
    )
    from tipref.book.cases import add_person

    with clock_at(b.at(19, 9)):
        add_person(
            book,
            c3.id,
            _person(
                "Petrus Nule",
                "male",
                date(year - 35, 6, 2),
                4,
                "Naekake",
                b.day(19),
                role="witness",
                shares_identity=False,
            ),
        )
    b.events(c3, 20, intake_at=b.at(20, 10), police_reported_at=b.at(20, 15))
    b.refer(c3, "social", "dinsos", 18, ("accepted", 17, "Asesmen dijadwalkan."))
    b.refer(c3, "legal", "posbakum", 15, ("accepted", 14, "Pendamping hukum ditunjuk."))
    b.need(c3, "legal", True, person="2")
    # the witness asks LPSK for protection: a witness's letter, initials only
    b.refer(c3, "legal", "lpsk", 14, person="2", reason="Permohonan perlindungan saksi.")

    # 4. Declined: the shelter was full; to be referred again.
    c4 = b.case(
        12,
        _person("Fransiska Oki", "female", date(year - 20, 11, 30), 5, "Bikomi", b.day(12)),
        {
            "risk": "high",
            "trafficking": {
                "status": "PossibleVictimOfTrafficking",
                "exploitation": ["SexualExploitation"],
            },
        },
        "Dijanjikan kerja di restoran, dipaksa melayani tamu (fiktif).",
    )
    b.events(c4, 12, intake_at=b.at(12, 13), police_reported_at=b.at(12, 17))
    b.refer(c4, "social", "rumah-aman", 10, ("declined", 9, "Rumah aman penuh."))
    b.need(c4, "social", True)

    # 5. Services completed; judgment notified, restitution due in a few days; back home.
    c5 = b.case(
        150,
        _person("Marselina Abi", "female", date(year - 25, 2, 14), 6, "Sasi", b.day(150)),
        {
            "risk": "low",
            "trafficking": {
                "status": "ActualVictimOfTrafficking",
                "exploitation": ["ForcedLabour"],
                "exploitation_place": {"place": "Batam", "country": "ID"},
            },
        },
        "Direkrut tetangga untuk kerja pabrik (fiktif).",
    )
    b.events(
        c5,
        150,
        intake_at=b.at(150, 9),
        police_reported_at=b.at(150, 13),
        first_aid_requested_on=b.day(150),
        first_aid_given_on=b.day(149),
    )
    b.refer(
        c5,
        "health",
        "puskesmas",
        149,
        ("accepted", 149, None),
        ("completed", 140, "Pemeriksaan selesai."),
    )
    b.refer(
        c5,
        "social",
        "dinsos",
        148,
        ("accepted", 147, None),
        ("completed", 100, "Konseling selesai."),
    )
    b.refer(
        c5,
        "legal",
        "posbakum",
        140,
        ("accepted", 139, None),
        ("completed", 12, "Putusan pengadilan tingkat pertama dibacakan."),
    )
    b.refer(c5, "reintegration", "disnaker", 60, ("accepted", 58, "Pelatihan menjahit."))
    b.events(c5, 10, returned_on=b.day(60), judgment_notified_on=b.day(10))

    # 6. Closed after reintegration and monitoring.
    c6 = b.case(
        260,
        _person("Yohanes Sanam", "male", date(year - 29, 8, 8), 7, "Noemuti", b.day(260)),
        {
            "risk": "low",
            "trafficking": {
                "status": "ActualVictimOfTrafficking",
                "exploitation": ["ForcedLabour"],
                "exploitation_place": {"place": "Johor Bahru", "country": "MY"},
            },
        },
        "Dideportasi dari Malaysia, dijemput di Kupang (fiktif).",
    )
    b.events(
        c6, 255, intake_at=b.at(255, 9), police_reported_at=b.at(255, 14), returned_on=b.day(250)
    )
    b.refer(c6, "health", "rsud", 254, ("accepted", 254, None), ("completed", 250, None))
    b.refer(
        c6,
        "reintegration",
        "dukcapil",
        240,
        ("accepted", 238, None),
        ("completed", 200, "KTP dan KK diterbitkan."),
    )
    b.events(c6, 80, evaluated_on=b.day(80))
    from tipref.book.cases import close_case

    with clock_at(b.at(30, 11)):
        close_case(book, c6.id, "Layanan selesai, pemantauan 3 bulan selesai (fiktif).")

    # 7. A child victim: guardian's consent, first aid requested, health referral accepted.
    c7 = b.case(
        4,
        _person(
            "Ana Kolo",
            "female",
            date(year - 15, 5, 21),
            8,
            "Eban",
            b.day(4),
            guardian="Bapak Kolo (ayah, fiktif)",
        ),
        {
            "risk": "high",
            "trafficking": {
                "status": "ActualVictimOfTrafficking",
                "exploitation": ["SexualExploitation"],
                "recruitment": ["ThroughOnlineSocialNetworks"],
            },
        },
        "Direkrut lewat media sosial, ditemukan di Kupang (fiktif).",
    )
    b.events(
        c7,
        4,
        intake_at=b.at(4, 9),
        police_reported_at=b.at(3, 9),
        first_aid_requested_on=b.day(4),
        first_aid_given_on=b.day(4),
    )
    b.refer(c7, "health", "rs-bhayangkara", 4, ("accepted", 4, "Diterima di IGD."))
    b.refer(c7, "social", "rumah-aman", 3, ("accepted", 3, None))
    b.need(c7, "legal", True)
    b.need(c7, "reintegration", True)

    # 8. A victim abroad: KBRI identified her, BP3MI arranges the return.
    c8 = b.case(
        30,
        _person("Veronika Lake", "female", date(year - 22, 12, 1), 9, "Maubesi", b.day(30)),
        {
            "risk": "high",
            "trafficking": {
                "status": "ActualVictimOfTrafficking",
                "exploitation": ["ForcedLabour"],
                "means_of_control": ["WithholdsDocuments", "PhysicalAbuse"],
                "exploitation_place": {"place": "Kuala Lumpur", "country": "MY"},
            },
        },
        "Melarikan diri dari majikan, berlindung di KBRI Kuala Lumpur (fiktif).",
    )
    b.refer(
        c8,
        "identification",
        "kbri-kl",
        30,
        ("accepted", 30, None),
        ("completed", 28, "Identifikasi di KBRI."),
        incoming=True,
    )
    b.refer(
        c8,
        "repatriation",
        "bp3mi",
        27,
        ("accepted", 25, "SPLP diterbitkan; jadwal pulang via Kupang."),
    )
    b.need(c8, "health", True)
    b.need(c8, "reintegration", True)


def add_documents(book: Book, summary: DemoSummary) -> list[str]:
    """Letters and the commitment document of the coordination meeting (Kefamenanu, 25 January 2022).

    Uses the letters and commitments modules when they are installed; otherwise the
    demo builds without them and says so.
    """
    made: list[str] = []
    (book.root / DOCUMENT_FOLDER).mkdir(exist_ok=True)
    try:
        from tipref.documents import commitments  # noqa: F401
    except ImportError:
        summary.notes.append("commitments module not available: no commitment document in the demo")
    else:
        made.extend(_add_commitment(book))
    try:
        from tipref.documents import letters  # noqa: F401
    except ImportError:
        summary.notes.append("letters module not available: no letters in the demo")
    else:
        made.extend(_add_letters(book, summary))
    return made


# The seed event: Kefamenanu, 25 January 2022. Cite nothing younger than that day.
COMMITMENT_POINTS = [
    "Melaksanakan pelayanan terpadu bagi saksi dan/atau korban TPPO sesuai Permen PPPA 8/2021.",
    "Menerima dan menindaklanjuti rujukan dalam waktu yang disepakati, dan mengirim lembar balasan rujukan.",
    "Menjaga kerahasiaan identitas korban dan saksi sesuai UU 21/2007 Pasal 44.",
    "Mendukung UPTD PPA menyusun laporan evaluasi enam bulanan pelayanan terpadu kepada Bupati, "
    "dengan tembusan kepada Gugus Tugas PP TPPO.",
    "Mengalokasikan sumber daya untuk pemulangan dan reintegrasi korban.",
]
COMMITMENT_POINTS_EN = [
    "Provide integrated services to witnesses and victims of trafficking as set out in Permen PPPA 8/2021.",
    "Receive and act on referrals within the agreed time, and send back the referral reply slip.",
    "Keep the identity of victims and witnesses confidential, as UU 21/2007 Pasal 44 requires.",
    "Support the UPTD PPA in preparing the six-monthly evaluation report of the integrated service "
    "to the Bupati, with a copy to the task force.",
    "Allocate resources for the repatriation and reintegration of victims.",
]
COMMITMENT_RECITALS = [
    "Kabupaten Timor Tengah Utara merupakan daerah asal pekerja migran yang rentan menjadi korban TPPO",
    "penanganan korban memerlukan jejaring rujukan yang cepat, gratis dan rahasia sebagaimana "
    "diatur dalam PP 9/2008",
]
COMMITMENT_RECITALS_EN = [
    "Timor Tengah Utara is a home district of migrant workers who are at risk of being trafficked",
    "helping victims needs a referral network that is fast, free and confidential, as PP 9/2008 provides",
]
_INSTITUTIONS = [
    ("Dinas PPPA Kab. TTU", "Kepala Dinas"),
    ("UPTD PPA Kab. TTU", "Kepala UPTD"),
    ("Polres TTU", "Kasat Reskrim"),
    ("Kejaksaan Negeri TTU", "Kasi Pidum"),
    ("RSUD Kefamenanu", "Direktur"),
    ("Dinas Sosial Kab. TTU", "Kepala Dinas"),
    ("Disnaker Kab. TTU", "Kepala Dinas"),
    ("Dukcapil Kab. TTU", "Kepala Dinas"),
    ("BP3MI NTT", "Kepala Pos"),
    ("Posbakum Kefamenanu", "Koordinator"),
    ("LSM Peduli Migran Timor", "Direktur"),
    ("Paralegal Desa Maubesi", "Paralegal"),
    ("Radio Suara Timor", "Jurnalis"),
    ("Kecamatan Kota Kefamenanu", "Camat"),
]
_GIVEN = [
    "Yakobus",
    "Maria",
    "Antonius",
    "Elisabeth",
    "Kornelis",
    "Theresia",
    "Dominggus",
    "Agnes",
    "Fransiskus",
    "Katarina",
    "Stefanus",
    "Margareta",
    "Paulus",
    "Regina",
    "Aloysius",
]
_FAMILY = [
    "Taolin",
    "Bana",
    "Kefi",
    "Sanam",
    "Oki",
    "Tefa",
    "Kolo",
    "Abi",
    "Nule",
    "Lake",
    "Bani",
    "Kase",
]


def commitment_signatories(count: int = 29) -> list[dict[str, str]]:
    rows = []
    for i in range(count):
        institution, position = _INSTITUTIONS[i % len(_INSTITUTIONS)]
        if i >= len(_INSTITUTIONS):
            position = "Staf"
        name = f"{_GIVEN[i % len(_GIVEN)]} {_FAMILY[(i * 5) % len(_FAMILY)]} (fiktif)"
        rows.append({"name": name, "institution": institution, "position": position})
    return rows


def commitment_fields() -> dict[str, Any]:
    return {
        "title": f"Dokumen Komitmen Bersama Pencegahan dan Penanganan TPPO — {TRAINING_MARK}",
        "held_on": "2022-01-25",
        "place": "Kefamenanu",
        "organiser": "Gugus Tugas PP TPPO Kabupaten Timor Tengah Utara",
        "recitals": COMMITMENT_RECITALS,
        "points": COMMITMENT_POINTS,
        "english": {
            "title": f"Joint Commitment on the Prevention and Handling of Trafficking in Persons "
            f"— {TRAINING_MARK}",
            "recitals": COMMITMENT_RECITALS_EN,
            "points": COMMITMENT_POINTS_EN,
        },
        "signatories": commitment_signatories(29),
    }


DOCUMENT_FOLDER = "dokumen"


def _add_commitment(book: Book) -> list[str]:
    from tipref.documents.commitments import new_commitment, render_commitment

    record = new_commitment(book, commitment_fields())
    folder = book.root / DOCUMENT_FOLDER
    _, path, _ = render_commitment(book, record.id, folder / "", "id")
    _, english, _ = render_commitment(book, record.id, folder / f"{path.stem}-en.docx", "en")
    return [str(p.relative_to(book.root).as_posix()) for p in (path, english)]


def _add_letters(book: Book, summary: DemoSummary) -> list[str]:
    """A referral letter for every outgoing referral still open, as staff would send them."""
    from tipref.documents.letters import make_letters, select_referrals

    open_ones = [
        r
        for r in select_referrals(book)
        if r.status in (ReferralStatus.pending, ReferralStatus.accepted)
    ]
    try:
        results = make_letters(book, open_ones, book.root / DOCUMENT_FOLDER, on_referral_date=True)
    except TiprefError as error:
        summary.notes.append(f"letters: {error}")
        return []
    return [str(Path(r.path).relative_to(book.root).as_posix()) for r in results]
