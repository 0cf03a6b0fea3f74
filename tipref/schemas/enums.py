"""The enumerated values of tipref's records, with their labels in both languages.

Where HTCDS 2.0 has the field (../shared/reference/htcds-2.0-fields.csv) the machine ids
are its value names, so an export needs no translation table.
"""

from __future__ import annotations

from tipref.i18n import N_
from tipref.schemas.labels import LabelledEnum


class Service(LabelledEnum):
    """The SOP services of Permen PPPA 8/2021."""

    identification = ("identification", N_("Complaint / identification"))
    health = ("health", N_("Health rehabilitation"))
    social = ("social", N_("Social rehabilitation"))
    legal = ("legal", N_("Legal aid"))
    repatriation = ("repatriation", N_("Repatriation"))
    reintegration = ("reintegration", N_("Social reintegration"))
    coordination = ("coordination", N_("Coordination, evaluation and reporting"))


class ProviderType(LabelledEnum):
    # Indonesian institutions of the referral network
    uptd_ppa = ("uptd-ppa", N_("UPTD PPA (women and child protection unit)"))
    p2tp2a = ("p2tp2a", N_("P2TP2A (formerly; now UPTD PPA)"))
    dinas_sosial = ("dinas-sosial", N_("Social affairs office"))
    dinas_pppa = ("dinas-pppa", N_("Women empowerment and child protection office"))
    disnaker = ("disnaker", N_("Manpower office"))
    dukcapil = ("dukcapil", N_("Civil registry office"))
    education_office = ("dinas-pendidikan", N_("Education office"))
    hospital = ("hospital", N_("Hospital"))
    puskesmas = ("puskesmas", N_("Community health centre"))
    police = ("police", N_("Police"))
    prosecutor = ("prosecutor", N_("Prosecutor"))
    court = ("court", N_("Court"))
    legal_aid = ("legal-aid", N_("Legal aid organisation"))
    paralegal = ("paralegal", N_("Paralegal"))
    lpsk = ("lpsk", N_("Witness and victim protection agency (LPSK)"))
    bp3mi = ("bp3mi", N_("Migrant worker protection office (BP3MI, of KP2MI)"))
    mission_abroad = ("mission-abroad", N_("Indonesian mission abroad"))
    shelter = ("shelter", N_("Shelter"))
    task_force = ("task-force", N_("Anti-trafficking task force"))
    village = ("village", N_("Village government"))
    # HTCDS org_Type values
    ngo = ("NGO", N_("NGO"))
    law_enforcement = ("LawEnforcement", N_("Law enforcement"))
    health_service = ("HealthServiceOrganisation", N_("Health service organisation"))
    central_government = ("CentralGovernmentOrganisation", N_("Central government organisation"))
    local_government = ("LocalGovernmentOrganisation", N_("Local government organisation"))
    immigration = ("ImmigrationService", N_("Immigration service"))
    legal_service = ("LegalService", N_("Legal service"))
    business = ("CorporateBusiness", N_("Corporate business"))
    school = ("SchoolOrCollege", N_("School or college"))
    media = ("media", N_("Media"))
    other = ("other", N_("Other"))


class Role(LabelledEnum):
    victim = ("victim", N_("Victim"))
    witness = ("witness", N_("Witness"))


class Sex(LabelledEnum):
    female = ("female", N_("Female"))
    male = ("male", N_("Male"))

    @classmethod
    def aliases(cls) -> dict[str, str]:
        # HTCDS prs_Gender values, and the letters on Indonesian forms (P/L) and English ones (F/M)
        return {
            "feminine": "female",
            "masculine": "male",
            "p": "female",
            "l": "male",
            "pr": "female",
            "lk": "male",
            "f": "female",
            "m": "male",
            "wanita": "female",
            "pria": "male",
        }


class CaseStatus(LabelledEnum):
    """HTCDS cas_Status."""

    active = ("active", N_("Active"))
    follow_up = ("follow-up", N_("Follow-up"))
    closed = ("closed", N_("Closed"))
    closed_referred = ("closed-referred", N_("Closed, referred"))

    @property
    def is_closed(self) -> bool:
        return self in (CaseStatus.closed, CaseStatus.closed_referred)


class RiskLevel(LabelledEnum):
    high = ("high", N_("High"))
    medium = ("medium", N_("Medium"))
    low = ("low", N_("Low"))


