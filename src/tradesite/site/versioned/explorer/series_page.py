"""One series page of the explorer: everything a reader needs without JavaScript.

The page says what the series is worth now in the release's house style, draws the newest value
of each period of the newest :data:`CHART_YEARS` years (an inline SVG in two layouts, a gap wherever
no release on the site printed the period), says which periods the site's releases hold, where the
series stops and why, tables of the newest values and of the revisions of the recent periods, and
plain links to every file.

Its size does not grow with the number of releases (issue 20): the tables show a fixed number of
periods, the charts a fixed window of periods (:data:`CHART_YEARS`, :data:`MOVES_PERIODS`), it names
a fixed number of releases, and the vintages are in the files, not the page. Nor does it change
when a release reprints the series unchanged: it names the releases that carry the series by the
first of them (and the last, once the series stops), never by their count so far.
"""

from __future__ import annotations

from markupsafe import Markup

from .... import periods
from ....periods import label as period_label
from ....report.vocabulary import exhibit_name, exhibits_in_words
from ....report.words import series_sentence
from ...render import linechart, templating
from ...render.tables import figure, places
from . import api, vintage_files
from .data import ExplorerData, Point, SeriesData

#: Periods in the tables of newest values and of revisions.
TABLE_PERIODS = 12
#: Runs of consecutive periods named in the coverage sentence (newest first).
RANGES = 6
#: Years of periods the chart of newest values draws (the newest; every period is in the CSV).
CHART_YEARS = 40
#: Periods of the chart of first estimates against newest values: the newest 13 whose first estimate
#: is on the site (a year and the annual revision, as the vintages chapter's WINDOW).
MOVES_PERIODS = 13
PERIOD_TYPE = {"monthly": "month", "quarterly": "quarter", "annual": "year"}
STEP = {"monthly": 12, "quarterly": 4, "annual": 1}
#: The theme concept whose colour draws the first published values (the latest: the flow's).
FIRST = "muted"


def _words(period: str, frequency: str) -> str:
    return period_label(period, PERIOD_TYPE[frequency])


def _release_words(release: str, data: ExplorerData) -> str:
    month = data.release_months.get(release)
    return (
        f"{month} release" if month else f"the {periods.month_year(release)} figures as the next release reprinted them"
    )


def decimals(values: list[float]) -> int:
    """One precision for a column: never more than its coarsest figure has (a value printed in
    whole millions beside one printed to three decimals shows none)."""
    return min((places(v) for v in values), default=0)


def ranges(held: list[str], frequency: str) -> list[tuple[str, str]]:
    """Runs of consecutive periods: [('2020-07', '2020-07'), ('2021-07', '2021-08'), ...]."""
    out: list[list[str]] = []
    for p in held:
        if out and periods.add(out[-1][1], 1) == p:
            out[-1][1] = p
        else:
            out.append([p, p])
    return [(a, b) for a, b in out]


def coverage(sd: SeriesData, data: ExplorerData) -> dict:
    """Which periods the site's releases hold, where the series stops and why, and the release of
    its newest value."""
    s, freq = sd.series, sd.series.key.frequency
    held = [p[0] for p in sd.latest]
    runs = ranges(held, freq)
    shown = [(_words(a, freq) if a == b else f"{_words(a, freq)} to {_words(b, freq)}") for a, b in runs[::-1][:RANGES]]
    span = len(periods_between(held[0], held[-1])) if held else 0
    carriers = data.carriers(s)
    newest_value_release = max(sd.latest, key=lambda p: p[0])[2]
    later = [r for r in data.release_ids if r > max(carriers, default="")]
    exhibits = exhibits_in_words(s.exhibits)
    if later:
        stops = (
            f"This series stops at {_words(held[-1], freq)}: {exhibits} {'is' if len(s.exhibits) == 1 else 'are'} "
            f"in the files of {_releases(carriers, data)} only; no release on this site after "
            f"{data.release_months[carriers[-1]]} carries {'it' if len(s.exhibits) == 1 else 'them'}."
        )
    else:
        stops = (
            f"{exhibits[:1].upper() + exhibits[1:]} {'is' if len(s.exhibits) == 1 else 'are'} in the files of "
            f"{_carried_since(carriers, data) or _releases(carriers, data)}."
        )
    return {
        "count": len(held),
        "span": span,
        "gaps": span - len(held),
        "ranges": shown,
        "more_ranges": max(0, len(runs) - RANGES),
        "stops": stops,
        "latest_release": _release_words(newest_value_release, data),
    }


def periods_between(first: str, last: str) -> list[str]:
    out, p = [first], first
    while p < last:
        p = periods.add(p, 1)
        out.append(p)
    return out


