"""The old message keys (id and en texts), until the gettext conversion removes them."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.generic": {"id": "Gagal: {detail}", "en": "Failed: {detail}"},
    "error.prefix": {"id": "Galat", "en": "Error"},
    "error.unexpected": {
        "id": "Galat tak terduga: {detail}. Jalankan lagi dengan --debug untuk rinciannya.",
        "en": "Unexpected error: {detail}. Run again with --debug for details.",
    },
    "book.not_found": {
        "id": "Buku kasus tidak ditemukan di {where}. Buat dengan 'tipref init PATH', atau tunjuk dengan --book PATH atau TIPREF_BOOK.",
        "en": "No case book found at {where}. Create one with 'tipref init PATH', or point to one with --book PATH or TIPREF_BOOK.",
    },
    "book.exists": {
        "id": "Sudah ada buku kasus di {path}.",
        "en": "There is already a case book at {path}.",
    },
    "book.busy": {
        "id": "Buku kasus sedang dipakai proses lain ({lock}); coba lagi sebentar lagi.",
        "en": "The case book is busy in another process ({lock}); try again in a moment.",
    },
    "book.settings_invalid": {
        "id": "Berkas pengaturan {path}: {field}: {problem}",
        "en": "The settings file {path}: {field}: {problem}",
    },
    "book.settings_corrupt": {
        "id": "Berkas pengaturan {path} rusak: {detail}",
        "en": "The settings file {path} is damaged: {detail}",
    },
    "record.not_found": {
        "id": "{kind} '{ref}' tidak ditemukan.",
        "en": "{kind} '{ref}' not found.",
    },
    "record.ambiguous": {
        "id": "'{ref}' cocok dengan lebih dari satu {kind}: {matches}. Pakai id-nya.",
        "en": "'{ref}' matches more than one {kind}: {matches}. Use its id.",
    },
    "done.nothing_to_change": {
        "id": "{number}: tidak ada yang diubah.",
        "en": "{number}: nothing to change.",
    },
    "record.not_found_corrupt": {
        "id": "{kind} '{ref}' tidak ditemukan; {count} berkas rekaman jenis ini rusak dan mungkin memuatnya: jalankan 'tipref doctor'.",
        "en": "{kind} '{ref}' not found; {count} record files of this kind are corrupt and may hold it: run 'tipref doctor'.",
    },
    "record.corrupt": {
        "id": "Berkas rekaman rusak: {path} ({detail}). Rekaman lain tetap bisa dipakai; 'tipref doctor' mendaftar berkas seperti ini.",
        "en": "Corrupt record file: {path} ({detail}). Other records still work; 'tipref doctor' lists such files.",
    },
    "userfile.config_damaged": {
        "id": "Berkas pengaturan Anda {path} rusak ({detail}). Itu berkas Anda di komputer ini, "
        "bukan buku kasus (buku tetap utuh). Pindahkan berkas itu (mis. ganti nama menjadi "
        "config.json.rusak); tipref membuat yang baru, lalu atur nama Anda lagi dengan "
        "'tipref config set user NAMA'.",
        "en": "Your settings file {path} is damaged ({detail}). It is yours on this computer, not "
        "the case book's (the book is fine). Move it aside (e.g. rename it config.json.bad); "
        "tipref makes a new one; then set your name again with 'tipref config set user NAME'.",
    },
    "record.partial": {
        "id": "{count} rekaman {kind} tidak bisa dibaca (mis. {path}: {detail}); tidak ada yang dicetak atau ditulis. Jalankan 'tipref doctor', atau tambahkan --allow-partial untuk lanjut tanpa rekaman itu.",
        "en": "{count} {kind} record(s) could not be read (e.g. {path}: {detail}); nothing was printed or written. Run 'tipref doctor', or add --allow-partial to go on without them.",
    },
    "warn.partial": {
        "id": "{count} berkas rekaman tidak bisa dibaca dan tidak termasuk di sini; jalankan 'tipref doctor'.",
        "en": "{count} record file(s) could not be read and are left out here; run 'tipref doctor'.",
    },
    "record.conflict": {
        "id": "{kind} {ref} diubah orang lain sejak dibaca. Kolom yang bentrok: {fields}.",
        "en": "{kind} {ref} was changed by someone else since it was read. Clashing fields: {fields}.",
    },
    "input.invalid": {"id": "{field}: {problem}", "en": "{field}: {problem}"},
    "input.missing": {"id": "{field}: wajib diisi", "en": "{field}: is required"},
    "nik.length": {
        "id": "NIK harus 16 angka, yang diberikan {length} angka",
        "en": "a NIK has 16 digits, this one has {length}",
    },
    "nik.digits": {"id": "NIK hanya boleh berisi angka", "en": "a NIK may contain digits only"},
    "nik.date": {
        "id": "tanggal lahir dalam NIK ({part}) tidak mungkin",
        "en": "the birth date inside the NIK ({part}) is impossible",
    },
    "nik.region": {
        "id": "kode wilayah dalam NIK ({part}) tidak dikenal",
        "en": "the region code inside the NIK ({part}) is unknown",
    },
    "nik.sex": {
        "id": "NIK menunjukkan {nik_sex} (hari lahir {day}; perempuan +40), tetapi jenis kelamin tercatat {sex}",
        "en": "the NIK says {nik_sex} (birth day {day}; women add 40), but the recorded sex is {sex}",
    },
    "nik.birth_date": {
        "id": "NIK menunjukkan lahir {nik_date}, tetapi tanggal lahir tercatat {birth_date}",
        "en": "the NIK says born {nik_date}, but the recorded birth date is {birth_date}",
    },
    "date.future": {
        "id": "tanggal {value} ada di masa depan",
        "en": "the date {value} is in the future",
    },
    "phone.invalid": {
        "id": "'{value}' bukan nomor telepon yang sah",
        "en": "'{value}' is not a valid phone number",
    },
    "country.invalid": {
        "id": "'{value}' bukan kode negara ISO 3166 (mis. ID, MY, SG)",
        "en": "'{value}' is not an ISO 3166 country code (e.g. ID, MY, SG)",
    },
    "choice.invalid": {
        "id": "'{value}' tidak dikenal; pilihan: {choices}",
        "en": "'{value}' is not known; choose from: {choices}",
    },
    "age.conflict": {
        "id": "isi tanggal lahir atau perkiraan umur, tidak keduanya",
        "en": "give a birth date or an estimated age, not both",
    },
    "case.closed": {
        "id": "Kasus {ref} sudah ditutup ({status}); buka kembali dulu dengan 'tipref case update {ref} --status active'.",
        "en": "Case {ref} is closed ({status}); reopen it first with 'tipref case update {ref} --status active'.",
    },
    "case.already_closed": {
        "id": "Kasus {ref} sudah ditutup.",
        "en": "Case {ref} is already closed.",
    },
    "case.close_status": {
        "id": "status penutupan harus closed atau closed-referred",
        "en": "a closing status must be closed or closed-referred",
    },
    "case.person_not_found": {
        "id": "Orang '{ref}' tidak ada dalam kasus {case}; orang yang ada: {persons}",
        "en": "Person '{ref}' is not in case {case}; persons there: {persons}",
    },
    "case.status_closed_use_close": {
        "id": "untuk menutup kasus pakai 'tipref case close' (alasan wajib)",
        "en": "to close a case use 'tipref case close' (a reason is required)",
    },
    "referral.bad_transition": {
        "id": "Rujukan {ref} berstatus {current}; tidak bisa menjadi {target}. Yang boleh: {allowed}.",
        "en": "Referral {ref} is {current}; it cannot become {target}. Allowed: {allowed}.",
    },
    "referral.final": {"id": "tidak ada (status akhir)", "en": "none (final status)"},
    "referral.reason_required": {
        "id": "alasan wajib diisi saat rujukan {status}",
        "en": "a reason is required when a referral is {status}",
    },
    "referral.provider_service": {
        "id": "{provider} tidak mencatat layanan {service}; layanannya: {services}",
        "en": "{provider} does not offer {service}; its services: {services}",
    },
    "provider.code_taken": {
        "id": "kode '{code}' sudah dipakai oleh {name}",
        "en": "the code '{code}' is already used by {name}",
    },
    "done.init": {"id": "Buku kasus dibuat di {path}", "en": "Case book created at {path}"},
    "done.init_zone": {
        "id": "Zona waktu buku: {zone} (hari ini di sana: {today})",
        "en": "The book's time zone: {zone} (today there: {today})",
    },
    "done.created": {"id": "{kind} {number} dibuat ({id})", "en": "{kind} {number} created ({id})"},
    "done.updated": {
        "id": "{kind} {number} diperbarui (revisi {revision})",
        "en": "{kind} {number} updated (revision {revision})",
    },
    "warn.corrupt_skipped": {
        "id": "{count} berkas rekaman rusak dilewati; jalankan 'tipref doctor'.",
        "en": "{count} corrupt record file(s) skipped; run 'tipref doctor'.",
    },
    "done.seeded": {
        "id": "{count} lembaga contoh ditambahkan; ubah dengan 'tipref provider update'.",
        "en": "{count} example providers added; edit them with 'tipref provider update'.",
    },
    "done.closed": {
        "id": "Kasus {number} ditutup ({status}).",
        "en": "Case {number} closed ({status}).",
    },
    "done.status": {
        "id": "Rujukan {number}: {old} → {new}",
        "en": "Referral {number}: {old} → {new}",
    },
    "done.config": {"id": "{key} = {value}", "en": "{key} = {value}"},
    "list.more": {
        "id": "… dan {count} lagi: saring (--status, --case ...), --limit 0 untuk semua, atau --json.",
        "en": "… and {count} more: filter (--status, --case ...), --limit 0 for all, or --json.",
    },
    "nothing.found": {"id": "Tidak ada data.", "en": "Nothing found."},
    "col.number": {"id": "Nomor", "en": "Number"},
    "col.status": {"id": "Status", "en": "Status"},
    "col.opened": {"id": "Dibuka", "en": "Opened"},
    "col.persons": {"id": "Orang", "en": "Persons"},
    "col.risk": {"id": "Risiko", "en": "Risk"},
    "col.service": {"id": "Layanan", "en": "Service"},
    "col.provider": {"id": "Lembaga", "en": "Provider"},
    "col.person": {"id": "Orang", "en": "Person"},
    "col.waited": {"id": "Hari", "en": "Days"},
    "col.name": {"id": "Nama", "en": "Name"},
    "col.type": {"id": "Jenis", "en": "Type"},
    "col.services": {"id": "Layanan", "en": "Services"},
    "col.phone": {"id": "Telepon", "en": "Phone"},
    "col.contact": {"id": "Kontak", "en": "Contact"},
    "col.code": {"id": "Kode", "en": "Code"},
    "col.direction": {"id": "Arah", "en": "Direction"},
    "col.referred_on": {"id": "Tanggal", "en": "Referred on"},
    "col.role": {"id": "Peran", "en": "Role"},
    "col.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "col.age": {"id": "Umur", "en": "Age"},
    "col.child": {"id": "Anak", "en": "Child"},
    "col.nik": {"id": "NIK", "en": "NIK"},
    "col.address": {"id": "Alamat", "en": "Address"},
    "col.nationality": {"id": "Kewarganegaraan", "en": "Nationality"},
    "col.birth_date": {"id": "Tanggal lahir", "en": "Birth date"},
    "col.trafficking_status": {"id": "Status TPPO", "en": "Trafficking status"},
    "col.exploitation": {"id": "Jenis eksploitasi", "en": "Type of exploitation"},
    "col.means_of_control": {"id": "Cara pengendalian", "en": "Means of control"},
    "col.recruitment": {"id": "Cara perekrutan", "en": "Method of recruitment"},
    "col.relationship": {"id": "Hubungan dengan pelaku", "en": "Relationship to trafficker"},
    "col.recruitment_place": {"id": "Tempat perekrutan", "en": "Place of recruitment"},
    "col.exploitation_place": {"id": "Tempat eksploitasi", "en": "Place of exploitation"},
    "col.chronology": {"id": "Kronologi", "en": "Chronology"},
    "col.closed_reason": {"id": "Alasan penutupan", "en": "Reason for closing"},
    "col.reason": {"id": "Alasan", "en": "Reason"},
    "col.situation": {"id": "Kondisi saat ini", "en": "Current situation"},
    "col.services_given": {"id": "Layanan yang sudah diberikan", "en": "Services already given"},
    "col.attachments": {"id": "Lampiran", "en": "Attachments"},
    "col.history": {"id": "Riwayat", "en": "History"},
    "col.case": {"id": "Kasus", "en": "Case"},
    "col.allowed_next": {"id": "Langkah berikut", "en": "Allowed next"},
    "col.email": {"id": "Surel", "en": "E-mail"},
    "col.district": {"id": "Kabupaten/kota", "en": "District"},
    "col.id": {"id": "Id", "en": "Id"},
    "col.revision": {"id": "Revisi", "en": "Revision"},
    "col.yes": {"id": "ya", "en": "yes"},
    "col.no": {"id": "tidak", "en": "no"},
    "col.language": {"id": "Bahasa", "en": "Language"},
    "col.user": {"id": "Pengguna", "en": "User"},
    "col.device": {"id": "Perangkat", "en": "Device"},
    "col.timezone": {"id": "Zona waktu buku", "en": "Book's time zone"},
    "col.today": {"id": "Hari ini (buku)", "en": "Today (book)"},
    "col.note": {"id": "Catatan", "en": "Note"},
    "col.when": {"id": "Waktu", "en": "When"},
    "col.by": {"id": "Oleh", "en": "By"},
    "kind.case": {"id": "Kasus", "en": "Case"},
    "kind.referral": {"id": "Rujukan", "en": "Referral"},
    "kind.provider": {"id": "Lembaga", "en": "Provider"},
    "kind.person": {"id": "Orang", "en": "Person"},
    "kind.commitment": {"id": "Dokumen komitmen", "en": "Commitment document"},
    "kind.handover": {"id": "Serah terima", "en": "Handover"},
    "kind.conference": {"id": "Rapat koordinasi kasus", "en": "Case conference"},
}
