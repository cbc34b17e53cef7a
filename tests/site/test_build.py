"""mkdocs build of one release succeeds, its nav lists only its chapters, pages stay light."""

from __future__ import annotations

import gzip
import re

import pytest

from tradesite.site.release.build import build_release
from .built import site

RELEASE = "2025-12"
#: What a reader fetches for a chapter page before touching anything: its HTML as served
#: (gzip, as GitHub Pages sends it), charts included (inline SVG); a chart's data comes only when
#: the reader reaches for the chart. Issue 12 counts transfer sizes too.
PAGE_BUDGET = 40_000


@pytest.mark.slow
def test_mkdocs_build_of_one_release(tmp_path):
    out = build_release(RELEASE, tmp_path / "out")
    s = site(RELEASE)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "$70.3 billion" in index  # exh1.xlsx of 2025-12, row 48: December balance -70,311
    nav = re.findall(r'<a href="([^"]+)"\s+class="md-nav__link', index)
    for chapter in s.chapters:
        assert (out / chapter.slug / "index.html").is_file()
        assert any(chapter.slug in href for href in nav)
        size = len(gzip.compress((out / chapter.slug / "index.html").read_bytes(), 6))
        assert size < PAGE_BUDGET, f"{chapter.slug}: {size:,} bytes gzip"
    for module in s.not_covered:
        # its stable URL answers with a page saying the release doesn't cover it; not in the nav
        stub = (out / module.SLUG / "index.html").read_text(encoding="utf-8")
        assert "do not include this chapter" in stub and '<meta name="robots" content="noindex">' in stub
        assert f'href="{module.SLUG}/"' not in index
        assert f"/{module.SLUG}/<" not in (out / "sitemap.xml").read_text(encoding="utf-8")  # noindex: not listed
    assert (out / "javascripts" / "vega-embed.bundle.js").is_file()  # fetched on a reader's first touch of a chart
    assert "vega-embed.bundle.js" not in index  # not before
    assert (out / "downloads" / f"tradesite-{RELEASE}.zip").is_file()
    assert "fonts.googleapis.com" not in index
