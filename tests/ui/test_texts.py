"""Figures on screen as the person's locale writes them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from planner.ui.okr.formatting import parse_decimal
from planner.ui.texts import format_number, number_for_editing


@pytest.fixture
def german() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


def test_small_figures_keep_three_significant_digits(german: None) -> None:
    shown = [format_number(v, "ratio") for v in (0.0001, 0.0004, 0.004, 0.35, 2.5, 14800)]
    assert shown == [
        "0,0001 ratio",
        "0,0004 ratio",
        "0,004 ratio",
        "0,35 ratio",
        "2,5 ratio",
        "14.800 ratio",
    ]


def test_an_allocation_below_a_hundredth_reads_as_itself() -> None:
    from planner.ui.team_editing.texts import percent

    assert percent(0.004) == "0.004 %" and percent(62.5) == "62.5 %"


@pytest.mark.parametrize("value", [0.0000008, 0.0000004, 12.5, 1234567.125, 33.333, -0.25])
def test_a_number_offered_for_editing_reads_back_as_itself(german: None, value: float) -> None:
    # An editor shows the number and stores it again when another field of the row changes
    # (a key result's type): six decimals turned 0.0000008 into 0.000001.
    text = number_for_editing(value)
    assert parse_decimal(text, "Target") == value


def test_a_value_beside_its_target_keeps_the_decimals_that_tell_them_apart(german: None) -> None:
    # A churn threshold of at most 2 %, missed at 2.004 %, read "2 %" beside "≤ 2 %".
    assert format_number(2.004, "%", 2) == "2,004 %"
    assert format_number(2.5, "%", 2) == "2,5 %"


def test_arabic_figures_drop_their_trailing_zeros_and_read_back() -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("ar_EG"))
    try:
        shown = format_number(0.5)
        assert shown == "٠٫٥"
        assert parse_decimal(shown, "Value") == 0.5
        assert parse_decimal(format_number(14800), "Value") == 14800
    finally:
        QLocale.setDefault(before)
