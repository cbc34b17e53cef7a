"""The two shapes of exhibit workbook: periods as rows, and line items as rows.

Periods, markers and the hierarchy are the engine's (:mod:`..engine`); what is particular
to the workbooks is here: values in column groups (a value plus its '(R)' cell), section
rows in column B, and depth from the cell's formatting.
"""

from __future__ import annotations

from ...errors import cell
from ...schema import HIERARCHY_SEP
from ..engine import coverage, markers
from ..engine.hierarchy import Hierarchy
from ..engine.periods import Error, PeriodRows, year_of
from ..engine.text import blank, clean, flow_section, number, seasonal_section
from .headings import Meaning, column_groups, header_grid
from .layout import Spec
from .sheet import Sheet

DOMESTIC = "(Domestic)"
#: a number where the exhibit prints none
STRAY = (
    "no number here: the exhibit's numbers are its values (under its headings, in the rows of its periods or "
    "lines), the years of its headings and period labels (was the file edited? download it again)"
)
#: why a value cell is empty where the report leaves it so (counted by the ingest)
TO_COME = "a period still to come: printed, without values yet"


def expected_value(of: str = "like the row's other value cells") -> str:
    """What an empty value cell should have held. The official workbooks print a number or a marker
    in every value cell of a row they print at all (checked on every bundled file), so an empty one
    is a value lost (deleted, or a formula saved without its result), never one to skip."""
    return (
        f"a number or a marker ((X), (-), n.a., (D)) {of} (the official files leave none of them empty: was "
        "the file edited? download it again)"
    )


EMPTY = expected_value()


def group_value(sh: Sheet, row: int, cols: list[int]) -> tuple[int, float | None, str] | None:
    """(column, value, status) of one column group in a row; None where nothing is printed."""
    found: tuple[int, float | None, str] | None = None
    revised = ""
    for c in cols:
        v = sh.v(row, c)
        if markers.is_revision_mark(v):
            revised = "R"
            continue
        got = markers.cell(v, lambda expected, found: sh.error(row, c, expected, found))  # noqa: B023 (called in this iteration)
        if got is None:
            continue
        if found is not None:
            raise sh.error(row, c, "one value under the heading (the cell to its left holds one already)", v)
        found = (c, *got)
    if found is None:
        return None
    return found[0], found[1], markers.join_status(revised, found[2])


def value_column(sh: Sheet, cols: list[int], first: int) -> int:
    """The column of a group where its values stand (the group's other columns hold '(R)' marks, or
    run on to the sheet's edge under the last heading): the first that holds a number in a row
    from ``first`` down; the first column when none does. For error lines and the account of
    empty cells, so worked out only there."""
    cache = sh.__dict__.setdefault("_value_columns", {})
    key = (tuple(cols), first)
    if key not in cache:
        cache[key] = next((c for c in cols if any(number(sh.v(r, c)) for r in range(first, sh.max_row + 1))), cols[0])
    return cache[key]


# ---------------------------------------------------------------- period tables


def basis_of(label: str, default: str) -> str:
    low = label.lower()
    if "balance of payment" in low or "bop" in low or "net adjust" in low:
        return "balance_of_payments"
    if "census" in low and default != "chained_dollars":
        return "census"
    return default


def is_total(label: str) -> bool:
    return label.lower().startswith("total")


def period_columns(
    groups: list[tuple[list[int], Meaning]], spec: Spec, default_item: str
) -> list[tuple[list[int], dict[str, object], str, str | None]]:
    """Line item, hierarchy, basis and unit of each column of a period table, its status and flow."""
    out: list[tuple[list[int], dict[str, object], str, str | None]] = []
    by_flow: dict[str | None, list] = {}
    for cols, m in groups:
        item = clean(m.item) if m.item else default_item
        by_flow.setdefault(m.flow, []).append((cols, m, item))
    for flow, members in by_flow.items():
        labels = [item for _, _, item in members]
        has_bop = any(basis_of(lbl, "") == "balance_of_payments" and is_total(lbl) for lbl in labels)
        census = next((lbl for lbl in labels if is_total(lbl) and "census" in lbl.lower()), None)
        total = next((lbl for lbl in labels if is_total(lbl)), None)
        for cols, m, item in members:
            if m.group and "categor" in m.group.lower() and census:
                parents = [census]  # end-use categories are parts of the Census-basis total
            elif not has_bop and total and item != total:
                parents = [total]
            else:
                parents = []
            basis = m.basis or basis_of(item, spec.basis)
            if item == total and any(lbl.lower().startswith("net adjust") for lbl in labels):
                basis = "balance_of_payments"  # exh9: Total = Census-basis parts + Net Adjustments
            unit = m.unit
            if spec.basis == "not_applicable" and unit and "dollars" in unit and "per" not in unit:
                basis = "census"  # exh17: values (thousands of dollars) are Census basis
            fields: dict[str, object] = {
                "line_item": item,
                "hierarchy": HIERARCHY_SEP.join([*parents, item]),
                "level": len(parents),
                "basis": basis,
            }
            if unit:
                fields["unit"] = unit
            out.append((cols, fields, m.status, flow))
    return out


