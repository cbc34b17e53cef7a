"""Where the official files live on census.gov and bea.gov: the one place for URL patterns.

Census (``census_url``) publishes each month's FT-900 under a folder named by the
*statistical* month, ``{CENSUS_BASE}/YYYYpr/MM/``:
``https://www.census.gov/foreign-trade/Press-Release/2021pr/08/exh1.xlsx`` ...
``exh20b.xlsx`` (all of them also as ``ft900xlsx.zip``); its archive serves older
years' workbooks in the old Excel format, ``exh1.xls`` (:func:`file_names`). The newest
release is also at ``.../Press-Release/current_press_release/`` (``exh1.xlsx``,
``ft900.pdf``), which we do not use: a fixed address per release is what makes a
download repeatable.

BEA (``bea_url``) files its uploads under a folder named by the month of
*publication*, ``{BEA_BASE}/YYYY-MM/``, with the statistical month in the file name as
MMYY: the March 2025 report (published 2025-05-06) is
``https://www.bea.gov/sites/default/files/2025-05/trad0325.pdf`` and
``.../2025-05/trad-time-series-0325.xlsx``; the January 2025 countries workbook
(published 2025-03-06) is ``.../2025-03/trad-geo-time-series-0125.xlsx``.
Publication comes about 35 days after the month ends, so the folder is usually two
months after the statistical month, rarely one, and three when a release was delayed
(the September 2025 report came out on 2025-12-11): :func:`bea_folders` lists the
candidates in the order the fetcher tries them.

The hosts are :class:`Hosts`: the official ones by default, others where a run's settings
say so (env ``TRADESITE_CENSUS_BASE`` / ``TRADESITE_BEA_BASE``, read by
:mod:`tradesite.settings`; the fetcher's tests point them at a local server).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import UsageError
from .periods import add_months

CENSUS_BASE = "https://www.census.gov/foreign-trade/Press-Release"
BEA_BASE = "https://www.bea.gov/sites/default/files"

#: The Census exhibit workbooks of a complete release (Census's ft900xlsx.zip).
CENSUS_EXHIBITS = [
    "exh1",
    "exh1s",
    "exh2",
    "exh2s",
    "exh2as",
    "exh3",
    "exh3s",
    "exh4",
    "exh4s",
    "exh4as",
    "exh5",
    "exh6",
    "exh7",
    "exh8",
    "exh9",
    "exh10",
    "exh11",
    "exh12",
    "exh13",
    "exh14",
    "exh14a",
    "exh15",
    "exh16",
    "exh16a",
    "exh17",
    "exh17a",
    "exh18",
    "exh19",
    "exh20",
    "exh20a",
    "exh20b",
]


@dataclass(frozen=True)
class Hosts:
    """The folders the official files are downloaded from (default: census.gov's and bea.gov's)."""

    census: str = CENSUS_BASE
    bea: str = BEA_BASE

    def checked(self) -> Hosts:
        """Both folders checked (:func:`check_base`), before any request is made."""
        return Hosts(
            check_base(self.census, "TRADESITE_CENSUS_BASE", CENSUS_BASE),
            check_base(self.bea, "TRADESITE_BEA_BASE", BEA_BASE),
        )


#: census.gov and bea.gov: the addresses a release.json records
OFFICIAL = Hosts()


def check_base(value: str, env: str, default: str) -> str:
    """A folder URL the setting named ``env`` gives: http(s), a host, no query; anything else
    is a setting given wrong (exit 2), said before any request is made."""
    try:
        parts = urlsplit(value) if value.isprintable() and not any(c.isspace() for c in value) else None
        ok = (
            parts is not None
            and parts.scheme in ("http", "https")
            and bool(parts.hostname)
            and parts.port != 0
            and not parts.query
            and not parts.fragment
        )
    except ValueError:  # a port that is not a number, a broken [IPv6] host
        ok = False
    if not ok:
        raise UsageError(
            f"{env}={value!r}: expected the http:// or https:// address of a folder, such as {default} "
            "(the default, when it is not set)"
        )
    return value.rstrip("/")


def mmyy(release: str) -> str:
    """'2025-03' -> '0325', as BEA names its files."""
    year, month = release.split("-")
    return f"{month}{year[2:]}"


def census_url(release: str, filename: str, hosts: Hosts = OFFICIAL) -> str:
    year, month = release.split("-")
    return f"{hosts.census.rstrip('/')}/{year}pr/{month}/{filename}"


def bea_url(published_month: str, filename: str, hosts: Hosts = OFFICIAL) -> str:
    """``published_month`` is 'YYYY-MM' of the publication date, not the statistical month."""
    return f"{hosts.bea.rstrip('/')}/{published_month}/{filename}"


#: Publication month minus statistical month, most likely first (see the module docstring).
BEA_LAGS = (2, 1, 3)


def bea_folders(release: str, published: str | None = None) -> list[str]:
    """BEA folders ('YYYY-MM') that may hold a release's files, in the order to try them:
    the known publication month first (when a release.json states it), then :data:`BEA_LAGS`."""
    folders = [published[:7]] if published else []
    for lag in BEA_LAGS:
        folder = add_months(release, lag)
        if folder not in folders:
            folders.append(folder)
    return folders


def census_files() -> list[str]:
    """The Census exhibit workbooks of a release (the same names every month)."""
    return [f"{stem}.xlsx" for stem in CENSUS_EXHIBITS]


def bea_files(release: str) -> list[str]:
    """The BEA files the fetcher downloads: the release PDF and the time-series workbook."""
    return [f"trad{mmyy(release)}.pdf", f"trad-time-series-{mmyy(release)}.xlsx"]


def release_files(release: str) -> list[str]:
    """Every official file the fetcher downloads for a release."""
    return census_files() + bea_files(release)


def file_names(filename: str) -> list[str]:
    """The names a file may be published under, to try in order: a Census exhibit workbook
    is ``exhN.xlsx``, or ``exhN.xls`` in Census's archive of older years."""
    if kind_of(filename) == "census_exhibit" and filename.lower().endswith(".xlsx"):
        return [filename, filename[:-1]]
    return [filename]


def candidate_urls(release: str, filename: str, published: str | None = None, hosts: Hosts = OFFICIAL) -> list[str]:
    """The URLs to try, in order, for one file of a release."""
    kind = kind_of(filename)
    if kind == "census_exhibit":
        return [census_url(release, filename, hosts)]
    if kind in ("ft900_pdf", "bea_timeseries", "bea_geo"):
        return [bea_url(folder, filename, hosts) for folder in bea_folders(release, published)]
    raise ValueError(f"{filename}: not an official file name the fetcher knows (exhN.xlsx, tradMMYY.pdf, ...)")


def kind_of(filename: str) -> str | None:
    """Which reader a file needs, from its official name; None for an unknown file."""
    name = filename.lower()
    if re.fullmatch(r"exh\d+[a-z]*\.xlsx?", name):
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
    """The official URL of a file of a release (None where it cannot be known): census.gov's
    or bea.gov's, whatever host a download came from (its sidecar says that)."""
    kind = kind_of(filename)
    if kind == "census_exhibit":
        return census_url(release, filename)
    if kind in ("ft900_pdf", "bea_timeseries", "bea_geo") and published:
        return bea_url(published[:7], filename)
    return None
