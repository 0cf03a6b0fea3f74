"""``tipref doctor``: find and mend what sharing a book through a folder can leave behind.

* conflict copies a sync service made of a record (Syncthing, Nextcloud, Dropbox,
  OneDrive): merged field by field into the record, three-way when the history logs show
  the common ancestor, two-way otherwise; a field both sides changed is a clash that a
  person decides (``keep``: mine, theirs, newest, or a callback asking on a terminal).
  The losing version goes into the history; the copy is removed only after the merged
  record is written;
* conflict copies of counters (the highest value wins) and of history logs (lines merged,
  duplicates dropped);
* corrupt record files, unexpected files in record folders, stale temp files;
* duplicate display numbers (two offline machines minted the same one), with renumbering;
* references to records that do not exist (a referral's case, provider or person).

Without ``fix`` nothing is changed: the report says what would be done.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.errors import CorruptRecord, KeyMissing, NotFound
from tipref.i18n import Msg, register_messages
from tipref.storage.atomic import TEMP_SUFFIX, atomic_write_text
from tipref.storage.counters import COUNTER_FOLDER
from tipref.storage.store import RECORD_FILE, is_record_file
from tipref.sync import forks
from tipref.sync.copies import _merge_copy, common_ancestor, unflatten  # noqa: F401
from tipref.sync.numbers import _duplicates, _missing_references
from tipref.sync.problem import Decide, Problem, Rows
from tipref.sync.vaultcheck import vault_problems

ULID = r"[0-9A-HJKMNP-TV-Z]{26}"
# Conflict copy names: Syncthing, Nextcloud/ownCloud, Dropbox, OneDrive (and any other
# suffix on a record's id): the original's stem, then what the service added.
CONFLICT_PATTERNS = [
    re.compile(r"^(?P<stem>.+?)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}(?P<ext>\.jsonl?)$"),
    re.compile(
        r"^(?P<stem>.+?) \((?:[^()]*?'s )?conflicted copy[^()]*\)(?P<ext>\.jsonl?)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<stem>.+?) \(conflict[^()]*\)(?P<ext>\.jsonl?)$", re.IGNORECASE),
    # Google Drive keeps both versions as "name (1).json"
    re.compile(r"^(?P<stem>.+?) \(\d+\)(?P<ext>\.jsonl?)$"),
]
# OneDrive's "<id>-HOSTNAME.json" (records) and "<device>-HOSTNAME.jsonl" (logs)
RECORD_COPY = re.compile(rf"^(?P<stem>{ULID})[^0-9A-Z](?P<rest>.*)(?P<ext>\.jsonl?)$")
STALE_TEMP_SECONDS = 60
KEEP_CHOICES = ("mine", "theirs", "newest")

register_messages(
    {
        "doctor.clock_ahead": {
            "id": "{kind} {number}: {field} = {value}, lewat dari hari ini ({today}); periksa jam laptop yang menulisnya (catatan tetap sah)",
            "en": "{kind} {number}: {field} = {value} is after today ({today}); check the clock of the laptop that wrote it (the record stays valid)",
        },
        "doctor.conflict_copy": {
            "id": "Salinan konflik {copy} dari {kind} {number}: {outcome}",
            "en": "Conflict copy {copy} of {kind} {number}: {outcome}",
        },
        "doctor.merged": {"id": "digabung", "en": "merged"},
        "doctor.would_merge": {
            "id": "dapat digabung otomatis (pakai --fix)",
            "en": "merges cleanly (use --fix)",
        },
        "doctor.clash": {
            "id": "bentrok pada {fields} (pakai --keep mine|theirs|newest)",
            "en": "clash on {fields} (use --keep mine|theirs|newest)",
        },
        "doctor.decided": {
            "id": "digabung; bentrok {fields} diputuskan: {keep}",
            "en": "merged; clash on {fields} decided: {keep}",
        },
        "doctor.copy_unreadable": {
            "id": "Salinan konflik tidak terbaca: {path} ({detail})",
            "en": "Unreadable conflict copy: {path} ({detail})",
        },
        "doctor.orphan_copy": {
            "id": "Salinan konflik {copy}: catatan aslinya hilang; salinan dipulihkan",
            "en": "Conflict copy {copy}: its record is missing; the copy is restored",
        },
        "doctor.copy_in_logs": {
            "id": "Salinan konflik {copy}: perubahannya sudah ada di log perangkat; salinan dihapus",
            "en": "Conflict copy {copy}: its change is in a device log already; the copy is removed",
        },
        "doctor.letters_moved": {
            "id": "Rujukan {old} sekarang {new}; surat yang sudah dikirim dengan nomor lama: {letters}",
            "en": "Referral {old} is now {new}; letters already sent under the old number: {letters}",
        },
        "doctor.missing_folder": {
            "id": "Folder {path} hilang; catatannya dibangun ulang dari log",
            "en": "The folder {path} is missing; its records are rebuilt from the logs",
        },
        "doctor.corrupt": {
            "id": "Catatan rusak: {path} ({detail})",
            "en": "Corrupt record: {path} ({detail})",
        },
        "doctor.unexpected": {
            "id": "Berkas tak dikenal di folder catatan: {path}",
            "en": "Unexpected file in a record folder: {path}",
        },
        "doctor.temp": {
            "id": "Berkas sementara sisa: {path}",
            "en": "Leftover temp file: {path}",
        },
        "doctor.counter_copy": {
            "id": "Salinan konflik penghitung: {path} (nilai tertinggi dipakai)",
            "en": "Conflict copy of a counter: {path} (the highest value is kept)",
        },
        "doctor.history_copy": {
            "id": "Salinan konflik riwayat: {path} ({count} baris baru digabung)",
            "en": "Conflict copy of a history log: {path} ({count} new lines merged)",
        },
        "doctor.duplicate": {
            "id": "Nomor ganda {number}: {ids}. Perbaiki: tipref doctor --renumber",
            "en": "Duplicate number {number}: {ids}. Fix: tipref doctor --renumber",
        },
        "doctor.duplicate_letter": {
            "id": "Nomor surat ganda: {detail}",
            "en": "Duplicate letter number: {detail}",
        },
        "doctor.missing_ref": {
            "id": "{kind} {number} menunjuk {field}={target} yang tidak ada",
            "en": "{kind} {number} points to {field}={target}, which does not exist",
        },
        "doctor.healthy": {
            "id": "Buku kasus sehat.",
            "en": "The case book is healthy.",
        },
        "doctor.remaining": {
            "id": "{count} masalah tersisa.",
            "en": "{count} problem(s) remain.",
        },
        "doctor.fixed_count": {
            "id": "{count} masalah diperbaiki.",
            "en": "{count} problem(s) fixed.",
        },
    }
)


def conflict_original(name: str) -> str | None:
    """The file a sync service's conflict copy belongs to, or None if ``name`` is not one.

    A copy of a copy (the copy itself travelled and clashed again) leads to the original."""
    current = _strip_copy(name)
    while current is not None:
        deeper = _strip_copy(current)
        if deeper is None or deeper == current:
            return current
        current = deeper
    return None


def _strip_copy(name: str) -> str | None:
    for pattern in CONFLICT_PATTERNS:
        match = pattern.match(name)
        if match:
            return match["stem"] + match["ext"]
    match = RECORD_COPY.match(name)
    if match and not RECORD_FILE.match(name):
        return match["stem"] + match["ext"]
    return None


def diagnose(
    book: Book,
    fix: bool = False,
    keep: str | None = None,
    decide: Decide | None = None,
    renumber: bool = False,
) -> list[Problem]:
    """Every problem found; with ``fix`` (or ``keep``/``decide``) the ones that can be mended are."""
    with _cycles_not_collected():
        return _diagnose(
            book, fix or keep is not None or decide is not None, keep, decide, renumber
        )


@contextlib.contextmanager
def _cycles_not_collected() -> Iterator[None]:
    """doctor holds a summary of every record while it makes many more small objects; none of
    them forms a cycle (reference counting frees them), so the cyclic collector's repeated
    passes over the summaries are pure cost (a third of a run on 10,000 cases)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _diagnose(
    book: Book, fix: bool, keep: str | None, decide: Decide | None, renumber: bool
) -> list[Problem]:
    rows = Rows(book)
    problems: list[Problem] = []
    problems += _temp_files(book, fix)
    problems += _history_copies(book, fix)
    problems += _counter_copies(book, fix)
    problems += _missing_folders(book, fix)
    problems += forks.chain_problems(book, Problem, fix)
    problems += forks.record_problems(book, fix, keep, decide, Problem, rows)
    if fix:
        rows.forget()
    for kind in book.store.folders:
        problems += _record_folder(book, kind, fix, keep, decide, rows)
    if fix:
        rows.forget()  # the fixes above may have changed files
    problems += _duplicates(book, renumber or fix, rows)
    if fix or renumber:
        rows.forget()
    problems += _missing_references(book, rows)
    problems += _clock_warnings(book, rows)
    problems += _coordination_referrals(book, fix, rows)
    problems += vault_problems(book, fix)  # last: plain lines merged from copies get sealed
    return problems


