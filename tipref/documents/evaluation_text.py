"""The words of the six-monthly evaluation report, in Indonesian and English.

The legal basis cites only what DOMAIN.md §1 verifies (instruments, no unverified articles).
"""

from __future__ import annotations

from typing import Any

# Any: a value is a sentence (str) or, for lists such as the legal basis, a list of them.
TEXT: dict[str, dict[str, Any]] = {
    "id": {
        "number": "Nomor",
        "nature": "Sifat",
        "nature_value": "Biasa",
        "attachment": "Lampiran",
        "subject": "Hal",
        "subject_value": "Laporan Evaluasi Enam Bulanan Pelayanan Terpadu ({period})",
        "to": "Yth.",
        "at": "di",
        "fill_number": "[diisi oleh Tata Usaha]",
        "fill_addressee": "[diisi: kepala daerah, mis. Bupati …]",
        "sections": (
            "PENDAHULUAN",
            "DASAR HUKUM",
            "KEGIATAN",
            "HASIL PELAYANAN",
            "KENDALA",
            "REKOMENDASI",
            "KOMITMEN BERSAMA",
            "PENUTUP",
        ),
        "opening": "Sebagai pelaksanaan pemantauan dan evaluasi pelayanan terpadu bagi saksi "
        "dan/atau korban tindak pidana perdagangan orang, bersama ini kami sampaikan laporan "
        "evaluasi {org} untuk {period}. Angka dalam laporan ini dihitung dari buku kasus; "
        "data per {as_of}.",
        "basis": (
            "Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang;",
            "Peraturan Pemerintah Nomor 9 Tahun 2008 tentang Tata Cara dan Mekanisme Pelayanan "
            "Terpadu bagi Saksi dan/atau Korban Tindak Pidana Perdagangan Orang;",
            "Peraturan Menteri Pemberdayaan Perempuan dan Perlindungan Anak Nomor 4 Tahun 2018 "
            "tentang Pedoman Pembentukan Unit Pelaksana Teknis Daerah Perlindungan Perempuan dan Anak;",
            "Peraturan Menteri Pemberdayaan Perempuan dan Perlindungan Anak Nomor 8 Tahun 2021 "
            "tentang Standar Operasional Prosedur Pelayanan Terpadu bagi Saksi dan/atau Korban "
            "Tindak Pidana Perdagangan Orang.",
        ),
        "fill_basis": "[diisi bila ada: peraturan daerah atau peraturan bupati setempat]",
        "fill_activities": "[diisi oleh {signer}: kegiatan lain dalam periode ini, mis. "
        "penjangkauan, sosialisasi, pelatihan, konferensi kasus]",
        "meeting": "Rapat koordinasi tanggal {day} di {place}: dokumen komitmen bersama nomor "
        "{number}, ditandatangani {count} peserta.",
        "service_line": "{service}: {total}; {statuses}.",
        "median_line": " Median {days} hari sampai diterima (n={n}).",
        "victims_heading": "Korban dan kasus",
        "referrals_heading": "Rujukan dan layanan",
        "no_data": "Tidak ada data dalam periode ini.",
        "obstacle_overdue": "{count} belum dijawab lembaga penerima melewati batas waktu "
        "(tabel Rujukan terlambat dijawab).",
        "obstacle_declined": "{count} ditolak lembaga penerima.",
        "obstacle_open": "{count} korban belum ditetapkan status identifikasinya.",
        "fill_obstacles": "[diisi oleh {signer}: kendala lain, mis. anggaran, tenaga, "
        "jarak, koordinasi]",
        "recommend_overdue": "Menindaklanjuti rujukan yang terlambat dengan lembaga penerima "
        "dalam rapat koordinasi berikutnya.",
        "fill_recommendations": "[diisi oleh {signer}: rekomendasi kepada Bupati dan Gugus Tugas]",
        "no_commitments": "Tidak ada dokumen komitmen bersama dalam periode ini.",
        "follow_up": "Tindak lanjut: ",
        "fill_follow_up": "[diisi oleh Sekretariat Gugus Tugas]",
        "closing": "Demikian laporan ini kami sampaikan. Atas perhatian Bapak/Ibu, kami "
        "ucapkan terima kasih.",
        "fill_signer": "[diisi: nama penanda tangan]",
        "copies": "Tembusan:",
        "copy_default": "Ketua Gugus Tugas PP TPPO",
    },
    "en": {
        "number": "Number",
        "nature": "Nature",
        "nature_value": "Ordinary",
        "attachment": "Attachment",
        "subject": "Subject",
        "subject_value": "Six-monthly evaluation report of the integrated service ({period})",
        "to": "To:",
        "at": "in",
        "fill_number": "[to be filled in by the office]",
        "fill_addressee": "[to be filled in: the head of region, e.g. Bupati …]",
        "sections": (
            "INTRODUCTION",
            "LEGAL BASIS",
            "ACTIVITIES",
            "RESULTS BY SERVICE",
            "OBSTACLES",
            "RECOMMENDATIONS",
            "JOINT COMMITMENTS",
            "CLOSING",
        ),
        "opening": "As part of the monitoring and evaluation of the integrated service for "
        "witnesses and victims of trafficking, we submit the evaluation report of {org} for "
        "{period}. The figures are counted from the case book; data as of {as_of}.",
        "basis": (
            "Law 21/2007 (UU 21/2007) on the Eradication of the Crime of Trafficking in Persons;",
            "Government Regulation 9/2008 (PP 9/2008) on the Procedure and Mechanism of "
            "Integrated Services for Witnesses and/or Victims of Trafficking;",
            "Regulation of the Minister for Women's Empowerment and Child Protection 4/2018 "
            "(Permen PPPA 4/2018) on establishing the UPTD PPA;",
            "Regulation of the Minister for Women's Empowerment and Child Protection 8/2021 "
            "(Permen PPPA 8/2021) on the SOP of Integrated Services for Witnesses and/or "
            "Victims of Trafficking.",
        ),
        "fill_basis": "[to be filled in where they exist: local regulations]",
        "fill_activities": "[to be written by {signer}: other activities in the period, e.g. "
        "outreach, awareness sessions, training, case conferences]",
        "meeting": "Coordination meeting on {day} at {place}: joint commitment number "
        "{number}, signed by {count}.",
        "service_line": "{service}: {total}; {statuses}.",
        "median_line": " Median {days} days to acceptance (n={n}).",
        "victims_heading": "Victims and cases",
        "referrals_heading": "Referrals and services",
        "no_data": "No data in this period.",
        "obstacle_overdue": "{count} unanswered by the receiving institution past the deadline "
        "(table Overdue referrals).",
        "obstacle_declined": "{count} declined by the receiving institution.",
        "obstacle_open": "{count} not yet identified (victim or presumed victim).",
        "fill_obstacles": "[to be written by {signer}: other obstacles, e.g. budget, staff, "
        "distance, coordination]",
        "recommend_overdue": "Follow up the overdue referrals with the receiving institutions "
        "at the next coordination meeting.",
        "fill_recommendations": "[to be written by {signer}: recommendations to the Bupati "
        "and the task force]",
        "no_commitments": "No joint commitment documents in this period.",
        "follow_up": "Follow-up: ",
        "fill_follow_up": "[to be filled in by the task force secretariat]",
        "closing": "We submit this report for your attention. Thank you.",
        "fill_signer": "[to be filled in: the signer's name]",
        "copies": "Copies to:",
        "copy_default": "Chair of the anti-trafficking task force (Gugus Tugas PP TPPO)",
    },
}
