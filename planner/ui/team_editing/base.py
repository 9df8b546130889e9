"""What the team editing widgets share: an editable table model, the inline message line,
and how an inline edit reaches the document."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QStyle,
    QWidget,
)

from planner.domain.validation import ValidationError
from planner.services.base import NotFoundError
from planner.services.plan import AnyEdit, Changes
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.table_models import TableModel, TableRow
from planner.ui.tree_model import AnyIndex

OVER_ALLOCATED = 100.0 + 1e-6  # totals are sums of floats: 60 + 40 must not read as over 100
_ROW_IDS = "application/x-okr-planner-row-ids"


@dataclass(frozen=True)
class Row(TableRow):
    """A table row, plus per-column tooltips and the columns flagged with a warning icon."""

    tips: tuple[str, ...] = ()
    flagged: frozenset[int] = frozenset()


def warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def error_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)


class EditableTableModel(TableModel):
    """A thin table model whose edits are requests, never changes.

    Editing a cell emits ``edit_requested(row id, column, value)``; the widget turns it into a
    service call through the document, and the rows come back changed (or not) once the plan
    has changed. ``reorder_requested(ids)`` does the same for rows dragged to a new place.
    """

    FlaggedRole = Qt.ItemDataRole.UserRole + 3  # bool: the row's cell carries a warning
    SortRole = Qt.ItemDataRole.UserRole + 4  # numbers as numbers, text folded, for sorting

    EDITABLE: frozenset[int] = frozenset()
    CHECKABLE: frozenset[int] = frozenset()  # columns whose value is a bool shown as a tick
    DRAGGABLE = False

    edit_requested = Signal(object, int, object)
    reorder_requested = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editable = True

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def update_rows(self, rows: Sequence[Row]) -> None:
        """Take new rows: in place (dataChanged) when the same rows are in the same order, so
        an open editor or the current cell survives; a reset otherwise."""
        old = self.rows()
        if [row.id for row in old] != [row.id for row in rows]:
            self.set_rows(list(rows))
            return
        self._rows = tuple(rows)
        last = self.columnCount() - 1
        for number, (before, after) in enumerate(zip(old, rows, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(number, 0), self.index(number, last))

    def row_of(self, row_id: uuid.UUID) -> int:
        return next((n for n, row in enumerate(self.rows()) if row.id == row_id), -1)

    def edit_value(self, row: Row, column: int) -> Any:
        """What an editor starts from; the cell's text unless a subclass says otherwise."""
        return row.cells[column]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags | Qt.ItemFlag.ItemIsDropEnabled if self.DRAGGABLE else flags
        if self._editable and index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        if self._editable and index.column() in self.CHECKABLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if self._editable and self.DRAGGABLE:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows()[index.row()]
        assert isinstance(row, Row)
        column = index.column()
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column in self.CHECKABLE:
            checked = bool(row.values[column])
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return (row.tips[column] or None) if column < len(row.tips) else None
        if role == self.FlaggedRole:
            return column in row.flagged
        if role == Qt.ItemDataRole.DecorationRole and column in row.flagged:
            return warning_icon()
        if role == self.SortRole:
            value = row.values[column]
            return value if isinstance(value, int | float) else row.cells[column].casefold()
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self._editable:
            return False
        row = self.rows()[index.row()]
        assert isinstance(row, Row)
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column in self.CHECKABLE:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
            if checked == bool(row.values[column]):
                return False
            self.edit_requested.emit(row.id, column, checked)
            return True
        if role != Qt.ItemDataRole.EditRole or column not in self.EDITABLE:
            return False
        if value == self.edit_value(row, column):
            return False  # the editor closed without a change: no empty undo step
        self.edit_requested.emit(row.id, column, value)
        return True

    # ---- dragging rows to a new place -----------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [_ROW_IDS]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        text = ",".join(str(self.rows()[row].id) for row in rows)
        data.setData(_ROW_IDS, QByteArray(text.encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return self.DRAGGABLE and self._editable and data.hasFormat(_ROW_IDS)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        """Ask for the dragged rows to go before ``row`` (on a row: before it; past the end:
        last). Returns False: the rows move when the plan has changed, not here, so the view
        must not remove the dragged rows itself."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        moved = [uuid.UUID(text) for text in bytes(data.data(_ROW_IDS).data()).decode().split(",")]
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.rows())
        ids = [each.id for each in self.rows()]
        before = [row_id for row_id in ids[:row] if row_id not in moved]
        after = [row_id for row_id in ids[row:] if row_id not in moved]
        order = [*before, *moved, *after]
        if order != ids:
            self.reorder_requested.emit(order)
        return False


def attempt(
    document: PlanDocument, build: Callable[[], AnyEdit], message: MessageLine, about: str = ""
) -> AnyEdit | None:
    """Build an edit with a service call and push it as one undoable step.

    Like :meth:`PlanDocument.attempt`, but a value the service refuses is shown in
    ``message`` beside the field, not in a message box: the person is typing there. ``about``
    names the row in a table ("Priya Nair"), so the message says which one was refused.
    """
    message.clear()
    try:
        edit = build()
    except (ValidationError, NotFoundError) as error:
        message.show_error(f"{about} — {error}" if about else str(error))
        document.refused_inline.emit(str(error))
        return None
    return edit if document.push(edit) else None


class MessageLine(QWidget):
    """A line under a table or field: an icon and a sentence, hidden while there is none.

    The icon says "refused" or "warning" without relying on colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(error_icon(), text)

    def show_warning(self, text: str) -> None:
        self._show(warning_icon(), text)

    def clear(self) -> None:
        self.text.clear()
        self.hide()

    def message(self) -> str:
        return self.text.text() if not self.isHidden() else ""

    def _show(self, icon: QIcon, text: str) -> None:
        size = self.text.fontMetrics().height()
        self.icon.setPixmap(icon.pixmap(size, size))
        self.text.setText(text)
        self.setVisible(bool(text))


class TeamPanel(QWidget):
    """A part of a team's page (details, members, interactions): it follows the open plan
    and the team on show.

    After a change to ``SHOWN_TABLES`` it reads the plan again at once while on show, else
    once when next shown: a large plan is edited elsewhere far more often than this team.
    """

    SHOWN_TABLES: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._team_id: uuid.UUID | None = None
        self._stale = False

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed)
        self._team_id = None
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(*self.SHOWN_TABLES):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)
