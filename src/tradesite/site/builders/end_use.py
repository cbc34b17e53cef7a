"""Goods exports (exhibits 6, 7) or imports (exhibits 6, 8) by end-use category and commodity:
the page the goods exports and goods imports chapters share (from the monthly totals,
:mod:`.totals`, where a release lacks exhibit 7 or 8).

Tables are the exhibit as printed (hierarchy kept); the narrative's changes are the exhibit's
"Monthly Change" column rounded the release's way; charts show the same rows in billions.
"""

from __future__ import annotations

import pandas as pd

from ...periods import label as period_label
from ...periods import month, previous
from ...report.frames import current, latest_month, monthly_levels, pick
from ...report.numbers import billions, money
from ...report.series import series_of
from ...report.vocabulary import FLOW_NAMES
from ...report.words import moved
from ...schema import HIERARCHY_SEP as HIERARCHY
from ..render.markup import md
from ..render.model import Chapter, Text
from .figures import change_bars, small_multiples
from .layouts import item_table, period_table
from .totals import totals_page

# ---------------------------------------------------------------- end-use exhibits 6-8

#: How the release picks what to name (trad0325.pdf pages 2-3): end-use categories whose monthly
#: change rounds to $1.0 billion or more, increases first; under each, up to three commodities
#: whose change rounds to $0.7 billion or more, largest first.
CATEGORY_MIN = billions(1000)
COMMODITY_MIN = billions(700)
MAX_COMMODITIES = 3
#: The release's short names in its sentences ("Capital goods decreased $1.5 billion.").
NARRATIVE_NAMES = {"Capital goods, except automotive": "Capital goods"}


def top_lines(df: pd.DataFrame) -> dict[str, str]:
    """Hierarchy of the three top lines of exhibits 6-8: 'bop', 'net' (Net Adjustments), 'census'."""
    found: dict[str, str] = {}
    for h, item in pick(df, level=0)[["hierarchy", "line_item"]].drop_duplicates().itertuples(index=False):
        low = item.lower()
        if low.startswith("net adjust"):
            found["net"] = h
        elif "balance of payments" in low:
            found["bop"] = h
        elif "census" in low:
            found["census"] = h
    return found


def monthly_changes(df: pd.DataFrame, period: str) -> pd.DataFrame:
    """Exhibit 7/8 rows of the 'Monthly Change' column with this month's level beside it."""
    rows = current(df)
    change = pick(rows, measure="change", period_type="month", period=period)
    level = pick(rows, measure="level", period_type="month", period=period)
    out = change[["hierarchy", "line_item", "level", "value", "status"]].rename(columns={"value": "change"})
    out = out.merge(level[["hierarchy", "value"]].rename(columns={"value": "now"}), on="hierarchy", how="left")
    out["change"] = out["change"].fillna(0.0)  # '(-)': zero or less than half a million
    out["category"] = out["hierarchy"].str.split(HIERARCHY).map(lambda p: p[1] if len(p) > 1 else "")
    return out


def ordered_moves(changes: pd.DataFrame) -> list[tuple[pd.Series, list[pd.Series]]]:
    """The categories and commodities the release would name, in its order."""
    cats = changes[changes["level"] == 1]
    cats = cats[cats["change"].map(lambda c: abs(billions(c)) >= CATEGORY_MIN)]
    ups = cats[cats["change"] > 0].sort_values("change", ascending=False)
    downs = cats[cats["change"] < 0].sort_values("change")
    out = []
    for _, cat in pd.concat([ups, downs]).iterrows():
        kids = changes[(changes["level"] == 2) & (changes["category"] == cat["line_item"])]
        kids = kids[kids["change"].map(lambda c: abs(billions(c)) >= COMMODITY_MIN)]
        kids = kids.reindex(kids["change"].abs().sort_values(ascending=False).index).head(MAX_COMMODITIES)
        out.append((cat, [k for _, k in kids.iterrows()]))
    return out


