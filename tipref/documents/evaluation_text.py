"""The words of the six-monthly evaluation report, in Indonesian and English.

The legal basis cites only what DOMAIN.md §1 verifies (instruments, no unverified articles).
"""

from __future__ import annotations

from tipref.i18n import N_, Localized

# Any: a value is a sentence (str) or, for lists such as the legal basis, a list of them.
TEXT = Localized(
    {
        "number": N_("Number"),
        "nature": N_("Nature"),
        "nature_value": N_("Ordinary"),
        "attachment": N_("Attachment"),
        "subject": N_("Subject"),
        "subject_value": N_("Six-monthly evaluation report of the integrated service ({period})"),
        "to": N_("To:"),
        "at": N_("in"),
        "fill_number": N_("[to be filled in by the office]"),
        "fill_addressee": N_("[to be filled in: the head of region, e.g. Bupati …]"),
        "sections": (
            N_("INTRODUCTION"),
            N_("LEGAL BASIS"),
            N_("ACTIVITIES"),
            N_("RESULTS BY SERVICE"),
            N_("OBSTACLES"),
            N_("RECOMMENDATIONS"),
            N_("JOINT COMMITMENTS"),
            N_("CLOSING"),
        ),
        "opening": N_(
            "As part of the monitoring and evaluation of the integrated service for witnesses and victims of trafficking, we submit the evaluation report of {org} for {period}. The figures are counted from the case book; data as of {as_of}."
        ),
        "basis": (
            N_(
                "Law 21/2007 (UU 21/2007) on the Eradication of the Crime of Trafficking in Persons;"
            ),
            N_(
                "Government Regulation 9/2008 (PP 9/2008) on the Procedure and Mechanism of Integrated Services for Witnesses and/or Victims of Trafficking;"
            ),
            N_(
                "Regulation of the Minister for Women's Empowerment and Child Protection 4/2018 (Permen PPPA 4/2018) on establishing the UPTD PPA;"
            ),
            N_(
                "Regulation of the Minister for Women's Empowerment and Child Protection 8/2021 (Permen PPPA 8/2021) on the SOP of Integrated Services for Witnesses and/or Victims of Trafficking."
            ),
        ),
        "fill_basis": N_("[to be filled in where they exist: local regulations]"),
        "fill_activities": N_(
            "[to be written by {signer}: other activities in the period, e.g. outreach, awareness sessions, training, case conferences]"
        ),
        "meeting": N_(
            "Coordination meeting on {day} at {place}: joint commitment number {number}, signed by {count}."
        ),
        "service_line": "{service}: {total}; {statuses}.",
        "median_line": N_(" Median {days} days to acceptance (n={n})."),
        "victims_heading": N_("Victims and cases"),
        "referrals_heading": N_("Referrals and services"),
        "no_data": N_("No data in this period."),
        "obstacle_overdue": N_(
            "{count} unanswered by the receiving institution past the deadline (table Overdue referrals)."
        ),
        "obstacle_declined": N_("{count} declined by the receiving institution."),
        "obstacle_open": N_("{count} not yet identified (victim or presumed victim)."),
        "fill_obstacles": N_(
            "[to be written by {signer}: other obstacles, e.g. budget, staff, distance, coordination]"
        ),
        "recommend_overdue": N_(
            "Follow up the overdue referrals with the receiving institutions at the next coordination meeting."
        ),
        "fill_recommendations": N_(
            "[to be written by {signer}: recommendations to the Bupati and the task force]"
        ),
        "no_commitments": N_("No joint commitment documents in this period."),
        "follow_up": N_("Follow-up: "),
        "fill_follow_up": N_("[to be filled in by the task force secretariat]"),
        "closing": N_("We submit this report for your attention. Thank you."),
        "fill_signer": N_("[to be filled in: the signer's name]"),
        "copies": N_("Copies to:"),
        "copy_default": N_("Chair of the anti-trafficking task force (Gugus Tugas PP TPPO)"),
    }
)
