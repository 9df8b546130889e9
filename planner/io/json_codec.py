"""Column values to JSON and back, driven by the schema so every table is covered the same way.

Each column's SQLAlchemy type says how its values are written (UUIDs and dates as ISO strings,
enums as their values, timestamps in UTC) and what a value read back must look like. Reading
never trusts the file: every value is checked for its type, range and length before it is
converted, and a bad one raises :class:`FieldError` saying what was expected.
"""

from __future__ import annotations

import enum
import math
import re
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, Enum, Float, Integer, String, Table, Uuid

from planner.domain.validation import MAX_TEXT_LENGTH
from planner.store.types import UTCDateTime

# SQLite stores integers in 8 bytes; anything larger would fail at insert, not here.
_INT_LIMIT = 2**63 - 1
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Longer than any spelling uuid.UUID accepts; stops a megabyte "id" before it is parsed.
_UUID_MAX_LENGTH = 64


class FieldError(ValueError):
    """A value that does not fit its column; the message says what was expected."""


def encode_row(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as JSON values, one key per column the row has."""
    return {key: encode_value(table.c[key], value) for key, value in row.items()}


def encode_value(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(column.type, Float):
        # SQLite may hand back an int for a whole number; the document always says 100.0.
        return float(value)
    return value


def decode_value(column: Column[Any], raw: Any) -> Any:
    """The Python value for ``raw`` read from a document.

    Raises:
        FieldError: ``raw`` has the wrong type or is out of range for the column.
    """
    if raw is None:
        if column.nullable and not column.primary_key:
            return None
        raise FieldError("must have a value (null is not allowed)")
    kind = column.type
    # Order matters: Enum is a String and UTCDateTime wraps a DateTime.
    if isinstance(kind, Uuid):
        return _uuid(raw)
    if isinstance(kind, UTCDateTime):
        return _timestamp(raw)
    if isinstance(kind, Enum):
        return _choice(kind, raw)
    if isinstance(kind, Boolean):
        if not isinstance(raw, bool):
            raise FieldError(f"must be true or false, not {_show(raw)}")
        return raw
    if isinstance(kind, Integer):
        return _integer(raw)
    if isinstance(kind, Float):
        return _number(raw)
    if isinstance(kind, Date):
        return _date(raw)
    if isinstance(kind, String):
        return _text(raw, kind.length or MAX_TEXT_LENGTH)
    raise FieldError(f"has a column type the importer does not know ({kind})")


def _uuid(raw: Any) -> uuid.UUID:
    if not isinstance(raw, str) or len(raw) > _UUID_MAX_LENGTH:
        raise FieldError(f"must be a UUID string, not {_show(raw)}")
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise FieldError(f"must be a UUID string, not {_show(raw)}") from None


def _timestamp(raw: Any) -> datetime:
    if not isinstance(raw, str) or len(raw) > _UUID_MAX_LENGTH:
        raise FieldError(f"must be an ISO date and time string, not {_show(raw)}")
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise FieldError(f"must be an ISO date and time string, not {_show(raw)}") from None
    if value.tzinfo is None:
        raise FieldError(f"must say its time zone (like +00:00), not {_show(raw)}")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise FieldError(f"is out of range: {_show(raw)}") from None


def _date(raw: Any) -> date:
    if not isinstance(raw, str) or not _DATE.fullmatch(raw):
        raise FieldError(f"must be a date string like 2026-11-16, not {_show(raw)}")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FieldError(f"is not a real date: {_show(raw)}") from None


def _choice(kind: Enum, raw: Any) -> enum.Enum:
    choices = kind.enum_class
    if choices is None or not isinstance(raw, str):
        raise FieldError(f"must be one of {_allowed(kind)}, not {_show(raw)}")
    for member in choices:
        if member.value == raw:
            return member
    raise FieldError(f"must be one of {_allowed(kind)}, not {_show(raw)}")


def _allowed(kind: Enum) -> str:
    members = list(kind.enum_class or ())
    return ", ".join(repr(member.value) for member in members)


def _integer(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise FieldError(f"must be a whole number, not {_show(raw)}")
    if not -_INT_LIMIT <= raw <= _INT_LIMIT:
        raise FieldError("is too large a number")
    return raw


def _number(raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise FieldError(f"must be a number, not {_show(raw)}")
    try:
        value = float(raw)
    except OverflowError:
        raise FieldError("is too large a number") from None
    if not math.isfinite(value):
        raise FieldError("must be a finite number")
    return value


def _text(raw: Any, limit: int) -> str:
    if not isinstance(raw, str):
        raise FieldError(f"must be a string, not {_show(raw)}")
    if len(raw) > limit:
        raise FieldError(f"is {len(raw)} characters long; the limit is {limit}")
    try:
        # A lone surrogate ("\ud800" in JSON) is no character at all; the plan file, being
        # UTF-8, could not store it.
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raise FieldError("contains an invalid character (a lone UTF-16 surrogate)") from None
    return raw


def _show(raw: Any) -> str:
    """A short, safe description of a value for a message."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, dict):
        return "an object"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, str):
        text = raw if len(raw) <= 40 else raw[:37] + "…"
        return repr(text)
    if isinstance(raw, int) and abs(raw) > 10**40:
        return "a very large number"
    return repr(raw)
