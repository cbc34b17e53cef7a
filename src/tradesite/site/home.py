"""The release home: headline box, dates, chapters, sources and the release download.

Three kinds of release get a meaningful home:

* with exhibit 1: the headline box of the official release (balance, exports, imports,
  change from the previous month in dollars and percent);
* with only the goods exhibit 12 (not seasonally adjusted): the goods figures against
  the same month a year earlier;
* transcribed (``release.json`` ``transcribed: true``): the headline figures as the
  release text states them, marked as transcribed, with the sentences they come from.
"""

from __future__ import annotations

import html
from types import ModuleType

import pandas as pd

from ..releases import Release
from . import downloads, narrative, tables
from .chapters import overview
from .model import Chapter, Table

NOT_STATED = "not stated in the bundled files"


def _date(iso: str | None) -> str:
    if not iso:
        return NOT_STATED
    ts = pd.Timestamp(iso)
    return f"{ts.strftime('%B')} {ts.day}, {ts.year}"


def _box(label: str, amount: str, change: str, detail: str) -> str:
    return (
        '<div class="ts-box">'
        f'<div class="ts-box-label">{html.escape(label)}</div>'
        f'<div class="ts-box-amount">{html.escape(amount)}</div>'
        f'<div class="ts-box-change">{html.escape(change)}</div>'
        f'<div class="ts-box-detail">{html.escape(detail)}</div>'
        "</div>"
    )


def _boxes(items: list[str], caption: str) -> str:
    return (
        f'<section class="ts-headline" aria-label="Headline figures">\n{"".join(items)}\n'
        f'<p class="ts-headline-caption">{caption}</p>\n</section>'
    )


def _change_words(now: float, before: float, is_balance: bool) -> str:
    """'up $2.9 billion' (a balance's change is its magnitude's: a bigger deficit is up)."""
    change = abs(now) - abs(before) if is_balance else now - before
    if not change:
        return "unchanged"
    return f"{'up' if change > 0 else 'down'} {narrative.amount(change)}"


def exhibit1_headline(release: Release) -> str | None:
    """Balance/exports/imports box from exhibit 1, like page 1 of the release."""
    h = overview.headline(release)
    if h is None:
        return None
    prev = f"from {narrative.month(h.previous)}" + (" (revised)" if h.revised else "")
    items = []
    for flow, label in (("balance", narrative.balance_kind(h.now["balance"]).capitalize()),
                        ("exports", "Exports"), ("imports", "Imports")):
        now, before = h.now[flow], h.before[flow]
        is_balance = flow == "balance"
        base_change = abs(now) - abs(before) if is_balance else now - before
        items.append(_box(
            label,
            narrative.money(now),
            f"{narrative.signed_percent(base_change, before)}",
            f"{_change_words(now, before, is_balance)} {prev}",
        ))
    sentence = narrative.balance_sentence(h.now["balance"], h.before["balance"], h.period, h.previous, h.revised)
    caption = (f"{narrative.month_year(h.period)}, goods and services, seasonally adjusted, balance of payments "
               f"basis. {html.escape(h.source, quote=False)}.")
    return _boxes(items, caption) + f"\n\n{sentence}\n"


def exhibit12_headline(release: Release) -> str | None:
    """Goods only (exhibit 12, not seasonally adjusted): against the same month a year earlier."""
    if not release.has("12"):
        return None
    df = release.exhibit("12")
    bop = df[df["basis"] == "balance_of_payments"]
    line = "Total Balance of Payments Basis"
    period = overview.months(bop)[-1]
    earlier = overview.year_ago(period)
    items = []
    for flow, label in (("balance", None), ("exports", "Goods exports"), ("imports", "Goods imports")):
        now = overview.value(bop, flow, line, period)
        row = overview.lookup(bop, flow, line, earlier)
        label = label or f"Goods {narrative.balance_kind(now)}"
        if row is None or pd.isna(row["value"]):
            items.append(_box(label, narrative.money(now), "", ""))
            continue
        before = float(row["value"])
        is_balance = flow == "balance"
        base_change = abs(now) - abs(before) if is_balance else now - before
        items.append(_box(label, narrative.money(now), narrative.signed_percent(base_change, before),
                          f"{_change_words(now, before, is_balance)} from {narrative.month_year(earlier)}"))
    caption = (f"{narrative.month_year(period)}, goods only, <strong>not seasonally adjusted</strong>, balance of "
               f"payments basis, compared with the same month a year earlier. Exhibit 12, "
               f"{html.escape(str(df['source_file'].iloc[0]))}. This release's bundled files do not include "
               f"exhibit 1, so services and the seasonally adjusted totals are not shown.")
    return _boxes(items, caption) + "\n"


