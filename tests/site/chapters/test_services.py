"""Services chapters on the releases that carry their data: exhibit 3/4 (2021-08 Census workbooks),
BEA time-series Tables 2/3 (2025-02, 2025-03). Releases ingested from a subset of their official
files are built in a temporary folder, so the tests do not depend on which releases are committed."""

from __future__ import annotations

import pytest

from tradesite import paths
from tradesite.ingest import ingest
from tradesite.releases import Release
from tradesite.site.chapters import services_exports, services_imports
from tradesite.site.render.model import Chart, Table, Text

from .helpers import build


def partial_release(tmp_path_factory, release: str, files: list[str]) -> Release:
    """A release ingested from some of its official files (linked, not copied) into a temp folder."""
    root = tmp_path_factory.mktemp(f"rel-{release}")
    raw = root / "raw"
    raw.mkdir()
    for name in files:
        (raw / name).symlink_to(paths.RAW / release / name)
    ingest(release, raw_dir=raw, data_dir=root / "data")
    return Release.load(release, data_dir=root / "data")


@pytest.fixture(scope="module")
def aug2021(tmp_path_factory):
    return partial_release(tmp_path_factory, "2021-08", ["exh3.xlsx", "exh4.xlsx"])


@pytest.fixture(scope="module")
def mar2025(tmp_path_factory):
    return partial_release(tmp_path_factory, "2025-03", ["trad-time-series-0325.xlsx"])


def text(chapter) -> str:
    return "\n".join(b.markdown for b in chapter.blocks if isinstance(b, Text))


def test_narrative_matches_release_text(mar2025):
    # trad0325.pdf pages 2-3 (figures from trad-time-series-0325.xlsx, sheets 'Table 2'/'Table 3', rows 349-350)
    exports = build(services_exports, mar2025)
    assert (
        "Exports of services decreased $0.9 billion to $95.2 billion in March.\n\n"
        "- Travel decreased $1.3 billion.\n"
        "- Transport increased $0.3 billion.\n"
        "- Financial services increased $0.2 billion."
    ) in text(exports)
    imports = build(services_imports, mar2025)
    assert (
        "Imports of services decreased $0.1 billion to $72.2 billion in March.\n\n"
        "- Travel decreased $0.4 billion.\n"
        "- Transport increased $0.2 billion."
    ) in text(imports)
    assert exports.summary == "Exports of services decreased $0.9 billion to $95.2 billion in March."
    assert (exports.slug, imports.slug) == ("services-exports", "services-imports")


def test_committed_bea_release(data):
    # trad-time-series-0225.xlsx, sheet 'Table 2', rows 348-349: total 96886 (R) -> 96521; Transport 9094 -> 8774,
    # Travel 18774 -> 18519, Government 2648 -> 2473, Financial 16847 -> 17003
    chapter = build(services_exports, Release.load("2025-02", data_dir=data))
    assert (
        "Exports of services decreased $0.4 billion to $96.5 billion in February.\n\n"
        "- Transport decreased $0.3 billion.\n"
        "- Travel decreased $0.3 billion.\n"
        "- Government goods and services decreased $0.2 billion.\n"
        "- Financial services increased $0.2 billion."
    ) in text(chapter)
    assert "do not include exhibit 3" in text(chapter)
    assert chapter.exhibits == ["bea-ts-2"]


def test_census_exhibits(aug2021):
    # exh3.xlsx rows 44-45: total 64116 (July, R) -> 64049 (August); Travel 5540 -> 5260
    exports = build(services_exports, aug2021)
    assert ("Exports of services decreased $0.1 billion to $64.0 billion in August.\n\n"
            "- Travel decreased $0.3 billion.") in text(exports)
    # exh4.xlsx rows 44-45: total 46599 -> 47886; Transport 9101 -> 9803, Travel 5691 -> 6150
    imports = build(services_imports, aug2021)
    assert ("Imports of services increased $1.3 billion to $47.9 billion in August.\n\n"
            "- Transport increased $0.7 billion.\n"
            "- Travel increased $0.5 billion.") in text(imports)
    assert exports.exhibits == ["3"] and imports.exhibits == ["4"]
    assert not any(isinstance(b, Chart) and b.id == "since-1999" for b in exports.blocks)  # no BEA workbook here


