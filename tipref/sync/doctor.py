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
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipref import clock
from tipref.book.casebook import Book
from tipref.errors import CorruptRecord, NotFound, TiprefError
from tipref.i18n import Msg, register_messages
from tipref.storage.atomic import TEMP_SUFFIX, atomic_write_text
from tipref.storage.counters import COUNTER_FOLDER
from tipref.storage.diff import BOOKKEEPING_FIELDS, flatten
from tipref.storage.merge import Clash, three_way
from tipref.storage.store import RECORD_FILE, is_record_file

ULID = r"[0-9A-HJKMNP-TV-Z]{26}"
# Conflict copy names: Syncthing, Nextcloud/ownCloud, Dropbox, OneDrive (and any other
# suffix on a record's id): the original's stem, then what the service added.
CONFLICT_PATTERNS = [
    re.compile(r"^(?P<stem>.+?)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}(?P<ext>\.jsonl?)$"),
    re.compile(
        r"^(?P<stem>.+?) \((?:[^()]*?'s )?conflicted copy[^()]*\)(?P<ext>\.jsonl?)$", re.IGNORECASE
    ),
    re.compile(r"^(?P<stem>.+?) \(conflict[^()]*\)(?P<ext>\.jsonl?)$", re.IGNORECASE),
]
RECORD_COPY = re.compile(rf"^(?P<stem>{ULID})[^0-9A-Z](?P<rest>.*)(?P<ext>\.json)$")
STALE_TEMP_SECONDS = 60
KEEP_CHOICES = ("mine", "theirs", "newest")
# A record's reference field -> the kind it points to.
REFERENCES = {"case_id": "case", "provider_id": "provider", "referral_id": "referral"}
NUMBERED = {"case": ("case", "opened_on"), "referral": ("referral", "referred_on")}

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
        "doctor.corrupt": {
            "id": "Catatan rusak: {path} ({detail})",
            "en": "Corrupt record: {path} ({detail})",
        },
        "doctor.unexpected": {
            "id": "Berkas tak dikenal di folder catatan: {path}",
            "en": "Unexpected file in a record folder: {path}",
        },
        "doctor.temp": {"id": "Berkas sementara sisa: {path}", "en": "Leftover temp file: {path}"},
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
        "doctor.healthy": {"id": "Buku kasus sehat.", "en": "The case book is healthy."},
        "doctor.remaining": {"id": "{count} masalah tersisa.", "en": "{count} problem(s) remain."},
        "doctor.fixed_count": {
            "id": "{count} masalah diperbaiki.",
            "en": "{count} problem(s) fixed.",
        },
    }
)


@dataclass
class Problem:
    type: str
    message: Msg
    path: str | None = None
    fixed: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    # A warning is worth a look but leaves the book healthy (e.g. a laptop's clock ahead).
    warning: bool = False

    def as_json(self, lang: str) -> dict[str, Any]:
        return {
            "type": self.type,
            "path": self.path,
            "fixed": self.fixed,
            "warning": self.warning,
            "message": self.message.render(lang),
            **self.data,
        }


Decide = Callable[[str, dict[str, Any], dict[str, Any], list[Clash]], str]


def conflict_original(name: str) -> str | None:
    """The file a sync service's conflict copy belongs to, or None if ``name`` is not one."""
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
    fix = fix or keep is not None or decide is not None
    problems: list[Problem] = []
    problems += _temp_files(book, fix)
    problems += _history_copies(book, fix)
    problems += _counter_copies(book, fix)
    for kind in book.store.folders:
        problems += _record_folder(book, kind, fix, keep, decide)
    problems += _duplicates(book, renumber)
    problems += _missing_references(book)
    problems += _clock_warnings(book)
    problems += _coordination_referrals(book, fix)
    return problems


def _coordination_referrals(book: Book, fix: bool) -> list[Problem]:
    """Old 'coordination' referrals: coordination is done through case conferences (#19)."""
    from tipref.book.conferences import migrate_coordination

    return [
        Problem("coordination-referral", m.message(), m.referral.id, m.conference is not None)
        for m in migrate_coordination(book, fix)
    ]


def _clock_warnings(book: Book) -> list[Problem]:
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
        for item in future_dates(book.store)
    ]


