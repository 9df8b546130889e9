"""Where the charts' axes put their ticks."""

from __future__ import annotations

import math
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planner.ui.chart_scale import date_ticks, month_starts, nice_range, nice_ticks


def test_round_steps_reach_past_the_highest_value() -> None:
    assert nice_ticks(80, 5) == [0, 20, 40, 60, 80]
    assert nice_ticks(3180, 4) == [0, 1000, 2000, 3000, 4000]
    assert nice_ticks(7, 6) == [0, 2, 4, 6, 8]
    assert nice_ticks(0) == [0, 1]


@given(
    st.floats(min_value=1e-3, max_value=1e9, allow_nan=False),
    st.integers(min_value=1, max_value=12),
)
def test_ticks_are_evenly_spaced_round_and_few(highest: float, most: int) -> None:
    ticks = nice_ticks(highest, most)
    assert ticks[0] == 0 and ticks[-1] >= highest * (1 - 1e-9)
    assert len(ticks) <= most + 2  # never many more than asked for
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(abs(mantissa - f) < 1e-6 for f in (1, 2, 2.5, 5, 10))
    assert all(abs((b - a) - step) <= step * 1e-6 for a, b in zip(ticks, ticks[1:], strict=False))
    # One step fewer would not reach the highest value.
    assert ticks[-2] < highest


def test_months_start_on_their_first_day_within_the_period() -> None:
    assert month_starts(date(2026, 10, 1), date(2026, 12, 31)) == [
        date(2026, 10, 1),
        date(2026, 11, 1),
        date(2026, 12, 1),
    ]
    assert month_starts(date(2026, 11, 15), date(2027, 1, 1)) == [
        date(2026, 12, 1),
        date(2027, 1, 1),
    ]
    assert month_starts(date(2026, 11, 2), date(2026, 11, 30)) == []


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)), st.integers(0, 2000))
def test_every_first_of_a_month_in_the_period_and_nothing_else(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    expected = [start + timedelta(n) for n in range(days + 1) if (start + timedelta(n)).day == 1]
    assert month_starts(start, end) == expected


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=1e-3, max_value=1e6, allow_nan=False),
    st.integers(min_value=2, max_value=10),
)
def test_a_range_is_covered_by_round_evenly_spaced_ticks(
    low: float, span: float, most: int
) -> None:
    high = low + span
    ticks = nice_range(low, high, most)
    step = ticks[1] - ticks[0]
    # Covered, up to a hair's width of a step (rounding must not add a whole step).
    assert ticks[0] <= low + step * 1e-6 and ticks[-1] >= high - step * 1e-6
    assert 2 <= len(ticks) <= most + 3
    assert all(abs((b - a) - step) <= step * 1e-6 for a, b in zip(ticks, ticks[1:], strict=False))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 3000))
def test_date_ticks_are_few_in_order_and_inside_the_span(first: date, days: int) -> None:
    last = first + timedelta(days=days)
    ticks = date_ticks(first, last, 6)
    assert 2 <= len(ticks) <= 6
    assert ticks == sorted(set(ticks)) and first <= ticks[0] and ticks[-1] <= last


@given(
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    st.floats(min_value=1e-12, max_value=1e15, allow_nan=False),
)
def test_any_range_gets_two_or_more_distinct_ticks_around_it(low: float, span: float) -> None:
    # Even where floats cannot hold round steps (values far larger than their spread), a
    # chart gets an axis it can divide by.
    high = low + span
    ticks = nice_range(low, high, 5)
    assert len(ticks) >= 2 and ticks == sorted(set(ticks)) and ticks[-1] > ticks[0]
