"""markup.md: data text rendered by the site's own Markdown (mkdocs.yml's extensions)
comes out as exactly that text, one run of inline text, nothing live."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import markdown
import pytest
from mkdocs.utils.yaml import yaml_load

from tradesite import paths
from tradesite.site.render.markup import md

from .hostile import PAYLOADS, live

CASES = {
    "script": "<script>alert(1)</script>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "markdown link": "[x](javascript:alert(1))",
    "image": "![x](y)",
    "autolink": "<http://x>",
    "emphasis": "*a* and _b_ and **c**",
    "code": "`code`",
    "ordered list": "1. item",
    "heading": "# h",
    "bullet": "- a",
    "plus bullet": "+ a",
    "quote": "> quoted",
    "rule": "---",
    "admonition": '!!! danger "x"',
    "attr_list": "Gold {: onclick=alert(1) } {#id .cls}",
    "reference definition": "[x]: javascript:alert(1)",
    "entities": "&lt;b&gt; &amp; & < > AT&T",
    "backslashes": "C:\\path\\*not*",
    "pipes": "a | b",
    "html comment": "<!-- hidden -->",
    "indented code": "    code block",
    "new paragraph": "first\n\n# second\n- third",
    "printed text": "Exports of goods (exhibit 1) were $278.5 billion, 2.3 percent more; 3-month average.",
    **{f"hostile {k}": v for k, v in PAYLOADS.items()},
}


@functools.cache
def renderer() -> markdown.Markdown:
    """Python-Markdown with exactly the extensions mkdocs.yml gives the site."""
    with open(paths.ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name, conf = next(iter(ext.items())) if isinstance(ext, dict) else (ext, {})
        names.append(name)
        configs[name] = conf or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def to_html(source: str) -> str:
    r = renderer()
    r.reset()
    return r.convert(source)


class Shape(HTMLParser):
    """Tags, attributes and text of rendered HTML (entities decoded)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text += data

    def handle_comment(self, data):
        self.tags.append("!--")


def shown(text: str) -> str:
    """What a reader should see: the text, with a line break read as a space and the ends trimmed."""
    return re.sub(r"\s*\n\s*", " ", text).strip()


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_a_paragraph_shows_the_text(text):
    html = to_html(f"Line: {md(text)}")
    s = Shape(html)
    assert s.tags == ["p"], html
    assert s.text == f"Line: {shown(text)}", html
    assert live(html) == []


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_at_the_start_of_a_line_too(text):
    html = to_html(md(text))
    s = Shape(html)
    assert s.tags == ["p"], html
    assert s.text == shown(text), html


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_a_heading_with_its_anchor(text):
    html = to_html(f"## {md(text)} {{#note-anchor}}\n\nParagraph.")
    s = Shape(html)
    assert s.tags[:1] == ["h2"] and ("id", "note-anchor") in s.attrs, html
    assert [t for t in s.tags if t not in ("a",)] == ["h2", "p"], html  # 'a': toc's permalink
    assert s.text.startswith(shown(text)), html
    assert not [a for a in s.attrs if a[0] not in ("id", "class", "href", "title")], html


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_a_list_item(text):
    html = to_html(f"- {md(text)}\n- second")
    s = Shape(html)
    assert s.tags == ["ul", "li", "li"], html
    assert s.text.split("\n")[1] == shown(text), html
