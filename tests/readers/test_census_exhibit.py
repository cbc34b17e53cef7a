"""The Census exhibit reader on the official workbooks in ../shared/data/raw.

Every expected figure below is copied from the cell the case names (file, sheet, row,
column) of the official workbook; the case also states what that cell means (line item,
flow, period...), so a reader that puts a right number in the wrong place fails.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tradesite import paths
from tradesite.readers.census.layout import anchor_pattern
from tradesite.readers.engine.text import clean
from tradesite.schema import COLUMNS, HIERARCHY_SEP

CENSUS_RELEASES = ["2021-03", "2021-05", "2021-08", "2021-09", "2021-12", "2022-02", "2025-11", "2025-12", "2026-01"]
WORKBOOKS = sorted((p.parent.name, p.name) for rel in CENSUS_RELEASES for p in (paths.RAW / rel).glob("exh*.xlsx"))


@pytest.fixture
def table(read_official):
    """table(release, stem): the tidy table of a workbook, read once per session."""
    return lambda release, stem: read_official(release, paths.RAW / release / f"{stem}.xlsx").tables[stem]


@pytest.fixture
def at(table):
    return lambda release, stem, location: located(table(release, stem), stem, location)


def located(rows: pd.DataFrame, stem: str, location: str) -> dict:
    rows = rows[rows["location"] == location]
    assert len(rows) == 1, f"{stem}.xlsx {location}: {len(rows)} values read there"
    return rows.iloc[0].to_dict()


# (release, workbook, cell, what the cell means, value as printed; None = a marker, no number)
KNOWN = [
    # the release's headline: August 2021 balance, July revised, July as published the month before
    ("2021-08", "exh1", "sheet '1', row 46, column B",
     dict(line_item="Total", flow="balance", period="2021-08", period_type="month", vintage="current"), -73252),
    ("2021-08", "exh1", "sheet '1', row 45, column B",
     dict(line_item="Total", flow="balance", period="2021-07", status="R"), -70303),
    ("2021-08", "exh1", "sheet '1', row 52, column B",
     dict(line_item="Total", flow="balance", period="2021-07", vintage="as_published_last_month"), -70051),
    ("2021-08", "exh1", "sheet '1', row 8, column E",
     dict(line_item="Total", flow="exports", period="2019", period_type="year"), 2528367),
    ("2021-08", "exh1", "sheet '1', row 38, column I",
     dict(hierarchy="Total › Goods", flow="imports", period="2021-08", period_type="year_to_date",
          basis="balance_of_payments", seasonal_adjustment="seasonally_adjusted"), 1859019),
    ("2021-08", "exh2", "sheet '2', row 42, column B",
     dict(line_item="Total", flow="balance", period="2021-08", period_type="three_month_average"), -72261),
    ("2021-08", "exh3", "sheet '3', row 45, column E",
     dict(hierarchy="Total Services › Travel", flow="exports", period="2021-08"), 5260),
    ("2021-08", "exh3", "sheet '3', row 51, column B",
     dict(line_item="Total Services", period="2021-07", vintage="as_published_last_month"), 64237),
    ("2021-08", "exh4", "sheet '4', row 7, column B",
     dict(line_item="Total Services", flow="imports", period="2019", period_type="year"), 591121),
    ("2021-08", "exh6", "sheet '6', row 32, column G",
     dict(hierarchy="Total Census Basis › Capital Goods", flow="exports", period="2021-08", basis="census"), 43868),
    ("2021-08", "exh7", "sheet '7', row 99, column B",
     dict(hierarchy=HIERARCHY_SEP.join(["Total, Census Basis", "Capital goods, except automotive", "Computers"]),
          level=2, flow="exports", period="2021-08", period_type="month", measure="level"), 1377),
    ("2021-08", "exh7", "sheet '7', row 8, column C",
     dict(line_item="Total, Balance of Payments Basis", basis="balance_of_payments", period="2021-07", status="R"), 148586),
    ("2021-08", "exh7", "sheet '7', row 55, column D",
     dict(line_item="Electric energy", measure="change", period="2021-08", status="-"), None),
    ("2021-08", "exh7", "sheet '7', row 10, column G",
     dict(line_item="Total, Census Basis", measure="change", period="2021-08", period_type="year_to_date"), 219196),
    ("2021-08", "exh8", "sheet '8', row 152, column B",
     dict(line_item="Cell phones and other household goods, n.e.c.", flow="imports", level=2,
          hierarchy=HIERARCHY_SEP.join(["Total, Census Basis", "Consumer goods",
                                        "Cell phones and other household goods, n.e.c."])), 8041),
    ("2021-08", "exh9", "sheet '9', row 31, column E",
     dict(hierarchy="Total › Non-petroleum", flow="balance", period="2021-08", basis="census"), -88044),
    ("2021-08", "exh9", "sheet '9', row 31, column G",
     dict(line_item="Net Adjustments", flow="exports", basis="balance_of_payments"), 580),
    ("2021-08", "exh10", "sheet '10', row 34, column B",
     dict(line_item="Total Census Basis", flow="exports", basis="chained_dollars",
          unit="millions of chained 2012 dollars", period="2021-08"), 146324),
    ("2021-08", "exh12", "sheet '12', row 46, column B",
     dict(line_item="Total Balance of Payments Basis", flow="balance", seasonal_adjustment="not_seasonally_adjusted"), -98983),
    ("2021-08", "exh12", "sheet '12', row 52, column F",
     dict(line_item="Total Census Basis", flow="exports", period="2021-07", vintage="as_published_last_month"), 144110),
    ("2021-08", "exh13", "sheet '13', row 62, column I",
     dict(hierarchy="Total Census Basis › Consumer Goods", flow="imports", period="2021-08"), 67589),
    ("2021-08", "exh14", "sheet '14', row 38, column B",
     dict(hierarchy="Total Census Basis › Pacific Rim Countries › China", flow="balance", period="2021-08"), -31739),
    # '(R)' printed in its own cell (column G) marks the July value beside it
    ("2021-08", "exh14", "sheet '14', row 12, column H",
     dict(line_item="Canada", flow="exports", period="2021-07", status="R"), 25695),
    ("2021-08", "exh14", "sheet '14', row 66, column B",
     dict(line_item="Unidentified Countries", status="-"), None),
    # exh14a indents Norway as if it were in the EU; it is a country of Europe
    ("2021-08", "exh14a", "sheet '14a', row 30, column F",
     dict(hierarchy="Total Census Basis › Europe › Norway", flow="exports", period="2020-08"), 206),
    ("2021-08", "exh16", "sheet '16', row 45, column C",
     dict(flow="exports", period="2021-08", period_type="month"), 29489),
    ("2021-08", "exh17", "sheet '17', row 33, column G",
     dict(hierarchy="Total energy-related petroleum products › Crude Oil", flow="exports",
          unit="dollars per barrel", basis="not_applicable"), 66.3),
    ("2021-08", "exh17", "sheet '17', row 63, column D",
     dict(line_item="Crude Oil", flow="imports", unit="thousands of barrels", period="2021-08"), 194749),
    ("2021-08", "exh17a", "sheet '17a', row 13, column C",
     dict(hierarchy="Total › North America › Canada", flow="imports", unit="thousands of barrels"), 116003),
    ("2021-08", "exh18", "sheet '18', row 12, column E",
     dict(hierarchy="Passenger Cars › TOTAL › Canada", flow="exports", period="2021-08"), 1201),
    ("2021-08", "exh19", "sheet '19', row 8, column J",
     dict(line_item="Canada", flow="balance", period="2021-Q2", period_type="quarter",
          seasonal_adjustment="seasonally_adjusted"), -13283),
    ("2021-08", "exh19", "sheet '19', row 8, column D",
     dict(line_item="Canada", flow="balance", period="2021-07", status="R"), -3637),
    ("2021-08", "exh20", "sheet '20', row 9, column B",
     dict(line_item="China", flow="balance", period="2020-Q1", basis="balance_of_payments"), -55080),
    ("2021-08", "exh20", "sheet '20', row 23, column B",
     dict(line_item="CAFTA-DR", status="n.a."), None),
    ("2021-08", "exh20b", "sheet '20b', row 7, column H",
     dict(line_item="Brazil", flow="balance", period="2018", period_type="year"), 20108),
    ("2021-08", "exh1s", "sheet '1', row 12, column D",
     dict(line_item="GRAND TOTAL", flow="exports", period="2021-08", seasonal_adjustment="not_seasonally_adjusted"),
     148099.485748),
    ("2021-08", "exh2as", "sheet '2a', row 59, column H",
     dict(hierarchy="U.S. Total › Texas", flow="imports", period="2021-08"), 26648.067925),
    ("2021-08", "exh3s", "sheet '3', row 63, column D",
     dict(line_item="F.A.S. Value", flow="exports", seasonal_adjustment="not_seasonally_adjusted"), 148099.485748),
    ("2021-08", "exh4s", "sheet '4', row 48, column E",
     dict(hierarchy="TOTAL › Canada", flow="exports", period="2021-08"), 25736.910014),
    # every official cell kept: ranks ("ranked by year-to-date totals", row 3), C.I.F. values, calculated duty
    ("2021-08", "exh4s", "sheet '4', row 11, column D",
     dict(line_item="Afghanistan", flow="balance", measure="rank", period="2021-08", period_type="year_to_date",
          unit="rank", basis="census"), 191),
    ("2021-08", "exh4s", "sheet '4', row 10, column D", dict(line_item="TOTAL", measure="rank", status="X"), None),
    ("2021-08", "exh4s", "sheet '4', row 10, column K",
     dict(line_item="TOTAL", flow="imports", basis="cif", measure="level", period="2021-08", period_type="month"),
     255372.698799),
    ("2021-08", "exh4s", "sheet '4', row 11, column M",
     dict(line_item="Afghanistan", flow="imports", basis="cif", measure="rank", period_type="year_to_date"), 151),
    ("2021-08", "exh4as", "sheet '4a', row 10, column L",
     dict(line_item="TOTAL", flow="imports", basis="cif", period="2020-08", period_type="year_to_date"), 1525924.108319),
    ("2021-08", "exh17a", "sheet '17a', row 13, column I",
     dict(hierarchy="Total › North America › Canada", flow="imports", basis="cif", unit="thousands of dollars",
          period="2021-08", period_type="month"), 7494380),
    ("2021-08", "exh1s", "sheet '1', row 12, column H",
     dict(hierarchy="GRAND TOTAL", flow="imports", measure="calculated_duty", period="2021-08", period_type="month"),
     7656.995556),
    ("2021-08", "exh3s", "sheet '3', row 10, column F",
     dict(line_item="C.I.F. Value", flow="imports", basis="cif", period="2020", period_type="year"), 2406931.650221),
    # the other releases
    ("2021-03", "exh1", "sheet '1', row 52, column B",
     dict(flow="balance", period="2021-02", vintage="as_published_last_month"), -71078),
    ("2021-05", "exh1", "sheet '1', row 39, column E",
     dict(line_item="Total", flow="exports", period="2021-01"), 193221),
    ("2021-09", "exh1", "sheet '1', row 52, column B",
     dict(flow="balance", period="2021-08", vintage="as_published_last_month"), -73252),
    ("2021-12", "exh1", "sheet '1', row 36, column B",
     dict(flow="balance", period="2021", period_type="year"), -859133),
    ("2022-02", "exh1", "sheet '1', row 39, column B",
     dict(flow="balance", period="2022-01", status="R"), -89229),
    ("2025-11", "exh12", "sheet '12', row 48, column B",
     dict(line_item="Total Balance of Payments Basis", flow="balance", period="2025-10", status="R"), -71954),
    ("2025-11", "exh12", "sheet '12', row 52, column B",
     dict(flow="balance", period="2025-10", vintage="as_published_last_month"), -72043),
    ("2025-12", "exh1", "sheet '1', row 48, column B",
     dict(flow="balance", period="2025-12", period_type="month"), -70311),
    ("2025-12", "exh12", "sheet '12', row 36, column F",
     dict(line_item="Total Census Basis", flow="exports", period="2025", period_type="year"), 2185220),
    ("2026-01", "exh1", "sheet '1', row 23, column B",
     dict(flow="balance", period="2025", period_type="year", status="R"), -911689),
    # January releases print 'Jan. -' for the year to date through January
    ("2026-01", "exh12", "sheet '12', row 38, column B",
     dict(flow="balance", period="2026-01", period_type="year_to_date"), -75176),
]


@pytest.mark.parametrize("release, stem, location, meaning, value", KNOWN,
                         ids=[f"{c[0]}-{c[1]}-{c[2].split(', ', 1)[1]}" for c in KNOWN])
def test_known_values(release, stem, location, meaning, value, at):
    rec = at(release, stem, location)
    for column, want in meaning.items():
        assert rec[column] == want, f"{stem}.xlsx {location}: {column}"
    if value is None:
        assert pd.isna(rec["value"])
    else:
        assert rec["value"] == pytest.approx(value, abs=1e-9)


def test_as_published_last_month_matches_the_earlier_release(at):
    # exh1.xlsx of 2021-09 row 52 repeats exh1.xlsx of 2021-08 row 46 (August as published)
    assert at("2021-09", "exh1", "sheet '1', row 52, column E")["value"] == \
        at("2021-08", "exh1", "sheet '1', row 46, column E")["value"] == 213740


@pytest.mark.parametrize("release, name", WORKBOOKS, ids=[f"{r}-{n}" for r, n in WORKBOOKS])
def test_every_bundled_workbook_reads(release, name, read_official):
    stem = Path(name).stem
    result = read_official(release, paths.RAW / release / name)
    df = result.tables[stem]
    assert list(df.columns) == COLUMNS
    assert len(df) > 50
    assert result.titles[stem].startswith(f"Exhibit {stem[3:].removesuffix('s')}.")
    assert set(df["exhibit"]) == {stem[3:]}
    assert not df.duplicated(["line_item", "hierarchy", "flow", "basis", "seasonal_adjustment", "unit",
                              "period", "period_type", "measure", "vintage"]).any()
    assert df["location"].is_unique
    # the level is the depth of the hierarchy, whose last part is the line item
    parts = df["hierarchy"].str.split(HIERARCHY_SEP)
    assert (parts.str.len() - 1 == df["level"]).all()
    assert (parts.str[-1] == df["line_item"]).all()


def test_end_use_categories_are_derived_from_bold_rows(table):
    # exh7.xlsx rows 11, 30, 78, 111, 118, 144 are the bold end-use categories
    df = table("2021-08", "exh7")
    categories = df[df["level"] == 1].drop_duplicates("line_item")
    assert categories["location"].str.extract(r"row (\d+)")[0].astype(int).tolist() == [11, 30, 78, 111, 118, 144]


@pytest.mark.parametrize("anchor, heading, ok", [
    ("August 2021", "March\n2025", True),           # exh19 B5 in another month's file
    ("First Quarter 2020", "Fourth Quarter\n2024", True),
    ("Annual 2018", "Annual\n2023", True),
    ("August", "Year-to-Date", False),
    ("Net Adjust- ments", "Net      Adjust- ments", True),  # exh9 C6 as printed
    ("Balance", "Exports", False),
])
def test_layout_anchors_allow_any_month_or_year(anchor, heading, ok):
    assert bool(anchor_pattern(anchor).fullmatch(clean(heading))) is ok


def test_free_trade_agreement_marks_are_not_part_of_the_name(table, at):
    # exh4s.xlsx row 21 prints 'Australia*', row 48 'Canada**' (footnote: countries with FTAs)
    df = table("2021-08", "exh4s")
    assert at("2021-08", "exh4s", "sheet '4', row 21, column E")["line_item"] == "Australia"
    assert at("2021-08", "exh4s", "sheet '4', row 48, column E")["line_item"] == "Canada"
    assert not df["line_item"].str.contains(r"\*").any()


def test_a_damaged_part_the_reader_skips_is_still_refused(tmp_path):
    """The readers skip the workbooks' links to other workbooks (``workbooks.load_xlsx``: half of a
    2021 release's ingest time went to openpyxl parsing them), so a download damaged only there
    would read fine: the file is checked whole first. Failed (read without a word) with
    ``keep_links=False`` alone, before the CRC check."""
    import zipfile

    from tradesite.errors import IngestError
    from tradesite.readers import census_exhibit

    official = paths.RAW / "2021-08" / "exh1.xlsx"
    with zipfile.ZipFile(official) as z:
        link = next(i for i in z.infolist() if i.filename.startswith("xl/externalLinks/") and i.compress_size > 200)
    data = bytearray(official.read_bytes())
    start = link.header_offset + 30 + len(link.filename.encode()) + len(link.extra)  # the part's compressed bytes
    data[start + 50: start + 150] = bytes(100)
    damaged = tmp_path / "exh1.xlsx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(IngestError) as e:
        census_exhibit.read(damaged, "2021-08")
    assert str(e.value).startswith("exh1.xlsx: expected a readable .xlsx workbook (the file is damaged or truncated: "
                                   "download it again), found <BadZipFile: ")
    assert census_exhibit.read(official, "2021-08").tables["exh1"].shape[0] > 0  # the official file reads
