"""The FT-900 release PDF reader on the real March 2025 release (trad0325.pdf, 56 pages).

Every expected figure is printed in trad0325.pdf; the comment names the page.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pypdfium2 as pdfium
import pytest

from tradesite.errors import IngestError
from tradesite.readers import ft900_pdf
from tradesite.readers.pdf import layout
from tradesite.readers.pdf import notes as pdf_notes
from tradesite.schema import COLUMNS, HIERARCHY_SEP

RELEASE = "2025-03"


@pytest.fixture(scope="module")
def pdf(raw):
    return raw / RELEASE / "trad0325.pdf"


@pytest.fixture(scope="module")
def result(pdf, read_official):
    return read_official(RELEASE, pdf)


def one(result, table, **where):
    """The single row of ``table`` matching ``where`` (current vintage, level unless said)."""
    df = result.tables[table]
    where = {"vintage": "current", "measure": "level", **where}
    for col, v in where.items():
        df = df[df[col] == v]
    assert len(df) == 1, f"{table} {where}: {len(df)} rows"
    return df.iloc[0]


def value(result, table, **where) -> float:
    return float(one(result, table, **where)["value"])


def billions(millions: float) -> float:
    """As the release's text rounds: $0.1 billion (half away from zero)."""
    return math.copysign(math.floor(abs(millions) / 100 + 0.5) / 10, millions)


# ---------------------------------------------------------------- the release itself


def test_dates_from_page_1(result):
    # trad0325.pdf page 1: "EMBARGOED UNTIL RELEASE AT 8:30 a.m. EDT, Tuesday, May 6, 2025"
    # and "Next release: Thursday, June 5, 2025"
    assert result.meta == {"published": "2025-05-06", "next_release": "2025-06-05"}


def test_every_exhibit_is_a_tidy_table(result):
    # trad0325.pdf page 13: the list of exhibits 1-20b
    expected = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "14a",
                "15", "16", "16a", "17", "17a", "18", "19", "20", "20a", "20b",
                # pages 43-56: the FT-900 Supplement's exhibits 1, 2, 2a, 3, 4, 4a (as exh1s.xlsx ... exh4as.xlsx)
                "1s", "2s", "2as", "3s", "4s", "4as"]
    assert list(result.tables) == [f"pdf-exh{e}" for e in expected]
    for table_id, df in result.tables.items():
        assert list(df.columns) == COLUMNS
        assert len(df) > 50, table_id
        assert set(df["exhibit"]) == {table_id.removeprefix("pdf-exh")}
        assert set(df["source_file"]) == {"trad0325.pdf"}
        assert df["location"].str.match(r"page \d+, row ").all() and df["location"].is_unique, table_id
        key = ["hierarchy", "flow", "basis", "seasonal_adjustment", "unit", "period", "period_type", "measure", "vintage"]
        assert not df.duplicated(key).any(), table_id
    assert result.titles["pdf-exh7"] == "Exhibit 7. U.S. Exports of Goods by End-Use Category and Commodity"
    assert result.titles["pdf-exh2"].endswith("Three-Month Moving Averages")


# ---------------------------------------------------------------- exhibit 1 and the headline


def test_headline_march_2025(result):
    # trad0325.pdf page 1: "the goods and services deficit was $140.5 billion in March, up $17.3
    # billion from $123.2 billion in February, revised"; exports $278.5 billion, imports $419.0 billion
    t = "pdf-exh1"
    march = dict(line_item="Total", period="2025-03", period_type="month")
    assert value(result, t, flow="balance", **march) == -140498  # page 14
    assert billions(value(result, t, flow="balance", **march)) == -140.5
    assert billions(value(result, t, flow="exports", **march)) == 278.5
    assert billions(value(result, t, flow="imports", **march)) == 419.0
    feb = one(result, t, flow="balance", line_item="Total", period="2025-02", period_type="month")
    assert (feb["value"], feb["status"]) == (-123195, "R")
    assert billions(feb["value"]) == -123.2
    assert billions(feb["value"] - value(result, t, flow="balance", **march)) == 17.3
    # page 14: "February data as published last month: -122,662 ..."
    assert value(result, t, flow="balance", line_item="Total", period="2025-02",
                 vintage="as_published_last_month") == -122662


