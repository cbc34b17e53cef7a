"""Reader for the FT-900 release PDF (``tradMMYY.pdf``): every exhibit, and the text.

The PDF prints the same exhibits as Census's workbooks, so its tidy rows follow the
workbook reader's conventions (:mod:`.census_exhibit`): same line items, hierarchy,
flow, basis, period and vintage, and the exhibit column ``7`` whichever file carried
it. Table ids are ``pdf-exh7``, ``pdf-exh14a``; the FT-900 Supplement's exhibits (pages
after the main exhibits) are ``pdf-exh1s`` ... ``pdf-exh4as``, as its workbooks exh1s.xlsx ...
Locations read "page 14, row 'March (2025)', value column 1".

The column headings are printed over two to four lines with words broken across them, so
what each column holds is stated per exhibit (:func:`exhibit_tables`) in the headings'
own words, as the workbooks spell them (one column label, 'Telecommunications, Computer,
and Information Services', is printed broken as 'Telecommuni- cations'; it is given whole,
as BEA's time series spells it). The quarterly exhibits 19-20b read their periods from
the headings themselves.

Tables are read from word positions, not from text lines: numbers are right-aligned,
so each column is anchored where the values of the table's full rows end, and a value
is placed by the anchor it ends at. A blank cell never shifts a value into the wrong
column, and a page whose values do not line up with the expected columns is an error.

The text (narrative, revisions, notices, explanatory notes) becomes ``notes``: one
entry per heading, paragraphs reflowed, bullets kept as items. The explanatory notes
are set in two columns, which are read one after the other.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from statistics import median

from ..errors import IngestError
from ..schema import HIERARCHY_SEP, frame
from . import ReadResult

MILLIONS = "millions of dollars"
BOP = "balance_of_payments"
CENSUS = "census"
CHAINED = "chained_dollars"
NA = "not_applicable"
SA = "seasonally_adjusted"
NSA = "not_seasonally_adjusted"

TITLE = "U.S. International Trade in Goods and Services"
MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTH_ABBR = {name: i for i, name in enumerate(calendar.month_abbr) if name}

#: a printed value: numbers of 1,000 and more always carry commas, so a bare "2025" is a year
VALUE_RE = re.compile(r"^(?P<v>-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|\(X\)|\(-\)|\(D\)|n\.a\.)(?P<r>\(R\))?$")
FOOTNOTE_RE = re.compile(r"\s*\(\d\)")
PAGE_FOOTER_RE = re.compile(r"^\d+ of \d+$")
STATUS = {"(X)": "X", "(-)": "-", "(D)": "(D)", "n.a.": "n.a."}


# --------------------------------------------------------------------------- words and lines


@dataclass
class Word:
    text: str
    x0: float
    x1: float  # where the number ends: a trailing "(R)" does not count
    top: float
    bold: bool
    size: float = 0.0
    font: str = ""


@dataclass
class Line:
    page: int
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return self.words[0].top


def _words(page, x_tolerance: float = 3) -> list[Word]:
    out = []
    for w in page.extract_words(extra_attrs=["fontname", "size"], return_chars=True, use_text_flow=False,
                                x_tolerance=x_tolerance):
        x1 = w["x1"]
        if w["text"].endswith("(R)") and len(w["text"]) > 3:
            x1 = w["chars"][-4]["x1"]
        out.append(Word(w["text"], w["x0"], x1, w["top"], "Bold" in w["fontname"], w["size"], w["fontname"]))
    return out


def _lines(words: list[Word], page_no: int, tolerance: float = 2.5) -> list[Line]:
    """Words grouped into printed lines (same baseline within ``tolerance`` points)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(w.top - lines[-1][0].top) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [Line(page_no, sorted(ws, key=lambda w: w.x0)) for ws in lines]


def clean_label(text: str) -> str:
    """A label as printed, footnote markers and the revision mark removed."""
    text = FOOTNOTE_RE.sub("", text.replace("(R)", ""))
    return re.sub(r"\s+", " ", text).strip().rstrip(":").rstrip("*")  # 'Australia*': a trade agreement


# --------------------------------------------------------------------------- the document


class Document:
    """The PDF's pages as lines of positioned words, read once per page."""

    def __init__(self, path: Path):
        import pdfplumber

        self.path = path
        self.name = path.name
        try:
            self._pdf = pdfplumber.open(path)
            self.pages = list(self._pdf.pages)
        except Exception as exc:  # pdfminer raises many kinds for a damaged file
            raise IngestError(self.name, "", "a readable PDF", f"<{type(exc).__name__}: {exc}>") from None
        self._lines: dict[int, list[Line]] = {}

    def lines(self, page_no: int) -> list[Line]:
        if page_no not in self._lines:
            try:
                words = _words(self.pages[page_no - 1])
            except Exception as exc:
                raise IngestError(self.name, f"page {page_no}", "a readable page", f"<{type(exc).__name__}: {exc}>") from None
            self._lines[page_no] = _lines(words, page_no)
        return self._lines[page_no]

    def prose_words(self, page_no: int) -> list[Word]:
        """Words of a text page split at the PDF's own spaces (a tight tolerance keeps kerned
        letters together: 'see', not 's ee'); a change of font inside a word does not split it."""
        out = []
        for w in self.pages[page_no - 1].extract_words(x_tolerance=1.5, return_chars=True, use_text_flow=False):
            chars = w["chars"]
            bold = sum("Bold" in c["fontname"] for c in chars) > len(chars) / 2
            out.append(Word(w["text"], w["x0"], w["x1"], w["top"], bold, median(c["size"] for c in chars), chars[0]["fontname"]))
        return out

    def text(self, page_no: int) -> str:
        return "\n".join(line.text for line in self.lines(page_no))

    def close(self) -> None:
        self._pdf.close()

    def error(self, line: Line | None, expected: str, found: object, page: int | None = None) -> IngestError:
        where = f"page {line.page if line else page}"
        if line is not None:
            where += f", row {line.text[:60].rstrip()!r}"
        return IngestError(self.name, where, expected, found)