PERIOD_WORDS = {
    "month": lambda p: narrative.month_year(p),
    "three_month_average": lambda p: f"three months ending {narrative.month_year(p)}",
    "year": lambda p: f"year {p}",
    "year_to_date": lambda p: f"January to {narrative.month_year(p)}",
}


def transcribed_headline(release: Release) -> tuple[str, dict[str, bytes]] | None:
    """Headlines transcribed from the release text, marked as such, with the sentences they come from."""
    if not release.meta.get("transcribed") or not release.has("headlines"):
        return None
    df = release.exhibit("headlines")
    cur = df[(df["vintage"] == "current") & (df["line_item"] == "Total") & (df["period_type"] == "month")]
    period = cur[cur["measure"] == "level"]["period"].max()
    prev_rows = df[(df["line_item"] == "Total") & (df["flow"] == "balance") & (df["measure"] == "level")
                   & (df["period_type"] == "month") & (df["period"] < period)]
    items = []
    for flow, label in (("balance", None), ("exports", "Exports"), ("imports", "Imports")):
        rows = cur[(cur["flow"] == flow) & (cur["period"] == period)].set_index("measure")["value"]
        if "level" not in rows:
            continue
        level = float(rows["level"])
        label = label or narrative.balance_kind(level).capitalize()
        pct = f"{'+' if rows.get('percent_change', 0) >= 0 else '−'}{abs(rows['percent_change']):.1f}%" \
            if "percent_change" in rows else ""
        detail = ""
        if "change" in rows and len(prev_rows):
            change = float(rows["change"])
            grew = change > 0 if flow != "balance" else (change < 0) == (level < 0)
            previous = prev_rows["period"].max()
            revised = " (revised)" if "R" in prev_rows.iloc[-1]["status"].split(";") else ""
            detail = f"{'up' if grew else 'down'} ${abs(change):.1f} billion from {narrative.month(previous)}{revised}"
        items.append(_box(label, f"${abs(level):.1f} billion", pct, detail))
    caption = (f"{narrative.month_year(period)}, goods and services, seasonally adjusted, balance of payments basis. "
               f"<strong>Transcribed from the release text</strong> ({html.escape(release.source(str(df['source_file'].iloc[0]))['url'] or '', quote=False)}).")
    lines = [
        _boxes(items, caption),
        "",
        '!!! note "Transcribed from the release text"',
        "    These headline figures were transcribed from the text of BEA's release page, not read from an "
        "official data file; only the first section of that page was available, so the detailed chapters of "
        f"this release are not here. `tradesite fetch {release.id}` gets the full exhibits where census.gov is "
        f"reachable (then `tradesite ingest {release.id}` reads them).",
        "",
    ]
    sentences = _quoted_sentences(release)
    if sentences:
        lines += ["The sentences of the release these figures come from:", ""]
        lines += [f"> {s}\n>" for s in sentences]
        lines[-1] = lines[-1][:-2]
        lines.append("")
    frame = pd.DataFrame([
        {
            "Figure": f"{overview.FLOW_NAMES[r.flow]}, {'goods and services' if r.line_item == 'Total' else r.line_item.lower()}",
            "Period": PERIOD_WORDS[r.period_type](r.period),
            "Measure": {"level": "value", "change": "change", "percent_change": "change, percent"}[r.measure],
            "Value": f"{r.value:.1f}",  # one decimal, as the release text states them ("$123.0 billion")
            "Unit": r.unit,
            "Status": "(R)" if "R" in r.status.split(";") else "",
        }
        for r in df.itertuples(index=False)
    ])
    table = Table(
        id="headlines", title="Every transcribed headline figure", frame=frame, unit="as stated in each row",
        source=f"{df['source_file'].iloc[0]}, transcribed from BEA's release page",
        notes="Changes are signed so that a larger deficit is negative.",
    )
    rendered = tables.render(table, "release", release, folder="")
    lines.append(rendered.html)
    return "\n".join(lines) + "\n", rendered.files


