"""A release's generated site files, as a plain dict: path (relative to docs) -> content.

``build_pages('2021-08')`` returns the release home (``index.md``), one
``<slug>/index.md`` per chapter (a chapter the release's files cannot show at all keeps its
stable URL with a one-sentence page, out of search and search engines), the matrix of every
release × chapter, chart data and SVGs, the tables' CSV downloads, the release-wide zip and
the site's generated scripts. :mod:`gen.gen_pages` hands them to mkdocs-gen-files;
``tradesite pages`` writes them to a folder with :func:`write_pages`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import yaml

from ...periods import month_year
from ...report import revised_since
from ...report.catalog import Catalog, ReleaseView
from ...report.coverage import CARRIED, NONE, PARTIAL, Status
from ...report.vocabulary import exhibits_in_words
from ...settings import Settings
from ..chapters import build as build_chapter
from ..chapters import modules
from ..render import charts, tables, templating, theme
from ..render.model import Chapter, Chart, Table, Text
from ..render.urls import root_url
from . import calendar_page, cite, coverage, downloads, glossary, home

if TYPE_CHECKING:  # pandas is imported where figures are made (a cached build imports none)
    import pandas as pd

#: Site-wide files written with every release (served from the site itself, never a CDN). The
#: bundle and the theme are fetched only when a reader reaches for a chart (tradesite-charts.js).
VEGA_BUNDLE = "javascripts/vega-embed.bundle.js"
THEME_JS = "javascripts/tradesite-theme.js"
CHARTS_CSS = "stylesheets/tradesite-charts.css"


@dataclass
class Site:
    """One release's pages: the files and the navigation (report order)."""

    release: ReleaseView
    files: dict[str, str | bytes] = field(default_factory=dict)
    #: (title, path) of the home and each chapter with content, in the report's order
    nav: list[tuple[str, str]] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    #: slug -> how much of the chapter this release's files hold
    statuses: dict[str, Status] = field(default_factory=dict)
    #: chapter modules this release's files hold none of
    not_covered: list[ModuleType] = field(default_factory=list)
    #: phase -> seconds spent building it
    timings: dict[str, float] = field(default_factory=dict)