def test_page_1_narrative_goods_and_services(result):
    # trad0325.pdf page 1: "an increase in the goods deficit of $16.5 billion to $163.5 billion and a
    # decrease in the services surplus of $0.8 billion to $23.0 billion"; exports "$0.5 billion more",
    # imports "$17.8 billion more than February"
    t = "pdf-exh1"
    def v(item, flow, period):
        return value(result, t, line_item=item, flow=flow, period=period, period_type="month")
    assert billions(v("Goods", "balance", "2025-03")) == -163.5
    assert billions(v("Goods", "balance", "2025-03") - v("Goods", "balance", "2025-02")) == -16.5
    assert billions(v("Services", "balance", "2025-03")) == 23.0
    assert billions(v("Services", "balance", "2025-03") - v("Services", "balance", "2025-02")) == -0.8
    assert billions(v("Total", "exports", "2025-03") - v("Total", "exports", "2025-02")) == 0.5
    assert billions(v("Total", "imports", "2025-03") - v("Total", "imports", "2025-02")) == 17.8
    row = one(result, t, line_item="Goods", flow="exports", period="2025-03", period_type="month")
    assert row["hierarchy"] == f"Total{HIERARCHY_SEP}Goods" and row["basis"] == "balance_of_payments"
    # page 14: "Jan. - Dec." of 2024 and "Jan. - Mar." of 2025
    assert value(result, t, line_item="Total", flow="balance", period="2024", period_type="year") == -917835
    assert value(result, t, line_item="Total", flow="exports", period="2025-03", period_type="year_to_date") == 826962


def test_page_2_narrative_goods_services_averages(result):
    # trad0325.pdf page 2: "Exports of goods increased $1.3 billion to $183.2 billion in March";
    # "Exports of services decreased $0.9 billion to $95.2 billion"; three-month averages: deficit
    # $131.4 billion, exports $275.7 billion, imports $407.1 billion (exhibit 2, page 15)
    goods = value(result, "pdf-exh1", line_item="Goods", flow="exports", period="2025-03", period_type="month")
    assert goods == 183231 and billions(goods) == 183.2
    services = value(result, "pdf-exh1", line_item="Services", flow="exports", period="2025-03", period_type="month")
    assert billions(services) == 95.2
    avg = dict(line_item="Total", period="2025-03", period_type="three_month_average")
    assert billions(value(result, "pdf-exh2", flow="balance", **avg)) == -131.4
    assert billions(value(result, "pdf-exh2", flow="exports", **avg)) == 275.7
    assert billions(value(result, "pdf-exh2", flow="imports", **avg)) == 407.1
    # page 15: 2023 January
    assert value(result, "pdf-exh2", line_item="Total", flow="balance", period="2023-01",
                 period_type="three_month_average") == -67761


# ---------------------------------------------------------------- the other exhibits, page by page


def test_services_by_category_pages_16_17(result):
    # page 16 (exhibit 3), March 2025: Travel 16,982; February (R) 18,282 -> page 2 "Travel decreased $1.3 billion"
    travel = dict(line_item="Travel", flow="exports", period_type="month")
    assert value(result, "pdf-exh3", period="2025-03", **travel) == 16982
    feb = one(result, "pdf-exh3", period="2025-02", **travel)
    assert (feb["value"], feb["status"]) == (18282, "R")
    assert feb["hierarchy"] == f"Total Services{HIERARCHY_SEP}Travel"
    # page 17 (exhibit 4): imports of travel 15,486 in March, 15,841 in February -> page 3 "decreased $0.4 billion"
    t4 = dict(line_item="Travel", flow="imports", period_type="month")
    assert billions(value(result, "pdf-exh4", period="2025-03", **t4) - value(result, "pdf-exh4", period="2025-02", **t4)) == -0.4
    assert value(result, "pdf-exh4", line_item="Total Services", flow="imports", period="2025-03", period_type="month") == 72203


