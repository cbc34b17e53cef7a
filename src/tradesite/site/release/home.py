"""The release home: headline boxes, dates, the chapters this release holds, sources and the
release download.

The headline (:mod:`tradesite.report.headline`) is exhibit 1's (goods and services, against
the previous month), or the figures transcribed from the release page, or BEA's Table 1, or
exhibit 12's (goods only, not seasonally adjusted, against the same month a year earlier).
Transcribed figures are marked as such, with the release's sentences they come from.
"""

from __future__ import annotations

import pandas as pd

from ...periods import month, month_number, month_year
from ...report import words
from ...report.catalog import ReleaseView
from ...report.frames import is_revised
from ...report.headline import Headline, headline
from ...report.numbers import amount, money, signed_percent
from ...report.provenance import official_page
from ...report.vocabulary import FLOW_NAMES, exhibit_name
from ..render import tables, templating
from ..render.markup import md
from ..render.model import Chapter, Table
from . import calendar_page, downloads


def _date(iso: str | None) -> str | None:
    if not iso:
        return None
    ts = pd.Timestamp(iso)
    return f"{ts.strftime('%B')} {ts.day}, {ts.year}"


def _change_words(h: Headline, flow: str) -> str:
    """'up $2.9 billion from December (revised)' (a balance's change is its magnitude's)."""
    change = h.magnitude_change(flow)
    if h.comparison == "previous month":
        when = f"from {month(h.compared_with)}" + (" (revised)" if h.revised else "")
    else:
        when = f"from {month_year(h.compared_with)}"
    if not change:
        return f"unchanged {when}"
    return f"{'up' if change > 0 else 'down'} {amount(change)} {when}"


def _stated_words(h: Headline, flow: str) -> str:
    """The change the release page states: a balance's sign says deficit or surplus, so 'up'
    means a larger deficit (or surplus)."""
    change, now = h.stated_change[flow], h.now[flow]
    grew = change > 0 if flow != "balance" else (change < 0) == (now < 0)
    when = f"from {month(h.compared_with)}" + (" (revised)" if h.revised else "")
    return f"{'up' if grew else 'down'} {amount(change)} {when}"


def boxes(h: Headline) -> str:
    """The headline boxes, as page 1 of the release prints them."""
    items = []
    for flow in ("balance", "exports", "imports"):
        if flow not in h.now:
            continue
        label = words.balance_kind(h.now["balance"]).capitalize() if flow == "balance" else FLOW_NAMES[flow]
        if h.exhibit == "12":
            label = f"Goods {label.lower()}"
        box = {"label": label, "amount": money(h.now[flow]), "change": "", "detail": ""}
        if flow in h.before:
            box["change"] = signed_percent(h.magnitude_change(flow), h.before[flow])
            box["detail"] = _change_words(h, flow)
        if flow in h.stated_percent:  # as the release page states it
            p = h.stated_percent[flow]
            box["change"] = f"{'+' if p >= 0 else '−'}{abs(p):.1f}%"
        if flow in h.stated_change and flow not in h.before:
            box["detail"] = _stated_words(h, flow)
        items.append(box)
    if h.exhibit == "12":
        caption = (
            f"{month_year(h.period)}, goods only, not seasonally adjusted, balance of payments basis, "
            f"compared with the same month a year earlier. Exhibit 12, {h.source_file}. Services and the "
            f"seasonally adjusted totals are not in this release's files."
        )
    elif h.transcribed:
        caption = (
            f"{month_year(h.period)}, goods and services, seasonally adjusted, balance of payments basis. "
            "Transcribed from the text of BEA's release page."
        )
    else:
        caption = (
            f"{month_year(h.period)}, goods and services, seasonally adjusted, balance of payments basis. "
            f"{exhibit_name(h.exhibit)}, {h.source}."
        )
    html = templating.render("headline_boxes.html.j2", boxes=items, caption=caption, strong_nsa=h.exhibit == "12")
    sentence = ""
    if h.exhibit != "12" and "balance" in h.before:
        sentence = (
            words.balance_sentence(h.now["balance"], h.before["balance"], h.period, h.compared_with, h.revised) + "\n"
        )
    return html.rstrip("\n") + "\n\n" + sentence


PERIOD_WORDS = {
    "month": month_year,
    "three_month_average": lambda p: f"three months ending {month_year(p)}",
    "year": lambda p: f"year {p}",
    "year_to_date": lambda p: (
        f"{month_year(p)}, the year to date" if month_number(p) == 1 else f"January to {month_year(p)}"
    ),
}


