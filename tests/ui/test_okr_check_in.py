"""The check-in dialog: what it asks, what it stores, and what it refuses (inline)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QPushButton

from planner.ui.document import PlanDocument
from planner.ui.okr import CheckInDialog, modal, open_check_in

DEMO = "Reduce time from sign-up to live demo from 24 h to 1 h"
TOUR = "Ship the guided first-timer tour"


@pytest.fixture(autouse=True)
def no_exec(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    shown: list[QDialog] = []

    def run_dialog(dialog: QDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(modal, "run_dialog", run_dialog)
    return shown


def key_result(document: PlanDocument, title: str) -> Any:
    return next(k for k in document.plan.key_results.list() if k.title == title)


def dialog_for(qtbot: Any, document: PlanDocument, title: str) -> CheckInDialog:
    dialog = CheckInDialog(document, key_result(document, title).id)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def check_in_button(dialog: CheckInDialog) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == "Check In")


def test_asks_for_the_value_today_with_the_latest_confidence(qtbot: Any, document: PlanDocument):
    dialog = dialog_for(qtbot, document, DEMO)
    assert dialog.on_date.date() == QDate(document.today())
    assert dialog.confidence.confidence() == 7
    assert "From 24 h to 1 h" in dialog.context.text()
    assert dialog.value.isVisible() and not dialog.done_choice.isVisible()
    assert not dialog.message.isVisible()


def test_a_check_in_cannot_be_dated_after_today(qtbot: Any, document: PlanDocument):
    dialog = dialog_for(qtbot, document, DEMO)
    before = document.plan.check_ins.count()
    qtbot.keyClicks(dialog.value, "6")
    dialog.on_date.setDate(QDate(2062, 11, 26))  # a slip of the keyboard
    qtbot.mouseClick(check_in_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == (
        "Date: 2062-11-26 is after today; a check-in records what was already measured"
    )
    assert document.plan.check_ins.count() == before
    assert "today or before" in dialog.on_date.toolTip()


@pytest.mark.parametrize(
    ("day", "months_back", "stored"), [(28, 1, date(2026, 11, 28)), (12, 0, date(2026, 12, 12))]
)
def test_a_day_typed_is_the_day_stored(
    qtbot: Any, document: PlanDocument, day: int, months_back: int, stored: date
):
    # A latest date on the field made Qt drop each digit that would pass it in the month
    # still shown: on 3 December, "28" then a month back gave 2 November, not the 28th.
    document.today = lambda: date(2026, 12, 3)  # type: ignore[method-assign]
    dialog = dialog_for(qtbot, document, DEMO)
    qtbot.keyClicks(dialog.value, "6")
    field = dialog.on_date
    field.setFocus(Qt.FocusReason.TabFocusReason)
    field.setSelectedSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClicks(field, str(day))
    field.setCurrentSection(QDateTimeEdit.Section.MonthSection)
    for _ in range(months_back):
        qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.mouseClick(check_in_button(dialog), Qt.MouseButton.LeftButton)
    if stored > document.today():
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "is after today" in dialog.message.text()
        return
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.message.text()
    assert document.plan.check_ins.get(dialog.created.id).on_date == stored


def test_a_check_in_is_stored_as_one_undoable_step(qtbot: Any, document: PlanDocument):
    dialog = dialog_for(qtbot, document, DEMO)
    result = key_result(document, DEMO)
    qtbot.keyClicks(dialog.value, "6")
    dialog.on_date.setDate(QDate(document.today() - timedelta(days=1)))
    qtbot.keyClicks(dialog.note, "Demo data preloaded")
    qtbot.mouseClick(check_in_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = document.plan.check_ins.get(dialog.created.id)
    assert (stored.key_result_id, stored.value, stored.note) == (
        result.id,
        6.0,
        "Demo data preloaded",
    )
    assert stored.on_date == document.today() - timedelta(days=1)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert all(c.id != stored.id for c in document.plan.check_ins.list(key_result_id=result.id))


@pytest.mark.parametrize(
    ("value", "confidence", "message"),
    [
        ("abc", "7", "Value: 'abc' is not a number"),
        ("", "7", "Value: is required"),
        ("6", "11", "Confidence: must be from 0 to 10 (got 11)"),
    ],
)
def test_bad_input_is_explained_in_the_dialog_and_nothing_is_stored(
    qtbot: Any, document: PlanDocument, value: str, confidence: str, message: str
):
    errors: list[str] = []
    document.error.connect(errors.append)
    result = key_result(document, DEMO)
    count = document.plan.check_ins.count(key_result_id=result.id)
    dialog = dialog_for(qtbot, document, DEMO)
    qtbot.keyClicks(dialog.value, value)
    dialog.confidence.lineEdit().selectAll()
    qtbot.keyClicks(dialog.confidence, confidence)
    qtbot.mouseClick(check_in_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.isVisible() and dialog.message.text() == message
    assert errors == []  # shown once, inline: no second message box from the window
    assert document.plan.check_ins.count(key_result_id=result.id) == count
    assert document.undo_stack.count() == 0


def test_the_confidence_arrows_stop_at_0_and_10(qtbot: Any, document: PlanDocument):
    dialog = dialog_for(qtbot, document, DEMO)
    dialog.confidence.setValue(9)
    dialog.confidence.stepBy(5)
    assert dialog.confidence.value() == 10
    dialog.confidence.stepBy(-20)
    assert dialog.confidence.confidence() is None  # below 0: "not stated"
    assert dialog.confidence.text() == "Not stated"


def test_a_milestone_is_checked_in_as_done_or_not_yet(qtbot: Any, document: PlanDocument):
    dialog = dialog_for(qtbot, document, TOUR)
    assert not dialog.value.isVisible()
    assert dialog.not_yet_choice.isChecked()
    dialog.done_choice.setChecked(True)
    assert dialog.preview.text() == "Progress with this value: 100 %"
    qtbot.mouseClick(check_in_button(dialog), Qt.MouseButton.LeftButton)
    assert document.plan.check_ins.get(dialog.created.id).value == 1.0


def test_opening_goes_through_the_replaceable_exec(
    qtbot: Any, document: PlanDocument, no_exec: list[QDialog]
):
    assert open_check_in(None, document, key_result(document, DEMO).id) is None
    assert len(no_exec) == 1 and isinstance(no_exec[0], CheckInDialog)
    assert document.undo_stack.count() == 0