# --------------------------------------------------------------------------- columns


#: what one printed column holds: the fields of its tidy rows that the row label does not give
#: (flow, line_item, period, unit ...), plus ``group`` (heads the hierarchy), ``status`` (a
#: heading's "(R)") and ``skip`` (a column read but not kept: ranks, C.I.F. values)
Col = dict


def col(**fields) -> Col:
    return dict(fields)


def _split(line: Line) -> tuple[list[Word], list[Word]]:
    """Label words and value words: the values are the trailing run of printed values."""
    words = line.words
    i = len(words)
    while i > 0 and VALUE_RE.match(words[i - 1].text):
        i -= 1
    return words[:i], words[i:]


def anchors(doc: Document, lines: list[Line], ncols: int, page: int) -> list[float]:
    """Right edges of the ``ncols`` columns, from the rows that fill every column."""
    full = [vals for _, vals in map(_split, lines) if len(vals) == ncols]
    if not full:
        widest = max(lines, key=lambda line: len(_split(line)[1]))
        raise doc.error(widest, f"rows of {ncols} values (the exhibit's columns)", f"{len(_split(widest)[1])} values")
    return [median(vals[i].x1 for vals in full) for i in range(ncols)]


def place(doc: Document, line: Line, xs: list[float], tolerance: float = 6.0) -> tuple[str, bool, dict[int, Word]]:
    """(label, label is bold, {column index: value word}) for one line."""
    label, values = _split(line)
    placed: dict[int, Word] = {}
    for w in values:
        i = min(range(len(xs)), key=lambda k: abs(xs[k] - w.x1))
        if abs(xs[i] - w.x1) > tolerance or i in placed:
            raise doc.error(line, f"values ending at the columns' right edges {[round(x) for x in xs]}",
                            f"{w.text!r} ending at {w.x1:.0f}")
        placed[i] = w
    bold = any(w.bold for w in label) if label else False
    return " ".join(w.text for w in label), bold, placed


def marks_next(word: Word) -> bool:
    """True when the value is printed with "(R)" after it: the next column's value is revised
    (exhibits 14, 15, 19 print "July (R)" as a mark between the current and the revised month)."""
    return word.text.endswith("(R)") and len(word.text) > 3


def parse_value(doc: Document, line: Line, word: Word) -> tuple[float | None, list[str]]:
    m = VALUE_RE.match(word.text)
    if not m:
        raise doc.error(line, "a number or a status mark ((X), (-), (D), n.a.)", word.text)
    # A trailing "(R)" ("-4,889(R) -7,375") is the revision mark of the NEXT column: the PDF prints
    # it where the workbook has its own "(R)" cell, left of the revised value. See marks_next().
    v, status = m.group("v"), []
    if v in STATUS:
        status.append(STATUS[v])
        return None, status
    return float(v.replace(",", "")), status


# --------------------------------------------------------------------------- exhibits

SECTIONS = {"Balance": "balance", "Exports": "exports", "Imports": "imports"}
SEASONAL = {"Seasonally Adjusted": SA, "Not Seasonally Adjusted": NSA}
TITLE_RE = re.compile(r"^Exhibit (?P<id>\d+[a-z]?)\. (?P<title>.+)$")
BODY_END_RE = re.compile(r"^(\(\d\) |\* |NOTES?:|n\.a\. Not available|\d+ of \d+$)")


@dataclass
class Exhibit:
    id: str  # "7", "14a"; the supplement's "1s", "4as" (as the workbooks exh1s.xlsx, exh4as.xlsx)
    title: str
    pages: list[int]
    part: str  # "Part A: Seasonally Adjusted (by Commodity/Service)", "FT-900 Supplement"

    @property
    def table_id(self) -> str:
        return f"pdf-exh{self.id}"


def find_exhibits(doc: Document) -> dict[str, Exhibit]:
    """The exhibits and their pages, from each page's heading ("Part A: ...", "Exhibit 7. ...")."""
    found: dict[str, Exhibit] = {}
    for page_no in range(1, len(doc.pages) + 1):
        lines = doc.lines(page_no)
        if len(lines) < 3:
            continue
        part = lines[0].text
        if not (part.startswith("Part ") or part == "FT-900 Supplement"):
            continue
        m = TITLE_RE.match(lines[1].text)
        if not m:
            continue
        ex_id = m.group("id") if part.startswith("Part ") else f"{m.group('id')}s"  # supplement: 4a -> 4as
        title = lines[1].text
        for more in lines[2:4]:  # a title may run on: "Three-Month Moving Averages", "Chained (2017) Dollars"
            if more.text.startswith(("In millions", "Details", "(X)", "In thousands")):
                break
            title += " " + more.text
        if ex_id in found:
            found[ex_id].pages.append(page_no)
        else:
            found[ex_id] = Exhibit(ex_id, title, [page_no], part)
    return found


