"""Citations pinned to files, and schema.org ``Dataset`` descriptions: plain data, no HTML.

A :class:`Citation` names what is cited (a release home, a chapter, a series), the release, its
permanent URL (``/2025-03/overview/``, never the moving ``/latest/``), the date the release was
published where a file states it, the official files it was built from and the CSV (or zip) the
reader downloads, each with its sha256: whoever holds the citation can check that the figures
they get are the ones cited. :func:`text`, :func:`bibtex` and :func:`csl_json` write it out; the
access date is the reader's (``accessed``; the page fills it in, :data:`ACCESSED` until then).

:func:`dataset` is the schema.org ``Dataset`` of a release home or a series page (name,
description, temporalCoverage, distribution with contentUrl and encodingFormat, isBasedOn the
official files' URLs, dateModified where a file states it); :func:`json_for_html` writes any
JSON for a ``<script>`` element (``<``, ``>``, ``&`` escaped: a ``</script>`` inside ends nothing).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

AUTHORS = ("U.S. Census Bureau", "U.S. Bureau of Economic Analysis")
REPORT = "U.S. International Trade in Goods and Services (FT-900)"
PUBLISHER = "tradesite"
#: What the access date reads until the page fills in the reader's date (YYYY-MM-DD).
ACCESSED = "YYYY-MM-DD"
#: Media types of the files a Dataset distributes, by extension.
MEDIA_TYPES = {
    "csv": "text/csv",
    "zip": "application/zip",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass
class File:
    """A file the citation pins: its name, where it is, its sha256."""

    name: str
    url: str | None
    sha256: str


@dataclass
class Citation:
    title: str  # 'U.S. International Trade in Goods and Services, March 2025: Overview'
    release: str  # '2025-03'
    url: str  # the permanent URL of what is cited
    published: str | None  # ISO date the release was published, where a file states it
    official: list[File] = field(default_factory=list)  # the official files behind it
    cited: list[File] = field(default_factory=list)  # the CSVs (or zip) of what is cited
    accessed: str = ACCESSED


def _date_parts(iso: str) -> list[list[int]]:
    return [[int(p) for p in iso.split("-")]]


def _files(label: str, files: list[File]) -> str:
    return f"{label}: " + "; ".join(f"{f.name} (sha256 {f.sha256})" for f in files) + "." if files else ""


def text(c: Citation) -> str:
    """One paragraph: authors, title, release and date, URL, access date, the files' sha256."""
    when = f"published {c.published}" if c.published else "publication date unknown"
    parts = [
        f"{' and '.join(AUTHORS)}. \u201c{c.title}.\u201d {REPORT}, release {c.release} ({when}).",
        f"{c.url} (accessed {c.accessed}).",
        _files("Official files", c.official),
        _files("Data cited", c.cited),
    ]
    return " ".join(p for p in parts if p)


BIBTEX_SPECIAL = re.compile(r"([{}\\%&$#_~^])")


def _bib(value: str) -> str:
    """A BibTeX field's text with its special characters escaped ({, }, \\, %, &, $, #, _, ~, ^)."""

    def one(m: re.Match) -> str:
        ch = m.group(1)
        return {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}.get(ch, "\\" + ch)

    return BIBTEX_SPECIAL.sub(one, value)


def key(c: Citation) -> str:
    """A BibTeX key: 'ft900-2025-03-overview'."""
    tail = c.url.rstrip("/").rsplit("/", 1)[-1]
    tail = "" if tail == c.release else tail
    return re.sub(r"[^a-z0-9-]+", "-", f"ft900-{c.release}-{tail}".lower()).strip("-")


def bibtex(c: Citation) -> str:
    """A ``@misc`` entry (biblatex and BibTeX read it), the files' sha256 in ``note``."""
    note = " ".join(p for p in (_files("Official files", c.official), _files("Data cited", c.cited)) if p)
    fields = [
        ("author", " and ".join("{" + _bib(a) + "}" for a in AUTHORS)),
        ("title", "{" + _bib(c.title) + "}"),
        ("howpublished", f"{_bib(REPORT)}, release {_bib(c.release)}"),
        ("url", c.url),
        ("urldate", c.accessed),
        ("version", _bib(c.release)),
    ]
    if c.published:
        fields += [("year", c.published[:4]), ("month", str(int(c.published[5:7]))), ("date", c.published)]
    fields.append(("note", _bib(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key(c)},\n{body}\n}}\n"


def csl_json(c: Citation) -> dict:
    """CSL-JSON (Zotero, Pandoc): a ``dataset`` item; the sha256 in ``note``."""
    item: dict = {
        "id": key(c),
        "type": "dataset",
        "title": c.title,
        "author": [{"literal": a} for a in AUTHORS],
        "container-title": REPORT,
        "publisher": PUBLISHER,
        "version": c.release,
        "URL": c.url,
        "accessed": {"raw": c.accessed} if c.accessed == ACCESSED else {"date-parts": _date_parts(c.accessed)},
        "note": " ".join(p for p in (_files("Official files", c.official), _files("Data cited", c.cited)) if p),
    }
    if c.published:
        item["issued"] = {"date-parts": _date_parts(c.published)}
    return item


def media_type(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    if ext not in MEDIA_TYPES:
        raise ValueError(
            f"{name}: no media type for '.{ext}' (expected one of {', '.join(MEDIA_TYPES)}: citation.MEDIA_TYPES)"
        )
    return MEDIA_TYPES[ext]


def dataset(
    name: str,
    description: str,
    url: str,
    temporal: tuple[str, str] | None,
    downloads: list[File],
    based_on: Sequence[str | None],
    modified: str | None,
    release: str | None = None,
) -> dict:
    """schema.org ``Dataset`` JSON-LD: ``temporal`` the first and last period ('2021-01', '2025-03'),
    ``downloads`` the files a reader gets (each a ``DataDownload`` with contentUrl and
    encodingFormat), ``based_on`` the official files' URLs, ``modified`` the date the newest
    release behind it was published (left out where no file states it)."""
    doc: dict = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": url,
        "creator": [{"@type": "Organization", "name": a} for a in AUTHORS],
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "name": f.name, "contentUrl": f.url, "encodingFormat": media_type(f.name)}
            for f in downloads
            if f.url
        ],
        "isBasedOn": sorted({u for u in based_on if u}),
    }
    if temporal:
        doc["temporalCoverage"] = f"{temporal[0]}/{temporal[1]}" if temporal[0] != temporal[1] else temporal[0]
    if modified:
        doc["dateModified"] = modified
    if release:
        doc["version"] = release
    return doc


def json_for_html(obj) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` as \\u003c, \\u003e, \\u0026."""
    text = json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
