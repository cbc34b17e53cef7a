"""Revisions and vintages computed from the committed tables, checked against the official
files' own figures and against the 2025-03 release's "Revisions" text (trad0325.pdf page 3)."""

from __future__ import annotations

import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest

from tradesite import paths
from tradesite.report import revisions as rv
from tradesite.ingest import ingest
from tradesite.releases import bundled
from tests import require


def committed(release: str) -> None:
    require.committed(release)


def one(df, **where):
    for k, v in where.items():
        df = df[df[k] == v]
    assert len(df) == 1, f"{where}: {len(df)} rows"
    return df.iloc[0]


@pytest.fixture(scope="module")
def data_with_2025_03(raw, tmp_path_factory) -> Path:
    """The committed releases, with 2025-03's BEA time series: committed, or else ingested
    here from the official trad-time-series-0325.xlsx alone."""
    if (paths.DATA / "2025-03" / "release.json").is_file() and (paths.DATA / "2025-03" / "bea-ts-1.csv").is_file():
        return paths.DATA
    data = tmp_path_factory.mktemp("data")
    for rid in bundled():
        shutil.copytree(paths.DATA / rid, data / rid)
    folder = tmp_path_factory.mktemp("raw") / "2025-03"
    folder.mkdir()
    (folder / "trad-time-series-0325.xlsx").symlink_to(raw / "2025-03" / "trad-time-series-0325.xlsx")
    ingest("2025-03", raw_dir=folder, data_dir=data)
    return data


def release_revision_lines(raw) -> list[str]:
    """The bullets of the 'Revisions' section, trad0325.pdf page 3."""
    with pdfplumber.open(raw / "2025-03" / "trad0325.pdf") as pdf:
        text = pdf.pages[2].extract_text()
    section = text.split("\nRevisions\n", 1)[1]
    return [line.lstrip("• ").strip() for line in section.splitlines() if " revised " in line]


def test_own_rows_as_published_last_month():
    committed("2021-05")
    revs = rv.own(rv.load("2021-05"))
    r = one(revs, exhibit="1", flow="balance", hierarchy="Total", period="2021-04")
    # exh1.xlsx of 2021-05: row 52 "April data as published last month" -68,899; row 42 "April (R)" -69,071
    assert (r["earlier"], r["later"], r["revision"]) == (-68899, -69071, -172)
    assert r["earlier_release"] == "2021-04" and r["how"] == rv.OWN
    assert r["earlier_location"] == "sheet '1', row 52, column B" and r["later_location"] == "sheet '1', row 42, column B"
    assert len(revs) == 9  # all nine figures of April moved (row 52 against row 42)


def test_against_previous_release_without_repeating_own_rows():
    committed("2025-12")
    committed("2026-01")
    revs = rv.revisions(rv.load("2026-01"))
    # December 2025: once, from the release's own row 52 (-70,311) against row 37 (-72,900), exh1.xlsx of 2026-01
    dec = one(revs, exhibit="1", flow="balance", hierarchy="Total", period="2025-12")
    assert (dec["earlier"], dec["later"], dec["how"]) == (-70311, -72900, rv.OWN)
    # January 2025: 2025-12's exh1.xlsx row 37 (-128,344) against 2026-01's row 25 (-128,331)
    jan = one(revs, exhibit="1", flow="balance", hierarchy="Total", period="2025-01", period_type="month")
    assert (jan["earlier"], jan["later"], jan["revision"]) == (-128344, -128331, 13)
    assert jan["earlier_release"] == "2025-12" and jan["how"] == rv.PREVIOUS
    # the January release revises every month of the year before (trad0325.pdf page 6, "Other revisions")
    months = set(revs.loc[(revs["exhibit"] == "1") & (revs["period_type"] == "month"), "period"])
    assert {f"2025-{m:02d}" for m in range(1, 13)} <= months
    assert (revs["revision"] != 0).all()


