"""Engines for plan files, with the connection rules every plan file gets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

# "OKRP": marks a SQLite file as a plan, so a random database is never mistaken for one.
APPLICATION_ID = 0x4F4B5250
BUSY_TIMEOUT_MS = 5000


def file_uri(path: Path, **parameters: str) -> str:
    """SQLite's ``file:`` URI of ``path``, with ``parameters`` (``mode="ro"``) after it.

    The path is percent-encoded: a plan may be called "Q3 #2" or "budget?v2", and in a bare
    URI "#" and "?" would end the file name (so another file would be opened, or created).
    """
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    uri = path.resolve().as_uri()
    if not uri.startswith("file:///"):
        # A network path (\\server\share on Windows) comes as file://server/share/…, and
        # SQLite takes no authority but localhost: the server goes into the path instead.
        uri = "file:////" + uri.removeprefix("file://")
    return f"{uri}?{query}" if query else uri


def log_files(path: Path) -> tuple[Path, Path]:
    """The write-ahead log (-wal) and its index (-shm) SQLite keeps for the plan at ``path``:
    beside the real file, through any link."""
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + "-wal"), real.with_name(real.name + "-shm")


def error_code(error: BaseException) -> int:
    """SQLite's primary result code of ``error`` (SQLITE_FULL, SQLITE_IOERR…); 0 for none."""
    return int(getattr(error, "sqlite_errorcode", 0)) & 0xFF


def sqlite_url(path: Path, read_only: bool = False, create: bool = False) -> URL:
    """The engine URL of ``path``, built from parts rather than parsed from a string, for the
    same reason as :func:`file_uri`.

    Only ``create`` makes the file: a connection opened later, after the plan file was
    moved or deleted, must fail rather than start an empty plan where it was."""
    mode = "ro" if read_only else "rwc" if create else "rw"
    return URL.create("sqlite", database=file_uri(path), query={"mode": mode, "uri": "true"})


def create_plan_engine(path: Path, read_only: bool = False, create: bool = False) -> Engine:
    """An engine whose every connection has the plan file's pragmas; ``create`` makes the
    file if it is not there (see :func:`sqlite_url`).

    The pysqlite driver's own transaction handling is switched off and ``BEGIN`` emitted on
    each transaction instead (SQLAlchemy's documented recipe), so pragmas run outside a
    transaction and migrations are transactional.
    """
    engine = create_engine(sqlite_url(path, read_only, create))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        # Names are told apart ignoring case the way Python folds it ("Équipe" is
        # "ÉQUIPE"); SQLite's own lower() folds only the letters A to Z.
        dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)
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


def _casefold(text: object) -> object:
    return text.casefold() if isinstance(text, str) else text