def end_use_narrative(df: pd.DataFrame, flow: str, period: str) -> str:
    """The release's 'Exports (exhibits 3, 6, and 7)' paragraph, goods part, from exhibit 7 or 8."""
    changes = monthly_changes(df, period).set_index("hierarchy", drop=False)
    top = top_lines(df)
    name = FLOW_NAMES[flow]
    lines = []
    if "bop" in top:
        bop = changes.loc[top["bop"]]
        lines.append(f"{name} of goods {moved(bop['change'])} to {money(bop['now'])} in {month(period)}.\n")
    if "census" in top:
        lines.append(f"{name} of goods on a Census basis {moved(changes.loc[top['census'], 'change'])}.\n")
    moves = ordered_moves(changes.reset_index(drop=True))
    for cat, kids in moves:
        lines.append(f"- {md(NARRATIVE_NAMES.get(cat['line_item'], cat['line_item']))} {moved(cat['change'])}.")
        lines.extend(f"    - {md(k['line_item'])} {moved(k['change'])}." for k in kids)
    if not moves:
        lines.append(f"No end-use category changed by ${CATEGORY_MIN} billion or more.")
    if "net" in top:
        lines.append(f"\nNet balance of payments adjustments {moved(changes.loc[top['net'], 'change'])}.")
    return "\n".join(lines)


# ---------------------------------------------------------------- end-use charts and chapter


def end_use_page(release, slug: str, title: str, flow: str, items: str) -> Chapter:
    """Goods exports (exhibits 6, 7) or imports (exhibits 6, 8) by end-use category and commodity,
    else from the monthly totals."""
    if not release.has(items):
        return totals_page(release, slug, title, flow=flow, part="Goods")
    df = release.exhibit(items)
    period = latest_month(df)
    changes = monthly_changes(df, period)
    name = FLOW_NAMES[flow]
    when = period_label(period, "month")
    before = period_label(previous(period), "month")
    blocks: list = [Text(end_use_narrative(df, flow, period))]
    kids = changes[changes["level"] == 2]
    movers = kids.reindex(kids["change"].abs().sort_values(ascending=False).index).head(12)
    # (id, title, the changes shown, what the summary counts, description)
    for chart_id, chart_title, shown, what, description in (
        (
            "change-by-category",
            f"{name} of goods: monthly change by end-use category, {when}",
            changes[changes["level"] == 1],
            "end-use categories",
            f"Bar chart of the change in {flow} of goods (Census basis) from {before} to {when} for each end-use "
            f"category.",
        ),
        (
            "biggest-movers",
            f"{name} of goods: the twelve largest monthly changes by commodity, {when}",
            movers,
            "commodities that changed most",
            f"Bar chart of the twelve commodities whose {flow} changed most from {before} to {when}.",
        ),
    ):
        blocks.append(
            change_bars(shown, df, what, lead=f"From {before} to {when}").named(chart_id, chart_title, description)
        )
    exhibits = [items]
    if release.has("6"):
        ex6 = pick(release.exhibit("6"), flow=flow)
        lines = monthly_levels(ex6, level=1)
        if len(lines):
            blocks.append(
                small_multiples(lines, lines["line_item"], flow).named(
                    "categories-by-month",
                    f"{name} of goods by end-use category, monthly",
                    f"Small line charts, one per end-use category, of monthly {flow} of goods (Census basis) over "
                    f"the months exhibit 6 shows, on one shared scale.",
                    series=series_of(lines),
                )
            )
        exhibits.insert(0, "6")
    blocks.append(
        item_table(
            df,
            "by-commodity",
            f"{name} of goods by end-use category and commodity",
            label_name="End-use category and commodity",
            notes="Commodities are ranked on the monthly change within each category, "
            "as in the exhibit. "
            "Details are on a Census basis; the top lines give the balance of payments basis.",
        )
    )
    if release.has("6"):
        blocks.append(
            period_table(ex6, "by-category-period", f"{name} of goods by principal end-use category", flows=False)
        )
    summary = (
        f"{name} of goods by end-use category and commodity for {when}, "
        f"with the categories and commodities that moved most."
    )
    return Chapter(slug=slug, title=title, summary=summary, blocks=blocks, exhibits=exhibits)