class _FrontMatterDumper(yaml.SafeDumper):
    """Block lists indented under their key ('hide:\n  - toc'), as MkDocs' docs write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


class _Quoted(str):
    """A text written double-quoted: a title is always a string, whatever it says ('No', '1.5')."""


_FrontMatterDumper.add_representer(
    _Quoted, lambda dumper, s: dumper.represent_scalar("tag:yaml.org,2002:str", str(s), style='"')
)


def front_matter(
    title: str,
    description: str,
    hide_toc: bool = False,
    search_boost: float | None = None,
    search_exclude: bool = False,
    noindex: bool = False,
    wide: bool = False,
) -> str:
    """YAML front matter (``yaml.safe_dump``: any title or description stays a string, escaped for
    HTML: MkDocs' templates print them as they are); a page
    without sections hides the empty table of contents (wider tables); ``noindex`` keeps the page out
    of search engines and the sitemap (docs/overrides)."""
    # MkDocs' theme prints a page's title and description as given (its templates do not escape),
    # so they are written escaped for HTML here: a '<' or '"' from a file stays text.
    meta: dict = {"title": _Quoted(templating.escape(title)), "description": _Quoted(templating.escape(description))}
    if hide_toc or wide:
        meta["hide"] = ["navigation", "toc"] if wide else ["toc"]
    if search_exclude:
        meta["search"] = {"exclude": True}
    elif search_boost:
        meta["search"] = {"boost": search_boost}
    if noindex:
        meta["robots"] = "noindex"
    text = yaml.dump(
        meta, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=2**31 - 1
    )
    return f"---\n{text}---\n\n"


def table_pages(r: tables.Rendered) -> dict[str, str]:
    """A long table's own pages (every row, under the page budget): out of the site search, whose
    hits for a row label are the chapter page (its hidden list of labels), and of the nav."""
    return {
        p.path: front_matter(p.title, p.description, hide_toc=True, search_exclude=True) + p.markdown for p in r.pages
    }


def render_blocks(
    blocks, folder: str, release, title: str = "", svg_cache: Path | None = charts.SVG_CACHE
) -> tuple[str, dict[str, bytes | str]]:
    """Blocks -> Markdown with raw HTML figures/tables, and the files they need (a long
    table's own pages included); ``title``: the page's, for a long table's way back. The
    first use of each glossary term in the prose links to its definition. ``svg_cache``: where
    chart SVGs are kept (``Settings.svg_cache``; None: in memory only)."""
    parts: list[str] = []
    files: dict[str, bytes | str] = {}
    link = glossary.linker(release, folder) if release is not None else (lambda text: text)
    for block in blocks:
        if isinstance(block, Text):
            parts.append(link(block.markdown.strip()))
        elif isinstance(block, Chart):
            chart = charts.render(block, folder, svg_cache)
            parts.append(chart.html)
            files.update(chart.files)
        elif isinstance(block, Table):
            table = tables.render(block, folder, release, chapter_title=title)
            parts.append(table.html)
            files.update(table.files)
            files.update(table_pages(table))
        else:
            raise TypeError(f"unknown block {type(block).__name__} (expected Text, Chart or Table)")
    return "\n\n".join(parts) + "\n", files


def render_chapter(
    chapter: Chapter,
    release: ReleaseView,
    notice: str = "",
    status: Status | None = None,
    root: str | None = None,
    svg_cache: Path | None = charts.SVG_CACHE,
) -> dict[str, str | bytes]:
    """One chapter's page and files; ``notice`` (Markdown) goes right under the title; ``root``: the
    site's root URL, for the citation's permanent URLs."""
    body, files = render_blocks(chapter.blocks, chapter.slug, release, chapter.title, svg_cache)
    if status is not None and status.state == CARRIED:
        assert status.carried_from is not None  # a carried status names the release it carries
        built = f"the text of the {month_year(status.carried_from)} release"
    else:
        built = (exhibits_in_words(chapter.exhibits) if chapter.exhibits else "the text") + " of this release"
    footer = templating.render("page_source.html.j2", title=release.meta["title"], built=built)
    sections = any(isinstance(b, Text) and re.search(r"^#{2,} ", b.markdown, re.M) for b in chapter.blocks)
    csvs = {path: data for path, data in files.items() if path.endswith((".csv", ".csv.gz"))}
    citing = cite.block(
        cite.citation(release, chapter.title, f"{chapter.slug}/", csvs, chapter.exhibits, root),
        "chapter",
        "CSV files" if csvs else "files",
    )
    page = (
        front_matter(chapter.title, chapter.summary, hide_toc=not sections, search_boost=chapter.search_boost)
        + f"# {chapter.title}\n\n"
        + (notice + "\n" if notice else "")
        + body
        + "\n"
        + citing
        + "\n"
        + footer
        + "\n"
    )
    out: dict[str, str | bytes] = dict(files)
    out[f"{chapter.slug}/index.md"] = page
    return out


def missing_page(module: ModuleType, release: ReleaseView, matrix: coverage.Matrix) -> str:
    """The page at a chapter's stable URL when this release's files hold none of it: a link to
    /latest/CHAPTER/ keeps answering (200, not 404) after a release without that chapter becomes
    the newest. One sentence pointing to the releases that have it; out of the nav, of the site
    search and of search engines (noindex)."""
    return front_matter(
        module.TITLE,
        f"{module.TITLE}: not in the files of the {release.month_name} release.",
        hide_toc=True,
        search_exclude=True,
        noindex=True,
    ) + coverage.missing_page(module, release, matrix)


def site_scripts() -> dict[str, str | bytes]:
    """The vendored Vega bundle, the theme for the browser and the charts' stylesheet."""
    bundle = resources.files("tradesite.assets").joinpath("vega-embed.bundle.js").read_bytes()
    return {VEGA_BUNDLE: bundle, THEME_JS: theme.javascript(), CHARTS_CSS: theme.css()}


class _Clock:
    """Seconds spent in each phase of a build (``Site.timings``; scripts/bench_site.py prints them)."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into, self.start = into, time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.into[phase] = self.into.get(phase, 0.0) + now - self.start
        self.start = now


def build_site(release_id: str | None = None, catalog: Catalog | None = None, settings: Settings | None = None) -> Site:
    """Everything for one release (default: the newest of the site), each page generated once,
    as ``settings`` (default: a checkout's) say: the site's releases and data, its URL, the SVG cache."""
    settings = settings or Settings()
    catalog = catalog or Catalog(list(settings.releases) if settings.releases else None, settings.data)
    root = root_url(settings.site_url)
    release = ReleaseView(catalog.load(release_id or catalog.ids[-1]), catalog)
    matrix = coverage.Matrix(catalog)
    site = Site(release)
    clock = _Clock(site.timings)
    for rid in catalog.ids:  # every release's statuses: this release's chapters, its home, the matrix page
        for module in modules():
            matrix.status(rid, module)
    site.statuses = {m.SLUG: matrix.status(release.id, m) for m in modules()}
    clock.lap("statuses of every release")
    built = []
    for module in modules():
        status = site.statuses[module.SLUG]
        if status.state == NONE:
            site.not_covered.append(module)
            site.files[f"{module.SLUG}/index.md"] = missing_page(module, release, matrix)
            continue
        chapter = build_chapter(module, release, status)
        site.chapters.append(chapter)
        built.append((module, status, chapter))
        clock.lap(f"chapter {module.SLUG}")
    charts.prerender([c for chapter in site.chapters for c in chapter.charts()], settings.svg_cache)  # a few threads
    clock.lap("chart SVGs (rendered or cached)")
    for module, status, chapter in built:
        notice = coverage.partial_notice(chapter, module, release, matrix) if status.state == PARTIAL else ""
        site.files.update(render_chapter(chapter, release, notice, status, root, settings.svg_cache))
    clock.lap("chapter pages (tables, figures)")
    description, home_md, home_files = home.build(release, site.chapters, coverage.home_table(release, matrix))
    site.files.update(home_files)
    zip_path = f"downloads/{downloads.zip_name(release.id)}"
    site.files[zip_path] = downloads.release_zip(release.release)
    site.files[revised_since.FIGURES] = revised_since.figures_file(page_figures(site, release))
    dataset = cite.release_dataset(release, description, zip_path, cite.temporal_coverage(release.release), root)
    citing = cite.block(
        cite.citation(release, "", "", {zip_path: site.files[zip_path]}, root=root), "release", "zip of tidy tables"
    )
    # the Dataset at the end: Material's search indexes the text before the first heading as the page's
    site.files["index.md"] = (
        front_matter(release.meta["title"], description)
        + glossary.linker(release, "")(home_md).rstrip("\n")
        + "\n\n"
        + citing
        + "\n"
        + cite.jsonld(dataset)
    )
    site.files[f"{glossary.SLUG}/index.md"] = front_matter(
        glossary.TITLE,
        "The report's terms (Census basis, balance of payments basis, chained dollars, "
        "end-use, seasonally adjusted ...) in the words of the release's explanatory notes.",
    ) + glossary.page(release, has_notes_page=site.statuses.get("notes", Status(NONE)).state != NONE)
    site.files[f"{coverage.SLUG}/index.md"] = front_matter(
        coverage.TITLE, "Every monthly release on this site and the chapters its files hold.", wide=True
    ) + coverage.matrix_page(release, matrix)
    site.files[f"{calendar_page.SLUG}/index.md"] = front_matter(
        calendar_page.TITLE,
        "When each release was published and when the next one comes, as the "
        "release's own files state it; the dates as a calendar file.",
        hide_toc=True,
    ) + calendar_page.page(release)
    site.files[f"{calendar_page.SLUG}/{calendar_page.OWN_ICS}"] = calendar_page.ics(
        calendar_page.events(calendar_page.site_calendar(release)), root
    )
    clock.lap("home and matrix pages")
    site.files.update(site_scripts())
    clock.lap("release zip, scripts")
    site.nav = (
        [("Release home", "index.md")]
        + [(c.title, f"{c.slug}/index.md") for c in site.chapters]
        + [
            (glossary.TITLE, f"{glossary.SLUG}/index.md"),
            (coverage.TITLE, f"{coverage.SLUG}/index.md"),
            (calendar_page.TITLE, f"{calendar_page.SLUG}/index.md"),
        ]
    )
    return site


#: Chapters whose tables show earlier releases' figures by design: nothing to say of them.
NOT_REVISED = {"what-changed", "vintages"}
#: Columns a table's long form needs to name its figures' series.
FIGURE_COLUMNS = {
    "measure",
    "value",
    "period_type",
    "vintage",
    "exhibit",
    "hierarchy",
    "flow",
    "basis",
    "seasonal_adjustment",
    "unit",
    "source_file",
    "period",
}


def page_figures(site: Site, release: ReleaseView) -> dict[str, pd.DataFrame]:
    """Path inside the version ('' the home, 'overview/') -> the figures its tables show (and the
    home's headline), for the notice later publishes give an older page (site/versioned/revised_since.py)."""
    import pandas as pd

    home = revised_since.home_rows(release)
    out = {"": revised_since.page_figures(home)} if not home.empty else {}
    for chapter in site.chapters:
        if chapter.slug in NOT_REVISED:
            continue
        frames = [t.long for t in chapter.tables() if t.long is not None and FIGURE_COLUMNS <= set(t.long.columns)]
        if frames:
            out[f"{chapter.slug}/"] = revised_since.page_figures(pd.concat(frames, ignore_index=True))
    return out


def build_pages(release_id: str | None = None, settings: Settings | None = None) -> dict[str, str | bytes]:
    """Every generated file of one release: path relative to docs -> text or bytes."""
    return build_site(release_id, settings=settings).files


def write_pages(release: str | None, out_dir: Path, settings: Settings | None = None) -> list[Path]:
    """Write a release's generated files under ``out_dir``; returns the paths written."""
    written = []
    for rel, content in sorted(build_pages(release, settings).items()):
        path = Path(out_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
