"""Shared pieces of the goods chapters (end-use, real goods, countries, ATP, petroleum, autos).

Everything here reads the tidy rows of one release (schema.py) and keeps the release's own
numbers, units and signs: tables are the exhibit as printed (hierarchy kept), narrative
changes are the exhibit's "Monthly Change" column rounded the release's way
(:mod:`tradesite.site.narrative`), charts show the same rows scaled from millions to billions.
"""

from __future__ import annotations

import calendar
import re

import altair as alt
import pandas as pd

from ...schema import HIERARCHY_SEP as HIERARCHY
from ..model import Chapter, Chart, Table, Text
from ..narrative import billions, money, month

#: status codes (schema.STATUSES) as the exhibits print them in a cell without a number
#: ('R', revised, is shown as '(R)' after the period instead: see _mark_revised).
STATUS_SHOWN = {"-": "(-)", "X": "(X)", "n.a.": "n.a.", "(D)": "(D)"}

FLOW_NAMES = {"exports": "Exports", "imports": "Imports", "balance": "Balance"}

#: Horizontal bar charts with long labels: a narrower plot so that labels and plot together
#: fit the page's chart width (theme.WIDTH) instead of being scaled down.
LABEL_LIMIT = 220
BAR_WIDTH = 400


# ---------------------------------------------------------------- rows


def current(df: pd.DataFrame) -> pd.DataFrame:
    """This release's figures (not the 'as published last month' vintage)."""
    return df[df["vintage"] == "current"]


def pick(df: pd.DataFrame, **eq: object) -> pd.DataFrame:
    """Rows whose columns equal the given values: ``pick(df, flow="exports", measure="change")``."""
    mask = pd.Series(True, index=df.index)
    for col, val in eq.items():
        mask &= df[col] == val
    return df[mask]


def value(df: pd.DataFrame, **eq: object) -> float:
    """The one value matching ``eq``; KeyError naming the filter when there is not exactly one."""
    rows = pick(df, **eq)
    rows = rows[rows["value"].notna()]
    if len(rows) != 1:
        where = ", ".join(f"{k}={v!r}" for k, v in eq.items())
        raise KeyError(f"expected one value for {where}, found {len(rows)}")
    return float(rows["value"].iloc[0])


def latest_month(df: pd.DataFrame) -> str:
    """The exhibit's latest month with a current level (the release's statistical month)."""
    months = pick(current(df), period_type="month", measure="level")["period"]
    return str(months.max())


def previous_month(period: str) -> str:
    year, mon = int(period[:4]), int(period[5:7])
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


# ---------------------------------------------------------------- words


def scale(unit: str) -> tuple[str, float]:
    """A readable unit for charts and the factor to get there: millions -> billions."""
    if unit.startswith("millions of "):
        return "billions of " + unit[len("millions of "):], 1e-3
    return unit, 1.0


def moved(millions: float) -> str:
    """'increased $0.8 billion', 'decreased less than $0.1 billion' (trad0325.pdf pages 2-3)."""
    b = billions(millions)
    if millions == 0:
        return "was virtually unchanged"
    verb = "increased" if millions > 0 else "decreased"
    if b == 0:
        return f"{verb} less than $0.1 billion"
    return f"{verb} ${abs(b)} billion"


def period_label(period: str, period_type: str) -> str:
    """'2021-08' month -> 'August 2021'; year_to_date -> 'Jan.–Aug. 2021'; '2021-Q2' -> 'Q2 2021'."""
    if period_type == "month":
        return f"{calendar.month_name[int(period[5:7])]} {period[:4]}"
    if period_type == "year_to_date":
        end = calendar.month_abbr[int(period[5:7])]
        return f"Jan.–{end}. {period[:4]}" if end != "Jan" else f"January {period[:4]} (year to date)"
    if period_type == "quarter":
        return f"{period[5:]} {period[:4]}"
    if period_type == "three_month_average":
        return f"Three months ending {month(period)} {period[:4]}"
    return period