# -- files around the records ---------------------------------------------------------
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
    folder = book.store.history.folder
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    for path in sorted(folder.iterdir()):
        original = conflict_original(path.name)
        if original is None or not original.endswith(".jsonl") or path.name == original:
            continue
        target = folder / original
        have = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
        known = {line.strip() for line in have if line.strip()}
        new_lines = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if not line or line in known:
                continue
            try:
                json.loads(line)
            except json.JSONDecodeError:
                continue  # a cut line
            known.add(line)
            new_lines.append(line)
        fixed = False
        if fix:
            lock = (
                book.store.lock(f"history-{target.stem}")
                if target.stem != book.store.device_id
                else book.store.history.lock
            )
            with lock:
                have = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
                merged = [line for line in have if line.strip()] + [
                    line for line in new_lines if line not in {h.strip() for h in have}
                ]
                atomic_write_text(target, "\n".join(merged) + "\n")
            path.unlink()
            fixed = True
        problems.append(
            Problem(
                "history-copy",
                Msg("doctor.history_copy", path=str(path), count=len(new_lines)),
                str(path),
                fixed,
            )
        )
    return problems


def _counter_copies(book: Book, fix: bool) -> list[Problem]:
    folder = book.root / COUNTER_FOLDER
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    for path in sorted(folder.iterdir()):
        original = conflict_original(path.name)
        if original is None:
            # OneDrive's "<name>-HOST.json": a counter name has the shape <sequence>-<year>.
            match = re.match(r"^(?P<stem>[a-z][a-z0-9_]*-\d{4})-.+(?P<ext>\.json)$", path.name)
            original = match["stem"] + match["ext"] if match else None
        if original is None or original == path.name:
            continue
        name = original[:-5]
        fixed = False
        if fix:
            with book.counters.lock:
                best = book.counters.current(name)  # the highest of every copy, this one included
                atomic_write_text(folder / original, json.dumps({"value": best}) + "\n")
                path.unlink()
            fixed = True
        problems.append(
            Problem("counter-copy", Msg("doctor.counter_copy", path=str(path)), str(path), fixed)
        )
    return problems


# -- record folders -----------------------------------------------------------------
def _record_folder(
    book: Book, kind: str, fix: bool, keep: str | None, decide: Decide | None
) -> list[Problem]:
    folder = book.store.folder(kind)
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(".") and name.endswith(TEMP_SUFFIX):
            continue  # temp files: see _temp_files
        if is_record_file(name):
            try:
                book.validate(kind, book.store.read(kind, name[:-5]))
            except CorruptRecord as error:
                problems.append(
                    Problem(
                        "corrupt",
                        Msg(
                            "doctor.corrupt", path=str(path), detail=error.params.get("detail", "")
                        ),
                        str(path),
                    )
                )
            except NotFound:
                pass
            continue
        original = conflict_original(name)
        if original is None or not is_record_file(original) or not path.is_file():
            problems.append(
                Problem("unexpected-file", Msg("doctor.unexpected", path=str(path)), str(path))
            )
            continue
        problems.append(_merge_copy(book, kind, path, original[:-5], fix, keep, decide))
    return problems


