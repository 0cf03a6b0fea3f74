"""A record rebuilt from the device logs: its versions, its heads, and their merge.

Every format-2 entry names the entry (or entries) it was made on (``parents``) and holds
a field-level patch, so the version an entry made is its first parent's version with the
patch applied. Entries no other entry builds on are the *heads*: one head is the record;
two or more are a fork (two devices changed the same version) and are merged by
DESIGN §2.6 — different fields merge, append-only lists (chronology, events, transitions,
letters, consents...) are unioned, a referral's lifecycle stays a valid one, and a field
two devices set to different values is a :class:`FieldClash` a person decides. Until then
the newest value (by hybrid logical clock, ties by device id) is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tipref.storage import hlc
from tipref.storage.diff import apply, segments
from tipref.storage.merge import three_way

# A referral's status steps: a later rank may follow an earlier one, never the reverse.
STATUS_RANK = {"pending": 0, "accepted": 1, "declined": 1, "completed": 2, "cancelled": 2}
STATUS_FOLLOWS = {
    "pending": {"accepted", "declined", "cancelled", "completed"},
    "accepted": {"completed", "cancelled"},
}


@dataclass
class FieldClash:
    """One field set to different values on two branches; ``kept`` is shown until decided."""

    field: str
    kept: Any
    lost: Any
    kept_entry: str | None
    lost_entry: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "kept": self.kept,
            "lost": self.lost,
            "kept_entry": self.kept_entry,
            "lost_entry": self.lost_entry,
        }


@dataclass
class Rebuilt:
    state: dict[str, Any] | None
    heads: list[dict[str, Any]]
    clashes: list[FieldClash] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # parents not (yet) in any log
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def forked(self) -> bool:
        return len(self.heads) > 1


def is_record_entry(entry: dict[str, Any]) -> bool:
    return isinstance(entry.get("parents"), list) and isinstance(entry.get("changes"), list)


def rebuild(entries: list[dict[str, Any]], kind: str | None = None) -> Rebuilt:
    """Rebuild one record from its format-2 entries (any order, duplicates allowed)."""
    by_id = {e["id"]: e for e in entries if is_record_entry(e) and e.get("id")}
    ordered = sorted(by_id.values(), key=lambda e: hlc.parse(e.get("hlc")))
    states: dict[str, dict[str, Any]] = {}
    missing: list[str] = []
    for entry in ordered:
        parents = entry["parents"]
        if parents and parents[0] not in states:
            missing.append(parents[0])
            continue
        base = states[parents[0]] if parents else None
        states[entry["id"]] = _stamped(apply(base, entry["changes"]), entry)
    built = set(states)
    used = {p for e in by_id.values() for p in e["parents"]}
    heads = [by_id[i] for i in sorted(built - used, key=lambda i: hlc.parse(by_id[i]["hlc"]))]
    result = Rebuilt(None, heads, [], sorted(set(missing)), states, by_id)
    if heads:
        result.state = _merge_heads(result, kind)
    return result


def _stamped(data: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    data["revision"] = entry.get("revision") or data.get("revision")
    data["updated_at"] = entry.get("at")
    data["updated_by"] = entry.get("by")
    data["log_entry"] = entry["id"]
    data["log_revision"] = data["revision"]
    data["hlc"] = entry.get("hlc")
    data["vv"] = dict(entry.get("vv") or {})
    return data


def ancestors(rebuilt: Rebuilt, entry_id: str) -> set[str]:
    seen, todo = set(), [entry_id]
    while todo:
        current = todo.pop()
        if current in seen or current not in rebuilt.by_id:
            continue
        seen.add(current)
        todo.extend(rebuilt.by_id[current]["parents"])
    return seen


def _merge_heads(rebuilt: Rebuilt, kind: str | None) -> dict[str, Any]:
    heads = rebuilt.heads
    merged = dict(rebuilt.states[heads[0]["id"]])
    merged_from = ancestors(rebuilt, heads[0]["id"])
    merged_head = heads[0]
    for head in heads[1:]:
        mine_anc = ancestors(rebuilt, head["id"])
        common = merged_from & mine_anc
        base_id = max(common, key=lambda i: hlc.parse(rebuilt.by_id[i]["hlc"]), default=None)
        base = rebuilt.states.get(base_id) if base_id else None
        theirs = rebuilt.states[head["id"]]
        result = three_way(base, merged, theirs)  # on a clash, the newer head (theirs) is shown
        merged = result.merged
        for clash in result.clashes:
            if kind == "referral" and clash.path == "status":
                decided = _lifecycle(clash.mine, clash.theirs)
                if decided is not None:
                    winner = merged_head if decided == clash.mine else head
                    merged["status"] = decided
                    merged["transitions"] = rebuilt.states[winner["id"]].get("transitions", [])
                    continue
                merged["transitions"] = theirs.get("transitions", [])
            rebuilt.clashes.append(
                FieldClash(
                    clash.path,
                    clash.theirs,
                    clash.mine,
                    setter(rebuilt, head["id"], clash.path),
                    setter(rebuilt, merged_head["id"], clash.path),
                )
            )
        merged_from |= mine_anc
        merged_head = head
    if len(heads) > 1:
        merged["vv"] = vv_max(rebuilt.states[h["id"]].get("vv") or {} for h in heads)
        merged["revision"] = max(int(rebuilt.states[h["id"]].get("revision") or 0) for h in heads)
        merged["log_entry"] = None  # not one entry's version: a fork
    return merged


def _lifecycle(a: Any, b: Any) -> Any | None:
    """The later of two referral statuses when one can follow the other, else None (a clash)."""
    if b in STATUS_FOLLOWS.get(str(a), set()):
        return b
    if a in STATUS_FOLLOWS.get(str(b), set()):
        return a
    return None


def vv_max(vectors) -> dict[str, int]:
    result: dict[str, int] = {}
    for vector in vectors:
        for device, count in vector.items():
            result[device] = max(result.get(device, 0), int(count))
    return result


def setter(rebuilt: Rebuilt, entry_id: str, field_path: str) -> str | None:
    """The entry on this branch that last set ``field_path`` (or a part of it)."""
    top = segments(field_path)[0][0] if field_path else None
    current: str | None = entry_id
    while current and current in rebuilt.by_id:
        entry = rebuilt.by_id[current]
        for change in entry["changes"]:
            name = str(change.get("field", ""))
            if name == field_path or field_path.startswith(name) or name.startswith(field_path):
                return current
            if top is not None and name == top:
                return current
        current = entry["parents"][0] if entry["parents"] else None
    return entry_id


def lacking(vv: dict[str, int] | None, seen: dict[str, int] | None) -> bool:
    """Whether the logs hold an entry a version (its version vector ``vv``) lacks."""
    if not seen:
        return False
    vv = vv or {}
    return any(int(count) > int(vv.get(device, 0)) for device, count in seen.items())


def patch_base(snapshot: dict[str, Any]) -> dict[str, Any] | None:
    """What a change to ``snapshot`` is logged against: the snapshot itself, or nothing (the
    whole record is logged) when no format-2 entry describes it: a record from before the
    device logs, or one a tipref that does not write them changed since its last entry."""
    if not snapshot.get("log_entry"):
        return None
    if snapshot.get("log_revision") not in (None, snapshot.get("revision")):
        return None
    return snapshot


def parents_of(snapshot: dict[str, Any]) -> list[str]:
    entry = snapshot.get("log_entry")
    return [entry] if entry else []
