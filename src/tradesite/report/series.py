"""Series: one line of the report at one flow × basis × seasonal adjustment × frequency, followed
across every release of the site, with every value each release published (its vintages).

A series' id is made of the report's words (:func:`series_id`), so it is the same whichever file
carried a value (exhibit 1 of a Census workbook or of the release PDF, BEA's Table 1) and the
same on every rebuild: ``goods-and-services-balance-bop-sa-monthly``,
``goods-imports-china-census-nsa-monthly``. :func:`build` reads the committed tidy tables of
every release of a :class:`~tradesite.report.catalog.Catalog` into a :class:`Series` list and one
frame of observations (period, value, the release that published it); two files of one release
that print the same line must agree, or the build stops naming both.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import kept, periods
from ..schema import format_value
from . import lines as lines_module
from . import vocabulary as vocabulary_module
from .catalog import Catalog
from .frames import plain_rows
from .lines import Line, line_of
from .vintages import differs
from .vocabulary import ADJUSTMENT_WORDS, BASIS_WORDS, exhibit_order

FREQUENCIES = {"month": "monthly", "quarter": "quarterly", "year": "annual"}
#: Rows of a year to date or a three-month average are read as the monthly series' rows (links).
LINK_FREQUENCY = {"year_to_date": "monthly", "three_month_average": "monthly", **FREQUENCIES}
BASIS_IDS = {
    "balance_of_payments": "bop",
    "census": "census",
    "cif": "cif",
    "chained_dollars": "",
    "not_applicable": "",
}
ADJUSTMENT_IDS = {"seasonally_adjusted": "sa", "not_seasonally_adjusted": "nsa"}
FLOW_WORDS = {"exports": ("exports", "to"), "imports": ("imports", "from"), "balance": ("balance", "with")}
OWN = ""
LAST_MONTH = "as published last month"
REVISED, UNREVISED = "revised", "unrevised"
#: Columns of :attr:`SeriesCatalog.observations`. ``value`` is in the series' unit; ``published_value``
#: and ``published_unit`` are the figure as printed (the release page's "$98.4 billion" stays
#: -98.4 billions of dollars); ``precision`` is the step of its last printed digit in the series'
#: unit (1 for whole millions, 100 for a tenth of a billion): two values closer than half their
#: steps are the same figure (:func:`tradesite.report.vintages.differs`).
COLUMNS = [
    "series",
    "period",
    "value",
    "release",
    "status",
    "via",
    "exhibit",
    "source_file",
    "location",
    "published_value",
    "published_unit",
    "precision",
]
#: A unit some files print a series in, and the series' own unit with its factor: the release page
#: states the monthly totals in billions (one decimal), the exhibits in millions.
SERIES_UNITS = {"billions of dollars": ("millions of dollars", 1000.0)}


def slug(text: str) -> str:
    """'Foods, Feeds, & Beverages' -> 'foods-feeds-and-beverages' (the same for every casing)."""
    text = text.lower().replace("&", " and ").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _measure_words(basis: str, unit: str) -> str:
    """The id's basis part: 'bop', 'census', 'chained-2017-dollars', or the unit where there is no
    basis ('thousands-of-barrels'); a dollar unit other than millions is named too."""
    if basis == "chained_dollars":
        return slug(re.sub(r"^millions of ", "", unit))
    if basis == "not_applicable":
        return slug(unit)
    extra = "" if unit == "millions of dollars" else "-" + slug(unit)
    return BASIS_IDS[basis] + extra


@dataclass(frozen=True)
class Key:
    """What makes a series: the line, flow, basis, adjustment, frequency and unit."""

    line: Line
    flow: str
    basis: str
    seasonal_adjustment: str
    frequency: str
    unit: str

    @cached_property
    def id(self) -> str:
        parts = [
            *self.line.words,
            self.flow,
            self.line.partner,
            _measure_words(self.basis, self.unit),
            ADJUSTMENT_IDS[self.seasonal_adjustment],
            self.frequency,
        ]
        return "-".join(s for s in (slug(p) for p in parts) if s)


def key_of(row: dict, frequencies: dict[str, str] = FREQUENCIES) -> Key | None:
    """The series of one tidy row (a dict of schema columns), or None when no series reads it."""
    frequency = frequencies.get(row["period_type"])
    if not frequency:
        return None
    line = line_of(row["exhibit"], row["hierarchy"])
    if line is None:
        return None
    unit = SERIES_UNITS.get(row["unit"], (row["unit"], 1.0))[0]
    return Key(line, row["flow"], row["basis"], row["seasonal_adjustment"], frequency, unit)


def series_id(row: dict) -> str | None:
    """The id of the series a chapter's row shows (a year-to-date or a change row: the monthly series)."""
    key = key_of(row, LINK_FREQUENCY)
    return key.id if key else None