def test_end_use_page_19(result):
    # page 19 (exhibit 6), exports, March 2025: 183,231 2,128 181,103 13,945 64,629 57,838 15,394 21,769 7,528
    m = dict(flow="exports", period="2025-03", period_type="month")
    assert value(result, "pdf-exh6", line_item="Total Balance of Payments Basis", **m) == 183231
    assert value(result, "pdf-exh6", line_item="Net Adjustments", **m) == 2128
    census = one(result, "pdf-exh6", line_item="Total Census Basis", **m)
    assert (census["value"], census["basis"]) == (181103, "census")
    cat = one(result, "pdf-exh6", line_item="Industrial Supplies", **m)
    assert (cat["value"], cat["hierarchy"]) == (64629, f"Total Census Basis{HIERARCHY_SEP}Industrial Supplies")
    assert value(result, "pdf-exh6", line_item="Other Goods", **m) == 7528


def test_commodities_page_20(result):
    # page 20 (exhibit 7): "Soybeans 2,148 1,386 762 5,049 7,555 -2,506"; Tobacco ytd change "(-)"
    soy = "Total, Census Basis › Foods, feeds, and beverages › Soybeans"
    assert value(result, "pdf-exh7", hierarchy=soy, period="2025-03", period_type="month") == 2148
    feb = one(result, "pdf-exh7", hierarchy=soy, period="2025-02", period_type="month")
    assert (feb["value"], feb["status"]) == (1386, "R")  # the column is headed "2025 (R)"
    assert value(result, "pdf-exh7", hierarchy=soy, period="2025-03", period_type="month", measure="change") == 762
    assert value(result, "pdf-exh7", hierarchy=soy, period="2024-03", period_type="year_to_date") == 7555
    tobacco = one(result, "pdf-exh7", line_item="Tobacco, unmanufactured", period="2025-03",
                  period_type="year_to_date", measure="change")
    assert tobacco["status"] == "-" and math.isnan(tobacco["value"])


def test_petroleum_page_24(result):
    # page 24 (exhibit 9), March 2025 balance: -163,521 -352 4,712 -167,881
    m = dict(flow="balance", period="2025-03", period_type="month")
    assert value(result, "pdf-exh9", line_item="Total", **m) == -163521
    assert value(result, "pdf-exh9", line_item="Petroleum", **m) == 4712
    assert value(result, "pdf-exh9", line_item="Non-petroleum", **m) == -167881


def test_countries_nsa_page_29(result):
    # page 29 (exhibit 14): "Total Balance of Payments Basis -152,067(R)"; "Canada -3,877(R)"; Ireland -29,325
    total = one(result, "pdf-exh14", line_item="Total Balance of Payments Basis", flow="balance",
                period="2025-03", period_type="month")
    # the "(R)" printed after March's value marks February, the next column (the workbook's own
    # "(R)" cell stands left of the revised month: exh14.xlsx of 2021-08, row 8, column C)
    assert (total["value"], total["status"], total["seasonal_adjustment"]) == (-152067, "", "not_seasonally_adjusted")
    feb = one(result, "pdf-exh14", line_item="Total Balance of Payments Basis", flow="balance",
              period="2025-02", period_type="month")
    assert (feb["value"], feb["status"]) == (-119673, "R")
    canada = one(result, "pdf-exh14", line_item="Canada", flow="balance", period="2025-03", period_type="month")
    assert (canada["value"], canada["status"]) == (-3877, "")
    assert canada["hierarchy"] == "Total Census Basis › North America › Canada"
    ireland = one(result, "pdf-exh14", line_item="Ireland", flow="balance", period="2025-03", period_type="month")
    assert ireland["value"] == -29325 and ireland["level"] == 3


def test_exhibit_14a_keeps_exhibit_14_hierarchy(result):
    # page 30 indents Norway under European Union; page 29 prints it as a country of Europe
    norway = one(result, "pdf-exh14a", line_item="Norway", flow="exports", period="2024-03", period_type="month")
    assert norway["hierarchy"] == "Total Census Basis › Europe › Norway"
    assert norway["value"] == 362  # page 30: "Norway -73 10 -307 362 ..."