def _label_error(sh: Sheet, row: int, raw: object) -> Error:
    """The error of a period label in column A, bound to its row now (:class:`PeriodRows` keeps it)."""
    return lambda expected, found: sh.error(row, 1, expected, found if str(found).startswith("<") else raw)


def read_period_table(
    sh: Sheet, spec: Spec, release: str, base: dict, default_item: str, empty: dict[str, str] | None = None
) -> list[dict]:
    """Rows are periods (:class:`..engine.periods.PeriodRows`); a row with one heading in
    column B and no values is a section ('Exports', 'Not Seasonally Adjusted'). The cells of
    a period printed without values (a month still to come) go to ``empty``."""
    groups = column_groups(sh, spec, spec.header, sh.fallback_year, release)
    columns = period_columns(groups, spec, default_item)
    value_cols = sorted({c for cols, *_ in columns for c in cols})
    records: list[dict] = []
    section: dict = {}
    three_month = "moving average" in " ".join(sh.text(r, 1) for r in range(1, spec.header[0] + 1)).lower()
    rows = PeriodRows("three_month_average" if three_month else "month")
    for row in range(spec.data, sh.max_row + 1):
        raw = sh.v(row, 1)
        cells = [sh.v(row, c) for c in value_cols]
        if blank(raw) and not blank(sh.v(row, 2)) and not any(number(v) for v in cells):
            if flow_section(sh.v(row, 2)):
                section = {**section, "flow": flow_section(sh.v(row, 2))}
            elif seasonal_section(sh.v(row, 2)):
                section = {**section, "seasonal_adjustment": seasonal_section(sh.v(row, 2))}
            else:
                raise sh.error(
                    row, 2, "a section heading (Exports, Imports, Balance, Seasonally Adjusted)", sh.v(row, 2)
                )
            rows.section()
            continue
        has_values = any(not blank(v) for v in cells)
        to_come = len(rows.to_come)
        got = rows.read(sh.text(row, 1), has_values, _label_error(sh, row, raw))
        if len(rows.to_come) > to_come and empty is not None:  # a month still to come: its cells are empty
            empty.update({cell(sh.name, row, value_column(sh, cols, spec.data)): TO_COME for cols, *_ in columns})
        if got is None:
            continue
        period = {"period": got.period, "period_type": got.period_type}
        for cols, fields, col_status, flow in columns:
            printed = group_value(sh, row, cols)
            if printed is None:
                raise sh.error(row, value_column(sh, cols, spec.data), EMPTY, "<an empty cell>")
            col, value, status = printed
            rec = {
                **base,
                **fields,
                **section,
                **period,
                "location": cell(sh.name, row, col),
                "measure": "level",
                "vintage": got.vintage,
                "status": markers.join_status(got.status, col_status, status),
                "value": value,
            }
            rec["flow"] = flow or section.get("flow") or base.get("flow")
            if rec["flow"] is None:
                raise sh.error(
                    row, col, "a flow (Balance, Exports or Imports) in the headings or a section row", "<none>"
                )
            if rec.get("seasonal_adjustment") is None:
                raise sh.error(
                    row, col, "a 'Seasonally Adjusted' / 'Not Seasonally Adjusted' line above the values", "<none>"
                )
            records.append(rec)
    return records


# ---------------------------------------------------------------- item tables


def row_depth(sh: Sheet, spec: Spec, row: int, col: int, raw: str, indents_used: bool) -> int:
    """Indentation from the file: label column, cell indent, leading spaces, bold categories."""
    c = sh.ws.cell(row, col)
    depth = col - spec.labels[0]
    depth += int(c.alignment.indent or 0)
    depth += (len(raw) - len(raw.lstrip(" "))) // 2 if col == spec.labels[0] else 0
    if not indents_used and not c.font.b:
        depth += 1  # exh7/8: plain commodity rows under a bold end-use category
    return depth


