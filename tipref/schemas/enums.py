"""The enumerated values of tipref's records, with their labels in both languages.

Where HTCDS 2.0 has the field (../shared/reference/htcds-2.0-fields.csv) the machine ids
are its value names, so an export needs no translation table.
"""

from __future__ import annotations

from tipref.schemas.labels import LabelledEnum


class Service(LabelledEnum):
    """The SOP services of Permen PPPA 8/2021."""

    identification = ("identification", "Pengaduan / Identifikasi", "Complaint / identification")
    health = ("health", "Rehabilitasi Kesehatan", "Health rehabilitation")
    social = ("social", "Rehabilitasi Sosial", "Social rehabilitation")
    legal = ("legal", "Bantuan Hukum", "Legal aid")
    repatriation = ("repatriation", "Pemulangan", "Repatriation")
    reintegration = ("reintegration", "Reintegrasi Sosial", "Social reintegration")
    coordination = (
        "coordination",
        "Koordinasi, Evaluasi, dan Pelaporan",
        "Coordination, evaluation and reporting",
    )


class ProviderType(LabelledEnum):
    # Indonesian institutions of the referral network
    uptd_ppa = ("uptd-ppa", "UPTD PPA", "UPTD PPA (women and child protection unit)")
    p2tp2a = ("p2tp2a", "P2TP2A (dahulu; kini UPTD PPA)", "P2TP2A (formerly; now UPTD PPA)")
    dinas_sosial = ("dinas-sosial", "Dinas Sosial", "Social affairs office")
    dinas_pppa = ("dinas-pppa", "Dinas PPPA", "Women empowerment and child protection office")
    disnaker = ("disnaker", "Dinas Tenaga Kerja", "Manpower office")
    dukcapil = ("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Civil registry office")
    education_office = ("dinas-pendidikan", "Dinas Pendidikan", "Education office")
    hospital = ("hospital", "Rumah sakit", "Hospital")
    puskesmas = ("puskesmas", "Puskesmas", "Community health centre")
    police = ("police", "Kepolisian", "Police")
    prosecutor = ("prosecutor", "Kejaksaan", "Prosecutor")
    court = ("court", "Pengadilan", "Court")
    legal_aid = ("legal-aid", "Lembaga bantuan hukum", "Legal aid organisation")
    paralegal = ("paralegal", "Paralegal", "Paralegal")
    lpsk = ("lpsk", "LPSK", "Witness and victim protection agency (LPSK)")
    bp3mi = ("bp3mi", "BP3MI (KP2MI)", "Migrant worker protection office (BP3MI, of KP2MI)")
    mission_abroad = ("mission-abroad", "Perwakilan RI (KBRI/KJRI)", "Indonesian mission abroad")
    shelter = ("shelter", "Rumah aman", "Shelter")
    task_force = ("task-force", "Gugus Tugas PP TPPO", "Anti-trafficking task force")
    village = ("village", "Pemerintah desa", "Village government")
    # HTCDS org_Type values
    ngo = ("NGO", "LSM / organisasi masyarakat", "NGO")
    law_enforcement = ("LawEnforcement", "Penegak hukum", "Law enforcement")
    health_service = (
        "HealthServiceOrganisation",
        "Layanan kesehatan",
        "Health service organisation",
    )
    central_government = (
        "CentralGovernmentOrganisation",
        "Pemerintah pusat",
        "Central government organisation",
    )
    local_government = (
        "LocalGovernmentOrganisation",
        "Pemerintah daerah",
        "Local government organisation",
    )
    immigration = ("ImmigrationService", "Imigrasi", "Immigration service")
    legal_service = ("LegalService", "Layanan hukum", "Legal service")
    business = ("CorporateBusiness", "Perusahaan", "Corporate business")
    school = ("SchoolOrCollege", "Sekolah / perguruan tinggi", "School or college")
    media = ("media", "Media", "Media")
    other = ("other", "Lainnya", "Other")


class Role(LabelledEnum):
    victim = ("victim", "Korban", "Victim")
    witness = ("witness", "Saksi", "Witness")


class Sex(LabelledEnum):
    female = ("female", "Perempuan", "Female")
    male = ("male", "Laki-laki", "Male")

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

    active = ("active", "Aktif", "Active")
    follow_up = ("follow-up", "Tindak lanjut", "Follow-up")
    closed = ("closed", "Ditutup", "Closed")
    closed_referred = ("closed-referred", "Ditutup, dirujuk", "Closed, referred")

    @property
    def is_closed(self) -> bool:
        return self in (CaseStatus.closed, CaseStatus.closed_referred)


class RiskLevel(LabelledEnum):
    high = ("high", "Tinggi", "High")
    medium = ("medium", "Sedang", "Medium")
    low = ("low", "Rendah", "Low")


class ReferralStatus(LabelledEnum):
    pending = ("pending", "Menunggu", "Pending")
    accepted = ("accepted", "Diterima", "Accepted")
    declined = ("declined", "Ditolak", "Declined")
    completed = ("completed", "Selesai", "Completed")
    cancelled = ("cancelled", "Dibatalkan", "Cancelled")


