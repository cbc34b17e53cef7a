"""Periods' arithmetic and words, in one place (tradesite.periods) for the readers, the
fetcher's URLs, releases' names and the pages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tradesite import periods


def test_month_arithmetic():
    assert periods.add_months("2025-11", 2) == "2026-01"
    assert periods.add_months("2026-01", -12) == "2025-01"
    assert periods.add_months("2025-01", -1) == "2024-12"
    assert periods.add("2025-Q4", 1) == "2026-Q1" and periods.add("2025", -1) == "2024"
    assert periods.months_between("2025-11", "2026-02") == 3
    with pytest.raises(ValueError, match="expected a month"):
        periods.add_months("2025-Q1", 1)


def test_month_words():
    assert periods.month_year("2025-03") == "March 2025"
    assert periods.month_year("2025-Q1") == "March 2025"  # a quarter by its last month, as pandas has it
    assert periods.month("2025-03") == "March" and periods.month_abbr("2025-03") == "Mar"


def test_period_text_arithmetic_imports_no_pandas():
    code = ("import sys, tradesite.periods as p; p.add_months('2025-03', 1); p.month_year('2025-03'); "
            "print('pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