def body(doc: Document, page_no: int, start) -> list[Line]:
    """The table's lines on one page: from the first line ``start`` accepts to the footnotes."""
    out: list[Line] = []
    for line in doc.lines(page_no)[2:]:
        if not out and not start(line):
            continue
        if out and BODY_END_RE.match(line.text):
            break
        out.append(line)
    if not out:
        raise doc.error(None, "the exhibit's table", "no table rows", page=page_no)
    return out


def _record(doc: Document, ex: Exhibit, release: str, line: Line, label: str, column: int, fields: dict, value,
            status) -> dict:
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


# --------------------------------------------------------------------------- tables by period (rows are months)


def _period_of(label: str, year: int | None, release: str, default_type: str) -> tuple[str, str] | None:
    """('2025-03', 'month') for 'March', ('2025', 'year') for 'Jan. - Dec.', ('2025-03', 'year_to_date') for 'Jan. - Mar.'."""
    if year is None:
        return None
    if label in MONTHS:
        return f"{year}-{MONTHS[label]:02d}", default_type
    m = re.fullmatch(r"Jan\. ?-(?: (\w{3})\.?)?", label)  # 'Jan.- Mar.' (supplement); January releases print 'Jan. -'
    if m and (m.group(1) in MONTH_ABBR or m.group(1) is None):
        month = MONTH_ABBR[m.group(1)] if m.group(1) else int(release[5:7])
        return (str(year), "year") if month == 12 else (f"{year}-{month:02d}", "year_to_date")
    return None


def period_table(doc: Document, ex: Exhibit, release: str, cols: list[Col], period_type: str = "month") -> list[dict]:
    """Rows are periods under year lines ('2024', 'January', 'Jan. - Mar.'); columns are items.

    Flow comes from the column, or from a section line ('Exports') when the columns have none.
    'February data as published last month:' is followed by an unlabelled line of that month's
    earlier vintage.
    """
    records: list[dict] = []
    start = lambda line: re.fullmatch(r"\d{4}", line.text) is not None or line.text in SECTIONS or line.text in SEASONAL
    for page_no in ex.pages:
        lines = body(doc, page_no, start)
        xs = anchors(doc, lines, len(cols), page_no)
        year = flow = last_month = seasonal = None
        seen: dict[int, str] = {}  # month -> the latest period printed for it
        for line in lines:
            raw, _, placed = place(doc, line, xs)
            label = clean_label(raw)
            if line.text in SECTIONS:
                flow, year, seen = SECTIONS[line.text], None, {}
                continue
            if line.text in SEASONAL:  # supplement exhibit 3 prints both
                seasonal, year, seen = SEASONAL[line.text], None, {}
                continue
            if re.fullmatch(r"\d{4}", label):
                year = int(label)
                continue
            m = re.fullmatch(r"(\w+) data as published last month", label)
            if m and m.group(1) in MONTHS:
                last_month = MONTHS[m.group(1)]
                continue
            if not placed:
                continue
            vintage = "current"
            if not label and last_month is not None and last_month in seen:
                period, ptype, vintage = seen[last_month], period_type, "as_published_last_month"
                label = f"{calendar.month_name[last_month]} data as published last month"
                last_month = None
            else:
                found = _period_of(label, year, release, period_type)
                if found is None:
                    raise doc.error(line, "a period (a year, a month, or 'Jan. - Mon.')", raw)
                period, ptype = found
                if ptype == period_type:
                    seen[int(period[5:7])] = period
            row_status = ["R"] if "(R)" in raw else []
            for i, c in enumerate(cols):
                if i not in placed:
                    continue
                value, status = parse_value(doc, line, placed[i])
                if i - 1 in placed and marks_next(placed[i - 1]):
                    status = ["R"] + status
                fields = {"period": period, "period_type": ptype, "vintage": vintage, **c}
                if seasonal:
                    fields["seasonal_adjustment"] = seasonal
                fields.setdefault("flow", flow)
                if fields["flow"] is None:
                    raise doc.error(line, "a section line (Exports, Imports, Balance) before the rows", raw)
                under = ", ".join(str(x) for x in (seasonal and seasonal.replace("_", " ").capitalize(),
                                                   flow and flow.capitalize(), vintage == "current" and year) if x)
                row = f"{label} ({under})" if under else label
                records.append(_record(doc, ex, release, line, row, i, fields, value, row_status + status))
    return records


# --------------------------------------------------------------------------- tables by item (rows are labels)


SUBTABLE_RE = re.compile(r"^(?P<name>[A-Z].*?) (?:" + "|".join(MONTHS) + r"|Year-to-Date)\b")
ROOTS = ("total census basis", "total, census basis", "total", "grand total", "u.s. total")


def _top_line(label: str) -> bool:
    """The BOP total and the net adjustments: level 0 above the Census-basis root."""
    low = label.lower()
    return ("balance of payment" in low and low.startswith("total")) or low.startswith("net adjust")


