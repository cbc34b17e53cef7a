"""The release PDF's text (narrative, revisions, notices, explanatory notes) as ``notes``.

One entry per heading, paragraphs reflowed, bullets kept as items ('• ', '◦ ' for the
second level), each paragraph with the page it starts on (``pages``, beside ``page``, the
heading's). The explanatory notes are set in two columns, which are read one after the
other. A framed sidebar (page 2's "Treatment of Gold") is an entry of its own, and the text
after it goes on in the entry it interrupted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from .layout import PAGE_FOOTER_RE, Document, Word, boxes, lines_of

TITLE = "U.S. International Trade in Goods and Services"


SECTION_TITLES = {
    "Revisions": "revisions",
    "Notice": "notices",
    "Notices": "notices",
    "Explanatory Notes": "explanatory_notes",
}
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
    box: int | None = None  # the framed area of the page the line is in

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
    width = doc.pages.width(page_no)
    footer = [l for l in lines_of(words, page_no) if PAGE_FOOTER_RE.match(l.text)]
    words = [w for w in words if not footer or w.top < footer[0].top - 1]
    bullet = lambda w: w.text in BULLETS and w.size > 8
    rest = [w for w in words if (w.size > body_size - 0.5 or bullet(w)) and (not two_columns or w.size <= 15)]
    if two_columns:
        groups = [
            (0, [w for w in words if w.size > 15]),
            (1, [w for w in rest if w.x0 < width / 2]),
            (2, [w for w in rest if w.x0 >= width / 2]),
        ]
    else:
        groups = [(1, rest)]
    frames = boxes(doc.pages.rects(page_no))

    def box(w: Word) -> int | None:
        return next(
            (i for i, (x0, top, x1, bottom) in enumerate(frames) if x0 <= w.x0 <= x1 and top <= w.top <= bottom), None
        )

    out = []
    for column, ws in groups:
        for line in lines_of(ws, page_no):
            out.append(
                _TextLine(page_no, column, line.top, median(w.size for w in line.words), line.words, box(line.words[0]))
            )
    return out


#: a line-end hyphen before "and"/"or" and another compound is a suspended hyphen:
#: 'product-' + 'and commodity-based' -> 'product- and commodity-based'
SUSPENDED = re.compile(r"(and|or)\s+\S*\w-\w")


def _join(lines: list[str], vocabulary: str) -> str:
    """Reflow printed lines into one paragraph. A line-end hyphen stays ('end-use',
    'non-government'), unless the document spells the joined word elsewhere without it,
    or it is suspended (:data:`SUSPENDED`), which keeps its space."""
    text = ""
    for line in lines:
        head = re.search(r"(\w+)-$", text)
        tail = re.match(r"[a-z]\w*", line)
        if head and tail and re.search(rf"\b{head.group(1)}{tail.group(0)}\b", vocabulary):
            text = text[:-1] + line
        elif head and SUSPENDED.match(line):
            text += " " + line
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
    current = -1  # the entry the text goes to
    interrupted: int | None = None  # the entry a sidebar interrupted
    section = "narrative"
    para: list[str] = []
    para_page = 0  # the page the paragraph starts on
    prev: _TextLine | None = None
    indent = 0.0  # where the text of the current bullet starts

    def close_paragraph():
        if para and entries:
            entries[current]["paragraphs"].append(_join(para, vocabulary))
            entries[current]["pages"].append(para_page)
        para.clear()

    def add(line: _TextLine, text: str):
        nonlocal para_page
        if not para:
            para_page = line.page
        para.append(text)

    for line in lines[start:]:
        if prev is not None and (line.page, line.box) != (prev.page, prev.box):
            if line.box is not None and prev.box is None:  # into a sidebar
                close_paragraph()
                interrupted = current
            elif line.box is None and interrupted is not None:  # out of it: the text goes on
                close_paragraph()
                current, interrupted = interrupted, None
        if line.heading:
            if (
                prev is not None
                and prev.heading
                and prev.column == line.column
                and line.top - prev.top < 2.2 * line.size
            ):
                entries[current]["heading"] += " " + line.text  # a heading set on two lines
            else:
                close_paragraph()
                entries.append(
                    {
                        "section": section,
                        "heading": line.text,
                        "anchor": "",
                        "paragraphs": [],
                        "page": line.page,
                        "pages": [],
                    }
                )
                current = len(entries) - 1
            heading = entries[current]["heading"]
            if heading in SECTION_TITLES:
                section = SECTION_TITLES[heading]
            elif re.search(r"\(exhibits? \d", heading):
                section = "narrative"
            entries[current]["section"] = section
            prev = line
            continue
        new_column = prev is None or (prev.page, prev.column) != (line.page, line.column)
        if line.bullet:
            close_paragraph()
            add(line, line.bullet + " ".join(w.text for w in line.words[1:]))
            indent = line.words[1].x0 if len(line.words) > 1 else line.words[0].x0
        elif prev is None or new_column:  # (no line before is a new column too)
            # a paragraph runs on into the next column or page unless it had ended
            if para and _join(para, vocabulary).endswith(END_OF_SENTENCE) and not line.text[:1].islower():
                close_paragraph()
            add(line, line.text)
        elif (
            prev.heading
            or line.top - prev.top > 1.6 * line.size
            or (
                para and para[0][:1] in "•◦" and line.words[0].x0 < indent - 8  # back at the margin after a bullet
            )
            or (NUMBERED_RE.match(line.text) and para and para[-1].endswith(END_OF_SENTENCE))
        ):  # "2. Valuation - ..."
            close_paragraph()
            add(line, line.text)
        else:
            add(line, line.text)
        prev = line
    close_paragraph()
    entries = [e for e in entries if e["paragraphs"]]
    seen: set[str] = set()
    for e in entries:
        a = anchor(e["heading"])
        e["anchor"] = a if a not in seen else f"{e['section'].replace('_', '-')}-{a}"
        seen.add(e["anchor"])
    return entries
