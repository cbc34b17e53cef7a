"""Search every release: one Pagefind index (``/pagefind/``) of every version's pages and every
series page of the explorer, built offline by Pagefind's own PyPI package (``pagefind[bin]``).

Each version keeps Material's own search (``/RELEASE/search/search_index.json``, lunr in a web
worker) for searching inside it. Widening a search to every release (the disclosure in the
search dialog, ``docs/javascripts/tradesite-search.js``) or finding a series from the explorer's
home asks Pagefind, whose index is cut into small files: a query downloads the few it needs,
not one file that grows with every release (``scripts/bench_search.py`` measures it).

What goes in: every page of every deployed version with its sections, read from that version's
Material index (``versions.json`` lists them; ``latest`` is an alias, a copy of the newest, so it
is not read twice), as plain text (Material's HTML tags stripped, entities decoded), and every
series of ``api/series.json``. They are written as small HTML pages (text escaped) in a scratch
folder and indexed by Pagefind's command line (its Python API takes a tenth of a second a record).
Each page carries its title and its release in words as meta data and two filters: ``release``
(its month, or "Series explorer") and ``kind`` (chapter or series); a section is a sub-result
(the page's anchor). Pagefind's URLs start at the site root (the client sets the base path).
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ... import releases as rel
from ...errors import TradesiteError
from ...periods import month_year
from ..render import templating
from .branch import replace

PAGEFIND = "pagefind"
VERSIONS = "versions.json"
INDEX = "search/search_index.json"
SERIES_LIST = "api/series.json"
SERIES = "Series explorer"
#: Lines a reader looks for most ('China imports' finds goods imports from China first).
MAIN_LINES = {"Goods", "Services", "Goods and services"}
#: Files of Pagefind's bundle the site does not use (it has its own search interface).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

#: Tags after which words are separate (a table cell, a list item); others (code, em) join.
_BLOCK = re.compile(
    r"</?(?:p|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|caption|div|br|hr|h[1-6]|pre|blockquote|figure|figcaption)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """Material's index text (an HTML fragment) as plain text: tags gone, entities decoded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", _BLOCK.sub(" ", text or "")))).strip()


@dataclass(frozen=True)
class Record:
    """One section of a page: where it is (from the site root), its title and text."""

    url: str  # '2025-03/countries/#china' (a page itself has no anchor)
    title: str
    content: str


@dataclass
class Page:
    """One page to search: its sections, whose release it is, what kind of page."""

    path: str  # '2025-03/countries/' or 'series/<id>/'
    release: str  # 'March 2025', or 'Series explorer'
    kind: str  # 'chapter' or 'series'
    sections: list[Record] = field(default_factory=list)
    weight: float = 1.0  # a page readers look for most (a series' main lines) ranks first
    href: str = ""  # where a result leads when it is not ``path`` (a section of a long page)
    title: str = ""  # the result's title when it is not its heading's ('Page › Section')

    def html(self) -> str:
        """The page as Pagefind reads it: the title as its meta, each section under a heading with
        its anchor (Pagefind's sub-results), the release and kind as filters. Escaped text only."""
        e = templating.escape
        first = self.sections[0]
        href = f'<meta data-pagefind-meta="href[content]" content="{e(self.href)}">' if self.href else ""
        if self.title:  # Pagefind's title is the h1's words unless a meta says otherwise
            href += f'<meta data-pagefind-meta="title[content]" content="{e(self.title)}">'
        parts = [
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(first.title)}</title>'
            f'<meta data-pagefind-meta="release[content]" data-pagefind-filter="release[content]" '
            f'content="{e(self.release)}"><meta data-pagefind-filter="kind[content]" content="{e(self.kind)}">{href}'
            f'</head><body><main data-pagefind-body><h1 data-pagefind-weight="{self.weight * 2:g}">{e(first.title)}</h1>'
            f'<p data-pagefind-weight="{self.weight:g}">{e(first.content)}</p>'
        ]
        for r in self.sections[1:]:
            anchor = r.url.split("#", 1)[1]
            parts.append(f'<h2 id="{e(anchor)}">{e(r.title)}</h2><p>{e(r.content)}</p>')
        return "".join(parts) + "</main></body></html>"


def release_ids(versions: list[dict]) -> list[str]:
    """The release ids of mike's versions.json entries, newest first (aliases are not versions)."""
    ids = [str(v["version"]) for v in versions]
    for r in ids:
        if not rel.RELEASE_RE.match(r):
            raise TradesiteError(
                f"{VERSIONS}: version {r!r} is not a release; expected the month as YYYY-MM, e.g. 2025-03"
            )
    return sorted(ids, reverse=True)


def _load(text: str, where: str, expected: str, keys: tuple[str, ...]) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TradesiteError(f"{where}: not JSON ({exc.msg} at line {exc.lineno}); expected {expected}") from None
    if not isinstance(data, dict) or any(k not in data for k in keys):
        raise TradesiteError(f"{where}: expected {expected} (an object with {', '.join(map(repr, keys))})")
    return data


def version_pages(release: str, index: dict) -> list[Page]:
    """A version's pages, each with its sections, from its Material index (a page's entry comes
    before its sections' entries there)."""
    month = month_year(release)
    pages: dict[str, Page] = {}
    for d in index["docs"]:
        page, _, anchor = d["location"].partition("#")
        record = Record(f"{release}/{d['location']}", plain(d.get("title", "")), plain(d.get("text", "")))
        if page not in pages:
            pages[page] = Page(f"{release}/{page}", month, "chapter")
            if anchor:  # a section whose page has no entry of its own
                pages[page].sections.append(Record(f"{release}/{page}", record.title, ""))
        pages[page].sections.append(record)
    return [part for p in pages.values() for part in split_long(p)]


