"""Helpers for the journal's tests: drive its widgets as a person would. (No tests here.)"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from planner.services.journal import JournalEntry, JournalFilter, journal
from planner.services.plan import Plan
from planner.ui.document import PlanDocument
from planner.ui.journal import JournalPage
from planner.ui.journal.contributions import ContributionsModel
from planner.ui.journal.credit_editor import CreditEditor
from planner.ui.journal.models import NotesTableModel


def make_page(qtbot: Any, document: PlanDocument | None) -> JournalPage:
    page = JournalPage()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.set_document(document)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # focus and keyboard shortcuts need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def choose(combo: QComboBox, text: str) -> None:
    """Pick an item by its text, as a click in the popup does (``activated`` included)."""
    row = combo.findText(text)
    assert row >= 0, f"{text!r} is not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(row)
    combo.activated.emit(row)


def shown_notes(page: JournalPage, column: int = NotesTableModel.OUTCOME) -> list[str]:
    """What the table shows in ``column``, top to bottom."""
    proxy = page.notes.model
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def select_note(page: JournalPage, outcome: str) -> None:
    proxy = page.notes.model
    rows = [
        r
        for r in range(proxy.rowCount())
        if proxy.index(r, NotesTableModel.OUTCOME).data() == outcome
    ]
    assert rows, f"{outcome!r} is not shown"
    page.notes.view.setFocus()
    page.notes.view.setCurrentIndex(proxy.index(rows[0], 0))


def cell_editor(credit: CreditEditor, row: int, column: int) -> Any:
    """Open the cell's editor as F2 does and return it."""
    index = credit.model.index(row, column)
    view = credit.view
    view.setFocus()
    if view.indexWidget(index) is None:
        view.setCurrentIndex(index)
        view.edit(index)
    widget = view.indexWidget(index)
    assert widget is not None, f"no editor opened on row {row}, column {column}"
    return widget


def set_cell(qtbot: Any, credit: CreditEditor, row: int, column: int, value: str) -> None:
    """Choose (team, touch) or type (share, note) ``value`` in one contribution cell."""
    widget = cell_editor(credit, row, column)
    if isinstance(widget, QComboBox):
        choose(widget, value)
    else:
        assert isinstance(widget, QLineEdit)
        widget.selectAll()
        qtbot.keyClicks(widget, value)
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: credit.view.indexWidget(credit.model.index(row, column)) is None)


def add_contribution(qtbot: Any, credit: CreditEditor, team: str, touch: str, share: str) -> int:
    credit.add_action.trigger()
    row = credit.model.rowCount() - 1
    set_cell(qtbot, credit, row, ContributionsModel.TEAM, team)
    set_cell(qtbot, credit, row, ContributionsModel.TOUCH, touch)
    set_cell(qtbot, credit, row, ContributionsModel.SHARE, share)
    return row


def contribution_texts(credit: CreditEditor) -> list[tuple[str, str, str]]:
    model = credit.model
    return [
        tuple(model.index(row, column).data() for column in range(3))  # type: ignore[misc]
        for row in range(model.rowCount())
    ]


def stored(plan: Plan, text: str) -> list[JournalEntry]:
    """What the plan file holds: the notes found by ``text``."""
    return list(journal(plan, JournalFilter(text=text)).entries)


def shares(entry: JournalEntry) -> list[tuple[str, str, float]]:
    return [(s.team_name, s.touch.value, s.share) for s in entry.shares]


def team_id(plan: Plan, name: str) -> uuid.UUID:
    return next(team.id for team in plan.teams.list() if team.name == name)


def index_of(model: Any, text: str, column: int = 0) -> QModelIndex:
    for row in range(model.rowCount()):
        if model.index(row, column).data() == text:
            return model.index(row, column)
    raise AssertionError(f"{text!r} is not in the model")