def item_table(doc: Document, ex: Exhibit, release: str, cols: list[Col], sections: bool = False,
               subtables: bool = False, headings: bool = False, rows_as: str | None = None,
               groups_marked: str | None = None, under_root: tuple[str, ...] = (),
               memo: tuple[str, ...] = ()) -> list[dict]:
    """Rows are items; columns are periods, flows or measures.

    Hierarchy as the workbook reader builds it: the BOP total and net adjustments are level 0;
    a 'Total'/'Total, Census Basis' row is the root of the rows below it; below the root the
    print's indent gives the depth, or, where nothing is indented (exhibits 7, 8), bold rows
    are the categories and plain rows their commodities.
    With ``sections``, lines 'Balance', 'Exports', 'Imports' set the flow of the rows below.
    With ``subtables``, a page holds several tables, each under a heading line ('Technology
    Group  March ...', 'Selected Countries and Areas  March ...') whose name heads the
    hierarchy of its rows.
    A column's ``group`` (e.g. 'Passenger Cars', not 'Total') heads the row's hierarchy.
    With ``headings``, each column's period is read from the page (:func:`heading_periods`).
    With ``rows_as``, the hierarchy is that of another exhibit with the same rows (see
    :func:`same_rows`).
    With ``groups_marked``, a group is the row followed by that line (the supplement's NAICS
    groups, each followed by '(Domestic)'): the rows below it are its parts, up to the next group
    or a row of ``under_root`` ('Re-exports'), which is a part of the root again.
    A ``memo`` line ('Foreign Trade Zone', "for reference only") heads no rows, however the
    rows below it are indented.
    """
    start = lambda line: line.text in SECTIONS or bool(_split(line)[1] and _split(line)[0])
    pages = []
    for page_no in ex.pages:
        lines = body(doc, page_no, start)
        xs = anchors(doc, lines, len(cols), page_no)
        page_cols = cols
        if headings:
            periods = heading_periods(doc, page_no, lines, xs, release)
            page_cols = [col(**{**c, **p}) for c, p in zip(cols, periods)]
        pages.append((lines, xs, page_cols))
    indents = sorted({round(l.words[0].x0) for lines, xs, _ in pages for l in lines
                      if _split(l)[1] and _split(l)[0] and not clean_label(place(doc, l, xs)[0]).lower().startswith("net adjust")})
    levels: list[int] = []  # indents closer than 3 points are one level
    for x in indents:
        if not levels or x - levels[-1] > 3:
            levels.append(x)
    depth_of = lambda x0: max(i for i, lv in enumerate(levels) if x0 >= lv - 3)

    records: list[dict] = []
    flow = None
    prefix: list[str] = []
    if subtables:  # the first table's name is in the headings above it: 'Technology Group'
        heads = [SUBTABLE_RE.match(l.text) for l in doc.lines(ex.pages[0]) if l.top < pages[0][0][0].top]
        prefix = [m.group("name") for m in heads if m][-1:]
    root: list[str] = []
    stack: list[tuple[int, str]] = []
    last_row: list[tuple[dict, str | None]] = []  # the records of the row above, with their column group
    for lines, xs, cols in pages:
        labels = Counter(clean_label(_split(line)[0] and " ".join(w.text for w in _split(line)[0])) for line in lines)
        for line in lines:
            raw, bold, placed = place(doc, line, xs)
            if sections and line.text in SECTIONS:
                flow, root, stack = SECTIONS[line.text], [], []
                continue
            label = clean_label(raw)
            if groups_marked and line.text == groups_marked and last_row:
                head = last_row[0][0]["line_item"]  # the row above heads a group: re-file it under the root
                for r, group in last_row:
                    path = prefix + ([group] if group and not group.lower().startswith("total") else []) + root + [head]
                    r.update(hierarchy=HIERARCHY_SEP.join(path), level=len(path) - 1)
                stack = [(-1, head)]
                continue
            if subtables and not placed:
                m = SUBTABLE_RE.match(line.text)
                if m:
                    prefix, root, stack = [m.group("name")], [], []
                continue
            if not placed:
                raise doc.error(line, "a row with values", "a label without values")
            if not label:
                raise doc.error(line, "a row label", "values without a label")
            basis = None
            if _top_line(label):
                parents, basis = [], BOP
            elif label.lower() in ROOTS:
                parents, root, stack = [], [label], []
            elif label in under_root:
                parents, stack = list(root), []
            else:
                depth = depth_of(round(line.words[0].x0)) if len(levels) > 1 else (0 if bold else 1)
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                parents = root + [s for _, s in stack]
                if label not in memo:
                    stack.append((depth, label))
            row_status = ["R"] if "(R)" in raw else []
            last_row = []
            for i, c in enumerate(cols):
                if i not in placed or c.get("skip"):
                    continue
                value, status = parse_value(doc, line, placed[i])
                if i - 1 in placed and marks_next(placed[i - 1]):
                    status = ["R"] + status
                fields = dict(c)
                group = fields.pop("group", None)
                col_status = fields.pop("status", None)
                path = prefix + ([group] if group and not group.lower().startswith("total") else []) + parents + [label]
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
                records.append(_record(doc, ex, release, line, row, i, fields, value, row_status + [col_status] + status))
                last_row.append((records[-1], group))
    if rows_as:
        records = same_rows(doc, ex, release, records, rows_as)
    return records


