"""Opening, creating and closing plan files, with the rules that keep them safe.

A plan file is refused, and left byte-for-byte untouched, when it is not a plan, is damaged or
was written by a newer version of the app. An older plan is upgraded after a backup beside it.
One instance edits a plan at a time; others may open it read-only.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError

from planner.store import migrate
from planner.store.backup import (
    backup_connection,
    backup_plan,
    readable_in_place,
    upgrade_backup_path,
)
from planner.store.engine import (
    APPLICATION_ID,
    create_plan_engine,
    error_code,
    file_uri,
    log_files,
)
from planner.store.lock import LockedError, PlanLock, lock_path
from planner.store.types import forget_ids

log = logging.getLogger(__name__)

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
    "PlanMovedError",
    "PlanNotFoundError",
    "ReadOnlyPlaceError",
    "create_plan_file",
    "is_part_of_plan",
    "is_place_error",
    "refuse_target",
    "why_refused",
    "open_plan_file",
]


class PlanFileError(Exception):
    """A plan file cannot be opened; the message says why, for the person who chose it."""


class PlanMovedError(PlanFileError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: the plan file was moved, renamed, deleted or replaced since it was "
            "opened, so nothing more can be saved to it; save a copy to keep the plan as it "
            "is here"
        )


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


class ReadOnlyPlaceError(PlanFileError):
    """The plan's folder takes no file (read-only media, no right to write there), or the
    file has a second name: it can be read, not edited."""

    def __init__(self, path: Path, doing: str, reason: str) -> None:
        super().__init__(f"{path}: cannot {doing} ({reason})")


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
    # The file opened for editing, as the system knows it (device, inode): watch_identity().
    identity: tuple[int, int] | None = None
    closed: bool = field(default=False, init=False)

    def ensure_in_place(self) -> None:
        """Raise :class:`PlanMovedError` when the file at ``path`` is no longer the one opened
        for editing: moved, renamed or deleted (by a file manager, a sync client), or
        replaced by another file.

        SQLite goes on writing to the file it opened, wherever it now is, but finds its
        write-ahead log by name: changes made after such a move are lost, or damage the
        file now at the path. So nothing more is written; what is open can still be copied
        (:meth:`copy_to`)."""
        if self._moved():
            self._write_back()
            raise PlanMovedError(self.path)

    def _moved(self) -> bool:
        return self.identity is not None and _identity(self.path) != self.identity

    def _write_back(self) -> None:
        """Move the changes still in the write-ahead log into the file that was opened,
        wherever it is now (SQLite writes through the handle it holds), and empty the log.

        Left where it is, the log would be read as the latest changes of whatever file is
        at the path now (damaging a file put in its place), and a renamed plan would lack
        them for good."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:  # noqa: BLE001 - the refusal that follows says what matters
            log.warning("cannot write back the moved plan %s", self.path, exc_info=True)

    def watch_identity(self) -> None:
        """Remember which file is open for editing, and refuse any later connection to a
        file at the path that is not it (see :meth:`ensure_in_place`)."""
        self.identity = identity = _identity(self.path)

        # Before SQLite opens anything: once opened, a connection would set its pragmas on
        # the file now at the path, and on closing write the old log into it.
        @event.listens_for(self.engine, "do_connect")
        def _same_file(*_args: object) -> None:
            if _identity(self.path) != identity:
                raise PlanMovedError(self.path)

    def copy_to(self, target: Path) -> Path:
        """Write a consistent copy of the open plan to ``target`` (replaced if present) from
        the connection that has it open, so even a plan whose file was moved can be kept."""
        with self.engine.connect() as connection:
            source = connection.connection.driver_connection
            assert isinstance(source, sqlite3.Connection)  # the engine's driver is sqlite3
            return backup_connection(source, target)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self._moved():
            # SQLite does not write the log back on closing a moved file: done here, or the
            # changes since the last write-back stay in a log beside no file of theirs.
            self._write_back()
        self.engine.dispose()
        forget_ids()  # its ids are not read again (another open plan's are read anew)
        if self.lock is not None:
            self.lock.release()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


