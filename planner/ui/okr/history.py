"""A key result's check-ins, edited in place, beside the chart of its trend."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date
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
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.text import plural
from planner.domain.validation import validate_measured
from planner.domain.values import KeyResultKind
from planner.services.base import NotFoundError
from planner.services.plan import Changes
from planner.services.records import CheckInRecord, KeyResultRecord
from planner.ui.actions import make_action
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.okr import formatting as fmt
from planner.ui.okr.check_in import open_check_in
from planner.ui.okr.edits import MessageLabel, attempt
from planner.ui.okr.fields import ConfidenceSpin, DecimalEdit, date_edit, to_date, to_qdate
from planner.ui.okr.trend_chart import TrendChart, TrendData
from planner.ui.table_models import column_title
from planner.ui.texts import format_date, number_for_editing
from planner.ui.widgets import Heading, Hint, RoomyDelegate

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_SHOWN_TABLES = ("check_in", "key_result", "objective", "period")


class CheckInTableModel(QAbstractTableModel):
    """Check-ins, newest first. Edits become ``edit_requested(check-in id, {field: value})``
    with the value as typed (read with the person's locale by the widget)."""

    DATE, VALUE, CONFIDENCE, NOTE = range(4)
    IdRole = Qt.ItemDataRole.UserRole + 1
    edit_requested = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CheckInRecord] = []
        self._result: KeyResultRecord | None = None
        self._editable = False

    def set_rows(
        self, result: KeyResultRecord | None, rows: Sequence[CheckInRecord], editable: bool
    ) -> None:
        self.beginResetModel()
        self._result = result
        # Newest first; of two on one day, the one recorded later (``rows`` come in the
        # order they were recorded): it is the one the figures use.
        self._rows = sorted(rows, key=lambda r: r.on_date)[::-1]
        self._editable = editable
        self.endResetModel()

    def rows(self) -> list[CheckInRecord]:
        return list(self._rows)

    @property
    def milestone(self) -> bool:
        return self._result is not None and self._result.kind is KeyResultKind.MILESTONE

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self._editable else flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._result is None:
            return None
        record, column = self._rows[index.row()], index.column()
        if role == self.IdRole:
            return record.id
        if role == Qt.ItemDataRole.DisplayRole:
            confidence = "—" if record.confidence is None else f"{record.confidence}/10"
            value = fmt.value_text(self._result, record.value)
            return [format_date(record.on_date), value, confidence, record.note][column]
        if role == Qt.ItemDataRole.EditRole:
            stated = -1 if record.confidence is None else record.confidence
            typed = number_for_editing(record.value)
            return [to_qdate(record.on_date), typed, stated, record.note][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.VALUE, self.CONFIDENCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.note or self.tr("Enter or F2 edits; Delete removes (Undo restores)")
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self._editable:
            return False
        record, column = self._rows[index.row()], index.column()
        if column == self.DATE and isinstance(value, QDate):
            changes: dict[str, Any] = {"on_date": to_date(value)}
        elif column == self.VALUE:
            changes = {"value": str(value)}
        elif column == self.CONFIDENCE:
            changes = {"confidence": None if value in (None, -1) else int(value)}
        elif column == self.NOTE:
            changes = {"note": str(value)}
        else:
            return False
        self.edit_requested.emit(record.id, changes)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        titles = [self.tr("Date"), self.tr("Value"), self.tr("Confidence"), self.tr("Note")]
        return column_title(titles, section, orientation, role)


class _CheckInDelegate(RoomyDelegate):
    def __init__(self, parent: QWidget, today: Callable[[], date]) -> None:
        super().__init__(parent)
        self._today = today

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        model = index.model()
        column = index.column()
        if column == CheckInTableModel.DATE:
            day = to_date(index.data(Qt.ItemDataRole.EditRole))
            return date_edit(day, parent)  # a day after today is refused when stored
        if column == CheckInTableModel.VALUE:
            if isinstance(model, CheckInTableModel) and model.milestone:
                combo = QComboBox(parent)
                combo.addItem(self.tr("Done"), "1")
                combo.addItem(self.tr("Not yet"), "0")
                return combo
            return DecimalEdit(parent)
        if column == CheckInTableModel.CONFIDENCE:
            return ConfidenceSpin(parent)
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, ConfidenceSpin):
            editor.setValue(int(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData("1" if value == "1" else "0"))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        before = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, ConfidenceSpin):
            value: Any = editor.value()
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            value = editor.property("date")
        if value != before:
            model.setData(index, value, Qt.ItemDataRole.EditRole)


