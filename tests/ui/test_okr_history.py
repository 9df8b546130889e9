"""A key result's history: its check-ins edited in place, and the trend chart."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from planner.ui.document import PlanDocument
from planner.ui.okr import KeyResultHistory, modal
from planner.ui.okr.history import CheckInTableModel as T
from tests.ui.conftest import tab_leaves

DEMO = "Reduce time from sign-up to live demo from 24 h to 1 h"


@pytest.fixture(autouse=True)
def no_exec(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    shown: list[QDialog] = []

    def run_dialog(dialog: QDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(modal, "run_dialog", run_dialog)
    return shown


@pytest.fixture
def demo(document: PlanDocument) -> Any:
    return next(k for k in document.plan.key_results.list() if k.title == DEMO)


@pytest.fixture
def history(qtbot: Any, document: PlanDocument, demo: Any) -> KeyResultHistory:
    widget = KeyResultHistory()
    qtbot.addWidget(widget)
    widget.resize(1280, 600)
    widget.set_document(document)
    widget.set_key_result(demo.id)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def shown_rows(history: KeyResultHistory) -> list[list[str]]:
    model = history.model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_model_passes_the_model_tester(qtmodeltester: Any, history: KeyResultHistory):
    qtmodeltester.check(history.model)
    qtmodeltester.check(history.model, force_py=True)


def test_lists_the_check_ins_newest_first(history: KeyResultHistory, document: PlanDocument):
    stored = document.plan.check_ins.list(key_result_id=history.model.rows()[0].key_result_id)
    assert [row[1] for row in shown_rows(history)] == [f"{c.value:g} h" for c in stored][::-1]
    assert history.title.text() == DEMO
    assert "24 → 1 h" in history.subtitle.text()


def test_a_value_is_edited_in_place_and_undone(
    qtbot: Any, history: KeyResultHistory, document: PlanDocument
):
    newest = history.model.rows()[0]
    index = history.model.index(0, T.VALUE)
    history.table.setFocus()
    history.table.setCurrentIndex(index)
    qtbot.keyClick(history.table, Qt.Key.Key_F2)
    edit = history.table.findChild(QLineEdit)
    assert edit is not None
    edit.selectAll()
    qtbot.keyClicks(edit, "9,5")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.plan.check_ins.get(newest.id).value == 9.5)
    assert shown_rows(history)[0][1] == "9.5 h"
    document.undo_stack.undo()
    assert document.plan.check_ins.get(newest.id).value == newest.value


def test_a_refused_value_is_explained_under_the_table(
    history: KeyResultHistory, document: PlanDocument
):
    newest = history.model.rows()[0]
    assert not history.update_check_in(newest.id, {"value": "lots"})
    assert history.message.isVisible()
    assert history.message.text() == "Value: 'lots' is not a number"
    assert not history.update_check_in(newest.id, {"confidence": 11})
    assert history.message.text() == "Confidence: must be from 0 to 10 (got 11)"
    tomorrow = document.today() + timedelta(days=1)
    assert not history.update_check_in(newest.id, {"on_date": tomorrow})
    assert history.message.text() == (
        f"Date: {tomorrow.isoformat()} is after today; a check-in records what was already measured"
    )
    assert document.plan.check_ins.get(newest.id) == newest
    assert document.undo_stack.count() == 0


def test_delete_removes_the_selected_check_in_with_undo(
    qtbot: Any, history: KeyResultHistory, document: PlanDocument, demo: Any
):
    before = len(history.model.rows())
    history.table.setFocus()
    history.table.setCurrentIndex(history.model.index(0, 0))
    qtbot.keyClick(history.table, Qt.Key.Key_Delete)
    assert len(history.model.rows()) == before - 1
    document.undo_stack.undo()
    assert len(history.model.rows()) == before
    assert document.plan.check_ins.count(key_result_id=demo.id) == before


def test_a_check_in_made_elsewhere_shows_in_table_and_chart(
    history: KeyResultHistory, document: PlanDocument, demo: Any
):
    document.attempt(lambda: document.plan.check_ins.create(demo.id, document.today(), 6, 7))
    assert shown_rows(history)[0][1] == "6 h"
    assert "6 h" in [region.tooltip.split(": ")[-1] for region in history.chart.regions]


def test_of_two_check_ins_on_one_day_the_correction_is_listed_first(
    history: KeyResultHistory, document: PlanDocument, demo: Any
):
    for value in (8, 5):  # 8 first, then corrected to 5
        document.attempt(
            lambda value=value: document.plan.check_ins.create(demo.id, document.today(), value)
        )
    assert [row[1] for row in shown_rows(history)[:2]] == ["5 h", "8 h"]


def test_tab_leaves_the_check_in_table(qtbot: Any, history: KeyResultHistory):
    assert tab_leaves(qtbot, history.table)


def test_the_trend_chart_renders(qtbot: Any, history: KeyResultHistory):
    chart = history.chart
    assert chart.isVisible()
    image = chart.grab().toImage()
    assert image.width() > 300 and image.height() > 200
    # Not a blank rectangle: lines, points and labels in several colours.
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert len(colours) > 5
    texts = chart.texts()
    assert {"Expected pace", "Start 24 h", "Target 1 h", "Check-ins"} <= set(texts)


def test_the_chart_reads_numbers_in_the_locale(qtbot: Any, history: KeyResultHistory):
    saved = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German))
    try:
        history.refresh()
        assert history.chart.value_label(12.5) == "12,5 h"  # as the value axis writes it
    finally:
        QLocale.setDefault(saved)


def test_without_a_key_result_it_says_what_to_do(history: KeyResultHistory):
    history.set_key_result(None)
    assert history.model.rowCount() == 0
    assert "Select a key result" in history.subtitle.text()
    assert not history.check_in_action.isEnabled()


def test_importing_the_okr_package_does_not_import_matplotlib():
    code = "import sys, planner.ui.okr; assert 'matplotlib' not in sys.modules, 'loaded'"
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False
    )
    assert done.returncode == 0, done.stderr
