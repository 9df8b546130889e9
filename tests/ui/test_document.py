"""PlanDocument and EditCommand: every edit is one undoable step; a refused one leaves none."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack

from planner.services.edits import Update
from planner.services.plan import Changes, EditError, Plan
from planner.ui.commands import EditCommand
from planner.ui.document import PlanDocument


def test_push_applies_and_undo_redo_revert_and_reapply(qtbot: Any, document: PlanDocument):
    team = document.plan.teams.list()[0]
    with qtbot.waitSignal(document.changed) as signal:
        assert document.push(document.plan.teams.update(team.id, name="Growth"))
    changes = signal.args[0]
    assert isinstance(changes, Changes) and changes.touches("team") and not changes.undone
    assert document.plan.teams.get(team.id).name == "Growth"
    assert document.undo_stack.undoText() == f"Rename team '{team.name}'"

    with qtbot.waitSignal(document.changed) as signal:
        document.undo_stack.undo()
    assert signal.args[0].undone
    assert document.plan.teams.get(team.id).name == team.name

    document.undo_stack.redo()
    assert document.plan.teams.get(team.id).name == "Growth"


def test_a_refused_value_is_reported_and_pushes_nothing(qtbot: Any, document: PlanDocument):
    team = document.plan.teams.list()[0]
    with qtbot.waitSignal(document.error) as signal:
        result = document.attempt(lambda: document.plan.teams.update(team.id, name="  "))
    assert result is None
    assert signal.args == ["Team name: is required"]
    assert document.undo_stack.count() == 0
    assert document.plan.teams.get(team.id).name == team.name


def test_an_edit_the_plan_refuses_leaves_no_command(qtbot: Any, document: PlanDocument):
    ghost = Update("team", uuid.uuid4(), {"name": "A"}, {"name": "B"}, "Rename team 'A'")
    with qtbot.waitSignal(document.error) as signal:
        assert not document.push(ghost)
    assert "Could not rename team 'A'" in signal.args[0]
    assert document.undo_stack.count() == 0
    assert not document.undo_stack.canUndo()


def test_a_view_that_fails_to_show_an_edit_keeps_it_undoable(qtbot: Any, document: PlanDocument):
    # The edit is saved before the views hear of it: a view's failure is reported as the
    # unexpected error it is, and the edit stays on the undo stack, not dropped.
    team = document.plan.teams.list()[0]

    def broken_view(_changes: object) -> None:
        raise RuntimeError("a view could not show it")

    stop = document.plan.subscribe(broken_view)
    with qtbot.captureExceptions() as raised:
        assert document.push(document.plan.teams.update(team.id, name="Growth"))
    stop()
    assert [str(error) for _kind, error, _trace in raised] == ["a view could not show it"]
    assert document.plan.teams.get(team.id).name == "Growth"
    assert document.undo_stack.undoText() == f"Rename team '{team.name}'"
    document.undo_stack.undo()
    assert document.plan.teams.get(team.id).name == team.name


class _BrokenPlan:
    """A plan whose apply fails in a way no one planned for."""

    def apply(self, edit: Any) -> Any:
        raise RuntimeError("disk on fire")

    def revert(self, edit: Any) -> Any:
        raise RuntimeError("disk on fire")


def test_edit_command_whose_redo_raises_becomes_obsolete_and_reports(qtbot: Any):
    reports: list[str] = []
    edit = Update("team", uuid.uuid4(), {"name": "A"}, {"name": "B"}, "Rename team 'A'")
    command = EditCommand(_BrokenPlan(), edit, reports.append)  # type: ignore[arg-type]
    command.redo()
    assert command.isObsolete()
    assert reports == ["Could not rename team 'A': RuntimeError: disk on fire"]

    stack = QUndoStack()
    stack.push(EditCommand(_BrokenPlan(), edit, reports.append))  # type: ignore[arg-type]
    assert stack.count() == 0  # dropped: nothing to undo that never happened
    assert len(reports) == 2


def test_a_failing_undo_drops_the_command_and_reports(qtbot: Any, document: PlanDocument):
    team = document.plan.teams.list()[0]
    assert document.push(document.plan.teams.update(team.id, name="Growth"))
    document.plan.apply(document.plan.teams.delete(team.id))  # behind the stack's back
    with qtbot.waitSignal(document.error) as signal:
        document.undo_stack.undo()
    assert signal.args[0].startswith("Could not undo rename team")
    assert document.undo_stack.count() == 0


def test_an_undo_or_redo_the_disk_refuses_stays_in_the_history_to_try_again(
    qtbot: Any, document: PlanDocument, monkeypatch: pytest.MonkeyPatch
):
    plan, stack = document.plan, document.undo_stack
    team = plan.teams.list()[0]
    assert document.push(plan.teams.update(team.id, name="Growth"))
    assert document.push(plan.teams.update(team.id, mission="Grow"))
    full = EditError("the plan file refused the change (database or disk is full)", True)

    def refuse(_edit: Any) -> Any:
        raise full

    for step, other in ((stack.undo, "revert"), (stack.redo, "apply")):
        if step == stack.redo:
            stack.undo()  # the mission change undone, to be redone
        before = (stack.index(), plan.teams.get(team.id))
        with monkeypatch.context() as patched:
            patched.setattr(plan, other, refuse)
            for _ in range(2):  # pressed twice in a row (a key's auto-repeat)
                with qtbot.waitSignal(document.error) as signal:
                    step()
                assert "database or disk is full" in signal.args[0]
                assert stack.index() == before[0]  # back at once, before any other event
        assert plan.teams.get(team.id) == before[1] and stack.count() == 2
    stack.redo()  # once there is room, the steps work again
    assert plan.teams.get(team.id).mission == "Grow"
    stack.undo()
    stack.undo()
    assert plan.teams.get(team.id).name == team.name and stack.index() == 0


def test_read_only_document_refuses_edits(qtbot: Any, sample_path: Path):
    plan = Plan.open(sample_path, read_only=True)
    document = PlanDocument(plan)
    try:
        team = plan.teams.list()[0]
        with qtbot.waitSignal(document.error):
            assert document.attempt(lambda: plan.teams.update(team.id, name="X")) is None
        assert plan.teams.get(team.id).name == team.name
    finally:
        document.close()


def test_period_defaults_to_the_running_one_else_the_latest(qtbot: Any, plan: Plan):
    periods = plan.periods.list()
    running = PlanDocument(plan, today=lambda: periods[0].start_date)
    assert running.period_id == periods[0].id
    later = PlanDocument(plan, today=lambda: date(2999, 1, 1))
    assert later.period_id == periods[-1].id
    assert later.progress() is not None and later.progress().period_id == periods[-1].id


def test_set_period_announces_it_and_progress_follows(qtbot: Any, document: PlanDocument):
    other = next(p for p in document.plan.periods.list() if p.id != document.period_id)
    with qtbot.waitSignal(document.period_changed) as signal:
        document.set_period(other.id)
    assert signal.args == [other.id]
    progress = document.progress()
    assert progress is not None and progress.period_id == other.id


def test_close_releases_the_plan(qtbot: Any, sample_path: Path, document: PlanDocument):
    document.close()
    document.close()  # twice is harmless
    Plan.open(sample_path).close()  # not locked any more
