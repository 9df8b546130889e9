"""Copies of plan files made with SQLite's online backup API.

A file copy of a live WAL database can miss the latest transactions or tear a page; the backup
API copies a consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from planner.store.engine import error_code, file_uri, log_files


class CopyError(OSError):
    """The plan could not be copied; the message says why, in words."""


def backup_plan(source: Path, target: Path) -> Path:
    """Write a consistent copy of the plan at ``source`` to ``target`` (replaced if present).

    Raises:
        CopyError: the plan cannot be read, or the copy cannot be written.
    """

    def fill(partial: Path) -> None:
        # Decided before the copy, so that a failure to write the copy (a full disk, a folder
        # gone) is said as that, never blamed on where the plan is.
        in_place = readable_in_place(source)
        if not in_place:
            _refuse_unreadable_wal(source)
        uri = file_uri(source, mode="ro", **({} if in_place else {"immutable": "1"}))
        src = sqlite3.connect(uri, uri=True)
        try:
            _copy(src, partial)
        finally:
            src.close()
        if not in_place:
            _check_copy(partial)

    return _write_copy(target, fill)


def backup_connection(source: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent copy of the database ``source`` has open to ``target``.

    Raises:
        CopyError: the copy cannot be written.
    """
    return _write_copy(target, lambda partial: _copy(source, partial))


def _write_copy(target: Path, fill: Callable[[Path], None]) -> Path:
    """``fill`` a file beside ``target``, then put it in ``target``'s place: all or nothing."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        fill(partial)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise CopyError(str(error)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    # A -wal or -shm left beside the file replaced (by an app that crashed with it open)
    # belongs to that file: read with the copy, it would damage it.
    for leftover in log_files(target):
        leftover.unlink(missing_ok=True)
    partial.replace(target)
    return target


def readable_in_place(path: Path) -> bool:
    """Whether SQLite can read the plan where it is, as a reader beside its editors: not on
    read-only media (a CD, a read-only share), where it cannot make the -shm file a WAL plan
    is read with. Other failures are left to the reading itself to report."""
    try:
        connection = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        return error_code(error) != sqlite3.SQLITE_CANTOPEN
    return True


def _copy(src: sqlite3.Connection, partial: Path) -> None:
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        # The copy is a standalone file: no WAL beside it to lose.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()


def _refuse_unreadable_wal(source: Path) -> None:
    # Read-only media are read as immutable, which ignores a -wal file: a plan with changes
    # still in one cannot be read where it is.
    wal, _ = log_files(source)
    if wal.exists() and wal.stat().st_size > 0:
        raise CopyError(
            f"its latest changes are in {wal.name}, which cannot be read where it is (the "
            "folder is read-only); copy both files to a folder you can write to"
        )


def _check_copy(partial: Path) -> None:
    # Immutable reading takes no lock: a copy torn by a writer elsewhere is found and refused.
    check = sqlite3.connect(partial)
    try:
        sound = check.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        check.close()
    if not sound:
        raise CopyError("it changed while it was being read; try again")


def upgrade_backup_path(plan: Path, now: datetime | None = None) -> Path:
    """Where the copy made before upgrading ``plan`` goes: beside it, named by the time."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return plan.with_name(f"{plan.stem} (before upgrade {stamp}){plan.suffix}")
