"""Where a chart's axis gets its ticks: round numbers, and the first day of each month."""

from __future__ import annotations

import math
from datetime import date


def nice_ticks(highest: float, most: int = 6) -> list[float]:
    """Ticks from 0 to at least ``highest``, at most ``most`` + 1 of them, a round step apart
    (1, 2, 2.5 or 5 times a power of ten), the last one at or past ``highest``."""
    if highest <= 0 or not math.isfinite(highest):
        return [0.0, 1.0]
    rough = highest / max(most, 1)
    power = 10.0 ** math.floor(math.log10(rough))
    step = next(f * power for f in (1.0, 2.0, 2.5, 5.0, 10.0) if f * power >= rough)
    count = math.ceil(highest / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


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
