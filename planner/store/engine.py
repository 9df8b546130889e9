"""Engines for plan files, with the connection rules every plan file gets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

# "OKRP": marks a SQLite file as a plan, so a random database is never mistaken for one.
APPLICATION_ID = 0x4F4B5250
BUSY_TIMEOUT_MS = 5000


def sqlite_url(path: Path, read_only: bool = False) -> str:
    if read_only:
        return f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&uri=true"
    return f"sqlite:///{path.resolve().as_posix()}"


def create_plan_engine(path: Path, read_only: bool = False) -> Engine:
    """An engine whose every connection has the plan file's pragmas.

    The pysqlite driver's own transaction handling is switched off and ``BEGIN`` emitted on
    each transaction instead (SQLAlchemy's documented recipe), so pragmas run outside a
    transaction and migrations are transactional.
    """
    engine = create_engine(sqlite_url(path, read_only))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if not read_only:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine
