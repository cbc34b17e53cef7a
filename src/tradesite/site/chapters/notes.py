"""Revisions and methodology notes: the release's own text, as printed in its PDF, or where
the release's files hold no text, the explanatory notes of the nearest release that has them.

The text comes from ``notes.json`` (the PDF reader's ``notes``): the revisions to the
previous month, the notices, and each explanatory note (sources, nonsampling error,
seasonal adjustment, balance of payments adjustments, revision procedures ...) as its own
section. Each section's heading carries the note's stable anchor (``{#goods-bop-basis}``,
markdown's attr_list), so a link to a note survives from release to release, and each
ends with the PDF page it was printed on. Nothing here is written by hand.

Carried notes (:mod:`tradesite.report.notes`) are only the explanatory notes, never another
release's revisions or notices, and the page says whose they are in its first sentence.
"""

from __future__ import annotations

from ...periods import month_year
from ...report.coverage import CARRIED, COMPLETE, NONE, Status
from ...report.notes import METHODOLOGY, methodology_release, sections
from ...report.provenance import official_page
from ..builders.explain import ANCHOR_RE, pdf_of
from ..render.markup import md
from ..render.model import Block, Chapter, Text

SLUG = "notes"
TITLE = "Revisions and methodology notes"
ADDS = ""

#: the release's sections shown here, in this page's order (the narrative is the other chapters' text)
SECTIONS = ("revisions", "notices", METHODOLOGY)

#: bullets as the reader keeps them -> markdown list items (a sub-bullet nests under its bullet)
BULLETS = {"• ": "- ", "◦ ": "    - "}
SEARCH_BOOST = 4  # methodology questions ("nonsampling") land here first, not on a table page


def status(release) -> Status:
    """Own notes: complete; another release's explanatory notes: carried; none anywhere: none."""
    source = methodology_release(release)
    if source is None:
        return Status(NONE)
    if source.id == release.id:
        return Status(COMPLETE)
    return Status(CARRIED, carried_from=source.id)


def paragraphs(items: list[str]) -> str:
    """Paragraphs separated by blank lines; consecutive bullets form one list."""
    out: list[str] = []
    for p in items:
        bullet = next((mark_md for mark, mark_md in BULLETS.items() if p.startswith(mark)), None)
        if bullet:
            line = bullet + md(p[2:])
            if out and out[-1].lstrip().startswith("- "):
                out[-1] += "\n" + line
                continue
            out.append(line)
        else:
            out.append(md(p))
    return "\n\n".join(out)


def printed_on(note: dict) -> str:
    """'page 6', or 'pages 6–7' for a note that runs on (each paragraph's page, notes.json ``pages``)."""
    pages = sorted(
        {int(p) for p in note.get("pages") or [] if str(p).isdigit()}
        or ({int(note["page"])} if str(note.get("page", "")).isdigit() else set())
    )
    if not pages:
        return ""
    return f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}–{pages[-1]}"


def section(note: dict, where: str) -> Text:
    """One note: '## Heading {#anchor}', its paragraphs, and where it is printed."""
    anchor = f" {{#{note['anchor']}}}" if ANCHOR_RE.match(str(note.get("anchor", ""))) else ""
    on = printed_on(note)
    return Text(
        f"## {md(note['heading'])}{anchor}\n\n"
        f"{paragraphs(note['paragraphs'])}\n\n"
        f"*{md(where)}{', ' + on if on else ''}.*"
    )


def build(release, status: Status) -> Chapter:
    source = methodology_release(release)
    blocks: list[Block]
    if status.state == CARRIED:
        if source is None:  # the coverage found a release with the notes: this one
            raise ValueError(f"{release.id}: the notes are carried from another release, but none has them")
        whose = month_year(source.id)
        blocks = [
            Text(
                f'!!! note "The explanatory notes of the {whose} release"\n'
                f"    These are the explanatory notes of the {whose} release, the nearest release whose notes are on "
                f"this site; the {release.month_name} release's own notes may differ in detail, and are in its "
                f"release text on the [Census Bureau's page for {release.month_name}]({official_page(release.id)})."
            )
        ]
        where = f"{pdf_of(source)} ({whose} release)"
        blocks += [section(n, where) for n in sections(source, METHODOLOGY)]
        summary = (
            f"The explanatory notes on data sources, nonsampling error, seasonal adjustment, balance of "
            f"payments adjustments and revision procedures, as printed in the {whose} release."
        )
    else:
        where = pdf_of(release)
        blocks = [
            Text(
                f"The text of the {release.month_name} release as printed in {md(where)}: "
                "the revisions to the previous month, the notices, and the explanatory notes on the "
                "sources and methods of the statistics."
            )
        ]
        for key in SECTIONS:
            blocks += [section(n, where) for n in sections(release.release, key)]
        summary = (
            f"What the {release.month_name} release revised, its notices, and its explanatory notes on "
            "data sources, nonsampling error, seasonal adjustment, balance of payments adjustments and "
            "revision procedures."
        )
    return Chapter(slug=SLUG, title=TITLE, summary=summary, blocks=blocks, exhibits=[], search_boost=SEARCH_BOOST)
