"""Simulated Census exhibit workbooks: the base workbook of August 2021, its period texts and
figures rewritten for another month (:class:`Exhibit`, one per ``exhN.xlsx``).

Period tables (rows are periods: exh1, 2, 3, 3s, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17) keep the
base's rows: per section, year blocks (two or three: the years ``Y - 2`` … ``Y`` of the release
month ``Y-M``) of a year line, 'Jan. - Dec.' (complete years), 'Jan. - M.' (the year to date;
'Jan. -' in January; in December the current year's reads 'Jan. - Dec.' and the earlier
years' is left blank), the twelve months (figures through the release month) and, where the
base has it, 'M-1 data as published last month:' with the previous release's figures. A
revised period's label ends in ' (R)' (:func:`..calendar.status_revised`).

Item tables (rows are lines, columns periods: exh1s, 2s, 2as, 4s, 4as, 7, 8, 14, 14a, 15, 16a,
17a, 18, 19, 20, 20a, 20b) keep every cell; each column's period moves with the release
(:func:`shift_period`) and its headings and the title are rewritten to say so. Their revision
marks ('(R)' headings and cells) are the base's, as the previous month is revised every release.

Each exhibit yields the intended tidy table (what the ingest must read back) and the cells to
write; one loaded base workbook is rewritten for release after release (every cell a plan
touches is written each time), so generating many releases loads each base file once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd

from .. import paths
from ..errors import cell
from ..readers.census.headings import column_groups
from ..readers.census.layout import SPECS
from ..readers.census.sheet import Sheet
from ..readers.engine.periods import LAST_MONTH, YTD, month_number, year_of
from ..readers.engine.text import blank, clean, number, revised
from ..schema import COLUMNS, frame
from . import calendar as cal
from .truth import BASE_CENSUS, decimals_of, series_key
from .values import Pricer, Twin

#: quarters' lag behind the release month (:func:`..calendar.latest_quarter`)
QUARTER_LAG = {"19": 0, "20": 2, "20a": 2, "20b": 2}
LOCATION = re.compile(r"^sheet '(?P<sheet>[^']+)', row (?P<row>\d+), column (?P<col>[A-Z]+)$")


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def where(location: str) -> tuple[int, int]:
    m = LOCATION.match(location)
    if m is None:
        raise ValueError(f"a location like \"sheet 'X', row 12, column B\", not {location!r}")
    return int(m.group("row")), col_index(m.group("col"))


def shift_period(period: str, period_type: str, exhibit: str, base: str, release: str) -> tuple[str, str]:
    """A column's period in the base release -> the same column's in ``release``."""
    y, m = int(release[:4]), int(release[5:7])
    if period_type in ("month", "three_month_average"):
        return cal.add(release, cal.index(period) - cal.index(base)), period_type
    if period_type == "year_to_date":
        year = y + int(period[:4]) - int(base[:4])
        return (str(year), "year") if m == 12 else (f"{year}-{m:02d}", "year_to_date")
    lag = QUARTER_LAG.get(exhibit, 0)
    q_base, q_new = cal.latest_quarter(base, lag), cal.latest_quarter(release, lag)
    if period_type == "quarter":
        offset = (int(period[:4]) * 4 + int(period[-1])) - (int(q_base[:4]) * 4 + int(q_base[-1]))
        return cal.add_quarters(q_new, offset), "quarter"
    last_year = lambda q: int(q[:4]) if q.endswith("Q4") else int(q[:4]) - 1
    return str(int(period) + last_year(q_new) - last_year(q_base)), "year"


@dataclass
class Block:
    year_row: int
    rows: dict = field(default_factory=dict)  # 'year' / 'ytd' / month number -> row


@dataclass
class Section:
    blocks: list[Block] = field(default_factory=list)
    last_label: int | None = None
    templates: dict[int, dict] = field(default_factory=dict)  # column -> the series' fields


class Exhibit:
    """One exhibit workbook of the simulation (the base file loaded once)."""

    def __init__(self, stem: str, base_frame: pd.DataFrame, raw_dir: Path | None = None) -> None:
        self.stem, self.exhibit = stem, stem[3:]
        self.spec = SPECS[self.exhibit]
        self.path = Path(raw_dir or paths.RAW / BASE_CENSUS) / f"{stem}.xlsx"
        # formatting kept: the reader reads indents and bold; the links to other workbooks (external
        # links, 88 of them: 3/4 of the load time) are not, and the simulated files go without them
        self.wb = openpyxl.load_workbook(self.path, keep_links=False)
        self.ws = self.wb.worksheets[0]
        self.base = base_frame
        self.decimals = {u: decimals_of(g["value"]) for u, g in base_frame.groupby("unit")}
        rc = [where(loc) for loc in base_frame["location"]]
        self.base = base_frame.assign(
            row=[r for r, _ in rc],
            col=[c for _, c in rc],
            key=[series_key(stem, r) for r in base_frame.itertuples(index=False)],
        )
        self.value_cols = sorted(set(self.base["col"]))
        self.twins = {
            (r, c): Twin(None if pd.isna(v) else float(v), s)
            for r, c, v, s in zip(self.base["row"], self.base["col"], self.base["value"], self.base["status"])
        }
        if self.spec.kind == "period":
            self.sections = self._period_layout()
            # a cell the base leaves empty (a month after August 2021) stands for the same
            # column's latest printed figure of the same row kind (units that do not add up)
            self.fallback: dict[tuple, Twin] = {}
            for rec in self.base.sort_values("period").to_dict("records"):
                kind = (
                    int(rec["period"][5:7])
                    if rec["period_type"] in ("month", "three_month_average")
                    else rec["period_type"]
                )
                if rec["vintage"] == "current":
                    self.fallback[(rec["col"], kind)] = self.twins[(rec["row"], rec["col"])]
        else:
            self.headers = self._header_cells()

    # ------------------------------------------------------------ base layout

    def _period_layout(self) -> list[Section]:
        ws, sections = self.ws, [Section()]
        section_of_row: dict[int, int] = {}
        r = self.spec.data
        while r <= ws.max_row:
            a, b = ws.cell(r, 1).value, ws.cell(r, 2).value
            has_values = any(number(ws.cell(r, c).value) for c in self.value_cols)
            t = clean(a) if a is not None else ""
            cur = sections[-1]
            if blank(a) and not blank(b) and not has_values:
                if cur.blocks:
                    sections.append(Section())
            elif year_of(t) and not has_values:
                cur.blocks.append(Block(r))
            elif cur.blocks and (ytd := YTD.match(revised(t)[0])):
                end = ytd.group(1)
                cur.blocks[-1].rows["year" if month_number(end or "Jan") == 12 else "ytd"] = r
            elif cur.blocks and month_number(revised(t)[0]):
                cur.blocks[-1].rows[month_number(revised(t)[0])] = r
            elif LAST_MONTH.match(t):
                cur.last_label = r
                section_of_row[r + 1] = len(sections) - 1
                r += 1
            section_of_row[r] = len(sections) - 1
            r += 1
        keep = [
            c
            for c in COLUMNS
            if c not in ("release", "location", "period", "period_type", "vintage", "status", "value")
        ]
        for rec in self.base.drop_duplicates(["row", "col"]).to_dict("records"):
            sec = sections[section_of_row[rec["row"]]]
            sec.templates.setdefault(rec["col"], {**{c: rec[c] for c in keep}, "key": rec["key"]})
        self.label_style = {}
        for sec in sections:
            for blk in sec.blocks:
                for kind in ("year", "ytd"):
                    if kind in blk.rows:
                        text = revised(clean(ws.cell(blk.rows[kind], 1).value))[0]
                        style = re.match(r"^Jan\.(\s*)-(\s*)", text)
                        if style is None:
                            raise ValueError(
                                f"{self.path.name}: a year-to-date label 'Jan. - ...' in row "
                                f"{blk.rows[kind]}, not {text!r}"
                            )
                        self.label_style[kind] = style.groups()
        return [s for s in sections if s.blocks]

    def _header_cells(self) -> dict[tuple[int, int], str]:
        """Heading and title cells that print a period, with their base text."""
        ws, out = self.ws, {}
        rows = set(self.spec.header) | {
            row + r - self.spec.header[0] for row in self.spec.subtables for r in self.spec.header
        }
        self.header_rows = set(rows)
        rows |= set(range(1, self.spec.header[0]))
        for r in rows:
            for c in range(1, ws.max_column + 1):
                v = ws.cell(r, c).value
                if v is not None and re.search(r"(19|20)\d\d|" + "|".join(cal.MONTH_NAMES), str(v)):
                    out[(r, c)] = v
        self.spans: dict[tuple[int, int], list[int]] = {}
        for (r, c), v in out.items():
            if r in self.header_rows and year_of(clean(v)):
                end = next(
                    (cc for cc in range(c + 1, ws.max_column + 1) if not blank(ws.cell(r, cc).value)), ws.max_column + 1
                )
                if end - c > 1:
                    self.spans[(r, c)] = list(range(c, end))
        sh = Sheet(self.path.name, ws, self.exhibit, fallback_year=int(BASE_CENSUS[:4]))
        self.group_of: dict[int, tuple] = {}
        for header in [
            self.spec.header,
            *[tuple(row + r - self.spec.header[0] for r in self.spec.header) for row in self.spec.subtables],
        ]:
            for cols, m in column_groups(sh, self.spec, header, sh.fallback_year, BASE_CENSUS):
                for c in cols:
                    self.group_of[c] = (m.period, m.period_type)
        return out

    # ------------------------------------------------------------ a simulated release

    def release(self, release: str, pricer: Pricer, k: int, start: str) -> tuple[pd.DataFrame, dict]:
        """(intended tidy table, {(row, col): value to write}) of ``release`` (simulated release k)."""
        if self.spec.kind == "period":
            return self._period_release(release, pricer, k, start)
        return self._item_release(release, pricer)

    def _record(
        self,
        tpl: dict,
        release: str,
        row: int,
        col: int,
        period: str,
        ptype: str,
        vintage: str,
        status: str,
        pricer: Pricer,
        twin: Twin,
        measure: str = "level",
    ) -> tuple[dict, object]:
        value, marker = pricer.price(
            tpl["key"], period, ptype, measure, tpl["unit"], vintage, self.decimals.get(tpl["unit"], 0), twin
        )
        rec = {
            **{c: tpl[c] for c in COLUMNS if c in tpl},
            "release": release,
            "location": cell(self.ws.title, row, col),
            "period": period,
            "period_type": ptype,
            "measure": measure,
            "vintage": vintage,
            "status": ";".join(s for s in (status, marker) if s),
            "value": value,
            "source_file": f"{self.stem}.xlsx",
        }
        printed = {"-": "(-)", "X": "(X)", "(D)": "(D)", "n.a.": "n.a."}.get(marker, value) if value is None else value
        if isinstance(printed, float) and printed.is_integer():
            printed = int(printed)
        return rec, printed

    def _period_release(self, release: str, pricer: Pricer, k: int, start: str):
        y, m = int(release[:4]), int(release[5:7])
        writes: dict[tuple[int, int], object] = {}
        records: list[dict] = []
        three = self.exhibit == "2"
        month_type = "three_month_average" if three else "month"

        def label(text: str, period: str, ptype: str) -> str:
            return text + (" (R)" if cal.status_revised(period, ptype, k, start) else "")

        def row_values(sec: Section, row: int, period: str | None, ptype: str, vintage: str = "current") -> None:
            for c in self.value_cols:
                tpl = sec.templates.get(c)
                if tpl is None or period is None:
                    writes[(row, c)] = None
                    continue
                status = "R" if vintage == "current" and cal.status_revised(period, ptype, k, start) else ""
                kind = int(period[5:7]) if ptype in ("month", "three_month_average") else ptype
                twin = self.twins.get((row, c)) or self.fallback.get((c, kind)) or Twin()
                rec, printed = self._record(tpl, release, row, c, period, ptype, vintage, status, pricer, twin)
                writes[(row, c)] = printed
                records.append(rec)

        s1, s2 = self.label_style.get("ytd", self.label_style.get("year", (" ", " ")))
        for sec in self.sections:
            n = len(sec.blocks)
            for i, blk in enumerate(sec.blocks):
                yb = y - (n - 1 - i)
                old = self.ws.cell(blk.year_row, 1).value
                writes[(blk.year_row, 1)] = yb if isinstance(old, int) else str(yb)
                if "year" in blk.rows:
                    r = blk.rows["year"]
                    writes[(r, 1)] = label(f"Jan.{s1}-{s2}Dec.", str(yb), "year")
                    row_values(sec, r, str(yb), "year")
                if "ytd" in blk.rows:
                    r = blk.rows["ytd"]
                    if m == 12 and yb < y:
                        writes[(r, 1)] = None
                        row_values(sec, r, None, "")
                    elif m == 12:
                        writes[(r, 1)] = label(f"Jan.{s1}-{s2}Dec.", str(yb), "year")
                        row_values(sec, r, str(yb), "year")
                    else:
                        text = f"Jan.{s1}-" if m == 1 else f"Jan.{s1}-{s2}{cal.ABBREVIATIONS[m - 1]}"
                        writes[(r, 1)] = label(text, f"{yb}-{m:02d}", "year_to_date")
                        row_values(sec, r, f"{yb}-{m:02d}", "year_to_date")
                for month in range(1, 13):
                    if month not in blk.rows:
                        continue
                    r, period = blk.rows[month], f"{yb}-{month:02d}"
                    printed = (yb, month) <= (y, m)
                    writes[(r, 1)] = (
                        label(cal.MONTH_NAMES[month - 1], period, month_type) if printed else cal.MONTH_NAMES[month - 1]
                    )
                    row_values(sec, r, period if printed else None, month_type)
            if sec.last_label:
                prev = cal.add(release, -1)
                writes[(sec.last_label, 1)] = f"{cal.MONTH_NAMES[int(prev[5:7]) - 1]} data as published last month:"
                row_values(sec, sec.last_label + 1, prev, month_type, "as_published_last_month")
        return frame(records), writes

    def _item_release(self, release: str, pricer: Pricer):
        writes: dict[tuple[int, int], object] = {}
        records = []
        shifted = {}
        for rec in self.base.to_dict("records"):
            pk = (rec["period"], rec["period_type"])
            if pk not in shifted:
                shifted[pk] = shift_period(*pk, self.exhibit, BASE_CENSUS, release)
            period, ptype = shifted[pk]
            tpl = {c: rec[c] for c in COLUMNS if c not in ("value", "status")} | {"key": rec["key"]}
            status = "R" if "R" in rec["status"].split(";") else ""
            new, printed = self._record(
                tpl,
                release,
                rec["row"],
                rec["col"],
                period,
                ptype,
                "current",
                status,
                pricer,
                self.twins[(rec["row"], rec["col"])],
                rec["measure"],
            )
            records.append(new)
            writes[(rec["row"], rec["col"])] = printed
        writes.update(self._headings(release, shifted))
        return frame(records), writes

    def _headings(self, release: str, shifted: dict) -> dict:
        """Rewrite the period words of headings and titles for ``release``."""
        out: dict[tuple[int, int], object] = {}
        dy = int(release[:4]) - int(BASE_CENSUS[:4])
        for (r, c), text in self.headers.items():
            if self.spans.get((r, c)):
                # a year over several columns (exh15/16a '2021' over August, July and the year to
                # date): January's previous month is another year's, so each run of one year gets
                # its own heading cell
                last = None
                for cc in self.spans[(r, c)]:
                    group = self.group_of.get(cc)
                    year = (
                        shift_period(group[0], group[1], self.exhibit, BASE_CENSUS, release)[0][:4]
                        if group and group[0]
                        else last
                    )
                    out[(r, cc)] = (int(year) if isinstance(text, int) else year) if year != last else None
                    last = year
                continue
            group = self.group_of.get(c)
            if r in self.header_rows or group:
                if group is None or group[0] is None:
                    # a heading spanning several columns (exh15/16a '2021'): the year of the first
                    group = next(
                        (
                            self.group_of[cc]
                            for cc in range(c, self.ws.max_column + 1)
                            if self.group_of.get(cc, (None,))[0]
                        ),
                        None,
                    )
                if group is None:
                    continue
                period, ptype = shifted.get(group, shift_period(group[0], group[1], self.exhibit, BASE_CENSUS, release))
                out[(r, c)] = self._rewrite(text, period, ptype, dy)
            else:  # a title ('Not Seasonally Adjusted: August 2021', 'Exhibit 14a ...: 2020')
                out[(r, c)] = self._rewrite(text, None, None, dy, release)
        return out

    @staticmethod
    def _rewrite(text: object, period: str | None, ptype: str | None, dy: int, release: str | None = None) -> object:
        s = str(text)
        if period is not None:
            year = period[:4]
            if ptype in ("month", "three_month_average"):
                s = re.sub("|".join(cal.MONTH_NAMES), cal.MONTH_NAMES[int(period[5:7]) - 1], s)
            if ptype == "quarter":
                s = re.sub(
                    r"(First|Second|Third|Fourth)(\s*)Quarter",
                    lambda mm: f"{['First', 'Second', 'Third', 'Fourth'][int(period[-1]) - 1]}{mm.group(2)}Quarter",
                    s,
                )
            s = re.sub(r"(19|20)\d\d", year, s)
        else:
            if release is None:
                raise ValueError(f"a title ({s!r}) is rewritten for a release: none given")
            s = re.sub("|".join(cal.MONTH_NAMES), cal.MONTH_NAMES[int(release[5:7]) - 1], s)
            s = re.sub(r"(19|20)\d\d", lambda mm: str(int(mm.group(0)) + dy), s)
        return int(s) if isinstance(text, int) else s

    def write(self, writes: dict, out: Path) -> Path:
        ws = self.ws
        for (r, c), v in writes.items():
            ws.cell(r, c).value = v
        self.wb.save(out)
        return out
