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
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import Book, load_settings
from tipref.book.location import BOOK_FILE
from tipref.book.opening import create_book
from tipref.errors import TiprefError
from tipref.i18n import N_
from tipref.schemas.enums import ReferralStatus
from tipref.schemas.settings import BookSettings

TRAINING_MARK = "MATERI PELATIHAN / TRAINING MATERIAL"
# The letterhead's lines above the unit (kop surat, DOMAIN.md §5)
DEMO_HIERARCHY = [
    "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
    "DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK",
]
DEMO_ACTOR = "Pelatih (fiktif)"
DEFAULT_PATH = "tipref-demo"


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
def clock_at(moment: datetime) -> Iterator[None]:
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
            raise TiprefError(
                N_(
                    "There is already a case book at {path}. Use --force to replace it (only a demo book can be replaced)."
                ),
                path=str(root),
            )
        if not is_demo_book(root):
            raise TiprefError(
                N_("{path} is a real case book, not a demo book; it is not replaced."),
                path=str(root),
            )
        shutil.rmtree(root)
    elif root.exists() and any(root.iterdir()):
        raise TiprefError(
            N_("The folder {path} is not empty; choose another folder."), path=str(root)
        )


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    """A time of day in the demo book's time zone."""
    from tipref.guidance.deadlines import book_zone

    return datetime.combine(day, time(hour, minute), tzinfo=book_zone(demo_settings()))


def build_demo(root: Path, force: bool = False, actor: str = DEMO_ACTOR) -> DemoSummary:
    root = Path(root)
    prepare_folder(root, force)
    book = create_book(root, demo_settings(), actor)
    summary = DemoSummary(book.root)
    today = clock.today()
    with clock_at(moment(today - timedelta(days=200), 8)):
        summary.providers = add_network(book)
    from tipref.guidance.demo_cases import add_cases

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


def add_documents(book: Book, summary: DemoSummary) -> list[str]:
    """Letters and the commitment document of the coordination meeting (Kefamenanu, 25 January 2022)."""
    from tipref.guidance.demo_paperwork import add_paperwork
    from tipref.guidance.demo_sop import add_sop_papers

    (book.root / DOCUMENT_FOLDER).mkdir(exist_ok=True)
    made = [*_add_commitment(book), *_add_letters(book, summary)]
    made.extend(add_sop_papers(book, summary.cases, book.root / DOCUMENT_FOLDER, clock.today()))
    return made + add_paperwork(book, summary, clock.today())


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
