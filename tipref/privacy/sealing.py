"""Plain text in an encrypted book's history logs: each device seals its own log.

A laptop that had not synced ``vault init`` yet (or saw ``vault/`` vanish for a moment
while a sync service deleted and re-created it) writes its log lines in plain text. The
single-writer rule says a device writes only its own log: a second writer of one file is
exactly what a sync service resolves by keeping one version and dropping the other, and
an entry dropped from a log is an edit lost. So nobody seals another device's lines:

* every device seals the plain lines of *its own* log as soon as it opens the book
  unlocked (:func:`seal_own_log`, called on opening; it reads only what the log gained
  since the last check, remembered in this device's cache, so it costs nothing after);
* ``doctor --fix`` does the same for this device, seals plain record files (snapshots,
  which any device may rewrite), and names every other device whose log still holds
  plain lines, with who wrote them: that laptop seals them the next time anyone runs
  tipref on it with the passphrase. Until then ``doctor`` exits 1.

So a secret stays readable only until the device that wrote it is next used; no file
ever has two writers. A log whose laptop will never run tipref again (lost, retired)
would keep its plain lines: ``tipref vault seal-log DEVICE --retired``
(:func:`seal_retired_log`) seals it from another device. That is the one exception to
the single-writer rule, made by a person who states that the device is gone: if it
wrote again, a sync could keep one version of the log and drop the other's entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref.privacy import crypto
from tipref.privacy.codec import PUBLIC_KINDS, VaultCodec, _field_is_sensitive, _transform

if TYPE_CHECKING:
    from tipref.book.casebook import Book

DEVICE_ID = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")  # a device's log is named by its id


def plain_paths(value: Any, sensitive: bool = False) -> list[str]:
    """Where a value holds plain text under a sensitive key (empty values do not count)."""
    found: list[str] = []

    def leaf(item: Any, path: str) -> Any:
        if not crypto.is_encrypted(item) and item not in ("", [], {}):
            found.append(path or "value")
        return item

    _transform(value, "", sensitive, leaf)
    return found


def plain_entry(entry: dict[str, Any]) -> bool:
    """A history entry with a sensitive value in plain text."""
    if entry.get("kind") in PUBLIC_KINDS or entry.get("kind") == "book":
        return False  # providers, and the book's own bookkeeping (format upgrades)
    if entry.get("note") not in (None, "") and not crypto.is_encrypted(entry.get("note")):
        return True
    for change in entry.get("changes") or []:
        sensitive = _field_is_sensitive(str(change.get("field", "")))
        if any(plain_paths(change.get(side), sensitive) for side in ("old", "new")):
            return True
    return False


def plain_lines(path: Path, start: int = 0) -> list[dict[str, Any]]:
    """The entries with plain text in a log (from byte ``start``), each with its line."""
    try:
        with open(path, "rb") as handle:
            handle.seek(start)
            data = handle.read()
    except OSError:
        return []
    found = []
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a cut line (or the middle of one)
        if isinstance(entry, dict) and plain_entry(entry):
            found.append({"line": number, "by": entry.get("by"), "device": entry.get("device")})
    return found


def can_seal(book: Book) -> bool:
    codec = book.store.codec
    return isinstance(codec, VaultCodec) and not codec.locked and codec.current in codec.keys


def seal_log(book: Book, path: Path) -> int:
    """Seal every value of this device's own log under the current key."""
    from tipref.privacy.vault import rewrite_log

    if path != book.store.history.path:
        raise ValueError(f"{path} is another device's log")  # the single-writer rule
    return rewrite_log(book, path, lambda entry: entry)


def _marker(book: Book) -> Path:
    from tipref.paths import cache_dir

    name = hashlib.sha256(str(Path(book.root).resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / "sealed" / f"{name}-{book.store.device_id}.json"


def seal_own_log(book: Book) -> int:
    """On opening an unlocked encrypted book: seal this device's plain log lines, if any.

    Only the bytes the log gained since the last check are read (the size then is kept in
    this device's cache); a log that shrank (rewritten) is read whole. Returns how many
    entries were sealed. Never raises for a file-system problem: opening goes on.
    """
    from tipref.storage.format import write_guard

    path = book.store.history.path
    if not can_seal(book) or not path.is_file() or write_guard(book.root) is not None:
        return 0
    marker = _marker(book)
    checked = 0
    with contextlib.suppress(OSError, ValueError):
        checked = int(json.loads(marker.read_text(encoding="utf-8"))["size"])
    size = path.stat().st_size
    if size == checked:
        return 0
    sealed = 0
    with contextlib.suppress(OSError):
        if plain_lines(path, checked if size > checked else 0):
            sealed = seal_log(book, path)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"size": path.stat().st_size}), encoding="utf-8")
    return sealed


def seal_retired_log(book: Book, device: str) -> int:
    """Seal the plain lines of a device that will never write again (see the module's
    docstring); returns how many entries were sealed (0: nothing plain in it)."""
    from tipref.errors import TiprefError
    from tipref.privacy.vault import rewrite_log

    codec = book.store.codec
    if not isinstance(codec, VaultCodec):
        raise TiprefError("vault.not_encrypted")
    codec.require_unlocked()
    book.store.check_format(book.actor)
    path = book.store.history.folder / f"{device}.jsonl"
    if not DEVICE_ID.fullmatch(device) or not path.is_file():
        raise TiprefError("vault.no_device_log", device=device, folder=str(path.parent))
    if not plain_lines(path):
        return 0
    if path == book.store.history.path:
        return seal_log(book, path)
    return rewrite_log(book, path, lambda entry: entry)