def test_advanced_technology_pages_33_34(result):
    # page 33 (exhibit 16): "March -57,146 44,970 102,117"
    m = dict(period="2025-03", period_type="month")
    assert value(result, "pdf-exh16", flow="balance", **m) == -57146
    assert value(result, "pdf-exh16", flow="imports", **m) == 102117
    # page 34 (exhibit 16a): "Biotechnology -27,975 5,025 33,000"; second table "Selected Countries and Areas"
    assert value(result, "pdf-exh16a", hierarchy="Technology Group › Total › Biotechnology", flow="balance", **m) == -27975
    ireland = one(result, "pdf-exh16a", line_item="Ireland", flow="imports", **m)
    assert ireland["value"] == 26871
    assert ireland["hierarchy"].startswith("Selected Countries and Areas › Total › European Union")


def test_energy_pages_35_36(result):
    # page 35 (exhibit 17), imports, March 2025: "240,873 15,202,048 175,511 5,662 11,696,310 66.64"
    m = dict(flow="imports", period="2025-03", period_type="month", line_item="Crude Oil")
    assert value(result, "pdf-exh17", unit="thousands of barrels", **m) == 175511
    assert value(result, "pdf-exh17", unit="thousands of dollars", **m) == 11696310
    assert value(result, "pdf-exh17", unit="dollars per barrel", **m) == 66.64
    # page 36 (exhibit 17a): "Canada 115,092 116,706 365,227 7,296,281 7,579,878 23,456,474 7,669,503
    # 7,954,554 24,642,807": quantity, customs value, C.I.F. value (each March, February, year to date)
    canada = dict(line_item="Canada", period="2025-03", period_type="month")
    assert value(result, "pdf-exh17a", unit="thousands of barrels", **canada) == 115092
    assert value(result, "pdf-exh17a", unit="thousands of dollars", basis="census", **canada) == 7296281
    assert value(result, "pdf-exh17a", unit="thousands of dollars", basis="cif", **canada) == 7669503
    assert value(result, "pdf-exh17a", basis="cif", line_item="Canada", period="2025-03", period_type="year_to_date") == 24642807


def test_motor_vehicles_page_37(result):
    # page 37 (exhibit 18): exports "TOTAL 17,152 13,960 42,424 6,202 ..."; imports "Mexico 16,173 ..."
    m = dict(period="2025-03", period_type="month")
    assert value(result, "pdf-exh18", hierarchy="TOTAL", flow="exports", **m) == 17152
    assert value(result, "pdf-exh18", hierarchy="Passenger Cars › TOTAL", flow="exports", **m) == 6202
    assert value(result, "pdf-exh18", hierarchy="TOTAL › Mexico", flow="imports", **m) == 16173


def test_countries_sa_pages_38_39(result):
    # page 38 (exhibit 19): "Ireland -29,325 -13,994 ..." -> page 4 "The deficit with Ireland increased
    # $15.3 billion to $29.3 billion"; "Canada -4,889(R)"; quarters read from the headings
    ireland = dict(line_item="Ireland", flow="balance", period_type="month")
    march = value(result, "pdf-exh19", period="2025-03", **ireland)
    assert billions(march) == -29.3 and billions(march - value(result, "pdf-exh19", period="2025-02", **ireland)) == -15.3
    canada = one(result, "pdf-exh19", line_item="Canada", flow="balance", period="2025-03", period_type="month")
    assert (canada["value"], canada["status"]) == (-4889, "")  # its "(R)" marks February, the next column
    canada_feb = one(result, "pdf-exh19", line_item="Canada", flow="balance", period="2025-02", period_type="month")
    assert (canada_feb["value"], canada_feb["status"]) == (-7375, "R")
    assert value(result, "pdf-exh19", line_item="Australia", flow="balance", period="2024-Q1", period_type="quarter") == 4911
    # page 39 (exhibit 20): "China -62,226 -61,183 -62,529 -60,977 -71,044 -68,788 -366,197 ..."
    china = one(result, "pdf-exh20", line_item="China", flow="balance", period="2022", period_type="year")
    assert (china["value"], china["basis"]) == (-366197, "balance_of_payments")
    assert value(result, "pdf-exh20", line_item="Australia", flow="balance", period="2023-Q3", period_type="quarter") == 8324


