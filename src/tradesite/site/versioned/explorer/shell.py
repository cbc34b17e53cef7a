"""Thousands of pages in the site's theme without thousands of MkDocs pages: a *shell*.

MkDocs renders one page whose title, description and content are markers; every series page is
that page with the markers replaced (the title and description escaped for HTML text and
attributes, the content already HTML from an autoescaping template) and its canonical URL set.
All series pages sit at the same depth (``/series/<id>/``), so the shell's relative links work
for each. Filling 3,600 pages takes about a second where MkDocs took half a minute, and the page
generation stays independent of the engine (the shell is the only page it renders for them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ...render import templating

TITLE = "@@TS-TITLE@@"
DESCRIPTION = "@@TS-DESCRIPTION@@"
CONTENT = "@@TS-CONTENT@@"
SLUG = "_shell"
_BLANK = re.compile(r"\n[ \t\n]*")  # the shell has no <pre> or <textarea>: indentation is not content
_MARKERS = re.compile("|".join(map(re.escape, (TITLE, DESCRIPTION, CONTENT))))


def page() -> str:
    """The shell's Markdown: markers in the front matter, the title and one raw HTML block."""
    return (
        f'---\ntitle: "{TITLE}"\ndescription: "{DESCRIPTION}"\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n\n'
        f'# {TITLE}\n\n<div class="ts-shell">{CONTENT}</div>\n'
    )


@dataclass
class Shell:
    """A rendered shell page, split at its markers."""

    html: str
    canonical: str  # the shell's own canonical URL, e.g. https://example.org/series/_shell/

    def __post_init__(self) -> None:
        for marker in (TITLE, DESCRIPTION, CONTENT):
            if marker not in self.html:
                raise ValueError(f"the explorer's shell page lost its marker {marker}; was its template changed?")
        # MkDocs' templates leave blank lines and deep indentation: a third of a page's bytes
        self.html = _BLANK.sub("\n", self.html.replace(f"<p>{CONTENT}</p>", CONTENT))

    def fill(self, slug: str, title: str, description: str, content: Markup) -> str:
        """The page for ``slug`` (a folder beside the shell's)."""
        if not isinstance(content, Markup):
            raise TypeError("a shell's content must be Markup rendered by a template (escaped)")
        out = self.html.replace(self.canonical, self.canonical.replace(f"/{SLUG}/", f"/{slug}/"))
        values = {
            TITLE: str(templating.escape(title)),
            DESCRIPTION: str(templating.escape(description)),
            CONTENT: str(content),
        }
        return _MARKERS.sub(lambda m: values[m.group(0)], out)  # one pass: a value is never read as a marker
