"""The SOP of integrated services (Permen PPPA 8/2021) as data, marked for translation.

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

from tipref.i18n import LANGUAGES, N_, translation
from tipref.schemas.enums import ProviderType, Service

Text = str  # English, marked with N_(); translated with text(msgid, lang)


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
        def pick(msgid: Text) -> Any:
            if lang is None:
                return {each: text(msgid, each) for each in LANGUAGES}
            return text(msgid, lang)

        return {
            "service": self.service.value,
            "label": pick(self.service.english),
            "purpose": pick(self.purpose),
            "steps": [pick(s) for s in self.steps],
            "steps_unverified": self.unverified,
            "provider_types": [
                {"id": p.value, "label": pick(p.english)} for p in self.provider_types
            ],
            "documents": [pick(d) for d in self.documents],
            "time_limits": [
                {"text": pick(t.text), "basis": pick(t.basis), "setting": t.setting, "law": t.law}
                for t in self.time_limits
            ],
            "notes": [pick(n) for n in self.notes],
            "basis": self.basis,
        }


P = ProviderType
RESPONSE_NOTE = TimeLimit(
    N_("Referral response time"),
    N_("published service standards"),
    "response_times",
    law=False,
)

CATALOGUE: tuple[SopService, ...] = (
    SopService(
        Service.identification,
        N_("Take the complaint and establish whether the person is a victim of trafficking."),
        (
            N_("Receive the complaint (walk-in, phone, referral or outreach)"),
            N_("Explain the victim's rights and take written informed consent"),
            N_(
                "Identification interview: process, means, purpose (UU 21/2007 Pasal 1 angka 1 and Pasal 2); for a child the means are not needed (Palermo Protocol art. 3(c), ratified by UU 14/2009)"
            ),
            N_("Triage the risk: high (crisis), medium, low"),
            N_("Write the chronology and record the services needed"),
            N_(
                "Report to the nearest police within 24 hours of taking the victim in under treatment"
            ),
            N_("Refer to the next services"),
        ),
        (P.uptd_ppa, P.police, P.ngo, P.disnaker, P.bp3mi, P.mission_abroad),
        (
            N_("Complaint form"),
            N_("Victim identification sheet"),
            N_("Informed-consent statement"),
            N_("Chronology"),
            N_("Police report"),
        ),
        (
            TimeLimit(
                N_("Report to police within 24 hours of intake"),
                "PP 9/2008",
                "deadlines.police_report_hours",
            ),
            TimeLimit(
                N_("Crisis served within about 2 hours, medium risk about 6 hours"),
                N_("UPTD PPA service standards"),
                "response_times",
                law=False,
            ),
        ),
        basis="Permen PPPA 8/2021; UU 21/2007 Pasal 1 angka 1, Pasal 2; PP 9/2008",
    ),
    SopService(
        Service.health,
        N_("Restore the victim's physical and mental health."),
        (
            N_("Receive the referral and its letter"),
            N_("Triage and examination"),
            N_("Ask consent for each action"),
            N_("Medical and psychosocial care"),
            N_("Visum et repertum only at the investigator's request"),
            N_("Mark the medical record confidential"),
            N_("Send the referral reply sheet"),
        ),
        (P.puskesmas, P.hospital, P.health_service),
        (
            N_("Referral letter"),
            N_("Medical record (confidential)"),
            N_("Visum et repertum (at the investigator's request)"),
            N_("Referral reply sheet"),
        ),
        (
            TimeLimit(
                N_(
                    "First aid (pertolongan pertama) within 7 days of the request, for a victim who needs urgent help"
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
        N_("Restore the victim's social and psychological wellbeing."),
        (
            N_("Needs assessment"),
            N_("Counselling and psychological support"),
            N_("Shelter where needed"),
            N_("Case conference with the services involved"),
            N_("Send the referral reply sheet"),
        ),
        (P.dinas_sosial, P.shelter, P.uptd_ppa, P.ngo),
        (
            N_("Assessment report"),
            N_("Counselling notes"),
            N_("Case-conference minutes"),
        ),
        (RESPONSE_NOTE,),
    ),
    SopService(
        Service.legal,
        N_("Accompany the victim through the legal process and claim restitution."),
        (
            N_("Accompany the victim at the police examination"),
            N_("Ask for a copy of the examination record (BAP) for the victim"),
            N_("Ask LPSK for protection and the restitution calculation"),
            N_("File the restitution claim with the prosecutor"),
            N_("Follow the judgment and the payment of restitution"),
        ),
        (P.legal_aid, P.paralegal, P.police, P.prosecutor, P.lpsk),
        (
            N_("Power of attorney"),
            N_("Copy of the examination record (BAP)"),
            N_("Restitution claim"),
        ),
        (
            TimeLimit(
                N_("Restitution paid within 14 days of notice of the first-instance judgment"),
                "UU 21/2007 Pasal 48 ayat (6)",
                "deadlines.restitution_days",
            ),
            RESPONSE_NOTE,
        ),
        basis="Permen PPPA 8/2021; UU 21/2007 Pasal 48; PP 9/2008",
    ),
    SopService(
        Service.repatriation,
        N_("Bring the victim home, voluntarily and safely."),
        (
            N_("Protection and registration by the Indonesian mission (KBRI/KJRI) when abroad"),
            N_(
                "Coordinate with Kemensos, KP2MI (its BP3MI offices), the provincial and district social offices"
            ),
            N_("The home district fetches the victim"),
            N_("Handover with a handover record"),
            N_("Family-acceptance statement"),
        ),
        (P.mission_abroad, P.bp3mi, P.dinas_sosial, P.central_government),
        (
            N_("Handover record (berita acara serah terima)"),
            N_("Family-acceptance statement"),
            N_("Travel document (SPLP)"),
        ),
        (RESPONSE_NOTE,),
        basis="Permen PPPA 8/2021; PP 9/2008",
    ),
    SopService(
        Service.reintegration,
        N_("Bring the victim back into family and community life."),
        (
            N_("Reintegration plan with the victim and family"),
            N_("Economic support: training, start-up help, work"),
            N_("Return to school for a child"),
            N_("Identity papers (KTP, KK, birth certificate)"),
            N_("Monitoring for at least 3 months after return"),
        ),
        (P.dinas_sosial, P.disnaker, P.education_office, P.dukcapil, P.village, P.ngo),
        (
            N_("Reintegration plan"),
            N_("Monitoring reports"),
        ),
        (
            TimeLimit(
                N_("Monitoring for at least 3 months after return"),
                N_("local practice"),
                "deadlines.monitoring_months",
                law=False,
            ),
            RESPONSE_NOTE,
        ),
    ),
    SopService(
        Service.coordination,
        N_(
            "Coordinate the services, evaluate and report. Not a service a person is referred to: it is done through case conferences ('tipref conference') and task-force meetings."
        ),
        (
            N_("Case conferences: invitation, minutes with attendance and decisions"),
            N_("Continuous monitoring"),
            N_("The PPT evaluates every 6 months"),
            N_("The PPT reports to the head of region with a copy to the task force"),
            N_("Joint commitment document at coordination meetings"),
        ),
        (P.task_force, P.dinas_pppa, P.uptd_ppa),
        (
            N_("Case-conference invitation letter"),
            N_("Case-conference minutes"),
            N_("The PPT's 6-monthly evaluation report"),
            N_("Joint commitment document"),
        ),
        (
            TimeLimit(
                N_("The PPT's evaluation every 6 months"),
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


def text(msgid: Text, lang: str) -> str:
    """An SOP text in ``lang``: its English msgid through the catalogue. A citation that
    is not marked for translation (``"UU 21/2007 Pasal 48"``) reads the same in both."""
    return translation(lang).gettext(msgid)
