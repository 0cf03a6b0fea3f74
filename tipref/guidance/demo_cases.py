"""The demo book's stories: the fictional cases, persons, referrals and events that
``tipref demo`` writes, through the same core functions as the commands."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.guidance.demo import DEMO_ACTOR, DemoSummary, clock_at, moment
from tipref.schemas.case import Case
from tipref.schemas.consent import Consent
from tipref.schemas.enums import ReferralStatus, Service


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
        when = moment(self.day(days_ago), hour, minute)
        # never later than now: a step 'today' at 09:00 when it is 07:00 would be in the future
        return min(when, clock.now())

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
