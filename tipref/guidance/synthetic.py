"""A large book of fictional cases, for trying tipref out and for measuring it.

Every name, date and story here is made up (seeded, so the same ``seed`` gives the same
book). Records go through the normal models and the normal store, so they are validated
and each gets its history entry, exactly as if typed in; the only shortcut is that the
whole batch holds the locks once and syncs the disk once at the end.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import format_number
from tipref.book.opening import create_book
from tipref.schemas.case import Case
from tipref.schemas.enums import Service
from tipref.schemas.referral import Referral
from tipref.schemas.settings import BookSettings

# DOMAIN.md §7: Kemendagri codes of the districts of NTT the book works with.
DISTRICTS: list[tuple[str, str, list[str]]] = [
    (
        "Timor Tengah Utara",
        "53.03",
        ["Maubesi", "Oelolok", "Naekake", "Bikomi", "Sasi", "Noemuti", "Eban"],
    ),
    (
        "Timor Tengah Selatan",
        "53.02",
        ["Kapan", "Niki-Niki", "Oinlasi", "Boking", "Soe", "Nunkolo"],
    ),
    ("Belu", "53.04", ["Atambua", "Halilulik", "Silawan", "Weluli", "Fatuketi"]),
    ("Malaka", "53.21", ["Betun", "Weliman", "Kobalima", "Laenmanen"]),
    ("Kota Kupang", "53.71", ["Oebobo", "Alak", "Maulafa", "Kelapa Lima", "Oesapa"]),
]
FIRST_NAMES = {
    "female": [
        "Maria",
        "Yohana",
        "Agustina",
        "Fransiska",
        "Margaretha",
        "Elisabeth",
        "Ursula",
        "Veronika",
        "Yuliana",
        "Novita",
        "Melania",
        "Adelina",
        "Sesilia",
        "Theresia",
        "Dorotea",
        "Serlina",
    ],
    "male": [
        "Yohanes",
        "Agustinus",
        "Fransiskus",
        "Petrus",
        "Markus",
        "Yosef",
        "Dominikus",
        "Arnoldus",
        "Stefanus",
        "Kornelis",
        "Aloysius",
        "Benediktus",
        "Matheus",
        "Simon",
        "Oktavianus",
    ],
}
FAMILY_NAMES = [
    "Ulu",
    "Kefi",
    "Taek",
    "Seran",
    "Bria",
    "Nahak",
    "Manek",
    "Tefa",
    "Sanam",
    "Tallo",
    "Neno",
    "Atok",
    "Bani",
    "Lake",
    "Mau",
    "Klau",
    "Asa",
    "Nomleni",
    "Boimau",
    "Kolo",
    "Fallo",
    "Taolin",
]
DESTINATIONS = [
    ("MY", ["Johor Bahru", "Kuala Lumpur", "Tawau", "Kota Kinabalu", "Penang"], 45),
    ("SG", ["Singapore"], 8),
    ("HK", ["Hong Kong"], 7),
    ("TW", ["Taipei", "Taichung"], 6),
    ("SA", ["Riyadh", "Jeddah"], 9),
    ("ID", ["Batam", "Jakarta", "Surabaya", "Medan"], 25),
]
EXPLOITATION = [
    "ForcedLabour",
    "ForcedLabour",
    "ForcedLabour",
    "SexualExploitation",
    "Servitude",
    "ChildLabour",
    "ForcedMarriage",
    "Other",
]
CONTROL = [
    "DebtBondage",
    "WithholdsDocuments",
    "FalsePromises",
    "TakesEarnings",
    "PhysicalAbuse",
    "ExcessiveWorkingHours",
    "PsychologicalAbuse",
    "ThreatensChildrenFamily",
]
RECRUITMENT = [
    "ThroughFamilyOrFamilyEvents",
    "ThroughFriendsOrSocialEvents",
    "ThroughOnlineSocialNetworks",
    "AtWork",
    "ThroughAnOnlineAdvertisement",
    "Other",
]
RELATIONSHIP = ["Familial", "Acquainted", "Unaquainted"]
STORIES = [
    "Recruited by a neighbour with a promise of work in a restaurant.",
    "Left with a labour agent (calo) who paid the family an advance.",
    "Contacted through Facebook for a job as a domestic worker.",
    "Travelled without documents by boat from Kupang.",
    "Returned through the border post at Motaain after months unpaid.",
    "Deported and received at the port by BP3MI.",
]
REFERRAL_STATUSES = [
    "pending",
    "accepted",
    "accepted",
    "completed",
    "completed",
    "declined",
    "cancelled",
]
START = date(2025, 1, 1)
END = date(2026, 11, 28)


def build_book(root: Path, cases: int, seed: int = 0, actor: str = "synthetic") -> None:
    """Create a book in ``root`` with the TTU example network and ``cases`` fictional cases."""
    from tipref.book.providers import add_provider
    from tipref.guidance.seed import example_network

    rng = random.Random(seed)
    settings = BookSettings.model_validate(
        {
            "organisation": {
                "name": "UPTD PPA Kabupaten Timor Tengah Utara",
                "code": "TTU",
                "district": "Timor Tengah Utara",
                "region_code": "53.03",
                "city": "Kefamenanu",
            },
            "signer": {"name": "Yohana Kefi, S.Sos", "position": "Kepala UPTD PPA"},
            "language": "id",
        }
    )
    book = create_book(Path(root), settings, actor)
    providers = [
        add_provider(book, fields) for fields in example_network(settings.organisation.district)
    ]
    last_day = min(END, clock.today())
    span = max(0, (last_day - START).days)
    drafts = sorted(
        (_case(rng, START + timedelta(days=rng.randint(0, span))) for _ in range(cases)),
        key=lambda c: c["opened_on"],
    )
    code = settings.organisation.code
    case_seq: dict[int, int] = {}
    referral_drafts: list[dict[str, Any]] = []
    with book.store.batch():
        for data in drafts:
            opened: date = data["opened_on"]
            case_seq[opened.year] = case_seq.get(opened.year, 0) + 1
            data["number"] = format_number(
                settings.numbering.case, code, case_seq[opened.year], opened
            )
            case = book.add(Case.model_validate(data))
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                referral_drafts.append(_referral(rng, case, providers, last_day, actor))
        referral_drafts.sort(key=lambda item: item["referred_on"])
        referral_seq: dict[int, int] = {}
        for data in referral_drafts:
            on: date = data["referred_on"]
            referral_seq[on.year] = referral_seq.get(on.year, 0) + 1
            data["number"] = format_number(
                settings.numbering.referral, code, referral_seq[on.year], on
            )
            book.add(Referral.model_validate(data))
    for year, value in case_seq.items():
        book.counters.ensure_at_least(f"case-{year}", value)
    for year, value in referral_seq.items():
        book.counters.ensure_at_least(f"referral-{year}", value)


def _case(rng: random.Random, opened: date) -> dict[str, Any]:
    district, region, villages = rng.choice(DISTRICTS)
    persons = [_person(rng, "victim", opened, district, region, villages)]
    if rng.random() < 0.15:
        persons.append(_person(rng, "witness", opened, district, region, villages))
    country, places, _ = rng.choices(DESTINATIONS, weights=[d[2] for d in DESTINATIONS])[0]
    child = persons[0]["birth_date"] > date(opened.year - 18, opened.month, min(opened.day, 28))
    exploitation = rng.choice(EXPLOITATION)
    if child and rng.random() < 0.4:
        exploitation = "ChildLabour"
    data: dict[str, Any] = {
        "number": "draft",
        "opened_on": opened,
        "status": rng.choices(
            ["active", "follow-up", "closed", "closed-referred"], weights=[50, 25, 15, 10]
        )[0],
        "risk": rng.choice(["high", "medium", "medium", "low"]),
        "persons": persons,
        "trafficking": {
            "status": rng.choice(["PossibleVictimOfTrafficking", "ActualVictimOfTrafficking"]),
            "exploitation": [exploitation],
            "means_of_control": sorted(set(rng.sample(CONTROL, rng.randint(1, 3)))),
            "recruitment": [rng.choice(RECRUITMENT)],
            "relationship": rng.choice(RELATIONSHIP),
            "recruitment_place": {"place": persons[0]["address"]["village"], "country": "ID"},
            "exploitation_place": {"place": rng.choice(places), "country": country},
        },
        "chronology": [{"on": opened, "text": rng.choice(STORIES)}],
    }
    if data["status"] in ("closed", "closed-referred"):
        data["closed_reason"] = "Services completed; monitoring ended."
        data["closed_on"] = min(opened + timedelta(days=rng.randint(30, 300)), END)
    return data


def _person(
    rng: random.Random, role: str, opened: date, district: str, region: str, villages: list[str]
) -> dict:
    sex = rng.choices(["female", "male"], weights=[65, 35])[0]
    age = rng.randint(8, 17) if rng.random() < 0.3 else rng.randint(18, 60)
    birth = opened - timedelta(days=age * 365 + rng.randint(30, 330))
    return {
        "role": role,
        "name": f"{rng.choice(FIRST_NAMES[sex])} {rng.choice(FAMILY_NAMES)}",
        "sex": sex,
        "birth_date": birth,
        "address": {
            "village": rng.choice(villages),
            "district": district,
            "province": "Nusa Tenggara Timur",
            "region_code": region,
            "country": "ID",
        },
    }


def _referral(
    rng: random.Random, case: Case, providers: list, last_day: date, actor: str
) -> dict[str, Any]:
    provider = rng.choice(providers)
    # coordination is done through case conferences, never referred (#19)
    services = [s for s in provider.services if s != Service.coordination]
    service = rng.choice(services) if services else Service.identification
    referred = case.opened_on + timedelta(
        days=rng.randint(0, max(0, min(60, (last_day - case.opened_on).days)))
    )
    status = rng.choice(REFERRAL_STATUSES)
    path = {
        "pending": ["pending"],
        "accepted": ["pending", "accepted"],
        "completed": ["pending", "accepted", "completed"],
        "declined": ["pending", "declined"],
        "cancelled": ["pending", "cancelled"],
    }[status]
    transitions = []
    for step, name in enumerate(path):
        at = min(referred + timedelta(days=step * rng.randint(1, 14)), last_day)
        transitions.append(
            {
                "status": name,
                "at": f"{at.isoformat()}T02:00:00Z",
                "by": actor,
                "reason": "No capacity this month." if name == "declined" else None,
            }
        )
    victim = case.persons[0]
    return {
        "number": "draft",
        "case_id": case.id,
        "person_id": victim.id,
        "service": service,
        "provider_id": provider.id,
        "referred_on": referred,
        "reason": f"{service.value if hasattr(service, 'value') else service} for the victim.",
        "status": status,
        "transitions": transitions,
    }
