"""An ordered list of named things (stages, disciplines) edited in place: add, rename, reorder
by dragging or Ctrl+Up/Down, remove."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from planner.ui.actions import make_action
from planner.ui.widgets import Heading, Hint

from .base import EditableTableModel, MessageLine, Row
from .views import current_id, editable_table, select_row


class StagesModel(EditableTableModel):
    """The funnel's stages in order, with how many teams each has."""

    NAME, TEAMS = range(2)
    NUMERIC = frozenset({TEAMS})
    EDITABLE = frozenset({NAME})
    DRAGGABLE = True

    def headers(self) -> list[str]:
        return [self.tr("Stage"), self.tr("Teams")]


class DisciplinesModel(EditableTableModel):
    """The plan's disciplines in order, whether every team should have each, and how many
    team members bring it."""

    NAME, REQUIRED, MEMBERS = range(3)
    NUMERIC = frozenset({MEMBERS})
    EDITABLE = frozenset({NAME})
    CHECKABLE = frozenset({REQUIRED})
    DRAGGABLE = True

    def headers(self) -> list[str]:
        return [self.tr("Discipline"), self.tr("Required in every team"), self.tr("In teams")]


class ListSection(QWidget):
    """A heading, a hint, the ordered table and its buttons, with keys that work while the
    section has the focus: Insert adds, F2 or Enter renames, Ctrl+Up/Down moves, Delete removes.

    What the actions do is given as callbacks taking row ids, so the dialog holds the rules.
    """

    def __init__(
        self,
        model: EditableTableModel,
        title: str,
        hint: str,
        nouns: tuple[str, str],  # "Stage", "stage": for the actions' texts
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._editable = False
        self.on_add: Callable[[], object] = lambda: None
        self.on_remove: Callable[[uuid.UUID], object] = lambda _id: None
        self.on_reorder: Callable[[list[uuid.UUID]], object] = lambda _ids: None
        self.table = editable_table(model, fitted=False)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.message = MessageLine(self)
        model.reorder_requested.connect(self._reorder, Qt.ConnectionType.QueuedConnection)

        title_noun, noun = nouns
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # Moving and removing act on the table itself: in a name being typed, Delete and
        # Ctrl+arrows belong to the editor.
        on_table = Qt.ShortcutContext.WidgetShortcut
        self.add_action = make_action(
            self,
            self.tr("Add {noun}").format(noun=title_noun),
            self.tr("Add a {noun} at the end and type its name").format(noun=noun),
            lambda: self.on_add(),
            QKeySequence(Qt.Key.Key_Insert),
            local,
        )
        self.up_action = make_action(
            self,
            self.tr("Move Up"),
            self.tr("Move the selected {noun} up").format(noun=noun),
            lambda: self.move_selected(-1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Up),
            on_table,
        )
        self.down_action = make_action(
            self,
            self.tr("Move Down"),
            self.tr("Move the selected {noun} down").format(noun=noun),
            lambda: self.move_selected(+1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Down),
            on_table,
        )
        self.remove_action = make_action(
            self,
            self.tr("Remove {noun}…").format(noun=title_noun),
            self.tr("Remove the selected {noun} (Undo brings it back)").format(noun=noun),
            self._remove,
            QKeySequence.StandardKey.Delete,
            on_table,
        )
        self.addAction(self.add_action)
        self.table.addActions([self.up_action, self.down_action, self.remove_action])

        buttons = QHBoxLayout()
        for action in self.actions_in_order():
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        explanation = Hint(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(Heading(title))
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self.update_actions)
        model.modelReset.connect(self.update_actions)

    def actions_in_order(self) -> list[Any]:
        return [self.add_action, self.up_action, self.down_action, self.remove_action]

    def ids(self) -> list[uuid.UUID]:
        return [row.id for row in self.model.rows()]

    def set_rows(self, rows: Sequence[Row], editable: bool) -> None:
        self._editable = editable
        self.model.set_editable(editable)
        self.model.update_rows(rows)
        self.table.setDragEnabled(editable)
        self.update_actions()

    def update_actions(self) -> None:
        editable = self._editable
        selected = current_id(self.table)
        row = self.model.row_of(selected) if selected is not None else -1
        self.add_action.setEnabled(editable)
        self.up_action.setEnabled(editable and row > 0)
        self.down_action.setEnabled(editable and 0 <= row < self.model.rowCount() - 1)
        self.remove_action.setEnabled(editable and row >= 0)

    def select(self, row_id: uuid.UUID, rename: bool = False) -> None:
        if select_row(self.table, row_id) and rename:
            self.table.setFocus()
            self.table.edit(self.table.currentIndex())

    def move_selected(self, step: int) -> None:
        selected = current_id(self.table)
        if selected is None:
            return
        ids = self.ids()
        row = ids.index(selected)
        target = row + step
        if not 0 <= target < len(ids):
            return
        ids[row], ids[target] = ids[target], ids[row]
        self._reorder(ids)

    def _reorder(self, ids: list[uuid.UUID]) -> None:
        # A drag can be reported twice (by the model and by the view); only a real change
        # becomes an undo step.
        if ids != self.ids():
            selected = current_id(self.table)
            self.on_reorder(ids)
            if selected is not None:
                select_row(self.table, selected)

    def _remove(self) -> None:
        selected = current_id(self.table)
        if selected is not None:
            self.on_remove(selected)
