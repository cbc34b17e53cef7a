"""The release's own sentences, regenerated from the tidy tables, equal the official text.

The official text: page 1-2 of trad0325.pdf (March 2025), from data/releases/2025-03/notes.json
(section "narrative") once the PDF is ingested, else extracted here with pdfplumber.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tradesite import paths
from tradesite.releases import Release
from tradesite.report.words import cumulative_words
from tradesite.report import numbers, words
from tradesite.site.chapters import moving_averages, overview
from tests.require import committed


def official_text(raw) -> str:
    """Pages 1-2 of trad0325.pdf as one line of text (notes.json when ingested)."""
    release = Release.load("2025-03") if (paths.DATA / "2025-03" / "release.json").is_file() else None
    paragraphs = [p for n in (release.notes if release else []) if n.get("section") == "narrative"
                  for p in n.get("paragraphs", [])]
    if paragraphs:
        text = " ".join(paragraphs)
    else:
        import pdfplumber

        with pdfplumber.open(raw / "2025-03" / "trad0325.pdf") as pdf:
            text = " ".join(pdf.pages[i].extract_text() for i in (0, 1))
    text = text.replace("•", " ")
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def march_2025() -> Release:
    committed("2025-03")
    return Release.load("2025-03")


def test_exhibit1_sentences_equal_release_text(raw, march_2025):
    text = official_text(raw)
    df = march_2025.exhibit("1")
    got = overview.sentences(df, "2025-03")
    # trad0325.pdf page 1: "...announced today that the goods and services deficit was $140.5 billion in March, ..."
    assert got[0] == ("The goods and services deficit was $140.5 billion in March, up $17.3 billion from "
                      "$123.2 billion in February, revised.")
    for sentence in got:
        body = sentence[0].lower() + sentence[1:] if sentence.startswith("The goods and services deficit was") else sentence
        assert body in text, f"not in trad0325.pdf page 1: {sentence!r}"
    assert len(got) == 4  # balance, exports+imports, goods/services, year-to-date


def test_moving_average_sentences_equal_release_text(raw, march_2025):
    text = official_text(raw)
    got = moving_averages.sentences(march_2025.exhibit("2"), "2025-03")
    # trad0325.pdf page 2
    assert got[0].startswith("The average goods and services deficit increased $14.1 billion to $131.4 billion")
    for paragraph in got:
        for sentence in re.split(r"(?<=\.) (?=[A-Z])", paragraph):
            assert sentence in text, f"not in trad0325.pdf page 2: {sentence!r}"


def test_transcribed_balance_sentence_matches_quote():
    """December 2024 (transcribed headlines, billions): the quote's own figures reproduce its sentence."""
    release = Release.load("2024-12")
    df = release.exhibit("headlines")
    level = df[(df["flow"] == "balance") & (df["line_item"] == "Total") & (df["measure"] == "level")
               & (df["period_type"] == "month")].set_index("period")["value"]
    got = words.balance_sentence(level["2024-12"] * 1000, level["2024-11"] * 1000, "2024-12", "2024-11", True)
    quote = release.notes[0]["paragraphs"][0]  # headlines.csv row 2, BEA release page
    assert got == quote[0].upper() + quote[1:]


def test_change_is_rounded_from_unrounded_millions():
    # exh1.xlsx of 2025-12, row 48/47: December -70,311, November (R) -53,044
    assert numbers.billions(-70311) == Decimal("-70.3")
    assert numbers.billions(-53044) == Decimal("-53.0")
    # 17,267 -> 17.3 (the rounded levels' difference, 70.3 - 53.0, is also 17.3 here)
    assert "up $17.3 billion" in words.balance_sentence(-70311, -53044, "2025-12", "2025-11")
    # exh1.xlsx of 2025-12 row 48: exports 287,287 vs 292,290 -> 5,003 less; levels 287.3 and 292.3
    assert words.flow_sentence("exports", 287287, 292290, "2025-12", "2025-11") == \
        "December exports were $287.3 billion, $5.0 billion less than November exports."


def test_half_away_from_zero():
    assert numbers.rounded(Decimal("0.05")) == Decimal("0.1")
    assert numbers.rounded(Decimal("-0.05")) == Decimal("-0.1")
    assert numbers.rounded(Decimal("0.25")) == Decimal("0.3")  # not banker's rounding (0.2)


def test_thousands_and_percent():
    # exh1.xlsx of 2021-08: August 2021 balance -73,252 (sign as printed, separators)
    assert numbers.thousands(-73252) == "-73,252"
    # trad0325.pdf page 14 (exhibit 1): Jan.-Mar. 2025 -394,345 and 2024 -204,747 -> page 1's "92.6 percent"
    assert numbers.percent(-394345 - -204747, -204747) == "92.6 percent"
    # page 14: March -140,498, February (R) -123,195 -> page 1's headline box "Deficit ... +14.0%"
    assert numbers.signed_percent(140498 - 123195, -123195) == "+14.0%"


def test_tiny_change_is_less_than_a_tenth():
    # trad-time-series-0225.xlsx, sheet 'Table 1', rows 472-473, column H: imports January 2025 (R)
    # 401,158 and February 401,120: a 38 million change rounds to $0.0 billion
    assert numbers.amount(401120 - 401158) == "less than $0.1 billion"
    assert words.flow_sentence("imports", 401120, 401158, "2025-02", "2025-01") == (
        "February imports were $401.1 billion, less than $0.1 billion less than January imports.")
    assert numbers.amount(17303) == "$17.3 billion"  # trad0325.pdf page 14: 140,498 - 123,195


def test_cumulative_words_say_a_january_is_the_whole_year_to_date():
    # 'From January to January 2026' read as a range of one month; a January names itself
    assert cumulative_words("year_to_date", "2026-01", "2025") == ("In January 2026, the year to date", "January 2025")
    assert cumulative_words("year_to_date", "2025-03", "2024") == ("From January to March 2025", "the same months of 2024")
    assert cumulative_words("year", "2025", "2024") == ("For 2025", "2024")


def test_words_of_a_chart_summary():
    from tradesite.report.numbers import magnitude
    from tradesite.report.words import trend

    assert trend("balance", -70.0, -140.5, "billions of dollars") == \
        "the deficit widened from $70.0 billion to $140.5 billion"
    assert trend("balance", 3.4, -1.2, "billions of dollars") == \
        "the balance went from a surplus of $3.4 billion to a deficit of $1.2 billion"
    assert trend("exports", 22.9, 22.4, "billions of dollars") == "exports fell from $22.9 billion to $22.4 billion"
    assert magnitude(74.04, "dollars per barrel") == "$74.04 per barrel"
    assert magnitude(115092, "thousands of barrels") == "115,092 thousand barrels"
