"""The table of what a release revised, in two layouts: one row a revised figure, or, for an
annual revision, one row an exhibit, flow, adjustment, unit and kind of period (issue 20); its
CSV is every revised figure either way. The what-changed chapter shows it."""

from __future__ import annotations

import pandas as pd

from ...periods import month_year
from ...report.vocabulary import FLOW_NAMES, exhibit_name, exhibit_order
from ..render.model import Table
from ..render.tables import places

#: Where the revisions table's figures come from (its caption's source).
SOURCE = "this release's files against their 'as published last month' rows and the previous release on this site"


def period_text(period_type: str, period: str) -> str:
    """A period as the revisions table and the chapter's text name it: 'March 2025', 'three months
    ending March 2025', 'January–March 2025', '2025 Q1', '2025'."""
    if period_type == "month":
        return month_year(period)
    if period_type == "three_month_average":
        return f"three months ending {month_year(period)}"
    if period_type == "year_to_date":
        return f"January–{month_year(period)}"
    return period.replace("-Q", " Q") if period_type == "quarter" else period


def long_form(revs: pd.DataFrame) -> pd.DataFrame:
    """The CSV: one row per revised figure, in the tidy schema's words (``release``, ``source_file``,
    ``location`` and ``value``: the revised figure) with the figure as published before
    (``earlier_release``, ``earlier_source``, ``earlier_location``, ``earlier``) and the ``revision``."""
    return pd.DataFrame(
        {
            "release": revs["later_release"],
            "source_file": revs["later_source"],
            "location": revs["later_location"],
            "exhibit": revs["exhibit"],
            "line_item": revs["line_item"],
            "hierarchy": revs["hierarchy"],
            "flow": revs["flow"],
            "basis": revs["basis"],
            "seasonal_adjustment": revs["seasonal_adjustment"],
            "unit": revs["unit"],
            "period": revs["period"],
            "period_type": revs["period_type"],
            "measure": revs["measure"],
            "status": "",
            "earlier_release": revs["earlier_release"],
            "earlier_source": revs["earlier_source"],
            "earlier_location": revs["earlier_location"],
            "earlier": revs["earlier"],
            "value": revs["later"],
            "revision": revs["revision"],
            "how": revs["how"],
        }
    ).reset_index(drop=True)


def table(revs: pd.DataFrame) -> Table:
    """Every revised figure: which period, what, before and after, by how much; where the file has
    each figure is one click away (the row's source), and in the CSV."""
    revs = revs.reset_index(drop=True)
    units = list(dict.fromkeys(revs["unit"]))
    frame = pd.DataFrame(
        {
            "Period": [period_text(k, p) for k, p in zip(revs["period_type"], revs["period"])],
            "Exhibit": revs["exhibit"].map(lambda e: exhibit_name(e).removeprefix("Exhibit ")),
            "Line item": revs["hierarchy"],
            "Flow": revs["flow"].map(FLOW_NAMES),
            "Seasonally adjusted": revs["seasonal_adjustment"].map(
                {"seasonally_adjusted": "yes", "not_seasonally_adjusted": "no"}
            ),
            **({"Unit": revs["unit"]} if len(units) > 1 else {}),
            "As published in": revs["earlier_release"].map(month_year),
            "As published": revs["earlier"],
            "Revised": revs["later"],
            "Revision": revs["revision"],
        }
    )
    provenance = [
        (f"{later}", f"As published: {es}, {el}. Revised: {later}, {ll}.")
        for later, ll, es, el in zip(
            revs["later_source"], revs["later_location"], revs["earlier_source"], revs["earlier_location"]
        )
    ]
    # each row as its own figures are printed: the rows mix units (millions, chained dollars, shares
    # to six places), and a column's most precise figure would give every row its places
    row_decimals = [
        max((places(v) for v in pair if v == v), default=None) for pair in zip(revs["earlier"], revs["later"])
    ]
    return _revisions_table(
        revs,
        "Every figure of an earlier period this release revised",
        frame,
        "Revision = revised minus as published; balances are negative for deficits, "
        "so a negative revision to a balance is a larger deficit. A row's source gives the file, sheet or "
        "page, row and column of both figures.",
        provenance,
        row_decimals,
    )


