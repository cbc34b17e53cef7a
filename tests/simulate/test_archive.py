"""The simulated archive (tradesite.simulate) at CI's size: 26 releases, two years.

What is checked: every release the real ingest reads (raw path) is accepted and read exactly
as intended; the tidy-level path writes the same tables; every figure of exhibit 1 is the value
the model intends, computed here independently (reference × multiplier × revisions, rounded);
revisions are where they should be (each release revises its previous month; the June releases
also the three years before) and nowhere else; the release PDF's stand-in equals its workbooks.
The site, its budgets and links over these releases are checked where the site is built
(scripts/simulate_archive.py, issue 20).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tradesite.releases import Release
from tradesite.schema import read_csv
from tradesite.simulate import Simulation, cal
from tradesite.simulate.truth import BASE_DATA

pytestmark = pytest.mark.slow

N = 26
RAW = (24, 25)  # light releases through the real ingest (a complete one costs 2 minutes here)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    sim = Simulation(N, complete_last=1)
    results = {}
    for k in range(1, N + 1):
        if k in RAW:
            results[k] = sim.ingest(k, root / "raw", root / "data")
        else:
            sim.tidy(k, root / "data")
    return sim, root / "data", results


def exh1(data: Path, release: str):
    df = read_csv(data / release / "exh1.csv")
    return df[df["vintage"] == "current"].set_index(["line_item", "flow", "period", "period_type"])["value"]


def test_the_real_ingest_reads_what_was_intended(archive):
    sim, data, results = archive
    for k in RAW:
        assert results[k]["differences"] == [], results[k]["differences"][:5]
        meta = json.loads((data / sim.release_id(k) / "release.json").read_text())
        assert meta["simulated"] is True and meta["title"].endswith("(simulated)")
        assert [s["file"] for s in meta["sources"]] == ["exh1.xlsx"]


def test_the_tidy_path_is_the_same_transformation(archive, tmp_path):
    sim, data, _ = archive
    for k in RAW:
        out = sim.tidy(k, tmp_path)
        for table in ("exh1",):
            a, b = read_csv(out / f"{table}.csv"), read_csv(data / sim.release_id(k) / f"{table}.csv")
            assert a.equals(b)


def test_every_release_loads_and_the_newest_is_complete(archive):
    sim, data, _ = archive
    assert sorted(p.name for p in data.iterdir() if not p.name.startswith(".")) == sim.releases()
    newest = Release.load(sim.releases()[-1], data)
    ids = set(newest.table_ids)
    assert {"exh1", "exh7", "exh20b", "bea-ts-1", "bea-geo-9", "pdf-exh1", "pdf-exh20b"} <= ids
    for t in ("exh7", "exh14"):
        a, b = newest.table(t), newest.table(f"pdf-{t}")
        assert a["value"].equals(b["value"]) and (b["source_file"] == f"trad{sim.releases()[-1][5:]}{sim.releases()[-1][2:4]}.pdf").all()
    assert newest.notes and "(simulated)" in newest.notes[0]["heading"]
    assert (BASE_DATA / "2025-03" / "release.json").is_file() and not (BASE_DATA / sim.releases()[0]).exists()


def test_figures_are_the_models(archive):
    """Exhibit 1's goods exports, every month printed, = reference × multiplier × revisions (computed here)."""
    sim, data, _ = archive
    key = ("census", "1", "Total › Goods", "exports", "balance_of_payments", "seasonally_adjusted",
           "millions of dollars", "level")
    ref = sim.truth.ref(key)
    assert ref > 0
    for k in (1, 13, N):
        release = sim.release_id(k)
        values = exh1(data, release)
        months = values.xs(("Goods", "exports", "month"), level=("line_item", "flow", "period_type"))
        assert len(months) >= 25
        for period, value in months.items():
            factor = 1.0
            for j in range(1, k + 1):  # the revisions of this month by releases 1 … k
                if j >= 2 + cal.index(period) - cal.index(sim.start) and (
                        period == cal.add(sim.release_id(j), -1)
                        or (sim.release_id(j).endswith("-06")
                            and f"{int(sim.release_id(j)[:4]) - 3}-01" <= period < sim.release_id(j))):
                    factor *= 1 + 0.016 * (cal._unit("revision", period, j) - 0.5)
            expected = math.floor(ref * cal.multiplier(period, False) * factor + 0.5)
            assert value == expected, (release, period)


def test_revisions_where_they_should_be_and_nowhere_else(archive):
    sim, data, _ = archive
    for k in range(2, N + 1):
        release, before = sim.release_id(k), sim.release_id(k - 1)
        now, prev = exh1(data, release), exh1(data, before)
        both = now.index.intersection(prev.index)
        changed = {p for (line, flow, p, t) in both[(now[both] != prev[both]).to_numpy()] if t == "month"}
        expected = cal.revised_months(k, sim.start)
        assert changed <= expected, (release, sorted(changed - expected))
        assert cal.add(release, -1) in changed, release  # the previous month is revised every release
        if release.endswith("-06"):  # an annual revision revises the three years before
            years = {p[:4] for p in changed}
            assert {str(int(release[:4]) - y) for y in (1, 2)} <= years, (release, sorted(years))
        # a revised month is marked '(R)', an unrevised one is not
        df = read_csv(data / release / "exh1.csv")
        df = df[df["vintage"] == "current"]
        marked = set(df.loc[(df["status"] == "R") & (df["period_type"] == "month"), "period"])
        assert marked == {p for p in expected if p in set(df["period"])}, release
