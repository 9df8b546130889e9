"""Copies of plan files made with SQLite's online backup API.

A file copy of a live WAL database can miss the latest transactions or tear a page; the backup
API copies a consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from planner.store.engine import file_uri


def backup_plan(source: Path, target: Path) -> Path:
    """Write a consistent copy of the plan at ``source`` to ``target`` (replaced if present)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(file_uri(source, mode="ro"), uri=True)
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
    partial.replace(target)
    return target


def upgrade_backup_path(plan: Path, now: datetime | None = None) -> Path:
    """Where the copy made before upgrading ``plan`` goes: beside it, named by the time."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return plan.with_name(f"{plan.stem} (before upgrade {stamp}){plan.suffix}")