def _coordination_referrals(book: Book, fix: bool, rows: Rows) -> list[Problem]:
    """Old 'coordination' referrals: coordination is done through case conferences (#19)."""
    from tipref.book.conferences import migrate_coordination
    from tipref.schemas.enums import Service
    from tipref.storage.index import CORRUPT

    if "referral" not in book.store.folders or not any(
        facts.get("service") == Service.coordination.value or CORRUPT in facts
        for facts in rows("referral").values()
    ):
        return []  # the index's summaries show none: no second pass over the referrals

    return [
        Problem("coordination-referral", m.message(), m.referral.id, m.conference is not None)
        for m in migrate_coordination(book, fix)
    ]


def _clock_warnings(book: Book, rows: Rows) -> list[Problem]:
    from tipref.sync.clockcheck import future_dates

    return [
        Problem(
            "clock",
            Msg(
                "doctor.clock_ahead",
                kind=Msg(f"kind.{item.kind}"),
                number=item.number,
                field=item.field,
                value=item.value,
                today=clock.today(),
            ),
            path=str(book.store.path(item.kind, item.record_id)),
            data={"field": item.field, "value": item.value.isoformat()},
            warning=True,
        )
        for item in future_dates(book.store, rows)
    ]


# -- files around the records ---------------------------------------------------------
def _missing_folders(book: Book, fix: bool) -> list[Problem]:
    """A record folder a sync service or a person deleted: its records come back from the logs."""
    problems = []
    for kind in book.store.folders:
        folder = book.store.folder(kind)
        if folder.is_dir():
            continue
        if fix and not folder.exists():
            folder.mkdir(parents=True)
        problems.append(
            Problem(
                "missing-folder",
                Msg("doctor.missing_folder", path=str(folder)),
                str(folder),
                folder.is_dir(),
                {"kind": kind},
            )
        )
    return problems