#: A page whose text is longer than this is searched section by section: a result fetches the
#: text of its section (Pagefind's fragment), not of a whole page such as the methodology notes
#: (42,000 characters, 14 KB compressed, in every release): what a query downloads stays bounded.
SPLIT_OVER = 8_000


def split_long(page: Page) -> list[Page]:
    """``page`` itself, or, when long, its head and each of its sections as pages of their own:
    each leads to its anchor (``href``) and is titled 'Page › Section' (its text, under the
    section's own heading, does not repeat the page's title)."""
    if sum(len(r.content) for r in page.sections) <= SPLIT_OVER or len(page.sections) < 2:
        return [page]
    head, *rest = page.sections
    out = [Page(page.path, page.release, page.kind, [head], page.weight)]
    for i, r in enumerate(rest, 1):
        anchor = r.url.split("#", 1)[1] if "#" in r.url else ""
        out.append(
            Page(
                f"{page.path}section-{i}/",
                page.release,
                page.kind,
                [r],
                page.weight,
                href=f"{page.path}#{anchor}" if anchor else page.path,
                title=f"{head.title} › {r.title}",
            )
        )
    return out


def series_pages(listing: dict) -> list[Page]:
    """Every series of the explorer: its title and line in words (partner, flow, unit); the main
    lines (goods, services and both, in the world or with a partner) weigh more, monthly most."""
    out = []
    for s in listing["series"]:
        words = " ".join([" ".join(s.get("line") or []), s.get("partner") or "", s["flow"], s["unit"]])
        main = len(s.get("line") or []) == 1 and s["line"][0] in MAIN_LINES
        weight = (3.0 if s["frequency"] == "monthly" else 1.5) if main else 1.0
        out.append(Page(s["page"], SERIES, "series", [Record(s["page"], s["title"], words)], weight))
    return out


def write_index(pages: list[Page], out: Path) -> Path:
    """Write the Pagefind index of ``pages`` into ``out`` (whole, or not at all): the pages are
    written as small HTML files in a scratch folder and indexed by Pagefind's command line."""
    if not pages:
        raise TradesiteError(f"{VERSIONS}: no version deployed, so there is nothing to search")
    scratch = out.with_name(f".{out.name}.pages")
    tmp = out.with_name(f".{out.name}.tmp")
    for folder in (scratch, tmp):
        shutil.rmtree(folder, ignore_errors=True)
    try:
        for p in pages:
            target = scratch / p.path / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(p.html(), encoding="utf-8")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(scratch),
                "--output-path",
                str(tmp),
                "--force-language",
                "en",
                "--quiet",
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not (tmp / "pagefind.js").is_file():
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-6:]) or "no output"
            raise TradesiteError(
                f"{out}: Pagefind could not write the index of every release "
                f"(is `pagefind[bin]` installed? pip install -e .):\n{tail}"
            )
        for name in UNUSED:  # Pagefind's own search interfaces: the site has its own
            (tmp / name).unlink(missing_ok=True)
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        for folder in (scratch, tmp):
            shutil.rmtree(folder, ignore_errors=True)
    return out


def pages_from_site(root: Path) -> list[Page]:
    """Every page to search of a built versioned site folder (versions.json and api/series.json at its root)."""
    root = Path(root)
    listing = root / VERSIONS
    if not listing.is_file():
        raise TradesiteError(
            f"{listing}: missing; the index of every release is built from the versions mike lists there"
        )
    out: list[Page] = []
    for r in release_ids(json.loads(listing.read_text(encoding="utf-8"))):
        path = root / r / INDEX
        if not path.is_file():
            raise TradesiteError(
                f"{path}: missing; every version's search index goes into /{PAGEFIND}/ "
                "(is the search plugin on in mkdocs.yml?)"
            )
        out += version_pages(
            r, _load(path.read_text(encoding="utf-8"), str(path), "Material's search index", ("config", "docs"))
        )
    series = root / SERIES_LIST
    if series.is_file():
        out += series_pages(_load(series.read_text(encoding="utf-8"), str(series), "the series list", ("series",)))
    return out


def write(root: Path) -> Path:
    """Write ``/pagefind/`` at the root of a built versioned site."""
    return write_index(pages_from_site(root), Path(root) / PAGEFIND)


def commit(repo: Path, branch: str, work: Path) -> None:
    """Refresh ``/pagefind/`` on ``branch`` (gh-pages) for the versions and series deployed there."""
    from mike import commands, git_utils

    with contextlib.chdir(repo):
        pages: list[Page] = []
        for r in release_ids([{"version": str(v.version)} for v in commands.list_versions(branch)]):
            where = f"{branch}:{r}/{INDEX}"
            try:
                text = git_utils.read_file(branch, f"{r}/{INDEX}", universal_newlines=True)
            except git_utils.GitError:
                raise TradesiteError(f"{where}: missing; every version's search index goes into /{PAGEFIND}/") from None
            pages += version_pages(r, _load(text, where, "Material's search index", ("config", "docs")))
        with contextlib.suppress(git_utils.GitError):
            text = git_utils.read_file(branch, SERIES_LIST, universal_newlines=True)
            pages += series_pages(_load(text, f"{branch}:{SERIES_LIST}", "the series list", ("series",)))
        built = write_index(pages, Path(work) / PAGEFIND).resolve()
    files = [(f"{PAGEFIND}/{p.relative_to(built).as_posix()}", p) for p in sorted(built.rglob("*")) if p.is_file()]
    replace(Path(repo), branch, "Refresh the index of every release (Pagefind)", [PAGEFIND], files)
