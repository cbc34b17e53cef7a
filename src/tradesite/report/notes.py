"""The release's text: its own explanatory notes (methodology), or the nearest release's.

The explanatory notes change little from month to month, and only the release PDF carries
them. A release whose files hold no notes shows those of the nearest release that has them
(the nearest earlier one, else the nearest later one), labelled as such; its own notes
always win.
"""

from __future__ import annotations

from ..releases import Release

#: notes.json sections that are the methodology (carried to other releases)
METHODOLOGY = "explanatory_notes"
#: sections that belong to the release alone (never carried)
OWN_ONLY = ("revisions", "notices")


def has_methodology(release: Release) -> bool:
    return any(n.get("section") == METHODOLOGY for n in release.notes)


def methodology_release(view) -> Release | None:
    """The release whose explanatory notes ``view``'s release shows: its own, else the nearest."""
    if has_methodology(view.release):
        return view.release
    found = view.catalog.earlier_else_later(view.id, lambda r: has_methodology(view.catalog.load(r)))
    return view.catalog.load(found) if found else None


def sections(release: Release, section: str) -> list[dict]:
    return [n for n in release.notes if n.get("section") == section]


def section_titled(release: Release, headings: tuple[str, ...]) -> list[dict]:
    """The explanatory notes with these headings (as printed), in the release's order."""
    return [n for n in release.notes if n.get("heading") in headings and n.get("paragraphs")]
