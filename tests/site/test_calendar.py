"""The release calendar: dates read here from the official files themselves, on each release home,
the calendar page and the .ics file; a date no file states is said to be unknown."""

from __future__ import annotations

import re
from datetime import datetime

import openpyxl
import pdfplumber
import pytest

from tradesite import paths
from tradesite.releases import bundled
from tradesite.site.release import calendar_page

from .built import site


def pdf_dates(path) -> tuple[str, str]:
    """Page 1 of the release PDF: '..., Tuesday, May 6, 2025' and 'Next release: Thursday, June 5, 2025'."""
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    day = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday), (\w+ \d+, \d{4})"
    published = re.search(day, text).group(1)
    nxt = re.search(r"Next release: " + day, text).group(1)
    return tuple(datetime.strptime(d, "%B %d, %Y").strftime("%B %-d, %Y") for d in (published, nxt))


def last_updated(path) -> str:
    """BEA's workbook, sheet Readme, A1: 'Last updated April 3, 2025'."""
    wb = openpyxl.load_workbook(path, read_only=True, keep_links=False)
    text = next(wb["Readme"].iter_rows(min_row=1, max_row=1, values_only=True))[0]
    return datetime.strptime(text.removeprefix("Last updated "), "%B %d, %Y").strftime("%B %-d, %Y")


def need(*releases):
    missing = [r for r in releases if r not in bundled()]
    if missing:
        pytest.skip(f"releases {missing} not ingested")


def test_release_home_states_the_dates_its_pdf_prints(raw):
    need("2025-03")
    published, nxt = pdf_dates(raw / "2025-03" / "trad0325.pdf")
    home = site("2025-03").files["index.md"]
    assert f"<strong>Published</strong> on <time datetime=\"2025-05-06\">{published}</time>" in home
    assert f"<strong>next release</strong> on <time datetime=\"2025-06-05\">{nxt}</time>" in home
    assert "(April 2025 report; trad0325.pdf, page 1" in home


def test_next_release_of_an_earlier_release_is_when_the_next_one_came(raw):
    need("2025-01", "2025-02")
    home = site("2025-01").files["index.md"]
    came = last_updated(raw / "2025-02" / "trad-time-series-0225.xlsx")
    assert came == "April 3, 2025"
    assert f">{came}</time>" in home and "the February 2025 release's trad-time-series-0225.xlsx" in home


def test_an_unknown_date_is_said_to_be_unknown():
    need("2021-08")
    home = site("2021-08").files["index.md"]
    assert "<strong>Published:</strong> date unknown (no file of this release gives it)" in home
    assert "date unknown (no file of this release gives it, nor a later release on this site)" in home
    assert "<time" not in home.split('class="ts-dates"')[1].split("</p>")[0]


def test_calendar_page_and_its_ics():
    need("2025-03")
    s = site("2025-03")
    assert ("Release calendar", "calendar/index.md") in s.nav
    page = s.files["calendar/index.md"]
    assert "the April 2025 report on June 5, 2025" in page  # announced on trad0325.pdf page 1
    ics = s.files["calendar/releases.ics"]
    lines = ics.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = re.sub(r"\r\n ", "", ics).split("\r\n")
    events = ics.count("BEGIN:VEVENT")
    assert events == ics.count("END:VEVENT") == sum(1 for line in unfolded if line.startswith("DTSTART;VALUE=DATE:"))
    for required in ("UID:", "DTSTAMP:", "SUMMARY:"):
        assert sum(1 for line in unfolded if line.startswith(required)) == events
    assert "DTSTART;VALUE=DATE:20250605" in unfolded  # the next release trad0325.pdf announces
    assert "SUMMARY:U.S. International Trade in Goods and Services\\, April 2025 (announced)" in unfolded


def test_ics_text_is_escaped_and_folded():
    from tradesite.report.calendar import Event

    e = Event("2025-03", "2025-05-06", "published", "a; b, c\\ d\nnext " + "é" * 60)
    text = calendar_page.ics([e], "https://example.org/")
    unfolded = re.sub(r"\r\n ", "", text).split("\r\n")
    desc = next(line for line in unfolded if line.startswith("DESCRIPTION:"))
    assert desc == "DESCRIPTION:The March 2025 report. Date: a\\; b\\, c\\\\ d\\nnext " + "é" * 60 + "."
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
