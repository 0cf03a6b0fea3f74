"""A removed member stays removed on every laptop: the removal marker.

``vault remove-member`` writes ``vault/removed/<member-id>.json`` once (see
:mod:`tipref.privacy.keyfiles` for why that file, and the deletions ``doctor --fix``
makes from it, stay within the single-writer rule). The marker lists the key versions
that existed at the removal: a key wrapped for the member that is not in that list was
made after the removal, by a laptop that had not seen it yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref import clock
from tipref.errors import TiprefError
from tipref.i18n import register_messages
from tipref.privacy import keyfiles

if TYPE_CHECKING:
    from tipref.book.casebook import Book

register_messages(
    {
        "vault.member_was_removed": {
            "id": "Anggota {member} sudah dikeluarkan ({at}, oleh {by}); penanda "
            "vault/removed/{member}.json tidak pernah dihapus. Untuk bergabung lagi, orang itu "
            "membuat identitas baru di perangkat baru (atau dengan TIPREF_CONFIG_DIR lain) lalu "
            "'tipref vault add-member' dengan berkas publik yang baru.",
            "en": "Member {member} was removed ({at}, by {by}); the marker "
            "vault/removed/{member}.json is never taken back. To join again, that person makes "
            "a new identity on a new device (or with another TIPREF_CONFIG_DIR) and is added "
            "with 'tipref vault add-member' and the new public file.",
        },
    }
)


def removal_marker(book: Book, member: dict[str, Any]) -> dict[str, Any]:
    """What the marker of a removal says: who, when, by whom, which keys existed then."""
    return {
        "member_id": member["member_id"],
        "label": member.get("label", ""),
        "public_key": member.get("public_key", ""),
        "removed_at": clock.stamp(),
        "removed_by": book.actor,
        "keys_before": [k["id"] for k in keyfiles.key_versions(book.root)],
    }


def refuse_removed(root: Path, member_id: str) -> None:
    """Adding back a removed member id is refused (their marker would hide them again)."""
    marker = keyfiles.removed_members(root).get(member_id)
    if marker is not None:
        raise TiprefError(
            "vault.member_was_removed",
            member=member_id,
            at=str(marker.get("removed_at", "?"))[:10],
            by=marker.get("removed_by", "?"),
        )


def made_after_removal(marker: dict[str, Any], key_id: str) -> bool:
    """A key the member had no copy of when they were removed (made after, or unknown)."""
    return key_id not in set(marker.get("keys_before") or [])
