"""The periods dialog: inline edits, the next quarter, and refusals explained in place."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from planner.ui.document import PlanDocument
from planner.ui.okr import PeriodsDialog, modal, open_periods
from planner.ui.okr.periods import PeriodTableModel as P


@pytest.fixture(autouse=True)
def no_exec(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    shown: list[QDialog] = []

    def run_dialog(dialog: QDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(modal, "run_dialog", run_dialog)
    return shown


@pytest.fixture
def periods(qtbot: Any, document: PlanDocument) -> PeriodsDialog:
    dialog = PeriodsDialog(document)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def shown(dialog: PeriodsDialog) -> list[str]:
    return [dialog.model.index(row, P.NAME).data() for row in range(dialog.model.rowCount())]


def test_the_model_passes_the_model_tester(qtmodeltester: Any, periods: PeriodsDialog):
    qtmodeltester.check(periods.model)
    qtmodeltester.check(periods.model, force_py=True)


def test_lists_the_periods_with_their_dates_and_objectives(
    periods: PeriodsDialog, document: PlanDocument
):
    current, following = document.plan.periods.list()
    assert shown(periods) == [current.name, following.name]
    assert periods.model.index(0, P.START).data(Qt.ItemDataRole.EditRole) == QDate(
        current.start_date
    )
    assert int(periods.model.index(0, P.OBJECTIVES).data()) > 0
    assert periods.model.index(1, P.OBJECTIVES).data() == "0"


def test_an_end_before_the_start_is_refused_in_place(
    qtbot: Any, periods: PeriodsDialog, document: PlanDocument
):
    current = document.plan.periods.list()[0]
    earlier = current.start_date - timedelta(days=1)
    index = periods.model.index(0, P.END)
    assert periods.model.setData(index, QDate(earlier))
    qtbot.waitUntil(lambda: periods.message.isVisible())
    assert periods.message.text() == (
        f"End: {earlier.isoformat()} is before the start {current.start_date.isoformat()}"
    )
    assert document.plan.periods.get(current.id) == current
    assert document.undo_stack.count() == 0


def test_a_rename_is_stored_and_undone_with_ctrl_z(
    qtbot: Any, periods: PeriodsDialog, document: PlanDocument
):
    current = document.plan.periods.list()[0]
    periods.table.setFocus()
    periods.table.setCurrentIndex(periods.model.index(0, P.NAME))
    qtbot.keyClick(periods.table, Qt.Key.Key_F2)
    qtbot.keyClicks(periods.table.focusWidget(), "Autumn push")
    qtbot.keyClick(periods.table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.plan.periods.get(current.id).name == "Autumn push")
    assert shown(periods)[0] == "Autumn push"
    periods.undo_action.trigger()
    assert document.plan.periods.get(current.id).name == current.name


def test_add_next_quarter_and_delete_an_empty_period(
    qtbot: Any, periods: PeriodsDialog, document: PlanDocument
):
    following = document.plan.periods.list()[1]
    qtbot.mouseClick(periods.add_button, Qt.MouseButton.LeftButton)
    assert len(shown(periods)) == 3
    added = document.plan.periods.list()[-1]
    assert added.start_date == following.end_date + timedelta(days=1)
    assert periods.selected_period() == added.id
    qtbot.mouseClick(periods.delete_button, Qt.MouseButton.LeftButton)
    assert len(shown(periods)) == 2
    document.undo_stack.undo()
    assert len(shown(periods)) == 3


def test_a_period_holding_objectives_is_not_deleted(
    qtbot: Any, periods: PeriodsDialog, document: PlanDocument
):
    current = document.plan.periods.list()[0]
    periods.select(current.id)
    qtbot.mouseClick(periods.delete_button, Qt.MouseButton.LeftButton)
    assert periods.message.isVisible()
    assert periods.message.text().startswith(f"Period: '{current.name}' still holds ")
    assert periods.message.text().endswith("move or delete them first")
    assert document.plan.periods.get(current.id) == current


def test_opening_goes_through_the_replaceable_exec(document: PlanDocument, no_exec: list[Any]):
    open_periods(None, document)
    assert len(no_exec) == 1 and isinstance(no_exec[0], PeriodsDialog)
