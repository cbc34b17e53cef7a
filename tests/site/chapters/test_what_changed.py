"""The "What this release revised" chapter: its sentences, chart and table come from the
files' own figures; the 2025-03 sentences repeat the release's "Revisions" text word for word."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest

from tradesite import paths
from tradesite.ingest import ingest
from tradesite.periods import month_year
from tradesite.releases import Release, bundled
from tradesite.site.render import charts, tables
from tradesite.site.chapters import what_changed
from tradesite.site.render.model import Chart, Table, Text

from .helpers import build


def committed(release: str) -> Release:
    if not (paths.DATA / release / "release.json").is_file():
        pytest.skip(f"data/releases/{release} is not committed yet")
    return Release.load(release)


@pytest.fixture(scope="module")
def data_with_2025_03(raw, tmp_path_factory) -> Path:
    """The committed releases, with 2025-03's BEA time series: committed, or else ingested
    here from the official trad-time-series-0325.xlsx alone."""
    if (paths.DATA / "2025-03" / "bea-ts-1.csv").is_file():
        return paths.DATA
    data = tmp_path_factory.mktemp("data")
    for rid in bundled():
        shutil.copytree(paths.DATA / rid, data / rid)
    folder = tmp_path_factory.mktemp("raw") / "2025-03"
    folder.mkdir()
    (folder / "trad-time-series-0325.xlsx").symlink_to(raw / "2025-03" / "trad-time-series-0325.xlsx")
    ingest("2025-03", raw_dir=folder, data_dir=data)
    return data


def test_sentences_repeat_the_release_text(raw, data_with_2025_03, monkeypatch):
    monkeypatch.setattr(paths, "DATA", data_with_2025_03)
    chapter = build(what_changed, Release.load("2025-03"))
    with pdfplumber.open(raw / "2025-03" / "trad0325.pdf") as pdf:
        text = pdf.pages[2].extract_text()  # page 3, "Revisions"
    section = [line.lstrip("• ").strip() for line in text.split("\nRevisions\n", 1)[1].splitlines()]
    expected = [line for line in section if line.startswith("Revisions to") or " revised " in line]
    md = next(b.markdown for b in chapter.blocks if isinstance(b, Text) and "computed from the files" in b.markdown)
    ours = [line.strip("*- ") for line in md.splitlines()[1:] if line.strip()]
    assert ours == expected  # 'Revisions to February exports', 'Exports of goods were revised down less than $0.1 billion.', ...


def test_release_text_stands_beside_the_figures(raw):
    """The release's own "Revisions" section (notes.json, read from trad0325.pdf page 3) is shown."""
    release = committed("2025-03")
    if not what_changed.release_notes(release):
        pytest.skip("data/releases/2025-03/notes.json has no 'revisions' section yet")
    chapter = build(what_changed, release)
    words = next(b.markdown for b in chapter.blocks if isinstance(b, Text) and "own words" in b.markdown)
    assert "(trad0325.pdf, page 3)" in words
    for line in ("Exports of goods were revised down less than $0.1 billion.",
                 "Exports of services were revised down $0.4 billion.",
                 "Imports of goods were revised up less than $0.1 billion.",
                 "Imports of services were revised up $0.1 billion."):  # trad0325.pdf page 3
        assert f"- {line}" in words


def test_2021_05_chapter():
    release = committed("2021-05")
    chapter = build(what_changed, release)
    assert (chapter.slug, chapter.title) == ("what-changed", "What this release revised")
    kinds = [type(b) for b in chapter.blocks]
    assert kinds[:2] == [Text, Text] and Chart in kinds and kinds[-1] is Table
    md = chapter.blocks[1].markdown
    # exh1.xlsx of 2021-05, row 52 (as published last month) against row 42 (April (R)), columns F, G, I, J:
    # goods exports 145,288 -> 145,088; services exports 59,704 -> 59,615; goods imports 231,968 -> 231,961;
    # services imports 41,923 -> 41,814
    assert "Exports of goods were revised down $0.2 billion." in md
    assert "Exports of services were revised down $0.1 billion." in md
    assert "Imports of goods were revised down less than $0.1 billion." in md
    assert "Imports of services were revised down $0.1 billion." in md

    table = chapter.tables()[0]
    assert table.id == "revisions"
    i = table.frame.index[(table.frame["Period"] == "April 2021") & (table.frame["Line item"] == "Total")
                          & (table.frame["Flow"] == "Balance")][0]
    row = table.frame.loc[i]
    assert (row["Exhibit"], row["As published"], row["Revised"], row["Revision"]) == ("1", -68899, -69071, -172)
    assert table.unit == "millions of dollars" and "Unit" not in table.frame.columns  # one unit: in the caption
    # where both figures are: one click away (the row's source), not spelled out in every row
    short, full = table.provenance[i]
    assert short == "exh1.xlsx"
    assert full == ("As published: exh1.xlsx of 2021-05 (as published last month), sheet '1', row 52, column B. "
                    "Revised: exh1.xlsx, sheet '1', row 42, column B.")
    rendered = tables.render(table, chapter.slug, release, chapter_title=chapter.title)
    assert "Earlier source" not in rendered.html and len(table.frame) > tables.LONG_ROWS
    assert f"All {len(table.frame)} rows" in rendered.html  # the first rows here, every row on its own pages
    csv = rendered.files["what-changed/what-changed-revisions.csv"].decode("utf-8-sig")
    assert csv.splitlines()[0] == ("release,source_file,location,exhibit,line_item,hierarchy,flow,basis,"
                                   "seasonal_adjustment,unit,period,period_type,measure,status,earlier_release,"
                                   "earlier_source,earlier_location,earlier,value,revision,how")
    assert ("2021-05,exh1.xlsx,\"sheet '1', row 42, column B\",1,Total,Total,balance,balance_of_payments,"
            "seasonally_adjusted,millions of dollars,2021-04,month,level,,2021-04,exh1.xlsx of 2021-05 (as published "
            "last month),\"sheet '1', row 52, column B\",-68899,-69071,-172,as published last month") in csv

    chart = chapter.charts()[0]
    rendered = charts.render(chart, chapter.slug)
    assert set(rendered.files) == {"what-changed/revisions-by-month.json"} and rendered.html.count('<svg ') == 2


