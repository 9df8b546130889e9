"""Validation of everything a person can type, shared by the app, the command line and imports.

Every rule raises :class:`ValidationError` naming the field, so each caller shows the same clear
message and stores nothing.
"""

from __future__ import annotations

import math
import re
from datetime import date
from enum import StrEnum
from typing import TypeVar

from planner.domain.text import number
from planner.domain.values import KeyResultKind, ThresholdDirection

E = TypeVar("E", bound=StrEnum)

MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 20_000
MAX_CONFIDENCE = 10

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Spaces that spreadsheets and locales put between thousands: normal, no-break, narrow no-break,
# thin, and the apostrophe used in Switzerland.
_GROUP_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "'", "’")


class ValidationError(ValueError):
    """A value a person entered breaks a rule; ``field`` names where, ``message`` says what."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def require_text(value: str | None, field: str, max_length: int = MAX_NAME_LENGTH) -> str:
    """Return ``value`` stripped; refuse it when empty or too long."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, "is required")
    if len(text) > max_length:
        raise ValidationError(field, f"is {len(text)} characters long; the limit is {max_length}")
    return text


def optional_text(value: str | None, field: str, max_length: int = MAX_TEXT_LENGTH) -> str:
    """Return ``value`` stripped (empty when missing); refuse it when too long."""
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(field, f"is {len(text)} characters long; the limit is {max_length}")
    return text


def parse_number(
    text: str | float | int, field: str, decimal_separator: str | None = None
) -> float:
    """Read a number as people type it in any locale.

    Accepts decimal commas (``12,5``), thousands separators (``1 234,5``, ``1,234.5``,
    ``1.234,5``) and a trailing percent sign (``20 %`` is 20). When the decimal separator is
    ambiguous (``1,234``) the locale's ``decimal_separator`` decides; without one, a single
    separator followed by exactly three digits is taken as a thousands separator only when it
    is a point-free comma in a number with more than one group.
    """
    if isinstance(text, bool):
        raise ValidationError(field, "must be a number")
    if isinstance(text, int | float):
        return _finite(float(text), field, str(text))
    raw = text
    cleaned = _bare_number(text)
    if not cleaned:
        raise ValidationError(field, "is required")
    readings = separator_readings(cleaned)
    if readings is not None and decimal_separator not in (None, ".", ","):
        # The locale marks decimals with neither (Arabic "٫"): "1,250" could be either.
        grouped, decimal = readings
        raise ValidationError(
            field, f"'{raw.strip()}' could be {grouped:g} or {decimal:g}; write one of those"
        )
    cleaned = _normalise_separators(cleaned, decimal_separator)
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError(field, f"'{raw.strip()}' is not a number") from None
    return _finite(value, field, raw)


def separator_readings(text: str) -> tuple[float, float] | None:
    """The two numbers ``text`` is when its one separator stands before exactly three digits
    ("1,250": 1250 where it groups thousands, 1.25 where it marks decimals); ``None`` when it
    reads only one way. Only the locale the text comes from can tell which is meant."""
    cleaned = _bare_number(text)
    match = re.fullmatch(r"-?[1-9]\d{0,2}([.,])\d{3}", cleaned)
    if match is None:
        return None
    mark = match.group(1)
    return float(cleaned.replace(mark, "")), float(cleaned.replace(mark, "."))


def _bare_number(text: str) -> str:
    """``text`` without what surrounds and groups the figure: spaces, a trailing %, group
    spaces, a leading + (a plus sign says only that it is positive); a typographic minus from
    word processors becomes "-"."""
    cleaned = text.strip().replace("\u2212", "-")
    # Arabic writes its decimal and thousands signs as letters of their own (U+066B, U+066C);
    # its digits Python reads as digits already.
    cleaned = cleaned.replace("\u066b", ".").replace("\u066c", "").replace("\u066a", "%")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
    if cleaned.startswith("+"):
        cleaned = cleaned[1:].lstrip()
    for space in _GROUP_SPACES:
        cleaned = cleaned.replace(space, "")
    return cleaned


def _normalise_separators(text: str, decimal_separator: str | None) -> str:
    has_comma, has_point = "," in text, "." in text
    if has_comma and has_point:
        # Whichever comes last is the decimal separator: 1,234.5 or 1.234,5.
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if has_comma:
        if text.count(",") > 1:
            return text.replace(",", "")
        # A group never starts with 0: "0,125" is a fraction wherever it is typed.
        if decimal_separator == "." and re.fullmatch(r"-?[1-9]\d{0,2},\d{3}", text):
            return text.replace(",", "")
        return text.replace(",", ".")
    if has_point and text.count(".") > 1:
        return text.replace(".", "")
    if has_point and decimal_separator == "," and re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", text):
        return text.replace(".", "")
    return text