def _temp_files(book: Book, fix: bool) -> list[Problem]:
    """Temp files older than a minute were left by a writer that died; readers never see them."""
    import time

    problems: list[Problem] = []
    folders = [book.store.folder(k) for k in book.store.folders]
    folders += [book.root, book.store.history.folder, book.root / COUNTER_FOLDER]
    cutoff = time.time() - STALE_TEMP_SECONDS
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f".*{TEMP_SUFFIX}")):
            try:
                if path.stat().st_mtime >= cutoff:
                    continue  # may belong to a live writer
            except OSError:
                continue
            fixed = False
            if fix:
                with contextlib.suppress(OSError):
                    path.unlink()
                    fixed = True
            problems.append(
                Problem("temp-file", Msg("doctor.temp", path=str(path)), str(path), fixed)
            )
    return problems


def _history_copies(book: Book, fix: bool) -> list[Problem]:
    """Conflict copies of device logs: their lines the log lacks are added (a log has one
    writer, so a copy is normally the same log, longer or shorter)."""
    folder = book.store.history.folder
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    for path in sorted(folder.iterdir()):
        original = conflict_original(path.name)
        if original is None or not original.endswith(".jsonl") or path.name == original:
            continue
        target = folder / original
        new_lines = _lines_missing_from(target, path)
        if fix:
            _add_lines(book, target, new_lines)
            path.unlink()
        message = Msg("doctor.history_copy", path=str(path), count=len(new_lines))
        problems.append(Problem("history-copy", message, str(path), fix))
    return problems


