"""Where a chart's axis gets its ticks: round numbers, and days that read well as dates."""

from __future__ import annotations

import math
from datetime import date, timedelta


def nice_ticks(highest: float, most: int = 6) -> list[float]:
    """Ticks from 0 to at least ``highest``, at most ``most`` + 1 of them, a round step apart
    (1, 2, 2.5 or 5 times a power of ten), the last one at or past ``highest``."""
    if highest <= 0 or not math.isfinite(highest):
        return [0.0, 1.0]
    return nice_range(0.0, highest, most)


def nice_range(low: float, high: float, most: int = 6) -> list[float]:
    """Ticks a round step apart (1, 2, 2.5 or 5 times a power of ten) from the last one at or
    below ``low`` to the first at or above ``high``: at most ``most`` steps."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high <= low:
        low, high = low - 1.0, low + 1.0
    rough = (high - low) / max(most, 1)
    power = 10.0 ** math.floor(math.log10(rough))
    step = next(f * power for f in (1.0, 2.0, 2.5, 5.0, 10.0) if f * power >= rough * (1 - 1e-9))
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    # Rounded to the step's own precision: 0.3, not 0.30000000000000004.
    digits = max(0, 2 - math.floor(math.log10(step)))
    ticks = sorted({round(i * step, digits) for i in range(first, last + 1)})
    if len(ticks) < 2 or ticks[0] > low + step * 1e-6 or ticks[-1] < high - step * 1e-6:
        # Values far larger than their spread: floats cannot hold round steps between them.
        return [low, high]
    return ticks


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month from ``start`` to ``end`` (both included)."""
    day = date(start.year, start.month, 1)
    if day < start:
        day = _next_month(day)
    days = []
    while day <= end:
        days.append(day)
        day = _next_month(day)
    return days


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def date_ticks(first: date, last: date, most: int = 6) -> list[date]:
    """Between ``first`` and ``last`` (both included), at most ``most`` days a person reads
    at a glance (two or more, unless the span is a single day): the first of every month or
    every few months over a long span, else every week or two, or every day or two."""
    for months in (1, 2, 3, 6, 12):
        days = [day for day in month_starts(first, last) if (day.month - 1) % months == 0]
        if 2 <= len(days) <= most:
            return days
    span = (last - first).days
    for step in (1, 2, 7, 14, 28):
        if span // step + 1 <= most:
            return [first + timedelta(days=n) for n in range(0, span + 1, step)]
    return [first, last]
