"""Where the official files live on census.gov and bea.gov: the one place for URL patterns.

Census publishes each month's FT-900 under a folder named by the statistical
month: ``https://www.census.gov/foreign-trade/Press-Release/2021pr/08/`` holds
``exh1.xlsx`` ... ``exh20b.xlsx`` (and ``ft900xlsx.zip`` with all of them).

BEA publishes the release PDF and its workbooks under a folder named by the
month of *publication*: ``https://www.bea.gov/sites/default/files/2025-05/trad0325.pdf``
(the March 2025 report, published May 2025).

Override the hosts with ``TRADESITE_CENSUS_BASE`` / ``TRADESITE_BEA_BASE``
(the fetcher's tests point them at a local server).
"""

from __future__ import annotations

import os
import re

CENSUS_BASE = "https://www.census.gov/foreign-trade/Press-Release"
BEA_BASE = "https://www.bea.gov/sites/default/files"

#: The Census exhibit workbooks of a complete release (Census's ft900xlsx.zip).
CENSUS_EXHIBITS = [
    "exh1", "exh1s", "exh2", "exh2s", "exh2as", "exh3", "exh3s", "exh4", "exh4s", "exh4as",
    "exh5", "exh6", "exh7", "exh8", "exh9", "exh10", "exh11", "exh12", "exh13", "exh14",
    "exh14a", "exh15", "exh16", "exh16a", "exh17", "exh17a", "exh18", "exh19", "exh20",
    "exh20a", "exh20b",
]


def census_base() -> str:
    return os.environ.get("TRADESITE_CENSUS_BASE", CENSUS_BASE).rstrip("/")


def bea_base() -> str:
    return os.environ.get("TRADESITE_BEA_BASE", BEA_BASE).rstrip("/")


def mmyy(release: str) -> str:
    """'2025-03' -> '0325', as BEA names its files."""
    year, month = release.split("-")
    return f"{month}{year[2:]}"


def census_url(release: str, filename: str) -> str:
    year, month = release.split("-")
    return f"{census_base()}/{year}pr/{month}/{filename}"


def bea_url(published_month: str, filename: str) -> str:
    """``published_month`` is 'YYYY-MM' of the publication date, not the statistical month."""
    return f"{bea_base()}/{published_month}/{filename}"


def kind_of(filename: str) -> str | None:
    """Which reader a file needs, from its official name; None for an unknown file."""
    name = filename.lower()
    if re.fullmatch(r"exh\d+[a-z]*\.xlsx", name):
        return "census_exhibit"
    if re.fullmatch(r"trad\d{4}\.pdf", name):
        return "ft900_pdf"
    if re.fullmatch(r"trad-time-series-\d{4}\.xlsx", name):
        return "bea_timeseries"
    if re.fullmatch(r"trad-geo-time-series-\d{4}\.xlsx", name):
        return "bea_geo"
    if name == "headlines.csv":
        return "transcribed"
    return None


def url_for(release: str, filename: str, published: str | None) -> str | None:
    """The official URL of a file of a release (None where it cannot be known)."""
    kind = kind_of(filename)
    if kind == "census_exhibit":
        return census_url(release, filename)
    if kind in ("ft900_pdf", "bea_timeseries", "bea_geo") and published:
        return bea_url(published[:7], filename)
    return None
