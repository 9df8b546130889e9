"""Opening, creating and closing plan files, with the rules that keep them safe.

A plan file is refused, and left byte-for-byte untouched, when it is not a plan, is damaged or
was written by a newer version of the app. An older plan is upgraded after a backup beside it.
One instance edits a plan at a time; others may open it read-only.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

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
        detail = " ".join(detail.split())  # SQLite's integrity reports span lines
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
    # An older plan opened read-only is read from an upgraded copy in this folder.
    scratch: Path | None = None
    closed: bool = field(default=False, init=False)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.engine.dispose()
        forget_ids()  # its ids are not read again (another open plan's are read anew)
        if self.lock is not None:
            self.lock.release()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


def create_plan_file(path: Path) -> PlanFile:
    """Create a new plan file holding the current schema, open for editing."""
    path = Path(path)
    if path.exists():
        raise PlanExistsError(path)
    for folder in (path.parent, *path.parent.parents):
        if folder.exists() and not folder.is_dir():
            raise PlanFileError(f"{path}: {folder} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlanFileError(f"{path}: cannot make its folder ({error.strerror})") from None
    lock = _lock(path, "create a plan there")
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
            return _read_upgraded_copy(path)
        engine = create_plan_engine(path, read_only=True, immutable=_on_read_only_media(path))
        return PlanFile(path=path, engine=engine, read_only=True)

    lock = _lock(path, "open it for editing")
    try:
        plan = PlanFile(path=path, engine=create_plan_engine(path), read_only=False, lock=lock)
        if revision != migrate.head_revision():
            plan.backup = backup_plan(path, upgrade_backup_path(path))
            plan.upgraded_from = revision
            try:
                with plan.engine.begin() as connection:
                    migrate.upgrade(connection)
            except DBAPIError as error:  # rolled back: the file is as it was
                plan.engine.dispose()
                raise DamagedPlanError(path, str(error.orig)) from None
    except BaseException:
        lock.release()
        raise
    return plan


def _read_upgraded_copy(path: Path) -> PlanFile:
    """An older plan opened read-only: read from a copy upgraded in a temporary folder, so
    reading (a check, an export, a dry run, the app's read-only window) changes nothing of
    the file itself. The copy goes when the plan is closed."""
    scratch = Path(tempfile.mkdtemp(prefix="planner-read-"))
    try:
        copy = backup_plan(path, scratch / "plan.okrplan")
        engine = create_plan_engine(copy)
        try:
            with engine.begin() as connection:
                migrate.upgrade(connection)
        except DBAPIError as error:
            raise DamagedPlanError(path, str(error.orig)) from None
        finally:
            engine.dispose()
        reading = create_plan_engine(copy, read_only=True)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return PlanFile(path=path, engine=reading, read_only=True, scratch=scratch)


def _lock(path: Path, doing: str) -> PlanLock:
    """The plan's lock, held; a folder that refuses the lock file (read-only media, no right
    to write there) is said in words rather than as an OSError naming the lock file."""
    lock = PlanLock(path)
    try:
        lock.acquire()
    except LockedError:
        raise
    except OSError as error:
        raise PlanFileError(f"{path}: cannot {doing} ({error.strerror or error})") from None
    return lock


def _on_read_only_media(path: Path) -> bool:
    """Whether the plan must be read as immutable: its folder takes no new file (a CD, a
    read-only share or mount), so SQLite cannot make the ``-shm`` file a WAL plan needs.

    Immutable reading ignores a ``-wal`` file, so it is used only where there is none; a plan
    left there with one and no ``-shm`` beside it cannot be read at all, which is said.
    """
    if os.access(path.parent, os.W_OK):
        return False
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    if not wal.exists():
        return True
    if shm.exists():
        return False  # SQLite reads a WAL plan on read-only media when both files are there
    raise PlanFileError(
        f"{path}: its latest changes are in {wal.name}, which cannot be read where it is "
        "(the folder is read-only); copy both files to a folder you can write to"
    )


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
    immutable = {} if wal.exists() and not _on_read_only_media(path) else {"immutable": "1"}
    try:
        connection = sqlite3.connect(file_uri(path, mode="ro", **immutable), uri=True)
    except sqlite3.Error as error:
        raise DamagedPlanError(path, str(error)) from None
    try:
        check = connection.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise DamagedPlanError(path, "; ".join(str(row[0]) for row in check[:3]))
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None:
            raise DamagedPlanError(path, "it has no schema version")
        revision = str(row[0])
        if revision not in migrate.known_revisions():
            raise NewerPlanError(path, revision)
        if revision == migrate.head_revision():
            missing = _missing_schema(connection)
            if missing:
                raise DamagedPlanError(path, missing)
    except sqlite3.DatabaseError as error:
        raise DamagedPlanError(path, str(error)) from None
    finally:
        connection.close()
    return revision


def _missing_schema(connection: sqlite3.Connection) -> str | None:
    """What of the current schema's tables and columns the file lacks, in words; None when
    it has them all. A plan missing one would fail at its first read instead."""
    from planner.store.models import Base  # the schema; loaded with the services anyway

    for table in Base.metadata.sorted_tables:
        found = {row[1] for row in connection.execute(f'PRAGMA table_info("{table.name}")')}
        if not found:
            return f"the table {table.name} is missing"
        lacking = [column.name for column in table.columns if column.name not in found]
        if lacking:
            return f"the table {table.name} lacks the column {', '.join(lacking)}"
    return None