def read_item_table(sh: Sheet, spec: Spec, release: str, base: dict) -> list[dict]:
    """Rows are line items (commodities, countries, states); columns are periods and flows."""
    groups = column_groups(sh, spec, spec.header, sh.fallback_year, release)
    if any(m.period_type is None for _, m in groups):
        cols, m = next((c, m) for c, m in groups if m.period_type is None)
        raise sh.error(
            spec.header[-1],
            cols[0],
            "a period heading (a month, Year-to-Date, a quarter, Annual)",
            " / ".join(t for t in header_grid(sh, spec, spec.header)[cols[0]] if t) or "<empty>",
        )
    value_cols = sorted({c for cols, _ in groups for c in cols})
    # are indents used at all below the top lines? (otherwise bold marks the categories)
    rows = [r for r in range(spec.data, sh.max_row + 1) if any(not blank(sh.v(r, c)) for c in value_cols)]
    indents_used = len(spec.labels) > 1 or any(
        sh.ws.cell(r, c).alignment.indent or str(sh.v(r, c) or "").startswith(" ")
        for r in rows
        for c in spec.labels
        if not blank(sh.v(r, c)) and not clean(sh.v(r, c)).lower().startswith("net adjust")
    )
    records: list[dict] = []
    section: dict = {}
    # a table in two blocks (exh16a) names each block: 'Technology Group', 'Selected Countries and Areas'
    prefix: list[str] = [sh.text(spec.header[0], spec.labels[0])] if spec.subtables else []
    tree = Hierarchy()
    row = spec.data
    while row <= sh.max_row:
        if row in spec.subtables:
            # a second block under the same headings (exh16a 'Selected Countries and Areas')
            again = column_groups(
                sh, spec, tuple(row + (r - spec.header[0]) for r in spec.header), sh.fallback_year, release
            )
            if [m.key() for _, m in again] != [
                m.key() for _, m in column_groups(sh, spec, spec.header, sh.fallback_year, release)
            ]:
                raise sh.error(
                    row, 2, f"the headings of rows {spec.header} repeated (exhibit {sh.exhibit} layout)", sh.v(row, 2)
                )
            prefix = [sh.text(row, 1)]
            tree.reset()
            row += len(spec.header)
            continue
        label_col = next((c for c in spec.labels if not blank(sh.v(row, c))), None)
        cells = [sh.v(row, c) for c in value_cols]
        has_values = any(not blank(v) for v in cells)
        if label_col is None:
            if has_values:
                # a section row in the value area ('Exports' in column B, exh18)
                head = next(v for v in cells if not blank(v))
                if flow_section(head) and sum(not blank(v) for v in cells) == 1:
                    section = {"flow": flow_section(head)}
                    tree.reset()
                    row += 1
                    continue
                raise sh.error(row, spec.labels[0], "a line item label", "<empty>")
            tree.close_groups()  # a blank row closes the groups above it (exh2s)
            row += 1
            continue
        raw = str(sh.v(row, label_col))
        label = clean(raw)
        if not has_values:
            if flow_section(label):
                section = {"flow": flow_section(label)}
                tree.reset()
            elif label != DOMESTIC and rows and row < rows[-1]:
                # a line without values among lines with values: the files print none (their
                # headings are flows or '(Domestic)'; notes come below the last values)
                raise sh.error(
                    row,
                    value_cols[0],
                    expected_value(f"for {label!r} (a line among lines with values)"),
                    "<an empty row>",
                )
            # anything else without values (a note below the table) has nothing to read
            row += 1
            continue
        depth = row_depth(sh, spec, row, label_col, raw, indents_used)
        place = tree.place(label, depth, heads_group=sh.text(row + 1, label_col) == DOMESTIC)
        basis = "balance_of_payments" if place.kind == "top" else spec.basis
        for cols, m in groups:
            got = group_value(sh, row, cols)
            if got is None:
                raise sh.error(row, value_column(sh, cols, spec.data), EMPTY, "<an empty cell>")
            col, value, status = got
            group = [clean(w) for w in m.words if clean(w).lower() not in ("total", "totals")][-1:]
            path = [*prefix, *group, *place.parents, label]
            flow = m.flow or section.get("flow") or base.get("flow")
            if flow is None:
                raise sh.error(
                    row, col, "a flow (Balance, Exports or Imports) in the headings, title or a section row", "<none>"
                )
            rec = {
                **base,
                "line_item": label,
                "hierarchy": HIERARCHY_SEP.join(path),
                "level": len(path) - 1,
                "flow": flow,
                "basis": basis,
                "period": m.period,
                "period_type": m.period_type,
                "measure": m.measure,
                "vintage": "current",
                "location": cell(sh.name, row, col),
                "status": markers.join_status(m.status, status),
                "value": value,
            }
            if m.unit:
                rec["unit"] = m.unit
                if m.unit not in ("percent", "rank") and "dollars" not in m.unit:
                    rec["basis"] = "not_applicable"  # quantities (exh17a barrels)
            if m.basis:
                rec["basis"] = m.basis
            records.append(rec)
        row += 1
    return records


# ---------------------------------------------------------------- the account of every cell


def skipped_cells(sh: Sheet, spec: Spec, kept: set[str]) -> dict[str, str]:
    """Numeric cells of the sheet not kept as values, and why (:mod:`..engine.coverage`): a
    year in the headings, a year line of a period table, a cell hidden under a merged heading
    (openpyxl drops its value, so every such cell is listed). Any other number is refused: the
    official workbooks print none outside their values (every bundled file is accounted for,
    tests/readers/test_every_cell.py), so a number typed beside the table would otherwise be
    left out without a word."""
    headers = set(spec.header) | {row + r - spec.header[0] for row in spec.subtables for r in spec.header}
    out: dict[str, str] = {}
    for merged in getattr(getattr(sh.ws, "merged_cells", None), "ranges", ()):
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    out[cell(sh.name, r, c)] = coverage.MERGED
    for r, values in enumerate(sh.rows(), start=1):
        for c, v in enumerate(values, start=1):
            if not coverage.numeric(v) or (where := cell(sh.name, r, c)) in kept:
                continue
            if r in headers and year_of(v):
                out[where] = coverage.HEADING
            elif r >= spec.data and c in spec.labels and spec.kind == "period" and year_of(v):
                out[where] = coverage.PERIOD_LABEL
            else:
                raise sh.error(r, c, STRAY, v)
    return out
