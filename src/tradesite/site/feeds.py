"""Discovery files at the root of the versioned site: ``feed.xml`` and ``sitemap.xml``.

``feed.xml`` is RSS 2.0 with one item per release (its headline numbers as the summary).
RSS, not Atom: Atom requires a date on every entry, and a release's publication date is
only given when its release.json knows it (``pubDate`` is then set), never guessed.
``sitemap.xml`` is a sitemap index pointing at each version's own sitemap (mkdocs writes
one per version); the newest release is listed under ``latest``, its canonical home.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from .. import releases as rel
from ..report.headline import headline, sentence
from .urls import LATEST, site_url

FEED = "feed.xml"
SITEMAP = "sitemap.xml"
TITLE = "U.S. International Trade in Goods and Services (FT-900)"


def _folder(release: str, latest: str | None) -> str:
    return LATEST if release == latest else release


def feed(ids: list[str], base: str) -> str:
    """RSS 2.0 text: one item per release in ``ids``, newest first (each at its own
    version: a feed item is a release, never the moving ``latest``)."""
    items = []
    for r in sorted(ids, reverse=True):
        release = rel.Release.load(r)
        h = headline(release)
        summary = sentence(h) if h else "This release's files carry no monthly balance."
        link = f"{base}{r}/"
        date = release.meta.get("published")
        pub = f"\n      <pubDate>{format_datetime(dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc))}</pubDate>" if date else ""
        items.append(
            f"""    <item>
      <title>{escape(release.month_name)} report</title>
      <link>{escape(link)}</link>
      <guid isPermaLink="true">{escape(link)}</guid>
      <description>{escape(summary)}</description>{pub}
    </item>"""
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{escape(TITLE)}</title>
    <link>{escape(base)}</link>
    <description>Every monthly release of the U.S. International Trade in Goods and Services report, one site version each.</description>
    <atom:link href="{escape(base + FEED)}" rel="self" type="application/rss+xml"/>
{chr(10).join(items)}
  </channel>
</rss>
"""


def sitemap_index(ids: list[str], base: str, latest: str | None = None) -> str:
    """A sitemap index over every version's sitemap.xml; the version with the ``latest``
    alias (default: the newest; "" for none) is listed under ``latest``, its canonical home."""
    latest = max(ids) if latest is None else latest
    locs = "\n".join(
        f"  <sitemap><loc>{escape(base + _folder(r, latest))}/{SITEMAP}</loc></sitemap>" for r in sorted(ids, reverse=True)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{locs}
</sitemapindex>
"""


def files(ids: list[str], base: str | None = None, latest: str | None = None) -> dict[str, str]:
    base = base or site_url()
    return {FEED: feed(ids, base), SITEMAP: sitemap_index(ids, base, latest)}


def write(out: Path, ids: list[str], base: str | None = None) -> list[Path]:
    """Write feed.xml and sitemap.xml at the root of a built versioned site."""
    written = []
    for name, text in files(ids, base).items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written


def commit(repo: Path, branch: str) -> None:
    """Refresh feed.xml and sitemap.xml on ``branch`` for the versions deployed there."""
    from mike import commands, git_utils

    with contextlib.chdir(repo):
        deployed = list(commands.list_versions(branch))
        ids = [r for r in rel.bundled() if r in {str(v.version) for v in deployed}]
        latest = next((str(v.version) for v in deployed if LATEST in v.aliases), "")  # "": none has it
        with git_utils.Commit(branch, "Refresh feed.xml and sitemap.xml") as c:
            for name, text in files(ids, latest=latest).items():
                c.add_file(git_utils.FileInfo(name, text))