def column_label(period: str, period_type: str, measure: str) -> str:
    """A value column's heading: the period, or the exhibit's 'Monthly change' headings."""
    if measure == "change":
        return {"month": "Monthly change", "year_to_date": "Year-to-date change"}.get(
            period_type, f"Change, {period_label(period, period_type)}")
    if measure == "percent_change":
        return f"Percent change, {period_label(period, period_type)}"
    return period_label(period, period_type)


def source(df: pd.DataFrame) -> str:
    """The source line, from the rows themselves: "Exhibit 7, exh7.xlsx (sheet '7')",
    "Exhibit 7, trad0325.pdf pages 20–21", "Tables 4, 5, 6, trad-geo-time-series-0125.xlsx (sheets ...)"."""
    parts = []
    for file, rows in df.groupby("source_file", sort=False):
        names = [_exhibit_name(e) for e in dict.fromkeys(rows["exhibit"])]
        if all(n.startswith("Table ") for n in names) and len(names) > 1:
            what = "Tables " + ", ".join(n[6:] for n in names)
        else:
            what = ", ".join(names)
        sheets = list(dict.fromkeys(rows["location"].str.extract(r"(sheet '[^']*')", expand=False).dropna()))
        pages = sorted({int(p) for p in rows["location"].str.extract(r"page (\d+)", expand=False).dropna()})
        if sheets:
            where = f" ({', '.join(sheets)})" if len(sheets) == 1 else f" (sheets {', '.join(s[6:] for s in sheets)})"
        elif pages:
            where = f" page {pages[0]}" if len(pages) == 1 else f" pages {pages[0]}–{pages[-1]}"
        else:
            where = ""
        parts.append(f"{what}, {file}{where}")
    return "; ".join(parts)


def _exhibit_name(exhibit: str) -> str:
    """'7' -> 'Exhibit 7'; 'bea-geo-4' -> 'Table 4' (the BEA workbooks number tables)."""
    m = re.match(r"bea-\w+-(\d+)$", exhibit)
    return f"Table {m.group(1)}" if m else f"Exhibit {exhibit}"


# ---------------------------------------------------------------- tables


def pivot(df: pd.DataFrame, rows: list[str], cols: list[str], row_label, col_label,
          label_name: str) -> tuple[pd.DataFrame, list[int], list[str]]:
    """Lay tidy rows out as the exhibit prints them.

    Rows and columns keep the order of first appearance (the reader writes rows in file
    order); a label repeated within a column (exhibit 16a prints 'Total' twice) stays two
    rows. Cells hold the value, or the status the file prints instead ('(-)', 'n.a.').
    Returns the frame, the rows' hierarchy levels and notes on revised cells.
    """
    df = df.reset_index(drop=True).copy()
    df["occ_"] = df.groupby(rows + cols, sort=False).cumcount()
    row_keys = list(dict.fromkeys(map(tuple, df[rows + ["occ_"]].itertuples(index=False))))
    col_keys = list(dict.fromkeys(map(tuple, df[cols].itertuples(index=False))))
    index = {k: i for i, k in enumerate(row_keys)}
    cindex = {k: i for i, k in enumerate(col_keys)}
    cells: list[list[object]] = [[None] * len(col_keys) for _ in row_keys]
    labels: list[str] = [""] * len(row_keys)
    levels: list[int] = [0] * len(row_keys)
    revised: set[tuple[int, int]] = set()
    for r in df.itertuples(index=False):
        d = r._asdict()
        ri = index[tuple(d[c] for c in rows) + (d["occ_"],)]
        ci = cindex[tuple(d[c] for c in cols)]
        statuses = [s for s in str(d["status"]).split(";") if s]
        shown = " ".join(STATUS_SHOWN[s] for s in statuses if s != "R")
        cells[ri][ci] = number(d["value"]) if pd.notna(d["value"]) else shown
        labels[ri] = row_label(d)
        levels[ri] = int(d["level"]) if "level" in d else 0
        if "R" in statuses:
            revised.add((ri, ci))
    headings = [col_label(dict(zip(cols, k))) for k in col_keys]
    notes = _mark_revised(revised, labels, headings, len(row_keys), len(col_keys))
    frame = pd.DataFrame(cells, columns=headings)
    frame.insert(0, label_name, labels)
    return frame, levels, notes


