"""Sentences in the release's own words (trad0325.pdf pages 1-4), from numbers in millions.

The standard sentences of the release's first pages: ``tests/report/test_words.py`` checks
them against that text. Values are millions of dollars as the exhibits print them;
balances are negative for deficits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..periods import month, month_number, month_year
from .numbers import amount, billions, magnitude, money, percent, same_magnitude, signed_magnitude


def balance_kind(balance: float) -> str:
    """'deficit' for a negative balance, 'surplus' otherwise."""
    return "deficit" if balance < 0 else "surplus"


def balance_move(now: float, before: float) -> str:
    """'increase' or 'decrease' of the balance's own kind (a bigger deficit is an increase)."""
    return "increase" if abs(now) > abs(before) else "decrease"


# ---------------------------------------------------------------- the release's sentences


def balance_sentence(
    now: float, before: float, period: str, previous: str, revised: bool = True, what: str = "goods and services"
) -> str:
    """'The goods and services deficit was $140.5 billion in March, up $17.3 billion from
    $123.2 billion in February, revised.'  (trad0325.pdf page 1)"""
    kind = balance_kind(now)
    raw = abs(now) - abs(before)
    if balance_kind(before) != kind:
        move = f"compared with a {balance_kind(before)} of {money(before)} in {month(previous)}"
        tail = ", revised." if revised else "."
        return f"The {what} {kind} was {money(now)} in {month(period)}, {move}{tail}"
    if raw:
        move = f"{'up' if raw > 0 else 'down'} {amount(raw)} from {money(before)}"
    else:
        move = f"unchanged from {money(before)}"
    tail = ", revised." if revised else "."
    return f"The {what} {kind} was {money(now)} in {month(period)}, {move} in {month(previous)}{tail}"


def flow_sentence(flow: str, now: float, before: float, period: str, previous: str) -> str:
    """'March exports were $278.5 billion, $0.5 billion more than February exports.'"""
    change = now - before
    if change:
        diff = f"{amount(change)} {'more' if change > 0 else 'less'} than {month(previous)} {flow}"
    else:
        diff = f"unchanged from {month(previous)} {flow}"
    return f"{month(period)} {flow} were {money(now)}, {diff}."


def _part(what: str, now: float, before: float) -> str:
    """'an increase in the goods deficit of $16.5 billion to $163.5 billion'"""
    kind = balance_kind(now)
    move = balance_move(now, before)
    article = "an" if move == "increase" else "a"
    return f"{article} {move} in the {what} {kind} of {amount(abs(now) - abs(before))} to {money(now)}"


def components_sentence(
    total_now: float,
    total_before: float,
    goods_now: float,
    goods_before: float,
    services_now: float,
    services_before: float,
    period: str,
) -> str:
    """'The March increase in the goods and services deficit reflected an increase in the goods
    deficit of $16.5 billion to $163.5 billion and a decrease in the services surplus of
    $0.8 billion to $23.0 billion.'  (trad0325.pdf page 1)"""
    move = balance_move(total_now, total_before)
    return (
        f"The {month(period)} {move} in the goods and services {balance_kind(total_now)} reflected "
        f"{_part('goods', goods_now, goods_before)} and {_part('services', services_now, services_before)}."
    )


def _verb(change: float) -> str:
    return "increased" if change > 0 else "decreased"


def cumulative_words(kind: str, period: str, prior: str) -> tuple[str, str]:
    """The lead and the comparison of a sentence on ``frames.cumulative``'s figures:
    ('From January to March 2025', 'the same months of 2024'); a January's year to date is one
    month: ('In January 2026, the year to date', 'January 2025'); a year: ('For 2025', '2024')."""
    if kind == "year":
        return f"For {int(prior) + 1}", prior
    if month_number(period) == 1:
        return f"In {month_year(period)}, the year to date", f"January {prior}"
    return f"From January to {month_year(period)}", f"the same months of {prior}"


@dataclass(frozen=True)
class TwoPeriods:
    """The balance, exports and imports of two periods, each (now, before), in millions: what the
    release's paragraphs on a year to date and on three-month averages compare."""

    balance: tuple[float, float]
    exports: tuple[float, float]
    imports: tuple[float, float]

    @classmethod
    def of(cls, value: Callable[[str, str], float], now: str, before: str) -> TwoPeriods:
        """``value(flow, period)`` of each flow at the two periods."""
        return cls(*((value(flow, now), value(flow, before)) for flow in ("balance", "exports", "imports")))


