"""The glossary: the report's terms in the release's own words, and each term linked where a
page first uses it.

Every definition quotes the release's text (``notes.json``, read through
:mod:`tradesite.report.notes`: the release's own, else the nearest release's explanatory notes),
naming the note, the file and the page; a term whose sentences the notes do not hold is left out,
never written from memory. The one-line gloss beside each (the link's tooltip) only restates what
its quotes say.

:func:`link_terms` links the first use of each term in a page's prose to its entry
(``<a class="ts-term" href="../glossary/#census-basis" title="gloss">``): headings, HTML blocks,
links and code are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...periods import month_year
from ...releases import Release
from ...report.notes import METHODOLOGY, methodology_release
from ..builders.explain import ANCHOR_RE, pdf_of
from ..render import templating
from ..render.markup import md

SLUG = "glossary"
TITLE = "Glossary"


@dataclass(frozen=True)
class Term:
    anchor: str
    name: str
    gloss: str  # one line, restating the quotes (the tooltip)
    #: (note heading as printed, first words of the quote, a regex for its last words)
    quotes: tuple[tuple[str, str, str], ...]
    #: phrases that link here from a page's prose (matched whole, any case)
    aliases: tuple[str, ...] = ()


TERMS = (
    Term(
        "advanced-technology-products",
        "Advanced technology products",
        "About 500 of some 22,000 product codes, identified as leading-edge technology from a recognized high "
        "technology field (exhibits 16 and 16a).",
        (
            ("Advanced technology products", "About 500 of some 22,000", r"the following criteria:"),
            ("Advanced technology products", "1. The code contains", r"\(e\.g\., biotechnology\)\."),
            ("Advanced technology products", "2. These products", r"in that field\."),
            ("Advanced technology products", "3. Such products", r"classification code\."),
            ("Advanced technology products", "The aggregation of the goods", r"exhibits 16 and 16a\."),
        ),
        ("advanced technology products", "advanced technology"),
    ),
    Term(
        "bop-basis",
        "Balance of payments (BOP) basis",
        "Goods on a Census basis adjusted by BEA to the concepts and definitions of the international and "
        "national economic accounts.",
        (("Goods (BOP basis)", "Goods on a Census basis are adjusted by BEA", r"at market prices\."),),
        ("balance of payments (BOP) basis", "balance of payments basis", "BOP basis"),
    ),
    Term(
        "census-basis",
        "Census basis",
        "Goods as compiled from the documents collected by U.S. Customs and Border Protection, before BEA's "
        "adjustments to a balance of payments basis.",
        (("Goods (Census basis)", "Data for goods on a Census basis", r"Foreign Trade Zones\."),),
        ("Census basis",),
    ),
    Term(
        "chained-dollars",
        "Chained dollars (real)",
        "Values adjusted for price change with the Fisher chain-weighted method (exhibits 10 and 11).",
        (("Adjustments for price change", "Data adjusted for seasonal variation on a real", r"methodology\."),),
        ("chained 2017 dollars", "chained 2012 dollars", "chained dollars", "chained-dollar"),
    ),
    Term(
        "end-use",
        "End-use categories",
        "Goods grouped by their principal use: about 140 export and 140 import categories, summed to six "
        "end-use aggregates.",
        (
            (
                "Adjustments for seasonal and trading-day variations",
                "Combining trade into approximately 140",
                r"\(see exhibits 7 and 8\)\.",
            ),
            (
                "Adjustments for seasonal and trading-day variations",
                "These adjusted data are then summed",
                r"\(see exhibit 6\)\.",
            ),
        ),
        ("end-use categories", "end-use category", "end-use"),
    ),
    Term(
        "nie",
        "n.i.e.",
        "Not included elsewhere.",
        (("Services", "Maintenance and repair services n.i.e.", r"\(not included elsewhere\)"),),
        ("n.i.e.",),
    ),
    Term(
        "net-adjustments",
        "Net adjustments",
        "The additions to and deductions from goods on a Census basis that take them to a balance of payments basis.",
        (("Goods (BOP basis)", "They include both additions to and deductions from", r"as net adjustments\."),),
        ("net balance of payments adjustments", "net adjustments"),
    ),
    Term(
        "not-seasonally-adjusted",
        "Not seasonally adjusted",
        "The figures without the seasonal and trading-day adjustments.",
        (
            (
                "Revision procedure (Census basis)",
                "Each June, not seasonally adjusted goods data",
                r"month of transaction\.",
            ),
        ),
        ("not seasonally adjusted",),
    ),
    Term(
        "revised",
        "Revised (R)",
        "A figure changed since it was first published: each release revises the month before.",
        (
            (
                "Revision procedure (Census basis)",
                "Each month, the U.S. Census Bureau revises",
                r"for the prior month\.",
            ),
            (
                "Revision procedure (goods on a BOP basis and services)",
                "Each month, a preliminary estimate",
                r"are released\.",
            ),
        ),
        ("revised",),
    ),
    Term(
        "seasonally-adjusted",
        "Seasonally adjusted",
        "Adjusted for seasonal and trading-day variations, with the X-13ARIMA-SEATS procedure.",
        (
            (
                "Adjustments for seasonal and trading-day variations",
                "These categories are used as the basis",
                r"trading-day adjusted data\.",
            ),
            (
                "Adjustments for seasonal and trading-day variations",
                "The seasonal adjustment procedure",
                r"over the calendar year\)\.",
            ),
        ),
        ("seasonally adjusted", "seasonal adjustment"),
    ),
    Term(
        "three-month-moving-average",
        "Three-month moving average",
        "The average of three consecutive months, named by the last of them (exhibit 2).",
        (
            (
                "Three-Month Moving Averages (exhibit 2)",
                "The average goods and services",
                r"for the three months ending in [A-Z][a-z]+\.",
            ),
        ),
        ("three-month moving averages", "three-month moving average", "moving averages", "moving average"),
    ),
)


@dataclass(frozen=True)
class Quote:
    text: str
    heading: str
    anchor: str
    page: str
    section: str


@dataclass(frozen=True)
class Entry:
    term: Term
    quotes: tuple[Quote, ...]


def _quote(notes: list[dict], heading: str, start: str, end: str) -> Quote | None:
    """The words of note ``heading`` from ``start`` to the first match of ``end``, as printed."""
    for n in notes:
        if n.get("heading") != heading:
            continue
        pages = n.get("pages") or []  # each paragraph's page (a note can run over two)
        for i, p in enumerate(n.get("paragraphs", [])):
            at = p.find(start)
            if at < 0:
                continue
            m = re.compile(end).search(p, at)
            if m:
                page = pages[i] if i < len(pages) else n.get("page", "")
                return Quote(p[at : m.end()], heading, str(n.get("anchor", "")), str(page), str(n.get("section", "")))
    return None


def entries(view) -> tuple[list[Entry], Release | None]:
    """The terms whose every quote the release's notes hold, and whose notes they are."""
    source = methodology_release(view)
    if source is None:
        return [], None
    out = []
    for term in TERMS:
        quotes = [_quote(source.notes, *q) for q in term.quotes]
        held = [q for q in quotes if q is not None]
        if quotes and len(held) == len(quotes):
            out.append(Entry(term, tuple(held)))
    return out, source


