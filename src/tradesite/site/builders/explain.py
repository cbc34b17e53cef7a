"""The release's own explanations, quoted with whose they are: its explanatory notes, or those
of the nearest release that has them (:mod:`tradesite.report.notes`)."""

from __future__ import annotations

import re

from ...periods import month_year
from ...report.notes import methodology_release, section_titled
from ..render.markup import md

ANCHOR_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def pdf_of(release) -> str:
    return next((s["file"] for s in release.meta["sources"] if s.get("kind") == "ft900_pdf"), "the release PDF")


def quoted_notes(view, headings: tuple[str, ...], notes_page: str = "../notes/") -> list[str]:
    """Each note of ``headings`` as a Markdown quote of its first paragraph, naming the release,
    file and page it is printed on, and linking to the whole note on the notes page."""
    source = methodology_release(view)
    if source is None:
        return []
    whose = "" if source.id == view.id else f" of the {month_year(source.id)} release"
    out = []
    for n in section_titled(source, headings):
        link = f" ([the whole note]({notes_page}#{n['anchor']}))" if ANCHOR_RE.match(str(n.get("anchor", ""))) else ""
        out.append(
            f"> **{md(n['heading'])}.** {md(n['paragraphs'][0])}\n>\n> — explanatory notes{whose}, "
            f"{md(pdf_of(source))} page {md(n.get('page', ''))}{link}"
        )
    return out