def _balance_then_flows(two: TwoPeriods, flows: tuple[str, str], lead, each) -> list[str]:
    """The release's paragraph on two periods: the balance's sentence, ``lead(kind, change)`` (the
    change of the deficit's or surplus's size), then ``each(name, now, change, before)`` for
    exports and imports, named ``flows``."""
    (balance_now, balance_before) = two.balance
    change = abs(balance_now) - abs(balance_before)
    return [lead(balance_kind(balance_now), change)] + [
        each(name, now, now - before, before) for name, (now, before) in zip(flows, (two.exports, two.imports))
    ]


def year_to_date_sentences(two: TwoPeriods, year_before: str, full_year: bool = False) -> str:
    """'Year-to-date, the goods and services deficit increased $189.6 billion, or 92.6 percent, from
    the same period in 2024. Exports increased $41.1 billion or 5.2 percent. Imports increased
    $230.7 billion or 23.3 percent.'  (trad0325.pdf page 1); for December, 'For 2024, ... from 2023.'"""
    if full_year:
        opening, since = f"For {int(year_before) + 1},", f"from {year_before}"
    else:
        opening, since = "Year-to-date,", f"from the same period in {year_before}"
    return " ".join(
        _balance_then_flows(
            two,
            ("Exports", "Imports"),
            lambda kind, change: (
                f"{opening} the goods and services {kind} {_verb(change)} {amount(change)}, "
                f"or {percent(change, two.balance[1])}, {since}."
            ),
            lambda name, now, change, before: f"{name} {_verb(change)} {amount(change)} or {percent(change, before)}.",
        )
    )


def average_sentences(two: TwoPeriods, period: str) -> list[str]:
    """Three-month averages against the previous three months (trad0325.pdf page 2):
    'The average goods and services deficit increased $14.1 billion to $131.4 billion for the
    three months ending in March.', 'Average exports increased $4.0 billion to $275.7 billion in March.', ..."""
    return _balance_then_flows(
        two,
        ("exports", "imports"),
        lambda kind, change: (
            f"The average goods and services {kind} {_verb(change)} {amount(change)} to "
            f"{money(two.balance[0])} for the three months ending in {month(period)}."
        ),
        lambda name, now, change, before: (
            f"Average {name} {_verb(change)} {amount(change)} to {money(now)} in {month(period)}."
        ),
    )


def average_year_over_year_sentences(two: TwoPeriods, year_ago: str) -> list[str]:
    """'Year-over-year, the average goods and services deficit increased $63.2 billion from the three
    months ending in March 2024.', 'Average exports increased $13.7 billion from March 2024.', ..."""
    return _balance_then_flows(
        two,
        ("exports", "imports"),
        lambda kind, change: (
            f"Year-over-year, the average goods and services {kind} {_verb(change)} "
            f"{amount(change)} from the three months ending in {month_year(year_ago)}."
        ),
        lambda name, now, change, before: (
            f"Average {name} {_verb(change)} {amount(change)} from {month_year(year_ago)}."
        ),
    )


def moved(millions: float) -> str:
    """'increased $0.8 billion', 'decreased less than $0.1 billion', 'was virtually unchanged'
    (trad0325.pdf pages 2-3)."""
    b = billions(millions)
    if millions == 0:
        return "was virtually unchanged"
    verb = "increased" if millions > 0 else "decreased"
    if b == 0:
        return f"{verb} less than $0.1 billion"
    return f"{verb} ${abs(b)} billion"


# ---------------------------------------------------------------- a series in the same house style


def quantity(value: float, unit: str) -> str:
    """A figure with its unit as a sentence says it: '$54.5 billion' (millions of dollars, the
    release's way), '$1.2 billion in chained 2017 dollars', '1,234 thousands of barrels'."""
    if unit == "millions of dollars":
        return money(value)
    if unit == "billions of dollars":  # transcribed headline figures, already in billions
        return money(value * 1000)
    m = re.match(r"^millions of (chained \d{4} dollars)$", unit)
    if m:
        return f"{money(value)} in {m.group(1)}"
    if unit == "percent":
        return f"{abs(value):,g} percent"
    return f"{abs(value):,g} {unit}"


