"""The identification decision: is this person a victim of trafficking, and on what grounds?

The three elements of the crime (UU 21/2007 Pasal 1 angka 1, DOMAIN.md §4): the
*process*, the *means* and the *purpose* (exploitation). For a child the means are not
needed (Palermo Protocol art. 3(c), ratified by UU 14/2009; UU 21/2007 Pasal 6). Who
decided, when, on which elements and indicators, separates *korban* from *diduga korban*
in every count (HTCDS vic_TraffickingStatus, vic_TraffickingStatusDecisionMakingOrg).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from tipref.schemas.base import Model, new_id
from tipref.schemas.enums import Exploitation, TraffickingStatus
from tipref.schemas.labels import LabelledEnum
from tipref.schemas.letter import DocumentRecord
from tipref.schemas.text import FreeText, SingleLine


class Process(LabelledEnum):
    """The acts of UU 21/2007 Pasal 1 angka 1."""

    recruitment = ("recruitment", "Perekrutan", "Recruitment")
    transport = ("transport", "Pengangkutan", "Transport")
    harbouring = ("harbouring", "Penampungan", "Harbouring")
    sending = ("sending", "Pengiriman", "Sending")
    transfer = ("transfer", "Pemindahan", "Transfer")
    receipt = ("receipt", "Penerimaan", "Receipt")


class Means(LabelledEnum):
    """The means of UU 21/2007 Pasal 1 angka 1."""

    threat = ("threat-of-force", "Ancaman kekerasan", "Threat of force")
    force = ("use-of-force", "Penggunaan kekerasan", "Use of force")
    abduction = ("abduction", "Penculikan", "Abduction")
    confinement = ("confinement", "Penyekapan", "Confinement")
    forgery = ("forgery", "Pemalsuan", "Forgery")
    deception = ("deception", "Penipuan", "Deception")
    abuse_of_power = (
        "abuse-of-power",
        "Penyalahgunaan kekuasaan atau posisi rentan",
        "Abuse of power or of a position of vulnerability",
    )
    debt_bondage = ("debt-bondage", "Penjeratan utang", "Debt bondage")
    payment = (
        "payment-to-controller",
        "Memberi bayaran atau manfaat kepada orang yang memegang kendali",
        "Payments or benefits to a person in control",
    )


class Indicator(LabelledEnum):
    """Practical indicators: what was seen that points to trafficking."""

    documents_held = (
        "documents-held",
        "Dokumen diurus atau ditahan perekrut/majikan",
        "Documents arranged or held by the recruiter or employer",
    )
    excessive_fees = (
        "excessive-fees",
        "Biaya atau utang berlebihan",
        "Excessive fees or debt",
    )
    job_deception = (
        "job-deception",
        "Ditipu tentang pekerjaan atau upah",
        "Deceived about the job or the pay",
    )
    restricted_movement = (
        "restricted-movement",
        "Kebebasan bergerak dibatasi",
        "Restricted movement",
    )
    unpaid_wages = ("unpaid-wages", "Upah tidak dibayar atau ditahan", "Wages unpaid or withheld")
    excessive_hours = ("excessive-hours", "Jam kerja berlebihan", "Excessive working hours")
    violence = ("violence", "Kekerasan atau ancaman", "Violence or threats")
    isolation = (
        "isolation",
        "Diputus dari keluarga atau komunikasi",
        "Cut off from family or communication",
    )
    false_identity = (
        "false-identity",
        "Identitas atau umur dipalsukan",
        "Identity or age falsified",
    )
    irregular_departure = (
        "irregular-departure",
        "Berangkat tanpa prosedur resmi",
        "Left without the official procedure",
    )


class Identification(Model):
    """One decision about one person; the latest decision of a person counts."""

    id: str = Field(default_factory=new_id)
    person_id: str
    status: TraffickingStatus = Field(..., description="HTCDS vic_TraffickingStatus")
    decided_on: date
    decided_by: SingleLine = Field(
        ...,
        description="Who decided: a provider's id, or an organisation's name "
        "(HTCDS vic_TraffickingStatusDecisionMakingOrg)",
    )
    decided_by_name: str = Field("", description="The deciding organisation's name as printed")
    process: list[Process] = Field(default_factory=list)
    means: list[Means] = Field(default_factory=list)
    purpose: list[Exploitation] = Field(default_factory=list, description="The exploitation")
    indicators: list[Indicator] = Field(default_factory=list)
    child: bool = Field(False, description="Under 18 on the day of the decision")
    note: FreeText = ""
    recorded_by: str | None = None
    recorded_at: datetime | None = None
    forms: list[DocumentRecord] = Field(
        default_factory=list, description="Identification forms made"
    )
