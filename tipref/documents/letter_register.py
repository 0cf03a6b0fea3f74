"""The register of letters sent (buku agenda surat keluar), from the letters recorded on
referrals: one entry per letter number, with how often the file was made again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tipref.book.casebook import Book
from tipref.i18n import N_, Localized
from tipref.schemas.letter import LetterRecord
from tipref.schemas.provider import Provider
from tipref.schemas.referral import Referral

COLUMNS = Localized(
    [
        N_("Letter number"),
        N_("Date"),
        N_("Referral"),
        N_("Sent to"),
        N_("Language"),
        N_("Full identity"),
        N_("File"),
        N_("Made by"),
        N_("Made again"),
    ]
)


@dataclass
class RegisterEntry:
    number: str
    date: date
    referral: str
    referral_id: str
    provider: str
    provider_code: str
    lang: str
    identity_disclosed: bool
    file_name: str
    made_by: str
    remade: int

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "date": self.date.isoformat(),
            "referral": self.referral,
            "referral_id": self.referral_id,
            "provider": self.provider,
            "provider_code": self.provider_code,
            "lang": self.lang,
            "identity_disclosed": self.identity_disclosed,
            "file_name": self.file_name,
            "made_by": self.made_by,
            "remade": self.remade,
        }

    def row(self, lang: str) -> list[Any]:
        yes_no = ("ya", "tidak") if lang == "id" else ("yes", "no")
        return [
            self.number,
            self.date.isoformat(),
            self.referral,
            self.provider,
            self.lang,
            yes_no[0] if self.identity_disclosed else yes_no[1],
            self.file_name,
            self.made_by,
            self.remade,
        ]


def _entries_of(referral: Referral, provider: Provider | None) -> list[RegisterEntry]:
    by_number: dict[str, list[LetterRecord]] = {}
    for record in referral.letters:
        by_number.setdefault(record.number, []).append(record)
    entries = []
    for number, records in by_number.items():
        first = records[0]
        entries.append(
            RegisterEntry(
                number=number,
                date=first.date,
                referral=referral.number,
                referral_id=referral.id,
                provider=provider.name if provider else referral.provider_id,
                provider_code=provider.code if provider else "",
                lang=first.lang,
                identity_disclosed=any(r.identity_disclosed for r in records),
                file_name=records[-1].file_name,
                made_by=first.made_by,
                remade=len(records) - 1,
            )
        )
    return entries


def letter_register(
    book: Book,
    since: date | None = None,
    until: date | None = None,
    provider: str | None = None,
) -> list[RegisterEntry]:
    """Letters sent, oldest first; ``provider`` is a provider's id or code."""
    wanted = book.resolve_id(Provider, provider) if provider else None
    providers = {p.id: p for p in book.all(Provider)}
    entries: list[RegisterEntry] = []
    for referral in book.all(Referral):
        if not referral.letters:
            continue
        if wanted and referral.provider_id != wanted:
            continue
        entries += _entries_of(referral, providers.get(referral.provider_id))
    entries = [
        e
        for e in entries
        if (since is None or e.date >= since) and (until is None or e.date <= until)
    ]
    return sorted(entries, key=lambda e: (e.date, e.number))


def write_register_xlsx(entries: list[RegisterEntry], out: Path, lang: str) -> Path:
    from tipref.reporting.export import write_xlsx

    sheet = "Surat keluar" if lang == "id" else "Letters sent"
    return write_xlsx({sheet: (COLUMNS[lang], [e.row(lang) for e in entries])}, out)
