"""What the explorer knows of each series, read once: its change points (every published value
with the first and last release it stood in: :mod:`tradesite.report.vintages`), its latest
values, and which releases of the site carry the exhibits that print it.

Everything the explorer writes (pages, API files, the map) reads this, so the tidy tables are
read and grouped once per build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ....periods import month_year
from ....report import revision_stats, vintages
from ....report import series as series_catalogue
from ....report.catalog import Catalog
from ....report.series import Series, SeriesCatalog

#: A change point as the explorer keeps it: (period, value, first release, last release or '', status,
#: precision: the step of its last printed digit in the series' unit, 1 for whole millions).
Point = tuple[str, float, str, str, str, float]


@dataclass
class SeriesData:
    """One series: its change points by period then first release, and its latest values."""

    series: Series
    points: list[Point] = field(default_factory=list)

    @cached_property
    def latest(self) -> list[Point]:
        """Each period's value still current (last release ''), by period."""
        return [p for p in self.points if not p[3]]

    @cached_property
    def revised_periods(self) -> list[str]:
        """Periods published with more than one value, newest first."""
        seen: dict[str, int] = {}
        for p in self.points:
            seen[p[0]] = seen.get(p[0], 0) + 1
        return sorted((p for p, n in seen.items() if n > 1), reverse=True)

    def history(self, period: str) -> list[Point]:
        return [p for p in self.points if p[0] == period]


class ExplorerData:
    """Every series of a site's releases, ready for the explorer."""

    def __init__(self, catalog: Catalog, cat: SeriesCatalog | None = None, cache_dir: Path | None = None) -> None:
        self.catalog = catalog
        self.cat = cat or series_catalogue.build(catalog, cache_dir)
        self.points = vintages.change_points(self.cat.observations)
        grouped: dict[str, list[Point]] = {}
        cols = ["series", "period", "value", "first_release", "last_release", "status", "precision"]
        for sid, period, value, first, last, status, precision in self.points[cols].itertuples(index=False, name=None):
            grouped.setdefault(sid, []).append(
                (
                    str(period),
                    float(value),
                    str(first),
                    str(last),
                    str(status),
                    float(precision) if precision == precision else 0.0,
                )
            )
        self.series = {sid: SeriesData(s, grouped.get(sid, [])) for sid, s in self.cat.series.items()}
        self.release_ids = list(catalog.ids)
        self.release_months = {r: month_year(r) for r in catalog.ids}
        self.release_exhibits = {r: set(catalog.load(r).exhibits()) for r in catalog.ids}

    @cached_property
    def revision_table(self):
        """Per series and period: first, next and latest value, revisions (report.revision_stats)."""
        return revision_stats.period_table(self.cat.observations)

    @cached_property
    def revision_statistics(self):
        """Per series: mean revision, mean absolute revision, share revised ... (report.revision_stats)."""
        return revision_stats.statistics(self.revision_table)

    @cached_property
    def revision_rows(self) -> dict[str, list[dict]]:
        """Series id -> its periods' revision rows (by period)."""
        out: dict[str, list[dict]] = {}
        for r in self.revision_table.sort_values(["series", "period"]).to_dict("records"):
            out.setdefault(r["series"], []).append(r)
        return out

    @cached_property
    def files(self) -> dict[tuple[str, str], list[dict]]:
        """(series, release) -> the files of that release its values come from: exhibit, file and
        how (a value reprinted 'as published last month' by the next release says so)."""
        obs = self.cat.observations[["series", "release", "exhibit", "source_file", "via"]].drop_duplicates()
        out: dict[tuple[str, str], list[dict]] = {}
        for sid, rel, exhibit, source_file, via in sorted(obs.itertuples(index=False, name=None)):
            out.setdefault((sid, rel), []).append({"exhibit": exhibit, "file": source_file, "via": via or None})
        return out

    def carriers(self, s: Series) -> list[str]:
        """The site's releases whose files carry an exhibit that prints the series."""
        wanted = set(s.exhibits)
        return [r for r in self.release_ids if wanted & self.release_exhibits[r]]

    @property
    def newest(self) -> str:
        return self.release_ids[-1]