def _quoted_sentences(release: Release) -> list[str]:
    """The release's sentences behind the transcribed figures, each once (fragments dropped)."""
    out: list[str] = []
    for note in release.notes:
        for p in note.get("paragraphs", []):
            if not any(p in seen for seen in out):
                out.append(p)
    return [("…" + p) if p[:1].islower() else p for p in out]


def no_headline(release: Release) -> str:
    """What a release without exhibit 1, 12 or transcribed headlines does carry."""
    lines = ["This release's bundled files carry no headline figures of the month (exhibit 1 or 12). They hold:", ""]
    lines += [f"- {t['title'] or 'exhibit ' + t['exhibit']} ({t['source_file']})" for t in release.meta["tables"]]
    return "\n".join(lines) + "\n"


def build(release: Release, chapters: list[Chapter], not_covered: list[ModuleType]) -> tuple[str, str, dict[str, bytes]]:
    """The release home: (one-sentence description, Markdown body, files it needs)."""
    meta = release.meta
    title = meta["title"]
    transcribed = transcribed_headline(release)
    files: dict[str, bytes] = {}
    if transcribed is not None:
        headline, files = transcribed
    else:
        headline = exhibit1_headline(release) or exhibit12_headline(release)
    description = (
        chapters[0].summary if chapters else f"The {release.month_name} release of the U.S. trade in goods and services report."
    )
    parts = [
        f"# {title}\n",
        headline or no_headline(release),
        f"**Published:** {_date(meta.get('published'))}. **Next release:** {_date(meta.get('next_release'))}.\n",
        "## Chapters\n",
    ]
    if chapters:
        parts.append("\n".join(f"- [{c.title}]({c.slug}/index.md): {c.summary}" for c in chapters) + "\n")
    else:
        parts.append("None of the chapters can be built from this release's bundled files.\n")
    if not_covered:
        parts.append("### Not covered by this release's files { #not-covered }\n")
        parts.append(
            "These chapters of the report need exhibits that this release's bundled files do not include:\n\n"
            + "\n".join(f"- {m.TITLE}" for m in not_covered) + "\n"
        )
    parts.append(downloads_section(release))
    return description, "\n".join(parts), files


def downloads_section(release: Release) -> str:
    name = downloads.zip_name(release.id)
    n = len(release.meta["tables"])
    rows = ["| File | Official URL | sha256 | Size (bytes) |", "|---|---|---|--:|"]
    for s in release.meta["sources"]:
        url = s["url"] or ""
        rows.append(f"| {s['file']} | [{url}]({url}) | `{s['sha256']}` | {s['size']:,} |")
    sources = release.meta["sources"]
    table = "\n".join(rows) + "\n"
    if len(sources) > 3:  # a long list folds away; it is provenance, not the release's news
        table = (f'<details class="ts-sources" markdown="1">\n<summary>The {len(sources)} official files '
                 f"(URL, sha256, size)</summary>\n\n{table}\n</details>\n")
    else:
        table = f'<div class="ts-sources" markdown="1">\n\n{table}\n</div>\n'
    return (
        "## Downloads { #downloads }\n\n"
        f"[{f'All {n} tables' if n != 1 else 'The one table'} of this release (zip of tidy CSVs, release.json and a README)]"
        f"(downloads/{name}){{ .md-button download }}\n\n"
        "### Source files\n\n"
        "The official files this release's pages were built from; each can be downloaded again and checked "
        "against its sha256.\n\n" + table
    )
