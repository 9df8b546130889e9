"""Carrying unfinished objectives over to the next period: one undoable step."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from planner.services.carry_over import unfinished_objectives
from planner.ui.document import PlanDocument
from planner.ui.okr import CarryOverDialog, modal, open_carry_over


@pytest.fixture(autouse=True)
def no_exec(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    shown: list[QDialog] = []

    def run_dialog(dialog: QDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(modal, "run_dialog", run_dialog)
    return shown


def carry_dialog(qtbot: Any, document: PlanDocument) -> CarryOverDialog:
    dialog = CarryOverDialog(document)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def button(dialog: QDialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def test_copies_the_unfinished_objectives_into_the_next_period_with_undo(
    qtbot: Any, document: PlanDocument
):
    plan = document.plan
    current, following = plan.periods.list()
    assert document.period_id == current.id
    unfinished = unfinished_objectives(plan, current.id, document.today())
    dialog = carry_dialog(qtbot, document)

    assert dialog.chosen_objectives() == unfinished or set(dialog.chosen_objectives()) == set(
        unfinished
    )
    assert dialog.target.currentText() == following.name
    assert dialog.copy_mode.isChecked()
    assert not dialog.create_next.isVisible()
    qtbot.mouseClick(button(dialog, "Carry Over"), Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    copies = plan.objectives.list(period_id=following.id)
    originals = {plan.objectives.get(i).title for i in unfinished}
    assert {o.title for o in copies} == originals
    assert len(plan.objectives.list(period_id=current.id)) >= len(unfinished)  # kept
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert plan.objectives.list(period_id=following.id) == []


def test_move_takes_only_the_ticked_objectives(qtbot: Any, document: PlanDocument):
    plan = document.plan
    current, following = plan.periods.list()
    dialog = carry_dialog(qtbot, document)
    for row in range(1, dialog.objectives.count()):
        dialog.objectives.item(row).setCheckState(Qt.CheckState.Unchecked)
    chosen = dialog.chosen_objectives()
    assert len(chosen) == 1
    dialog.move_mode.setChecked(True)
    qtbot.mouseClick(button(dialog, "Carry Over"), Qt.MouseButton.LeftButton)
    assert plan.objectives.get(chosen[0]).period_id == following.id


def test_offers_to_create_the_next_period_when_there_is_none(qtbot: Any, document: PlanDocument):
    plan = document.plan
    current, following = plan.periods.list()
    document.set_period(following.id)
    document.attempt(lambda: plan.objectives.create(following.id, "Keep churn down"))
    dialog = carry_dialog(qtbot, document)
    assert dialog.create_next.isVisible()
    assert not dialog.target.isEnabled() and not button(dialog, "Carry Over").isEnabled()

    qtbot.mouseClick(dialog.create_next, Qt.MouseButton.LeftButton)
    created = plan.periods.list()[-1]
    assert created.start_date > following.end_date
    assert dialog.target.currentText() == created.name
    assert button(dialog, "Carry Over").isEnabled()


def test_nothing_chosen_is_refused_in_the_dialog(qtbot: Any, document: PlanDocument):
    dialog = carry_dialog(qtbot, document)
    for row in range(dialog.objectives.count()):
        dialog.objectives.item(row).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(button(dialog, "Carry Over"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.text() == "Objectives: choose at least one objective to carry over"
    assert document.undo_stack.count() == 0


def test_opening_goes_through_the_replaceable_exec(document: PlanDocument, no_exec: list[Any]):
    assert open_carry_over(None, document) is None
    assert len(no_exec) == 1 and isinstance(no_exec[0], CarryOverDialog)


def test_copying_again_asks_first_and_copies_nothing_unless_told(
    qtbot: Any, document: PlanDocument, dialogs: Any
):
    plan = document.plan
    current, following = plan.periods.list()
    first = carry_dialog(qtbot, document)
    qtbot.mouseClick(button(first, "Carry Over"), Qt.MouseButton.LeftButton)
    copies = len(plan.objectives.list(period_id=following.id))
    assert dialogs.questions == []  # nothing was there before the first copy
    again = carry_dialog(qtbot, document)
    qtbot.mouseClick(button(again, "Carry Over"), Qt.MouseButton.LeftButton)
    [(title, question)] = dialogs.questions
    assert title == "Copied Before"
    assert f"more are already in {following.name}: they were copied there before" in question
    assert again.result() != QDialog.DialogCode.Accepted
    assert len(plan.objectives.list(period_id=following.id)) == copies
    dialogs.yes = True
    qtbot.mouseClick(button(again, "Carry Over"), Qt.MouseButton.LeftButton)
    assert len(plan.objectives.list(period_id=following.id)) == 2 * copies