class KeyResultHistory(QWidget):
    """For one key result: its check-ins (date, value, confidence, note), each editable and
    deletable with undo, and the trend chart. Follows the document's changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._result_id: uuid.UUID | None = None
        self.title = Heading()
        self.subtitle = Hint()
        self.model = CheckInTableModel(self)
        # Queued: the update runs once the inline editor has closed (see OkrEditor).
        self.model.edit_requested.connect(self.update_check_in, Qt.ConnectionType.QueuedConnection)
        self.table = QTableView()
        self.table.setObjectName("checkInTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setModel(self.model)
        self.table.setItemDelegate(_CheckInDelegate(self.table, self._today))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CheckInTableModel.NOTE, QHeaderView.ResizeMode.Stretch)
        self.chart = TrendChart()
        self.message = MessageLabel(self)
        self.check_in_action = make_action(
            self,
            self.tr("Check &In…"),
            self.tr("Record this key result's current value and confidence"),
            self.check_in,
        )
        self.delete_action = make_action(
            self,
            self.tr("&Delete Check-in"),
            self.tr("Delete the selected check-in (Undo brings it back)"),
            self.delete_selected,
            QKeySequence(Qt.Key.Key_Delete),
            Qt.ShortcutContext.WidgetShortcut,
        )
        self.table.addAction(self.delete_action)

        buttons = QHBoxLayout()
        for action in (self.check_in_action, self.delete_action):
            button = QToolButton()
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.message)
        left_layout.addLayout(buttons)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        # The chart needs the width more than the four narrow columns of the table do.
        self.splitter.setSizes([400, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.splitter, 1)
        self.refresh()

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed)
        self._result_id = None
        self.refresh()

    def _today(self) -> date:
        return self._document.today() if self._document is not None else date.today()

    def set_key_result(self, key_result_id: uuid.UUID | None) -> None:
        self._result_id = key_result_id
        self.message.clear_message()
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self._result_id is not None and changes.touches(*_SHOWN_TABLES):
            self.refresh()

    def refresh(self) -> None:
        document, result_id = self._document, self._result_id
        result = None
        if document is not None and result_id is not None:
            try:
                result = document.plan.key_results.get(result_id)
            except NotFoundError:  # deleted (or its creation undone) while on show
                result = None
        editable = document is not None and not document.read_only and result is not None
        self.check_in_action.setEnabled(editable)
        self.delete_action.setEnabled(editable)
        if document is None or result is None:
            self.title.setText(self.tr("Check-ins"))
            self.subtitle.setText(self.tr("Select a key result to see its check-ins and trend."))
            self.model.set_rows(None, [], False)
            self.chart.set_data(None)
            return
        rows = document.plan.check_ins.list(key_result_id=result.id)
        self.model.set_rows(result, rows, editable)
        self.title.setText(result.title)
        self.subtitle.setText(
            self.tr("{measure} · {check_ins}").format(
                measure=fmt.measure_text(result),
                check_ins=plural(len(rows), self.tr("check-in"), self.tr("check-ins")),
            )
        )
        period = document.plan.periods.get(
            document.plan.objectives.get(result.objective_id).period_id
        )
        self.chart.set_data(
            TrendData(
                result.kind,
                result.unit,
                result.start_value,
                result.target_value,
                result.direction,
                period.start_date,
                period.end_date,
                document.today(),
                tuple((r.on_date, r.value) for r in rows),
            )
        )

    def update_check_in(self, check_in_id: uuid.UUID, changes: Mapping[str, Any]) -> bool:
        document = self._document
        if document is None:
            return False
        plan = document.plan

        def build() -> Any:
            values = dict(changes)
            if isinstance(values.get("value"), str):
                values["value"] = fmt.parse_decimal(values["value"], self.tr("Value"))
            if "on_date" in values:
                validate_measured(values["on_date"], self._today())
            return plan.check_ins.update(check_in_id, **values)

        edit, message = attempt(document, build)
        self.message.show_message(message)
        return edit is not None

    def selected_check_in(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return index.data(CheckInTableModel.IdRole) if index.isValid() else None

    def delete_selected(self) -> bool:
        document, check_in_id = self._document, self.selected_check_in()
        if document is None or check_in_id is None:
            return False
        edit, message = attempt(document, lambda: document.plan.check_ins.delete(check_in_id))
        self.message.show_message(message)
        return edit is not None

    def check_in(self) -> bool:
        if self._document is None or self._result_id is None:
            return False
        return open_check_in(self, self._document, self._result_id) is not None