def same_rows(doc: Document, ex: Exhibit, release: str, records: list[dict], other: str) -> list[dict]:
    """Exhibit 14a repeats exhibit 14's rows for the year before, and takes its hierarchy from
    it: page 30 of trad0325.pdf indents 'Norway' under 'European Union' (on page 29 it is a
    country of Europe, and the European Union's figures do not include it). Rows are matched
    by label in printed order; a label exhibit 14 does not print keeps its own hierarchy."""
    parser, cols, options = exhibit_tables(release)[other]
    model = [(r["line_item"], r["hierarchy"], r["level"])
             for r in parser(doc, find_exhibits(doc)[other], release, cols, **options)]
    rows = list(dict.fromkeys(model))
    out, pos, mapping = [], 0, {}
    for label, hierarchy in dict.fromkeys((r["line_item"], r["hierarchy"]) for r in records):
        match = next((i for i in range(pos, len(rows)) if rows[i][0] == label), None)
        if match is not None:
            mapping[hierarchy] = rows[match][1:]
            pos = match + 1
    for r in records:
        if r["hierarchy"] in mapping:
            r = {**r, "hierarchy": mapping[r["hierarchy"]][0], "level": mapping[r["hierarchy"]][1]}
        out.append(r)
    return out


# --------------------------------------------------------------------------- what each exhibit's columns hold


def item(line_item: str, parent: str | None = None, **fields) -> Col:
    hierarchy = f"{parent}{HIERARCHY_SEP}{line_item}" if parent else line_item
    return col(line_item=line_item, hierarchy=hierarchy, level=hierarchy.count(HIERARCHY_SEP), **fields)


def per_flow(items: list[Col], flows=("balance", "exports", "imports")) -> list[Col]:
    return [col(**{**c, "flow": f}) for f in flows for c in items]


GOODS_SERVICES = [item("Total", basis=BOP), item("Goods", "Total", basis=BOP), item("Services", "Total", basis=BOP)]
SERVICES = [
    "Maintenance and Repair Services n.i.e.", "Transport", "Travel", "Construction", "Insurance Services",
    "Financial Services", "Charges for the Use of Intellectual Property n.i.e.",
    "Telecommunications, Computer, and Information Services", "Other Business Services",
    "Personal, Cultural, and Recreational Services", "Government Goods and Services n.i.e.",
]
BOP_TOTAL, CENSUS_TOTAL, NET = "Total Balance of Payments Basis", "Total Census Basis", "Net Adjustments"
END_USE = ["Foods, Feeds, & Beverages", "Industrial Supplies", "Capital Goods", "Automotive Vehicles, etc.",
           "Consumer Goods", "Other Goods"]
#: exhibit 10 prints the automotive heading without the comma
REAL_END_USE = [c.replace("Vehicles, etc.", "Vehicles etc.") for c in END_USE]


def _goods_totals(net: bool = True) -> list[Col]:
    cols = [item(BOP_TOTAL, basis=BOP)]
    if net:
        cols.append(item(NET, basis=BOP))
    return cols + [item(CENSUS_TOTAL, basis=CENSUS)]


def _end_use(real: bool = False) -> list[Col]:
    if real:
        chained = {"basis": CHAINED, "unit": "millions of chained 2017 dollars"}
        return [item(CENSUS_TOTAL, **chained)] + [item(c, CENSUS_TOTAL, **chained) for c in REAL_END_USE + ["Residual"]]
    return _goods_totals() + [item(c, CENSUS_TOTAL, basis=CENSUS) for c in END_USE]


def _petroleum(real: bool = False) -> list[Col]:
    if real:
        chained = {"basis": CHAINED, "unit": "millions of chained 2017 dollars"}
        return [item(CENSUS_TOTAL, **chained)] + [item(c, CENSUS_TOTAL, **chained) for c in ("Petroleum", "Non-petroleum", "Residual")]
    return [item("Total", basis=BOP), item(NET, "Total", basis=BOP),
            item("Petroleum", "Total", basis=CENSUS), item("Non-petroleum", "Total", basis=CENSUS)]


def _energy() -> list[Col]:
    total, crude = "Total energy-related petroleum products", "Crude Oil"
    q = {"basis": NA, "unit": "thousands of barrels"}
    v = {"basis": CENSUS, "unit": "thousands of dollars"}
    return [item(total, **q), item(total, **v), item(crude, total, **q),
            item(crude, total, basis=NA, unit="thousands of barrels per day"), item(crude, total, **v),
            item(crude, total, basis=NA, unit="dollars per barrel")]


def period_cols(release: str, spec: str) -> list[Col]:
    """Columns of the item tables, in printed order: 'month', 'prev', 'change', 'ytd', 'ytd-1', 'ytd-change'."""
    year, month = int(release[:4]), int(release[5:])
    prev = f"{year}-{month - 1:02d}" if month > 1 else f"{year - 1}-12"
    this = f"{year}-{month:02d}"
    last_year = f"{year - 1}-{month:02d}"
    table = {
        "month": dict(period=this, period_type="month"),
        "prev": dict(period=prev, period_type="month"),
        "prev(R)": dict(period=prev, period_type="month", status="R"),
        "change": dict(period=this, period_type="month", measure="change"),
        "ytd": dict(period=this, period_type="year_to_date"),
        "ytd-1": dict(period=last_year, period_type="year_to_date"),
        "ytd-change": dict(period=this, period_type="year_to_date", measure="change"),
        # exhibit 14a: the same months a year earlier
        "month-1": dict(period=last_year, period_type="month"),
        "prev-1": dict(period=f"{int(prev[:4]) - 1}{prev[4:]}", period_type="month"),
    }
    return [col(**table[s]) for s in spec.split()]


def _cross(cols: list[Col], **fields) -> list[Col]:
    return [col(**{**c, **fields}) for c in cols]


