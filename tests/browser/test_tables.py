"""Tables as a reader on a phone sees them: a wide table scrolls inside its own frame (the
page does not), its header row and first column stay in view while it scrolls, a row's source
opens in one click, and a long table's own pages hold every row."""

from __future__ import annotations

import pytest

from tests.require import committed

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(contexts):
    committed("2025-03")
    with contexts.page(color_scheme="light", viewport=PHONE) as page:
        yield page


BOXES = """s => { const f = s.getBoundingClientRect();
  const head = s.querySelector('thead th').getBoundingClientRect();
  const label = s.querySelector('tbody tr:nth-child(12) th').getBoundingClientRect();
  return {frameTop: f.top, frameLeft: f.left, headTop: head.top, labelLeft: label.left,
          scrollWidth: s.scrollWidth, clientWidth: s.clientWidth}; }"""


def test_a_wide_table_scrolls_in_its_frame_keeping_header_and_labels_in_view(phone, base_url):
    # trad-time-series-0325.xlsx, Table 2: 12 columns of services, every year and three years of months
    phone.goto(f"{base_url}2025-03/services-exports/bea-table-2/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the page does not scroll sideways
    frame = phone.locator(".ts-table-scroll").first
    before = frame.evaluate(BOXES)
    assert before["scrollWidth"] > before["clientWidth"] + 200  # the table does, inside its frame
    frame.evaluate("s => { s.scrollTop = 600; s.scrollLeft = 300; }")
    after = frame.evaluate(BOXES)
    assert abs(after["headTop"] - after["frameTop"]) <= 2  # the header row stuck to the top of the frame
    assert abs(after["labelLeft"] - after["frameLeft"]) <= 2  # the period labels stuck to its left edge
    assert frame.evaluate("s => s.scrollTop") == 600 and frame.evaluate("s => s.scrollLeft") >= 300


def test_a_rows_source_opens_in_one_click(phone, base_url):
    # trad0325.pdf page 14: February 2025 balance -122,662 as published last month, -123,195 revised
    phone.goto(f"{base_url}2025-03/what-changed/")
    cell = phone.locator("#table-revisions tbody tr").first.locator("td.ts-prov details")
    assert cell.locator("summary").inner_text() == "trad0325.pdf"
    assert not cell.evaluate("d => d.open")
    cell.locator("summary").click()
    assert "page 14" in cell.inner_text() and cell.evaluate("d => d.open")
    row = phone.locator("#table-revisions tbody tr").first.inner_text()
    assert "\u2212122,662" in row and "\u2212123,195" in row and "\u2212533" in row


def test_a_long_table_links_to_every_row(phone, base_url):
    phone.goto(f"{base_url}2025-03/countries/")
    link = phone.locator("#table-exhibit-19 .ts-table-more a")
    total = int(link.inner_text().split()[1])
    assert phone.locator("#table-exhibit-19 tbody tr").count() == 20 < total
    link.click()
    # instant navigation swaps the page in (and its tracking may add a heading's anchor to the URL)
    phone.wait_for_function("() => document.querySelectorAll('#table-exhibit-19 tbody tr').length > 20")
    assert "/2025-03/countries/exhibit-19/" in phone.url
    assert phone.locator("#table-exhibit-19 tbody tr").count() == total
    assert phone.locator("#table-exhibit-19 tbody th", has_text="Ireland").count() >= 1