def test_2025_03_revisions_match_the_release_text(raw, data_with_2025_03):
    """trad0325.pdf page 3, "Revisions": February exports of goods revised down less than $0.1
    billion, of services down $0.4 billion; imports of goods up less than $0.1 billion, of
    services up $0.1 billion."""
    revs = rv.revisions(rv.load("2025-03", data_with_2025_03), data_with_2025_03)
    lines = release_revision_lines(raw)
    assert len(lines) == 4
    pattern = re.compile(r"^(Exports|Imports) of (goods|services) were revised (up|down) (less than )?\$(\d+\.\d) billion\.$")
    for line in lines:
        flow, part, direction, less, amount = pattern.match(line).groups()
        r = one(revs, exhibit="bea-ts-1", flow=flow.lower(), line_item=part.capitalize(), period="2025-02")
        assert (r["revision"] > 0) == (direction == "up"), line
        billions = (Decimal(str(abs(r["revision"]))) / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert billions == (Decimal(0) if less else Decimal(amount)), line
    # page 1: "$123.2 billion in February, revised"; Table 1 row 473 of 0225 (-122,662) and 0325 (-123,195)
    total = one(revs, exhibit="bea-ts-1", flow="balance", line_item="Total", period="2025-02")
    assert (total["earlier"], total["later"]) == (-122662, -123195)
    # services categories that moved: Table 2 row 349, travel exports 18,519 (0225) -> 18,282 (0325)
    travel = one(revs, exhibit="bea-ts-2", flow="exports", line_item="Travel", period="2025-02")
    assert (travel["earlier"], travel["later"]) == (18519, 18282)
    # only February moved between the two workbooks (January was revised a month before, 0225 '2025 Jan (R)')
    assert set(revs.loc[revs["exhibit"].str.startswith("bea-ts"), "period"]) == {"2025-02"}


def test_march_2021_balance_vintages():
    v = rv.vintages("2022-02")
    got = v[(v["period"] == "2021-03") & (v["flow"] == "balance") & (v["line_item"] == "Total")]
    by_release = dict(zip(got["release"], got["value"]))
    # exh1.xlsx of each release: 2021-03 row 41, 2021-05 row 41, 2021-08 row 41, 2021-09 row 41,
    # 2021-12 row 39, 2022-02 row 27 (column B)
    expected = {"2021-03": -74448, "2021-05": -75025, "2021-08": -72222, "2021-09": -72222,
                "2021-12": -71601, "2022-02": -71395}
    present = {r: x for r, x in expected.items() if r in bundled()}
    assert {"2021-03", "2021-05", "2021-09", "2021-12", "2022-02"} <= set(present)
    assert by_release == present
    assert (got["source_file"] == "exh1.xlsx").all()


def test_december_2024_from_first_print(data_with_2025_03):
    committed("2024-12")
    v = rv.vintages("2026-01", data_with_2025_03)
    got = v[(v["period"] == "2024-12") & (v["flow"] == "balance") & (v["line_item"] == "Total")].set_index("release")
    # first print: "$98.4 billion in December" (headlines.csv row 2, BEA's release page of 2025-02-05)
    assert got.loc["2024-12", "billions"] == -98.4 and got.loc["2024-12", "source_file"] == "headlines.csv"
    # trad-time-series-0225.xlsx and -0325.xlsx Table 1 row 471: -98,062
    assert got.loc["2025-02", "value"] == got.loc["2025-03", "value"] == -98062
    # exh1.xlsx of 2025-12 row 34 and of 2026-01 row 21: -96,948 (after the June 2025 annual revision)
    for rid in ("2025-12", "2026-01"):
        if rid in bundled():
            assert got.loc[rid, "value"] == -96948
    assert list(got.index) == sorted(got.index)


def test_a_published_version_does_not_change():
    """Vintages up to a release use no later release: the 2021-09 page stays as it was."""
    early, late = rv.vintages("2021-09"), rv.vintages("2026-01")
    assert early["release"].max() <= "2021-09"
    kept = late[late["release"] <= "2021-09"].reset_index(drop=True)
    pd.testing.assert_frame_equal(early.reset_index(drop=True), kept, check_dtype=False)


def test_restated_last_month_is_named():
    """A month restated "as published last month" names the release that first published it
    and the file that restates it: February 2021 (exh1.xlsx of 2021-03, row 52)."""
    committed("2021-03")
    v = rv.vintages("2021-03")
    r = one(v, period="2021-02", flow="balance", line_item="Total", release="2021-02")
    assert (r["value"], r["source_file"], r["location"], r["via"]) == (
        -71078, "exh1.xlsx of 2021-03", "sheet '1', row 52, column B", rv.OWN)


def test_first_with_two_vintages_is_what_each_release_s_vintages_say():
    """Issue 20: the vintages chapter's status asks once, not each release's whole table: the first
    release up to which a month has two vintages, checked against :func:`vintages` of every release."""
    two = [r for r in bundled() if rv.vintages(r).groupby("period")["release"].nunique().max() >= 2]
    assert two and rv.first_with_two_vintages(paths.DATA) == two[0]
    assert two == [r for r in bundled() if r >= two[0]]  # once two, always: what the chapter's status relies on
