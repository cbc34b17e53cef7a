"""What later releases revised of the figures a page of an earlier release shows.

A figure on a page (a tidy row of one of its tables: a level of a series, :mod:`.series`) is
revised since when a later release printed another value for the same series and period, beyond
the two figures' precision (:func:`tradesite.report.vintages.differs`). Each later release that
printed a value other than the one known just before it *revised* the figure; the count per
release and the largest revision (latest value minus the page's, in the series' unit) make the
sentence an older page shows (:func:`sentence`), read at run time from a file each publish writes
(the page itself is never rebuilt).
"""

from __future__ import annotations

import math

import pandas as pd

from ..periods import label, month_year
from .frames import current
from .headline import SOURCES, headline
from .numbers import thousands
from .series import FREQUENCIES, SERIES_UNITS, decimals, key_of, what_of
from .vintages import differs

COLUMNS = [
    "series",
    "what",
    "period",
    "period_type",
    "unit",
    "value",
    "precision",
    "later_release",
    "later_value",
    "revision",
    "revised",
    "changed_by",
]
#: Units whose revisions are compared to find the largest (others only count).
DOLLARS = ("millions of dollars",)


def home_rows(view) -> pd.DataFrame:
    """The rows behind the release home's headline (its month and the month it is compared with)."""
    h = headline(view)
    if h is None:
        return pd.DataFrame()
    df = current(view.exhibit(h.exhibit))
    line = SOURCES[h.exhibit][1]
    return df[
        (df["line_item"] == line) & (df["period_type"] == "month") & df["period"].isin([h.period, h.compared_with])
    ]


def page_figures(rows: pd.DataFrame) -> pd.DataFrame:
    """The figures of a page that belong to a series, once each: ``series``, ``what``, ``period``,
    ``period_type``, ``unit`` (the series'), ``value`` and ``precision`` in that unit."""
    df = rows[
        (rows["measure"] == "level")
        & rows["value"].notna()
        & rows["period_type"].isin(list(FREQUENCIES))
        & (rows["vintage"] == "current")
    ]
    if df.empty:
        return pd.DataFrame(columns=["series", "what", "period", "period_type", "unit", "value", "precision"])
    cols = ["exhibit", "hierarchy", "flow", "basis", "seasonal_adjustment", "period_type", "unit"]
    keys = {tuple(r): key_of(dict(zip(cols, r))) for r in df[cols].drop_duplicates().itertuples(index=False)}
    key = [keys[tuple(r)] for r in df[cols].itertuples(index=False)]
    factor = df["unit"].map(lambda u: SERIES_UNITS.get(u, (u, 1.0))[1])
    places = decimals(df["value"]).groupby([df["source_file"], df["exhibit"], df["unit"]]).transform("max")
    out = pd.DataFrame(
        {
            "series": [k.id if k else None for k in key],
            "what": [what_of(k) if k else "" for k in key],
            "period": df["period"].to_numpy(),
            "period_type": df["period_type"].to_numpy(),
            "unit": [k.unit if k else "" for k in key],
            "value": (df["value"] * factor).to_numpy(),
            "precision": (factor * 10.0**-places).to_numpy(),
        }
    )
    return out[out["series"].notna()].drop_duplicates(["series", "period"]).reset_index(drop=True)


def revised(figures: pd.DataFrame, release: str, observations: pd.DataFrame) -> pd.DataFrame:
    """:data:`COLUMNS`, one row per figure of ``figures`` (:func:`page_figures`) shown by ``release``:
    the newest value a later release printed (``later_release``, ``later_value``; empty where none
    did), the ``revision`` to it, whether it is one (``revised``) and the later releases that
    changed the value known before them (``changed_by``, in order)."""
    if figures.empty:
        return pd.DataFrame(columns=COLUMNS)
    obs = observations[observations["release"] > release]
    obs = obs[obs["series"].isin(set(figures["series"]))]
    if "precision" not in obs:
        obs = obs.assign(precision=0.0)
    figs = figures.reset_index(drop=True).assign(fig=lambda d: d.index)
    later = (
        figs[["fig", "series", "period"]]
        .merge(obs[["series", "period", "release", "value", "precision"]], on=["series", "period"])
        .sort_values(["fig", "release"], kind="stable")
    )
    # each later value against the one printed before it (the page's own for the first)
    same_fig = later["fig"] == later["fig"].shift()
    base = figs.set_index("fig").loc[later["fig"], ["value", "precision"]].to_numpy()
    prev_v = later["value"].shift().where(same_fig, pd.Series(base[:, 0], index=later.index))
    prev_p = later["precision"].shift().where(same_fig, pd.Series(base[:, 1], index=later.index))
    later = later.assign(changed=differs(later["value"], later["precision"], prev_v, prev_p))
    changed = later[later["changed"]].groupby("fig")["release"].agg(list)
    last = later.groupby("fig").tail(1).set_index("fig")
    out = figs.assign(
        later_release=figs["fig"].map(last["release"]).astype(object).fillna(""),
        later_value=figs["fig"].map(last["value"]),
        later_precision=figs["fig"].map(last["precision"]),
    )
    has = out["later_value"].notna()
    is_rev = has & differs(
        out["later_value"].fillna(0), out["later_precision"].fillna(0), out["value"], out["precision"]
    )
    out["revised"] = is_rev & out["fig"].isin(changed.index)
    out["revision"] = (out["later_value"] - out["value"]).where(out["revised"], 0.0)
    out["changed_by"] = [changed.get(f, []) for f in out["fig"]]
    return out[COLUMNS]


