"""'Revised since' on an earlier release's pages: what later releases revised, against values read here
from the tidy tables; the file each publish writes is valid against its schema."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd
import pytest
from jsonschema import Draft202012Validator

from tradesite import paths
from tradesite.report.catalog import Catalog
from tradesite.site.versioned import revised_since as RS

from .built import site

SCHEMA = Path(RS.__file__).parent / "explorer" / "schemas" / "revised-since.schema.json"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


@pytest.fixture(scope="module")
def observations(cat) -> pd.DataFrame:
    return cat.observations  # series.build(Catalog()), made once for the session (tests/conftest.py)


@functools.cache
def _total_rows() -> list[tuple[str, pd.DataFrame]]:
    """(release, the rows of one committed file that print a goods and services total), each file read once."""
    out = []
    for folder in sorted(Path(paths.DATA).iterdir()):
        for csv in sorted(folder.glob("*.csv")):
            df = pd.read_csv(csv, dtype=str, keep_default_na=False)
            out.append((folder.name, df[df["exhibit"].isin(["1", "bea-ts-1", "headlines"]) & (df["hierarchy"] == "Total")
                                       & (df["period_type"] == "month") & (df["measure"] == "level")
                                       & (df["vintage"] == "current") & (df["value"] != "")]))
    return out


def printed_totals(flow: str, period: str) -> dict[str, float]:
    """release -> the goods and services {flow} (SA, BOP, monthly) for ``period`` each committed file prints."""
    out = {}
    for release, rows in _total_rows():
        for r in rows[(rows["flow"] == flow) & (rows["period"] == period)].itertuples():
            out.setdefault(release, float(r.value) * (1000 if r.unit == "billions of dollars" else 1))
    return out


def test_the_march_2021_home_says_what_later_releases_revised(catalog, observations):
    """The 2021-03 home shows March and February 2021: each later release that printed another value
    revised it; the largest revision is the March balance, from exh1.xlsx of 2021-03 to BEA's Table 1 of 2025-03.
    The figures are those the version carries (figures.json.gz, written by its build) read back."""
    from tradesite.report import revised_since as R

    carried = R.read_figures(site("2021-03").files[R.FIGURES], "2021-03 figures")  # build_site("2021-03"), once a session
    assert set(carried) >= {"", "overview/"} and len(carried[""]) == 6
    doc = RS.release_file("2021-03", carried, observations, catalog.ids[-1])
    Draft202012Validator(json.loads(SCHEMA.read_text())).validate(json.loads(json.dumps(doc)))
    home = doc["pages"][""]
    revised, by = 0, {}
    for flow in ("balance", "exports", "imports"):
        for period in ("2021-03", "2021-02"):
            values = printed_totals(flow, period)
            shown = values["2021-03"]
            later = {r: v for r, v in values.items() if r > "2021-03"}
            newest = later[max(later)]
            revised += newest != shown
            known = shown
            for r in sorted(later):
                if later[r] != known:
                    by[r] = by.get(r, 0) + 1
                    known = later[r]
    assert home["figures"] == 6 and home["revised"] == revised == 6
    assert dict(home["by"]) == by
    march = printed_totals("balance", "2021-03")
    assert (home["largest"]["was"], home["largest"]["now"]) == (march["2021-03"], march[max(march)]) == (-74448, -66105)
    assert home["text"].endswith("the largest: Goods and services balance, March 2021, from -74,448 to -66,105 "
                                 "millions of dollars (the March 2025 release).")
    assert home["newest_url"] == f"{catalog.ids[-1]}/"


def test_a_figure_no_later_release_printed_is_not_revised(observations):
    from tradesite.report import revised_since as R

    figures = pd.DataFrame({"series": ["goods-and-services-balance-bop-sa-monthly"], "what": ["x"],
                            "period": ["2026-01"], "period_type": ["month"], "unit": ["millions of dollars"],
                            "value": [-54455.0], "precision": [1.0]})
    rev = R.revised(figures, "2026-01", observations)
    assert not rev["revised"].iloc[0] and rev["later_release"].iloc[0] == "" and rev["changed_by"].iloc[0] == []
    s = R.summary(rev)
    assert s["revised"] == 0 and R.sentence(s, "2026-01") == "No release up to the January 2026 release revised the figure on this page."


def test_the_script_writes_text_only():
    js = (paths.ROOT / "docs" / "javascripts" / "tradesite-revisions.js").read_text()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js
    assert "document$" in js and "api/revised-since/" in js
    import gzip
    assert len(gzip.compress(js.encode())) < 4000  # a few KB before any interaction