def is_part_of_plan(candidate: Path, plan: Path) -> bool:
    """Whether writing a file at ``candidate`` would overwrite the plan at ``plan`` or a file
    kept beside it (SQLite's -wal and -shm, the lock): by the same name, another spelling of
    it, a link to it or a hard link.

    An export or a printout written there would destroy the plan, or (the -wal) be read as
    its latest changes."""
    candidate = Path(candidate)
    for part in (plan, *_companions(plan)):
        if os.path.realpath(candidate) == os.path.realpath(part):
            return True
        try:
            if os.path.samefile(candidate, part):
                return True
        except OSError:  # either is missing or unreadable: no file to be the same as
            continue
    return False


def refuse_target(path: Path, plan: Path, named: bool = True) -> None:
    """Raise an OSError saying why no file can be written at ``path`` for the plan at
    ``plan`` (an export, a printout): it is the plan itself or a file kept beside it, its
    folder is missing or is a file, or a folder has its name. ``named``: the message starts
    with ``path``; without, the caller names it."""
    said = f"{path}: " if named else ""
    if is_part_of_plan(path, plan):
        raise OSError(f"{said}that would overwrite the plan itself; choose another name")
    if not path.parent.exists():
        raise FileNotFoundError(f"{path.parent}: no such folder")
    if not path.parent.is_dir():
        raise NotADirectoryError(f"{path.parent}: a file, not a folder")
    if path.is_dir():
        raise IsADirectoryError(f"{said}a folder has that name")


def _companions(plan: Path) -> tuple[Path, ...]:
    """The files kept beside the plan itself, by SQLite and the lock."""
    return (*log_files(plan), lock_path(plan))


# Below this much room, a write SQLite calls a "disk I/O error" is most likely the disk full.
NEARLY_FULL = 1 << 20


def why_refused(error: BaseException, path: Path) -> str:
    """SQLite's reason for refusing a write to the plan at ``path``, in its words, and the
    likely cause where its words hide it: a full disk makes a "disk I/O error" when the
    -shm file cannot grow."""
    reason = str(getattr(error, "orig", None) or error) or error.__class__.__name__
    try:
        room = shutil.disk_usage(path.parent).free
    except OSError:
        return reason
    if room < NEARLY_FULL and "full" not in reason:
        return f"{reason}; the disk is full"
    return reason


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


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
    engine = create_plan_engine(path, create=True)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            migrate.upgrade(connection)
        # The header (with the application id) must reach the main file now: it is read
        # straight from disk to recognise a plan without opening it.
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException as error:
        engine.dispose()
        lock.release()
        for part in (path, *log_files(path)):
            part.unlink(missing_ok=True)
        if isinstance(error, DBAPIError):  # a full disk, above all
            reason = why_refused(error, path)
            raise PlanFileError(f"{path}: cannot create a plan there ({reason})") from None
        raise
    plan = PlanFile(path=path, engine=engine, read_only=False, lock=lock)
    plan.watch_identity()
    return plan


def open_plan_file(path: Path, read_only: bool = False) -> PlanFile:
    """Open an existing plan, upgrading an older one after a backup.

    Raises:
        PlanFileError: the file is missing, not a plan, damaged or newer than this app.
        LockedError: another instance has it open for editing (not raised when read-only).
    """
    path = Path(path)
    revision = inspect_plan_file(path)
    if read_only:
        older = revision != migrate.head_revision()
        if older or not readable_in_place(path):
            return _read_copy(path, upgrade=older)
        reading = PlanFile(
            path=path, engine=create_plan_engine(path, read_only=True), read_only=True
        )
        _first_read(reading)
        return reading

    _refuse_second_name(path, "open it for editing")
    lock = _lock(path, "open it for editing")
    try:
        plan = PlanFile(path=path, engine=create_plan_engine(path), read_only=False, lock=lock)
        plan.watch_identity()
        _first_read(plan)
        if revision != migrate.head_revision():
            try:
                plan.backup = backup_plan(path, upgrade_backup_path(path))
            except OSError as error:
                plan.engine.dispose()
                raise PlanFileError(
                    f"{path}: cannot make the copy kept before upgrading it ({error}); "
                    "it was left untouched"
                ) from None
            plan.upgraded_from = revision
            try:
                _upgrade(plan.engine, path)
            except DamagedPlanError:
                plan.engine.dispose()
                raise
    except BaseException:
        lock.release()
        raise
    return plan


def _first_read(plan: PlanFile) -> None:
    """Read the plan once through its engine: what its first view would meet where it cannot
    be read as it is opened (no room for the -shm file of its write-ahead log) is refused
    here, in words, rather than by a view."""
    try:
        with plan.engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar()
    except DBAPIError as error:
        plan.engine.dispose()
        raise _unreadable(error.orig or error, plan.path) from None


