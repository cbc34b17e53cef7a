"""The one headline of a release, against the official files."""

from __future__ import annotations

from tradesite import releases
from tradesite.report.headline import headline, sentence
from tests.require import committed


def of(release_id):
    committed(release_id)
    return headline(releases.Release.load(release_id))


def test_march_2025_as_the_release_states_it():
    h = of("2025-03")
    # trad0325.pdf page 1: deficit $140.5 billion; exports $278.5 billion, imports $419.0 billion
    assert sentence(h) == (
        "Goods and services balance: deficit of $140.5 billion; exports $278.5 billion, imports $419.0 billion."
    )
    assert h.source.startswith("trad0325.pdf") and h.exhibit == "1"
    # page 1: "$123.2 billion in February, revised"
    assert (h.compared_with, h.revised, h.before["balance"]) == ("2025-02", True, -123195)


def test_august_2021_from_exhibit_1():
    h = of("2021-08")
    assert h.now["balance"] == -73252  # exh1.xlsx (2021-08), sheet '1', August 2021, Balance Total
    assert h.before["balance"] == -70303  # row 45, 'July (R)'
    assert h.source.startswith("exh1.xlsx")


def test_goods_only_release_uses_the_balance_of_payments_basis_against_a_year_earlier():
    h = of("2025-11")
    assert h.label == "Goods balance, not seasonally adjusted"
    assert h.now["balance"] == -81207  # exh12.xlsx (2025-11), row 49, column B: Total Balance of Payments Basis
    assert (h.compared_with, h.before["balance"]) == ("2024-11", -100069)  # row 35: November 2024
    assert h.source == "exh12.xlsx, sheet '12', row 49, column B"
    assert not h.seasonally_adjusted


def test_transcribed_release_in_millions():
    h = of("2024-12")
    # transcribed/2024-12/headlines.csv (BEA release page): deficit $98.4 billion, November $78.9 billion (revised)
    assert (h.exhibit, h.transcribed, h.now["balance"], h.before["balance"]) == ("headlines", True, -98400, -78900)
    assert sentence(h).startswith("Goods and services balance: deficit of $98.4 billion")


def test_a_release_without_monthly_figures_has_no_headline():
    assert of("2025-01") is None  # trad-geo-time-series-0125.xlsx: annual and quarterly only
