"""The simulated archive's calendar: release ids, the common monthly multiplier, revisions.

Every simulated figure is ``reference value of its series × multiplier of its month ×
revision factor of that month in that release`` (:mod:`.truth`), with quarters, years, years
to date and three-month averages the sums (averages) of their months. This module holds the
parts that do not depend on the series, so that one multiplier is common to every series
(identities among series hold by construction) and one revision history is common to every
file of a release (cross-file checks hold by construction):

* release ``k`` (1 … N) is the statistical month ``start + k - 1`` (default start
  :data:`START`, the month after the newest bundled release, 2026-01);
* :func:`multiplier`: a trend of 3.5 % a year (1.0 in :data:`PIVOT`, 2025-03, the month of the
  reference snapshot) times a small wave; not seasonally adjusted series also take a seasonal
  factor, scaled so that each calendar year sums to the same as seasonally adjusted;
* :func:`revised_months`: release ``k`` revises its previous month (always) and, in an annual
  revision release (June, as BEA's and Census's annual revisions come with the spring
  releases), every month from January three years back through its previous month;
* :func:`revision_factor`: each revision multiplies that month by a factor within ±0.8 %,
  drawn from a hash of (month, release): the same in every run, every file and every series.
  A month not seasonally adjusted is revised by the same amount as adjusted (``reference ×
  multiplier × (revision − 1)`` added: :func:`..truth.period_factor`), so its year stays the
  adjusted year's figure in every release.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from functools import cache

from ..periods import MONTH_NAMES as MONTH_NAMES  # re-exported: the simulation's modules read cal.MONTH_NAMES

#: the first simulated release, by default: the month after the newest bundled release
START = "2026-02"
#: the month whose multiplier is 1: the reference snapshot's (trad0325.pdf, March 2025)
PIVOT = "2025-03"
#: statistical month of a release's annual revision
ANNUAL_REVISION_MONTH = 6
#: years back an annual revision reaches (January of year - 3 through the previous month)
ANNUAL_REVISION_YEARS = 3


#: the abbreviations Census prints in 'Jan. - Aug.' (the readers accept each)
ABBREVIATIONS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def index(month: str) -> int:
    """'2025-03' -> a month count (year * 12 + month - 1)."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_of(i: int) -> str:
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def add(month: str, n: int) -> str:
    return month_of(index(month) + n)


def release_id(k: int, start: str = START) -> str:
    """Simulated release k (1-based) -> its statistical month."""
    if k < 1:
        raise ValueError(f"simulated release numbers start at 1, got {k}")
    return add(start, k - 1)


def release_number(release: str, start: str = START) -> int:
    return index(release) - index(start) + 1


def _unit(*key: object) -> float:
    """A number in [0, 1) from a hash of the key: the same on every machine and run."""
    h = hashlib.blake2b("|".join(map(str, key)).encode(), digest_size=8).digest()
    return int.from_bytes(h, "big") / 2**64


def _trend(month: str) -> float:
    t = index(month) - index(PIVOT)
    return (1.0 + 0.012 * math.sin(t * 0.7) + 0.008 * math.sin(t * 0.23 + 1.0)) * math.exp(0.035 * t / 12)


def _season(month: str) -> float:
    return 1.0 + 0.06 * math.cos(2 * math.pi * (int(month[5:7]) - 1) / 12 + 0.8)


@cache
def multiplier(month: str, seasonal: bool) -> float:
    """The factor common to every series for one month (seasonal: not seasonally adjusted).
    A calendar year's seasonal multipliers sum to its adjusted ones exactly (the seasonal factors
    are scaled per year), so a year not seasonally adjusted is the same figure as the year
    adjusted, as the files print them (exhibit 12's annual goods = BEA's Table 1)."""
    m = _trend(month)
    if seasonal:
        year = [f"{month[:4]}-{i:02d}" for i in range(1, 13)]
        scale = sum(_trend(x) for x in year) / sum(_trend(x) * _season(x) for x in year)
        m *= _season(month) * scale
    return m


