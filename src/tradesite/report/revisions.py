"""Revisions and vintages: how the published figure of one month changed from release to release.

Two ways to see what a release revised, both from the official files only:

* its own "as published last month" rows (:func:`own`): the exhibit prints the previous
  month as the previous release had it, beside the revised figure;
* against the previous bundled release carrying the same exhibit (:func:`between`):
  every value of the same line item, flow, basis, adjustment, unit and period that moved
  (BEA's time-series workbooks carry every month since 1992, so consecutive workbooks show
  each month and services category a release revised).

A vintage is the value of one month as one release published it (:func:`vintages`).
Only releases up to the one being built are used: a published version of the site never
changes when later releases arrive.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import paths, periods
from ..releases import Release, bundled
from ..schema import FIGURE
from .vocabulary import FLOWS, PART_HIERARCHY, PARTS

#: Where in the report a value stands: a revisions frame's first columns, in this order.
_WHERE = ["exhibit", "hierarchy", "line_item"]
#: A value's identity across vintages and releases: the columns that name one figure
#: (schema.FIGURE) but its vintage; where it stands first, the rest in the schema's order.
KEY = _WHERE + [c for c in FIGURE if c not in _WHERE and c != "vintage"]

#: The columns of a revisions frame: the key, the earlier and the later figure, and where each is.
COLUMNS = KEY + [
    "level",
    "earlier_release",
    "earlier_source",
    "earlier_location",
    "earlier",
    "later_release",
    "later_source",
    "later_location",
    "later",
    "revision",
    "how",
]

OWN = "as published last month"
PREVIOUS = "previous bundled release"

#: Exhibits that carry exhibit 1's series (balance, exports, imports x Total, Goods, Services;
#: seasonally adjusted, balance of payments basis), in the order a release's own is preferred.
EXHIBIT_1 = ("1", "bea-ts-1", "headlines")


@lru_cache(maxsize=64)
def _load(release: str, data_dir: Path) -> Release:
    return Release.load(release, data_dir)


def load(release: str, data_dir: Path | None = None) -> Release:
    """A committed release, loaded once per process (the site builds many chapters from it)."""
    return _load(release, Path(data_dir or paths.DATA))


def _levels(df: pd.DataFrame) -> pd.DataFrame:
    return df[(df["measure"] == "level") & df["value"].notna()]


#: What a comparison reads of a row besides its key.
_COMPARED = ["level", "source_file", "location", "value"]


def _moved(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The rows of the same key in ``old`` and ``new`` whose value moved (suffixes _old, _new).
    Joined on one hash of the key's ten columns (a join on ten text columns is the slow part of
    a build), only the columns compared, only what moved kept (as :func:`_finish` would); a
    moved row's key is checked against ``new``'s, so a hash collision cannot pair two keys."""
    a = old[KEY + _COMPARED].assign(_key=pd.util.hash_pandas_object(old[KEY], index=False).to_numpy())
    b = new[_COMPARED].assign(_key=pd.util.hash_pandas_object(new[KEY], index=False).to_numpy(), _row=new.index)
    m = a.merge(b, on="_key", suffixes=("_old", "_new"))
    m = m[(m["value_new"] - m["value_old"]).round(6) != 0]
    mine, theirs = new.loc[m["_row"], KEY].to_numpy(), m[KEY].to_numpy()
    if not ((mine == theirs) | (pd.isna(mine) & pd.isna(theirs))).all():
        raise ValueError("revisions: two different keys share a hash; compare them column by column")
    return m.drop(columns=["_key", "_row"]).reset_index(drop=True)


def _rows(m: pd.DataFrame, earlier: str, of_earlier: str, later: str, how: str) -> pd.DataFrame:
    """The moved values ``m`` (:func:`_moved`) as a revisions frame's rows: from release ``earlier``,
    its file named with ``of_earlier`` after it, to release ``later``; ``how`` the earlier figure
    was found (:data:`OWN`, :data:`PREVIOUS`)."""
    return pd.DataFrame(
        {
            **{k: m[k] for k in KEY},
            "level": m["level_new"],
            "earlier_release": earlier,
            "earlier_source": m["source_file_old"] + of_earlier,
            "earlier_location": m["location_old"],
            "earlier": m["value_old"],
            "later_release": later,
            "later_source": m["source_file_new"],
            "later_location": m["location_new"],
            "later": m["value_new"],
            "how": how,
        }
    )