def in_sentence(name: str) -> str:
    """A basis's or series' name inside a sentence: 'Balance of payments basis' -> 'balance of
    payments basis'; a proper name keeps its capital ('Census basis')."""
    return name if name.startswith("Census") else name[:1].lower() + name[1:]


def listing(parts: list[str]) -> str:
    """'a and b', 'a, b, and c' (a chart's summary lists its series with a serial comma)."""
    return ", ".join(parts[:-1]) + (", and " if len(parts) > 2 else " and ") + parts[-1] if len(parts) > 1 else parts[0]


def trend(name: str, a: float, b: float, big: str, plural: bool = True) -> str:
    """A series from its first to its last value, in a chart's unit (:func:`.numbers.magnitude`):
    'exports rose from $258.4 billion to $278.5 billion'; a balance in its own words ('the deficit
    widened from ... to ...', 'the balance went from a deficit of ... to a surplus of ...')."""
    if name.lower() == "balance":
        ka, kb = balance_kind(a), balance_kind(b)
        if ka != kb:
            return f"the balance went from a {ka} of {magnitude(a, big)} to a {kb} of {magnitude(b, big)}"
        if same_magnitude(a, b, big):
            return f"the {kb} was {magnitude(b, big)} at both ends"
        grew = abs(b) > abs(a)
        verb = ("widened" if grew else "narrowed") if kb == "deficit" else ("grew" if grew else "shrank")
        return f"the {kb} {verb} from {magnitude(a, big)} to {magnitude(b, big)}"
    if same_magnitude(a, b, big):
        return f"{name} {'were' if plural else 'was'} {magnitude(b, big)} at both ends"
    verb = "rose" if b > a else "fell"
    if (a < 0) != (b < 0) or (a < 0 and b < 0):  # a signed series (net adjustments): the values as signed
        return f"{name} went from {signed_magnitude(a, big)} to {signed_magnitude(b, big)}"
    return f"{name} {verb} from {magnitude(a, big)} to {magnitude(b, big)}"


def subject(what: str) -> str:
    """A series' words inside a sentence: 'Goods imports from China' -> 'goods imports from China'
    (an acronym or a name keeps its capital: 'NAICS', 'China')."""
    return what[:1].lower() + what[1:] if len(what) > 1 and what[1:2].islower() else what


def series_sentence(
    what: str,
    flow: str,
    unit: str,
    period_words: str,
    now: float,
    release_words: str,
    before: float | None = None,
    before_words: str = "",
    note: str = "",
) -> str:
    """The newest value of a series and its change, in the release's house style:
    'In January 2026 the goods and services deficit was $54.5 billion (January 2026 release); it
    narrowed by $18.4 billion from $72.9 billion in December 2025.'; a flow: 'In March 2025 goods
    imports from China were $29.4 billion (March 2025 release), $2.3 billion (7.1 percent) less than
    in March 2024.' ``note`` says why the comparison is what it is ('not seasonally adjusted figures
    are compared with the same month a year earlier'). ``what``: 'Goods balance with China'."""
    end = f" ({note})." if note else "."
    if flow == "balance":
        kind = balance_kind(now)
        name = subject(what).replace("balance", kind, 1)
        text = f"In {period_words} the {name} was {quantity(now, unit)} ({release_words})"
        if before is None:
            return text + "."
        if balance_kind(before) != kind:
            return text + f"; in {before_words} there was a {balance_kind(before)} of {quantity(before, unit)}" + end
        change = abs(now) - abs(before)
        move = (
            "was unchanged"
            if change == 0
            else f"{'widened' if change > 0 else 'narrowed'} by {quantity(abs(change), unit)}"
        )
        return text + f"; it {move} from {quantity(before, unit)} in {before_words}" + end
    verb = "were" if flow in ("exports", "imports") else "was"
    text = f"In {period_words} {subject(what)} {verb} {quantity(now, unit)} ({release_words})"
    if before is None:
        return text + "."
    change = now - before
    if change == 0:
        return text + f", unchanged from {before_words}" + end
    pct = f" ({percent(change, before)})" if before else ""
    more = "more" if change > 0 else "less"
    return text + f", {quantity(abs(change), unit)}{pct} {more} than in {before_words}" + end
