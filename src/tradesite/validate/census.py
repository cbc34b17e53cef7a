"""Accounting identities of the Census exhibit tables (``exh*``), checked before writing.

Tolerance: the files round every figure to the unit shown, so an identity among n printed
figures (a total and its n-1 parts) may be off by up to n × 0.5 units; every message
says which tolerance it used. Checked:

* balance = exports − imports, for every line item and period printed with all three flows;
* balance-of-payments basis = Census basis + net adjustments (exh5/6/7/8/9/12/13/14/14a);
* parts sum to their parent where the exhibit's hierarchy is a partition (:data:`PARTITIONS`):
  total = goods + services (exh1/2), total services = its categories (exh3/4), Census
  total = end-use categories (exh6/13; exh7/8 categories and their commodities);
* months sum to the year ("Jan. - Dec.") and to the year to date ("Jan. - Aug.").

Not checked, because the official data do not satisfy them (see :data:`NOT_ADDITIVE`):
seasonally adjusted months do not sum to the annual/year-to-date totals exactly (seasonal
factors are not constrained to the annual total); chained-dollar components do not add
(hence the "Residual" column); country/area groupings overlap (European Union within
Europe, OECD, NATO, APEC), so only "Total" lines with a true partition are checked.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..schema import HIERARCHY_SEP
from . import sum_problem, within

#: row identity apart from the flow / hierarchy position
SERIES = ["basis", "seasonal_adjustment", "unit", "period", "period_type", "measure", "vintage"]


def census_tables(tables: dict[str, pd.DataFrame]) -> Iterable[tuple[str, pd.DataFrame]]:
    for table_id, df in sorted(tables.items()):
        if table_id.startswith("exh") and len(df):
            yield table_id, df[df["value"].notna()]


def tolerance(n_figures: int) -> float:
    """n printed figures, each rounded to the unit: off by at most n × 0.5."""
    return 0.5 * n_figures


def where(row: pd.Series) -> str:
    return f"{row['source_file']}, exhibit {row['exhibit']}, {row['location']}"


def check_balance(tables, release) -> Iterable[str]:
    """balance = exports − imports for each line item and period."""
    for _, df in census_tables(tables):
        keys = ["line_item", "hierarchy", *SERIES]
        for _, g in df.groupby(keys, sort=False):
            flows = {f: r for f, r in zip(g["flow"], g.to_dict("records"))}
            if not {"balance", "exports", "imports"} <= flows.keys():
                continue
            b, e, i = flows["balance"], flows["exports"], flows["imports"]
            expected = e["value"] - i["value"]
            tol = tolerance(3)
            if not within(b["value"], expected, tol):
                yield sum_problem(where(pd.Series(b)), f"balance of {b['line_item']!r} {b['period']} = exports − imports",
                                  expected, b["value"], tol)


CHECKS = [check_balance]