def page(view, has_notes_page: bool) -> str:
    """The glossary's Markdown (front matter aside)."""
    found, source = entries(view)
    if source is None:
        return (
            f"# {TITLE}\n\nThe files of this release and of every release on this site hold no explanatory "
            "notes, so this glossary has no definitions to quote.\n"
        )
    pdf = pdf_of(source)
    whose = (
        f"the {view.month_name} release"
        if source.id == view.id
        else f"the {month_year(source.id)} release, the nearest release whose text is on this site"
    )
    lines = [
        f"# {TITLE}",
        "",
        f"The report's terms, each in the words of the release: quoted from the text of {md(whose)} "
        f"({md(pdf)}), with the note and page. Each term links here from the first place a page uses it.",
        "",
    ]
    for e in sorted(found, key=lambda e: e.term.name.lower()):
        lines += [f"## {md(e.term.name)} {{#{e.term.anchor}}}", "", md(e.term.gloss), ""]
        for q in e.quotes:
            lines += [f"> {md(q.text)}", ">"]
        cited = list(dict.fromkeys((q.heading, q.page, q.anchor, q.section) for q in e.quotes))
        refs = []
        for heading, pg, anchor, section in cited:
            ref = f"“{md(heading)}”, {md(pdf)} page {md(pg)}"
            if has_notes_page and section == METHODOLOGY and ANCHOR_RE.match(anchor):
                ref += f" ([the whole note](../notes/#{anchor}))"
            refs.append(ref)
        lines += [f"> — {'; '.join(refs)}", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- links from the pages


def _pattern(found: list[Entry]) -> tuple[re.Pattern, dict[str, Entry]]:
    by_alias = {a.lower(): e for e in found for a in e.term.aliases}
    alternatives = sorted(by_alias, key=len, reverse=True)  # "not seasonally adjusted" before "seasonally adjusted"
    body = "|".join(re.escape(a) for a in alternatives)
    return re.compile(rf"(?<![\w.\-])(?:{body})(?![\w\-])", re.IGNORECASE), by_alias


#: spans of a Markdown line never touched: links and images, code, inline HTML, attribute lists
PROTECTED = re.compile(r"!?\[[^\]]*\]\([^)]*\)|`[^`]*`|<[^>]*>.*?</a>|<[^>]+>|\{[^}]*\}")


class Linker:
    """Links the first use of each term on one page (``seen`` spans the page's blocks)."""

    def __init__(self, found: list[Entry], href: str):
        self.href = href
        self.pattern: re.Pattern | None
        self.by_alias: dict[str, Entry]
        self.pattern, self.by_alias = _pattern(found) if found else (None, {})
        self.seen: set[str] = set()

    def _link(self, m: re.Match) -> str:
        entry = self.by_alias[m.group(0).lower()]
        if entry.term.anchor in self.seen:
            return m.group(0)
        self.seen.add(entry.term.anchor)
        return templating.render(
            "term_link.html.j2", href=f"{self.href}#{entry.term.anchor}", gloss=entry.term.gloss, text=m.group(0)
        )

    def _line(self, line: str) -> str:
        assert self.pattern is not None  # __call__ links nothing without one
        out, at = [], 0
        for p in PROTECTED.finditer(line):
            out += [self.pattern.sub(self._link, line[at : p.start()]), p.group(0)]
            at = p.end()
        out.append(self.pattern.sub(self._link, line[at:]))
        return "".join(out)

    def __call__(self, markdown: str) -> str:
        """``markdown`` with its terms linked: prose lines only (not headings, HTML blocks,
        admonition titles, tables or code)."""
        if self.pattern is None:
            return markdown
        lines, in_html, fenced = markdown.split("\n"), False, False
        for i, line in enumerate(lines):
            s = line.strip()
            if s.startswith("```"):
                fenced = not fenced
                continue
            if not s:
                in_html = False
                continue
            if fenced or in_html or s.startswith(("#", "!!!", "|", "*[")):
                continue
            if s.startswith("<"):
                in_html = True
                continue
            lines[i] = self._line(line)
        return "\n".join(lines)


_FOUND: dict[tuple[int, str], list[Entry]] = {}


def linker(view, folder: str) -> Linker:
    """A linker for the page at ``<folder>/index.md`` ('' for the release home)."""
    key = (id(view.catalog), view.id)
    if key not in _FOUND:  # once per release and catalog, not once per page
        _FOUND[key] = entries(view)[0]
    found = _FOUND[key]
    return Linker(found, ("../" if folder else "") + f"{SLUG}/")
