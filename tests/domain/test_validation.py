"""Reading numbers as people type them, in either convention of decimal sign."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.validation import ValidationError, parse_number


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("2,5", ".", 2.5),
        ("2,5", ",", 2.5),
        ("10,000", ".", 10000),
        ("10.000", ",", 10000),
        ("1,234.5", None, 1234.5),
        ("1.234,5", None, 1234.5),
        ("1 234,5", ",", 1234.5),
        ("20 %", ".", 20),
        ("\u22125", ".", -5),
        # No group starts with 0: these are fractions in either convention.
        ("0.125", ",", 0.125),
        ("0,125", ".", 0.125),
        ("-0,500", ".", -0.5),
        # A plus sign says only that it is positive: the thousands stay thousands.
        ("+1,250", ".", 1250),
        ("+1.250", ",", 1250),
        ("+ 12 %", ".", 12),
    ],
)
def test_numbers_read_as_typed(text: str, decimal: str | None, value: float) -> None:
    assert parse_number(text, "Target", decimal) == value


@pytest.mark.parametrize("text", ["", "  ", "abc", "1,2,3.4.5x", "inf", "nan"])
def test_what_is_not_a_number_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_number(text, "Target", ".")
    assert refused.value.field == "Target"


@pytest.mark.parametrize("typed", ["1e300", "-2e15", 1e16, "1,000,000,000,000,001"])
def test_numbers_beyond_a_thousand_trillion_are_refused_as_too_large(typed: str | float) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_number(typed, "Value", ".")
    assert refused.value.field == "Value"
    assert str(refused.value).endswith("is too large: keep it within ±1,000,000,000,000,000")
    assert parse_number("-1e15", "Value", ".") == -1e15


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_a_figure_as_a_locale_writes_it_reads_back(value) -> None:  # type: ignore[no-untyped-def]
    english = f"{value:,.2f}"
    german = english.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_number(english, "Target", ".") == float(value)
    assert parse_number(german, "Target", ",") == float(value)


def test_a_refusal_writes_the_figure_out_in_full() -> None:
    from planner.domain.validation import validate_key_result_values
    from planner.domain.values import KeyResultKind

    with pytest.raises(ValidationError) as refused:
        validate_key_result_values(KeyResultKind.INCREASE, 1_000_000, 1_000_000)
    assert refused.value.message == (
        "equals the start (1,000,000); a key result must aim to change it"
    )


def test_arabic_signs_and_digits_read_as_written() -> None:
    # As an Egyptian locale writes them: Arabic-Indic digits, "٫" for decimals, "٬" groups.
    assert parse_number("١٢٫٥", "Value", "\u066b") == 12.5
    assert parse_number("١٤٬٨٠٠", "Value", "\u066b") == 14800
    assert parse_number("٥٠٪", "Value", "\u066b") == 50
    with pytest.raises(ValidationError) as refused:
        parse_number("1,250", "Value", "\u066b")  # neither sign the locale uses: say so
    assert refused.value.message == "'1,250' could be 1250 or 1.25; write one of those"
