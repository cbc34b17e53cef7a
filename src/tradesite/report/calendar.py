"""The release calendar: when each release was published and when the next one comes, as the
official files state it, and where each date comes from. Never a date from a schedule or a guess:
a date no file states is ``None``, and the pages say it is not known.

Where a date is stated:

- the release PDF's page 1: "... Tuesday, May 6, 2025" (published) and "Next release: Thursday,
  June 5, 2025" (:mod:`tradesite.readers.ft900_pdf`);
- BEA's workbooks: "Last updated April 3, 2025" in the Readme sheet (published);
- the transcribed release page: its ``published`` column.

The ingest records them in ``release.json`` (``published``, ``next_release`` and each source's
``published``). A release whose files state no next release has one all the same once the
following month's release is on the site and its files state when it was published: that is the
date the next release came (``next_source`` says so).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import periods

#: Where each kind of file states its publication date ({file}: the file's name).
WHERE = {
    "ft900_pdf": "{file}, page 1",
    "bea_timeseries": "{file}, sheet 'Readme', cell A1 ('Last updated ...')",
    "bea_geo": "{file}, sheet 'Readme', cell A1 ('Last updated ...')",
    "transcribed": "BEA's release page, transcribed",
}
UNKNOWN = "no file of this release gives it"


@dataclass(frozen=True)
class Dates:
    release: str
    published: str | None
    published_source: str  # 'trad0325.pdf, page 1' or UNKNOWN
    next_release: str | None
    next_source: str  # 'trad0325.pdf, page 1', 'the April 2025 release's trad0425.pdf, page 1' or UNKNOWN
    #: the release the next date belongs to ('2025-04'), bundled or only announced
    next_id: str = ""

    def as_dict(self) -> dict:
        return {
            "release": self.release,
            "published": self.published,
            "published_source": self.published_source,
            "next_release": self.next_release,
            "next_source": self.next_source,
            "next_id": self.next_id,
        }


def _published(meta: dict) -> tuple[str | None, str]:
    """The publication date and the files that state it (release.json's own, else the one date
    every source that states one gives)."""
    stating = [s for s in meta.get("sources", []) if s.get("published")]
    date = meta.get("published")
    if not date:
        found = {s["published"] for s in stating}
        date = found.pop() if len(found) == 1 else None
    if not date:
        return None, UNKNOWN
    files = [WHERE.get(s.get("kind"), "{file}").format(file=s["file"]) for s in stating if s["published"] == date]
    return date, "; ".join(files) or "release.json"


def _stated_next(meta: dict) -> tuple[str | None, str]:
    date = meta.get("next_release")
    if not date:
        return None, UNKNOWN
    pdf = next((s["file"] for s in meta.get("sources", []) if s.get("kind") == "ft900_pdf"), None)
    return date, f"{pdf}, page 1 ('Next release: ...')" if pdf else "release.json"


def dates(meta: dict, following: dict | None = None) -> Dates:
    """A release's dates from its ``release.json`` (``meta``); ``following``: the release.json of
    the next month's release where the site has it (its publication date is when the next release came)."""
    rid = meta["release"]
    published, p_source = _published(meta)
    nxt, n_source = _stated_next(meta)
    if nxt is None and following is not None:
        came, where = _published(following)
        if came:
            nxt, n_source = came, f"the {periods.month_year(following['release'])} release's {where}"
    return Dates(rid, published, p_source, nxt, n_source, periods.add(rid, 1))


def calendar(metas: dict[str, dict]) -> list[Dates]:
    """Every release's dates (``metas``: release id -> release.json), oldest first."""
    ids = sorted(metas)
    return [dates(metas[r], metas.get(periods.add(r, 1))) for r in ids]


@dataclass(frozen=True)
class Event:
    """A known release date: a release published, or one announced by the release before it."""

    release: str  # the statistical month of the report that comes out that day
    date: str
    kind: str  # 'published' or 'announced'
    source: str

    @property
    def title(self) -> str:
        return f"U.S. International Trade in Goods and Services, {periods.month_year(self.release)}"


def events(cal: list[Dates]) -> list[Event]:
    """Every known release date, oldest first: each release's publication, and the next release
    a release announces where that release is not on the site (yet)."""
    bundled = {d.release for d in cal}
    out = [Event(d.release, d.published, "published", d.published_source) for d in cal if d.published]
    for d in cal:
        if d.next_release and d.next_id not in bundled:
            out.append(
                Event(
                    d.next_id,
                    d.next_release,
                    "announced",
                    f"announced in the {periods.month_year(d.release)} release: {d.next_source}",
                )
            )
    return sorted(out, key=lambda e: (e.date, e.release))
