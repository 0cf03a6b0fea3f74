"""The logs against the record files: stale, missing or forked records, and broken logs.

A record file is a snapshot of what the device logs say (DESIGN §2.5). ``doctor`` compares
each record the logs know with its file: a missing or stale file is rewritten from the
logs; a fork (two devices changed the same version) merges by DESIGN §2.6, and a field
set to two values is a clash decided by ``--keep mine|theirs|newest`` or on a terminal.
The entry that settles a fork lists every decided clash with the entry that set the value
that lost: ``tipref log`` shows that value and ``tipref restore ENTRY`` brings it back.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tipref.i18n import N_, Msg, kind_label
from tipref.storage import hlc
from tipref.storage.atomic import atomic_write_text
from tipref.storage.diff import _set_path, segments
from tipref.storage.history import verify_chain
from tipref.storage.merge import Clash
from tipref.storage.rebuild import Rebuilt, ancestors


def _set_aside_torn_lines(book: Any, path: Path, report: Any) -> bool:
    """Take cut-short lines out of this device's own log, keeping them beside it.

    A line cut short by a crash or a full disk is a write that never finished: with the
    chain intact around it, nothing that was acknowledged is lost. Only the device that
    writes a log may rewrite it (DESIGN.md §2.5); another device's torn line stays reported
    until doctor runs there.
    """
    history = book.store.history
    if path != history.path or report.bad_links:
        return False
    with history.locked():
        text = path.read_text(encoding="utf-8", errors="replace").split("\n")
        torn = set(verify_chain(path).broken_lines)
        kept = [line for number, line in enumerate(text, 1) if number not in torn]
        aside = path.with_name(path.name + ".torn")
        with open(aside, "a", encoding="utf-8") as handle:
            handle.writelines(text[number - 1] + "\n" for number in sorted(torn))
        atomic_write_text(path, "\n".join(kept))
    return True


def chain_problems(book: Any, problem: Callable[..., Any], fix: bool = False) -> list[Any]:
    found = []
    for path in book.store.history.files():
        report = verify_chain(path)
        if report.broken_lines:
            lines = ", ".join(map(str, report.broken_lines))
            fixed = fix and _set_aside_torn_lines(book, path, report)
            found.append(
                problem(
                    "log-broken-line",
                    Msg(
                        "Log {path}: line(s) {lines} do not parse (cut short or edited); the other entries are used",
                        path=str(path),
                        lines=lines,
                    ),
                    str(path),
                    fixed,
                    {"lines": report.broken_lines},
                )
            )
        if report.bad_links:
            lines = ", ".join(map(str, report.bad_links))
            found.append(
                problem(
                    "log-chain",
                    Msg(
                        "Log {path}: hash chain broken at line(s) {lines} (edited by hand or cut short)",
                        path=str(path),
                        lines=lines,
                    ),
                    str(path),
                    False,
                    {"lines": report.bad_links},
                )
            )
    return found


def record_problems(
    book: Any,
    fix: bool,
    keep: str | None,
    decide: Any,
    problem: Callable[..., Any],
    rows: Callable[[str], dict[str, dict[str, Any]]] | None = None,
) -> list[Any]:
    """Every record the logs know whose file is missing, stale or forked.

    The version vector of each file comes from the local index (read once per file
    version), so a book with no problems costs a dictionary lookup per record."""
    store = book.store
    store.logs.refresh()
    rows = rows or book.index.rows
    indexed = {kind: rows(kind) for kind in store.folders}
    kinds = {rid: kind for kind, rows in indexed.items() for rid in rows}
    found = []
    unknown = [rid for rid in store.logs.known_records() if rid not in kinds]
    if unknown:
        kinds.update(_kinds_from_logs(book, set(unknown)))
    for record_id in sorted(store.logs.known_records()):
        kind = kinds.get(record_id)
        if kind is None or kind not in store.folders:
            continue
        facts = indexed[kind].get(record_id)
        if facts is not None and _up_to_date(facts, store.logs.seen_for(record_id)):
            continue
        item = _check_record(book, kind, record_id, fix, keep, decide, problem)
        if item is not None:
            found.append(item)
    return found


def _up_to_date(facts: dict[str, Any], seen: dict[str, int] | None) -> bool:
    from tipref.storage.index import CORRUPT
    from tipref.storage.rebuild import lacking

    if CORRUPT in facts:
        return False
    vv = _vector(facts.get("vv") or "{}")
    return vv is not None and not lacking(vv, seen)


@functools.lru_cache(maxsize=4096)
def _vector(text: str) -> dict[str, int] | None:
    """A version vector as the index keeps it (few distinct ones in a book: cached)."""
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _kinds_from_logs(book: Any, wanted: set[str]) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for entry in book.store.history.entries():
        record_id = entry.get("record_id")
        if record_id in wanted and entry.get("kind"):
            kinds.setdefault(record_id, entry["kind"])
    return kinds


def _check_record(book, kind, record_id, fix, keep, decide, problem):
    from tipref.errors import CorruptRecord, NotFound
    from tipref.storage.rebuild import lacking

    store = book.store
    try:
        snapshot = store.read(kind, record_id, check=False)
    except NotFound:
        snapshot = None
    except CorruptRecord:
        snapshot = None  # rebuilt from the logs below, instead of aborting
    seen = store.logs.seen_for(record_id)
    if snapshot is not None and not lacking(snapshot.get("vv"), seen):
        return None
    rebuilt = store.rebuild(kind, record_id)
    if rebuilt.state is None:
        return None
    number = rebuilt.state.get("number") or rebuilt.state.get("code") or record_id
    data = {"kind": kind, "record_id": record_id, "number": number}
    label = kind_label(kind)
    if rebuilt.missing and rebuilt.forked:
        missing = ", ".join(rebuilt.missing)
        msg = Msg(
            "{kind} {number}: the logs wait for entries that have not arrived ({missing})",
            kind=label,
            number=number,
            missing=missing,
        )
        return problem("fork-waiting", msg, None, False, data)
    if not rebuilt.forked:
        key = (
            N_("{kind} {number}: its file is missing; rebuilt from the logs")
            if snapshot is None
            else N_(
                "{kind} {number}: its file lacks log entries (overwritten by a sync); rebuilt from the logs"
            )
        )
        if fix:
            store.settle(kind, record_id, book.actor, lambda r: None)
        return problem(
            "record-rebuilt" if snapshot else "record-missing",
            Msg(key, kind=label, number=number),
            None,
            fix,
            data,
        )
    return _fork(book, kind, record_id, rebuilt, fix, keep, decide, problem, data)


def _fork(book, kind, record_id, rebuilt: Rebuilt, fix, keep, decide, problem, data):
    label = kind_label(kind)
    number = data["number"]
    mine_head = _mine_head(book, rebuilt)
    clashes = [_oriented(c, rebuilt, mine_head) for c in rebuilt.clashes]
    data["clashes"] = [
        {"field": c["field"], "mine": c["mine"], "theirs": c["theirs"]} for c in clashes
    ]
    fields = ", ".join(c["field"] for c in clashes)
    if not clashes:
        if fix:
            book.store.settle(
                kind, record_id, book.actor, lambda r: (r.state, {}), note="sync fork"
            )
        msg = Msg("{kind} {number}: changed on two devices; merged", kind=label, number=number)
        return problem("fork", msg, None, fix, data)
    choice = keep
    if fix and choice is None and decide is not None:
        mine_state = rebuilt.states.get(mine_head, {})
        other = next((h["id"] for h in rebuilt.heads if h["id"] != mine_head), mine_head)
        asked = [Clash(c["field"], c["mine"], c["theirs"]) for c in clashes]
        choice = decide(kind, mine_state, rebuilt.states.get(other, {}), asked)
    if not fix or choice not in ("mine", "theirs", "newest"):
        msg = Msg(
            "{kind} {number}: changed on two devices, clash on {fields} (use --keep mine|theirs|newest)",
            kind=label,
            number=number,
            fields=fields,
        )
        return problem("fork", msg, None, False, data)
    decided = [_decide(c, choice) for c in clashes]

    def choose(current: Rebuilt):
        merged = dict(current.state or {})
        for item in decided:
            _set_path(merged, segments(item["field"]), item["kept"])
            if kind == "referral" and item["field"] == "status":
                # the lifecycle of the side kept, so the steps lead to the status shown
                side = current.states.get(item["kept_entry"] or "", {})
                merged["transitions"] = side.get("transitions", merged.get("transitions"))
        # In the log: which field, which rule, and the entries that set each value; the
        # values themselves stay in those entries (sealed there in an encrypted book).
        logged = [{k: v for k, v in d.items() if k not in ("kept", "lost")} for d in decided]
        return merged, {"decided": logged}

    book.store.settle(
        kind, record_id, book.actor, choose, note=f"sync fork; kept {choice} on {fields}"
    )
    data["kept"] = choice
    data["decided"] = decided
    msg = Msg(
        "{kind} {number}: merged; clash on {fields} decided: {keep} (losing values: tipref log, tipref restore)",
        kind=label,
        number=number,
        fields=fields,
        keep=choice,
    )
    return problem("fork", msg, None, True, data)


def _mine_head(book: Any, rebuilt: Rebuilt) -> str:
    """The head on this device's branch (its latest entry's), else the oldest head."""
    device = book.store.device_id
    branches = {h["id"]: ancestors(rebuilt, h["id"]) for h in rebuilt.heads}
    common = set.intersection(*branches.values())
    for head in reversed(rebuilt.heads):
        own = branches[head["id"]] - common
        if any(rebuilt.by_id[i].get("device") == device for i in own):
            return head["id"]
    return rebuilt.heads[0]["id"]


def _oriented(clash, rebuilt: Rebuilt, mine_head: str) -> dict[str, Any]:
    mine_branch = ancestors(rebuilt, mine_head)
    kept_is_mine = clash.kept_entry in mine_branch
    mine, theirs = (clash.kept, clash.lost) if kept_is_mine else (clash.lost, clash.kept)
    mine_entry, theirs_entry = (
        (clash.kept_entry, clash.lost_entry)
        if kept_is_mine
        else (clash.lost_entry, clash.kept_entry)
    )
    newest = "mine" if kept_is_mine else "theirs"  # the rebuild shows the newer value
    return {
        "field": clash.field,
        "mine": mine,
        "theirs": theirs,
        "mine_entry": mine_entry,
        "theirs_entry": theirs_entry,
        "newest": newest,
    }


def _decide(clash: dict[str, Any], choice: str) -> dict[str, Any]:
    side = clash["newest"] if choice == "newest" else choice
    other = "theirs" if side == "mine" else "mine"
    return {
        "field": clash["field"],
        "kept": clash[side],
        "kept_entry": clash[f"{side}_entry"],
        "lost": clash[other],
        "lost_entry": clash[f"{other}_entry"],
        "rule": choice,
    }


def newest(*stamps: str | None) -> str | None:
    return max((s for s in stamps if s), key=hlc.parse, default=None)
