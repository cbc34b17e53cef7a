"""The JavaScript tests' fixtures, made from the project's own data and Python code, so that the
browser's sums, charts and map colours are checked against them (tests/js/*.test.js).

    python3 tests/js/make_fixtures.py      # rewrite tests/js/fixtures/*.json

``tests/test_javascript.py`` checks that the committed files are what this makes now.

* ``sums.json``: monthly values of exhibit 1 (seasonally adjusted) and exhibit 12 (not
  seasonally adjusted) as the 2025-03 release printed them (its tidy tables), the annual totals
  and year-to-date figures the same release printed, and the quarterly, annual and year-to-date
  sums computed here with pandas (all months present, year to date from January).
* ``linechart.json``: what ``site/render/linechart.py`` draws for a line with gaps and a line with few
  values (axis labels, path data, dots), for the browser's port of it.
* ``map_classes.json``: ``site/versioned/explorer/geo.classes`` on a few sets of values.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "fixtures"
RELEASE = "2025-03"
TABLES = {"pdf-exh1": "seasonally_adjusted", "pdf-exh12": "not_seasonally_adjusted"}


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else float(v)


def sums() -> dict:
    cases = []
    for table, adjustment in TABLES.items():
        path = ROOT / "data" / "releases" / RELEASE / f"{table}.csv"
        frame = pd.read_csv(path, dtype={"period": str})
        frame = frame[(frame["vintage"] == "current") & (frame["measure"] == "level")]
        assert set(frame["seasonal_adjustment"]) == {adjustment}, path
        for (hierarchy, flow), g in frame.groupby(["hierarchy", "flow"], sort=True):
            months = g[g["period_type"] == "month"].set_index("period")["value"].sort_index()
            if len(months) < 12:
                continue
            m = pd.Series(months.values, index=pd.PeriodIndex(months.index, freq="M"))
            quarters = {f"{p.year}-Q{p.quarter}": _number(v.sum()) for p, v in m.groupby(m.index.asfreq("Q"))
                        if len(v) == 3}
            years = {str(y): _number(v.sum()) for y, v in m.groupby(m.index.year) if len(v) == 12}
            ytd = {}
            for p in m.index:
                jan_to_p = m[(m.index.year == p.year) & (m.index.month <= p.month)]
                if len(jan_to_p) == p.month:
                    ytd[str(p)] = _number(jan_to_p.sum())
            printed = g[g["period_type"].isin(["year", "year_to_date"])]
            cases.append({
                "source": f"data/releases/{RELEASE}/{table}.csv", "line": hierarchy, "flow": flow,
                "seasonal_adjustment": adjustment, "unit": g["unit"].iloc[0],
                "months": {str(p): _number(v) for p, v in m.items()},
                "printed_year": {r.period: _number(r.value) for r in printed.itertuples() if r.period_type == "year"},
                "printed_ytd": {r.period: _number(r.value) for r in printed.itertuples() if r.period_type == "year_to_date"},
                "quarter": quarters, "year": years, "ytd": ytd,
            })
    return {"release": RELEASE, "cases": cases}


def linechart() -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from tradesite.site.render import linechart as lc

    gappy = [(f"{y}-{m:02d}", float((m * 37 + y * 11) % 90 - 40)) for y in (2019, 2020, 2021) for m in range(1, 13)]
    gappy = [p for p in gappy if p[0] not in ("2020-03", "2020-04", "2021-07")]
    long = [(f"{y}-{m:02d}", 1000.0 + (y - 1992) * 50 + (m % 5) * 13.5) for y in range(1992, 2026) for m in range(1, 13)]
    quarterly = [("2024-Q1", 2.5), ("2024-Q2", 3.0), ("2024-Q4", -1.25)]
    out = []
    for name, points, freq in (("gappy", gappy, "monthly"), ("long", long, "monthly"), ("quarterly", quarterly, "quarterly")):
        for layout in lc.SIZES:
            svg = str(lc.svg([lc.Line(name, "exports", points)], freq, layout, name))
            out.append({
                "name": name, "layout": layout, "frequency": freq, "points": points,
                "labels": re.findall(r"<text[^>]*>([^<]*)</text>", svg),
                "paths": re.findall(r'<g class="ts-lc-line"[^>]*>(?:<path d="([^"]*)"/>)?', svg),
                "dots": len(re.findall(r"<circle", svg)),
            })
    return {"charts": out}


def map_classes() -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from tradesite.site.versioned.explorer import geo

    sets = [
        {"A": -500.0, "B": -20.0, "C": 0.0, "D": 15.0, "E": 3000.0, "F": -7.0, "G": 250.0, "H": -250.0, "I": 1.0, "J": 88.0, "K": -1.0},
        {f"P{k}": float((k * 7919) % 1000 - 500) for k in range(40)},
        {"Only": 12.0},
        {"Zero": 0.0, "Nil": 0.0},
    ]
    cases = []
    for values in sets:
        for flow in ("balance", "exports"):
            vals = values if flow == "balance" else {k: abs(v) for k, v in values.items()}
            cases.append({"flow": flow, "values": vals, "classes": geo.classes(vals, flow)[0]})
    return {"cases": cases}


def fixtures() -> dict[str, str]:
    """File name -> its text."""
    made = {"sums.json": sums(), "linechart.json": linechart(), "map_classes.json": map_classes()}
    return {name: json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n" for name, obj in made.items()}


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, text in fixtures().items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {OUT / name}")
