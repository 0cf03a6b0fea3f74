"""Records a read had to skip: counted for the person, never dropped without a word.

Every bulk read (``Book.all``, ``Book.rows``) notes here each record file it could not
read (corrupt, or sealed with a key this member does not hold). A command that answers
for the whole book (lists, export, report, due) sets ``strict``: a read that skipped a
record then stops with :class:`PartialRead`, which names how many, before anything is
printed or written. With ``--allow-partial`` the command goes on and says the count.
"""

from __future__ import annotations

from tipref.errors import CorruptRecord, PartialRead
from tipref.i18n import Msg, kind_label


class Unreadable:
    """The record files this book's reads skipped, by path (each counted once)."""

    def __init__(self) -> None:
        self.found: dict[str, CorruptRecord] = {}
        self.strict = False

    def __len__(self) -> int:
        return len(self.found)

    def note(self, error: CorruptRecord, broken: list[CorruptRecord] | None) -> None:
        """A record a read skipped; also added to the caller's ``broken`` list if given."""
        self.found.setdefault(str(error.params.get("path", "?")), error)
        if broken is not None:
            broken.append(error)

    def check(self, kind: str, before: int) -> None:
        """In a strict read, stop if this read skipped records (``before``: the count then)."""
        if not self.strict or len(self.found) <= before:
            return
        skipped = list(self.found.values())[before:]
        first = skipped[0].params
        raise PartialRead(
            Msg.plural(
                "{count} {kind} record could not be read ({path}: {detail}); nothing was "
                "printed or written. Run 'tipref doctor', or add --allow-partial to go on "
                "without it.",
                "{count} {kind} records could not be read (e.g. {path}: {detail}); nothing was "
                "printed or written. Run 'tipref doctor', or add --allow-partial to go on "
                "without them.",
                len(skipped),
            ),
            count=len(skipped),
            kind=kind_label(kind),
            path=first.get("path", "?"),
            detail=first.get("detail", ""),
        )
