"""The one tidy schema every reader produces: one row per published value.

Names follow the report's own words. A reader returns a ``pandas.DataFrame``
with exactly :data:`COLUMNS` (use :func:`frame`), and the ingest writes it
with :func:`write_csv` so that re-running on the same files reproduces the
committed CSVs byte for byte.

Columns
-------
release             release id, the statistical month of the report: ``2025-03``
source_file         official file name: ``exh7.xlsx``, ``trad0325.pdf``
exhibit             the report's exhibit or the workbook's table: ``1``, ``14a``,
                    ``bea-ts-1`` (BEA time series Table 1), ``bea-geo-4``, ``headlines``
location            where in the file: ``sheet '7', row 12, column C`` or ``page 23``
line_item           the row (or column) label as printed, footnote markers removed:
                    ``Computers``, ``Canada``, ``Goods``, ``Total``
hierarchy           the label's path in the table's hierarchy, joined by `` › ``:
                    ``Capital goods, except automotive › Computers``
level               depth in that hierarchy, 0 for a top line
flow                ``exports`` | ``imports`` | ``balance`` (see :data:`FLOWS`)
basis               ``balance_of_payments`` | ``census`` | ``chained_dollars`` | ``cif``
                    | ``not_applicable`` (prices, quantities). ``cif``: imports
                    valued C.I.F. (cost, insurance and freight: the landed value at the first
                    U.S. port, customs value plus import charges, duties excluded), the other
                    valuation exh3s, exh4s/4as and exh17a print beside the Census basis
                    (customs value); the same imports at another valuation, so a basis, not
                    a measure: a sum over one basis never mixes the two
seasonal_adjustment ``seasonally_adjusted`` | ``not_seasonally_adjusted``
unit                from the file's own heading, normalised: ``millions of dollars``,
                    ``millions of chained 2012 dollars``, ``billions of dollars``,
                    ``thousands of barrels``, ``dollars per barrel``, ``percent``, ``rank``
period              ``2021-08`` (month), ``2021-Q3`` (quarter), ``2021`` (year)
period_type         ``month`` | ``quarter`` | ``year`` | ``year_to_date`` (Jan. through
                    the month in ``period``) | ``three_month_average`` (ending in ``period``)
measure             ``level`` (the value itself) | ``change`` (change from the previous
                    period, as printed) | ``percent_change`` | ``rank`` (exh4s/4as: the
                    country's rank by its year-to-date value, as printed: 1 = the largest
                    exports or imports, and for the balance the largest deficit; unit
                    ``rank``, basis that of the values ranked) | ``calculated_duty`` (exh1s: the duty calculated on the line's
                    imports for consumption, flow ``imports``: not an import value, so a
                    sum of ``level`` imports never counts it)
vintage             ``current`` | ``as_published_last_month`` (the file's earlier vintage)
status              the file's markers: ``R`` revised, ``X`` not applicable,
                    ``-`` zero or under half a unit, ``n.a.`` not available,
                    ``(D)`` suppressed, ``not_maintained`` (BEA Tables 4/5 footnote "1":
                    "revised but not being maintained in this presentation", no value);
                    several joined by ``;``; empty when none
value               the number as published (empty when the status says there is none)

Every table is checked against this schema where it is made (:func:`frame`, a reader's
records) and where it is read back (:func:`read_csv`, a committed table that may have been
edited by hand): each column's vocabulary (:data:`ALLOWED`, :data:`STATUSES`, :data:`UNIT_RE`),
a period written as its ``period_type`` says, a value exactly where the status says there
is one, and one row per figure (:data:`FIGURE`). The first problem is one line naming the
file, the row (or the file's cell) and column, what was expected and what was found.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from .errors import DataError, IngestError

COLUMNS = [
    "release",
    "source_file",
    "exhibit",
    "location",
    "line_item",
    "hierarchy",
    "level",
    "flow",
    "basis",
    "seasonal_adjustment",
    "unit",
    "period",
    "period_type",
    "measure",
    "vintage",
    "status",
    "value",
]

HIERARCHY_SEP = " › "

FLOWS = ("exports", "imports", "balance")
BASES = ("balance_of_payments", "census", "chained_dollars", "cif", "not_applicable")
SEASONAL = ("seasonally_adjusted", "not_seasonally_adjusted")
PERIOD_TYPES = ("month", "quarter", "year", "year_to_date", "three_month_average")
MEASURES = ("level", "change", "percent_change", "rank", "calculated_duty")
VINTAGES = ("current", "as_published_last_month")
STATUSES = ("R", "X", "-", "n.a.", "(D)", "not_maintained")

ALLOWED = {
    "flow": FLOWS,
    "basis": BASES,
    "seasonal_adjustment": SEASONAL,
    "period_type": PERIOD_TYPES,
    "measure": MEASURES,
    "vintage": VINTAGES,
}
#: statuses that say the file prints no number (the value is empty exactly when one of them is there)
NO_VALUE = ("X", "-", "n.a.", "(D)", "not_maintained")
#: every unit the files state, normalised (a new one is refused until this list knows it)
UNIT_RE = re.compile(
    r"(?:thousands|millions|billions) of (?:chained (?:19|20)\d\d )?dollars"
    r"|thousands of barrels(?: per day)?|dollars per barrel|percent|rank"
)  # fullmatch
UNITS = (
    "thousands|millions|billions of [chained YYYY] dollars, thousands of barrels [per day], "
    "dollars per barrel, percent, rank"
)
_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")
_CODES = "|".join(re.escape(c) for c in STATUSES)
_STATUS_RE = f"(?:(?:{_CODES})(?:;(?:{_CODES}))*)?"
_NO_VALUE_RE = "(?:^|;)(?:" + "|".join(re.escape(c) for c in NO_VALUE) + ")(?:;|$)"
#: how each period_type writes its period (fullmatch)
PERIOD_RES = {
    "month": _MONTH,
    "year_to_date": _MONTH,
    "three_month_average": _MONTH,
    "quarter": re.compile(r"\d{4}-Q[1-4]"),
    "year": re.compile(r"\d{4}"),
}
PERIOD_EXAMPLES = {
    "month": "YYYY-MM (2025-03)",
    "year_to_date": "YYYY-MM (2025-03)",
    "three_month_average": "YYYY-MM (2025-03)",
    "quarter": "YYYY-Q1 to YYYY-Q4",
    "year": "YYYY",
}
#: the columns that name one figure: two rows of a table that agree on all of them are the same figure
FIGURE = [c for c in COLUMNS if c not in ("release", "source_file", "location", "level", "status", "value")]


def problem(df: pd.DataFrame) -> tuple[list[int], str, str, object] | None:
    """The first way a tidy frame breaks the schema, or None: (row positions, column, what
    was expected, what was found). Columns are text as read (``status`` '' when none,
    ``value`` NaN when empty)."""
    for col, allowed in ALLOWED.items():
        if unknown := [v for v in df[col].unique() if v not in allowed]:  # unique values: a few per column
            i = _first(df[col].isin(unknown))
            return [i], col, f"one of {', '.join(allowed)}", df[col].iloc[i]
    status = df["status"].fillna("").astype(str)
    if unknown := [v for v in status.unique() if not re.fullmatch(_STATUS_RE, v)]:
        i = _first(status.isin(unknown))
        return [i], "status", f"status codes among {', '.join(STATUSES)}, joined by ';'", df["status"].iloc[i]
    if unknown := [v for v in df["unit"].unique() if not (isinstance(v, str) and UNIT_RE.fullmatch(v))]:
        i = _first(df["unit"].isin(unknown))
        return [i], "unit", f"a unit the schema knows ({UNITS})", df["unit"].iloc[i]
    pairs = df[["period_type", "period"]].drop_duplicates()
    for ptype, period in zip(pairs["period_type"], pairs["period"]):
        if not (isinstance(period, str) and PERIOD_RES[ptype].fullmatch(period)):
            i = _first((df["period_type"] == ptype) & (df["period"] == period))
            return [i], "period", f"a {ptype} period as {PERIOD_EXAMPLES[ptype]}", df["period"].iloc[i]
    none = status.isin([v for v in status.unique() if re.search(_NO_VALUE_RE, v)])
    empty = df["value"].isna()
    if (bad := empty & ~none).any():
        i = _first(bad)
        return [i], "value", f"a number (an empty value needs a status that says so: {', '.join(NO_VALUE)})", "<empty>"
    if (bad := ~empty & none).any():
        i = _first(bad)
        return [i], "value", f"no value, as its status {df['status'].iloc[i]!r} says", format_value(df["value"].iloc[i])
    twice = df.duplicated(FIGURE, keep=False)
    if twice.any():
        first = df[twice].iloc[0]
        same = df[twice & (df[FIGURE] == first[FIGURE]).all(axis=1)]
        rows = [int(df.index.get_loc(j)) for j in same.index]
        values = ", ".join(format_value(v) or "(none)" for v in same["value"])
        differ = "different values" if same["value"].nunique(dropna=False) > 1 else "the same value"
        return (
            rows,
            "",
            "one row per figure (exhibit, line, flow, basis, adjustment, unit, period, measure, vintage)",
            f"<{len(rows)} rows for {first['line_item']!r} {first['flow']} {first['period']}, {differ}: {values}>",
        )
    return None


def _first(mask) -> int:
    return int(mask.to_numpy().nonzero()[0][0])


def frame(records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Build a tidy frame from dict records, checking columns and vocabularies.

    Raises ``ValueError`` naming the record's ``location`` when a value is outside
    the schema's vocabulary: that is a bug in the reader, not in the file.
    """
    rows = list(records)
    for r in rows:
        missing = [c for c in COLUMNS if c not in r]
        if missing:
            raise ValueError(f"{r.get('location', '?')}: record lacks columns {missing}")
        for col, allowed in ALLOWED.items():
            if r[col] not in allowed:
                raise ValueError(f"{r['location']}: {col}={r[col]!r} is not one of {allowed}")
        for s in str(r["status"] or "").split(";"):
            if s and s not in STATUSES:
                raise ValueError(f"{r['location']}: status {s!r} is not one of {STATUSES}")
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["level"] = df["level"].astype(int)
    df["status"] = df["status"].fillna("").astype(str)
    df["value"] = pd.to_numeric(df["value"], errors="raise")
    found = problem(df)
    if found is not None:  # the file's own words (a unit, a figure printed twice): one line naming its cells
        positions, col, expected, what = found
        where = " and ".join(str(df["location"].iloc[i]) for i in positions)
        raise IngestError(
            str(df["source_file"].iloc[positions[0]]),
            where,
            expected,
            what,
            hint="is a row of the table repeated?" if not col else None,
        )
    return df