def since(carriers: list[str], data: ExplorerData) -> str | None:
    """The first release of an unbroken run of the site's releases, up to its newest, that carry
    the series (None: the run is broken or stops): what names them without changing each month."""
    ids = data.release_ids
    return carriers[0] if carriers and carriers == ids[ids.index(carriers[0]) :] else None


def _carried_since(carriers: list[str], data: ExplorerData) -> str:
    first = since(carriers, data)
    return f"every release on this site since {data.release_months[first]}" if first else ""


def _releases(ids: list[str], data: ExplorerData) -> str:
    months = [data.release_months[r] for r in ids]
    if len(months) > 4:
        return f"{len(months)} releases, {months[0]} to {months[-1]}"
    return " and ".join([", ".join(months[:-1]), months[-1]]) if len(months) > 1 else "".join(months)


def sentence(sd: SeriesData, data: ExplorerData) -> str:
    """The newest value and its change in the house style: the previous period for a seasonally
    adjusted series, the same period a year earlier for one not seasonally adjusted (as the
    release compares them), both as one release published them where it did."""
    s = sd.series
    freq, flow = s.key.frequency, s.flow
    period, value, release = sd.latest[-1][0], sd.latest[-1][1], sd.latest[-1][2]
    year_ago = s.key.seasonal_adjustment == "not_seasonally_adjusted" and freq != "annual"
    before_period = periods.add(period, -STEP[freq]) if year_ago else periods.add(period, -1)
    # the earlier period as it was known when the newest value was published (as of its release)
    known = [p for p in sd.history(before_period) if p[2] <= release and (not p[3] or p[3] >= release)]
    before = known[0] if known else None
    note = ""
    if year_ago:
        note = f"not seasonally adjusted figures are compared with the same {PERIOD_TYPE[freq]} a year earlier"
    return series_sentence(
        s.what,
        flow,
        s.unit,
        _words(period, freq),
        value,
        _release_words(release, data),
        None if before is None else before[1],
        _words(before_period, freq),
        note,
    )


def charted(sd: SeriesData) -> list[Point]:
    """The newest values the chart draws: those of the newest :data:`CHART_YEARS` years of periods."""
    freq = sd.series.key.frequency
    start = periods.add(sd.latest[-1][0], 1 - CHART_YEARS * STEP[freq])
    return [p for p in sd.latest if p[0] >= start]


def chart(sd: SeriesData) -> dict:
    """The inline SVG of the newest value of each period of the window, in both layouts, and its
    first period in words."""
    s = sd.series
    shown = charted(sd)
    line = linechart.Line(s.title, linechart.concept(s.flow), [(p[0], p[1]) for p in shown])
    label = (
        f"{s.title}: line chart of the newest value of each period, "
        f"{_words(shown[0][0], s.key.frequency)} to {_words(shown[-1][0], s.key.frequency)}"
    )
    out: dict = {layout: linechart.svg([line], s.key.frequency, layout, label) for layout in linechart.SIZES}
    out["from"] = _words(shown[0][0], s.key.frequency) if len(shown) < len(sd.latest) else ""
    return out


def latest_table(sd: SeriesData, data: ExplorerData) -> dict:
    rows = sd.latest[-TABLE_PERIODS:][::-1]
    d = decimals([p[1] for p in rows])
    return {
        "rows": [
            {
                "period": _words(p[0], sd.series.key.frequency),
                "value": figure(p[1], d),
                "release": data.release_months.get(p[2]) or periods.month_year(p[2]) + " (reprinted)",
                "revised": p[4] == "revised",
            }
            for p in rows
        ],
        "total": len(sd.latest),
    }


def revisions_table(sd: SeriesData, data: ExplorerData) -> dict:
    """The newest periods published with more than one value: first and latest, the revision."""
    rows = []
    for period in sd.revised_periods[:TABLE_PERIODS]:
        hist = sd.history(period)
        first, last = hist[0], hist[-1]
        rows.append((period, first, last, len(hist) - 1))
    d = decimals([v for _, f, lst, _ in rows for v in (f[1], lst[1])])
    return {
        "rows": [
            {
                "period": _words(p, sd.series.key.frequency),
                "first": figure(f[1], d),
                "first_release": data.release_months.get(f[2]) or periods.month_year(f[2]),
                "latest": figure(lst[1], d),
                "latest_release": data.release_months.get(lst[2]) or lst[2],
                "revision": figure(lst[1] - f[1], d),
                "times": n,
            }
            for p, f, lst, n in rows
        ],
        "total": len(sd.revised_periods),
    }