def test_supplement_pages_43_to_47(result):
    # page 43 (supplement exhibit 1): "GRAND TOTAL -149,427.8 -430,500.6 190,974.1 ..."; "Oil And Gas" under "Mining, Total"
    m = dict(period="2025-03", period_type="month")
    assert value(result, "pdf-exh1s", hierarchy="GRAND TOTAL", flow="balance", **m) == -149427.8
    assert value(result, "pdf-exh1s", hierarchy="GRAND TOTAL › Mining, Total › Oil And Gas", flow="exports", **m) == 16568.8
    # the calculated duty (12,990.4) is a measure of the imports, not an import value (340,401.9)
    assert value(result, "pdf-exh1s", hierarchy="GRAND TOTAL", flow="imports", **m) == 340401.9
    duty = one(result, "pdf-exh1s", hierarchy="GRAND TOTAL", flow="imports", measure="calculated_duty", **m)
    assert (duty["value"], duty["unit"]) == (12990.4, "millions of dollars")
    assert one(result, "pdf-exh1s", hierarchy="GRAND TOTAL › Re-exports", flow="imports", **m)["status"] == "X"
    # page 44 (supplement exhibit 2): "Alabama 2,215.1 5,697.5 1.8 ..."
    assert value(result, "pdf-exh2s", hierarchy="Manufactured Commodities › U.S. Total › Alabama", flow="exports", **m) == 2215.1
    share = one(result, "pdf-exh2s", hierarchy="Manufactured Commodities › U.S. Total › Alabama", unit="percent")
    assert (share["value"], share["period_type"]) == (1.8, "year_to_date")
    # page 46 (supplement exhibit 3): March 2025 seasonally adjusted -163,169.1, not seasonally adjusted -151,628.8
    sa = one(result, "pdf-exh3s", line_item="Customs", flow="balance", seasonal_adjustment="seasonally_adjusted", **m)
    nsa = one(result, "pdf-exh3s", line_item="Customs", flow="balance", seasonal_adjustment="not_seasonally_adjusted", **m)
    assert (sa["value"], nsa["value"]) == (-163169.1, -151628.8)
    # page 47 (supplement exhibit 4): "Australia* -941.6 -4,504.8 18 2,947.1 7,766.6 17 3,888.7 12,271.3 17
    # 3,921.0 12,366.2 17": balance, exports, imports, C.I.F. imports, each month, year to date and rank
    australia = one(result, "pdf-exh4s", line_item="Australia", flow="balance", **m)
    assert (australia["value"], australia["hierarchy"]) == (-941.6, "TOTAL › Australia")
    rank = one(result, "pdf-exh4s", line_item="Australia", flow="balance", measure="rank", period_type="year_to_date",
               period="2025-03")
    assert (rank["value"], rank["unit"], rank["basis"]) == (18, "rank", "census")
    cif = one(result, "pdf-exh4s", line_item="Australia", flow="imports", basis="cif", **m)
    assert cif["value"] == 3921.0
    assert value(result, "pdf-exh4s", line_item="Australia", flow="imports", basis="cif", measure="rank",
                 period="2025-03", period_type="year_to_date") == 17
    assert len(result.tables["pdf-exh4s"].query("line_item == 'Australia'")) == 12


# ---------------------------------------------------------------- the text