def what_of(key: Key) -> str:
    """'Goods imports from China', 'Travel exports (Services)': a key's line and flow in words."""
    *parents, leaf = key.line.words
    flow, to = FLOW_WORDS[key.flow]
    text = f"{leaf} {flow}" + (f" {to} {key.line.partner}" if key.line.partner else "")
    return text + (f" ({' › '.join(parents)})" if parents else "")


def series_of(rows: pd.DataFrame, most: int = 9) -> list[tuple[str, str]]:
    """(id, words) of the series a chart of tidy ``rows`` draws, in order (at most ``most``): the
    chart's links to the explorer. A three-month average or year to date links the monthly series."""
    out: dict[str, str] = {}
    for row in rows.drop_duplicates(["exhibit", "hierarchy", "flow", "basis", "seasonal_adjustment", "unit"]).to_dict(
        "records"
    ):
        key = key_of(row, LINK_FREQUENCY)
        if key is not None and key.id not in out:
            out[key.id] = what_of(key)
    return list(out.items())[:most]


@dataclass
class Series:
    """One series and what the catalogue knows of it."""

    key: Key
    labels: tuple[str, ...]  # the line's words as the newest file prints them
    partner: str
    exhibits: list[str] = field(default_factory=list)
    releases: list[str] = field(default_factory=list)  # vintages: releases that published a value
    first: str = ""
    last: str = ""

    @property
    def id(self) -> str:
        return self.key.id

    @property
    def flow(self) -> str:
        return self.key.flow

    @property
    def unit(self) -> str:
        return self.key.unit

    @property
    def basis_words(self) -> str:
        return BASIS_WORDS[self.key.basis] or self.key.unit

    @property
    def adjustment_words(self) -> str:
        return ADJUSTMENT_WORDS[self.key.seasonal_adjustment]

    @property
    def what(self) -> str:
        """'Computers exports to China (Goods › Capital Goods)': the line and flow in words (the newest labels)."""
        return what_of(
            Key(
                Line(self.labels[0], tuple(self.labels[1:]), self.partner),
                self.flow,
                self.key.basis,
                self.key.seasonal_adjustment,
                self.key.frequency,
                self.unit,
            )
        )

    @property
    def title(self) -> str:
        """'Goods imports from China, Census basis, not seasonally adjusted, monthly'."""
        return f"{self.what}, {self.basis_words}, {self.adjustment_words}, {self.key.frequency}"


class ConflictError(ValueError):
    """Two files of one release print different values for the same series and period."""


def decimals(values: pd.Series) -> pd.Series:
    """How many decimals each value prints with, as the tidy tables write it (:func:`format_value`)."""
    text = values.map(format_value)
    return text.str.partition(".")[2].str.len()


def _release_rows(release) -> pd.DataFrame:
    """A release's level rows with a value, every table (a Census workbook and the PDF alike), in
    their series' unit, with the figure as printed and its precision: the step of the last digit
    its table prints in that unit (the most decimals any of the table's figures has)."""
    frames = [release.table(t) for t in release.table_ids]
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if df.empty:
        return df
    df = df[(df["measure"] == "level") & df["value"].notna() & df["period_type"].isin(list(FREQUENCIES))]
    factor = df["unit"].map({u: SERIES_UNITS.get(u, (u, 1.0))[1] for u in df["unit"].unique()})
    places = decimals(df["value"]).groupby([df["source_file"], df["exhibit"], df["unit"]]).transform("max")
    return df.assign(
        published_value=df["value"],
        published_unit=df["unit"],
        value=df["value"] * factor,
        precision=factor * 10.0**-places,
    )


def _keys(df: pd.DataFrame) -> pd.Series:
    """Series key of every row, computed once per distinct line."""
    cols = ["exhibit", "hierarchy", "flow", "basis", "seasonal_adjustment", "period_type", "unit"]
    distinct = df[cols].drop_duplicates()
    lookup = {r: key_of(dict(zip(cols, r))) for r in plain_rows(distinct, cols)}
    return pd.Series([lookup[r] for r in plain_rows(df, cols)], index=df.index, dtype=object)