def number(v: float) -> int | float:
    """Whole numbers as int, so the CSV download reads 1180, not 1180.0."""
    return int(v) if float(v).is_integer() else float(v)


def _mark_revised(revised: set[tuple[int, int]], labels: list[str], headings: list[str],
                  n_rows: int, n_cols: int) -> list[str]:
    """Mark revised figures as the exhibit does: '(R)' after a period (row or column) whose
    figures are all revised; a note for scattered revised cells (exhibit 14's top lines)."""
    if not revised:
        return []
    by_row: dict[int, set[int]] = {}
    by_col: dict[int, set[int]] = {}
    for ri, ci in revised:
        by_row.setdefault(ri, set()).add(ci)
        by_col.setdefault(ci, set()).add(ri)
    left = set(revised)
    for ri, cs in by_row.items():
        if len(cs) == n_cols:
            labels[ri] += " (R)"
            left -= {(ri, ci) for ci in cs}
    for ci, rs in by_col.items():
        if len(rs) == n_rows:
            headings[ci] += " (R)"
            left -= {(ri, ci) for ri in rs}
    notes = []
    for ci in sorted({ci for _, ci in left}):
        rows = [labels[ri] for ri in sorted(ri for ri, c in left if c == ci)]
        notes.append(f"{headings[ci]}: revised (R) for {', '.join(rows)}.")
    return notes


def item_table(df: pd.DataFrame, id: str, title: str, label_name: str = "Item",
               sections: bool = False, notes: str = "") -> Table:
    """Items down, periods across (exhibits 7, 8, 14, 16a, 18, 19, 20...).

    Several flows are either named in the headings ('Exports, August 2021': exhibit 14) or,
    with ``sections``, stacked under 'Balance', 'Exports', 'Imports' rows as exhibits 19 and
    20 print them.
    """
    df = current(df)
    by_flow = df["flow"].nunique() > 1 and not sections

    by_unit = df["unit"].nunique() > 1

    def col_label(k: dict) -> str:
        text = column_label(k["period"], k["period_type"], k["measure"])
        if by_unit:
            text = f"{k['unit'][0].upper()}{k['unit'][1:]}, {text}"
        return f"{FLOW_NAMES[k['flow']]}, {text}" if by_flow else text

    cols = ["flow"] if by_flow else []
    cols += ["unit"] if by_unit else []
    cols += ["period", "period_type", "measure"]
    parts, levels, revised = [], [], []
    groups = df.groupby("flow", sort=False) if sections else [(None, df)]
    for flow, rows in groups:
        frame, lv, rev = pivot(rows, ["hierarchy"], cols, lambda d: d["line_item"], col_label, label_name)
        lv = [x - min(lv) for x in lv]
        if flow is not None:
            head = pd.DataFrame([[FLOW_NAMES[flow]] + [None] * (frame.shape[1] - 1)], columns=frame.columns)
            frame, lv, rev = pd.concat([head, frame], ignore_index=True), [0] + [x + 1 for x in lv], \
                [f"{FLOW_NAMES[flow]}: {r}" for r in rev]
        parts.append(frame)
        levels += lv
        revised += rev
    units = list(dict.fromkeys(df["unit"]))
    return Table(id=id, title=title, frame=pd.concat(parts, ignore_index=True), unit=", ".join(units),
                 source=source(df), levels=levels, notes=" ".join([notes, *revised]).strip())


