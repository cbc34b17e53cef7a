"""The report's vocabulary agrees with the readers' knowledge of the official files."""

from __future__ import annotations

from tradesite.readers import bea_geo
from tradesite.report.vocabulary import BEA_COUNTRY_TABLES, exhibit_name, exhibits_in_words


def test_bea_country_tables_as_the_reader_lays_out_the_workbook():
    for coverage, tables in BEA_COUNTRY_TABLES.items():
        flows = [bea_geo.LAYOUT[int(t.rsplit("-", 1)[1])] for t in tables]
        assert flows == [("exports", coverage), ("imports", coverage), ("balance", coverage)]


def test_exhibit_names_in_words():
    assert exhibit_name("14a") == "Exhibit 14a" and exhibit_name("14a", lower=True) == "exhibit 14a"
    assert exhibit_name("bea-ts-2") == "BEA time series Table 2"
    assert exhibits_in_words(["12", "1"]) == "exhibits 1 and 12"
    assert exhibits_in_words(["1", "bea-ts-1", "bea-ts-2"]) == "exhibit 1 and BEA time series Tables 1, 2"