def revision_words(stats: dict | None, s) -> dict | None:
    """How much the series' first estimates move, in words and figures (None: no period to rest on)."""
    if not stats or not stats.get("periods"):
        return None
    freq = s.key.frequency
    n, first, last = stats["periods"], _words(stats["first_period"], freq), _words(stats["last_period"], freq)
    values = [
        stats[k]
        for k in (
            "mean_revision",
            "mean_abs_revision",
            "rms_revision",
            "largest_revision",
            "mean_revision_next",
            "mean_abs_revision_next",
        )
        if stats.get(k) is not None
    ]
    d = decimals(values)

    def signed(v):
        return ("+" if v > 0 else "") + figure(v, d)

    out = {
        "sentence": (
            f"Over the {n} {PERIOD_TYPE[freq]}{'s' if n > 1 else ''} whose first estimate is on this site and "
            f"that a later release printed again ({first} to {last}), the newest value differs from the first "
            f"estimate by {signed(stats['mean_revision'])} on average ({s.unit}; a positive revision raises "
            f"the figure, so a deficit revised up is smaller), {figure(stats['mean_abs_revision'], d)} in "
            f"absolute value; {round(100 * stats['share_revised'])} % of them were revised."
        ),
        "rows": [
            (
                "Mean revision (bias)",
                signed(stats["mean_revision"]),
                signed(stats["mean_revision_next"]) if stats.get("mean_revision_next") is not None else "–",
            ),
            (
                "Mean absolute revision",
                figure(stats["mean_abs_revision"], d),
                figure(stats["mean_abs_revision_next"], d) if stats.get("mean_abs_revision_next") is not None else "–",
            ),
            ("Root mean square revision", figure(stats["rms_revision"], d), "–"),
            (
                "Share of periods revised",
                f"{round(100 * stats['share_revised'])} %",
                f"{round(100 * stats['share_revised_next'])} %" if stats.get("share_revised_next") is not None else "–",
            ),
            ("Periods it rests on", str(n), str(stats.get("periods_next") or 0)),
        ],
        "largest": (
            f"The largest revision: {signed(stats['largest_revision'])} for {_words(stats['largest_period'], freq)}."
            if stats.get("largest_period")
            else ""
        ),
    }
    return out


def first_vs_newest(rows: list[dict], s) -> dict | None:
    """A small chart of each period's first estimate and newest value (the newest
    :data:`MOVES_PERIODS` periods whose first estimate is on the site), or None with fewer than two."""
    every = [r for r in rows if r["first_estimate"]]
    firsts = every[-MOVES_PERIODS:]
    if len(firsts) < 2:
        return None
    lines = [
        linechart.Line("First estimate", FIRST, [(r["period"], r["first"]) for r in firsts], muted=True),
        linechart.Line("Newest value", linechart.concept(s.flow), [(r["period"], r["latest"]) for r in firsts]),
    ]
    label = (
        f"{s.title}: the first estimate (grey) and the newest value of each of the newest {len(firsts)} periods "
        "whose first estimate is on this site"
    )
    out: dict = {layout: linechart.svg(lines, s.key.frequency, layout, label) for layout in linechart.SIZES}
    out["shown"], out["total"] = len(firsts), len(every)
    return out


def render(
    sd: SeriesData,
    data: ExplorerData,
    siblings: list[dict],
    partner_url: str,
    topic_url: str,
    stats: dict | None = None,
    revision_rows: list[dict] | None = None,
    cite_html: str = "",
) -> Markup:
    """The page's content (HTML, every text escaped by the template)."""
    s = sd.series
    svgs = chart(sd)
    carriers = data.carriers(s)
    html = templating.render(
        "explorer_series.html.j2",
        s=s,
        sentence=sentence(sd, data),
        svg_wide=svgs["wide"],
        svg_narrow=svgs["narrow"],
        chart_from=svgs["from"],
        moves=revision_words(stats, s),
        moves_chart=first_vs_newest(revision_rows or [], s),
        revisions_url=f"../../{vintage_files.revisions_url(s.id)}",
        triangle_url=f"../../{vintage_files.triangle_url(s.id)}",
        cite=Markup(cite_html),
        coverage=coverage(sd, data),
        latest=latest_table(sd, data),
        revisions=revisions_table(sd, data),
        exhibits=[exhibit_name(e) for e in s.exhibits],
        siblings=siblings,
        first=_words(s.first, s.key.frequency),
        last=_words(s.last, s.key.frequency),
        json_url=f"../../{api.json_url(s.id)}",
        csv_url=f"../../{api.csv_url(s.id)}",
        vintages_url=f"../../{api.vintages_url(s.id)}",
        api_url="../../api/",
        partner_url=partner_url,
        topic_url=topic_url,
        releases=[{"id": r, "month": data.release_months[r]} for r in carriers],
        since=since(carriers, data),
    )
    return Markup(html)


def description(sd: SeriesData) -> str:
    return (
        f"{sd.series.title}: the newest value of every period, where the series stops and why, its revisions, "
        "and every value each release published (CSV, JSON)."
    )