def own(release: Release) -> pd.DataFrame:
    """The release's revisions of last month, from its "as published last month" rows."""
    frames = []
    for exhibit in release.exhibits():
        df = _levels(release.exhibit(exhibit))
        old = df[df["vintage"] == "as_published_last_month"]
        if old.empty:
            continue
        new = df[df["vintage"] == "current"]
        frames.append(
            _rows(_moved(old, new), periods.previous(release.id), f" of {release.id} ({OWN})", release.id, OWN)
        )
    return _finish(frames)


def between(earlier: Release, later: Release, exhibits: list[str] | None = None) -> pd.DataFrame:
    """Values of the same exhibits that moved from ``earlier`` to ``later`` (current vintages)."""
    frames = []
    for exhibit in exhibits or sorted(set(earlier.exhibits()) & set(later.exhibits())):
        a, b = (_levels(r.exhibit(exhibit)) for r in (earlier, later))
        a, b = a[a["vintage"] == "current"], b[b["vintage"] == "current"]
        frames.append(_rows(_moved(a, b), earlier.id, f" of {earlier.id}", later.id, PREVIOUS))
    return _finish(frames)


def _finish(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Keep the values that moved; revision = later - earlier, in the file's unit."""
    if not frames or all(f.empty for f in frames):
        return pd.DataFrame(columns=COLUMNS)
    df = pd.concat([f for f in frames if not f.empty], ignore_index=True)
    df["revision"] = (df["later"] - df["earlier"]).round(6)
    return df[df["revision"] != 0][COLUMNS].reset_index(drop=True)


def previous_with(release: Release, exhibit: str, data_dir: Path | None = None) -> Release | None:
    """The newest bundled release before ``release`` that carries ``exhibit``."""
    for rid in reversed([r for r in bundled(data_dir) if r < release.id]):
        r = load(rid, data_dir)
        if r.has(exhibit):
            return r
    return None


def revisions(release: Release, data_dir: Path | None = None) -> pd.DataFrame:
    """Everything the release revised: its own "as published last month" rows, then every
    moved value against the previous bundled release of each exhibit (a value already
    shown by the release's own rows is not repeated)."""
    parts = [own(release)]
    by_previous: dict[str, list[str]] = {}
    for exhibit in release.exhibits():
        prev = previous_with(release, exhibit, data_dir)
        if prev is not None:
            by_previous.setdefault(prev.id, []).append(exhibit)
    for rid, exhibits in sorted(by_previous.items()):
        parts.append(between(load(rid, data_dir), release, exhibits))
    df = (
        pd.concat([p for p in parts if not p.empty], ignore_index=True)
        if any(not p.empty for p in parts)
        else pd.DataFrame(columns=COLUMNS)
    )
    df = df.drop_duplicates(subset=KEY + ["earlier_release"], keep="first")
    return df.sort_values(
        ["exhibit", "flow", "hierarchy", "period_type", "period", "earlier_release"], kind="stable"
    ).reset_index(drop=True)


def marked_revised(release: Release) -> pd.DataFrame:
    """Periods the release's files mark revised ("(R)"), per exhibit and source file: what a
    release revised even when the earlier figures are not bundled. Columns: exhibit,
    source_file, period_type, period."""
    frames = []
    for exhibit in release.exhibits():
        df = release.exhibit(exhibit)
        marked = df[(df["vintage"] == "current") & df["status"].str.split(";").map(lambda s: "R" in s)]
        frames.append(marked[["exhibit", "source_file", "period_type", "period"]].drop_duplicates())
    if not frames:
        return pd.DataFrame(columns=["exhibit", "source_file", "period_type", "period"])
    return pd.concat(frames, ignore_index=True).sort_values(["exhibit", "period_type", "period"]).reset_index(drop=True)


# ------------------------------------------------------------------------- vintages


def exhibit_1(release: Release) -> pd.DataFrame | None:
    """The release's exhibit-1 series (monthly levels, seasonally adjusted, BOP basis); a month
    several of its files carry comes from the first of :data:`EXHIBIT_1` (the release PDF's
    exhibit 1 covers two years, BEA's Table 1 of the same release every month since 1992).
    None when the release carries none."""
    frames = []
    for exhibit in EXHIBIT_1:
        if release.has(exhibit):
            df = _levels(release.exhibit(exhibit))
            frames.append(
                df[
                    (df["period_type"] == "month")
                    & (df["seasonal_adjustment"] == "seasonally_adjusted")
                    & (df["basis"] == "balance_of_payments")
                    & df["line_item"].isin(PARTS)
                    & df["hierarchy"].isin(list(PART_HIERARCHY.values()))
                    & df["flow"].isin(FLOWS)
                ]
            )
    if not frames or all(f.empty for f in frames):
        return None
    return pd.concat(frames, ignore_index=True).drop_duplicates(["period", "flow", "line_item", "vintage"])


VINTAGE_COLUMNS = [
    "period",
    "flow",
    "line_item",
    "release",
    "source_file",
    "location",
    "via",
    "unit",
    "value",
    "billions",
]


@lru_cache(maxsize=8)
def _published(data_dir: Path) -> pd.DataFrame:
    """Every exhibit-1 value every committed release's files print, with the release whose files
    print it (``filed_in``) and the release that published it (``release``: the previous one for
    an "as published last month" row). Read once; :func:`vintages` picks the releases it may use."""
    rows = []
    for rid in bundled(data_dir):
        df = exhibit_1(load(rid, data_dir))
        if df is None:
            continue
        for vintage, group in df.groupby("vintage"):
            own_row = vintage == "current"
            rows.append(
                pd.DataFrame(
                    {
                        "period": group["period"],
                        "flow": group["flow"],
                        "line_item": group["line_item"],
                        "release": rid if own_row else periods.previous(rid),
                        "source_file": group["source_file"] + ("" if own_row else f" of {rid}"),
                        "location": group["location"],
                        "via": "" if own_row else OWN,
                        "unit": group["unit"],
                        "value": group["value"],
                        "filed_in": rid,
                    }
                )
            )
    if not rows:
        return pd.DataFrame(columns=VINTAGE_COLUMNS + ["filed_in"])
    df = pd.concat(rows, ignore_index=True)
    df["billions"] = df["value"].where(df["unit"] != "millions of dollars", df["value"] / 1000)
    return df


@lru_cache(maxsize=8)
def first_with_two_vintages(data_dir: Path | None = None) -> str | None:
    """The first release up to which some month of exhibit 1 has two vintages (two releases
    published it), None if none: what :func:`vintages` of each release would tell, in one pass
    (asking it of every release of a site of 120 releases read the whole table 120 times)."""
    df = _published(Path(data_dir or paths.DATA))
    if df.empty:
        return None
    # when each vintage is first on the site; a month has two once its second vintage is
    filed = df.groupby(["period", "release"])["filed_in"].min().reset_index().sort_values(["period", "filed_in"])
    second = filed.groupby("period")["filed_in"].nth(1)
    return None if second.empty else str(second.min())


def vintages(up_to: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Every published value of exhibit 1's series for every month, one row per
    (month, series, release that published it), from the bundled releases up to ``up_to``.

    Columns: period, flow, line_item, release (the release that published the value),
    source_file, location, via ("" or "as published last month" in the next release's
    file, when that release is not bundled itself), unit, value, billions.
    """
    df = _published(Path(data_dir or paths.DATA))
    df = df[df["filed_in"] <= up_to]
    if df.empty:
        return pd.DataFrame(columns=VINTAGE_COLUMNS)
    # a release's own file wins over its restatement as "last month" in the next one
    df = df.sort_values("via", kind="stable").drop_duplicates(["period", "flow", "line_item", "release"])
    return df[VINTAGE_COLUMNS].sort_values(["period", "flow", "line_item", "release"]).reset_index(drop=True)
