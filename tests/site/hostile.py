"""Hostile text made for the tests (script and event-handler payloads), and a check that
finds any of it live in HTML: shared by test_templating.py and test_hostile.py."""

from __future__ import annotations

from html.parser import HTMLParser

#: in every payload, so a live one is recognisable wherever it lands
MARKER = "tsxss"

#: (no quotes inside the tags: Python-Markdown passes such a tag through as HTML, which is
#: what a careless renderer would do)
PAYLOADS = {
    "script": f"<script>alert('{MARKER}-script')</script>",
    "img": f"<img src=x onerror=alert(1) data-m={MARKER}-img>",
    "svg": f'"><svg onload=alert(1) data-m={MARKER}-svg>',
    "link": f"[click me](javascript:alert('{MARKER}-link'))",
    "image": f"![x](javascript:alert('{MARKER}-image'))",
    "autolink": f"<javascript:alert('{MARKER}-autolink')>",
}


#: script elements a browser never runs: their text is data (the parser still ends them at the first
#: "</script", so a payload that broke out of one is parsed, and found, as the tags after it)
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class _Live(HTMLParser):
    """Collects what a browser would run: script text, on* attributes, javascript: URLs."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in self.URL_ATTRS and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "srcdoc":
                self.found.append(f"<{tag} srcdoc>")
        if tag == "script" and dict(attrs).get("type") not in DATA_SCRIPT_TYPES:
            self._script = ""

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if MARKER in self._script:
                self.found.append(f"<script>{self._script[:80]}</script>")
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script += data


def live(html: str) -> list[str]:
    """Every live payload in ``html``: a <script> carrying the marker, any on* attribute,
    any href/src starting with javascript:. Empty when the text stayed text."""
    p = _Live()
    p.feed(html)
    p.close()
    return p.found
