"""The tables the team editing widgets edit in: keyboard-first views, padded cells, and a
combo box editor for cells that take one of a few values."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from planner.ui.table_models import TableModel
from planner.ui.tree_model import ROOT
from planner.ui.widgets import FittedTableView, RoomyDelegate, row_height

from .base import EditableTableModel

CELL_PADDING = 6
HEADER_TEXT_MARGIN = 3  # what the style itself leaves between a cell's edge and its text

Choices = Callable[[], Sequence[tuple[str, Any]]]


class PaddedDelegate(RoomyDelegate):
    """Rows of the app's height, and room on both sides of the text, so a right-aligned
    number never touches the text of the next column."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * CELL_PADDING, size.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The background (alternating, selected) fills the whole cell; only the content is
        # drawn inset.
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, widget)
        item.rect = item.rect.adjusted(CELL_PADDING, 0, -CELL_PADDING, 0)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)


class ChoiceDelegate(PaddedDelegate):
    """Edits a cell with a combo box of (text, value) choices; the cell's ValueRole is the
    current value, and the chosen value goes to the model's setData."""

    def __init__(self, choices: Choices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for text, value in self._choices():
            combo.addItem(text, value)
        # A pick with the mouse is the whole edit: commit at once rather than on focus loss.
        combo.activated.connect(lambda _row: self._commit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        current = index.data(TableModel.ValueRole)
        for number in range(editor.count()):
            if editor.itemData(number) == current:
                editor.setCurrentIndex(number)
                return

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentIndex() >= 0:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def _commit(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class EditableTableView(FittedTableView):
    """A table edited from the keyboard: Enter or F2 edits the current cell (when it is
    editable), and the rows are as tall as everywhere else in the app."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            index = self.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
                event.accept()
                return
        super().keyPressEvent(event)


def editable_table(
    model: EditableTableModel, fitted: bool = True, parent: QWidget | None = None
) -> EditableTableView:
    """A table for editing ``model``: one row selected at a time, column 0 stretched;
    ``fitted`` tables are exactly as tall as their rows (the page scrolls, not the table)."""
    view = EditableTableView(parent)
    view.setModel(model)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
    )
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # Tab leaves the table for the next field, as in a form; the arrows move between cells.
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(row_height(view))
    view.setItemDelegate(PaddedDelegate(view))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    header.setHighlightSections(False)
    # Headers inset like the cells (PaddedDelegate), so each title sits above its column's text.
    padding = CELL_PADDING + HEADER_TEXT_MARGIN
    header.setStyleSheet(
        f"QHeaderView::section {{ padding-left: {padding}px; padding-right: {padding}px; }}"
    )
    if fitted:
        model.modelReset.connect(view.fit_to_rows)
        model.rowsInserted.connect(view.fit_to_rows)
        model.rowsRemoved.connect(view.fit_to_rows)
    return view


def select_row(view: QTableView, row_id: uuid.UUID, column: int = 0) -> bool:
    """Make the row of ``row_id`` current (through a proxy model too); False if not shown."""
    model = view.model()
    for row in range(model.rowCount(ROOT)):
        index = model.index(row, column)
        if index.data(TableModel.IdRole) == row_id:
            view.setCurrentIndex(index)
            view.scrollTo(index)
            return True
    return False


def current_id(view: QTableView) -> uuid.UUID | None:
    index = view.currentIndex()
    if not index.isValid() or not view.selectionModel().isRowSelected(index.row(), ROOT):
        return None
    value = index.data(TableModel.IdRole)
    return value if isinstance(value, uuid.UUID) else None
