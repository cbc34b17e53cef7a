"""Data text made literal for Markdown prose: :func:`md`.

Chapters write Markdown; any text that comes from data (a note's heading or paragraph
from ``notes.json``, a ``line_item``, a country) goes through ``md`` before it is put in
a sentence, a heading or a list item, so that it is shown exactly as printed and never
read as Markdown or HTML::

    Text(f"## {md(note['heading'])} {{#{note['anchor']}}}")
    Text(f"Imports of {md(label)} rose ...")

Not for raw HTML blocks, attributes or code spans: HTML is rendered from templates
(:mod:`.templating`), which escape for HTML.
"""

from __future__ import annotations

import re
import unicodedata

#: HTML-significant characters -> entities: no tag, no autolink, no entity of the data's own.
#: '|' too: it would split a Markdown table cell (the ``tables`` extension).
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
#: Markdown punctuation -> backslash escapes (all in Python-Markdown's escapable set):
#: emphasis, code, links and images (with "["), attr_list's ``{: …}``, headings, admonitions.
_PUNCTUATION = set("\\`*_{}[]#!")
#: What starts a block when at the start of a line: '-', '+' (lists), '1.' (ordered list).
_LINE_START = re.compile(r"^(?:[-+]|\d+\.)")


def _control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def md(text: str) -> str:
    """``text`` as literal Markdown: it renders as exactly these characters, as one run of
    inline text (no HTML, emphasis, code, link, image, autolink, attribute list, heading,
    list, quote or code block).

    A line break becomes a space and surrounding whitespace is dropped (it would make a new
    paragraph, a code block or a heading); a control character becomes U+FFFD (Python-Markdown
    uses some as placeholders). Safe at the start of a line and in the middle of one.
    """
    text = re.sub(r"\s*[\r\n\u2028\u2029]\s*", " ", str(text)).strip()
    text = "".join("\ufffd" if _control(ch) and ch != "\t" else ch for ch in text)
    out = []
    for ch in text:
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _PUNCTUATION:
            out.append("\\" + ch)
        else:
            out.append(ch)
    escaped = "".join(out)
    m = _LINE_START.match(escaped)
    if m:  # '-' -> '\-', '1.' -> '1\.'
        escaped = escaped[: m.end() - 1] + "\\" + escaped[m.end() - 1 :]
    return escaped
