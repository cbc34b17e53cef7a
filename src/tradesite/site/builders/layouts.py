"""Tables laid out as the exhibits print them: items down and periods across, or periods
down and lines across, hierarchy kept, revised figures marked "(R)" as the files mark them.

Chapters hand tidy rows (:mod:`tradesite.schema`) to :func:`item_table` or :func:`period_table`
and get a :class:`~tradesite.site.render.model.Table` the renderer shows; its CSV is those tidy rows
(``Table.long``): one row per figure shown, ISO period, unit, status, file and cell.
"""

from __future__ import annotations

import pandas as pd

from ...periods import label as period_label
from ...report.frames import current, is_revised, lookup
from ...report.numbers import whole
from ...report.provenance import source
from ...report.series import FREQUENCIES, series_id
from ...report.vocabulary import FLOW_NAMES, FLOWS, PARTS
from ..render.model import Table

#: status codes (schema.STATUSES) as the exhibits print them in a cell without a number
#: ('R', revised, is shown as '(R)' after the period instead: see _mark_revised).
#: What a cell shows for a status the file prints instead of a figure. BEA's "(1)" of Tables 4
#: and 5 ("revised but not being maintained in this presentation") reads as its footnote says.
STATUS_SHOWN = {"-": "(-)", "X": "(X)", "n.a.": "n.a.", "(D)": "(D)", "not_maintained": "not maintained"}


def column_label(period: str, period_type: str, measure: str) -> str:
    """A value column's heading: the period, or the exhibit's 'Monthly change' headings."""
    if measure == "change":
        return {"month": "Monthly change", "year_to_date": "Year-to-date change"}.get(
            period_type, f"Change, {period_label(period, period_type)}"
        )
    if measure == "percent_change":
        return f"Percent change, {period_label(period, period_type)}"
    return period_label(period, period_type)


def pivot(
    df: pd.DataFrame,
    rows: list[str],
    cols: list[str],
    row_label,
    col_label,
    label_name: str,
    firsts: dict | None = None,
) -> tuple[pd.DataFrame, list[int], list[str]]:
    """Lay tidy rows out as the exhibit prints them.

    Rows and columns keep the order of first appearance (the reader writes rows in file
    order); a label repeated within a column (exhibit 16a prints 'Total' twice) stays two
    rows. Cells hold the value, or the status the file prints instead ('(-)', 'n.a.').
    Returns the frame, the rows' hierarchy levels and notes on revised cells; ``firsts`` (when
    given) gets the first tidy row of each row and column (``{"rows": [...], "cols": [...]}``).
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
        unknown = [s for s in statuses if s != "R" and s not in STATUS_SHOWN]
        if unknown:
            raise ValueError(
                f"{d.get('source_file', '?')}, {d.get('location', '?')}: status {unknown[0]!r}; "
                f"expected one of R, {', '.join(STATUS_SHOWN)} (add it to layouts.STATUS_SHOWN)"
            )
        shown = " ".join(STATUS_SHOWN[s] for s in statuses if s != "R")
        cells[ri][ci] = whole(d["value"]) if pd.notna(d["value"]) else shown
        labels[ri] = row_label(d)
        levels[ri] = int(d["level"]) if "level" in d else 0
        if "R" in statuses:
            revised.add((ri, ci))
        if firsts is not None and d["measure"] == "level" and pd.notna(d["value"]) and d["period_type"] in FREQUENCIES:
            # a value the series catalogue holds: the row's (column's) series page exists
            firsts.setdefault("rows", {}).setdefault(ri, d)
            firsts.setdefault("cols", {}).setdefault(ci, d)
    headings = [col_label(dict(zip(cols, k))) for k in col_keys]
    notes = _mark_revised(revised, labels, headings, len(row_keys), len(col_keys))
    frame = pd.DataFrame(cells, columns=headings)
    frame.insert(0, label_name, labels)
    return frame, levels, notes


def _mark_revised(
    revised: set[tuple[int, int]], labels: list[str], headings: list[str], n_rows: int, n_cols: int
) -> list[str]:
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


def flow_heading(frame: pd.DataFrame, flow: str) -> pd.DataFrame:
    """The row that heads a flow's rows ('Exports'), as exhibits 18, 19 and 20 print it."""
    return pd.DataFrame([[FLOW_NAMES[flow]] + [None] * (frame.shape[1] - 1)], columns=frame.columns)


def table_of(
    df: pd.DataFrame,
    id: str,
    title: str,
    frame: pd.DataFrame,
    notes: str = "",
    revised: list[str] | None = None,
    **more,
) -> Table:
    """The table ``frame`` laid out from tidy rows ``df``: their units and their source, ``notes``
    then those on revised cells (:func:`pivot`'s), ``df`` as its CSV unless ``more`` gives another
    ``long``; ``more``: the table's other fields."""
    more.setdefault("long", df)
    return Table(
        id=id,
        title=title,
        frame=frame,
        unit=", ".join(dict.fromkeys(df["unit"])),
        source=source(df),
        notes=" ".join([notes, *(revised or [])]).strip(),
        **more,
    )


def item_table(
    df: pd.DataFrame, id: str, title: str, label_name: str = "Item", sections: bool = False, notes: str = ""
) -> Table:
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
    parts, levels, revised, series = [], [], [], []
    groups = df.groupby("flow", sort=False) if sections else [(None, df)]
    for flow, rows in groups:
        firsts: dict = {}
        frame, lv, rev = pivot(rows, ["hierarchy"], cols, lambda d: d["line_item"], col_label, label_name, firsts)
        lv = [x - min(lv) for x in lv]
        ids = [series_id(firsts["rows"][i]) if i in firsts.get("rows", {}) else None for i in range(len(frame))]
        if flow is not None:
            frame, lv, rev = (
                pd.concat([flow_heading(frame, flow), frame], ignore_index=True),
                [0] + [x + 1 for x in lv],
                [f"{FLOW_NAMES[flow]}: {r}" for r in rev],
            )
            ids = [None, *ids]
        parts.append(frame)
        levels += lv
        revised += rev
        series += ids
    return table_of(df, id, title, pd.concat(parts, ignore_index=True), notes, revised, levels=levels, series=series)


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
    firsts: dict = {}
    frame, levels, revised = pivot(
        df,
        ["period", "period_type"],
        ["flow", "hierarchy", "line_item", "unit"],
        lambda d: period_label(d["period"], d["period_type"]),
        col_label,
        "Period",
        firsts,
    )
    columns = [None] + [
        series_id(firsts["cols"][i]) if i in firsts.get("cols", {}) else None for i in range(frame.shape[1] - 1)
    ]
    return table_of(df, id, title, frame, notes, revised, column_series=columns, preview="last")


def totals_row(
    df: pd.DataFrame,
    first_column: str,
    label: str,
    period: str,
    kind: str,
    vintage: str = "current",
    used: list[dict] | None = None,
) -> dict:
    """One row of an exhibit 1 or 2 table: balance, exports, imports x total, goods, services, in
    the exhibit's column order; a revised period is labelled '(R)' as the exhibit prints it.
    The tidy rows shown are appended to ``used`` (the table's long form)."""
    row: dict = {first_column: label}
    revised = False
    for f in FLOWS:
        for part in PARTS:
            found = lookup(df, f, part, period, kind, vintage)
            row[f"{FLOW_NAMES[f]}: {part.lower()}"] = None if found is None else found["value"]
            if found is not None and used is not None:
                used.append(dict(found))
            revised |= found is not None and is_revised(found["status"])
    if revised:
        row[first_column] = f"{label} (R)"
    return row
