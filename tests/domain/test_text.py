"""Writing figures: as many decimals as tell them apart, never an exponent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.text import number


@pytest.mark.parametrize(
    ("value", "beside", "text"),
    [
        (12000, None, "12,000"),
        (2.5, None, "2.5"),
        (0.0025, None, "0.0025"),
        (1_000_000, None, "1,000,000"),
        # Beside a target the value is read against, it never reads as the target itself.
        (2.004, 2, "2.004"),
        (99.949, 99.95, "99.949"),
        (2.004, 5, "2"),
        (2, 2, "2"),
    ],
)
def test_figures_are_written_out(value: float, beside: float | None, text: str) -> None:
    assert number(value, beside) == text


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
)
def test_a_value_and_a_different_target_never_read_alike(value: float, target: float) -> None:
    if abs(value - target) >= 1e-9:
        assert number(value, target) != number(target, target)