QUARTERS = {"First": 1, "Second": 2, "Third": 3, "Fourth": 4}


def heading_periods(doc: Document, page_no: int, lines: list[Line], xs: list[float], release: str) -> list[dict]:
    """Each column's period from the headings printed above it ('March 2025', 'First Quarter
    2024', 'Annual 2022', 'Year-to-Date 2025'), read from the characters between the notes line
    and the table (exhibit 19 prints its headings letter-spaced, so spaces are dropped)."""
    above = [l for l in doc.lines(page_no)[2:] if l.top < lines[0].top]
    notes = [i for i, l in enumerate(above) if l.text.endswith(".")]
    top = above[notes[-1] + 1].top - 1 if notes and notes[-1] + 1 < len(above) else above[0].top - 1
    chars = [c for c in doc.pages[page_no - 1].chars if top <= c["top"] < lines[0].top - 1 and c["text"].strip()]
    edges = [xs[0] - (xs[1] - xs[0])] + xs
    out = []
    for i in range(len(xs)):
        mine = sorted((c for c in chars if edges[i] < (c["x0"] + c["x1"]) / 2 <= edges[i + 1]),
                      key=lambda c: (round(c["top"] / 3), c["x0"]))
        text = "".join(c["text"] for c in mine)
        if m := re.search(r"Year-to-Date(\d{4})", text):
            out.append(dict(period=f"{m.group(1)}-{release[5:7]}", period_type="year_to_date"))
        elif m := re.search(r"(First|Second|Third|Fourth)Quarter(\d{4})", text):
            out.append(dict(period=f"{m.group(2)}-Q{QUARTERS[m.group(1)]}", period_type="quarter"))
        elif m := re.search(r"Annual(\d{4})", text):
            out.append(dict(period=m.group(1), period_type="year"))
        elif m := re.search("(" + "|".join(MONTHS) + r")(\d{4})", text):
            out.append(dict(period=f"{m.group(2)}-{MONTHS[m.group(1)]:02d}", period_type="month"))
        else:
            raise doc.error(None, f"a period heading above column {i + 1} ('March 2025', 'First Quarter 2024', "
                            "'Annual 2022', 'Year-to-Date 2025')", text or "<nothing>", page=page_no)
    return out


def _months(spec: str, release: str, flows=("balance", "exports", "imports"), **fields) -> list[Col]:
    return [col(**{**c, "flow": f, **fields}) for f in flows for c in period_cols(release, spec)]


def exhibit_tables(release: str) -> dict[str, tuple]:
    """exhibit id -> (parser, columns, options), in the report's order (Part A, B, C)."""
    ex_im = ("exports", "imports")
    vehicles = ["Total", "Passenger Cars", "Trucks, Buses, Special Purpose Vehicles", "Parts"]
    crude = [{"group": None, "basis": NA, "unit": "thousands of barrels"},
             {"group": None, "unit": "thousands of dollars"},
             {"group": "C.I.F. Value", "unit": "thousands of dollars", "skip": True}]  # as the workbook reader
    return {
        "1": (period_table, per_flow(GOODS_SERVICES), {}),
        "2": (period_table, per_flow(GOODS_SERVICES), {"period_type": "three_month_average"}),
        "3": (period_table, [item("Total Services", basis=BOP, flow="exports")]
              + [item(s, "Total Services", basis=BOP, flow="exports") for s in SERVICES], {}),
        "4": (period_table, [item("Total Services", basis=BOP, flow="imports")]
              + [item(s, "Total Services", basis=BOP, flow="imports") for s in SERVICES], {}),
        "5": (period_table, _cross(_goods_totals(net=False), flow="balance") + per_flow(_goods_totals(), ex_im), {}),
        "6": (period_table, _end_use(), {}),
        "7": (item_table, _months("month prev(R) change ytd ytd-1 ytd-change", release, ("exports",)), {}),
        "8": (item_table, _months("month prev(R) change ytd ytd-1 ytd-change", release, ("imports",)), {}),
        "9": (period_table, per_flow(_petroleum()), {}),
        "10": (period_table, _end_use(real=True), {}),
        "11": (period_table, per_flow(_petroleum(real=True)), {}),
        "12": (period_table, _cross(_goods_totals(net=False), flow="balance") + per_flow(_goods_totals(), ex_im), {}),
        "13": (period_table, _end_use(), {}),
        "14": (item_table, _months("month prev ytd", release), {}),
        "14a": (item_table, _months("month-1 prev-1 ytd-1", release), {"rows_as": "14"}),
        "15": (item_table, [col(**{**c, "flow": f}) for c in period_cols(release, "month prev ytd ytd-1")
                            for f in ex_im], {}),
        "16": (period_table, [item("Advanced Technology Products", basis=CENSUS, flow=f) for f in ("balance", "exports", "imports")], {}),
        "16a": (item_table, [col(**{**c, "flow": f}) for c in period_cols(release, "month prev ytd ytd-1")
                             for f in ("balance", "exports", "imports")], {"subtables": True}),
        "17": (period_table, _energy(), {}),
        "17a": (item_table, [col(**{**c, **g, "flow": "imports"}) for g in crude
                             for c in period_cols(release, "month prev ytd")], {}),
        "18": (item_table, [col(**{**c, "group": v}) for v in vehicles
                            for c in period_cols(release, "month prev ytd")], {"sections": True}),
        "19": (item_table, [col()] * 9, {"sections": True, "headings": True}),
        "20": (item_table, [col(basis=BOP)] * 9, {"sections": True, "headings": True}),
        "20a": (item_table, [col(basis=BOP)] * 9, {"sections": True, "headings": True}),
        "20b": (item_table, [col(basis=BOP)] * 9, {"sections": True, "headings": True}),
        # the supplement (FT-900 Supplement, Census basis, not seasonally adjusted unless said)
        "1s": (item_table, _months("month ytd", release) + _cross(period_cols(release, "month ytd"), flow="imports",
               group="Calculated Duty"), {"groups_marked": "(Domestic)", "under_root": ("Re-exports", "Timing Adjustments")}),
        "2s": (item_table, _states(release, ["Manufactured Commodities", "Non-Manufactured Commodities"],
                                   ["Re-exports", "Total"], "exports"), {"memo": ("Foreign Trade Zone",)}),
        "2as": (item_table, _states(release, ["Manufactured Commodities", "Non-Manufactured Commodities", "Total"],
                                    [], "imports"), {"memo": ("Foreign Trade Zone",)}),
        "3s": (period_table, [item("Customs", flow="balance", basis=CENSUS), item("C.I.F.", flow="balance", basis=CENSUS),
                              item("F.A.S. Value", flow="exports", basis=CENSUS),
                              item("Customs value", flow="imports", basis=CENSUS),
                              item("C.I.F. Value", flow="imports", basis=CENSUS)], {}),
        "4s": (item_table, _countries(release, "month ytd"), {}),
        "4as": (item_table, _countries(release, "month-1 ytd-1"), {}),
    }