class Direction(LabelledEnum):
    outgoing = ("outgoing", "Keluar", "Outgoing")
    incoming = ("incoming", "Masuk", "Incoming")


class TraffickingStatus(LabelledEnum):
    """HTCDS vic_TraffickingStatus."""

    possible = (
        "PossibleVictimOfTrafficking",
        "Diduga korban TPPO",
        "Possible victim of trafficking",
    )
    actual = ("ActualVictimOfTrafficking", "Korban TPPO", "Actual victim of trafficking")
    not_victim = ("NotAVictimOfTrafficking", "Bukan korban TPPO", "Not a victim of trafficking")


class Exploitation(LabelledEnum):
    """HTCDS vic_TypeOfExploitation."""

    forced_labour = ("ForcedLabour", "Kerja paksa", "Forced labour")
    sexual = ("SexualExploitation", "Eksploitasi seksual", "Sexual exploitation")
    child_labour = ("ChildLabour", "Pekerja anak", "Child labour")
    forced_marriage = ("ForcedMarriage", "Kawin paksa", "Forced marriage")
    servitude = ("Servitude", "Perhambaan", "Servitude")
    forced_military = (
        "ForcedMilitaryByNonStateActors",
        "Dipaksa ikut kelompok bersenjata",
        "Forced military by non-state actors",
    )
    organ_removal = ("OrganRemoval", "Pengambilan organ", "Organ removal")
    forced_begging = ("ForcedBegging", "Dipaksa mengemis", "Forced begging")
    forced_adoption = ("ForcedAdoption", "Adopsi paksa", "Forced adoption")
    surrogacy = ("Surrogacy", "Ibu pengganti", "Surrogacy")
    other = ("Other", "Lainnya", "Other")


class MeansOfControl(LabelledEnum):
    """HTCDS vic_MethodsOfControl."""

    physical_threats = ("PhysicalThreats", "Ancaman fisik", "Physical threats")
    threats_law = (
        "ThreatsLawEnforcement",
        "Ancaman dilaporkan ke aparat",
        "Threats of law enforcement",
    )
    threatens_family = (
        "ThreatensChildrenFamily",
        "Ancaman terhadap anak/keluarga",
        "Threatens children or family",
    )
    debt_bondage = ("DebtBondage", "Jeratan utang", "Debt bondage")
    false_promises = ("FalsePromises", "Janji palsu", "False promises")
    physical_abuse = ("PhysicalAbuse", "Kekerasan fisik", "Physical abuse")
    sexual_abuse = ("SexualAbuse", "Kekerasan seksual", "Sexual abuse")
    takes_earnings = ("TakesEarnings", "Upah diambil", "Takes earnings")
    restricts_finance = (
        "RestrictsFinancialAccess",
        "Akses keuangan dibatasi",
        "Restricts financial access",
    )
    restricts_medical = (
        "RestrictsMedicalCare",
        "Akses kesehatan dibatasi",
        "Restricts medical care",
    )
    withholds_necessities = (
        "WithholdsNecessities",
        "Kebutuhan dasar ditahan",
        "Withholds necessities",
    )
    psychological_abuse = ("PsychologicalAbuse", "Kekerasan psikis", "Psychological abuse")
    psychoactive = ("PsychoactiveSubstance", "Zat psikoaktif", "Psychoactive substance")
    excessive_hours = ("ExcessiveWorkingHours", "Jam kerja berlebihan", "Excessive working hours")
    withholds_documents = ("WithholdsDocuments", "Dokumen ditahan", "Withholds documents")
    other = ("Other", "Lainnya", "Other")


class RecruitmentMethod(LabelledEnum):
    """HTCDS vic_MethodOfRecruitment."""

    place_of_business = ("AtAPlaceOfBusiness", "Di tempat usaha", "At a place of business")
    educational_institution = (
        "AtAnEducationalInstitution",
        "Di lembaga pendidikan",
        "At an educational institution",
    )
    at_work = ("AtWork", "Di tempat kerja", "At work")
    online_social = (
        "ThroughOnlineSocialNetworks",
        "Lewat media sosial",
        "Through online social networks",
    )
    online_ad = (
        "ThroughAnOnlineAdvertisement",
        "Lewat iklan daring",
        "Through an online advertisement",
    )
    tv_ad = ("ThroughATelevisionAdvert", "Lewat iklan televisi", "Through a television advert")
    newspaper_ad = ("ThroughANewspaperAdvert", "Lewat iklan koran", "Through a newspaper advert")
    family = ("ThroughFamilyOrFamilyEvents", "Lewat keluarga", "Through family or family events")
    friends = ("ThroughFriendsOrSocialEvents", "Lewat teman", "Through friends or social events")
    other = ("Other", "Lainnya", "Other")


class Relationship(LabelledEnum):
    """HTCDS vic_RelationshipToTrafficker (HTCDS spells the last one 'Unaquainted')."""

    familial = ("Familial", "Keluarga", "Familial")
    acquainted = ("Acquainted", "Kenalan", "Acquainted")
    unacquainted = ("Unaquainted", "Tidak kenal", "Unacquainted")