def test_notes_sections_and_explanatory_notes(result):
    notes = result.notes
    sections = {n["section"] for n in notes}
    assert sections == {"narrative", "revisions", "notices", "explanatory_notes"}
    by_heading = {n["heading"]: n for n in notes}
    # page 1: the release's first sentence, reflowed
    first = by_heading["U.S. International Trade in Goods and Services March 2025"]
    assert first["paragraphs"][0].startswith("The U.S. Census Bureau and the U.S. Bureau of Economic Analysis")
    assert "deficit was $140.5 billion in March, up $17.3 billion from $123.2 billion in February, revised." in first["paragraphs"][0]
    # explanatory notes, each its own entry (pages 6-12)
    expected = {
        "Nonsampling errors": ("nonsampling-errors", 7, "nonsampling errors"),
        "Adjustments for seasonal and trading-day variations": (
            "adjustments-for-seasonal-and-trading-day-variations", 8, "seasonal adjustment"),
        "Goods (BOP basis)": ("goods-bop-basis", 9, "BOP basis"),
        "Revision procedure (Census basis)": ("revision-procedure-census-basis", 6, "revisions"),
        "Revision procedure (goods on a BOP basis and services)": (
            "revision-procedure-goods-on-a-bop-basis-and-services", 12, "revisions"),
    }
    for heading, (anchor, page, words) in expected.items():
        note = by_heading[heading]
        assert (note["section"], note["anchor"], note["page"]) == ("explanatory_notes", anchor, page)
        assert any(words.lower() in p.lower() for p in note["paragraphs"]), heading
    # page 9: the balance of payments adjustments, one paragraph per adjustment
    bop = by_heading["Goods (BOP basis)"]["paragraphs"]
    assert "The export adjustments include:" in bop
    assert any(p.startswith("Gold exports, nonmonetary - This addition is made") for p in bop)
    anchors = [n["anchor"] for n in notes]
    assert len(anchors) == len(set(anchors))


def test_notes_revisions_bullets_and_notices(result):
    by_heading = {n["heading"]: n for n in result.notes}
    # page 3: "Revisions to February exports" with two bullets
    rev = by_heading["Revisions to February exports"]
    assert rev["section"] == "revisions" and rev["page"] == 3
    assert rev["paragraphs"] == ["• Exports of goods were revised down less than $0.1 billion.",
                                 "• Exports of services were revised down $0.4 billion."]
    # page 2: bullets and sub-bullets ("o" in the print)
    exports = by_heading["Exports (exhibits 3, 6, and 7)"]["paragraphs"]
    assert "• Industrial supplies and materials increased $2.2 billion." in exports
    assert "◦ Natural gas increased $0.8 billion." in exports
    # page 4-5: a notice running on to the next page is one paragraph
    carm = next(n for n in result.notes if n["heading"].startswith("Impact of Canada Border Services Agency"))
    assert carm["section"] == "notices"
    assert "This estimate will be replaced with the actual transactions reported by the Harmonized System" in carm["paragraphs"][0]
    # reflow keeps the printed hyphens of compounds split at a line end (page 5: "end-use")
    assert not any("enduse" in p for n in result.notes for p in n["paragraphs"])


def test_notes_sidebar_and_pages(result):
    by_heading = {n["heading"]: n for n in result.notes}
    # page 2: the framed note "Treatment of Gold ..." interrupts "Exports (exhibits 3, 6, and 7)"; the
    # services paragraphs printed after the frame are the exports section's, not the sidebar's
    gold = by_heading["Treatment of Gold in BEA’s International and National Economic Accounts"]
    assert len(gold["paragraphs"]) == 1 and gold["paragraphs"][0].startswith("When incorporating the statistics")
    exports = by_heading["Exports (exhibits 3, 6, and 7)"]["paragraphs"]
    assert exports[-4:] == ["Exports of services decreased $0.9 billion to $95.2 billion in March.",
                            "• Travel decreased $1.3 billion.", "• Transport increased $0.3 billion.",
                            "• Financial services increased $0.2 billion."]
    # each paragraph names the page it starts on: "U.S./Canada data exchange and substitution" starts on
    # page 6, its "3. Re-exports ... $5,209.7 million" and "4. Exchange Rate ... 1.4356" are on page 7
    canada = by_heading["U.S./Canada data exchange and substitution"]
    page_of = {p[:12]: page for p, page in zip(canada["paragraphs"], canada["pages"])}
    assert canada["page"] == 6
    assert (page_of["1. Coverage "], page_of["3. Re-export"], page_of["4. Exchange "]) == (6, 7, 7)
    assert "re-exports to Canada were $5,209.7 million" in canada["paragraphs"][5]
    for note in result.notes:
        assert len(note["pages"]) == len(note["paragraphs"]) and note["pages"][0] == note["page"], note["heading"]
        assert note["pages"] == sorted(note["pages"])
    # page 8: "This product- and commodity-based measure" keeps its suspended hyphen
    assert any("This product- and commodity-based measure" in p
               for p in by_heading["Advanced technology products"]["paragraphs"])


