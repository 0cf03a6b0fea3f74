"""Log lines written by orjson keep the hash chain exact, whatever the values (issue #21).

The writer switched from ``json`` to orjson for speed; the chain stays exact when the
line without its ``hash`` member is the text that was hashed, for any value a record can
hold: text with emoji, brackets, control characters and quotes, floats written with an
exponent, integers beyond 64 bits (written by ``json`` instead, and read back by ``json``:
the writer before read them back with orjson, as floats, and wrote a line its own hash
did not match), nested changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tipref.storage.history import HistoryLog, line_hash_ok, verify_chain

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # no lone surrogate: not UTF-8
    max_size=20,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),  # beyond 64 bits too
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)
ENTRIES = st.fixed_dictionaries(
    {
        "at": st.just("2026-11-29T08:00:00Z"),
        "action": st.sampled_from(["create", "update"]),
        "kind": st.just("case"),
        "record_id": st.just("01JAAAAAAAAAAAAAAAAAAAAAAA"),
        "changes": st.lists(
            st.fixed_dictionaries({"field": TEXT, "old": VALUES, "new": VALUES}), max_size=4
        ),
    }
)


@settings(max_examples=150, deadline=None)
@given(entries=st.lists(ENTRIES, min_size=1, max_size=4))
def test_every_line_written_verifies(tmp_path_factory, entries):
    root: Path = tmp_path_factory.mktemp("log")
    log = HistoryLog(root, "device-a", root / "locks")
    written, _ = log._append_many([(entry, ()) for entry in entries])
    raw_lines = log.path.read_text(encoding="utf-8").split("\n")[:-1]  # as tipref splits
    assert len(raw_lines) == len(entries)
    for raw, entry, given_entry in zip(raw_lines, written, entries, strict=True):
        parsed = json.loads(raw)
        assert parsed == entry  # what the writer returns is what a reader parses
        assert line_hash_ok(raw, parsed)
        assert parsed["changes"] == json.loads(json.dumps(given_entry["changes"]))
    report = verify_chain(log.path)
    assert report.entries == len(entries)
    assert not report.bad_links and not report.broken_lines


def test_a_line_cut_or_changed_is_found(tmp_path):
    log = HistoryLog(tmp_path, "device-a", tmp_path / "locks")
    log._append_many([({"kind": "case", "changes": [{"field": "name", "new": "Ana 😀"}]}, ())])
    log._append_many([({"kind": "case", "changes": [{"field": "x", "new": 1e-05}]}, ())])
    assert not verify_chain(log.path).bad_links
    text = log.path.read_text(encoding="utf-8")
    log.path.write_text(text.replace("Ana", "Ane"), encoding="utf-8")
    assert verify_chain(log.path).bad_links == [1]
