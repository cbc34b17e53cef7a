"""What a chapter needs and how much of it a release's files hold.

Each chapter declares :class:`Needs`: the exhibit sets that give the complete chapter (any
one of them) and the exhibits that each give part of it. A release's :class:`Status` for
the chapter follows from its exhibits alone, without building a page, so a release home can
list every chapter and the site can show every release × chapter at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import exhibit_order, exhibits_in_words

COMPLETE = "complete"
PARTIAL = "partial"
CARRIED = "carried"  # the text of another release, labelled as such (methodology notes)
NONE = "none"


@dataclass(frozen=True)
class Status:
    state: str
    exhibits: tuple[str, ...] = ()  # this release's exhibits the chapter is built from
    carried_from: str | None = None  # CARRIED: the release whose text is shown

    @property
    def has_content(self) -> bool:
        return self.state != NONE

    def words(self) -> str:
        """'complete', 'partial: from exhibits 1 and 12', 'not in this release's files'."""
        if self.state == COMPLETE:
            return "complete"
        if self.state == PARTIAL:
            return f"partial: from {exhibits_in_words(self.exhibits)}"
        if self.state == CARRIED:
            return "carried from another release"
        return "not in this release's files"


@dataclass(frozen=True)
class Needs:
    """``complete``: exhibit sets, any one of which gives the whole chapter; ``partial``:
    exhibits that each give part of it (any exhibit of a complete set does too); ``also``:
    exhibits read where the release has them, never needed (exhibit 6's nominal totals beside
    the real ones)."""

    complete: tuple[tuple[str, ...], ...]
    partial: tuple[str, ...] = ()
    also: tuple[str, ...] = ()

    @property
    def exhibits(self) -> set[str]:
        """Every exhibit the chapter may read."""
        return {e for s in self.complete for e in s} | set(self.partial) | set(self.also)

    def status(self, release) -> Status:
        have = set(release.exhibits())
        used = tuple(sorted(({e for s in self.complete for e in s} | set(self.partial)) & have, key=exhibit_order))
        if any(set(s) <= have for s in self.complete):
            return Status(COMPLETE, used)
        return Status(PARTIAL, used) if used else Status(NONE)
