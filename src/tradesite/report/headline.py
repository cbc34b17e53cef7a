"""The one headline of a release: the month's balance, exports and imports, and what they
are compared with (the release home's boxes, the overview's summary, the feed, the list of
releases all read it from here).

Where it comes from, best first: exhibit 1 (goods and services, seasonally adjusted, against
the previous month); the headline figures transcribed from the release page; BEA's time
series Table 1 (the same totals); exhibit 12 (goods only, not seasonally adjusted, against the
same month a year earlier, as the release compares unadjusted figures).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import periods
from .frames import current, is_revised, pick
from .numbers import in_millions, money
from .words import balance_kind

#: exhibit -> (what its balance is called, the line, compared with the previous month or a year earlier)
SOURCES = {
    "1": ("Goods and services balance", "Total", "previous month"),
    "headlines": ("Goods and services balance", "Total", "previous month"),
    "bea-ts-1": ("Goods and services balance", "Total", "previous month"),
    "12": ("Goods balance, not seasonally adjusted", "Total Balance of Payments Basis", "year ago"),
}


@dataclass
class Headline:
    """The release month's top lines in millions of dollars (balances negative for deficits)."""

    exhibit: str
    label: str
    period: str
    compared_with: str  # the period the change is measured from
    comparison: str  # "previous month" or "year ago"
    now: dict[str, float] = field(default_factory=dict)  # flow -> millions
    before: dict[str, float] = field(default_factory=dict)  # flow -> millions, where the file has it
    revised: bool = False  # the compared period is marked revised (R)
    source_file: str = ""
    location: str = ""
    seasonally_adjusted: bool = True
    transcribed: bool = False
    #: the release page states changes and percent changes it does not derive from a printed
    #: earlier level (transcribed headlines): flow -> millions, flow -> percent
    stated_change: dict[str, float] = field(default_factory=dict)
    stated_percent: dict[str, float] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """'exh1.xlsx, sheet '1', row 48, column B' (where the month's balance is printed)."""
        return f"{self.source_file}, {self.location}"

    def change(self, flow: str) -> float:
        return self.now[flow] - self.before[flow]

    def magnitude_change(self, flow: str) -> float:
        """The change as words mean it: a balance's is its magnitude's (a bigger deficit is up)."""
        if flow == "balance":
            return abs(self.now[flow]) - abs(self.before[flow])
        return self.change(flow)


def headline(release) -> Headline | None:
    """The release's headline, or None when none of its files carries a monthly balance."""
    for exhibit, (label, line, comparison) in SOURCES.items():
        if not release.has(exhibit):
            continue
        df = current(release.exhibit(exhibit))
        rows = pick(df, line_item=line, period_type="month", measure="level").dropna(subset=["value"])
        if exhibit == "12":
            rows = rows[rows["basis"] == "balance_of_payments"]
        if rows.empty or not (rows["flow"] == "balance").any():
            continue
        period = release.id if (rows["period"] == release.id).any() else str(rows["period"].max())
        compared = periods.previous(period) if comparison == "previous month" else periods.year_ago(period)

        def at(p: str) -> dict[str, pd.Series]:  # used in this iteration only
            found = rows[rows["period"] == p]
            return {
                f: found[found["flow"] == f].iloc[0]
                for f in ("balance", "exports", "imports")
                if (found["flow"] == f).any()
            }

        now, before = at(period), at(compared)
        top = now["balance"]
        stated = pick(df, line_item=line, period_type="month", period=period).dropna(subset=["value"])
        stated_change = {
            r["flow"]: in_millions(float(r["value"]), r["unit"])
            for _, r in stated[stated["measure"] == "change"].iterrows()
        }
        stated_percent = {
            r["flow"]: float(r["value"]) for _, r in stated[stated["measure"] == "percent_change"].iterrows()
        }
        return Headline(
            exhibit=exhibit,
            label=label,
            period=period,
            compared_with=compared,
            comparison=comparison,
            now={f: in_millions(float(r["value"]), r["unit"]) for f, r in now.items()},
            before={f: in_millions(float(r["value"]), r["unit"]) for f, r in before.items()},
            revised="balance" in before and is_revised(before["balance"]["status"]),
            source_file=str(top["source_file"]),
            location=str(top["location"]),
            seasonally_adjusted=top["seasonal_adjustment"] == "seasonally_adjusted",
            transcribed=exhibit == "headlines",
            stated_change=stated_change,
            stated_percent=stated_percent,
        )
    return None


def sentence(h: Headline) -> str:
    """'Goods and services balance: deficit of $140.5 billion; exports $278.5 billion,
    imports $419.0 billion.' (rounded the release's way)."""
    text = f"{h.label}: {balance_kind(h.now['balance'])} of {money(h.now['balance'])}"
    flows = [f"{f} {money(h.now[f])}" for f in ("exports", "imports") if f in h.now]
    return text + ("; " + ", ".join(flows) if flows else "") + "."