def _read_copy(book: Book, kind: str, path: Path, record_id: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptRecord(path=str(path), detail=str(error)) from None
    if not isinstance(data, dict) or data.get("id") != record_id:
        raise CorruptRecord(path=str(path), detail="not a copy of this record")
    data = book.store.codec.decode(kind, record_id, data)
    book.validate(kind, data)
    return data


def _merge_copy(
    book: Book,
    kind: str,
    path: Path,
    record_id: str,
    fix: bool,
    keep: str | None,
    decide: Decide | None,
) -> Problem:
    try:
        theirs = _read_copy(book, kind, path, record_id)
    except CorruptRecord as error:
        return Problem(
            "conflict-copy",
            Msg("doctor.copy_unreadable", path=str(path), detail=error.params.get("detail", "")),
            str(path),
        )
    number = theirs.get("number") or theirs.get("code") or record_id
    data = {"record_id": record_id, "kind": kind, "number": number}
    try:
        mine = book.store.read(kind, record_id)
    except NotFound:
        mine = None
    except CorruptRecord:
        mine = None  # the copy is readable and the record is not: the copy is the best we have
    if mine is None:
        if fix:
            book.store.resolve(kind, theirs, None, book.actor, note=f"restored from {path.name}")
            path.unlink()
        return Problem(
            "conflict-copy", Msg("doctor.orphan_copy", copy=path.name), str(path), fix, data
        )
    base = common_ancestor(book, kind, record_id, mine, theirs)
    data["merge"] = "three-way" if base is not None else "two-way"
    result = three_way(base, mine, theirs)
    clashes = result.clashes
    data["clashes"] = [{"field": c.path, "mine": c.mine, "theirs": c.theirs} for c in clashes]
    fields = ", ".join(c.path for c in clashes)
    kind_label = Msg(f"kind.{kind}")
    if not fix:
        outcome = Msg("doctor.clash", fields=fields) if clashes else Msg("doctor.would_merge")
        return Problem(
            "conflict-copy",
            Msg(
                "doctor.conflict_copy",
                copy=path.name,
                kind=kind_label,
                number=number,
                outcome=outcome,
            ),
            str(path),
            False,
            data,
        )
    choice = None
    if clashes:
        choice = keep
        if choice is None and decide is not None:
            choice = decide(kind, mine, theirs, clashes)
        if choice == "newest":
            choice = (
                "theirs"
                if str(theirs.get("updated_at") or "") > str(mine.get("updated_at") or "")
                else "mine"
            )
        if choice not in ("mine", "theirs"):
            return Problem(
                "conflict-copy",
                Msg(
                    "doctor.conflict_copy",
                    copy=path.name,
                    kind=kind_label,
                    number=number,
                    outcome=Msg("doctor.clash", fields=fields),
                ),
                str(path),
                False,
                data,
            )
        # three_way keeps its third argument's value where both changed a field.
        merged = three_way(base, theirs, mine).merged if choice == "mine" else result.merged
        losing = theirs if choice == "mine" else mine
    else:
        merged = result.merged
        losing = theirs
    for name in BOOKKEEPING_FIELDS:
        merged.pop(name, None)
    try:
        merged = book.validate(kind, merged).model_dump(mode="json")
    except CorruptRecord as error:
        data["error"] = error.params.get("detail")
        return Problem(
            "conflict-copy",
            Msg(
                "doctor.conflict_copy",
                copy=path.name,
                kind=kind_label,
                number=number,
                outcome=Msg("doctor.clash", fields=fields or "?"),
            ),
            str(path),
            False,
            data,
        )
    note = f"sync conflict {path.name}" + (f"; kept {choice} on {fields}" if choice else "")
    book.store.resolve(kind, merged, losing, book.actor, note=note, expected=mine)
    path.unlink()  # only now that the merged record is written
    data["kept"] = choice
    outcome = Msg("doctor.decided", fields=fields, keep=choice) if choice else Msg("doctor.merged")
    return Problem(
        "conflict-copy",
        Msg(
            "doctor.conflict_copy", copy=path.name, kind=kind_label, number=number, outcome=outcome
        ),
        str(path),
        True,
        data,
    )


def common_ancestor(
    book: Book, kind: str, record_id: str, mine: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, Any] | None:
    """The version both sides started from, rebuilt from the history logs, or None.

    Entries carry the revision they made and field-by-field old values. The first
    revision with two different entries is where the two versions parted; each field's
    value there is the old value of the first later change to it on either side.
    """
    entries = [e for e in book.store.history.entries(record_id) if e.get("kind", kind) == kind]
    by_revision: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for entry in entries:
        if isinstance(entry.get("revision"), int) and isinstance(entry.get("changes"), list):
            key = json.dumps(
                [entry.get("device"), entry.get("at"), entry.get("changes")],
                sort_keys=True,
                default=str,
            )
            by_revision[entry["revision"]][key] = entry
    parted = sorted(r for r, found in by_revision.items() if len(found) > 1)
    if not parted:
        return None
    split = parted[0]
    if split > min(int(mine.get("revision") or 0), int(theirs.get("revision") or 0)) + 1:
        return None
    first_old: dict[str, Any] = {}
    for revision in sorted(r for r in by_revision if r >= split):
        for entry in by_revision[revision].values():
            for change in entry["changes"]:
                first_old.setdefault(change["field"], change.get("old"))
    flat = flatten(mine)
    base_flat = {k: v for k, v in flat.items() if k not in first_old}
    base_flat.update(first_old)
    try:
        return unflatten(base_flat, mine, theirs)
    except (KeyError, ValueError, TypeError):
        return None


_SEGMENT = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


def unflatten(flat: dict[str, Any], *shapes: dict[str, Any]) -> dict[str, Any]:
    """Rebuild a record from dotted paths (``persons[ID].name``) as :func:`flatten` wrote them."""
    result: dict[str, Any] = {}
    for path, value in flat.items():
        segments = [(m[1], m[2]) for m in _SEGMENT.finditer(path)]
        target: Any = result
        for position, (name, item_id) in enumerate(segments):
            last = position == len(segments) - 1
            if name is not None:
                if last:
                    target[name] = value
                elif segments[position + 1][1] is not None:
                    target = target.setdefault(name, [])
                else:
                    target = target.setdefault(name, {})
            else:
                found = next((i for i in target if i.get("id") == item_id), None)
                if found is None:
                    found = {"id": item_id}
                    target.append(found)
                if last:
                    raise ValueError(path)
                target = found
    _drop_absent_items(result)
    return result


def _drop_absent_items(value: Any) -> None:
    """A list item whose every field was None did not exist yet in the rebuilt version."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list) and all(isinstance(i, dict) and "id" in i for i in item):
                value[key] = [
                    i for i in item if any(v is not None for k, v in i.items() if k != "id")
                ]
            _drop_absent_items(value[key])
    elif isinstance(value, list):
        for item in value:
            _drop_absent_items(item)


# -- numbers and references -------------------------------------------------------------
def _duplicates(book: Book, renumber: bool) -> list[Problem]:
    problems = []
    for kind, (sequence, date_field) in NUMBERED.items():
        if kind not in book.store.folders:
            continue
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for record_id, facts in book.index.rows(kind).items():
            if facts.get("number"):
                groups[str(facts["number"])].append((str(facts.get("created_at") or ""), record_id))
        for number, holders in sorted(groups.items()):
            if len(holders) < 2:
                continue
            holders.sort()
            ids = [record_id for _, record_id in holders]
            problem = Problem(
                "duplicate-number",
                Msg("doctor.duplicate", number=number, ids=", ".join(ids)),
                None,
                False,
                {"kind": kind, "number": number, "ids": ids},
            )
            if renumber:
                pattern = getattr(book.settings.numbering, sequence)
                renamed = []
                for record_id in ids[1:]:
                    record = book.get(kind, record_id)
                    new_number = book.next_number(
                        sequence, pattern, getattr(record, date_field, None)
                    )

                    def apply(r, value=new_number):
                        r.number = value

                    book.update(
                        kind, record_id, apply, action="renumber", note=f"{number} -> {new_number}"
                    )
                    renamed.append({"id": record_id, "old": number, "new": new_number})
                problem.fixed = True
                problem.data["renumbered"] = renamed
            problems.append(problem)
    from tipref.documents import letters

    for item in letters.duplicate_letter_numbers(book) or []:
        problems.append(
            Problem("duplicate-letter-number", Msg("doctor.duplicate_letter", detail=str(item)))
        )
    return problems


def _missing_references(book: Book) -> list[Problem]:
    problems = []
    existing = {kind: set(book.index.rows(kind)) for kind in book.store.folders}
    case_persons: dict[str, set[str]] = {}
    for kind in book.store.folders:
        for record_id, facts in book.index.rows(kind).items():
            for name, target_kind in REFERENCES.items():
                target = facts.get(name)
                if target and target_kind in existing and target not in existing[target_kind]:
                    problems.append(_missing(kind, record_id, facts, name, target))
            person = facts.get("person_id")
            case_id = facts.get("case_id")
            if person and case_id and case_id in existing.get("case", set()):
                if case_id not in case_persons:
                    try:
                        case_persons[case_id] = {
                            p.get("id") for p in book.store.read("case", case_id).get("persons", [])
                        }
                    except TiprefError:
                        case_persons[case_id] = set()
                if case_persons[case_id] and person not in case_persons[case_id]:
                    problems.append(_missing(kind, record_id, facts, "person_id", person))
    return problems


def _missing(kind: str, record_id: str, facts: dict[str, Any], name: str, target: str) -> Problem:
    return Problem(
        "missing-reference",
        Msg(
            "doctor.missing_ref",
            kind=Msg(f"kind.{kind}"),
            number=facts.get("number") or record_id,
            field=name,
            target=target,
        ),
        None,
        False,
        {"kind": kind, "record_id": record_id, "field": name, "target": target},
    )
