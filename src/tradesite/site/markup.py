"""Data text made literal Markdown (placeholder until the renderers' module lands)."""

from __future__ import annotations

import html
import re

_SPECIAL = re.compile(r"([\\`*_\[\]{}])")
_LINE_START = re.compile(r"^(\s*)([#+\->])", re.M)
_NUMBERED = re.compile(r"^(\s*\d+)\. ", re.M)


def md(text: object) -> str:
    """Any data string as literal Markdown: no HTML, emphasis, links, images, attributes or
    block starts (headings, lists, quotes)."""
    s = html.escape(str(text), quote=False)
    s = _SPECIAL.sub(r"\\\1", s)
    s = _LINE_START.sub(r"\1\\\2", s)
    return _NUMBERED.sub(r"\1\\. ", s)
