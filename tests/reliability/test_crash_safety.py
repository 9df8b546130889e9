"""Killing the app mid-work loses nothing it reported as done, and leaves a sound file.

A child process makes a stream of edits (and an import), printing each edit's id as soon as
``Plan.apply`` has returned, that is, once the transaction is committed. The parent kills it
with SIGKILL at a random moment, then checks that every reported edit is in the file, that the
import is all or nothing, and that ``pragma integrity_check`` is ok.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.plans import copy_plan

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

EDITS = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from planner.services.plan import Plan

    plan = Plan.open(Path(sys.argv[1]))
    result = plan.key_results.list()[0]
    stage = plan.stages.list()[0]
    print("ready", flush=True)
    for number in range(100_000):
        if number % 2:
            edit = plan.apply(plan.check_ins.create(result.id, date(2026, 11, 1), number))
        else:
            edit = plan.apply(plan.teams.create(stage.id, f"Crash team {number}"))
        print(edit.id, flush=True)
    """
)

IMPORT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from planner.io import import_file
    from planner.services.plan import Plan

    plan = Plan.open(Path(sys.argv[1]))
    print("ready", flush=True)
    import_file(plan, Path(sys.argv[2]))
    print("imported", flush=True)
    """
)


def run_and_kill(script: str, args: list[str], after: float) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path.cwd(),
        env={**os.environ, "PYTHONPATH": str(Path.cwd())},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    lines, _ = child.communicate()
    return lines.split()


def ids_in(path: Path, table: str) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {row[0] for row in connection.execute(f"SELECT id FROM {table}")}  # noqa: S608
    finally:
        connection.close()


def integrity(path: Path) -> list[tuple[str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize("seed", range(4))
def test_every_edit_reported_done_survives_a_kill(
    sample_file: Path, tmp_path: Path, seed: int
) -> None:
    path = copy_plan(sample_file, tmp_path)
    reported = run_and_kill(EDITS, [str(path)], after=random.Random(seed).uniform(0.2, 1.2))
    assert reported, "the child made no edit before it was killed"
    stored = ids_in(path, "team") | ids_in(path, "check_in")
    # The database stores UUIDs as 32 hex digits.
    missing = [edit for edit in reported if edit.replace("-", "") not in stored]
    assert missing == []
    assert integrity(path) == [("ok",)]


@pytest.mark.parametrize("seed", range(3))
def test_an_import_killed_midway_is_all_or_nothing(
    sample_file: Path, tmp_path: Path, seed: int
) -> None:
    path = copy_plan(sample_file, tmp_path)
    sheet = tmp_path / "okrs.csv"
    rows = ["Team,Stage,Objective,Key result,Start,Target,Current,Unit"]
    rows += [
        f"Import team {n // 16},Activation,Objective {n // 4},Key result {n},0,{n + 1},{n / 2},%"
        for n in range(1600)
    ]
    sheet.write_text("\n".join(rows), encoding="utf-8")
    before = ids_in(path, "key_result")
    reported = run_and_kill(IMPORT, [str(path), str(sheet)], random.Random(seed).uniform(0.1, 2))
    after = ids_in(path, "key_result")
    if "imported" in reported:
        assert len(after - before) == 1600
    else:
        assert len(after - before) in (0, 1600)
    assert before <= after
    assert integrity(path) == [("ok",)]
