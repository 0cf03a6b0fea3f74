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

from tipref.i18n import N_
from tipref.schemas.base import Model, new_id
from tipref.schemas.enums import Exploitation, TraffickingStatus
from tipref.schemas.labels import LabelledEnum
from tipref.schemas.letter import DocumentRecord
from tipref.schemas.text import FreeText, SingleLine


class Process(LabelledEnum):
    """The acts of UU 21/2007 Pasal 1 angka 1."""

    recruitment = ("recruitment", N_("Recruitment"))
    transport = ("transport", N_("Transport"))
    harbouring = ("harbouring", N_("Harbouring"))
    sending = ("sending", N_("Sending"))
    transfer = ("transfer", N_("Transfer"))
    receipt = ("receipt", N_("Receipt"))


class Means(LabelledEnum):
    """The means of UU 21/2007 Pasal 1 angka 1."""

    threat = ("threat-of-force", N_("Threat of force"))
    force = ("use-of-force", N_("Use of force"))
    abduction = ("abduction", N_("Abduction"))
    confinement = ("confinement", N_("Confinement"))
    forgery = ("forgery", N_("Forgery"))
    deception = ("deception", N_("Deception"))
    abuse_of_power = ("abuse-of-power", N_("Abuse of power or of a position of vulnerability"))
    debt_bondage = ("debt-bondage", N_("Debt bondage"))
    payment = ("payment-to-controller", N_("Payments or benefits to a person in control"))


class Indicator(LabelledEnum):
    """Practical indicators: what was seen that points to trafficking."""

    documents_held = (
        "documents-held",
        N_("Documents arranged or held by the recruiter or employer"),
    )
    excessive_fees = ("excessive-fees", N_("Excessive fees or debt"))
    job_deception = ("job-deception", N_("Deceived about the job or the pay"))
    restricted_movement = ("restricted-movement", N_("Restricted movement"))
    unpaid_wages = ("unpaid-wages", N_("Wages unpaid or withheld"))
    excessive_hours = ("excessive-hours", N_("Excessive working hours"))
    violence = ("violence", N_("Violence or threats"))
    isolation = ("isolation", N_("Cut off from family or communication"))
    false_identity = ("false-identity", N_("Identity or age falsified"))
    irregular_departure = ("irregular-departure", N_("Left without the official procedure"))


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