def test_reflow_of_line_end_hyphens():
    """Lines made up for this test: a compound stays hyphenated, a word the document spells whole
    is joined, and a suspended hyphen ('product- and commodity-based') keeps its space."""
    assert pdf_notes._join(["the end-", "use categories"], "") == "the end-use categories"
    assert pdf_notes._join(["goods carry-", "over"], "the carryover of") == "goods carryover"
    assert pdf_notes._join(["This product-", "and commodity-based measure"], "") == "This product- and commodity-based measure"
    assert pdf_notes._join(["trial-", "and-error"], "") == "trial-and-error"


# ---------------------------------------------------------------- bad input


def test_truncated_pdf(pdf, tmp_path):
    bad = tmp_path / "trad0325.pdf"
    bad.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 3])
    with pytest.raises(IngestError) as err:
        ft900_pdf.read(bad, RELEASE)
    size = pdf.stat().st_size // 3
    assert str(err.value) == (f"trad0325.pdf: expected a readable PDF, found <a file cut short after {size:,} bytes: "
                              "no '%%EOF' at its end> (download it again)")


def pages_of(pdf, tmp_path, keep: list[int]):
    """A copy of the release with only the pages ``keep`` (0-based), named like the original."""
    src = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    out.import_pages(src, keep)
    path = tmp_path / "trad0325.pdf"
    out.save(path)
    return path


def test_not_an_ft900_release(pdf, tmp_path):
    """Pages 2-5 of the release: page 1 no longer carries the release's title."""
    bad = pages_of(pdf, tmp_path, [1, 2, 3, 4])
    with pytest.raises(IngestError) as err:
        ft900_pdf.read(bad, RELEASE)
    assert str(err.value) == (
        "trad0325.pdf, page 1: expected an FT-900 release (page 1 titled "
        "'U.S. International Trade in Goods and Services'), found 'Three-Month Moving Averages (exhibit 2)'"
    )


def test_exhibit_missing(pdf, tmp_path):
    """Page 1 and exhibit 1 (page 14) only: exhibit 2 is not there."""
    bad = pages_of(pdf, tmp_path, [0, 13])
    with pytest.raises(IngestError) as err:
        ft900_pdf.read(bad, RELEASE)
    assert str(err.value) == "trad0325.pdf: expected a page titled 'Exhibit 2. ...', found \"exhibits ['1']\""


def test_columns_that_do_not_parse(pdf, tmp_path, monkeypatch):
    """A layout change: exhibit 1 (here on page 2) expected with 8 columns, the page prints 9."""
    tables = ft900_pdf.exhibit_tables

    def eight_columns(release):
        table = tables(release)["1"]
        return {"1": replace(table, cols=table.cols[:8])}

    monkeypatch.setattr(ft900_pdf, "exhibit_tables", eight_columns)
    with pytest.raises(IngestError) as err:
        ft900_pdf.read(pages_of(pdf, tmp_path, [0, 13]), RELEASE)
    assert str(err.value) == (
        "trad0325.pdf, page 2, row 'Jan. - Dec. -784,890 -1,063,288 278,398 3,071,816 2,045,221': "
        "expected rows of 8 values (the exhibit's columns), found '9 values'"
    )


def test_value_off_its_column(pdf):
    """A value that ends between two columns names its page and row."""
    doc = layout.Document(pdf)
    try:
        lines = layout.body(doc, 14, lambda line: line.text == "2023")
        xs = layout.anchors(doc, lines, 9, 14)
        march = next(line for line in lines if line.text.startswith("March -140,498"))
        shifted = [x + 20 for x in xs]  # every column 20 points to the right of where it is printed
        with pytest.raises(IngestError) as err:
            layout.place(doc, march, shifted)
    finally:
        doc.close()
    assert str(err.value).startswith("trad0325.pdf, page 14, row 'March -140,498 -163,521 23,023")
    assert "expected values ending at the columns' right edges" in str(err.value)
    assert "found \"'-140,498' ending at 159\"" in str(err.value)