def test_periods_marked_revised_without_earlier_figures():
    """2025-02: no earlier BEA workbook is bundled, but the file marks January 2025 revised
    (trad-time-series-0225.xlsx, Table 1 row 472 '2025 Jan (R)', and Tables 2-5)."""
    chapter = build(what_changed, committed("2025-02"))
    assert [type(b) for b in chapter.blocks] == [Text]
    assert chapter.blocks[0].markdown.endswith(
        "- January 2025: trad-time-series-0225.xlsx (BEA time series Tables 1, 2, 3, 4 and 5)")
    # 2021-08: what it marks beyond the figures compared; the file name says the exhibit
    md = "\n".join(b.markdown for b in build(what_changed, committed("2021-08")).blocks if isinstance(b, Text))
    assert "- July 2021: exh3s.xlsx, exh6.xlsx, exh7.xlsx, exh8.xlsx" in md  # exh7.xlsx row 6-7: column 'July' '2021 (R)'


def test_revision_sentence_wording():
    assert what_changed.revision_sentence("exports", "Goods", -40) == "Exports of goods were revised down less than $0.1 billion."
    assert what_changed.revision_sentence("imports", "Services", 65) == "Imports of services were revised up $0.1 billion."
    assert what_changed.revision_sentence("imports", "Goods", None) == "Imports of goods were not revised."


def test_a_large_revision_is_listed_by_exhibit_with_every_figure_in_the_csv(monkeypatch):
    """Issue 20: from SUMMARY_FROM revised figures (a complete month, an annual revision) the page has one row per
    exhibit, flow, adjustment and unit; the counts and the largest revision are checked here against
    2021-05's own revised figures, and the CSV keeps every one of them."""
    release = committed("2021-05")
    revs, _, _ = what_changed._facts(release.id, str(release.folder.parent))
    assert tables.LONG_ROWS < len(revs) < what_changed.SUMMARY_FROM  # a month's revision: one row a figure
    table = what_changed.summary_table(revs)
    frame = table.frame
    assert sum(int(n.replace(",", "")) for n in frame["Revised"]) == len(revs)
    row = frame[frame["Figures"] == "Exhibit 1: Balance, seasonally adjusted"].iloc[0]
    ours = revs[(revs["exhibit"] == "1") & (revs["flow"] == "balance") & (revs["period_type"] == "month")
                & (revs["seasonal_adjustment"] == "seasonally_adjusted")]
    assert row["Revised"] == f"{len(ours):,}"
    assert abs(row["Largest revision"]) == ours["revision"].abs().max()
    assert row["Periods"] == f"{month_year(ours['period'].min())} to {month_year(ours['period'].max())}"
    rendered = tables.render(table, "what-changed", release, chapter_title=what_changed.TITLE)
    csv = rendered.files["what-changed/what-changed-revisions.csv"].decode("utf-8-sig")
    assert len(csv.splitlines()) == len(revs) + 1  # every figure, as in the one-row-a-figure table's CSV
    assert csv == tables.render(what_changed.table(revs), "what-changed", release).files[
        "what-changed/what-changed-revisions.csv"].decode("utf-8-sig")
    assert "All " not in rendered.html  # a page, not pages of rows
    monkeypatch.setattr(what_changed, "SUMMARY_FROM", len(revs))
    assert build(what_changed, release).tables()[0].title == f"The {len(revs):,} figures of earlier periods this release revised, by exhibit"
