"""Reader for the FT-900 release PDF (``tradMMYY.pdf``): every exhibit, and the text.

The PDF prints the same exhibits as Census's workbooks, so its tidy rows follow the same
conventions (:mod:`tradesite.readers.engine`, shared with :mod:`.census_exhibit`): same line
items, hierarchy, flow, basis, period and vintage, and the exhibit column ``7`` whichever
file carried it. Table ids are ``pdf-exh7``, ``pdf-exh14a``; the FT-900 Supplement's exhibits
(pages after the main exhibits) are ``pdf-exh1s`` ... ``pdf-exh4as``, as its workbooks
exh1s.xlsx ... Locations read "page 14, row 'March (2025)', value column 1".

The parts, by concern (:mod:`.pdf`): page layout, words and lines, where a table's values
are (:mod:`.pdf.layout`); which exhibit is on which page and what its columns hold
(:mod:`.pdf.exhibits`); the two table shapes (:mod:`.pdf.tables`); the text, as ``notes``
(:mod:`.pdf.notes`). Here: page 1's dates, and the exhibits read in the report's order.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from ..errors import IngestError
from ..schema import frame
from . import ReadResult
from .engine.coverage import check_holds
from .engine.periods import MONTHS
from .pdf.exhibits import exhibit_tables, find_exhibits
from .pdf.layout import Document
from .pdf.notes import TITLE, read_notes
from .pdf.tables import item_table, period_table

DATE_RE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\w+ \d{1,2}, \d{4})")


def _iso(text: str) -> str:
    return datetime.strptime(text, "%B %d, %Y").date().isoformat()


def release_meta(doc: Document) -> dict:
    """Publication date ('... EDT, Tuesday, May 6, 2025') and next release, from page 1."""
    text = doc.text(1)
    if TITLE not in text:
        raise doc.error(
            None,
            f"an FT-900 release (page 1 titled {TITLE!r})",
            doc.lines(1)[0].text[:60] if doc.lines(1) else "<an empty page>",
            page=1,
        )
    published = DATE_RE.search(text)
    following = re.search(r"Next release: " + DATE_RE.pattern, text)
    if not published:
        raise doc.error(None, "the publication date ('Tuesday, May 6, 2025')", text[:80], page=1)
    if not following:
        raise doc.error(None, "the next release date ('Next release: Thursday, June 5, 2025')", "no such line", page=1)
    return {"published": _iso(published.group(1)), "next_release": _iso(following.group(1))}


def title_month(doc: Document) -> list[tuple[str, str]]:
    """The month page 1 names under the release's title ('... Goods and Services / March 2025')."""
    m = re.search(re.escape(TITLE) + r",?\s+(" + "|".join(MONTHS) + r") (\d{4})", doc.text(1))
    if not m:
        raise doc.error(None, f"the release's month under its title ({TITLE!r} 'March 2025')", "no such line", page=1)
    return [(f"{m.group(2)}-{MONTHS.index(m.group(1)) + 1:02d}", "page 1, title")]


def read(path: Path, release: str) -> ReadResult:
    doc = Document(path)
    try:
        result = ReadResult(meta=release_meta(doc), holds=title_month(doc))
        # another month's PDF is refused from its title, before its 40 exhibit pages are read
        check_holds(doc.name, release, result.holds)
        exhibits = find_exhibits(doc)
        for ex_id, table in exhibit_tables(release).items():
            if ex_id not in exhibits:
                raise IngestError(doc.name, "", f"a page titled 'Exhibit {ex_id}. ...'", f"exhibits {sorted(exhibits)}")
            ex = exhibits[ex_id]
            parser = period_table if table.kind == "period" else item_table
            result.tables[ex.table_id] = frame(parser(doc, ex, release, table.cols, **table.options))
            result.titles[ex.table_id] = ex.title
        first_exhibit = min(p for ex in exhibits.values() for p in ex.pages)
        listing = [
            p
            for p in range(1, first_exhibit)
            if doc.lines(p) and doc.lines(p)[0].text.startswith("List of News Release Exhibits")
        ]
        result.notes = read_notes(doc, (listing[0] if listing else first_exhibit) - 1)
        result.skipped, result.positions = doc.skipped, doc.positions
        return result
    finally:
        doc.close()