class ReferralStatus(LabelledEnum):
    pending = ("pending", N_("Pending"))
    accepted = ("accepted", N_("Accepted"))
    declined = ("declined", N_("Declined"))
    completed = ("completed", N_("Completed"))
    cancelled = ("cancelled", N_("Cancelled"))


class Direction(LabelledEnum):
    outgoing = ("outgoing", N_("Outgoing"))
    incoming = ("incoming", N_("Incoming"))


class TraffickingStatus(LabelledEnum):
    """HTCDS vic_TraffickingStatus."""

    possible = ("PossibleVictimOfTrafficking", N_("Possible victim of trafficking"))
    actual = ("ActualVictimOfTrafficking", N_("Actual victim of trafficking"))
    not_victim = ("NotAVictimOfTrafficking", N_("Not a victim of trafficking"))


class Exploitation(LabelledEnum):
    """HTCDS vic_TypeOfExploitation."""

    forced_labour = ("ForcedLabour", N_("Forced labour"))
    sexual = ("SexualExploitation", N_("Sexual exploitation"))
    child_labour = ("ChildLabour", N_("Child labour"))
    forced_marriage = ("ForcedMarriage", N_("Forced marriage"))
    servitude = ("Servitude", N_("Servitude"))
    forced_military = ("ForcedMilitaryByNonStateActors", N_("Forced military by non-state actors"))
    organ_removal = ("OrganRemoval", N_("Organ removal"))
    forced_begging = ("ForcedBegging", N_("Forced begging"))
    forced_adoption = ("ForcedAdoption", N_("Forced adoption"))
    surrogacy = ("Surrogacy", N_("Surrogacy"))
    other = ("Other", N_("Other"))


class MeansOfControl(LabelledEnum):
    """HTCDS vic_MethodsOfControl."""

    physical_threats = ("PhysicalThreats", N_("Physical threats"))
    threats_law = ("ThreatsLawEnforcement", N_("Threats of law enforcement"))
    threatens_family = ("ThreatensChildrenFamily", N_("Threatens children or family"))
    debt_bondage = ("DebtBondage", N_("Debt bondage"))
    false_promises = ("FalsePromises", N_("False promises"))
    physical_abuse = ("PhysicalAbuse", N_("Physical abuse"))
    sexual_abuse = ("SexualAbuse", N_("Sexual abuse"))
    takes_earnings = ("TakesEarnings", N_("Takes earnings"))
    restricts_finance = ("RestrictsFinancialAccess", N_("Restricts financial access"))
    restricts_medical = ("RestrictsMedicalCare", N_("Restricts medical care"))
    withholds_necessities = ("WithholdsNecessities", N_("Withholds necessities"))
    psychological_abuse = ("PsychologicalAbuse", N_("Psychological abuse"))
    psychoactive = ("PsychoactiveSubstance", N_("Psychoactive substance"))
    excessive_hours = ("ExcessiveWorkingHours", N_("Excessive working hours"))
    withholds_documents = ("WithholdsDocuments", N_("Withholds documents"))
    other = ("Other", N_("Other"))


class RecruitmentMethod(LabelledEnum):
    """HTCDS vic_MethodOfRecruitment."""

    place_of_business = ("AtAPlaceOfBusiness", N_("At a place of business"))
    educational_institution = ("AtAnEducationalInstitution", N_("At an educational institution"))
    at_work = ("AtWork", N_("At work"))
    online_social = ("ThroughOnlineSocialNetworks", N_("Through online social networks"))
    online_ad = ("ThroughAnOnlineAdvertisement", N_("Through an online advertisement"))
    tv_ad = ("ThroughATelevisionAdvert", N_("Through a television advert"))
    newspaper_ad = ("ThroughANewspaperAdvert", N_("Through a newspaper advert"))
    family = ("ThroughFamilyOrFamilyEvents", N_("Through family or family events"))
    friends = ("ThroughFriendsOrSocialEvents", N_("Through friends or social events"))
    other = ("Other", N_("Other"))


class Relationship(LabelledEnum):
    """HTCDS vic_RelationshipToTrafficker (HTCDS spells the last one 'Unaquainted')."""

    familial = ("Familial", N_("Familial"))
    acquainted = ("Acquainted", N_("Acquainted"))
    unacquainted = ("Unaquainted", N_("Unacquainted"))