def _file_rank(source_file: str) -> int:
    """Which file's row speaks for a release when several agree: a Census workbook, then BEA's, then the PDF."""
    if source_file.startswith("trad-"):
        return 1
    return 0 if source_file.endswith((".xlsx", ".xls")) else 2


def _release_observations(release) -> tuple[pd.DataFrame, dict[str, Key], dict[str, tuple]]:
    """One release's observations (rows with their series, release, route and rank), the keys of
    its series and each series' labels as this release prints them."""
    rid = release.id
    df = _release_rows(release)
    if df.empty:
        return df, {}, {}
    df = df.assign(key=_keys(df))
    df = df[df["key"].notna()]
    df = df.assign(series=df["key"].map(lambda k: k.id))
    keys = {k.id: k for k in df["key"].drop_duplicates()}
    vintage = df["vintage"].tolist()
    df = df.assign(
        release=[rid if v == "current" else periods.previous(rid) for v in vintage],
        via=[OWN if v == "current" else f"{LAST_MONTH} in the {rid} release" for v in vintage],
        rank=[
            (0 if v == "current" else 100) + _file_rank(s) + (5 if e.endswith("s") else 0)
            for v, s, e in zip(vintage, df["source_file"].tolist(), df["exhibit"].tolist())
        ],
    )
    _check_agree(df[df["vintage"] == "current"], rid)
    labels = {
        r.series: (r.exhibit, r.hierarchy, r.line_item) for r in df.drop_duplicates("series").itertuples(index=False)
    }
    return df.drop(columns=["key"]), keys, labels


#: Bump when what :func:`_release_observations` returns changes (the cache keeps its results).
CACHE_FORMAT = "2"


def _cache_key(release) -> str:
    """The hash of everything a release's observations are made from: its tidy files and the code
    that reads them into series (this module and the lines' words)."""
    h = hashlib.sha256(f"{CACHE_FORMAT}\0{release.id}\0".encode())
    for path in sorted(p for p in release.folder.iterdir() if p.is_file()):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    for module in (__file__, lines_module.__file__, vocabulary_module.__file__):
        h.update(Path(module).read_bytes())
    return h.hexdigest()


def release_observations(release, cache_dir: Path | None = None):
    """:func:`_release_observations`, kept in ``cache_dir`` by the hash of its inputs (a site of a
    hundred releases reads one new release's tables, not a hundred)."""
    if cache_dir is None:
        return _release_observations(release)
    path = Path(cache_dir) / f"{release.id}-{_cache_key(release)}.pickle"
    found = kept.load(path)
    if found is not None:
        return found
    result = _release_observations(release)
    kept.store(path, result, stale=path.parent.glob(f"{release.id}-*.pickle"))
    return result


def _observations(
    catalog: Catalog, cache_dir: Path | None = None
) -> tuple[pd.DataFrame, dict[str, Key], dict[str, dict[str, tuple]]]:
    rows: list[pd.DataFrame] = []
    keys: dict[str, Key] = {}
    labels: dict[str, dict[str, tuple]] = {}
    for rid in catalog.ids:
        df, release_keys, release_labels = release_observations(catalog.load(rid), cache_dir)
        if df.empty:
            continue
        for sid, k in release_keys.items():
            keys.setdefault(sid, k)
        for sid, lab in release_labels.items():
            labels.setdefault(sid, {})[rid] = lab
        rows.append(df)
    if not rows:
        return pd.DataFrame(columns=COLUMNS), keys, labels
    obs = pd.concat(rows, ignore_index=True)
    # one value per series, period and release: its own file first, then the best file
    obs = obs.sort_values("rank", kind="stable")
    obs = obs.drop_duplicates(["series", "period", "release"])
    return obs, keys, labels


def _check_agree(df: pd.DataFrame, rid: str) -> None:
    """Two files (or exhibits) of one release that print the same series must print the same value
    (the same once rounded, where one prints whole millions and the other decimals: the exhibit's
    whole figure is kept, :func:`_observations`)."""
    if "precision" not in df:  # figures as exact as they are written
        df = df.assign(precision=0.0)
    spread = df.groupby(["series", "period"]).agg(
        min=("value", "min"), max=("value", "max"), coarse=("precision", "max"), fine=("precision", "min")
    )
    # the supplement prints millions to three decimals where the exhibits print whole millions;
    # the release page a tenth of a billion: one figure when within half of each one's step
    bad = spread[differs(spread["min"], spread["fine"], spread["max"], spread["coarse"])]
    if bad.empty:
        return
    series, period = bad.index[0]
    both = df[(df["series"] == series) & (df["period"] == period)]
    where = "; ".join(
        f"{r.source_file} exhibit {r.exhibit}, {r.location}: {getattr(r, 'published_value', r.value):g}"
        for r in both.itertuples()
    )
    raise ConflictError(
        f"release {rid}: series {series} has {len(bad)} period(s) printed with different values, "
        f"first {period}: {where}; expected one value (name the lines apart in report/lines.py)"
    )


