"""Vintages stored once: each published value with the first and the last release it was the
latest word in (ALFRED's realtime_start / realtime_end), so that what is kept grows with the
revisions, not with releases × periods.

A release that does not print a period leaves the value known before it standing: the value
*as of* release R is the one whose ``first_release <= R`` and whose ``last_release`` is empty
(still current) or ``>= R``. Release ids are months ('2025-03'), so the release before the next
change point is simply the month before it.
"""

from __future__ import annotations

import pandas as pd

from .. import periods

#: Columns of :func:`change_points`.
COLUMNS = ["series", "period", "value", "first_release", "last_release", "status"]
#: Two published values closer than this are the same figure (floats read from CSV text).
SAME = 1e-9


def change_points(observations: pd.DataFrame) -> pd.DataFrame:
    """Every distinct published value of each series and period, in release order, from
    :attr:`tradesite.report.series.SeriesCatalog.observations` (one row per series, period and
    publishing release). ``last_release`` is "" for the value still current; ``status`` is
    'revised' for every value after the first one (or one the file marks revised)."""
    if observations.empty:
        return pd.DataFrame(columns=COLUMNS)
    obs = observations.sort_values(["series", "period", "release"], kind="stable").reset_index(drop=True)
    same_key = (obs["series"] == obs["series"].shift()) & (obs["period"] == obs["period"].shift())
    changed = ~same_key | ((obs["value"] - obs["value"].shift()).abs() > SAME)
    runs = obs[changed].reset_index(drop=True)
    nxt_same = (runs["series"] == runs["series"].shift(-1)) & (runs["period"] == runs["period"].shift(-1))
    following = runs["release"].shift(-1)
    last = [periods.previous(f) if s else "" for s, f in zip(nxt_same, following)]
    first_of_key = ~((runs["series"] == runs["series"].shift()) & (runs["period"] == runs["period"].shift()))
    status = ["unrevised" if f and st != "revised" else "revised" for f, st in zip(first_of_key, runs["status"])]
    return pd.DataFrame({
        "series": runs["series"], "period": runs["period"], "value": runs["value"],
        "first_release": runs["release"], "last_release": last, "status": status,
    })[COLUMNS]


def as_of(points: pd.DataFrame, release: str) -> pd.DataFrame:
    """The values known at ``release``: one row per series and period."""
    known = (points["first_release"] <= release) & ((points["last_release"] == "") | (points["last_release"] >= release))
    return points[known].reset_index(drop=True)