def _revisions_table(revs, title, frame, notes, provenance, row_decimals) -> Table:
    """The revisions table as either layout shows it: its CSV is every revised figure."""
    units = list(dict.fromkeys(revs["unit"]))
    return Table(
        id="revisions",
        title=title,
        frame=frame,
        unit=units[0] if len(units) == 1 else "in each row's unit",
        source=SOURCE,
        notes=notes,
        long=long_form(revs),
        provenance=provenance,
        row_decimals=row_decimals,
    )


#: From how many revised figures the page lists them by exhibit, not one by one. The bundled
#: releases revise 9 to 277 figures, each a row (two or three pages of rows). A release with every
#: file revises the month before on every line it prints: about 1,100 figures in the simulation,
#: nine pages of 125 rows (1 MB of a 4.9 MB version), and the annual revision three years of every
#: seasonally adjusted line (11,572 in the simulation's June, 68 pages). Past four pages a list
#: is a dump a reader scrolls, not reads: the page gives each exhibit's count and largest revision,
#: the CSV every figure, and each series' page its own revisions (issue 20: 6 MB a release).
SUMMARY_FROM = 500


#: How a row of the by-exhibit table names the periods it counts, by period type (months: nothing).
KINDS = {
    "three_month_average": "three-month averages",
    "year_to_date": "year to date",
    "quarter": "quarters",
    "year": "years",
}


def _when(period_type: str, period: str) -> str:
    """A period as the by-exhibit table's span names it: a month (or the month a three-month
    average or year to date ends), a quarter or a year."""
    if period_type in ("month", "three_month_average", "year_to_date"):
        return month_year(period)
    return period.replace("-Q", " Q")


def summary_table(revs: pd.DataFrame) -> Table:
    """A large revision, one row per exhibit, flow, seasonal adjustment, unit and kind of period:
    how many figures over which periods, and the largest revision with its line and period; the
    CSV has every figure."""
    revs = revs.reset_index(drop=True)
    keys = ["exhibit", "flow", "seasonal_adjustment", "period_type", "unit"]
    groups = sorted(revs.groupby(keys, sort=False), key=lambda kg: (exhibit_order(kg[0][0]), *kg[0][1:]))
    units = list(dict.fromkeys(revs["unit"]))
    rows: list[dict] = []
    row_decimals: list[int | None] = []
    provenance: list[tuple[str, str]] = []
    for (exhibit, flow, sa, kind, unit), g in groups:
        largest = g.loc[g["revision"].abs().idxmax()]
        what = [FLOW_NAMES.get(flow, flow), "seasonally adjusted" if sa == "seasonally_adjusted" else "not adjusted"]
        first, last = sorted(g["period"])[0], sorted(g["period"])[-1]
        rows.append(
            {
                "Figures": f"{exhibit_name(exhibit)}: " + ", ".join(what + ([KINDS[kind]] if kind in KINDS else [])),
                **({"Unit": unit} if len(units) > 1 else {}),
                "Periods": _when(kind, first) if first == last else f"{_when(kind, first)} to {_when(kind, last)}",
                "Revised": f"{len(g):,}",
                "Largest revision": largest["revision"],
                "Of": f"{largest['hierarchy']}, {_when(kind, largest['period'])}",
            }
        )
        row_decimals.append(max(places(v) for v in (largest["earlier"], largest["later"])))
        later, earlier = ", ".join(sorted(set(g["later_source"]))), "; ".join(sorted(set(g["earlier_source"])))
        provenance.append((later, f"Revised: {later}. As published: {earlier}. Each figure's cells are in the CSV."))
    return _revisions_table(
        revs,
        f"The {len(revs):,} figures of earlier periods this release revised, by exhibit",
        pd.DataFrame(rows),
        "Revised: how many figures; revision = revised minus as published; balances are negative for deficits, "
        "so a negative revision to a balance is a larger deficit. Every revised figure, as published and revised, with "
        "the file, sheet or page, row and column of both, is in the CSV, and each series' page shows its own revisions.",
        provenance,
        row_decimals,
    )