def _upgrade(engine: Engine, path: Path) -> None:
    """Bring the plan behind ``engine`` to the current schema, in one transaction: a plan
    too damaged to upgrade is refused as damaged (named by ``path``), and left as it was."""
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
    except DBAPIError as error:
        raise DamagedPlanError(path, str(error.orig)) from None


def _read_copy(path: Path, upgrade: bool) -> PlanFile:
    """A plan opened read-only that cannot be read where it is: read from a copy in a
    temporary folder, removed when the plan is closed.

    That is an older plan (``upgrade``: the copy is upgraded, so reading never changes the
    file itself), or a plan SQLite cannot read in place (on read-only media it cannot make
    the -shm file a WAL plan is read with). The copy is the plan as it was when opened.
    """
    _sweep_scratch()
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
    try:
        (scratch / "owner").write_text(str(os.getpid()), encoding="ascii")
        try:
            copy = backup_plan(path, scratch / "plan.okrplan")
        except OSError as error:
            raise PlanFileError(f"{path}: cannot read it ({error})") from None
        if upgrade:
            engine = create_plan_engine(copy)
            try:
                _upgrade(engine, path)
            finally:
                engine.dispose()
        reading = create_plan_engine(copy, read_only=True)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return PlanFile(path=path, engine=reading, read_only=True, scratch=scratch)


SCRATCH_PREFIX = "planner-read-"


def _sweep_scratch() -> None:
    """Remove the copies an app that ended without closing its plans left behind (a crash, a
    kill): a copy is as large as its plan. Where a process cannot be asked whether it still
    runs (Windows), the system's own cleaning of temporary files does it."""
    if os.name != "posix":
        return
    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        try:
            owner = int((folder / "owner").read_text(encoding="ascii"))
            os.kill(owner, 0)  # signal 0 only asks whether it runs
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):
            continue  # another user's, being made, or not ours to judge


def _refuse_second_name(path: Path, doing: str) -> None:
    """A plan file with a second name (a hard link) is not edited: the lock and SQLite's log
    are kept beside a name, so two windows, one per name, would both write to the one file.
    It can still be read, as a plan on a disk that takes no change."""
    try:
        names = os.stat(path).st_nlink
    except OSError:
        return  # opening it says what is wrong
    if names > 1:
        reason = (
            "the file has another name, a hard link, "
            "and two windows editing it under two names would damage it"
        )
        raise ReadOnlyPlaceError(path, doing, reason)


def _lock(path: Path, doing: str) -> PlanLock:
    """The plan's lock, held; a folder that refuses the lock file (read-only media, no right
    to write there) is said in words rather than as an OSError naming the lock file."""
    lock = PlanLock(path)
    try:
        lock.acquire()
    except LockedError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise ReadOnlyPlaceError(path, doing, reason) from None
        raise PlanFileError(f"{path}: cannot {doing} ({reason})") from None
    return lock


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
    # immutable creates no -wal/-shm files next to a file we may be about to refuse. With one
    # on read-only media, where it cannot be read, the header and schema still can be.
    wal, _ = log_files(path)
    immutable = not wal.exists() or not readable_in_place(path)
    try:
        parameters = {"immutable": "1"} if immutable else {}
        connection = sqlite3.connect(file_uri(path, mode="ro", **parameters), uri=True)
    except sqlite3.Error as error:
        raise _unreadable(error, path) from None
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
        raise _unreadable(error, path) from None
    finally:
        connection.close()
    return revision


# SQLite's errors that say where the plan is cannot be read or written now, not that it is
# damaged or the change wrong: no room (a full disk), the file busy elsewhere, no memory.
_PLACE_ERRORS = {
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_NOMEM,
    sqlite3.SQLITE_LOCKED,
}


def is_place_error(error: BaseException) -> bool:
    """Whether SQLite's ``error`` is about where the plan is, and so may pass."""
    return error_code(error) in _PLACE_ERRORS


def _unreadable(error: BaseException, path: Path) -> PlanFileError:
    if is_place_error(error):
        reason = why_refused(error, path)
        return PlanFileError(f"{path}: cannot read it here ({reason}); it was left untouched")
    return DamagedPlanError(path, str(error))


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
