"""The plan's periods: listed with their dates, renamed and re-dated in place, added, deleted."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.services.records import PeriodRecord
from planner.ui.document import PlanDocument
from planner.ui.okr import modal
from planner.ui.okr.edits import MessageLabel, attempt
from planner.ui.okr.fields import date_edit, to_date, to_qdate
from planner.ui.table_models import column_title
from planner.ui.texts import format_date
from planner.ui.widgets import Hint, RoomyDelegate

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class PeriodTableModel(QAbstractTableModel):
    """Periods (oldest first) with how many objectives each holds; edits become requests:
    ``edit_requested(period id, {field: value})``."""

    NAME, START, END, OBJECTIVES = range(4)
    IdRole = Qt.ItemDataRole.UserRole + 1
    edit_requested = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[PeriodRecord, int]] = []
        self._editable = False

    def set_rows(self, rows: Sequence[tuple[PeriodRecord, int]], editable: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._editable = editable
        self.endResetModel()

    def period(self, row: int) -> PeriodRecord:
        return self._rows[row][0]

    def row_of(self, period_id: uuid.UUID) -> int:
        ids = [record.id for record, _ in self._rows]
        return ids.index(period_id) if period_id in ids else -1

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and index.column() != self.OBJECTIVES:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, objectives = self._rows[index.row()]
        column = index.column()
        if role == self.IdRole:
            return record.id
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                record.name,
                format_date(record.start_date),
                format_date(record.end_date),
                str(objectives),
            ][column]
        if role == Qt.ItemDataRole.EditRole:
            values = [record.name, to_qdate(record.start_date), to_qdate(record.end_date), None]
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.OBJECTIVES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Enter or F2 edits; a period cannot end before it starts")
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self._editable:
            return False
        record = self._rows[index.row()][0]
        column = index.column()
        if column == self.NAME:
            changes: dict[str, Any] = {"name": str(value)}
        elif column in (self.START, self.END) and isinstance(value, QDate):
            key = "start_date" if column == self.START else "end_date"
            changes = {key: to_date(value)}
        else:
            return False
        self.edit_requested.emit(record.id, changes)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        titles = [self.tr("Period"), self.tr("Starts"), self.tr("Ends"), self.tr("Objectives")]
        return column_title(titles, section, orientation, role)


class _DateDelegate(RoomyDelegate):
    """Dates edited with a calendar popup, written as the rest of the app writes them."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, QDate):
            return date_edit(to_date(value), parent)
        return super().createEditor(parent, option, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QDateEdit):
            if editor.date() != index.data(Qt.ItemDataRole.EditRole):
                model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class PeriodsDialog(QDialog):
    """Every period of the plan. Each change is one undoable step (Ctrl+Z works here too);
    a refused one (an end before the start, a period still holding objectives) is explained
    under the table and changes nothing."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodsDialog")
        self.setWindowTitle(self.tr("Periods"))
        self._document = document
        self.model = PeriodTableModel(self)
        # Queued: the update runs once the inline editor has closed (see OkrEditor).
        self.model.edit_requested.connect(self.update_period, Qt.ConnectionType.QueuedConnection)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setObjectName("periodsTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(_DateDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PeriodTableModel.NAME, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(self.tr("Add &Next Quarter"))
        self.add_button.setToolTip(self.tr("Add the period after the latest one"))
        self.add_button.clicked.connect(self.add_next)
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setToolTip(
            self.tr("Delete the selected period; only an empty one can go (Del)")
        )
        self.delete_button.clicked.connect(self.delete_selected)
        # Enter finishes an inline edit or closes the dialog; it must never add or delete.
        for button in (self.add_button, self.delete_button):
            button.setAutoDefault(False)
        self.delete_button.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.undo_action = document.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = document.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([self.undo_action, self.redo_action])
        self.message = MessageLabel(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Objectives and check-ins are planned period by period.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(Hint(self.tr("Ctrl+Z undoes the last change.")))
        layout.addLayout(row)
        layout.addWidget(close)
        document.changed.connect(self._on_changed)
        self.reload()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 40, 360)

    def _on_changed(self, changes: Any) -> None:
        if changes.touches("period", "objective"):
            self.reload()

    def reload(self) -> None:
        plan = self._document.plan
        selected = self.selected_period()
        rows = [(p, plan.objectives.count(period_id=p.id)) for p in plan.periods.list()]
        self.model.set_rows(rows, editable=not self._document.read_only)
        self.add_button.setEnabled(not self._document.read_only)
        if selected is not None:
            self.select(selected)

    def selected_period(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return index.data(PeriodTableModel.IdRole) if index.isValid() else None

    def select(self, period_id: uuid.UUID) -> None:
        row = self.model.row_of(period_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def update_period(self, period_id: uuid.UUID, changes: Mapping[str, Any]) -> bool:
        plan = self._document.plan
        edit, message = attempt(self._document, lambda: plan.periods.update(period_id, **changes))
        self.message.show_message(message)
        return edit is not None

    def add_next(self) -> uuid.UUID | None:
        edit, message = attempt(self._document, self._document.plan.periods.create_next)
        self.message.show_message(message)
        if edit is None:
            return None
        self.select(edit.id)
        return edit.id

    def delete_selected(self) -> bool:
        period_id = self.selected_period()
        if period_id is None:
            self.message.show_message(self.tr("Select the period to delete."))
            return False
        plan = self._document.plan
        edit, message = attempt(self._document, lambda: plan.periods.delete(period_id))
        self.message.show_message(message)
        return edit is not None


def open_periods(parent: QWidget | None, document: PlanDocument) -> None:
    dialog = PeriodsDialog(document, parent)
    try:
        modal.run_dialog(dialog)
    finally:
        dialog.deleteLater()
