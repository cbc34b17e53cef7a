"""Accounting identities checked on the tidy tables before anything is written.

Each rule module has ``CHECKS``: functions ``check(tables, release) -> Iterable[str]``
yielding one problem line each, naming file, exhibit, row/period, column, expected
and found, and the tolerance used. Validation is apart from reading: it sees only
tidy frames.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

import pandas as pd

RULE_MODULES = ["census", "pdf", "bea", "cross_source"]


def run(tables: dict[str, pd.DataFrame], release: str) -> list[str]:
    problems: list[str] = []
    for name in RULE_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue
            raise
        for check in module.CHECKS:
            problems.extend(check(tables, release))
    return problems


def within(found: float, expected: float, tolerance: float) -> bool:
    return abs(found - expected) <= tolerance + 1e-9


def sum_problem(where: str, what: str, expected: float, found: float, tolerance: float) -> str:
    """One line in the house style for a broken identity."""
    return (
        f"{where}: {what}: expected {expected:,.6g} (within {tolerance:g}, the release's rounding), "
        f"found {found:,.6g} (off by {found - expected:+,.6g})"
    )


def only(lines: Iterable[str]) -> list[str]:
    return list(lines)
