"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import DateTime, Dialect, Uuid
from sqlalchemy.types import TypeDecorator

# How many ids the reading cache keeps: a large plan's teams, objectives and key results,
# which come back again and again as foreign keys (a check-in's key result, a note's team).
# Primary keys, each read once per row, do not go through it.
READ_CACHE_IDS = 1 << 16


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and read back as aware UTC datetimes.

    SQLite drops the offset while PostgreSQL keeps it; normalising on the way in and out makes
    both return the same instant.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def copy(self, **kw: Any) -> UTCDateTime:
        return UTCDateTime()


def utc_now() -> datetime:
    return datetime.now(UTC)


class Id(Uuid[uuid.UUID]):
    """A UUID reference as ``Uuid`` stores it, read back through a cache of the ids last read.

    Turning the stored text into a ``uuid.UUID`` costs microseconds, and a large plan reads
    the same few thousand ids hundreds of thousands of times (every check-in names its key
    result, every share its team): the cache hands back the same immutable UUID instead.
    Stored values, and databases with a native UUID type, are unchanged.
    """

    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        if not self.as_uuid or (dialect.supports_native_uuid and self.native_uuid):
            native: Callable[[Any], Any] | None = super().result_processor(  # type: ignore[no-untyped-call]
                dialect, coltype
            )
            return native
        return _read_id


@lru_cache(maxsize=READ_CACHE_IDS)
def _uuid(text: str) -> uuid.UUID:
    return uuid.UUID(text)


def _read_id(value: str | None) -> uuid.UUID | None:
    return None if value is None else _uuid(value)


def forget_ids() -> None:
    """Empty the cache of ids (a plan was closed)."""
    _uuid.cache_clear()