def _lines_missing_from(target: Path, copy: Path) -> list[str]:
    """The whole lines of ``copy`` that ``target`` does not have (a cut line is left out)."""
    have = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
    known = {line.strip() for line in have if line.strip()}
    new_lines = []
    for line in copy.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line or line in known:
            continue
        try:
            json.loads(line)
        except json.JSONDecodeError:
            continue  # a cut line
        known.add(line)
        new_lines.append(line)
    return new_lines


def _add_lines(book: Book, target: Path, new_lines: list[str]) -> None:
    own = target.stem == book.store.device_id
    lock = book.store.history.lock if own else book.store.lock(f"history-{target.stem}")
    with lock:
        have = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
        present = {h.strip() for h in have}
        merged = [line for line in have if line.strip()]
        merged += [line for line in new_lines if line not in present]
        atomic_write_text(target, "\n".join(merged) + "\n")


def _counter_copies(book: Book, fix: bool) -> list[Problem]:
    folder = book.root / COUNTER_FOLDER
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        original = counter_original(path.name)
        if original is None or original == path.name:
            continue
        name = original[:-5]
        fixed = False
        if fix:
            # the highest of every copy, this one included, becomes this device's own value
            book.counters.absorb(name)
            path.unlink()
            fixed = True
        problems.append(
            Problem(
                "counter-copy",
                Msg("doctor.counter_copy", path=str(path)),
                str(path),
                fixed,
            )
        )
    return problems


def counter_original(name: str) -> str | None:
    """The counter file a copy belongs to (any service's naming), or None."""
    original = conflict_original(name)
    if original is not None:
        return original
    # OneDrive's "<name>-HOST.json" and Google Drive's "<name> (1).json": a counter's
    # name has the shape <sequence>-<year>.
    match = re.match(r"^(?P<stem>[a-z][a-z0-9_]*-\d{4})(?:-.+| \(\d+\))(?P<ext>\.json)$", name)
    return match["stem"] + match["ext"] if match else None


# -- record folders -----------------------------------------------------------------
def _record_folder(
    book: Book,
    kind: str,
    fix: bool,
    keep: str | None,
    decide: Decide | None,
    rows: Rows,
) -> list[Problem]:
    folder = book.store.folder(kind)
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    known = rows(kind)
    with os.scandir(folder) as entries:  # a record file the index trusts needs nothing more
        names = [e.name for e in entries if not _trusted(known, e.name)]
    for name in sorted(names):
        if name.startswith(".") and name.endswith(TEMP_SUFFIX):
            continue  # temp files: see _temp_files
        path = folder / name
        if is_record_file(name):
            problems += _check_file(book, kind, path)
            continue
        original = conflict_original(name)
        if original is None or not is_record_file(original) or not path.is_file():
            problems.append(
                Problem(
                    "unexpected-file",
                    Msg("doctor.unexpected", path=str(path)),
                    str(path),
                )
            )
            continue
        problems.append(_merge_copy(book, kind, path, original[:-5], fix, keep, decide))
    return problems


def _trusted(known: dict[str, dict[str, Any]], name: str) -> bool:
    """A record file the index checked against its model, at this version (it remembers)."""
    from tipref.storage.index import CORRUPT, VALID

    facts = known.get(name[:-5]) if is_record_file(name) else None
    return facts is not None and bool(facts.get(VALID)) and CORRUPT not in facts


def _check_file(book: Book, kind: str, path: Path) -> list[Problem]:
    """A record file against its model."""
    try:
        book.validate(kind, book.store.read(kind, path.stem, check=False))
    except KeyMissing:
        return []  # not corrupt: unreadable to this member, named by vaultcheck
    except CorruptRecord as error:
        detail = error.params.get("detail", "")
        return [
            Problem(
                "corrupt",
                Msg("doctor.corrupt", path=str(path), detail=detail),
                str(path),
            )
        ]
    except NotFound:
        pass
    return []
