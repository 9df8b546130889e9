"""Small wording helpers for messages people read."""

import math


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``plural(1, "team")`` is "1 team"; ``plural(2, "team")`` is "2 teams"."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {plural_form or noun + 's'}"


# Figures show at least this many decimals when they have any, and below 1 as many as
# three significant digits need, up to the last.
DECIMALS = 2
SIGNIFICANT = 3
MOST_DECIMALS = 9


def decimals_for(value: float) -> int:
    """How many decimals to show ``value`` with: 2 (12.25, 0.35), or for a figure below 1
    enough for three significant digits (0.0025, 0.012), so a small figure never reads "0"
    and two different ones never read alike."""
    size = abs(value)
    if size >= 1 or size == 0 or not math.isfinite(size):
        return DECIMALS
    return max(DECIMALS, min(MOST_DECIMALS, SIGNIFICANT - 1 - math.floor(math.log10(size))))


def decimals_apart(value: float, beside: float | None) -> int:
    """:func:`decimals_for`, or more where fewer would write ``value`` as ``beside`` though
    they differ: a threshold of 2 % missed at 2.004 % must not read "2 %" beside "≤ 2 %"."""
    decimals = decimals_for(value)
    if beside is None or value == beside or not math.isfinite(value - beside):
        return decimals
    while decimals < MOST_DECIMALS and round(value, decimals) == round(beside, decimals):
        decimals += 1
    return decimals


def number(value: float, beside: float | None = None) -> str:
    """A figure as written in English, for paper and messages: 12000 → "12,000"; 0.26 →
    "0.26"; 2.50 → "2.5"; 0.0025 → "0.0025"; never an exponent ("1e+06"). Read against
    ``beside`` (a target), it keeps the decimals that tell the two apart."""
    if math.isfinite(value) and value == int(value):
        return f"{int(value):,}"
    return f"{value:,.{decimals_apart(value, beside)}f}".rstrip("0").rstrip(".")
