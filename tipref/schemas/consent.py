"""Consent recorded for a person (UU 27/2022 Pasal 20-25; UU 21/2007 Pasal 44).

A consent has a scope: to receive services, to share identity with named providers (or
the whole network), or to be counted in non-identifying reports. A withdrawal keeps the
record and takes effect from its date.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from tipref import clock
from tipref.i18n import N_
from tipref.schemas.base import Model, new_id
from tipref.schemas.labels import LabelledEnum
from tipref.schemas.text import FreeText, SingleLine


class ConsentScope(LabelledEnum):
    services = ("services", N_("To receive services"))
    share_identity = ("share-identity", N_("To share identity"))
    reporting = ("reporting", N_("To be counted in non-identifying reports"))


class ConsentForm(LabelledEnum):
    written = ("written", N_("Written"))
    recorded = ("recorded", N_("Recorded"))


class SignedCopy(Model):
    """Where the signed paper is: its checksum and name, never the scan itself in the book."""

    file_name: str
    sha256: str
    path: str = Field("", description="Where the scan is kept, outside the shared book")


class Consent(Model):
    id: str = Field(default_factory=new_id)
    scope: ConsentScope
    providers: list[str] = Field(
        default_factory=list, description="Provider ids, for share-identity"
    )
    whole_network: bool = Field(
        False, description="share-identity with every provider of the network"
    )
    given_on: date = Field(default_factory=clock.today)
    form: ConsentForm = ConsentForm.written
    recorded_by: str | None = None
    guardian: SingleLine | None = Field(
        None, description="Parent or guardian who consented for a child"
    )
    withdrawn_on: date | None = None
    note: FreeText = ""
    document: SignedCopy | None = Field(
        None, description="The signed form: file name, SHA-256 and where it is kept"
    )

    def in_force(self, on: date | None = None) -> bool:
        on = on or clock.today()
        return self.given_on <= on and (self.withdrawn_on is None or on < self.withdrawn_on)

    def covers_provider(self, provider_id: str) -> bool:
        return self.whole_network or provider_id in self.providers


def identity_shared_with(consents: list[Consent], provider_id: str, on: date | None = None) -> bool:
    """True when a share-identity consent in force covers this provider."""
    return any(
        c.scope == ConsentScope.share_identity and c.in_force(on) and c.covers_provider(provider_id)
        for c in consents
    )
