"""Transcribed headline figures ``headlines.csv`` (a release whose data files are not at hand).

Each row is one sentence of BEA's release page: ``measure, period, value_billions_usd,
change_billions_usd, change_percent, quote, source_url, published``. It becomes up to three
tidy values (``level``, ``change``, ``percent_change``; an empty cell gives none), table id
and exhibit ``headlines``, and a note keeping the sentence and the page's URL, so every
figure can be checked against the words it came from.

The measure text is mapped, not guessed:

    [three-month average ]<what>[, revised | , change from YYYY | , change from a year earlier]

``<what>`` names the flow and the scope: 'goods and services balance (deficit)',
'exports of goods', 'services balance (surplus)'; where it names no scope (the three-month
averages: 'three-month average exports') it is goods and services, as the release's
three-month-average paragraph is. Scopes map to ``Total`` / ``Goods`` / ``Services`` as in
BEA Table 1 and Exhibit 1. Balance of payments basis; months and three-month averages
seasonally adjusted, years not (as BEA Table 1 labels them).

'change from a year earlier' (a three-month average against the same three months a year
before) has no place in the schema, whose ``change`` is from the previous period: such rows
give no tidy values, only their note.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..errors import IngestError
from ..schema import HIERARCHY_SEP, frame
from . import ReadResult
from .engine import coverage

COLUMNS = [
    "measure",
    "period",
    "value_billions_usd",
    "change_billions_usd",
    "change_percent",
    "quote",
    "source_url",
    "published",
]

#: value column -> (measure, unit)
VALUES = {
    "value_billions_usd": ("level", "billions of dollars"),
    "change_billions_usd": ("change", "billions of dollars"),
    "change_percent": ("percent_change", "percent"),
}

SCOPES = {"goods and services": "Total", "goods": "Goods", "services": "Services"}

MEASURE_RE = re.compile(
    r"^(?P<avg>three-month average )?"
    r"(?:(?P<scope>goods and services|goods|services) )?(?P<flow>balance|exports|imports)"
    r"(?: \((?:deficit|surplus)\))?(?: of (?P<of>goods and services|goods|services))?"
    r"(?:, (?P<suffix>revised|change from (?P<base>\d{4})|change from a year earlier))?$"
)
NOT_IN_SCHEMA = "change from a year earlier"

PERIOD_RES = {
    "month": re.compile(r"\A\d{4}-(0[1-9]|1[0-2])\Z"),
    "year": re.compile(r"\A\d{4}\Z"),
    "three_month_average": re.compile(r"\A(\d{4})-(\d{2})/(\d{4})-(\d{2})\Z"),
}


def read(path: Path, release: str) -> ReadResult:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            raise IngestError(path.name, "row 1", f"the columns {COLUMNS}", reader.fieldnames)
        rows = list(reader)
    result = ReadResult(tables={}, titles={"headlines": "Headline figures, as stated on BEA's release page"})
    records = []
    for n, row in enumerate(rows, start=2):
        found = _records(path.name, release, n, row)
        records.extend(found)
        if coverage.numeric(row["period"]):  # '2024': the period of the row's figures
            result.skipped[f"row {n}, column 'period'"] = coverage.PERIOD_LABEL
        if not found:  # 'change from a year earlier': the sentence is kept as a note
            result.skipped.update(
                {f"row {n}, column {col!r}": coverage.NOT_IN_SCHEMA for col in VALUES if row[col].strip()}
            )
        result.notes.append(
            {
                "section": "headlines",
                "heading": row["measure"],
                "anchor": re.sub(r"[^a-z0-9]+", "-", row["measure"].lower()).strip("-"),
                "paragraphs": [row["quote"]],
                "url": row["source_url"],
            }
        )
    for key in ("published", "source_url"):
        values = sorted({r[key] for r in rows})
        if len(values) != 1:
            raise IngestError(path.name, f"column {key!r}", "the same value on every row", values)
    result.meta = {"published": rows[0]["published"], "url": rows[0]["source_url"]}
    result.tables["headlines"] = frame(records)
    return result


def _records(file: str, release: str, n: int, row: dict) -> list[dict]:
    m = MEASURE_RE.match(row["measure"])
    if not m:
        raise IngestError(
            file,
            f"row {n}, column 'measure'",
            "'[three-month average ]<goods and services balance|exports of goods|...>[, revised|, change from YYYY]'",
            row["measure"],
        )
    if m.group("suffix") == NOT_IN_SCHEMA:
        return []
    scope = SCOPES[m.group("scope") or m.group("of") or "goods and services"]
    period_type = "three_month_average" if m.group("avg") else "year" if m.group("base") else "month"
    period = _period(file, n, row["period"], period_type, m.group("base"))
    out = []
    for col, (measure, unit) in VALUES.items():
        raw = row[col].strip()
        if not raw:
            continue
        try:
            value = float(raw)
        except ValueError:
            raise IngestError(file, f"row {n}, column {col!r}", "a number or nothing", raw) from None
        out.append(
            {
                "release": release,
                "source_file": file,
                "exhibit": "headlines",
                "location": f"row {n}, column {col!r}",
                "line_item": scope,
                "hierarchy": scope if scope == "Total" else HIERARCHY_SEP.join(("Total", scope)),
                "level": 0 if scope == "Total" else 1,
                "flow": m.group("flow"),
                "basis": "balance_of_payments",
                "seasonal_adjustment": "not_seasonally_adjusted" if period_type == "year" else "seasonally_adjusted",
                "unit": unit,
                "period": period,
                "period_type": period_type,
                "measure": measure,
                "vintage": "current",
                "status": "R" if m.group("suffix") == "revised" else "",
                "value": value,
            }
        )
    return out


def _period(file: str, n: int, found: str, period_type: str, base: str | None) -> str:
    """'2024-12' stays; '2024-10/2024-12' (three months) -> '2024-12'; a 'change from 2023' must be for 2024."""
    m = PERIOD_RES[period_type].match(found)
    where = f"row {n}, column 'period'"
    if not m:
        raise IngestError(file, where, f"a {period_type} period", found)
    if period_type == "three_month_average":
        y1, m1, y2, m2 = (int(g) for g in m.groups())
        if (y2 * 12 + m2) - (y1 * 12 + m1) != 2:
            raise IngestError(file, where, "three months 'YYYY-MM/YYYY-MM'", found)
        return found.split("/")[1]
    if base is not None and int(found) != int(base) + 1:
        raise IngestError(file, where, f"the year after {base} (the measure's 'change from {base}')", found)
    return found
