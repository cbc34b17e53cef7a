"""Simulated BEA workbooks: the time-series workbook (base: March 2025) and the countries
workbook (base: January 2025), their data rows written anew for another month.

Each table sheet keeps its heading rows; then 'Annual' rows from the base's first year through
the last complete year (the release's year once its December is out), then 'Monthly' rows
from the base's first month through the release month (time series), or 'Quarterly' rows
through the newest quarter (countries: the last one ending a month or more before the release
month), a blank row and the base's notes. A revised period is labelled '(R)'
(:func:`..calendar.status_revised`). 'Last updated <date>' (row 1 of every sheet) is the
simulated publication date; BEA's ``=Readme!A1`` formulas are written as their text.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from .. import paths
from ..errors import cell
from ..schema import COLUMNS, frame
from ..sources import mmyy
from . import calendar as cal
from .census import where
from .truth import BASE_BEA, BASE_GEO, series_key
from .values import Pricer, Twin

KINDS = {
    "bea-ts": ("trad-time-series-{}.xlsx", BASE_BEA, "month", 0),
    "bea-geo": ("trad-geo-time-series-{}.xlsx", BASE_GEO, "quarter", 1),
}
BEA_MONTHS = [m[:3] for m in cal.MONTH_NAMES]


class Workbook:
    """One BEA workbook of the simulation (the base file read once)."""

    def __init__(self, kind: str, base_tables: dict[str, pd.DataFrame], raw_dir: Path | None = None) -> None:
        self.kind = kind
        pattern, self.base_release, self.sub, self.lag = KINDS[kind]
        self.path = Path(raw_dir or paths.RAW / self.base_release) / pattern.format(mmyy(self.base_release))
        self.pattern = pattern
        wb = openpyxl.load_workbook(self.path, data_only=True, keep_links=False)  # links to other files: not read
        self.sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
        self.tables = {}
        for table_id, df in sorted(base_tables.items()):
            if not table_id.startswith(kind):
                continue
            rc = [where(loc) for loc in df["location"]]
            sheet = df["location"].iloc[0].split("'")[1]
            df = df.assign(col=[c for _, c in rc], key=[series_key(table_id, r) for r in df.itertuples(index=False)])
            columns = {c: g.iloc[0].to_dict() for c, g in df.groupby("col")}
            twins = {
                (c, p): Twin(None if pd.isna(v) else float(v), s)
                for c, p, v, s in zip(df["col"], df["period"], df["value"], df["status"])
            }
            latest = {
                c: twins[(c, g.sort_values("period")["period"].iloc[-1])]
                for c, g in df[df["period_type"] == self.sub].groupby("col")
            }
            years = sorted(df.loc[df["period_type"] == "year", "period"].unique())
            subs = sorted(df.loc[df["period_type"] == self.sub, "period"].unique())
            rows = self.sheets[sheet]
            header = next(i for i, r in enumerate(rows) if str(r[0]).strip() == "Annual")  # heading rows before it
            end = next(i for i in range(header, len(rows)) if all(v is None or str(v).strip() == "" for v in rows[i]))
            notes = rows[end:]
            while notes and all(v is None for v in notes[-1]):
                notes.pop()
            self.tables[table_id] = dict(
                sheet=sheet,
                header=header,
                columns=columns,
                twins=twins,
                latest=latest,
                first_year=years[0],
                first_sub=subs[0],
                notes=notes,
                width=len(rows[0]),
                decimals=0,
            )

    def name(self, release: str) -> str:
        return self.pattern.format(mmyy(release))

    def tables_only(self, release: str, pricer: Pricer, k: int, start: str) -> dict[str, pd.DataFrame]:
        """The intended tidy tables without writing the workbook (the tidy-level path)."""
        return self.release(release, pricer, k, start, None)

    def release(
        self, release: str, pricer: Pricer, k: int, start: str, out_dir: Path | None
    ) -> dict[str, pd.DataFrame]:
        """Write the release's workbook into ``out_dir`` (None: don't); returns its intended tidy tables."""
        y = int(release[:4])
        stamp = cal.published(release)
        updated = f"Last updated {stamp:%B} {stamp.day}, {stamp.year}"
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        readme = wb.create_sheet("Readme")
        for row in self.sheets["Readme"]:
            readme.append(row)
        readme.cell(1, 1).value = updated
        out: dict[str, pd.DataFrame] = {}
        for table_id, t in self.tables.items():
            if self.sub == "month":
                last_year = y if release.endswith("-12") else y - 1
                subs = [cal.month_of(i) for i in range(cal.index(t["first_sub"]), cal.index(release) + 1)]
            else:
                q = cal.latest_quarter(release, self.lag)
                last_year = int(q[:4]) if q.endswith("Q4") else int(q[:4]) - 1
                subs, cur = [], t["first_sub"]
                while cur <= q:
                    subs.append(cur)
                    cur = cal.add_quarters(cur, 1)
            years = [str(v) for v in range(int(t["first_year"]), last_year + 1)]
            ws = wb.create_sheet(t["sheet"])
            base_rows = self.sheets[t["sheet"]]
            for row in base_rows[: t["header"]]:
                ws.append(row)
            ws.cell(1, 1).value = updated
            records = []

            def data_rows(periods: list[str], ptype: str, section: str) -> None:
                ws.append([section])
                for p in periods:
                    r = ws.max_row + 1
                    revised = cal.status_revised(p, ptype, k, start, self.lag if ptype == "quarter" else 0)
                    if ptype == "year":
                        label = int(p) if not revised else f"{p} (R)"
                    elif ptype == "month":
                        label = f"{p[:4]} {BEA_MONTHS[int(p[5:7]) - 1]}" + (" (R)" if revised else "")
                    else:
                        label = f"{p[:4]} {p[-1]}" + (" (R)" if revised else "")
                    line = [label] + [None] * (t["width"] - 1)
                    for c, tpl in t["columns"].items():
                        twin = t["twins"].get((c, p)) or t["latest"].get(c) or Twin()
                        value, marker = pricer.price(tpl["key"], p, ptype, "level", tpl["unit"], "current", 0, twin)
                        line[c - 1] = (
                            {"not_maintained": "(1)", "n.a.": "n.a.", "-": "(*)"}.get(marker)
                            if value is None
                            else int(value)
                        )
                        status = ";".join(s for s in ("R" if revised else "", marker or "") if s)
                        seasonal = "seasonally_adjusted" if ptype != "year" else "not_seasonally_adjusted"
                        records.append(
                            {
                                **{col: tpl[col] for col in COLUMNS},
                                "release": release,
                                "source_file": self.name(release),
                                "location": cell(t["sheet"], r, c),
                                "seasonal_adjustment": seasonal,
                                "period": p,
                                "period_type": ptype,
                                "vintage": "current",
                                "status": status,
                                "value": value,
                            }
                        )
                    ws.append(line)

            data_rows(years, "year", "Annual")
            data_rows(subs, self.sub, "Monthly" if self.sub == "month" else "Quarterly")
            for row in t["notes"]:
                ws.append(row)
            out[table_id] = frame(records)
        if out_dir is not None:
            wb.save(out_dir / self.name(release))
        return out