def _finite(value: float, field: str, raw: object) -> float:
    if not math.isfinite(value):
        raise ValidationError(field, f"'{raw}' is not a finite number")
    if abs(value) > LARGEST_NUMBER:
        raise ValidationError(field, f"'{raw}' is too large: keep it within ±{LARGEST_TEXT}")
    return value


# No key result counts beyond a thousand trillion (revenue in cents included); larger numbers
# are typing slips, and would overflow the arithmetic of progress or fill a column.
LARGEST_NUMBER = 1e15
LARGEST_TEXT = "1,000,000,000,000,000"


def validate_key_result_values(
    kind: KeyResultKind,
    start: float | None,
    target: float | None,
    direction: ThresholdDirection | None = None,
) -> None:
    """Refuse start/target combinations progress cannot be computed from."""
    if kind in (KeyResultKind.INCREASE, KeyResultKind.DECREASE):
        if start is None:
            raise ValidationError("Start", "is required for a metric key result")
        if target is None:
            raise ValidationError("Target", "is required for a metric key result")
        if start == target:
            raise ValidationError(
                "Target", f"equals the start ({number(start)}); a key result must aim to change it"
            )
        if kind is KeyResultKind.INCREASE and target < start:
            raise ValidationError("Target", "is below the start; choose 'decrease' for this")
        if kind is KeyResultKind.DECREASE and target > start:
            raise ValidationError("Target", "is above the start; choose 'increase' for this")
    elif kind is KeyResultKind.THRESHOLD:
        if target is None:
            raise ValidationError("Target", "is required for a threshold key result")
        if direction is None:
            raise ValidationError("Direction", "is required for a threshold (at most or at least)")


def infer_kind(start: float, target: float) -> KeyResultKind:
    """The kind a metric key result has when a sheet does not say: start > target decreases."""
    return KeyResultKind.DECREASE if start > target else KeyResultKind.INCREASE


def validate_weight(weight: float) -> float:
    if not math.isfinite(weight) or weight <= 0:
        raise ValidationError("Weight", f"must be above 0 (got {number(weight)})")
    return weight


def validate_confidence(confidence: int | str | None) -> int | None:
    """A confidence from 0 to 10; typed text ("7") is read, anything else refused."""
    if confidence is None or confidence == "":
        return None
    if isinstance(confidence, str):
        try:
            confidence = int(confidence.strip())
        except ValueError:
            raise ValidationError(
                "Confidence", f"'{confidence}' is not a whole number from 0 to 10"
            ) from None
    if isinstance(confidence, bool) or not isinstance(confidence, int):
        raise ValidationError("Confidence", f"'{confidence}' is not a whole number from 0 to 10")
    if not 0 <= confidence <= MAX_CONFIDENCE:
        raise ValidationError("Confidence", f"must be from 0 to 10 (got {confidence})")
    return confidence


def validate_allocation(percent: float) -> float:
    if not math.isfinite(percent) or not 0 < percent <= 100:
        raise ValidationError(
            "Allocation", f"must be above 0 % and at most 100 % (got {percent:g})"
        )
    return percent


def validate_share(percent: float, field: str = "Share") -> float:
    if not math.isfinite(percent) or not 0 <= percent <= 100:
        raise ValidationError(field, f"must be from 0 % to 100 % (got {percent:g})")
    return percent


def validate_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError("End", f"{end.isoformat()} is before the start {start.isoformat()}")


def validate_measured(day: date, today: date) -> date:
    """A check-in's date: a value is measured today or before, never after."""
    if day > today:
        raise ValidationError(
            "Date",
            f"{day.isoformat()} is after today; a check-in records what was already measured",
        )
    return day


def validate_color(color: str | None) -> str | None:
    if color is None or color == "":
        return None
    if not _COLOR.match(color):
        raise ValidationError("Colour", f"'{color}' is not a colour like #3A7BD5")
    return color.upper()


def validate_email(email: str | None) -> str:
    text = (email or "").strip()
    if text and not _EMAIL.match(text):
        raise ValidationError("Email", f"'{text}' is not an email address")
    return text


def parse_choice(enum_class: type[E], value: object, field: str) -> E:
    """Read one of a closed set of values, forgiving case, spaces and hyphens.

    "X-as-a-service", "x as a service" and "x_as_a_service" all name the same mode.
    """
    if isinstance(value, enum_class):
        return value
    key = re.sub(r"[\s\-/]+", "_", str(value).strip().lower())
    for member in enum_class:
        if key in (member.value, member.name.lower()):
            return member
    allowed = ", ".join(member.value.replace("_", " ") for member in enum_class)
    raise ValidationError(field, f"'{value}' is not one of: {allowed}")