def _states(release: str, with_share: list[str], without: list[str], flow: str) -> list[Col]:
    """Supplement exhibits 2/2a: per product group, the month, the year to date and (for the
    manufactured and non-manufactured groups) the year to date's percent of the U.S. total."""
    month, ytd = period_cols(release, "month ytd")
    out = []
    for group in with_share + without:
        out += [col(**month, group=group, flow=flow), col(**ytd, group=group, flow=flow)]
        if group in with_share:
            out.append(col(**ytd, group=group, flow=flow, unit="percent"))
    return out


def _countries(release: str, spec: str) -> list[Col]:
    """Supplement exhibits 4/4a: balance, exports, imports (customs), imports (C.I.F.), each
    month, year to date and rank; ranks and the C.I.F. valuation are left out, as the
    workbook reader does."""
    out = []
    for flow, skip in (("balance", False), ("exports", False), ("imports", False), ("imports", True)):
        out += [col(**{**c, "flow": flow, "skip": skip}) for c in period_cols(release, spec)]
        out.append(col(skip=True))  # rank
    return out


# --------------------------------------------------------------------------- the text


SECTION_TITLES = {"Revisions": "revisions", "Notice": "notices", "Notices": "notices",
                  "Explanatory Notes": "explanatory_notes"}
BULLETS = {"•": "• ", "o": "◦ "}  # the print's bullet and its sub-bullet (a Courier 'o')
END_OF_SENTENCE = tuple(".:!?")
NUMBERED_RE = re.compile(r"^\d\. [A-Z]")  # a numbered item: "1. Coverage - ..."


def anchor(heading: str) -> str:
    """A stable slug: 'Goods (BOP basis)' -> 'goods-bop-basis'."""
    return re.sub(r"[^a-z0-9]+", "-", heading.lower().replace("’", "").replace("'", "")).strip("-")


@dataclass
class _TextLine:
    page: int
    column: int
    top: float
    size: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def heading(self) -> bool:
        return all(w.bold for w in self.words) and self.size >= 10.5

    @property
    def bullet(self) -> str | None:
        first = self.words[0]
        if first.text == "•" or (first.text == "o" and "Courier" in first.font):
            return BULLETS[first.text]
        return None


def _text_lines(doc: Document, page_no: int, two_columns: bool) -> list[_TextLine]:
    """A text page's lines in reading order: the explanatory notes are set in two columns
    (left column first); the page title in large type comes first. Type smaller than the
    page's body text (the chart on page 1, contacts) is left out."""
    words = doc.prose_words(page_no)
    if not words:
        return []
    sizes = [round(w.size, 1) for w in words]
    body_size = max(set(sizes), key=sizes.count)
    width = float(doc.pages[page_no - 1].width)
    footer = [l for l in _lines(words, page_no) if PAGE_FOOTER_RE.match(l.text)]
    words = [w for w in words if not footer or w.top < footer[0].top - 1]
    bullet = lambda w: w.text in BULLETS and w.size > 8
    rest = [w for w in words if (w.size > body_size - 0.5 or bullet(w)) and (not two_columns or w.size <= 15)]
    if two_columns:
        groups = [(0, [w for w in words if w.size > 15]), (1, [w for w in rest if w.x0 < width / 2]),
                  (2, [w for w in rest if w.x0 >= width / 2])]
    else:
        groups = [(1, rest)]
    out = []
    for column, ws in groups:
        for line in _lines(ws, page_no):
            out.append(_TextLine(page_no, column, line.top, median(w.size for w in line.words), line.words))
    return out


def _join(lines: list[str], vocabulary: str) -> str:
    """Reflow printed lines into one paragraph. A line-end hyphen stays ('end-use',
    'non-government'), unless the document spells the joined word elsewhere without it."""
    text = ""
    for line in lines:
        head = re.search(r"(\w+)-$", text)
        tail = re.match(r"[a-z]\w*", line)
        if head and tail and re.search(rf"\b{head.group(1)}{tail.group(0)}\b", vocabulary):
            text = text[:-1] + line
        elif head and tail:
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