def test_exhibit_table_as_printed(aug2021):
    table = next(t for t in build(services_exports, aug2021).tables() if t.id == "exhibit-3")
    assert table.title == "U.S. Exports of Services by Major Category"
    assert (table.unit, table.source) == ("millions of dollars", "Exhibit 3, exh3.xlsx (sheet '3')")
    frame = table.frame.set_index("Period")
    # exh3.xlsx row 7 (2019, Jan.-Dec.), row 44 ('July (R)'), row 51 (July as published last month)
    assert frame.loc["2019", "Total Services"] == 876295
    assert frame.loc["July 2021 (R)", "Travel"] == 5540
    assert frame.loc["July 2021 as published last month", "Travel"] == 5623
    assert list(frame.columns)[:3] == ["Total Services", "Maintenance and Repair Services n.i.e.", "Transport"]


def test_charts_and_bea_table(mar2025):
    chapter = build(services_exports, mar2025)
    charts = {c.id: c for c in chapter.charts()}
    assert set(charts) == {"categories", "since-1999"}
    bars = charts["categories"].chart.data
    assert len(bars) == 11
    # trad-time-series-0325.xlsx, sheet 'Table 2', row 350 (2025 Mar): Travel 16982 millions
    assert bars.set_index("category").loc["Travel", "level"] == pytest.approx(16.982)
    history = charts["since-1999"].chart.data
    assert history["month"].min().strftime("%Y-%m") == "1999-01" and history["month"].max().strftime("%Y-%m") == "2025-03"
    assert history["item"].nunique() == 11
    table = next(t for t in chapter.tables() if t.id == "bea-table-2")
    assert table.frame["Period"].iloc[0] == "1999" and table.frame["Period"].iloc[-1] == "March 2025"
    assert table.frame["Period"].iloc[-2] == "February 2025 (R)"
    # every year 1999-2024, and the months of the last three calendar years (2023-01 to 2025-03)
    assert len(table.frame) == (2024 - 1999 + 1) + 2 * 12 + 3
    assert table.frame["Period"].iloc[2024 - 1999 + 1] == "January 2023"
    assert isinstance(table, Table) and table.source == "BEA time series Table 2, trad-time-series-0325.xlsx (sheet 'Table 2')"


@pytest.mark.parametrize("release", ["2025-01", "2025-11", "2024-12"])
def test_none_without_services_data(release, data):
    r = Release.load(release, data_dir=data)
    assert build(services_exports, r) is None and build(services_imports, r) is None


def test_committed_pdf_release_if_present(data):
    """2025-03 as committed (release PDF, pdf-exh3): the same sentences from the release's own exhibit."""
    if not (data / "2025-03" / "release.json").is_file():
        pytest.skip("release 2025-03 not committed yet")
    release = Release.load("2025-03", data_dir=data)
    chapter = build(services_exports, release)
    assert chapter.summary == "Exports of services decreased $0.9 billion to $95.2 billion in March."  # trad0325.pdf page 2


def test_partial_from_exhibit_1(data):
    """2026-01 has exhibit 1 only: the monthly total of services, said to be part of the chapter."""
    chapter = build(services_exports, Release.load("2026-01", data_dir=data))
    # exh1.xlsx of 2026-01, row 39 (January): services exports 106,658; row 36 (December (R)) is the month before
    assert "Seasonally adjusted, exports of services were $106.7 billion in January 2026" in text(chapter)
    assert chapter.held == "the monthly total of exports of services, seasonally adjusted (exhibit 1)"
    table = next(t for t in chapter.tables() if t.id == "monthly-totals")
    assert table.frame.set_index("Month").loc["January 2026", "Seasonally adjusted: balance of payments basis"] == 106658
    assert list(table.frame.columns) == ["Month", "Seasonally adjusted: balance of payments basis"]
