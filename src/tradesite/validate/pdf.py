"""Accounting identities of the tables read from the release PDF (``pdf-exh*``).

The PDF prints the Census exhibits, so the same identities hold, with the same tolerance
(an identity among n printed figures, each rounded to the unit shown, may be off by
n × 0.5 units; every message states the tolerance used): balance = exports − imports;
total = goods + services; balance of payments basis = Census basis + net adjustments;
end-use categories (and the chained-dollar residual) sum to the Census-basis total;
categories sum to their commodities, areas to their countries; months sum to the year
and the year to date. The rules are :mod:`.census`'s, run on the PDF's tables, so the two
files of one exhibit are held to one standard; the messages name the PDF and its page.

One exception, from the data: exhibit 14a's "Total Census Basis" is not the sum of its
areas (trad0325.pdf page 30: off by up to 255 million). Country detail of the year before
is not revised with the totals, and exhibit 14a, unlike exhibit 14, prints no "Timing
Adjustments" line to make up the difference. Its areas are still checked against their
countries.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from . import census

PREFIX = "pdf-"
#: exhibit -> the line whose parts do not sum to it (see the module docstring)
NOT_SUMS = {"14a": "Total Census Basis"}


def pdf_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The PDF's exhibit tables under the workbook reader's ids (``pdf-exh7`` -> ``exh7``)."""
    return {t[len(PREFIX) :]: df for t, df in tables.items() if t.startswith(PREFIX + "exh")}


def _without_not_sums(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    out = {}
    for table_id, df in tables.items():
        line = NOT_SUMS.get(table_id[len("exh") :])
        out[table_id] = df[df["hierarchy"] != line] if line else df
    return out


def _on_pdf(check):
    def run(tables: dict[str, pd.DataFrame], release: str) -> Iterable[str]:
        tables = pdf_tables(tables)
        if check is census.check_parts:
            tables = _without_not_sums(tables)
        return check(tables, release)

    run.__name__ = run.__qualname__ = check.__name__
    run.__doc__ = check.__doc__
    return run


CHECKS = [_on_pdf(check) for check in census.CHECKS]
