"""The simulation's truth: one reference value per series, consistent with every identity.

A *series* (:func:`series_key`) is one printed line of one table family at one flow, basis,
seasonal adjustment and unit: ``('census', '7', 'Total, Census Basis › Capital goods', 'exports',
'census', 'seasonally_adjusted', 'millions of dollars', 'level')``; BEA's time-series and
countries tables key by table, line and flow (their annual rows say "not seasonally adjusted",
their months or quarters "seasonally adjusted", and the months sum to the years). Series the
validation says are one figure are one series (:func:`unions`: :data:`validate.census.SAME_FIGURE`,
exhibits 1/3/4 = BEA Tables 1/2/3, Tables 2/3's total = Table 1's services).

The Census exhibits' lines are those of the August 2021 workbooks (the simulated release PDF
prints the same exhibits line for line, as the real one does: :mod:`.pdf`). Reference values
come from one snapshot where it has the series: BEA's time-series workbook of March 2025 (whose
Tables 1–3 are exhibits 1, 3 and 4), then BEA's countries workbook of January 2025, then the
August 2021 exhibit workbooks (scaled by the growth of exhibit 1's exports between the two). Each is
the printed value divided by the multiplier of its months (:func:`..calendar.multiplier`).
Printed figures satisfy their identities only within rounding, and lines of 2021 and 2025 meet
in the same sums, so the reference vector is then projected (least squares, smallest change)
onto the identities of :mod:`tradesite.validate` taken as exact linear equations
(:func:`constraints`): balance = exports − imports, parts = their total, balance of payments
basis = Census basis + net adjustments, BEA's categories and countries. A simulated figure is
``reference × Σ multiplier × revision`` of its months, rounded as its table prints: n printed
figures of an exact identity then differ by at most n × 0.5, within every tolerance.

Units that do not add up (percent, dollars per barrel, barrels per day, ranks) keep the base
file's figure of the same cell; series whose base figures are all zero or '(-)' are zero.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..schema import HIERARCHY_SEP, read_csv
from ..validate import census as vc
from . import calendar as cal

#: the bundled complete releases the simulation is made from
BASE_CENSUS = "2021-08"  # the 31 exhibit workbooks
BASE_BEA = "2025-03"  # the release PDF and BEA's time-series workbook
BASE_GEO = "2025-01"  # BEA's countries workbook
#: committed tidy tables of the base releases (never the scratch data folder of a simulation)
BASE_DATA = paths.ROOT / "data" / "releases"

NOT_ADDITIVE = set(vc.NOT_ADDITIVE) | {"rank"}
SNAPSHOT_PRIORITY = {BASE_BEA: 3, BASE_GEO: 2, BASE_CENSUS: 1}


def family(table_id: str) -> str:
    if table_id.startswith("bea-ts"):
        return "bea-ts"
    if table_id.startswith("bea-geo"):
        return "bea-geo"
    return "census"


def additive(unit: str, measure: str) -> bool:
    return unit not in NOT_ADDITIVE and measure != "rank"


def series_key(table_id: str, r) -> tuple:
    """The series a tidy row prints (``r``: a mapping or a namedtuple of the schema's columns)."""
    get = r.get if isinstance(r, dict) else (lambda c: getattr(r, c))
    fam = family(table_id)
    if fam == "bea-ts":
        return (fam, get("exhibit"), get("hierarchy"), get("flow"))
    if fam == "bea-geo":
        return (fam, get("exhibit"), get("line_item"), get("flow"))
    measure = get("measure")
    measure = "level" if measure == "change" else measure
    return (
        fam,
        get("exhibit"),
        get("hierarchy"),
        get("flow"),
        get("basis"),
        get("seasonal_adjustment"),
        get("unit"),
        measure,
    )


def seasonal(key: tuple) -> bool:
    return key[0] == "census" and key[5] == "not_seasonally_adjusted"


def load_base(data_dir: Path = BASE_DATA) -> dict[str, dict[str, pd.DataFrame]]:
    """{base release: {table id: tidy frame}} of the three bundled complete kinds."""
    out: dict[str, dict[str, pd.DataFrame]] = {}
    for release, prefixes in ((BASE_CENSUS, ("exh",)), (BASE_BEA, ("bea-ts",)), (BASE_GEO, ("bea-geo",))):
        folder = data_dir / release
        if not (folder / "release.json").is_file():
            raise FileNotFoundError(
                f"{folder}: the bundled release the simulation is made from is missing "
                f"(run `tradesite ingest {release}`)"
            )
        out[release] = {p.stem: read_csv(p) for p in sorted(folder.glob("*.csv")) if p.stem.startswith(prefixes)}
    return out


class Unions:
    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}

    def find(self, a: tuple) -> tuple:
        self.parent.setdefault(a, a)
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: tuple, b: tuple) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _with_keys(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    frames = []
    for table_id, df in tables.items():
        if len(df):
            frames.append(df.assign(table=table_id, key=[series_key(table_id, r) for r in df.itertuples(index=False)]))
    return pd.concat(frames, ignore_index=True)


#: the columns of a tidy row a :data:`SameSeries` function reads
SAME_SERIES_COLUMNS = ["exhibit", "hierarchy", "flow", "basis", "seasonal_adjustment", "period_type", "unit"]
#: a function naming the series a tidy row (a dict of :data:`SAME_SERIES_COLUMNS`) prints, or None:
#: rows it names alike are one series whichever file or exhibit prints them. The site's series
#: explorer reads releases this way (``tradesite.report.series.key_of``, which this package may
#: not import: the caller passes it, as scripts/simulate_archive.py does)
SameSeries = Callable[[dict], Hashable | None]


def unions(rows: pd.DataFrame, same_series: SameSeries | None = None) -> Unions:
    """Series the validation holds to be one figure (tolerance 0), and those ``same_series``
    names alike (the real files print them alike: two files of one release never disagree)."""
    u = Unions()
    for k in rows["key"].unique():
        u.find(k)
    if same_series is not None:
        printed = rows[(rows["measure"] == "level") & (rows["vintage"] == "current")]
        first: dict = {}
        for *cols, key in printed[[*SAME_SERIES_COLUMNS, "key"]].drop_duplicates().itertuples(index=False, name=None):
            name = same_series(dict(zip(SAME_SERIES_COLUMNS, cols)))
            if name is not None:
                u.union(first.setdefault(name, key), key)
    census = rows[(rows["key"].str[0] == "census") & (rows["measure"] == "level")]
    census = census.assign(valuation=census["basis"].where(census["basis"] == "cif", ""))
    for members in vc.SAME_FIGURE.values():
        pick = pd.Series(False, index=census.index)
        for exhibit, label in members:
            pick |= (census["exhibit"] == exhibit) & (census["line_item"] == label)
        for _, g in census[pick].groupby(["flow", "valuation", "seasonal_adjustment", "unit"]):
            keys = g["key"].unique()
            for k in keys[1:]:
                u.union(keys[0], k)
    bea = rows[rows["key"].str[0] == "bea-ts"]
    pairs = [("1", "bea-ts-1"), ("3", "bea-ts-2"), ("4", "bea-ts-3")]
    for exhibit, table in pairs:
        a = census[(census["exhibit"] == exhibit) & (census["unit"] == "millions of dollars")]
        b = bea[bea["exhibit"] == table]
        for (line, flow), g in a.groupby([a["line_item"].replace({"Total Services": "Total"}), "flow"]):
            other = b[(b["line_item"] == line) & (b["flow"] == flow)]["key"].unique()
            for k in [*g["key"].unique(), *other]:
                u.union(g["key"].iloc[0], k)
    services = bea[(bea["exhibit"] == "bea-ts-1") & (bea["line_item"] == "Services")]
    for table in ("bea-ts-2", "bea-ts-3"):
        totals = bea[(bea["exhibit"] == table) & (bea["line_item"] == "Total")]
        for flow, g in totals.groupby("flow"):
            for k in services[services["flow"] == flow]["key"].unique():
                u.union(g["key"].iloc[0], k)
    # exhibits 20, 20a and 20b print BEA's countries tables (goods and services, goods, services),
    # quarter for quarter: trad0325.pdf's exhibit 20 and the January 2025 countries workbook give
    # 'All other countries' the same balance for 2023-Q3 … 2024-Q4 (-4,729 … -16,182). One series.
    geo = rows[rows["key"].str[0] == "bea-geo"]
    if len(geo):
        from ..readers.bea_geo import LAYOUT

        table_of = {spec: f"bea-geo-{n}" for n, spec in LAYOUT.items()}
        coverage = {"20": "goods and services", "20a": "goods", "20b": "services"}
        ex20 = census[
            census["exhibit"].isin(list(coverage))
            & (census["unit"] == "millions of dollars")
            & (census["basis"] == "balance_of_payments")
            & (census["seasonal_adjustment"] == "seasonally_adjusted")
        ]
        for (exhibit, line, flow), g in ex20.groupby(["exhibit", "line_item", "flow"]):
            geo_table = table_of.get((flow, coverage[exhibit]))
            other = geo[(geo["exhibit"] == geo_table) & (geo["line_item"] == line)]["key"].unique()
            for k in [*g["key"].unique(), *other]:
                u.union(g["key"].iloc[0], k)
    return u


def constraints(rows: pd.DataFrame, u: Unions) -> set[tuple]:
    """The validation's identities as exact linear equations over series: each a sorted tuple of
    (series, coefficient) summing to 0, derived per printed period as :mod:`tradesite.validate` does."""
    out: set[tuple] = set()
    period = ["period", "period_type", "vintage"]

    def add(terms: list[tuple[tuple, float]]) -> None:
        acc: dict[tuple, float] = defaultdict(float)
        for k, c in terms:
            acc[u.find(k)] += c
        acc = {k: c for k, c in acc.items() if c != 0}
        if len(acc) > 1:
            out.add(tuple(sorted(acc.items())))

    rows = rows[[additive(un, m) for un, m in zip(rows["unit"], rows["measure"])]]
    rows = rows[rows["measure"].isin(["level", "calculated_duty"])]
    # the identities are the same in every period: one row per series and table is enough
    rows = rows.drop_duplicates(["table", "key"]).assign(period="", period_type="", vintage="")
    census = rows[rows["key"].str[0] == "census"]
    census = census.assign(valuation=census["basis"].where(census["basis"] == "cif", ""))
    for table, df in census.groupby("table"):
        exhibit = str(df["exhibit"].iloc[0])
        # balance = exports − imports
        ident = ["line_item", "hierarchy", "basis", "seasonal_adjustment", "unit", "measure", *period]
        for _, g in df.groupby(ident):
            flows = dict(zip(g["flow"], g["key"]))
            if {"balance", "exports", "imports"} <= set(flows):
                add([(flows["balance"], 1), (flows["exports"], -1), (flows["imports"], 1)])
        # balance of payments basis = Census basis + net adjustments
        top = df[df["level"].eq(0)].assign(line=df["line_item"].map(vc._top_line))
        for _, g in top[top["line"].notna()].groupby(["flow", "seasonal_adjustment", "unit", "measure", *period]):
            lines = dict(zip(g["line"], g["key"]))
            if {"bop", "net", "census"} <= set(lines):
                add([(lines["bop"], 1), (lines["census"], -1), (lines["net"], -1)])
        # parts sum to their total
        if exhibit in vc.NOT_PARTITIONS and vc.NOT_PARTITIONS[exhibit] is None:
            continue
        skip = {vc.NOT_PARTITIONS.get(exhibit)}
        if table.startswith("pdf-"):
            skip.add({"14a": "Total Census Basis"}.get(exhibit))
        keys = ["flow", "valuation", "seasonal_adjustment", "unit", "measure", *period]
        totals = {
            (h, *k): key for h, k, key in zip(df["hierarchy"], df[keys].itertuples(index=False, name=None), df["key"])
        }
        parts = df[(df["level"] > 0) & ~df["line_item"].isin(vc.NOT_PARTS)]
        parts = parts.assign(parent=parts["hierarchy"].str.rsplit(HIERARCHY_SEP, n=1).str[0])
        for (parent, *k), g in parts.groupby(["parent", *keys]):
            if parent in skip or (parent, *k) not in totals:
                continue
            add([(totals[(parent, *k)], 1), *[(key, -1) for key in g["key"]]])
    bea = rows[rows["key"].str[0] == "bea-ts"]
    for table, df in bea.groupby("table"):
        if table == "bea-ts-1":
            for _, g in df.groupby(["line_item", *period]):
                flows = dict(zip(g["flow"], g["key"]))
                if {"balance", "exports", "imports"} <= set(flows):
                    add([(flows["balance"], 1), (flows["exports"], -1), (flows["imports"], 1)])
            for _, g in df.groupby(["flow", *period]):
                lines = dict(zip(g["line_item"], g["key"]))
                if {"Total", "Goods", "Services"} <= set(lines):
                    add([(lines["Total"], 1), (lines["Goods"], -1), (lines["Services"], -1)])
        else:
            for _, g in df.groupby(["flow", *period]):
                total = g[g["level"] == 0]["key"].tolist()
                if total:
                    add([(total[0], 1), *[(k, -1) for k in g[g["level"] == 1]["key"]]])
    geo = rows[rows["key"].str[0] == "bea-geo"]
    if len(geo):
        from ..readers.bea_geo import LAYOUT

        table_of = {spec: f"bea-geo-{n}" for n, spec in LAYOUT.items()}
        by = {
            t: dict(zip(g["line_item"], g["key"]))
            for t, g in geo.drop_duplicates(["table", "line_item"]).groupby("table")
        }
        for coverage in ("goods and services", "goods", "services"):
            b, e, i = (by.get(table_of[(f, coverage)], {}) for f in ("balance", "exports", "imports"))
            for line in set(b) & set(e) & set(i):
                add([(b[line], 1), (e[line], -1), (i[line], 1)])
        for flow in ("exports", "imports", "balance"):
            t, g, s = (by.get(table_of[(flow, c)], {}) for c in ("goods and services", "goods", "services"))
            for line in set(t) & set(g) & set(s):
                add([(t[line], 1), (g[line], -1), (s[line], -1)])
    return out


@dataclass
class Truth:
    """Reference value of every series (after :func:`unions`), and what is needed to price a cell."""

    reference: dict[tuple, float]
    unions: Unions
    zero: set[tuple] = field(default_factory=set)
    report: dict = field(default_factory=dict)
    initial: dict[tuple, float] = field(default_factory=dict)  # before the projection

    def ref(self, key: tuple) -> float:
        root = self.unions.find(key)
        return 0.0 if root in self.zero else self.reference.get(root, 0.0)


def _estimates(rows: pd.DataFrame, base_of: pd.Series) -> pd.DataFrame:
    """Each printed additive level -> value / multiplier of its months (a reference estimate)."""
    rows = rows[
        rows["value"].notna() & (rows["vintage"] == "current") & rows["measure"].isin(["level", "calculated_duty"])
    ]
    rows = rows[[additive(un, m) for un, m in zip(rows["unit"], rows["measure"])]]
    combos = rows[["period", "period_type"]].drop_duplicates()
    rows = rows.assign(seasonal=[seasonal(k) for k in rows["key"]])
    factor: dict[tuple, float] = {}
    for p, t in combos.itertuples(index=False):
        for s in (False, True):
            months = cal.months_of(p, t)
            f = sum(cal.multiplier(m, s) for m in months)
            factor[(p, t, s)] = f / 3 if t == "three_month_average" else f
    est = [
        v / factor[(p, t, s)]
        for v, p, t, s in zip(rows["value"], rows["period"], rows["period_type"], rows["seasonal"])
    ]
    end = [cal.period_end(p, t) for p, t in zip(rows["period"], rows["period_type"])]
    return rows.assign(
        estimate=est,
        end=end,
        priority=base_of.loc[rows.index].map(SNAPSHOT_PRIORITY),
        monthly=rows["period_type"].eq("month"),
    )


def build(base: dict[str, dict[str, pd.DataFrame]] | None = None, same_series: SameSeries | None = None) -> Truth:
    """Reference values for every series of the base snapshots, projected onto the identities
    (``same_series``: see :func:`unions`)."""
    from scipy.sparse import csr_matrix

    base = base or load_base()
    parts, origin = [], []
    for release, tables in base.items():
        df = _with_keys(tables)
        parts.append(df)
        origin.append(pd.Series(release, index=range(len(df))))
    rows = pd.concat(parts, ignore_index=True)
    base_of = pd.concat(origin, ignore_index=True)
    u = unions(rows, same_series)
    roots = rows["key"].map(u.find)
    rows = rows.assign(root=roots)
    # series whose printed figures are all zero or '(-)' (under half a unit): zero
    dash = rows["status"].str.split(";").map(lambda s: "-" in s)
    nil = dash | (rows["value"] == 0)
    counted = rows[rows["value"].notna() | dash]
    zero = set(
        counted.groupby(counted["root"])["root"]
        .size()
        .index[counted.assign(nil=nil[counted.index]).groupby("root")["nil"].all().to_numpy()]
    )

    est = _estimates(rows, base_of)
    # growth between the workbooks (2021-08) and the 2025 snapshot, from exhibit 1's total exports
    total = rows[(rows["table"] == "exh1") & (rows["line_item"] == "Total") & (rows["flow"] == "exports")]["root"].iloc[
        0
    ]
    ex1 = est[(est["root"] == total) & est["monthly"]]
    latest = ex1.sort_values("end").groupby("priority")["estimate"].last()
    growth = latest.get(3, 1.0) / latest.get(1, 1.0) if 1 in latest.index and 3 in latest.index else 1.0
    est.loc[est["priority"] == 1, "estimate"] *= growth
    best = est.sort_values(["priority", "monthly", "end"]).groupby("root")["estimate"].last()
    r0 = {k: float(v) for k, v in best.items() if k not in zero}

    # a zero series drops out of its identities; one the snapshot never prints a figure of is
    # left out with them (nothing printed depends on it)
    eqs = []
    for e in constraints(rows, u):
        terms = tuple((k, c) for k, c in e if k not in zero)
        if len(terms) > 1 and all(k in r0 for k, _ in terms):
            eqs.append(terms)
    index = {k: i for i, k in enumerate(sorted(r0))}
    data, ri, ci = [], [], []
    for row, eq in enumerate(eqs):
        for k, c in eq:
            data.append(c)
            ri.append(row)
            ci.append(index[k])
    vec = np.array([r0[k] for k in sorted(r0)])
    report = {"series": len(index), "identities": len(eqs), "growth_2021_to_2025": growth}
    if eqs:
        a = csr_matrix((data, (ri, ci)), shape=(len(eqs), len(index)))
        # weighted: each series moves in proportion to its size (r = r0 + W z, the smallest z)
        w = np.abs(vec) + 1.0
        dense = a.toarray()
        z = np.linalg.lstsq(dense * w, -(dense @ vec), rcond=None)[0]  # the smallest z (SVD)
        fixed = vec + w * z
        report["largest_identity_residual"] = float(np.abs(a @ fixed).max())
        rel = np.abs(fixed - vec) / np.maximum(np.abs(vec), 1.0)
        report["largest_relative_change"] = float(rel.max())
        report["median_relative_change"] = float(np.median(rel))
        vec = fixed
    reference = {k: float(v) for k, v in zip(sorted(r0), vec)}
    return Truth(reference, u, zero, report, r0)


@cache
def period_factor(period: str, period_type: str, is_seasonal: bool, k: int, start: str) -> float:
    """Σ multiplier × revision factor of the period's months in simulated release k (÷ 3 for
    three-month averages): a series' figure is its reference times this. Not seasonally
    adjusted, a month's revision is the adjusted one's, added (``m_s + m × (revision − 1)``):
    both revise the same months, and a year is one figure either way."""
    months = cal.months_of(period, period_type)
    f = 0.0
    for m in months:
        plain = cal.multiplier(m, False)
        revised = plain * cal.revision_factor(m, k, start)
        f += revised if not is_seasonal else cal.multiplier(m, True) + revised - plain
    return f / 3 if period_type == "three_month_average" else f


def decimals_of(values: pd.Series) -> int:
    """The precision a column of printed values uses: 0 for whole numbers, else up to 6."""
    v = values.dropna()
    if not len(v) or (np.abs(v - v.round()) < 1e-9).all():
        return 0
    return 6


def rounded(x: float, decimals: int) -> float:
    y = round(x, decimals) if decimals else float(math.floor(x + 0.5))
    return 0.0 if y == 0 else y
