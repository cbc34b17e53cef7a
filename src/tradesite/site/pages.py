"""A release's generated site files, as a plain dict: path (relative to docs) -> content.

``build_pages('2021-08')`` returns the release home (``index.md``), one
``<slug>/index.md`` per chapter the release's files cover, chart data and SVGs, the
tables' CSV downloads, the release-wide zip and the site's generated scripts.
:mod:`gen.gen_pages` hands them to mkdocs-gen-files; ``tradesite pages`` writes them
to a folder with :func:`write_pages`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import ModuleType

import yaml

from .. import releases
from ..releases import Release
from . import charts, downloads, home, tables, theme
from .chapters import modules
from .model import Chapter, Chart, Table, Text

#: Site-wide scripts written with every release (served from the site itself, never a CDN).
VEGA_BUNDLE = "javascripts/vega-embed.bundle.js"
THEME_JS = "javascripts/tradesite-theme.js"


@dataclass
class Site:
    """One release's pages: the files and the navigation (report order)."""

    release: Release
    files: dict[str, str | bytes] = field(default_factory=dict)
    #: (title, path) of the home and each covered chapter, in the report's order
    nav: list[tuple[str, str]] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    #: chapter modules this release's files don't cover
    not_covered: list[ModuleType] = field(default_factory=list)


def chapters_of(release: Release) -> tuple[list[Chapter], list[ModuleType]]:
    """Build every chapter; returns (chapters built, modules whose build returned None)."""
    built, missing = [], []
    for module in modules():
        try:
            chapter = module.build(release)
        except Exception as exc:
            raise RuntimeError(f"chapter {module.__name__} failed for release {release.id}: {exc}") from exc
        if chapter is None:
            missing.append(module)
        else:
            built.append(chapter)
    return built, missing


class _FrontMatterDumper(yaml.SafeDumper):
    """Block lists indented under their key ('hide:\n  - toc'), as MkDocs' docs write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


class _Quoted(str):
    """A text written double-quoted: a title is always a string, whatever it says ('No', '1.5')."""


_FrontMatterDumper.add_representer(
    _Quoted, lambda dumper, s: dumper.represent_scalar("tag:yaml.org,2002:str", str(s), style='"'))


def front_matter(title: str, description: str, hide_toc: bool = False, search_boost: float | None = None,
                 search_exclude: bool = False) -> str:
    """YAML front matter (``yaml.safe_dump``: any title or description stays a string); a page
    without sections hides the empty table of contents (wider tables)."""
    meta: dict = {"title": _Quoted(title), "description": _Quoted(description)}
    if hide_toc:
        meta["hide"] = ["toc"]
    if search_exclude:
        meta["search"] = {"exclude": True}
    elif search_boost:
        meta["search"] = {"boost": search_boost}
    text = yaml.dump(meta, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=2**31 - 1)
    return f"---\n{text}---\n\n"


def render_blocks(blocks, folder: str, release: Release) -> tuple[str, dict[str, bytes]]:
    """Blocks -> Markdown with raw HTML figures/tables, and the files they need."""
    parts: list[str] = []
    files: dict[str, bytes] = {}
    for block in blocks:
        if isinstance(block, Text):
            parts.append(block.markdown.strip())
        elif isinstance(block, Chart):
            r = charts.render(block, folder)
            parts.append(r.html)
            files.update(r.files)
        elif isinstance(block, Table):
            r = tables.render(block, folder, release)
            parts.append(r.html)
            files.update(r.files)
        else:
            raise TypeError(f"unknown block {type(block).__name__} (expected Text, Chart or Table)")
    return "\n\n".join(parts) + "\n", files


def sources_in_words(exhibits: list[str]) -> str:
    """['1', '2', 'bea-ts-1'] -> 'exhibits 1, 2 and BEA time series Table 1'."""
    groups = {"exhibit": [], "BEA time series Table": [], "BEA countries Table": []}
    other = []
    for e in exhibits:
        if e.startswith("bea-ts-"):
            groups["BEA time series Table"].append(e.rsplit("-", 1)[1])
        elif e.startswith("bea-geo-"):
            groups["BEA countries Table"].append(e.rsplit("-", 1)[1])
        elif e == "headlines":
            other.append("the transcribed headlines")
        else:
            groups["exhibit"].append(e)
    words = [f"{name}{'s' if len(ids) > 1 else ''} {', '.join(ids)}" for name, ids in groups.items() if ids] + other
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def render_chapter(chapter: Chapter, release: Release) -> dict[str, str | bytes]:
    """One chapter's page and files."""
    body, files = render_blocks(chapter.blocks, chapter.slug, release)
    built = sources_in_words(chapter.exhibits) if chapter.exhibits else "the text"
    footer = (
        f'\n<p class="ts-page-source">{html.escape(release.meta["title"])}. '
        f"Built from {html.escape(built)} "
        f'of this release. <a href="../#downloads">All tables of this release (zip)</a></p>\n'
    )
    sections = any(isinstance(b, Text) and re.search(r"^#{2,} ", b.markdown, re.M) for b in chapter.blocks)
    page = front_matter(chapter.title, chapter.summary, hide_toc=not sections, search_boost=chapter.search_boost) + f"# {chapter.title}\n\n" + body + footer
    out: dict[str, str | bytes] = dict(files)
    out[f"{chapter.slug}/index.md"] = page
    return out


