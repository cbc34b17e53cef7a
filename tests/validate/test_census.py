"""Accounting identities of the Census exhibit tables, on the official workbooks.

The bundled releases satisfy every check; a single figure moved by more than the
release's rounding makes the check name that figure's cell.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pytest

from tests import official
from tradesite import paths
from tradesite.validate import census

CENSUS_RELEASES = ["2021-03", "2021-05", "2021-08", "2021-09", "2021-12", "2022-02", "2025-11", "2025-12", "2026-01"]


@lru_cache(maxsize=None)
def tables(release: str) -> dict[str, pd.DataFrame]:
    out: dict[str, pd.DataFrame] = {}
    for path in sorted((paths.RAW / release).glob("exh*.xlsx")):
        out.update(official.read(release, path).tables)  # the reader's, read once per session
    return out


def altered(release: str, stem: str, location: str, delta: float) -> dict[str, pd.DataFrame]:
    """The release's tables with the value read at one cell moved by delta."""
    out = dict(tables(release))
    df = out[stem].copy()
    hit = df["location"] == location
    assert hit.sum() == 1
    df.loc[hit, "value"] += delta
    out[stem] = df
    return out


@pytest.mark.parametrize("release", CENSUS_RELEASES)
def test_bundled_releases_validate(release):
    for check in census.CHECKS:
        assert list(check(tables(release), release)) == [], check.__name__


def test_identities_hold_in_the_printed_figures():
    # exh1.xlsx row 46 (August 2021): goods -89414 + services 16162 = total -73252;
    # exports 213740 − imports 286991 = -73251, one off by rounding
    t = tables("2021-08")["exh1"]
    aug = t[(t["period"] == "2021-08") & (t["period_type"] == "month")].set_index(["flow", "line_item"])["value"]
    assert aug[("balance", "Goods")] + aug[("balance", "Services")] == aug[("balance", "Total")] == -73252
    assert aug[("exports", "Total")] - aug[("imports", "Total")] == -73251


def test_balance_check_names_the_cell_and_tolerance():
    # exh1.xlsx row 46: balance -73252 vs exports − imports -73251 (off by 1, rounding);
    # moved to -73250 it is still off by 1 only, moved to -73253 it is off by 2 > 1.5
    assert list(census.check_balance(altered("2021-08", "exh1", "sheet '1', row 46, column B", 2), "2021-08")) == []
    problems = list(census.check_balance(altered("2021-08", "exh1", "sheet '1', row 46, column B", -1), "2021-08"))
    assert len(problems) == 1
    assert problems[0].startswith("exh1.xlsx, exhibit 1, sheet '1', row 46, column B: balance of 'Total' 2021-08")
    assert "within 1.5" in problems[0]


def test_bop_basis_check():
    # exh12.xlsx row 46 column E: August 2021 exports net adjustments (568)
    problems = list(census.check_bop_basis(altered("2021-08", "exh12", "sheet '12', row 46, column E", 10), "2021-08"))
    assert len(problems) == 1
    assert problems[0].startswith("exh12.xlsx, exhibit 12, sheet '12', row 46, column D: exports 2021-08")


def test_parts_check():
    # exh7.xlsx row 99 column B: Computers, August 2021 (1377), a part of row 78 Capital goods
    problems = list(census.check_parts(altered("2021-08", "exh7", "sheet '7', row 99, column B", 50), "2021-08"))
    assert len(problems) == 1
    assert problems[0].startswith("exh7.xlsx, exhibit 7, sheet '7', row 78, column B: "
                                  "'Total, Census Basis › Capital goods, except automotive' (exports, 2021-08)")


def test_parts_check_skips_memo_lines():
    # exh14.xlsx row 35: Euro Area, a memo line within Europe (its members are in the EU line)
    assert list(census.check_parts(altered("2021-08", "exh14", "sheet '14', row 35, column B", 5000), "2021-08")) == []


def test_months_check():
    # exh12.xlsx row 40 column B: February 2021 balance; rows 38 (Jan. - Aug. 2021) must then differ
    problems = list(census.check_months(altered("2021-08", "exh12", "sheet '12', row 40, column B", 20), "2021-08"))
    assert len(problems) == 1
    assert problems[0].startswith("exh12.xlsx, exhibit 12, sheet '12', row 38, column B: "
                                  "'Total Balance of Payments Basis' balance 2021-08 (year_to_date) = sum of its 8 months")
    assert "within 4.5" in problems[0]


def test_months_check_covers_the_year():
    # exh1.xlsx of 2026-01, row 12: March 2024 exports; row 8 (Jan. - Dec. 2024) sums 12 months
    problems = list(census.check_months(altered("2026-01", "exh1", "sheet '1', row 12, column E", 10), "2026-01"))
    assert [p.split(":")[0] for p in problems] == ["exh1.xlsx, exhibit 1, sheet '1', row 8, column E"]


def test_same_figure_check():
    # exh7.xlsx row 8 column B: August 2021 exports, BOP basis (149691), as exh1.xlsx row 46 column F prints it
    problems = list(census.check_same_figure(altered("2021-08", "exh7", "sheet '7', row 8, column B", 1), "2021-08"))
    assert problems == ["exh7.xlsx, exhibit 7, sheet '7', row 8, column B: goods, balance of payments basis exports "
                        "2021-08 (month): expected 149,691 as exh1.xlsx, exhibit 1, sheet '1', row 46, column F "
                        "prints it (the same figure), found 149,692"]
