"""Official URL patterns: checked against addresses the publishers actually use
(../shared/data/README.md's "original location" column and BEA's file addresses)."""

from __future__ import annotations

import pytest

from tradesite import sources
from tradesite.settings import Settings


def test_census_folder_is_the_statistical_month():
    # README: raw/2021-08/ came from census.gov/foreign-trade/Press-Release/2021pr/08/
    assert sources.census_url("2021-08", "exh1.xlsx") == "https://www.census.gov/foreign-trade/Press-Release/2021pr/08/exh1.xlsx"
    assert sources.candidate_urls("2022-02", "exh12.xlsx") == [
        "https://www.census.gov/foreign-trade/Press-Release/2022pr/02/exh12.xlsx"
    ]


def test_bea_folder_is_the_publication_month():
    # the January 2025 countries workbook, published 2025-03-06 (README), lives in BEA's 2025-03 folder
    assert sources.candidate_urls("2025-01", "trad-geo-time-series-0125.xlsx")[0] == (
        "https://www.bea.gov/sites/default/files/2025-03/trad-geo-time-series-0125.xlsx"
    )
    # March 2025, published 2025-05-06 (trad0325.pdf page 1): two months on, then one, then three
    assert sources.bea_folders("2025-03") == ["2025-05", "2025-04", "2025-06"]
    # a stated publication date comes first; the year rolls over
    assert sources.bea_folders("2025-09", "2025-12-11") == ["2025-12", "2025-11", "2025-10"]
    assert sources.bea_folders("2025-11") == ["2026-01", "2025-12", "2026-02"]


def test_release_files():
    files = sources.release_files("2025-03")
    assert files[:2] == ["exh1.xlsx", "exh1s.xlsx"] and len(files) == 33
    assert files[-2:] == ["trad0325.pdf", "trad-time-series-0325.xlsx"]
    assert all(sources.kind_of(f) for f in files)


def test_hosts_are_configurable(monkeypatch):
    monkeypatch.setenv("TRADESITE_CENSUS_BASE", "http://127.0.0.1:9/census/")
    monkeypatch.setenv("TRADESITE_BEA_BASE", "http://127.0.0.1:9/bea")
    hosts = Settings.from_env().hosts.checked()
    assert sources.census_url("2021-08", "exh1.xlsx", hosts) == "http://127.0.0.1:9/census/2021pr/08/exh1.xlsx"
    assert sources.bea_url("2025-05", "trad0325.pdf", hosts) == "http://127.0.0.1:9/bea/2025-05/trad0325.pdf"
    # the environment is the edge's to read: the URL patterns themselves are census.gov's and bea.gov's
    assert sources.census_url("2021-08", "exh1.xlsx").startswith("https://www.census.gov/")


def test_unknown_file_is_refused():
    with pytest.raises(ValueError, match="ft900xlsx.zip: not an official file name"):
        sources.candidate_urls("2021-08", "ft900xlsx.zip")


def test_census_exhibits_may_be_xls_in_the_archive():
    """Census's archive serves older years' workbooks as exhN.xls: the fetcher tries it after
    exhN.xlsx, and the ingest reads it with the Census exhibit reader."""
    assert sources.file_names("exh1.xlsx") == ["exh1.xlsx", "exh1.xls"]
    assert sources.file_names("exh1.xls") == ["exh1.xls"]
    assert sources.file_names("trad0325.pdf") == ["trad0325.pdf"]
    assert sources.kind_of("exh14a.xls") == sources.kind_of("EXH14A.XLSX") == "census_exhibit"
    assert sources.kind_of("trad-time-series-0325.xls") is None
    assert sources.candidate_urls("2012-08", "exh1.xls") == ["https://www.census.gov/foreign-trade/Press-Release/2012pr/08/exh1.xls"]


@pytest.mark.parametrize("env", ["TRADESITE_CENSUS_BASE", "TRADESITE_BEA_BASE"])
@pytest.mark.parametrize("value", ["notaurl", "ftp://example.org/files", "http://", "http://[::1", "http://host:port/",
                                   "https://example.org/x?y=1", "https://exa mple.org/", "file:///etc"])
def test_a_bad_host_setting_is_a_usage_error_before_any_request(env, value, monkeypatch, tmp_path, capsys):
    """Failed on 1f8c8c0: exit 3 (network) and requests' words ('MissingSchema: Invalid URL ...',
    'InvalidSchema: No connection adapters ...'), without the setting's name."""
    from tradesite import cli

    monkeypatch.setenv(env, value)
    assert cli.main(["fetch", "2021-08", "--cache", str(tmp_path)]) == 2
    default = sources.CENSUS_BASE if "CENSUS" in env else sources.BEA_BASE
    assert capsys.readouterr().err == (f"tradesite fetch: {env}={value!r}: expected the http:// or https:// address of "
                                       f"a folder, such as {default} (the default, when it is not set)\n")
    assert not (tmp_path / "2021-08").exists()  # refused before anything was made or asked