def summary(rev: pd.DataFrame) -> dict:
    """What a page's notice says, as data: how many of its figures later releases revised, how many
    each release changed, and the largest revision (in dollars where the page has dollar figures)."""
    n = len(rev)
    hit = rev[rev["revised"].astype(bool)] if n else rev
    by: dict[str, int] = {}
    for releases in rev["changed_by"] if n else []:
        for r in releases:
            by[r] = by.get(r, 0) + 1
    out = {
        "figures": n,
        "revised": int(len(hit)),
        "by": sorted(by.items(), key=lambda kv: (-kv[1], kv[0])),
        "largest": None,
    }
    if len(hit):
        pool = hit[hit["unit"].isin(DOLLARS)]
        pool = pool if len(pool) else hit
        big = pool.loc[pool["revision"].abs().idxmax()]
        out["largest"] = {
            "what": big["what"],
            "period": label(big["period"], _ptype(big["period_type"])),
            "was": float(big["value"]),
            "now": float(big["later_value"]),
            "unit": big["unit"],
            "release": big["later_release"],
        }
    return out


def _ptype(period_type: str) -> str:
    return {"month": "month", "quarter": "quarter", "year": "year"}[period_type]


def sentence(s: dict, newest: str, chapter: bool = False) -> str:
    """'Later releases revised 14 of the 40 figures on this page (the December 2025 release 14,
    ...); the largest: Goods and services balance, March 2021, from -74,448 to -66,105 millions of
    dollars (the March 2025 release).' An empty string where nothing is to be said."""
    where = "in this chapter" if chapter else "on this page"
    if not s["figures"]:
        return ""
    if not s["revised"]:
        return (
            f"No release up to the {month_year(newest)} release revised the {s['figures']} figures {where}."
            if s["figures"] > 1
            else f"No release up to the {month_year(newest)} release revised the figure {where}."
        )
    parts = [f"the {month_year(r)} release {c}" for r, c in s["by"][:3]]
    more = len(s["by"]) - 3
    if more > 0:
        parts.append(f"{more} more release{'s' if more > 1 else ''}")
    if len(s["by"]) == 1:
        text = f"The {month_year(s['by'][0][0])} release revised {s['revised']} of the {s['figures']} figures {where}"
    else:
        text = f"Later releases revised {s['revised']} of the {s['figures']} figures {where} ({', '.join(parts)})"
    big = s["largest"]
    return (
        text + f"; the largest: {big['what']}, {big['period']}, from {thousands(big['was'])} to "
        f"{thousands(big['now'])} {big['unit']} (the {month_year(big['release'])} release)."
    )


# ---------------------------------------------------------------- the figures a version's pages show

#: File each version carries: its pages' figures, read when later releases are published.
FIGURES = "figures.json.gz"
_FIG_COLUMNS = ["series", "what", "period", "period_type", "unit", "value", "precision"]


def figures_file(pages: dict[str, pd.DataFrame]) -> bytes:
    """The figures of a version's pages (path -> :func:`page_figures`), compact and gzipped (fixed
    timestamp: the same pages give the same bytes). A version is never rebuilt; a later publish
    reads this to say what later releases revised, without building the old release again."""
    import gzip
    import json

    doc = {
        path: [
            [None if isinstance(v, float) and math.isnan(v) else v for v in row]
            for row in df[_FIG_COLUMNS].itertuples(index=False, name=None)
        ]
        for path, df in sorted(pages.items())
        if not df.empty
    }
    text = json.dumps({"columns": _FIG_COLUMNS, "pages": doc}, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), mtime=0)


def read_figures(data: bytes, where: str) -> dict[str, pd.DataFrame]:
    """:func:`figures_file` read back (``where`` names the file in an error)."""
    import gzip
    import json

    try:
        doc = json.loads(gzip.decompress(data).decode("utf-8"))
        cols, pages = doc["columns"], doc["pages"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(
            f"{where}: not a figures file as the site build writes it ({exc}); rebuild the version"
        ) from None
    return {path: pd.DataFrame(rows, columns=cols) for path, rows in pages.items()}