def _status(obs: pd.DataFrame) -> pd.Series:
    """'revised' when the file marks the value revised (R) or an earlier release printed another
    value (another beyond the two figures' precision)."""
    groups = obs.groupby(["series", "period"])  # obs sorted by release
    earlier = differs(
        obs["value"], obs["precision"], groups["value"].transform("first"), groups["precision"].transform("first")
    )
    marked = obs["status"].fillna("").str.split(";").map(lambda s: "R" in s)
    return (earlier | marked).map({True: REVISED, False: UNREVISED})


@dataclass
class SeriesCatalog:
    """Every series of the site's releases and every value each release published."""

    series: dict[str, Series]
    observations: pd.DataFrame  # COLUMNS; one row per series, period and publishing release
    release_ids: list[str]

    def get(self, series_id: str) -> Series:
        if series_id not in self.series:
            raise KeyError(f"no series {series_id!r}; the catalogue has {len(self.series)} (see /api/series.json)")
        return self.series[series_id]

    def values(self, series_id: str) -> pd.DataFrame:
        """Every vintage of the series: period, value, release, status (sorted)."""
        self.get(series_id)
        return self._by_series.get(series_id, self.observations.iloc[0:0])

    def latest(self, series_id: str) -> pd.DataFrame:
        """Each period's value as its newest release published it."""
        v = self.values(series_id)
        return v.sort_values(["period", "release"]).drop_duplicates("period", keep="last").reset_index(drop=True)

    def rows(self, series_id: str) -> list[tuple]:
        """The series' observations as plain tuples (:data:`COLUMNS` minus series), by period then
        release: what the pages and the API write, without a frame per series."""
        if not hasattr(self, "_rows"):
            self._rows: dict[str, list[tuple]] = {}
            for r in plain_rows(self.observations, list(self.observations.columns)):
                self._rows.setdefault(r[0], []).append(r[1:])
        self.get(series_id)
        return self._rows.get(series_id, [])

    @property
    def _by_series(self) -> dict[str, pd.DataFrame]:
        if not hasattr(self, "_groups"):
            self._groups = {s: g.reset_index(drop=True) for s, g in self.observations.groupby("series", sort=False)}
        return self._groups

    def partners(self) -> dict[str, list[Series]]:
        """Trading partner -> its series."""
        out: dict[str, list[Series]] = {}
        for s in self.series.values():
            if s.partner:
                out.setdefault(s.partner, []).append(s)
        return dict(sorted(out.items()))


def build(catalog: Catalog | None = None, cache_dir: Path | None = None) -> SeriesCatalog:
    """The series of every release of ``catalog`` (default: the site's); with ``cache_dir``, each
    release's observations are kept there between builds (:func:`release_observations`)."""
    catalog = catalog or Catalog()
    obs, keys, labels = _observations(catalog, cache_dir)
    obs = obs.sort_values(["series", "period", "release"], kind="stable").reset_index(drop=True)
    obs["status"] = _status(obs)
    obs = obs[COLUMNS]
    series: dict[str, Series] = {}
    # per series, once over plain tuples (obs is sorted by series, period, release)
    spans: dict[str, list] = {}
    for sid, period, release, exhibit in zip(
        obs["series"].tolist(), obs["period"].tolist(), obs["release"].tolist(), obs["exhibit"].tolist()
    ):
        span = spans.get(sid)
        if span is None:
            spans[sid] = [period, period, {release}, {exhibit}]
        else:
            span[1] = period
            span[2].add(release)
            span[3].add(exhibit)
    for sid in sorted(spans):
        first, last, releases, exhibits = spans[sid]
        newest = max(labels[sid])
        exhibit, hierarchy, _ = labels[sid][newest]
        line = line_of(exhibit, hierarchy)  # the newest file's labels
        assert line is not None  # they made this series (only rows with a line have one)
        series[sid] = Series(
            key=keys[sid],
            labels=line.words,
            partner=line.partner,
            exhibits=sorted(exhibits, key=exhibit_order),
            releases=sorted(releases),
            first=str(first),
            last=str(last),
        )
    return SeriesCatalog(series, obs, list(catalog.ids))