def read_notes(doc: Document, last_page: int) -> list[dict]:
    """The release's text (pages 1 to ``last_page``) as one entry per heading.

    Sections: ``narrative`` (the report's summary, its headings name exhibits), ``revisions``,
    ``notices`` and ``explanatory_notes`` (switched by their printed titles). Bullets become
    paragraphs starting with '• ' ('◦ ' for the second level).
    """
    lines: list[_TextLine] = []
    two_columns = False
    for page_no in range(1, last_page + 1):
        page = _text_lines(doc, page_no, two_columns)
        if not two_columns and any(l.size > 15 and "Explanatory Notes" in l.text for l in page):
            page = _text_lines(doc, page_no, two_columns := True)
        lines += page
    vocabulary = " ".join(line.text for line in lines)
    start = next((i for i, line in enumerate(lines) if line.heading and TITLE in line.text), None)
    if start is None:
        raise doc.error(None, f"the release title {TITLE!r} in large bold type", "no such line", page=1)
    entries: list[dict] = []
    section = "narrative"
    para: list[str] = []
    prev: _TextLine | None = None
    indent = 0.0  # where the text of the current bullet starts

    def close_paragraph():
        if para and entries:
            entries[-1]["paragraphs"].append(_join(para, vocabulary))
        para.clear()

    for line in lines[start:]:
        if line.heading:
            if prev is not None and prev.heading and prev.column == line.column and line.top - prev.top < 2.2 * line.size:
                entries[-1]["heading"] += " " + line.text  # a heading set on two lines
            else:
                close_paragraph()
                entries.append({"section": section, "heading": line.text, "anchor": "", "paragraphs": [], "page": line.page})
            heading = entries[-1]["heading"]
            if heading in SECTION_TITLES:
                section = SECTION_TITLES[heading]
            elif re.search(r"\(exhibits? \d", heading):
                section = "narrative"
            entries[-1]["section"] = section
            prev = line
            continue
        new_column = prev is None or (prev.page, prev.column) != (line.page, line.column)
        if line.bullet:
            close_paragraph()
            para.append(line.bullet + " ".join(w.text for w in line.words[1:]))
            indent = line.words[1].x0 if len(line.words) > 1 else line.words[0].x0
        elif new_column:
            # a paragraph runs on into the next column or page unless it had ended
            if para and _join(para, vocabulary).endswith(END_OF_SENTENCE) and not line.text[:1].islower():
                close_paragraph()
            para.append(line.text)
        elif prev.heading or line.top - prev.top > 1.6 * line.size or (
            para and para[0][:1] in "•◦" and line.words[0].x0 < indent - 8  # back at the margin after a bullet
        ) or (NUMBERED_RE.match(line.text) and para and para[-1].endswith(END_OF_SENTENCE)):  # "2. Valuation - ..."
            close_paragraph()
            para.append(line.text)
        else:
            para.append(line.text)
        prev = line
    close_paragraph()
    entries = [e for e in entries if e["paragraphs"]]
    seen: set[str] = set()
    for e in entries:
        a = anchor(e["heading"])
        e["anchor"] = a if a not in seen else f"{e['section'].replace('_', '-')}-{a}"
        seen.add(e["anchor"])
    return entries


# --------------------------------------------------------------------------- the release


DATE_RE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\w+ \d{1,2}, \d{4})")


def _iso(text: str) -> str:
    return datetime.strptime(text, "%B %d, %Y").date().isoformat()


def release_meta(doc: Document) -> dict:
    """Publication date ('... EDT, Tuesday, May 6, 2025') and next release, from page 1."""
    text = doc.text(1)
    if TITLE not in text:
        raise doc.error(None, f"an FT-900 release (page 1 titled {TITLE!r})", doc.lines(1)[0].text[:60] if doc.lines(1) else "<an empty page>", page=1)
    published = DATE_RE.search(text)
    following = re.search(r"Next release: " + DATE_RE.pattern, text)
    if not published:
        raise doc.error(None, "the publication date ('Tuesday, May 6, 2025')", text[:80], page=1)
    if not following:
        raise doc.error(None, "the next release date ('Next release: Thursday, June 5, 2025')", "no such line", page=1)
    return {"published": _iso(published.group(1)), "next_release": _iso(following.group(1))}


def read(path: Path, release: str) -> ReadResult:
    doc = Document(path)
    try:
        result = ReadResult(meta=release_meta(doc))
        exhibits = find_exhibits(doc)
        for ex_id, (parser, cols, options) in exhibit_tables(release).items():
            if ex_id not in exhibits:
                raise IngestError(doc.name, "", f"a page titled 'Exhibit {ex_id}. ...'", f"exhibits {sorted(exhibits)}")
            ex = exhibits[ex_id]
            result.tables[ex.table_id] = frame(parser(doc, ex, release, cols, **options))
            result.titles[ex.table_id] = ex.title
        first_exhibit = min(p for ex in exhibits.values() for p in ex.pages)
        listing = [p for p in range(1, first_exhibit) if doc.lines(p) and doc.lines(p)[0].text.startswith("List of News Release Exhibits")]
        result.notes = read_notes(doc, (listing[0] if listing else first_exhibit) - 1)
        return result
    finally:
        doc.close()
