"""HTCDS 2.0 (IOM Human Trafficking Case Data Standard, CC BY 4.0): the fields tipref
writes and reads, with their labels, and the conversion of a case to HTCDS rows and back.

The field names and value names are copied from the standard's field list
(``htcds-2.0-fields.csv``); only what tipref uses is kept here, so nothing is read from
outside the package at run time. Columns starting with ``x_tipref_`` are tipref's own
extensions (case number, village, ...): HTCDS has no field for them and other tools
ignore them. Multi-select values are joined with ``;`` as in the toolkit.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

# (field name, label) of the HTCDS fields tipref uses, in the standard's order.
PERSON_FIELDS: tuple[tuple[str, str], ...] = (
    ("prs_FirstName", "First Name"),
    ("prs_MiddleName", "Middle Name"),
    ("prs_SecondName", "Second Name"),
    ("prs_Birthdate", "Birthdate"),
    ("prs_Gender", "Gender"),
    ("prs_Citizenship", "Citizenship"),
    ("prs_IdentityNumber", "Identity Number"),
    ("prs_MobilePhone", "Mobile Phone"),
    ("prs_MailingCity", "Mailing City"),
    ("prs_MailingCountry", "Mailing Country"),
    ("prs_MailingState", "Mailing State"),
    ("prs_MailingStreet", "Mailing Street"),
    ("vic_TraffickingStatus", "Trafficking Status"),
    ("vic_TraffickingStatusDecisionMakingOrg", "Trafficking Status Decision Making Org"),
    ("vic_RelationshipToTrafficker", "Relationship to Trafficker"),
    ("vic_AgeWhenTrafficked", "Age When Trafficked"),
    ("vic_MethodOfRecruitment", "Method of Recruitment"),
    ("vic_LocationOfRecruitment", "Location of Recruitment"),
    ("vic_MethodsOfControl", "Methods of Control"),
    ("vic_TypeOfExploitation", "Type of Exploitation"),
    ("vic_LocationOfExploitation", "Location of Exploitation"),
    ("cas_Status", "Status"),
    ("cas_ReasonForCaseClosure", "Reason for Case Closure"),
)
REFERRAL_FIELDS: tuple[tuple[str, str], ...] = (
    ("cas_ReferredOrganisation", "Referred Organisation"),
    ("cas_OutgoingReferralDate", "Outgoing Referral Date"),
    ("cas_OutgoingReferralDetails", "Outgoing Referral Details"),
    ("cas_ReferringOrganisation", "Referring Organisation"),
    ("cas_IncomingReferralDate", "Incoming Referral Date"),
    ("cas_IncomingReferralDetails", "Incoming Referral Details"),
)
# Every field name of the standard (reference/htcds-2.0-fields.csv: prs_ person, vic_ victim
# context, cas_ case, con_ consent, spl_ support plan, cco_ case comment, hte_ historic
# trafficking event, org_ organisation, per_ perpetrator), to tell "known but not
# used by tipref" from "not an HTCDS name at all" (e.g. a misspelt prs_Birtdate).
_STANDARD_TEXT = """
prs_Salutation prs_FirstName prs_MiddleName prs_SecondName prs_Birthdate prs_Gender prs_Deceased
prs_MaritalStatus prs_NumberOfChildren prs_PrimaryLanguage prs_SecondaryLanguage
prs_HighestLevelOfEducation prs_Citizenship prs_IdentityNumber prs_Title prs_Email prs_HomePhone
prs_MobilePhone prs_MailingCity prs_MailingCountry prs_MailingState prs_MailingStreet
prs_MailingPostalCode prs_MailingLongitude prs_MailingLatitude vic_AgreementToManagePersonalData
vic_TraffickingStatus vic_TraffickingStatusDecisionMakingOrg vic_RelationshipToTrafficker
vic_AgeWhenTrafficked vic_RecruitmentWebsitesAndApps vic_MethodOfRecruitment vic_LocationOfRecruitment
vic_MethodsOfControl vic_TypeOfExploitation vic_ForcedLabourIndustry vic_TypeOfSexExploitation
vic_LocationOfExploitation vic_ExploitationWebsitesAndApps vic_Vulnerabilities vic_DetailsOfVulnerabilities
cas_Status cas_ReasonForCaseClosure cas_CaseOwner cas_ReferringOrganisation cas_IncomingReferralDate
cas_ReferringPrimaryCaseWorker cas_ReasonForIncomingReferral cas_IncomingReferralDetails
cas_ReferredOrganisation cas_ReferredPrimaryCaseWorker cas_ReasonForOutgoingReferral
cas_OutgoingReferralDate cas_OutgoingReferralDetails
con_Consent spl_Type spl_Objectives spl_ActionPlan spl_PlannedEndDate spl_ActualEndDate
cco_CaseComment hte_Type hte_Date hte_Description hte_Street hte_City hte_State hte_PostalCode
hte_Country hte_Latitude hte_Longitude org_Name org_Type org_Phone org_ShippingStreet
org_ShippingCity org_ShippingState org_ShippingPostalCode org_ShippingCountry org_ShippingLatitude
org_ShippingLongitude per_RoleInProcess per_RoleDetails
"""
STANDARD_NAMES: frozenset[str] = frozenset(_STANDARD_TEXT.split())

# tipref's own columns (no HTCDS field exists for them).
EXTENSION_FIELDS: tuple[tuple[str, str], ...] = (
    ("x_tipref_case", "tipref case number"),
    ("x_tipref_person", "tipref person number in the case"),
    ("x_tipref_role", "Role (victim/witness)"),
    ("x_tipref_opened_on", "Case opened on"),
    ("x_tipref_risk", "Risk level"),
    ("x_tipref_estimated_age", "Estimated age"),
    ("x_tipref_village", "Village (desa/kelurahan)"),
    ("x_tipref_subdistrict", "Sub-district (kecamatan)"),
    ("x_tipref_region_code", "Region code"),
    ("x_tipref_recruitment_country", "Country of recruitment"),
    ("x_tipref_exploitation_country", "Country of exploitation"),
)
REFERRAL_EXTENSIONS: tuple[tuple[str, str], ...] = (
    ("x_tipref_referral", "tipref referral number"),
    ("x_tipref_case", "tipref case number"),
    ("x_tipref_person", "tipref person number in the case"),
    ("x_tipref_service", "Service"),
    ("x_tipref_status", "Referral status"),
)

SEX_TO_GENDER = {"female": "Feminine", "male": "Masculine"}
GENDER_TO_SEX = {v: k for k, v in SEX_TO_GENDER.items()}
STATUS_TO_HTCDS = {
    "active": "Active",
    "follow-up": "FollowUp",
    "closed": "Closed",
    "closed-referred": "ClosedReferred",
}
HTCDS_TO_STATUS = {v: k for k, v in STATUS_TO_HTCDS.items()}

# HTCDS column -> tipref import field (see tipref.reporting.importer.FIELDS)
IMPORT_MAP: dict[str, str] = {
    "prs_Birthdate": "birth_date",
    "prs_Gender": "sex",
    "prs_Citizenship": "nationality",
    "prs_IdentityNumber": "nik",
    "prs_MobilePhone": "phone",
    "prs_MailingCity": "district",
    "prs_MailingCountry": "country",
    "prs_MailingState": "province",
    "prs_MailingStreet": "street",
    "vic_TraffickingStatus": "trafficking_status",
    "vic_RelationshipToTrafficker": "relationship",
    "vic_MethodOfRecruitment": "recruitment",
    "vic_LocationOfRecruitment": "recruited_at",
    "vic_MethodsOfControl": "control",
    "vic_TypeOfExploitation": "exploitation",
    "vic_LocationOfExploitation": "exploited_at",
    "cas_Status": "status",
    "x_tipref_case": "case_key",
    "x_tipref_role": "role",
    "x_tipref_opened_on": "opened_on",
    "x_tipref_risk": "risk",
    "x_tipref_estimated_age": "age",
    "x_tipref_village": "village",
    "x_tipref_subdistrict": "subdistrict",
    "x_tipref_region_code": "region_code",
    "x_tipref_recruitment_country": "recruited_country",
    "x_tipref_exploitation_country": "exploited_country",
}
NAME_PARTS = ("prs_FirstName", "prs_MiddleName", "prs_SecondName")
# Read but not stored as such (derived, or referral fields of the other sheet).
# vic_TraffickingStatusDecisionMakingOrg: the status itself is imported; an identification
# decision (who, when, on which elements) is not made up from one cell: 'tipref case identify'.
IGNORED_ON_IMPORT = frozenset(
    {
        "vic_AgeWhenTrafficked",
        "cas_ReasonForCaseClosure",
        "x_tipref_person",
        "vic_TraffickingStatusDecisionMakingOrg",
    }
)

FIELD_NAME = re.compile(r"^(prs|vic|cas|con|spl|cco|hte|org|per|x_tipref)_\w+$")


def looks_like_field_name(text: Any) -> bool:
    return isinstance(text, str) and bool(FIELD_NAME.match(text.strip()))


def suggest(name: str) -> str | None:
    """The HTCDS name a misspelt one probably meant (prs_Birtdate -> prs_Birthdate)."""
    known = sorted(STANDARD_NAMES | {n for n, _ in EXTENSION_FIELDS})
    match = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
    return match[0] if match else None


def split_name(name: str) -> tuple[str, str, str]:
    """First, middle and last name without bracketed notes or symbols (tipref.schemas.names)."""
    from tipref.schemas.names import name_parts

    return name_parts(name)


def _join(values: list[Any]) -> str:
    return ";".join(str(getattr(v, "value", v)) for v in values)


def decision_fields(case: Any, person: Any) -> dict[str, str]:
    """The person's own identification decision when there is one, else the case's status."""
    decision = case.identification_of(person.id)
    status = decision.status if decision else case.trafficking.status
    return {
        "vic_TraffickingStatus": status.value if status else "",
        "vic_TraffickingStatusDecisionMakingOrg": (
            decision.decided_by_name or decision.decided_by if decision else ""
        ),
    }


def person_row(case: Any, person: Any, position: int) -> dict[str, Any]:
    """One HTCDS row for one person of a case (prs_, vic_ and cas_ fields)."""
    first, middle, second = split_name(person.name)
    facts = case.trafficking
    age = person.age(case.opened_on)
    row = {
        "prs_FirstName": first,
        "prs_MiddleName": middle,
        "prs_SecondName": second,
        "prs_Birthdate": person.birth_date.isoformat() if person.birth_date else "",
        "prs_Gender": SEX_TO_GENDER.get(person.sex.value, "") if person.sex else "",
        "prs_Citizenship": person.nationality,
        "prs_IdentityNumber": person.nik or "",
        "prs_MobilePhone": person.phone or "",
        "prs_MailingCity": person.address.district,
        "prs_MailingCountry": person.address.country,
        "prs_MailingState": person.address.province,
        "prs_MailingStreet": person.address.street,
        **decision_fields(case, person),
        "vic_RelationshipToTrafficker": facts.relationship.value if facts.relationship else "",
        "vic_AgeWhenTrafficked": "" if age is None else age,
        "vic_MethodOfRecruitment": _join(facts.recruitment),
        "vic_LocationOfRecruitment": facts.recruitment_place.place,
        "vic_MethodsOfControl": _join(facts.means_of_control),
        "vic_TypeOfExploitation": _join(facts.exploitation),
        "vic_LocationOfExploitation": facts.exploitation_place.place,
        "cas_Status": STATUS_TO_HTCDS.get(case.status.value, ""),
        "cas_ReasonForCaseClosure": case.closed_reason or "",
        "x_tipref_case": case.number,
        "x_tipref_person": position,
        "x_tipref_role": person.role.value,
        "x_tipref_opened_on": case.opened_on.isoformat(),
        "x_tipref_risk": case.risk.value if case.risk else "",
        "x_tipref_estimated_age": "" if person.estimated_age is None else person.estimated_age,
        "x_tipref_village": person.address.village,
        "x_tipref_subdistrict": person.address.subdistrict,
        "x_tipref_region_code": person.address.region_code or "",
        "x_tipref_recruitment_country": facts.recruitment_place.country or "",
        "x_tipref_exploitation_country": facts.exploitation_place.country or "",
    }
    return row


def referral_row(referral: Any, case: Any, provider: Any) -> dict[str, Any]:
    outgoing = referral.direction.value == "outgoing"
    name = getattr(provider, "name", None) or referral.provider_id
    position = (
        next((i for i, p in enumerate(case.persons, 1) if p.id == referral.person_id), "")
        if case
        else ""
    )
    return {
        "cas_ReferredOrganisation": name if outgoing else "",
        "cas_OutgoingReferralDate": referral.referred_on.isoformat() if outgoing else "",
        "cas_OutgoingReferralDetails": referral.reason if outgoing else "",
        "cas_ReferringOrganisation": "" if outgoing else name,
        "cas_IncomingReferralDate": "" if outgoing else referral.referred_on.isoformat(),
        "cas_IncomingReferralDetails": "" if outgoing else referral.reason,
        "x_tipref_referral": referral.number,
        "x_tipref_case": case.number if case else "",
        "x_tipref_person": position,
        "x_tipref_service": referral.service.value,
        "x_tipref_status": referral.status.value,
    }


def person_columns() -> list[tuple[str, str]]:
    return [*PERSON_FIELDS, *EXTENSION_FIELDS]


def referral_columns() -> list[tuple[str, str]]:
    return [*REFERRAL_FIELDS, *REFERRAL_EXTENSIONS]


def convert_value(field: str, value: str) -> str:
    """An HTCDS value as tipref's import field expects it."""
    if field == "prs_Gender":
        return GENDER_TO_SEX.get(value.strip(), value)
    if field == "cas_Status":
        return HTCDS_TO_STATUS.get(value.strip(), value)
    return value
