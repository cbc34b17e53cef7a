"""feed.xml (RSS, one item per release with its headline numbers) and the root sitemap
index, on the committed releases."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest

from tradesite import paths, releases
from tradesite.periods import month_year
from tradesite.site.versioned import feeds, versions
from tests.require import committed

from .built import site

BASE = "https://example.org/trade/"
SM_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SM = {"s": SM_NS}


@pytest.fixture(scope="module")
def feed():
    ids = releases.bundled()
    return ids, ET.fromstring(feeds.feed(ids, BASE))


def test_one_item_per_release_newest_first(feed):
    ids, rss = feed
    links = [i.findtext("link") for i in rss.iter("item")]
    assert links == [f"{BASE}{r}/" for r in sorted(ids, reverse=True)]
    assert rss.find("channel/link").text == BASE  # the root, which redirects to latest
    titles = [i.findtext("title") for i in rss.iter("item")]
    assert titles[-1] == f"{month_year(ids[0])} report"


def test_items_carry_the_headline_numbers(feed):
    ids, rss = feed
    committed("2025-03")
    item = next(i for i in rss.iter("item") if i.findtext("link").endswith("/2025-03/"))
    # trad0325.pdf page 1: deficit $140.5 billion; exports $278.5 billion, imports $419.0 billion
    # and its dates: trad0325.pdf page 1, "... Tuesday, May 6, 2025" and "Next release: Thursday, June 5, 2025"
    assert item.findtext("description") == (
        "Goods and services balance: deficit of $140.5 billion; exports $278.5 billion, imports $419.0 billion. "
        "Published on May 6, 2025; next release on June 5, 2025."
    )
    assert item.findtext("pubDate") == "Tue, 06 May 2025 00:00:00 +0000"  # release.json: published 2025-05-06


def test_no_publication_date_is_guessed(feed):
    ids, rss = feed
    for item in rss.iter("item"):
        release = item.findtext("link").rstrip("/").rsplit("/", 1)[-1]
        published = releases.Release.load(release).meta.get("published")
        assert (item.find("pubDate") is not None) == bool(published), release


def test_items_say_an_unknown_date_is_unknown(feed):
    """2021-08's Census workbooks state no date: its item says so, and carries no pubDate; 2024-12's
    next release is the date the 2025-01 release's workbook states it was published."""
    ids, rss = feed
    items = {i.findtext("link").rstrip("/").rsplit("/", 1)[-1]: i for i in rss.iter("item")}
    if "2021-08" in items:
        assert items["2021-08"].findtext("description").endswith(
            "Publication date unknown (no file of the release gives it); next release date unknown.")
    if {"2024-12", "2025-01"} <= set(items):
        assert items["2024-12"].findtext("description").endswith(
            "Published on February 5, 2025; next release on March 6, 2025.")


def test_the_root_calendar_lists_every_known_date():
    text = feeds.files(releases.bundled(), BASE)["calendar.ics"]
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    metas = {r: releases.Release.load(r).meta for r in releases.bundled()}
    stated = {m["published"] for m in metas.values() if m["published"]} | {m["next_release"] for m in metas.values()
                                                                            if m["next_release"]}
    days = {line.split(":")[1] for line in text.split("\r\n") if line.startswith("DTSTART;VALUE=DATE:")}
    assert days == {d.replace("-", "") for d in stated}


def test_sitemap_index_points_at_each_version_with_the_newest_under_latest():
    ids = ["2021-03", "2021-08", "2025-03"]
    root = ET.fromstring(feeds.sitemap_index(ids, BASE))
    assert [e.text for e in root.findall("s:sitemap/s:loc", SM)] == [
        f"{BASE}latest/sitemap.xml", f"{BASE}2021-08/sitemap.xml", f"{BASE}2021-03/sitemap.xml",
        f"{BASE}series/sitemap.xml",  # the root: home, series explorer, the API's page
    ]


def test_the_newest_folder_s_sitemap_lists_its_own_urls():
    """mkdocs writes the newest version's sitemap for /latest/, its canonical home; its own folder
    gets the same pages at its own URLs (Material's instant navigation follows only those)."""
    written = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SM_NS}">'
               f"<url><loc>{BASE}latest/</loc></url><url><loc>{BASE}latest/notes/</loc><lastmod>2026-12-07</lastmod></url></urlset>")
    own = ET.fromstring(feeds.own_sitemap(written.encode(), f"{BASE}latest/", f"{BASE}2026-01/"))
    assert [e.text for e in own.findall("s:url/s:loc", SM)] == [f"{BASE}2026-01/", f"{BASE}2026-01/notes/"]
    assert own.findtext("s:url/s:lastmod", namespaces=SM) == "2026-12-07"


