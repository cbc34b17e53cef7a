"""Revisions and methodology notes: the release's own text, as printed in its PDF.

The text comes from ``notes.json`` (the PDF reader's ``notes``): the revisions to the
previous month, the notices, and each explanatory note (sources, nonsampling error,
seasonal adjustment, balance of payments adjustments, revision procedures ...) as its own
section. Each section's heading carries the note's stable anchor (``{#goods-bop-basis}``,
markdown's attr_list), so a link to a note survives from release to release, and each
ends with the PDF page it was printed on. Nothing here is written by hand.
"""

from __future__ import annotations

import re

from ...releases import Release
from ..model import Chapter, Text

SLUG = "notes"
TITLE = "Revisions and methodology notes"

#: the release's sections shown here, in this page's order (the narrative is the other chapters' text)
SECTIONS = ("revisions", "notices", "explanatory_notes")

#: bullets as the reader keeps them -> markdown list items (a sub-bullet nests under its bullet)
BULLETS = {"• ": "- ", "◦ ": "    - "}


def escape(text: str) -> str:
    """Printed text as literal markdown: no emphasis, links, HTML, or a list from '1. Coverage'."""
    text = re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
    return re.sub(r"^(\d+)\. ", r"\1\\. ", text)


def paragraphs(items: list[str]) -> str:
    """Paragraphs separated by blank lines; consecutive bullets form one list."""
    out: list[str] = []
    for p in items:
        bullet = next((md for mark, md in BULLETS.items() if p.startswith(mark)), None)
        if bullet:
            line = bullet + escape(p[2:])
            if out and out[-1].lstrip().startswith("- "):
                out[-1] += "\n" + line
                continue
            out.append(line)
        else:
            out.append(escape(p))
    return "\n\n".join(out)


def pdf_name(release: Release) -> str:
    return next((s["file"] for s in release.meta["sources"] if s["kind"] == "ft900_pdf"), "the release PDF")


def section(note: dict, source: str) -> Text:
    """One note: '## Heading {#anchor}', its paragraphs, and where it is printed."""
    return Text(
        f"## {escape(note['heading'])} {{#{note['anchor']}}}\n\n"
        f"{paragraphs(note['paragraphs'])}\n\n"
        f"*{source}, page {note['page']}.*"
    )


def build(release: Release) -> Chapter | None:
    notes = release.notes
    if not notes:
        return None
    source = pdf_name(release)
    blocks: list[Text] = [Text(
        f"The text of the {release.month_name} release as printed in {source}: "
        "the revisions to the previous month, the notices, and the explanatory notes on the "
        "sources and methods of the statistics."
    )]
    for key in SECTIONS:
        blocks += [section(n, source) for n in notes if n["section"] == key]
    return Chapter(
        slug=SLUG,
        title=TITLE,
        summary=(f"What the {release.month_name} release revised, its notices, and its explanatory notes on "
                 "data sources, nonsampling error, seasonal adjustment, balance of payments adjustments and "
                 "revision procedures."),
        blocks=blocks,
        exhibits=[],
        search_boost=4,  # methodology questions ("nonsampling") land here first, not on a table page
    )
