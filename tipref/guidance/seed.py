"""An example referral network for a district, seeded by ``tipref init --seed-network``.

Institution types and services follow DOMAIN.md §2. Names are the usual names of such
offices in a district; the user edits addresses, phones and contacts afterwards.
"""

from __future__ import annotations

from typing import Any

# Where the offices of the national and provincial bodies are (the "di" line of a letter).
PROVINCIAL_CITY = "Kupang"
NATIONAL_CITY = "Jakarta"


def example_network(district: str, city: str = "") -> list[dict[str, Any]]:
    """The network; ``city`` is the district's capital, where its own offices are."""
    d = district or "Kabupaten"
    network = _district_offices(d) + _outside_offices(d)
    for provider in network:
        provider.setdefault("city", city)
    return network


def _district_offices(d: str) -> list[dict[str, Any]]:
    return [
        {
            "code": "uptd-ppa",
            "name": f"UPTD PPA {d}",
            "type": "uptd-ppa",
            "services": ["identification", "social", "legal", "coordination"],
            "contact_position": "Kepala UPTD PPA",
        },
        {
            "code": "rsud",
            "name": f"RSUD {d}",
            "type": "hospital",
            "services": ["health"],
            "contact_position": "Direktur RSUD",
        },
        {
            "code": "puskesmas",
            "name": f"Puskesmas {d}",
            "type": "puskesmas",
            "services": ["health"],
            "contact_position": "Kepala Puskesmas",
        },
        {
            "code": "polres",
            "name": f"Polres {d} (Unit PPA)",
            "type": "police",
            "services": ["identification", "legal"],
            "contact_position": "Kepala Satuan Reserse Kriminal",
        },
        {
            "code": "kejari",
            "name": f"Kejaksaan Negeri {d}",
            "type": "prosecutor",
            "services": ["legal"],
            "contact_position": "Kepala Kejaksaan Negeri",
        },
        {
            "code": "dinsos",
            "name": f"Dinas Sosial {d}",
            "type": "dinas-sosial",
            "services": ["social", "repatriation", "reintegration"],
            "contact_position": "Kepala Dinas Sosial",
        },
        {
            "code": "dinas-pppa",
            "name": f"Dinas PPPA {d}",
            "type": "dinas-pppa",
            "services": ["coordination", "social"],
            "contact_position": "Kepala Dinas PPPA",
        },
        {
            "code": "disnaker",
            "name": f"Dinas Tenaga Kerja {d}",
            "type": "disnaker",
            "services": ["reintegration", "identification"],
            "contact_position": "Kepala Dinas Tenaga Kerja",
        },
        {
            "code": "dukcapil",
            "name": f"Dinas Dukcapil {d}",
            "type": "dukcapil",
            "services": ["reintegration"],
            "contact_position": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        },
        {
            "code": "posbakum",
            "name": f"Posbakum / LBH {d}",
            "type": "legal-aid",
            "services": ["legal"],
            "contact_position": "Koordinator",
        },
        {
            "code": "gt-pp-tppo",
            "name": f"Gugus Tugas PP TPPO {d}",
            "type": "task-force",
            "services": ["coordination"],
            "contact_position": "Ketua Harian Gugus Tugas PP TPPO",
        },
    ]


def _outside_offices(d: str) -> list[dict[str, Any]]:
    return [
        {
            "code": "rs-bhayangkara",
            "name": "RS Bhayangkara Kupang",
            "type": "hospital",
            "services": ["health"],
            "contact_position": "Kepala RS Bhayangkara",
            "city": PROVINCIAL_CITY,
        },
        {
            "code": "bp3mi",
            "name": "BP3MI Nusa Tenggara Timur",
            "type": "bp3mi",
            "services": ["repatriation", "identification"],
            "contact_position": "Kepala BP3MI NTT",
            "city": PROVINCIAL_CITY,
        },
        {
            "code": "kbri-kl",
            "name": "KBRI Kuala Lumpur",
            "type": "mission-abroad",
            "services": ["identification", "repatriation"],
            "contact_position": "Kepala Fungsi Konsuler",
            "city": "Kuala Lumpur",
        },
        {
            "code": "lpsk",
            "name": "LPSK",
            "type": "lpsk",
            "services": ["legal"],
            "contact_position": "Ketua LPSK",
            "city": NATIONAL_CITY,
        },
    ]