def test_a_file_that_is_not_a_sitemap_is_refused():
    with pytest.raises(ValueError, match=r"2026-01/sitemap.xml: expected a sitemap \(<urlset> of http://www.sitemaps.org/schemas/sitemap/0.9\), found <urlset>"):
        feeds.own_sitemap(f"<urlset><url><loc>{BASE}latest/</loc></url></urlset>".encode(), f"{BASE}latest/", f"{BASE}2026-01/", "2026-01/sitemap.xml")


def test_a_sitemap_loc_outside_latest_is_refused():
    written = f'<urlset xmlns="{SM_NS}"><url><loc>{BASE}2025-03/</loc></url></urlset>'
    with pytest.raises(ValueError, match=r"2026-01/sitemap.xml: expected every <loc> under .*latest/, found '.*2025-03/'"):
        feeds.own_sitemap(written.encode(), f"{BASE}latest/", f"{BASE}2026-01/", "2026-01/sitemap.xml")


def test_commit_refreshes_the_files_for_the_versions_on_the_branch(tmp_path, monkeypatch):
    repo = versions.scratch_repo(tmp_path / "repo")
    older, newest = releases.bundled()[0], releases.newest()
    site = tmp_path / "built"
    site.mkdir()
    (site / "index.html").write_text("stand-in page made for this test", encoding="utf-8")
    versions.deploy(repo, older, site, newest=False)  # only the oldest release is published
    feeds.commit(repo, versions.BRANCH, BASE)
    show = lambda f: subprocess.run(["git", "show", f"{versions.BRANCH}:{f}"], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert [i.findtext("link") for i in ET.fromstring(show("feed.xml")).iter("item")] == [f"{BASE}{older}/"]
    assert newest not in show("sitemap.xml")


def test_text_is_escaped_by_the_xml_builder(monkeypatch):
    """Whatever a summary says, the feed stays well-formed XML that gives it back as text."""
    hostile = "Deficit <script>alert('x')</script> & ]]> \"quoted\" <![CDATA[ x ]]>"
    monkeypatch.setattr(feeds, "sentence", lambda h: hostile)
    ids = releases.bundled()
    rss = ET.fromstring(feeds.feed(ids, BASE + "?a=1&b=<2>"))
    descriptions = {i.findtext("description") for i in rss.iter("item")}
    assert {d.split(" Publi")[0].split(" This release's")[0] for d in descriptions} >= {hostile}
    assert all(d.startswith((hostile, "This release's files carry no monthly balance.")) for d in descriptions)
    assert rss.find("channel/link").text == BASE + "?a=1&b=<2>"
    atom = rss.find("channel/{http://www.w3.org/2005/Atom}link")
    assert atom.get("href") == BASE + "?a=1&b=<2>feed.xml"
    assert list(rss.iter("script")) == []


def test_a_character_xml_cannot_carry_is_refused(monkeypatch):
    monkeypatch.setattr(feeds, "sentence", lambda h: "balance\x00")
    with pytest.raises(ValueError, match=r"<description> text 'balance\\x00 .*': a character XML 1.0 does not allow"):
        feeds.feed(releases.bundled(), BASE)


def test_a_date_only_a_source_file_states_dates_the_item(monkeypatch):
    """BEA's workbook states "Last updated March 6, 2025" (release.json sources: published);
    a release whose files state no date, or two different ones, stays undated."""
    release = releases.Release.load("2025-01")
    release.meta = dict(release.meta, published=None)
    assert feeds.published(release) == "2025-03-06"  # trad-geo-time-series-0125.xlsx, sheet headers
    release.meta["sources"] = [dict(s, published="2025-03-07") for s in release.meta["sources"]] + release.meta["sources"]
    assert feeds.published(release) is None
    assert feeds.published(releases.Release.load("2021-08")) is None  # Census workbooks print no date


def test_the_feed_is_linked_where_readers_see_it():
    footer = (paths.ROOT / "docs" / "overrides" / "partials" / "copyright.html").read_text(encoding="utf-8")
    assert 'feed.xml" type="application/rss+xml"' in footer
    assert '<a href="../feed.xml" type="application/rss+xml">' in site("2025-12").files["index.md"]
