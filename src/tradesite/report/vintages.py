"""Vintages stored once: each published value with the first and the last release it was the
latest word in (ALFRED's realtime_start / realtime_end), so that what is kept grows with the
revisions, not with releases × periods.

A release that does not print a period leaves the value known before it standing: the value
*as of* release R is the one whose ``first_release <= R`` and whose ``last_release`` is empty
(still current) or ``>= R``. Release ids are months ('2025-03'), so the release before the next
change point is simply the month before it.

Figures are compared at the precision they were printed with (``precision``: the step of the
last digit, in the series' unit). Two figures are the same when they are closer than half of the
two steps together: the release page's "$98.4 billion" (a step of 100 million) and exhibit 1's
-98,432 million say the same; -98,460 million is a revision (it rounds to $98.5 billion). A more
precise figure that says the same as a coarser one before it is a new change point (the value
known from then on is the precise one) but not a revision: its status stays 'unrevised'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import periods
from .frames import plain_rows

#: Columns of :func:`change_points`; the figure as printed and its precision follow them
#: (:data:`EXTRA`) when the observations have them.
COLUMNS = ["series", "period", "value", "first_release", "last_release", "status"]
EXTRA = ["precision", "published_value", "published_unit"]
#: Two published values closer than this are the same figure (floats read from CSV text).
SAME = 1e-9


def differs(a, precision_a, b, precision_b):
    """Whether figure ``a`` (printed to a step of ``precision_a``) and ``b`` say different things:
    they are at least half of their two steps together apart (two whole millions 1 apart differ;
    $98.4 billion and -98,432 million do not). Works on numbers and on columns alike."""
    return (
        np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float))
        > (np.asarray(precision_a, dtype=float) + np.asarray(precision_b, dtype=float)) / 2 - SAME
    )


def differs_one(a: float, precision_a: float, b: float, precision_b: float) -> bool:
    """:func:`differs` for two plain numbers (fast in a loop)."""
    return abs(a - b) > (precision_a + precision_b) / 2 - SAME


def _with_precision(observations: pd.DataFrame) -> pd.DataFrame:
    """Observations without a precision are exact as written (tests, figures made up)."""
    obs = observations
    if "precision" not in obs:
        obs = obs.assign(precision=0.0)
    if "published_value" not in obs:
        obs = obs.assign(published_value=obs["value"])
    if "published_unit" not in obs:
        obs = obs.assign(published_unit="")
    return obs


def change_points(observations: pd.DataFrame) -> pd.DataFrame:
    """Every distinct published value of each series and period, in release order, from
    :attr:`tradesite.report.series.SeriesCatalog.observations` (one row per series, period and
    publishing release). ``last_release`` is "" for the value still current; ``status`` is
    'revised' for a value that differs from the one before it (or one the file marks revised),
    'unrevised' for the first and for a more precise restatement of the same figure. Columns
    :data:`COLUMNS`, then :data:`EXTRA` (the figure as printed that starts each point)."""
    if observations.empty:
        return pd.DataFrame(columns=COLUMNS + EXTRA)
    obs = _with_precision(observations).sort_values(["series", "period", "release"], kind="stable")
    out: list[list] = []
    run_key = None
    run_value = run_precision = 0.0
    for series, period, value, release, status, precision, published, unit in plain_rows(
        obs, ["series", "period", "value", "release", "status", "precision", "published_value", "published_unit"]
    ):
        key = (series, period)
        if key != run_key:
            # the first value held is 'revised' only where its file marks it so (R)
            out.append(
                [
                    series,
                    period,
                    value,
                    release,
                    "",
                    "revised" if status == "revised" else "unrevised",
                    precision,
                    published,
                    unit,
                ]
            )
            run_key, run_value, run_precision = key, value, precision
            continue
        revised = differs_one(value, precision, run_value, run_precision)
        if revised or precision < run_precision:
            out[-1][4] = periods.previous(release)
            out.append(
                [series, period, value, release, "", "revised" if revised else "unrevised", precision, published, unit]
            )
            run_value, run_precision = value, precision
    return pd.DataFrame(out, columns=COLUMNS + EXTRA)


def as_of(points: pd.DataFrame, release: str) -> pd.DataFrame:
    """The values known at ``release``: one row per series and period."""
    known = (points["first_release"] <= release) & (
        (points["last_release"] == "") | (points["last_release"] >= release)
    )
    return points[known].reset_index(drop=True)
