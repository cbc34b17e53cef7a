"""The release PDF's pages as positioned words and lines, and where a table's values are.

Tables are read from word positions, not from text lines: numbers are right-aligned, so
each column is anchored where the values of the table's full rows end (:func:`anchors`),
and a value is placed by the anchor it ends at (:func:`place`). A blank cell never shifts a
value into the wrong column, and a page whose values do not line up with the expected
columns is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from ...errors import IngestError
from ..engine import coverage, markers
from ..engine.periods import year_of
from . import pages


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
    for w in page.extract_words(
        extra_attrs=["fontname", "size"], return_chars=True, use_text_flow=False, x_tolerance=x_tolerance
    ):
        x1 = w["x1"]
        if w["text"].endswith("(R)") and len(w["text"]) > 3:
            x1 = w["chars"][-4]["x1"]
        out.append(Word(w["text"], w["x0"], x1, w["top"], "Bold" in w["fontname"], w["size"], w["fontname"]))
    return out


def _prose_words(page) -> list[Word]:
    out = []
    for w in page.extract_words(x_tolerance=1.5, return_chars=True, use_text_flow=False):
        chars = w["chars"]
        bold = sum("Bold" in c["fontname"] for c in chars) > len(chars) / 2
        size = median(c["size"] for c in chars)
        out.append(Word(w["text"], w["x0"], w["x1"], w["top"], bold, size, chars[0]["fontname"]))
    return out


def lines_of(words: list[Word], page_no: int, tolerance: float = 2.5) -> list[Line]:
    """Words grouped into printed lines (same baseline within ``tolerance`` points)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(w.top - lines[-1][0].top) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [Line(page_no, sorted(ws, key=lambda w: w.x0)) for ws in lines]


class Document:
    """The PDF's pages as lines of positioned words, read once per page (and kept: :mod:`.pages`)."""

    def __init__(self, path: Path, cache: Path | None = pages.CACHE):
        self.path = path
        self.name = path.name
        self.pages = pages.Pages(path, cache)
        self._lines: dict[int, list[Line]] = {}
        #: numeric words met and not kept, and why; a kept value's location -> its word (coverage)
        self.skipped: dict[str, str] = {}
        self.positions: dict[str, str] = {}

    def skip(self, line: Line, reason: str, years_only: bool = False) -> None:
        """Account for the numeric words of a line that are not values (only years, if asked)."""
        for w in line.words:
            if coverage.numeric(w.text) and (not years_only or year_of(w.text)):
                self.skipped.setdefault(coverage.word_at(line.page, w.x0, w.top), reason)

    def kept(self, location: str, line: Line, word: Word) -> None:
        self.positions[location] = coverage.word_at(line.page, word.x0, word.top)

    def lines(self, page_no: int) -> list[Line]:
        if page_no not in self._lines:
            self._lines[page_no] = lines_of(self.pages.read("words", page_no, _words), page_no)
        return self._lines[page_no]

    def prose_words(self, page_no: int) -> list[Word]:
        """Words of a text page split at the PDF's own spaces (a tight tolerance keeps kerned
        letters together: 'see', not 's ee'); a change of font inside a word does not split it."""
        return self.pages.read("prose", page_no, _prose_words)

    def text(self, page_no: int) -> str:
        return "\n".join(line.text for line in self.lines(page_no))

    def close(self) -> None:
        self.pages.close()

    def error(self, line: Line | None, expected: str, found: object, page: int | None = None) -> IngestError:
        where = f"page {line.page if line else page}"
        if line is not None:
            where += f", row {line.text[:60].rstrip()!r}"
        return IngestError(self.name, where, expected, found)


def boxes(rects: list[dict]) -> list[tuple[float, float, float, float]]:
    """Framed areas of a page (x0, top, x1, bottom), from the thin rectangles (``rects``: its
    :meth:`.pages.Pages.rects`) that draw their left and right borders: a sidebar such as page
    2's "Treatment of Gold" note."""
    edges: dict[int, list[list[float]]] = {}
    for r in sorted(rects, key=lambda r: r["top"]):
        if r["width"] < 2 and r["height"] > 5:
            spans = edges.setdefault(round(r["x0"]), [])
            if spans and r["top"] - spans[-1][1] <= 2:
                spans[-1][1] = max(spans[-1][1], r["bottom"])
            else:
                spans.append([r["top"], r["bottom"]])
    found = []
    xs = sorted(edges)
    for i, left in enumerate(xs):
        for right in xs[i + 1 :]:
            for top, bottom in edges[left]:
                if right - left > 100 and any(abs(top - t) <= 2 and abs(bottom - b) <= 2 for t, b in edges[right]):
                    found.append((float(left), top, float(right), bottom))
    return found


PAGE_FOOTER_RE = re.compile(r"^\d+ of \d+$")
BODY_END_RE = re.compile(r"^(\(\d\) |\* |NOTES?:|n\.a\. Not available|\d+ of \d+$)")


def body(doc: Document, page_no: int, start: Callable[[Line], bool]) -> list[Line]:
    """The table's lines on one page: from the first line ``start`` accepts to the footnotes.
    The years in the headings above and the notes below are accounted for as not values."""
    lines = doc.lines(page_no)
    out: list[Line] = []
    end = len(lines)
    for i, line in enumerate(lines):
        if i < 2 or (not out and not start(line)):
            doc.skip(line, coverage.HEADING, years_only=True)
            continue
        if out and BODY_END_RE.match(line.text):
            end = i
            break
        out.append(line)
    if not out:
        raise doc.error(None, "the exhibit's table", "no table rows", page=page_no)
    for line in lines[end:]:
        doc.skip(line, coverage.PAGE_NUMBER if PAGE_FOOTER_RE.match(line.text) else coverage.NOTE)
    return out


def split(line: Line) -> tuple[list[Word], list[Word]]:
    """Label words and value words: the values are the trailing run of printed values."""
    words = line.words
    i = len(words)
    while i > 0 and markers.is_printed_value(words[i - 1].text):
        i -= 1
    return words[:i], words[i:]


def anchors(doc: Document, lines: list[Line], ncols: int, page: int) -> list[float]:
    """Right edges of the ``ncols`` columns, from the rows that fill every column."""
    full = [vals for _, vals in map(split, lines) if len(vals) == ncols]
    if not full:
        widest = max(lines, key=lambda line: len(split(line)[1]))
        raise doc.error(widest, f"rows of {ncols} values (the exhibit's columns)", f"{len(split(widest)[1])} values")
    return [median(vals[i].x1 for vals in full) for i in range(ncols)]


def place(doc: Document, line: Line, xs: list[float], tolerance: float = 6.0) -> tuple[str, bool, dict[int, Word]]:
    """(label, label is bold, {column index: value word}) for one line."""
    label, values = split(line)
    placed: dict[int, Word] = {}
    for w in values:
        i = min(range(len(xs)), key=lambda k: abs(xs[k] - w.x1))
        if abs(xs[i] - w.x1) > tolerance or i in placed:
            raise doc.error(
                line,
                f"values ending at the columns' right edges {[round(x) for x in xs]}",
                f"{w.text!r} ending at {w.x1:.0f}",
            )
        placed[i] = w
    bold = any(w.bold for w in label) if label else False
    return " ".join(w.text for w in label), bold, placed
