"""Discovery files at the root of the versioned site: ``feed.xml``, ``sitemap.xml`` and
``calendar.ics`` (every known release date, :mod:`..release.calendar_page`).

``feed.xml`` is RSS 2.0 with one item per release (its headline numbers as the summary, then
when it was published and when the next release came or comes, or that a date is unknown).
RSS, not Atom: Atom requires a date on every entry, and a release's publication date is
only given when its release.json knows it (``pubDate`` is then set), never guessed.
``sitemap.xml`` is a sitemap index pointing at each version's own sitemap (mkdocs writes
one per version); the newest release is listed under ``latest``, its canonical home.
Both are built with :mod:`xml.etree.ElementTree`, which escapes every text and attribute.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from pathlib import Path

from ... import releases as rel
from ...report.calendar import calendar
from ...report.headline import headline, sentence
from ..release import calendar_page
from ..render.urls import LATEST, site_url

FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROOT_SITEMAP = "series/sitemap.xml"
TITLE = "U.S. International Trade in Goods and Services (FT-900)"
DESCRIPTION = (
    "Every monthly release of the U.S. International Trade in Goods and Services report, one site version each."
)
ATOM = "http://www.w3.org/2005/Atom"
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ET.register_namespace("atom", ATOM)


def _folder(release: str, latest: str | None) -> str:
    return LATEST if release == latest else release


def _xml(root: ET.Element, default_namespace: str | None = None) -> str:
    """An element tree as the text of an XML file: declaration, two-space indents, final newline."""
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode", default_namespace=default_namespace)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n"


#: characters XML 1.0 does not allow (ElementTree would write them, giving a file no reader parses)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    for value in [text or "", *attrib.values()]:
        if NOT_XML.search(value):
            raise ValueError(f"<{tag}> text {value!r}: a character XML 1.0 does not allow; expected printable text")
    el = ET.SubElement(parent, tag, attrib)
    el.text = text
    return el


def published(release) -> str | None:
    """The release's publication date as its files state it: release.json's, else the date every
    source file that states one gives (BEA's "Last updated May 6, 2025", the PDF's release line);
    None when no file states it or they disagree. Never a date from a schedule or a guess."""
    if release.meta.get("published"):
        return release.meta["published"]
    stated = {s["published"] for s in release.meta.get("sources", []) if s.get("published")}
    return stated.pop() if len(stated) == 1 else None


def feed(ids: list[str], base: str, data_dir: Path | None = None) -> str:
    """RSS 2.0 text: one item per release in ``ids``, newest first (each at its own
    version: a feed item is a release, never the moving ``latest``)."""
    rss = ET.Element("rss", version="2.0")
    channel = _sub(rss, "channel")
    _sub(channel, "title", TITLE)
    _sub(channel, "link", base)
    _sub(channel, "description", DESCRIPTION)
    _sub(channel, f"{{{ATOM}}}link", href=base + FEED, rel="self", type="application/rss+xml")
    loaded = {r: rel.Release.load(r, data_dir) for r in ids}
    cal = {d.release: d for d in calendar({r: loaded[r].meta for r in ids})}
    for r in sorted(ids, reverse=True):
        release = loaded[r]
        h = headline(release)
        link = f"{base}{r}/"
        item = _sub(channel, "item")
        _sub(item, "title", f"{release.month_name} report")
        _sub(item, "link", link)
        _sub(item, "guid", link, isPermaLink="true")
        _sub(
            item,
            "description",
            (sentence(h) if h else "This release's files carry no monthly balance.") + " " + dates_sentence(cal[r]),
        )
        date = published(release)
        if date:
            _sub(item, "pubDate", format_datetime(dt.datetime.fromisoformat(date).replace(tzinfo=dt.UTC)))
    return _xml(rss)


def dates_sentence(d) -> str:
    """'Published on May 6, 2025; next release on June 5, 2025.' (an unknown date said so)."""
    when = calendar_page.when
    published = (
        f"Published on {when(d.published)}"
        if d.published
        else "Publication date unknown (no file of the release gives it)"
    )
    nxt = f"next release on {when(d.next_release)}" if d.next_release else "next release date unknown"
    return f"{published}; {nxt}."


def calendar_ics(ids: list[str], base: str, data_dir: Path | None = None) -> str:
    """calendar.ics at the root: every known release date of the releases ``ids`` (and the next one announced)."""
    return calendar_page.ics(calendar_page.release_events({r: rel.Release.load(r, data_dir).meta for r in ids}), base)


def sitemap_index(ids: list[str], base: str, latest: str | None = None) -> str:
    """A sitemap index over every version's sitemap.xml; the version with the ``latest``
    alias (default: the newest; "" for none) is listed under ``latest``, its canonical home."""
    latest = max(ids) if latest is None else latest
    index = ET.Element(f"{{{SITEMAPS}}}sitemapindex")
    for r in sorted(ids, reverse=True):
        _sub(_sub(index, f"{{{SITEMAPS}}}sitemap"), f"{{{SITEMAPS}}}loc", f"{base}{_folder(r, latest)}/{SITEMAP}")
    # the site's root: its home, the series explorer and the API's page (site/versioned/explorer)
    _sub(_sub(index, f"{{{SITEMAPS}}}sitemap"), f"{{{SITEMAPS}}}loc", f"{base}{ROOT_SITEMAP}")
    return _xml(index, default_namespace=SITEMAPS)


def own_sitemap(xml: bytes, latest: str, own: str, name: str = SITEMAP) -> str:
    """The newest version's sitemap for its own folder: the one mkdocs wrote lists its pages
    under /latest/ (its canonical home), and Material's instant navigation follows only links to
    pages its folder's sitemap lists (same path, host aside), so at /NEWEST/ every click was a
    full reload. Each ``<loc>`` under ``latest`` is moved under ``own``; any other is refused."""
    root = ET.fromstring(xml)
    if root.tag != f"{{{SITEMAPS}}}urlset":
        raise ValueError(
            f"{name}: expected a sitemap (<urlset> of {SITEMAPS}), found <{root.tag}>; build the version again"
        )
    for loc in root.iter(f"{{{SITEMAPS}}}loc"):
        text = (loc.text or "").strip()
        if not text.startswith(latest):
            raise ValueError(f"{name}: expected every <loc> under {latest}, found {text!r}; build the version again")
        loc.text = own + text[len(latest) :]
    return _xml(root, default_namespace=SITEMAPS)


def files(
    ids: list[str], base: str | None = None, latest: str | None = None, data_dir: Path | None = None
) -> dict[str, str]:
    """The root's feed, sitemap index and calendar, from the releases in ``data_dir`` (default: the checkout's)."""
    base = base or site_url()
    return {
        FEED: feed(ids, base, data_dir),
        SITEMAP: sitemap_index(ids, base, latest),
        calendar_page.ICS: calendar_ics(ids, base, data_dir),
    }


def write(out: Path, ids: list[str], base: str | None = None, data_dir: Path | None = None) -> list[Path]:
    """Write feed.xml, sitemap.xml and calendar.ics at the root of a built versioned site."""
    written = []
    for name, text in files(ids, base, data_dir=data_dir).items():
        (out / name).write_bytes(text.encode("utf-8"))  # calendar.ics keeps its CRLF line ends
        written.append(out / name)
    return written


def commit(repo: Path, branch: str, base: str | None = None, data_dir: Path | None = None) -> None:
    """Refresh feed.xml and sitemap.xml on ``branch`` for the versions deployed there."""
    from mike import commands

    from .branch import replace

    with contextlib.chdir(repo):
        deployed = list(commands.list_versions(branch))
        ids = [r for r in rel.bundled(data_dir) if r in {str(v.version) for v in deployed}]
        latest = next((str(v.version) for v in deployed if LATEST in v.aliases), "")  # "": none has it
    made = files(ids, base, latest=latest, data_dir=data_dir)
    replace(Path(repo), branch, "Refresh feed.xml, sitemap.xml and calendar.ics", [], list(made.items()))
