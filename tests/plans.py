"""Plans for tests: the sample organisation on a fixed day, copied fresh for each test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from planner.services.plan import Plan
from planner.services.sample import create_sample_plan

# A Monday 46 days into 2026 Q4: the sample has check-ins and notes, and the period is running.
SAMPLE_DAY = date(2026, 11, 16)


def make_sample_file(folder: Path) -> Path:
    path = folder / "sample.okrplan"
    create_sample_plan(path, today=SAMPLE_DAY).close()
    return path


def copy_plan(source: Path, folder: Path, name: str = "plan.okrplan") -> Path:
    """Copy a closed plan file (no write-ahead log beside it, so a file copy is complete)."""
    target = folder / name
    shutil.copyfile(source, target)
    return target


def open_copy(source: Path, folder: Path, name: str = "plan.okrplan") -> Plan:
    return Plan.open(copy_plan(source, folder, name))


T = TypeVar("T")


def read_afresh(path: Path, read: Callable[[Plan], T]) -> T:
    """What ``read`` finds in a second, read-only opening of the plan at ``path``: nothing
    kept from the first one's reads."""
    plan = Plan.open(path, read_only=True)
    try:
        return read(plan)
    finally:
        plan.close()


def make_older(path: Path, revision: str = "0001") -> Path:
    """Turn the plan at ``path`` into one an older version of the app wrote (schema
    ``revision``), all of it in the main file as an app that closed it leaves it."""
    from planner.store import migrate
    from planner.store.planfile import open_plan_file

    plan = open_plan_file(path)
    try:
        with plan.engine.begin() as connection:
            migrate.downgrade(connection, revision)
        with plan.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        plan.close()
    return path