def format_value(v: float | str | None) -> str:
    """Numbers as the files print them: integers without '.0', decimals as given."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    f = float(v)
    if f.is_integer() and abs(f) < 1e15:
        return str(int(f))
    return repr(round(f, 6))


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write a tidy frame deterministically (fixed column order, '\\n' line ends)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for row in df[COLUMNS].itertuples(index=False):
        out = list(row)
        out[-1] = format_value(out[-1])
        out[COLUMNS.index("level")] = str(int(out[COLUMNS.index("level")]))
        w.writerow(["" if (isinstance(x, float) and math.isnan(x)) else x for x in out])
    path.write_text(buf.getvalue(), encoding="utf-8")


def read_csv(path: Path) -> pd.DataFrame:
    """Read a tidy CSV back with the right types (strings stay strings: '08' stays '08').

    A damaged table (missing, not CSV, a column missing, a level or value that is not a
    number) is one :class:`~tradesite.errors.DataError` line naming the file, row and column."""
    path = Path(path)
    fix = f"run `tradesite ingest {path.parent.name}` again to rewrite it"
    dtypes = {c: str for c in COLUMNS if c not in ("level", "value")}
    try:
        df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values={"value": [""]})
    except FileNotFoundError:
        raise DataError(str(path), "", "the tidy table release.json lists", "<no such file>", hint=fix) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        detail = " ".join(str(exc).split())[:120]
        raise DataError(str(path), "", "a tidy table in CSV (UTF-8)", f"<{detail}>", hint=fix) from None
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise DataError(
            str(path),
            "row 1 (the header)",
            f"the columns {', '.join(COLUMNS)}",
            f"<no column {', '.join(missing)}>",
            hint=fix,
        )
    if list(df.columns) != COLUMNS:
        raise DataError(
            str(path),
            "row 1 (the header)",
            f"exactly the columns {', '.join(COLUMNS)}",
            ", ".join(df.columns),
            hint=fix,
        )
    level = pd.to_numeric(df["level"], errors="coerce")
    value = pd.to_numeric(df["value"], errors="coerce")  # an empty cell is NaN already: no value
    for col, kind, bad in (
        ("level", "a whole number", level.isna() | (level % 1 != 0)),
        ("value", "a number or nothing", value.isna() & df["value"].notna()),
    ):
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(str(path), f"row {i + 2}, column {col!r}", kind, df[col].iloc[i], hint=fix)
    df["level"], df["value"] = level.astype(int), value
    found = problem(df)
    if found is not None:
        rows, col, expected, what = found
        where = (
            ("rows " if len(rows) > 1 else "row ")
            + " and ".join(str(i + 2) for i in rows)
            + (f", column {col!r}" if col else "")
        )
        raise DataError(str(path), where, expected, what, hint=fix)
    return df