def revised_months(k: int, start: str = START) -> set[str]:
    """The months simulated release k revises (see the module docstring)."""
    release = release_id(k, start)
    previous = add(release, -1)
    if int(release[5:7]) != ANNUAL_REVISION_MONTH:
        return {previous}
    first = f"{int(release[:4]) - ANNUAL_REVISION_YEARS}-01"
    return {month_of(i) for i in range(index(first), index(release))}


def is_annual_revision(k: int, start: str = START) -> bool:
    return int(release_id(k, start)[5:7]) == ANNUAL_REVISION_MONTH


@cache
def revision_factor(month: str, k: int, start: str = START) -> float:
    """The product of the revisions of ``month`` by simulated releases 1 … k (1 before any)."""
    f = 1.0
    first = max(1, index(month) - index(start) + 2)  # a month is first revised the release after its own
    for j in range(first, k + 1):
        if month in revised_months(j, start):
            f *= 1.0 + 0.016 * (_unit("revision", month, j) - 0.5)
    return f


def months_of(period: str, period_type: str) -> list[str]:
    """The months a period sums (or averages): '2025' -> its 12, '2025-Q2' -> 3, YTD '2025-03' -> 3."""
    if period_type == "month":
        return [period]
    if period_type == "year":
        return [f"{period}-{m:02d}" for m in range(1, 13)]
    if period_type == "quarter":
        q = int(period[-1])
        return [f"{period[:4]}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]
    if period_type == "year_to_date":
        return [f"{period[:4]}-{m:02d}" for m in range(1, int(period[5:7]) + 1)]
    if period_type == "three_month_average":
        return [add(period, -2), add(period, -1), period]
    raise ValueError(f"unknown period type {period_type!r}")


def period_end(period: str, period_type: str) -> str:
    return months_of(period, period_type)[-1]


def latest_quarter(release: str, lag: int) -> str:
    """The newest quarter a table prints: the last one ending at least ``lag`` months before
    the release's month (Census exhibit 19: 0; BEA's countries workbook: 1; exhibit 20: 2)."""
    last = index(release) - lag
    end = last - (last % 12 + 1) % 3  # the last month of a quarter at or before `last`
    month = month_of(end)
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def add_quarters(quarter: str, n: int) -> str:
    i = int(quarter[:4]) * 4 + int(quarter[-1]) - 1 + n
    return f"{i // 4}-Q{i % 4 + 1}"


def quarter_name(quarter: str) -> str:
    """'2020-Q2' -> 'Second Quarter 2020' (as Census heads its columns)."""
    return f"{['First', 'Second', 'Third', 'Fourth'][int(quarter[-1]) - 1]} Quarter {quarter[:4]}"


def published(release: str) -> dt.date:
    """A simulated publication date: the first Thursday on or after the 4th of the second month
    after the statistical month (the real ones come about 35 days after the month ends)."""
    month = add(release, 2)
    day = dt.date(int(month[:4]), int(month[5:7]), 4)
    return day + dt.timedelta(days=(3 - day.weekday()) % 7)


def first_printed(period: str, period_type: str, lag: int = 0) -> str:
    """The release month in which a period is first printed (``lag``: quarters of exh20/geo)."""
    return add(period_end(period, period_type), lag)


def status_revised(period: str, period_type: str, k: int, start: str = START, lag: int = 0) -> bool:
    """Does simulated release k mark this period revised ('(R)')? A month when the release
    revises it; a sum or average when one of its months is revised and it was printed before."""
    release = release_id(k, start)
    if index(first_printed(period, period_type, lag)) >= index(release):
        return False
    return bool(revised_months(k, start) & set(months_of(period, period_type)))


def source_url(release: str, file: str) -> str:
    """Where the official file of that name would be for ``release`` (the ingest's rule): a simulated
    release is marked simulated on its pages, and its sources still carry an https address, as
    release.json requires."""
    from ..sources import url_for

    return url_for(release, file, published(release).isoformat()) or f"https://www.census.gov/foreign-trade/{file}"
