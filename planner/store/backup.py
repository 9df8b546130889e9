"""Copies of plan files made with SQLite's online backup API.

A file copy of a live WAL database can miss the latest transactions or tear a page; the backup
API copies a consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from planner.store.engine import file_uri


class CopyError(OSError):
    """The plan could not be copied; the message says why, in words."""


def backup_plan(source: Path, target: Path) -> Path:
    """Write a consistent copy of the plan at ``source`` to ``target`` (replaced if present).

    Raises:
        CopyError: the plan cannot be read, or the copy cannot be written.
    """
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        try:
            _copy(file_uri(source, mode="ro"), partial)
        except sqlite3.OperationalError:
            # On read-only media (a CD, a read-only share) SQLite cannot make the -shm file a
            # WAL plan is read with; read as immutable, it needs none.
            _copy_from_read_only_media(source, partial)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise CopyError(str(error)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


def _copy(uri: str, partial: Path) -> None:
    src = sqlite3.connect(uri, uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # The copy is a standalone file: no WAL beside it to lose.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _copy_from_read_only_media(source: Path, partial: Path) -> None:
    # Immutable reading ignores a -wal file: a plan with changes still in one cannot be read
    # where it is. Nor does it lock: a copy torn by a writer elsewhere is found and refused.
    wal = source.resolve().with_name(source.resolve().name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise CopyError(
            f"its latest changes are in {wal.name}, which cannot be read where it is (the "
            "folder is read-only); copy both files to a folder you can write to"
        )
    _copy(file_uri(source, mode="ro", immutable="1"), partial)
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