def transcribed(release: ReleaseView) -> tuple[str, dict[str, bytes]]:
    """The headline figures transcribed from the release page, marked as such, with the
    sentences they come from and every figure in a table."""
    df = release.exhibit("headlines")
    url = release.source(str(df["source_file"].iloc[0]))["url"] or official_page(release.id)
    lines = [
        '!!! note "Transcribed from the release text"',
        "    These headline figures were transcribed from the text of [BEA's release page]"
        f"({url}), not read from an official data file; only the first section of that page was "
        "available, so this release's detailed tables are not on this site.",
        "",
    ]
    sentences = _quoted_sentences(release)
    if sentences:
        lines += ["The sentences of the release these figures come from:", ""]
        lines += [f"> {md(s)}\n>" for s in sentences]
        lines[-1] = lines[-1][:-2]
        lines.append("")
    frame = pd.DataFrame(
        [
            {
                "Figure": f"{FLOW_NAMES[r.flow]}, {'goods and services' if r.line_item == 'Total' else r.line_item.lower()}",
                "Period": PERIOD_WORDS[r.period_type](r.period),
                "Measure": {"level": "value", "change": "change", "percent_change": "change, percent"}[r.measure],
                "Value": r.value,
                "Unit": r.unit,
                "Status": "(R)" if is_revised(r.status) else "",
            }
            for r in df.itertuples(index=False)
        ]
    )
    table = Table(
        id="headlines",
        title="Every transcribed headline figure",
        frame=frame,
        unit="as stated in each row",
        source="transcribed from the text of BEA's release page",
        notes="Changes are signed so that a larger deficit is negative.",
        decimals={"Value": 1},  # one decimal, as the release text states them ("$123.0 billion")
        long=df,
    )
    rendered = tables.render(table, "release", release, folder="")
    lines.append(rendered.html)
    return "\n".join(lines) + "\n", rendered.files


def _quoted_sentences(release: ReleaseView) -> list[str]:
    """The release's sentences behind the transcribed figures, each once (fragments dropped)."""
    out: list[str] = []
    for note in release.notes:
        for p in note.get("paragraphs", []):
            if not any(p in seen for seen in out):
                out.append(p)
    return [("…" + p) if p[:1].islower() else p for p in out]


def no_headline(release: ReleaseView) -> str:
    """What a release without a monthly balance does hold."""
    lines = ["This release's files on this site hold no monthly balance; they hold:", ""]
    lines += [
        f"- {md(t['title'] or exhibit_name(t['exhibit']))} ({md(t['source_file'])})" for t in release.meta["tables"]
    ]
    return "\n".join(lines) + "\n"


def build(release: ReleaseView, chapters: list[Chapter], coverage_table: str) -> tuple[str, str, dict[str, bytes]]:
    """The release home: (one-sentence description, Markdown body, files it needs)."""
    h = headline(release)
    files: dict[str, bytes] = {}
    parts = [f"# {md(release.meta['title'])}\n"]
    if h is not None:
        parts.append(boxes(h))
    if release.meta.get("transcribed") and release.has("headlines"):
        text, files = transcribed(release)
        parts.append(text)
    elif h is None:
        parts.append(no_headline(release))
    parts.append(calendar_page.dates_line(release))
    parts += [
        "## Chapters { #chapters }\n",
        coverage_table + "\n",
        releases_line(release),
        feed_line(),
        templating.render("across_releases.html.j2", root="../") + "\n",
    ]
    parts.append(downloads_section(release))
    if h is not None and h.exhibit != "12" and "balance" in h.before:
        description = words.balance_sentence(
            h.now["balance"], h.before["balance"], h.period, h.compared_with, h.revised
        )
    elif h is not None:
        description = (
            f"{h.label}: {words.balance_kind(h.now['balance'])} of {money(h.now['balance'])} in {month_year(h.period)}."
        )
    else:
        description = f"The {release.month_name} release of the U.S. trade in goods and services report."
    return description, "\n".join(p.rstrip("\n") + "\n" for p in parts if p), files


def releases_line(release: ReleaseView) -> str:
    """Every release of the site, newest first, each one click away (the version selector needs
    JavaScript; this list does not)."""
    links = [
        {"month": month_year(r), "href": f"../{r}/", "current": r == release.id}
        for r in sorted(release.catalog.ids, reverse=True)
    ]
    return templating.render("release_list.html.j2", releases=links) + "\n"


def feed_line() -> str:
    """The releases feed, where a reader of the release home sees it (feed.xml is at the root of
    the versioned site, one level above each version)."""
    return templating.render("feed_link.html.j2", href="../feed.xml") + "\n"


def downloads_section(release: ReleaseView) -> str:
    name = downloads.zip_name(release.id)
    n = len(release.meta["tables"])
    sources = [
        {
            "file": s["file"] if s.get("kind") != "transcribed" else "the release page, transcribed",
            "url": s["url"] or "",
            "sha256": s["sha256"],
            "size": f"{s['size']:,}",
        }
        for s in release.meta["sources"]
    ]
    listing = templating.render("source_files.html.j2", sources=sources, folded=len(sources) > 3)
    return (
        "## Downloads { #downloads }\n\n"
        f"[{f'All {n} tables' if n != 1 else 'The one table'} of this release (zip of tidy CSVs, release.json and a README)]"
        f"(downloads/{name}){{ .md-button download }}\n\n"
        "### Source files\n\n"
        "The official files this release's pages were built from; each can be downloaded again and checked "
        "against its sha256.\n\n" + listing + "\n"
    )