def not_covered_page(module: ModuleType, release: Release) -> str:
    """The page at a chapter's stable URL when this release's files don't cover it: a link to
    /latest/CHAPTER/ keeps answering (200, not 404) after a release without that chapter becomes
    the newest. Left out of the nav and of search; it shows no figure."""
    when = release.month_name
    return (
        front_matter(module.TITLE, f"{module.TITLE}: not covered by the files of the {when} release.",
                     hide_toc=True, search_exclude=True)
        + f"# {module.TITLE}\n\n"
        f"The files of the {when} release bundled here do not include the exhibits this chapter is built from, "
        "so this release has no such page; nothing is filled in from another release.\n\n"
        f"See [what this release covers](../index.md#not-covered), or pick another release in the header's "
        "version selector.\n"
    )


def site_scripts() -> dict[str, str | bytes]:
    """The vendored Vega bundle and the theme for the browser."""
    bundle = resources.files("tradesite.assets").joinpath("vega-embed.bundle.js").read_bytes()
    return {VEGA_BUNDLE: bundle, THEME_JS: theme.javascript()}


def build_site(release_id: str | None = None) -> Site:
    """Everything for one release (default: the newest committed one)."""
    release = Release.load(release_id or releases.newest())
    site = Site(release)
    site.chapters, site.not_covered = chapters_of(release)
    for chapter in site.chapters:
        site.files.update(render_chapter(chapter, release))
    description, home_md, home_files = home.build(release, site.chapters, site.not_covered)
    site.files.update(home_files)
    site.files["index.md"] = front_matter(release.meta["title"], description) + home_md
    for module in site.not_covered:
        site.files[f"{module.SLUG}/index.md"] = not_covered_page(module, release)
    site.files[f"downloads/{downloads.zip_name(release.id)}"] = downloads.release_zip(release)
    site.files.update(site_scripts())
    site.nav = [("Release home", "index.md")] + [(c.title, f"{c.slug}/index.md") for c in site.chapters]
    return site


def build_pages(release_id: str | None = None) -> dict[str, str | bytes]:
    """Every generated file of one release: path relative to docs -> text or bytes."""
    return build_site(release_id).files


def write_pages(release: str | None, out_dir: Path) -> list[Path]:
    """Write a release's generated files under ``out_dir``; returns the paths written."""
    written = []
    for rel, content in sorted(build_pages(release).items()):
        path = Path(out_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
