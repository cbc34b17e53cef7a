"""Numbers the way the FT-900 release writes them: the one number formatter.

The release states values in billions to one decimal ("$140.5 billion") computed from
the exhibits' millions, rounded half away from zero; a change is computed from the
unrounded millions and then rounded (so "up $17.3 billion" need not equal the
difference of the two rounded levels). Percent changes are rounded to one decimal.
Values passed in are millions of dollars as the exhibits print them; balances are
negative for deficits.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def rounded(value: float | Decimal, places: int = 1) -> Decimal:
    """Round half away from zero (Decimal's ROUND_HALF_UP), as the release does."""
    q = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(q, rounding=ROUND_HALF_UP)


def billions(millions: float) -> Decimal:
    """Millions of dollars -> billions to one decimal: 140482 -> Decimal('140.5')."""
    return rounded(Decimal(str(millions)) / 1000)


def money(millions: float) -> str:
    """'$140.5 billion' (the magnitude: words say whether it is a deficit or a decrease)."""
    return f"${abs(billions(millions)):,} billion"


def amount(change_millions: float) -> str:
    """A change's magnitude in words: '$17.3 billion', or 'less than $0.1 billion' when it rounds
    to zero without being zero (the release's wording for tiny changes)."""
    if billions(change_millions) == 0 and change_millions != 0:
        return "less than $0.1 billion"
    return money(change_millions)


def thousands(value: float) -> str:
    """A table figure with thousands separators, sign as given: -73252 -> '-73,252'."""
    f = float(value)
    if f.is_integer():
        return f"{int(f):,}"
    text = repr(round(f, 6))
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}.{frac}" if whole not in ("-0",) else f"-0.{frac}"


def plain(value: float) -> str:
    """A figure for a CSV: no separators, integers without '.0'."""
    f = float(value)
    return str(int(f)) if f.is_integer() else repr(round(f, 6))


def whole(value: float) -> int | float:
    """Whole numbers as int, so a CSV download reads 1180, not 1180.0."""
    return int(value) if float(value).is_integer() else float(value)


def percent(change: float, base: float) -> str:
    """'92.6 percent': the change relative to the base's magnitude, one decimal."""
    return f"{abs(rounded(change / abs(base) * 100))} percent"


def percent_value(change: float, base: float) -> Decimal:
    """The signed percent change, one decimal (for headline boxes)."""
    return rounded(change / abs(base) * 100)


def signed_percent(change: float, base: float) -> str:
    """'+14.0%' as in the release's headline box (a true minus sign)."""
    p = percent_value(change, base)
    return f"{'+' if p >= 0 else '−'}{abs(p)}%"


def magnitude(value: float, big: str) -> str:
    """A magnitude in a chart's unit (already in the larger scale, :func:`scale`), as a sentence
    says it: '$140.5 billion', '$71.23 per barrel', '6,182 thousand barrels' (the sign is said in
    words)."""
    v = abs(value)
    if big == "billions of dollars":
        return f"${rounded(v, 1):,} billion"
    if big.startswith("billions of chained"):
        return f"${rounded(v, 1):,} billion ({big[len('billions of ') :]})"
    if big.startswith("dollars per "):
        return f"${rounded(v, 2):,} per {big[len('dollars per ') :]}"
    if big.startswith("thousands of "):
        return f"{rounded(v, 0):,} thousand {big[len('thousands of ') :]}"
    if big == "percent":
        return f"{rounded(v, 1)} percent"
    return f"{rounded(v, 1):,} {big}"


def same_magnitude(a: float, b: float, big: str) -> bool:
    """Whether two values read the same in words (:func:`magnitude`)."""
    return magnitude(a, big) == magnitude(b, big)


def signed_magnitude(value: float, big: str) -> str:
    """'minus $3.2 billion' / '$3.2 billion': a signed value where no word carries the sign."""
    return ("minus " if value < 0 and not same_magnitude(value, 0, big) else "") + magnitude(value, big)


def scale(unit: str) -> tuple[str, float]:
    """A readable unit for charts and the factor to get there: millions -> billions."""
    if unit.startswith("millions of "):
        return "billions of " + unit[len("millions of ") :], 1e-3
    return unit, 1.0


def in_millions(value: float, unit: str) -> float:
    """A dollar figure in millions, whichever of millions or billions its file printed."""
    return value * 1000 if unit.startswith("billions of") else value