def period_table(df: pd.DataFrame, id: str, title: str, flows: bool | None = None, notes: str = "") -> Table:
    """Periods down, line items across (exhibits 6, 9, 10, 11, 16, 17): the exhibit's layout."""
    df = current(df)
    if flows is None:
        flows = df["flow"].nunique() > 1

    by_unit = df["unit"].nunique() > 1
    one_item = df["hierarchy"].nunique() == 1

    def col_label(k: dict) -> str:
        text = f"{k['line_item']} ({k['unit']})" if by_unit else k["line_item"]
        if one_item and flows:
            return FLOW_NAMES[k["flow"]]
        return f"{FLOW_NAMES[k['flow']]}: {text}" if flows else text

    df = df.assign(level=0)
    frame, levels, revised = pivot(df, ["period", "period_type"], ["flow", "hierarchy", "line_item", "unit"],
                                   lambda d: period_label(d["period"], d["period_type"]), col_label, "Period")
    units = list(dict.fromkeys(df["unit"]))
    return Table(id=id, title=title, frame=frame, unit=", ".join(units), source=source(df),
                 levels=None, notes=" ".join([notes, *revised]).strip())


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
        lines.append(f"- {NARRATIVE_NAMES.get(cat['line_item'], cat['line_item'])} {moved(cat['change'])}.")
        lines.extend(f"    - {k['line_item']} {moved(k['change'])}." for k in kids)
    if not moves:
        lines.append(f"No end-use category changed by ${CATEGORY_MIN} billion or more.")
    if "net" in top:
        lines.append(f"\nNet balance of payments adjustments {moved(changes.loc[top['net'], 'change'])}.")
    return "\n".join(lines)


# ---------------------------------------------------------------- end-use charts and chapter


def change_chart(changes: pd.DataFrame, unit: str, label: str) -> alt.Chart:
    """Horizontal bars of monthly changes, largest increase on top."""
    big, factor = scale(unit)
    data = pd.DataFrame({
        "item": changes["line_item"],
        "category": changes["category"],
        "change": changes["change"] * factor,
        "now": changes["now"] * factor,
        "direction": changes["change"].map(lambda c: "increase" if c > 0 else "decrease" if c < 0 else "no change"),
    })
    return alt.Chart(data, width=BAR_WIDTH).mark_bar().encode(
        x=alt.X("change:Q", title=f"Monthly change, {big}"),
        y=alt.Y("item:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        color=alt.Color("direction:N", title="Direction", sort=["increase", "decrease", "no change"]),
        tooltip=[alt.Tooltip("item:N", title=label), alt.Tooltip("category:N", title="End-use category"),
                 alt.Tooltip("change:Q", title=f"Change ({big})", format=",.3f"),
                 alt.Tooltip("now:Q", title=f"This month ({big})", format=",.3f")],
    )


def monthly_chart(rows: pd.DataFrame, series: str, title: str) -> alt.Chart:
    """Lines of monthly levels, one per line item (exhibit 6, 9, 10, 16, 17 periods)."""
    unit = rows["unit"].iloc[0]
    big, factor = scale(unit)
    data = pd.DataFrame({
        "month": pd.to_datetime(rows["period"] + "-01"),
        "series": rows["line_item"],
        "value": rows["value"] * factor,
    })
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y")),
        y=alt.Y("value:Q", title=f"{title}, {big}"),
        color=alt.Color("series:N", title=series, legend=alt.Legend(columns=3)),
        tooltip=[alt.Tooltip("month:T", title="Month", format="%B %Y"), alt.Tooltip("series:N", title=series),
                 alt.Tooltip("value:Q", title=big, format=",.3f")],
    )


def flows_chart(rows: pd.DataFrame) -> tuple[alt.Chart, str]:
    """Monthly exports, imports and balance of one line as lines, in the unit's larger scale;
    returns the chart and that unit ('billions of dollars')."""
    big, factor = scale(rows["unit"].iloc[0])
    data = pd.DataFrame({"month": pd.to_datetime(rows["period"] + "-01"), "flow": rows["flow"].map(FLOW_NAMES),
                         "value": rows["value"] * factor})
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y")),
        y=alt.Y("value:Q", title=big),
        color=alt.Color("flow:N", title="Flow", sort=["Exports", "Imports", "Balance"]),
        tooltip=[alt.Tooltip("month:T", title="Month", format="%B %Y"), alt.Tooltip("flow:N", title="Flow"),
                 alt.Tooltip("value:Q", title=big, format=",.3f")],
    )
    return chart, big


