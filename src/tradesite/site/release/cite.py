""" "Cite this" on a release home and each chapter page, and the release home's schema.org
``Dataset``: HTML around the builders of :mod:`tradesite.report.citation`.

The access date reads ``YYYY-MM-DD`` in the built page (a published version is never rebuilt);
the page's script (``docs/javascripts/tradesite-revisions.js``) writes the reader's date into
each ``.ts-accessed`` element. The block is out of the site search (``data-search-exclude``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from markupsafe import Markup

from ...report import citation as C
from ...report.calendar import dates
from ...report.catalog import ReleaseView
from ..render import templating
from ..render.urls import permanent_url

#: How a citation names the transcription of the release page (a file of this project, not an official one).
TRANSCRIBED = "BEA's release page, transcribed"


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8")).hexdigest()


def official_files(release: ReleaseView, exhibits: list[str] | None = None) -> list[C.File]:
    """The release's official files; with ``exhibits``, those that carry one of them (every file
    where none does: a page built from the release's text)."""
    files = {t["source_file"] for t in release.meta["tables"] if exhibits and t["exhibit"] in exhibits}
    return [
        C.File(TRANSCRIBED if s.get("kind") == "transcribed" else s["file"], s.get("url"), s["sha256"])
        for s in release.meta["sources"]
        if not files or s["file"] in files
    ]


def published(release: ReleaseView) -> str | None:
    return dates(release.meta).published


def citation(
    release: ReleaseView,
    title: str,
    path: str,
    cited: Mapping[str, bytes | str],
    exhibits: list[str] | None = None,
    root: str | None = None,
) -> C.Citation:
    """The citation of the page at ``path`` inside the release ('' the home, 'overview/'), citing
    the files ``cited`` (file path inside the version -> bytes: a chapter's CSVs, the release zip)
    and the official files of ``exhibits`` (None: every file of the release); ``root``: the site's
    root URL (:func:`..render.urls.root_url`)."""
    return C.Citation(
        title=f"{release.meta['title']}: {title}" if title else release.meta["title"],
        release=release.id,
        url=permanent_url(release.id, path, root),
        published=published(release),
        official=official_files(release, exhibits),
        cited=[
            C.File(name.rsplit("/", 1)[-1], permanent_url(release.id, name, root), sha256(data))
            for name, data in sorted(cited.items())
        ],
    )


def _accessed(text: str) -> Markup:
    """Escaped text with the access date as an element the page's script fills in."""
    escaped = templating.escape(text)
    return Markup(escaped.replace(C.ACCESSED, Markup(f'<span class="ts-accessed">{C.ACCESSED}</span>')))


def block(c: C.Citation, what: str, data_word: str = "CSV files") -> str:
    """The "Cite this" disclosure: plain text, BibTeX and CSL-JSON."""
    return (
        templating.render(
            "cite.html.j2",
            what=what,
            month=_month(c.release),
            data_word=data_word,
            text=_accessed(C.text(c)),
            bibtex=_accessed(C.bibtex(c).rstrip("\n")),
            csl=_accessed(json.dumps(C.csl_json(c), ensure_ascii=False, separators=(", ", ": "))),
        )
        + "\n"
    )


def _month(release: str) -> str:
    from ...periods import month_year

    return month_year(release)


def jsonld(doc: dict) -> str:
    """A ``<script type="application/ld+json">`` element; the JSON cannot end it early."""
    return f'<script type="application/ld+json">\n{C.json_for_html(doc)}\n</script>\n'


def release_dataset(
    release: ReleaseView, description: str, zip_path: str, coverage: tuple[str, str] | None, root: str | None = None
) -> dict:
    """The release home's schema.org Dataset: its zip of tidy tables, from the official files."""
    return C.dataset(
        name=release.meta["title"],
        description=description,
        url=permanent_url(release.id, root=root),
        temporal=coverage,
        downloads=[C.File(zip_path.rsplit("/", 1)[-1], permanent_url(release.id, zip_path, root), "")],
        based_on=[s.get("url") for s in release.meta["sources"]],
        modified=published(release),
        release=release.id,
    )


def temporal_coverage(release) -> tuple[str, str] | None:
    """The first and last month a release's tables cover ('1960-01', '2025-03'; a year counts from
    its January to its December, a quarter its three months)."""
    from ... import periods

    found = sorted({p for t in release.table_ids for p in release.table(t)["period"].unique()})
    if not found:
        return None
    starts = [periods.text(periods.as_period(p).asfreq("M", how="start")) for p in found]
    ends = [periods.text(periods.as_period(p).asfreq("M", how="end")) for p in found]
    return min(starts), max(ends)


# ------------------------------------------------------------------------------ series pages


def series_files(observations, metas: dict[str, dict]) -> list[C.File]:
    """The official files a series' values come from: one per (release, file) its observations
    name (``observations``: rows with ``release`` and ``source_file``; an 'as published last month'
    row names the file of the release that restated it, which ``metas`` holds)."""
    out: dict[tuple[str, str], C.File] = {}
    for rel, name in sorted({(r, f) for r, f in zip(observations["release"], observations["source_file"])}):
        meta = metas.get(rel) or metas.get(_next(rel))
        if meta is None:
            continue
        source = next((s for s in meta.get("sources", []) if s["file"] == name), None)
        if source is not None:
            label = TRANSCRIBED if source.get("kind") == "transcribed" else name
            out[(meta["release"], name)] = C.File(f"{label} ({meta['release']})", source.get("url"), source["sha256"])
    return list(out.values())


def _next(rid: str) -> str:
    from ... import periods

    return periods.add(rid, 1)


def series_citation(
    title: str, newest: dict, url: str, official: list[C.File], cited: dict[str, tuple[str, bytes]]
) -> C.Citation:
    """A series page's citation: ``title`` the series' title, ``newest`` the release.json of the
    newest release that printed it (what the page is as of), ``url`` the page's URL, ``official``
    :func:`series_files`, ``cited`` file name -> (its URL, its bytes): the series' CSV."""
    return C.Citation(
        title=title,
        release=newest["release"],
        url=url,
        published=dates(newest).published,
        official=official,
        cited=[C.File(n, u, sha256(b)) for n, (u, b) in sorted(cited.items())],
    )


def series_dataset(
    title: str,
    description: str,
    url: str,
    first_last: tuple[str, str],
    downloads: list[tuple[str, str]],
    official: list[C.File],
    newest: dict,
) -> dict:
    """A series page's schema.org Dataset: ``first_last`` its first and last period, ``downloads``
    (name, absolute URL) of its files (CSV, JSON, Parquet), ``official`` :func:`series_files`,
    ``newest`` the newest release's release.json (dateModified: when it was published, if stated)."""
    starts = [_months(p)[0] for p in first_last]
    ends = [_months(p)[1] for p in first_last]
    return C.dataset(
        name=title,
        description=description,
        url=url,
        temporal=(min(starts), max(ends)),
        downloads=[C.File(n, u, "") for n, u in downloads],
        based_on=[f.url for f in official],
        modified=dates(newest).published,
        release=newest["release"],
    )


def _months(period: str) -> tuple[str, str]:
    from ... import periods

    p = periods.as_period(period)
    return periods.text(p.asfreq("M", how="start")), periods.text(p.asfreq("M", how="end"))
