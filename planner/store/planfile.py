"""Opening, creating and closing plan files, with the rules that keep them safe.

A plan file is refused, and left byte-for-byte untouched, when it is not a plan, is damaged or
was written by a newer version of the app. An older plan is upgraded after a backup beside it.
One instance edits a plan at a time; others may open it read-only.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from planner.store import migrate
from planner.store.backup import backup_plan, upgrade_backup_path
from planner.store.engine import APPLICATION_ID, create_plan_engine, file_uri
from planner.store.lock import LockedError, PlanLock
from planner.store.types import forget_ids

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
APPLICATION_ID_OFFSET = 68

__all__ = [
    "DamagedPlanError",
    "LockedError",
    "NewerPlanError",
    "NotAPlanError",
    "PlanExistsError",
    "PlanFile",
    "PlanFileError",
    "PlanNotFoundError",
    "create_plan_file",
    "open_plan_file",
]


class PlanFileError(Exception):
    """A plan file cannot be opened; the message says why, for the person who chose it."""


class PlanNotFoundError(PlanFileError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: no such plan file")


class PlanExistsError(PlanFileError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: a file of that name already exists")


class NotAPlanError(PlanFileError):
    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path}: not an OKR plan ({what})")


class DamagedPlanError(PlanFileError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: the plan file is damaged ({detail}); it was left untouched")


class NewerPlanError(PlanFileError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path}: made by a newer version of OKR Planner (schema {revision}); "
            "update the app to open it. The file was left untouched."
        )
        self.revision = revision


@dataclass
class PlanFile:
    """An open plan: its engine, and the lock that makes this instance its only editor."""

    path: Path
    engine: Engine
    read_only: bool
    lock: PlanLock | None = None
    upgraded_from: str | None = None
    backup: Path | None = None
    closed: bool = field(default=False, init=False)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.engine.dispose()
        forget_ids()  # its ids are not read again (another open plan's are read anew)
        if self.lock is not None:
            self.lock.release()


def create_plan_file(path: Path) -> PlanFile:
    """Create a new plan file holding the current schema, open for editing."""
    path = Path(path)
    if path.exists():
        raise PlanExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = PlanLock(path)
    lock.acquire()
    try:
        engine = create_plan_engine(path)
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            migrate.upgrade(connection)
        # The header (with the application id) must reach the main file now: it is read
        # straight from disk to recognise a plan without opening it.
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        lock.release()
        path.unlink(missing_ok=True)
        raise
    return PlanFile(path=path, engine=engine, read_only=False, lock=lock)


def open_plan_file(path: Path, read_only: bool = False) -> PlanFile:
    """Open an existing plan, upgrading an older one after a backup.

    Raises:
        PlanFileError: the file is missing, not a plan, damaged or newer than this app.
        LockedError: another instance has it open for editing (not raised when read-only).
    """
    path = Path(path)
    revision = inspect_plan_file(path)
    if read_only:
        if revision != migrate.head_revision():
            raise PlanFileError(
                f"{path}: an older plan cannot be upgraded while read-only; open it for editing"
            )
        return PlanFile(path=path, engine=create_plan_engine(path, read_only=True), read_only=True)

    lock = PlanLock(path)
    lock.acquire()
    try:
        plan = PlanFile(path=path, engine=create_plan_engine(path), read_only=False, lock=lock)
        if revision != migrate.head_revision():
            plan.backup = backup_plan(path, upgrade_backup_path(path))
            plan.upgraded_from = revision
            with plan.engine.begin() as connection:
                migrate.upgrade(connection)
    except BaseException:
        lock.release()
        raise
    return plan


def inspect_plan_file(path: Path) -> str:
    """Return the schema revision of the plan at ``path`` without changing a byte of it."""
    if not path.exists():
        raise PlanNotFoundError(path)
    if path.is_dir():
        raise NotAPlanError(path, "it is a folder")
    with open(path, "rb") as handle:
        header = handle.read(HEADER_SIZE)
    if not header:
        raise NotAPlanError(path, "the file is empty")
    if not header.startswith(SQLITE_HEADER):
        raise NotAPlanError(path, "not a SQLite database")
    if len(header) < HEADER_SIZE:
        raise DamagedPlanError(path, "the file is cut short")
    application_id = int.from_bytes(
        header[APPLICATION_ID_OFFSET : APPLICATION_ID_OFFSET + 4], "big"
    )
    if application_id != APPLICATION_ID:
        raise NotAPlanError(path, "a SQLite database of another application")

    # Without a write-ahead log beside it the file holds every transaction, and reading it as
    # immutable creates no -wal/-shm files next to a file we may be about to refuse.
    wal = path.with_name(path.name + "-wal")
    immutable = {} if wal.exists() else {"immutable": "1"}
    try:
        connection = sqlite3.connect(file_uri(path, mode="ro", **immutable), uri=True)
    except sqlite3.Error as error:
        raise DamagedPlanError(path, str(error)) from None
    try:
        check = connection.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise DamagedPlanError(path, "; ".join(str(row[0]) for row in check[:3]))
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise DamagedPlanError(path, str(error)) from None
    finally:
        connection.close()
    if row is None:
        raise DamagedPlanError(path, "it has no schema version")
    revision = str(row[0])
    if revision not in migrate.known_revisions():
        raise NewerPlanError(path, revision)
    return revision