def monthly_levels(df: pd.DataFrame, **eq: object) -> pd.DataFrame:
    """Current monthly levels of an exhibit, filtered."""
    return pick(current(df), period_type="month", measure="level", **eq).dropna(subset=["value"])


def end_use_chapter(release, slug: str, title: str, flow: str, items: str) -> Chapter | None:
    """Goods exports (exhibits 6, 7) or imports (exhibits 6, 8) by end-use category and commodity."""
    if not release.has(items):
        return None
    df = release.exhibit(items)
    period = latest_month(df)
    changes = monthly_changes(df, period)
    unit = df["unit"].iloc[0]
    big, _ = scale(unit)
    name = FLOW_NAMES[flow]
    when = period_label(period, "month")
    blocks: list = [Text(end_use_narrative(df, flow, period))]
    cats = changes[changes["level"] == 1]
    blocks.append(Chart(
        id="change-by-category", title=f"{name} of goods: monthly change by end-use category, {when}",
        chart=change_chart(cats, unit, "End-use category"),
        description=f"Bar chart of the change in {flow} of goods (Census basis) from "
                    f"{period_label(previous_month(period), 'month')} to {when} for each end-use category.",
        source=source(df), unit=big))
    kids = changes[changes["level"] == 2]
    movers = kids.reindex(kids["change"].abs().sort_values(ascending=False).index).head(12)
    blocks.append(Chart(
        id="biggest-movers", title=f"{name} of goods: the twelve largest monthly changes by commodity, {when}",
        chart=change_chart(movers, unit, "Commodity"),
        description=f"Bar chart of the twelve commodities whose {flow} changed most from "
                    f"{period_label(previous_month(period), 'month')} to {when}.",
        source=source(df), unit=big))
    exhibits = [items]
    if release.has("6"):
        ex6 = pick(release.exhibit("6"), flow=flow)
        lines = monthly_levels(ex6, level=1)
        if len(lines):
            blocks.append(Chart(
                id="categories-by-month", title=f"{name} of goods by end-use category, monthly",
                chart=monthly_chart(lines, "End-use category", name),
                description=f"Line chart of monthly {flow} of goods (Census basis) for each end-use category "
                            f"over the months exhibit 6 shows.",
                source=source(lines), unit=scale(lines['unit'].iloc[0])[0]))
        exhibits.insert(0, "6")
    blocks.append(item_table(df, "by-commodity", f"{name} of goods by end-use category and commodity",
                             label_name="End-use category and commodity",
                             notes="Commodities are ranked on the monthly change within each category, "
                                   "as in the exhibit. "
                                   "Details are on a Census basis; the top lines give the balance of payments basis."))
    if release.has("6"):
        blocks.append(period_table(ex6, "by-category-period", f"{name} of goods by principal end-use category",
                                   flows=False))
    summary = (f"{name} of goods by end-use category and commodity for {when}, "
               f"with the categories and commodities that moved most.")
    return Chapter(slug=slug, title=title, summary=summary, blocks=blocks, exhibits=exhibits)


def printed_title(release, exhibit: str) -> str:
    """The exhibit's title as printed, without 'Exhibit N. ' (the source line names the exhibit)."""
    tables = sorted((t for t in release.meta["tables"] if t["exhibit"] == exhibit),
                    key=lambda t: 0 if t["source_file"].endswith(".xlsx") else 1)
    title = tables[0].get("title") or f"Exhibit {exhibit}"
    return re.sub(r"^Exhibit\s+\w+\.\s*", "", title).strip().rstrip(",")
