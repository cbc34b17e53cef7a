"""Front matter is written by yaml.safe_dump: whatever a title or description says, MkDocs
reads back that text, escaped for HTML (Material's templates print a page's title and description
as they are: an unescaped '<' would be markup), and the page body starts where it should."""

from __future__ import annotations

import html

import pytest
from mkdocs.utils.meta import get_data

from tradesite.site.release.pages import front_matter

from .hostile import PAYLOADS

TEXTS = [
    'Say "deficit" \\ then',
    "two\nlines\n---\ntitle: injected",
    "No",  # YAML 1.1 would read a bare No as false
    "1.5",
    "# not a comment: really",
    "&anchor *alias !tag {flow} [list] | > % @ `",
    "Côte d’Ivoire — 100 %",
    " leading and trailing spaces ",
    *PAYLOADS.values(),
]


@pytest.mark.parametrize("text", TEXTS)
def test_mkdocs_reads_back_the_text(text):
    body, meta = get_data(front_matter(text, f"About {text}", hide_toc=True, search_boost=4) + "# Heading\n")
    assert meta == {"title": html.escape(text, quote=False).replace('"', "&quot;"),
                    "description": html.escape(f"About {text}", quote=False).replace('"', "&quot;"),
                    "hide": ["toc"], "search": {"boost": 4}}
    assert html.unescape(meta["title"]) == text and "<" not in meta["title"] + meta["description"]
    assert body == "# Heading\n"


def test_layout_as_mkdocs_documents_it():
    assert front_matter("Overview: exports", "The deficit.", hide_toc=True) == (
        '---\ntitle: "Overview: exports"\ndescription: "The deficit."\nhide:\n  - toc\n---\n\n')
    assert front_matter("t", "d", search_boost=4, search_exclude=True).endswith("search:\n  exclude: true\n---\n\n")
