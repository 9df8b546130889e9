"""A plan file moved, deleted or replaced while open: nothing more is written, nothing is
damaged, and what is open can still be kept as a copy. And the plan's own refusals say why."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.services.newplan import create_plan
from planner.services.plan import EditError, Plan
from planner.store.lock import PlanLock, is_held, lock_path


def integrity(path: Path) -> list[tuple[str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchall()


def rename(path: Path) -> Path | None:
    moved = path.with_name("renamed.okrplan")
    path.rename(moved)
    return moved


def delete(path: Path) -> Path | None:
    path.unlink()
    return None


def replace(path: Path) -> Path | None:
    # A sync client puts another plan in its place: one without its last changes.
    other = path.with_name("other.okrplan")
    with create_plan(other, "Theirs") as theirs:
        theirs.apply(theirs.stages.create("Their stage"))
    os.replace(other, path)
    return path


@pytest.mark.parametrize("move", [rename, delete, replace])
def test_no_edit_is_written_once_the_file_has_moved_and_a_copy_keeps_them_all(
    sample_plan: Plan, tmp_path: Path, move: Callable[[Path], Path | None]
) -> None:
    path = sample_plan.path
    team = sample_plan.teams.list()[0]
    sample_plan.apply(sample_plan.teams.update(team.id, mission="Before the move"))
    now_there = move(path)
    with pytest.raises(EditError, match="was moved, renamed, deleted or replaced since it was"):
        sample_plan.apply(sample_plan.teams.update(team.id, mission="After the move"))
    assert sample_plan.teams.get(team.id).mission == "Before the move"
    if now_there is None:
        assert not path.exists()  # no empty plan started where it was
    else:
        assert integrity(now_there) == [("ok",)]
    kept = sample_plan.file.copy_to(tmp_path / "kept.okrplan")
    sample_plan.close()
    with Plan.open(kept) as copy:
        assert copy.teams.get(team.id).mission == "Before the move"
        assert len(copy.teams.list()) == 6
    if move is rename:  # the changes made before it went with the file
        assert now_there is not None
        with Plan.open(now_there) as moved:
            assert moved.teams.get(team.id).mission == "Before the move"
    if now_there is not None:
        assert integrity(now_there) == [("ok",)]
    if move is replace:  # the plan put there is as it was put there
        with Plan.open(path, read_only=True) as theirs:
            assert theirs.info.current().name == "Theirs"
            assert "Their stage" in {stage.name for stage in theirs.stages.list()}


@pytest.mark.parametrize("move", [rename, replace])
@pytest.mark.parametrize("made", ["opened", "created"])
def test_a_plan_moved_and_then_closed_keeps_its_changes_and_harms_no_other(
    sample_file: Path, tmp_path: Path, move: Callable[[Path], Path | None], made: str
) -> None:
    path = tmp_path / "plan.okrplan"
    if made == "opened":
        shutil.copyfile(sample_file, path)
        plan = Plan.open(path)
    else:  # everything it holds is still in its log
        plan = create_plan(path, "Ours")
        plan.apply(plan.stages.create("Our stage"))
    stage = plan.stages.list()[0]
    plan.apply(plan.stages.update(stage.id, name="Renamed before the move"))
    moved = tmp_path / "renamed.okrplan"
    if move is rename:
        path.rename(moved)
    else:
        os.link(path, moved)  # keep the file opened reachable, to look at afterwards
        replace(path)
    plan.stages.list()  # a read after the move, as the window's views make
    plan.close()  # no edit in between: closing alone must keep the change
    assert integrity(moved) == [("ok",)]
    with Plan.open(moved, read_only=True) as kept:
        assert kept.stages.get(stage.id).name == "Renamed before the move"
    if move is replace:
        assert integrity(path) == [("ok",)]
        with Plan.open(path, read_only=True) as theirs:
            assert theirs.info.current().name == "Theirs"


def test_a_full_plan_file_says_so(sample_plan: Plan) -> None:
    with sample_plan.file.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
    stage = sample_plan.stages.list()[0].id
    with pytest.raises(EditError) as refused:
        for number in range(200):
            sample_plan.apply(sample_plan.teams.create(stage, f"Team {number}", "x" * 2000))
    assert str(refused.value) == "the plan file refused the change (database or disk is full)"


def test_a_copy_over_a_crashed_plan_drops_its_leftover_files(
    sample_plan: Plan, sample_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "target.okrplan"
    shutil.copyfile(sample_file, target)
    # What an app killed with the target open leaves beside it: its log, its index, its lock.
    with Plan.open(target) as crashed:
        crashed.apply(crashed.teams.update(crashed.teams.list()[0].id, name="Crashed"))
        shutil.copyfile(target.with_name(target.name + "-wal"), tmp_path / "wal")
        shutil.copyfile(target.with_name(target.name + "-shm"), tmp_path / "shm")
    shutil.copyfile(tmp_path / "wal", target.with_name(target.name + "-wal"))
    shutil.copyfile(tmp_path / "shm", target.with_name(target.name + "-shm"))
    lock_path(target).write_text('{"pid": 999999, "host": "here", "since": "then"}')
    assert not is_held(target)  # no process holds it

    sample_plan.apply(sample_plan.teams.update(sample_plan.teams.list()[0].id, name="Kept"))
    sample_plan.file.copy_to(target)
    assert integrity(target) == [("ok",)]
    with Plan.open(target) as copy:
        names = {t.name for t in copy.teams.list()}
        assert "Crashed" not in names and "Kept" in names


def test_a_lock_held_by_a_running_instance_is_held(sample_file: Path, tmp_path: Path) -> None:
    plan = tmp_path / "held.okrplan"
    shutil.copyfile(sample_file, plan)
    lock = PlanLock(plan)
    lock.acquire()
    try:
        assert is_held(plan)
    finally:
        lock.release()
    assert not is_held(plan)
