"""The release PDF's two table shapes: periods as rows, and line items as rows.

Periods, markers and the hierarchy are the engine's (:mod:`..engine`), as for the
workbooks; what is particular to the print is here: lines of positioned words, section lines
('Exports'), depth from a row's left edge (or bold categories), and locations that read
"page 14, row 'March (2025)', value column 1".
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

from ...schema import HIERARCHY_SEP
from ..engine import coverage, markers
from ..engine.hierarchy import Hierarchy
from ..engine.periods import Error, PeriodRows, find_heading
from ..engine.text import clean, flow_section, seasonal_section
from .exhibits import BOP, CENSUS, Col, Exhibit, col
from .layout import Document, Line, Word, anchors, body, place, split

SA = "seasonally_adjusted"
NSA = "not_seasonally_adjusted"
MILLIONS = "millions of dollars"
SUBTABLE_RE = re.compile(r"^(?P<name>[A-Z].*?) (?:" + "|".join(calendar.month_name[1:]) + r"|Year-to-Date)\b")


def clean_label(text: str) -> str:
    """A label as printed, footnote markers and the revision mark removed."""
    return clean(text.replace("(R)", "")).rstrip(":").rstrip("*")


def value_of(doc: Document, line: Line, placed: dict[int, Word], i: int) -> tuple[float | None, list[str]]:
    """The value in column ``i`` and its status; a "(R)" after the value left of it marks it revised."""
    value, status, _ = markers.printed(placed[i].text, lambda expected, found: doc.error(line, expected, found))
    revised = i - 1 in placed and markers.printed(placed[i - 1].text, lambda e, f: doc.error(line, e, f))[2]
    return value, (["R"] if revised else []) + ([status] if status else [])


def record(
    doc: Document, ex: Exhibit, release: str, line: Line, label: str, column: int, fields: dict, value, status
) -> dict:
    """One tidy row, located as "page 14, row 'March (2025)', value column 1"."""
    r = {
        "release": release,
        "source_file": doc.name,
        "exhibit": ex.id,
        "location": f"page {line.page}, row {label!r}, value column {column + 1}",
        "vintage": "current",
        "measure": "level",
        "seasonal_adjustment": SA if ex.part.startswith(("Part A", "Part C")) else NSA,  # Part B, supplement
        "unit": MILLIONS,
    }
    r.update(fields)
    r["status"] = ";".join(dict.fromkeys(s for s in status if s))
    r["value"] = value
    return r


# --------------------------------------------------------------------------- periods as rows


def _label_error(doc: Document, line: Line, raw: str) -> Error:
    """The error of a period label, bound to its line now (:class:`PeriodRows` keeps it)."""
    return lambda expected, found: doc.error(line, expected, found if str(found).startswith("<") else raw)


def period_table(doc: Document, ex: Exhibit, release: str, cols: list[Col], period_type: str = "month") -> list[dict]:
    """Rows are periods under year lines (:class:`..engine.periods.PeriodRows`); columns are items.

    Flow comes from the column, or from a section line ('Exports') when the columns have none.
    """
    records: list[dict] = []
    start = lambda line: (
        re.fullmatch(r"\d{4}", line.text) is not None or bool(flow_section(line.text) or seasonal_section(line.text))
    )
    for page_no in ex.pages:
        lines = body(doc, page_no, start)
        xs = anchors(doc, lines, len(cols), page_no)
        rows = PeriodRows(period_type)
        flow = seasonal = None
        for line in lines:
            raw, _, placed = place(doc, line, xs)
            if flow_section(line.text):
                flow = flow_section(line.text)
                rows.section()
                continue
            if seasonal_section(line.text):  # supplement exhibit 3 prints both
                seasonal = seasonal_section(line.text)
                rows.section()
                continue
            got = rows.read(clean(raw), bool(placed), _label_error(doc, line, raw))
            if got is None:
                doc.skip(line, coverage.PERIOD_LABEL, years_only=True)  # a year line
                continue
            if got.vintage == "current":
                label = clean_label(raw)
            else:
                assert got.last_month is not None  # a row published last month always names its month
                label = f"{calendar.month_name[got.last_month]} data as published last month"
            row_status = ["R"] if "(R)" in raw else []
            for i, c in enumerate(cols):
                if i not in placed:
                    continue
                value, status = value_of(doc, line, placed, i)
                fields = {"period": got.period, "period_type": got.period_type, "vintage": got.vintage, **c}
                if seasonal:
                    fields["seasonal_adjustment"] = seasonal
                fields.setdefault("flow", flow)
                if fields["flow"] is None:
                    raise doc.error(line, "a section line (Exports, Imports, Balance) before the rows", raw)
                under = ", ".join(
                    str(x)
                    for x in (
                        seasonal and seasonal.replace("_", " ").capitalize(),
                        flow and flow.capitalize(),
                        got.vintage == "current" and rows.year,
                    )
                    if x
                )
                row = f"{label} ({under})" if under else label
                records.append(record(doc, ex, release, line, row, i, fields, value, row_status + status))
                doc.kept(records[-1]["location"], line, placed[i])
    return records


# --------------------------------------------------------------------------- items as rows


def item_table(
    doc: Document,
    ex: Exhibit,
    release: str,
    cols: list[Col],
    sections: bool = False,
    subtables: bool = False,
    headings: bool = False,
    groups_marked: str | None = None,
    memo: tuple[str, ...] = (),
) -> list[dict]:
    """Rows are items; columns are periods, flows or measures.

    The hierarchy is the engine's (:class:`..engine.hierarchy.Hierarchy`); the depth of a row
    is the print's indent, or, where nothing is indented (exhibits 7, 8), 0 for bold rows (the
    categories) and 1 for plain ones (their commodities).
    With ``sections``, lines 'Balance', 'Exports', 'Imports' set the flow of the rows below.
    With ``subtables``, a page holds several tables, each under a heading line ('Technology
    Group  March ...', 'Selected Countries and Areas  March ...') whose name heads the
    hierarchy of its rows.
    A column's ``group`` (e.g. 'Passenger Cars', not 'Total') heads the row's hierarchy.
    With ``headings``, each column's period is read from the page (:func:`heading_periods`).
    With ``groups_marked``, a group is the row followed by that line (the supplement's NAICS
    groups, each followed by '(Domestic)').
    A ``memo`` line ('Foreign Trade Zone', "for reference only") heads no rows.
    """
    start = lambda line: bool(flow_section(line.text)) or bool(split(line)[1] and split(line)[0])
    pages = []
    for page_no in ex.pages:
        lines = body(doc, page_no, start)
        xs = anchors(doc, lines, len(cols), page_no)
        page_cols = cols
        if headings:
            periods = heading_periods(doc, page_no, lines, xs, release)
            page_cols = [col(**{**c, **p}) for c, p in zip(cols, periods)]
        pages.append((lines, xs, page_cols))
    indents = sorted(
        {
            round(l.words[0].x0)
            for lines, xs, _ in pages
            for l in lines
            if split(l)[1] and split(l)[0] and not clean_label(place(doc, l, xs)[0]).lower().startswith("net adjust")
        }
    )
    levels: list[int] = []  # indents closer than 3 points are one level
    for x in indents:
        if not levels or x - levels[-1] > 3:
            levels.append(x)
    depth_of = lambda x0: max(i for i, lv in enumerate(levels) if x0 >= lv - 3)
    following = {id(a): b.text for a, b in zip([l for p in pages for l in p[0]], [l for p in pages for l in p[0]][1:])}

    records: list[dict] = []
    flow = None
    prefix: list[str] = []
    if subtables:  # the first table's name is in the headings above it: 'Technology Group'
        heads = [SUBTABLE_RE.match(l.text) for l in doc.lines(ex.pages[0]) if l.top < pages[0][0][0].top]
        prefix = [m.group("name") for m in heads if m][-1:]
    tree = Hierarchy(memo=memo)
    for lines, xs, cols in pages:
        labels = Counter(clean_label(" ".join(w.text for w in split(line)[0])) for line in lines)
        for line in lines:
            raw, bold, placed = place(doc, line, xs)
            if sections and flow_section(line.text):
                flow = flow_section(line.text)
                tree.reset()
                continue
            label = clean_label(raw)
            if groups_marked and line.text == groups_marked:
                continue  # it marks the row above as a group (see heads_group below)
            if subtables and not placed:
                m = SUBTABLE_RE.match(line.text)
                doc.skip(line, coverage.HEADING, years_only=True)
                if m:
                    prefix = [m.group("name")]
                    tree.reset()
                continue
            if not placed:
                raise doc.error(line, "a row with values", "a label without values")
            if not label:
                raise doc.error(line, "a row label", "values without a label")
            depth = depth_of(round(line.words[0].x0)) if len(levels) > 1 else (0 if bold else 1)
            spot = tree.place(
                label, depth, heads_group=bool(groups_marked) and following.get(id(line)) == groups_marked
            )
            basis = BOP if spot.kind == "top" else None
            row_status = ["R"] if "(R)" in raw else []
            for i, c in enumerate(cols):
                if i not in placed:
                    continue
                value, status = value_of(doc, line, placed, i)
                fields = dict(c)
                group = fields.pop("group", None)
                col_status = fields.pop("status", None)
                path = (
                    prefix
                    + ([group] if group and not group.lower().startswith("total") else [])
                    + spot.parents
                    + [label]
                )
                fields.update(line_item=label, hierarchy=HIERARCHY_SEP.join(path), level=len(path) - 1)
                fields.setdefault("flow", flow)
                fields.setdefault("basis", basis or CENSUS)
                if basis:
                    fields["basis"] = basis
                if fields["flow"] is None:
                    raise doc.error(line, "a section line (Exports, Imports, Balance) before the rows", raw)
                row = label if labels[label] == 1 else HIERARCHY_SEP.join(path[-2:])  # 'Africa › Other'
                if sections and flow:
                    row += f" ({flow.capitalize()})"
                records.append(
                    record(doc, ex, release, line, row, i, fields, value, row_status + [col_status] + status)
                )
                doc.kept(records[-1]["location"], line, placed[i])
    return records


def heading_periods(doc: Document, page_no: int, lines: list[Line], xs: list[float], release: str) -> list[dict]:
    """Each column's period from the headings printed above it ('March 2025', 'First Quarter
    2024', 'Annual 2022', 'Year-to-Date 2025'), read from the characters between the notes line
    and the table (exhibit 19 prints its headings letter-spaced, so spaces are dropped). A year
    to date runs through the month of the page's month column."""
    above = [l for l in doc.lines(page_no)[2:] if l.top < lines[0].top]
    notes = [i for i, l in enumerate(above) if l.text.endswith(".")]
    top = above[notes[-1] + 1].top - 1 if notes and notes[-1] + 1 < len(above) else above[0].top - 1
    chars = [c for c in doc.pages.chars(page_no) if top <= c["top"] < lines[0].top - 1 and c["text"].strip()]
    edges = [xs[0] - (xs[1] - xs[0])] + xs
    found = []
    for i in range(len(xs)):
        mine = sorted(
            (c for c in chars if edges[i] < (c["x0"] + c["x1"]) / 2 <= edges[i + 1]),
            key=lambda c: (round(c["top"] / 3), c["x0"]),
        )
        text = "".join(c["text"] for c in mine)
        h = find_heading(text)
        if h is None:
            raise doc.error(
                None,
                f"a period heading above column {i + 1} ('March 2025', 'First Quarter 2024', "
                "'Annual 2022', 'Year-to-Date 2025')",
                text or "<nothing>",
                page=page_no,
            )
        found.append(h)
    months = [h.month for h in found if h.period_type == "month"]
    end = months[0] if months else int(release[5:7])
    return [
        dict(period=f"{h.year}-{end:02d}" if h.period_type == "year_to_date" else h.period(), period_type=h.period_type)
        for h in found
    ]
