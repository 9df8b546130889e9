"""How a team works with other teams: interactions in both directions, edited in place."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from planner.services.records import InteractionRecord
from planner.ui.actions import make_action
from planner.ui.tree_model import AnyIndex
from planner.ui.widgets import Hint

from . import modal
from .base import EditableTableModel, MessageLine, Row, TeamPanel, attempt
from .interaction_dialog import TeamChoice
from .texts import mode_choices, mode_name, mode_tip
from .views import ChoiceDelegate, current_id, editable_table, select_row

_SHOWN_TABLES = ("team", "interaction")


class InteractionsModel(EditableTableModel):
    """A team's interactions: from, to, mode, note. The team's own name is in bold; the other
    team, the mode and the note can be edited."""

    FROM, TO, MODE, NOTE = range(4)
    EDITABLE = frozenset({FROM, TO, MODE, NOTE})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._team_id: uuid.UUID | None = None

    def set_team_id(self, team_id: uuid.UUID | None) -> None:
        self._team_id = team_id

    def headers(self) -> list[str]:
        return [self.tr("From"), self.tr("To"), self.tr("Mode"), self.tr("Note")]

    def edit_value(self, row: Row, column: int) -> Any:
        return row.values[column] if column != self.NOTE else row.cells[column]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._is_this_team(index):
            # The team itself stays on its side: only the other team can be changed.
            flags &= ~Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid() and self._is_this_team(index):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def _is_this_team(self, index: AnyIndex) -> bool:
        if index.column() not in (self.FROM, self.TO):
            return False
        return bool(self.rows()[index.row()].values[index.column()] == self._team_id)


class InteractionsPanel(TeamPanel):
    """The interactions of one team with the others ("Integrations → First Hour ·
    X-as-a-service · Calendar import"). Insert adds one (a small form asks for the other
    team, direction, mode and note), Enter or F2 edits a cell, Delete removes."""

    SHOWN_TABLES = _SHOWN_TABLES  # a change to these is read again

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team_name = ""
        self._others: list[TeamChoice] = []
        self._names: dict[uuid.UUID, str] = {}

        self.model = InteractionsModel(self)
        # Queued: the edit runs after the inline editor has closed (see MembersPanel).
        self.model.edit_requested.connect(self._on_edit, Qt.ConnectionType.QueuedConnection)
        self.table = editable_table(self.model)
        self.table.setObjectName("interactionsTable")
        teams = ChoiceDelegate(lambda: [(t.name, t.id) for t in self._others], self.table)
        self.table.setItemDelegateForColumn(InteractionsModel.FROM, teams)
        self.table.setItemDelegateForColumn(InteractionsModel.TO, teams)
        self.table.setItemDelegateForColumn(
            InteractionsModel.MODE, ChoiceDelegate(mode_choices, self.table)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(InteractionsModel.FROM, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InteractionsModel.NOTE, header.ResizeMode.Stretch)
        self.empty = Hint(
            self.tr(
                "No interactions yet. Add one to record which teams this team serves, "
                "relies on or helps."
            )
        )
        self.message = MessageLine(self)

        self._create_actions()
        buttons = QHBoxLayout()
        for action in (self.add_action, self.reverse_action, self.remove_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.refresh()

    def _create_actions(self) -> None:
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.add_action = make_action(
            self,
            self.tr("Add Interaction…"),
            self.tr("Record how this team works with another team"),
            self.add_interaction,
            QKeySequence(Qt.Key.Key_Insert),
            local,
        )
        self.reverse_action = make_action(
            self,
            self.tr("Reverse Direction"),
            self.tr("Swap the two teams of the selected interaction"),
            self.reverse_interaction,
        )
        self.remove_action = make_action(
            self,
            self.tr("Remove Interaction"),
            self.tr("Remove the selected interaction (Undo brings it back)"),
            self.remove_interaction,
            QKeySequence.StandardKey.Delete,
            Qt.ShortcutContext.WidgetShortcut,
        )
        self.addAction(self.add_action)
        # On the table itself only: Delete in a cell editor deletes a character.
        self.table.addAction(self.remove_action)

    # ---- the document and the team --------------------------------------------------------

    def set_team(self, team_id: uuid.UUID | None) -> None:
        self._team_id = team_id
        self.message.clear()
        self.refresh()

    def refresh(self) -> None:
        document, team_id = self._document, self._team_id
        rows: list[Row] = []
        exists = False
        if document is not None and team_id is not None:
            plan = document.plan
            teams = plan.teams.list()
            self._names = {team.id: team.name for team in teams}
            self._others = [TeamChoice(t.id, t.name, t.topology) for t in teams if t.id != team_id]
            exists = team_id in self._names
            self._team_name = self._names.get(team_id, "")
            found = plan.interactions.list(from_team_id=team_id)
            found += plan.interactions.list(to_team_id=team_id)
            rows = [self._row(record) for record in found if exists]
            rows.sort(key=lambda row: self._other_name(row).casefold())
        self.model.set_team_id(team_id)
        self.model.set_editable(document is not None and not document.read_only)
        self.model.update_rows(rows)
        self.table.fit_to_rows()
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows and exists)
        self._update_actions()

    def _row(self, record: InteractionRecord) -> Row:
        source = self._names.get(record.from_team_id, "?")
        target = self._names.get(record.to_team_id, "?")
        return Row(
            record.id,
            (source, target, mode_name(record.mode), record.note),
            (record.from_team_id, record.to_team_id, record.mode, record.note),
            tips=("", "", mode_tip(record.mode), record.note),
        )

    def _other_name(self, row: Row) -> str:
        column = InteractionsModel.TO if row.values[0] == self._team_id else InteractionsModel.FROM
        return row.cells[column]

    def _update_actions(self) -> None:
        exists = self._team_id is not None and self._team_id in self._names
        editable = self._document is not None and not self._document.read_only and exists
        selected = current_id(self.table) is not None
        self.add_action.setEnabled(editable and bool(self._others))
        self.reverse_action.setEnabled(editable and selected)
        self.remove_action.setEnabled(editable and selected)

    # ---- editing --------------------------------------------------------------------------

    def _label(self, interaction_id: uuid.UUID, template: str) -> str:
        row = self.model.rows()[self.model.row_of(interaction_id)]
        return template.format(
            source=row.cells[InteractionsModel.FROM], target=row.cells[InteractionsModel.TO]
        )

    def _on_edit(self, interaction_id: uuid.UUID, column: int, value: Any) -> None:
        keys = {
            InteractionsModel.FROM: "from_team_id",
            InteractionsModel.TO: "to_team_id",
            InteractionsModel.MODE: "mode",
            InteractionsModel.NOTE: "note",
        }
        self.update_interaction(interaction_id, **{keys[column]: value})

    def update_interaction(self, interaction_id: uuid.UUID, **changes: Any) -> bool:
        """Change an interaction's teams, mode or note as one undoable step."""
        document = self._document
        if document is None or self.model.row_of(interaction_id) < 0:
            return False
        label = self._label(interaction_id, self.tr("Edit interaction {source} → {target}"))
        edit = attempt(
            document,
            lambda: document.plan.interactions.update(interaction_id, label, **changes),
            self.message,
        )
        return edit is not None

    def add_interaction(self) -> bool:
        document, team_id = self._document, self._team_id
        if document is None or team_id is None or not self._others:
            return False
        choice = modal.ask_interaction(self, self._team_name, self._others)
        if choice is None:
            return False
        source, target = (
            (team_id, choice.other_team_id) if choice.outgoing else (choice.other_team_id, team_id)
        )
        label = self.tr("Add interaction {source} → {target}").format(
            source=self._names.get(source, ""), target=self._names.get(target, "")
        )
        edit = attempt(
            document,
            lambda: replace(
                document.plan.interactions.create(source, target, choice.mode, choice.note),
                label=label,
            ),
            self.message,
        )
        if edit is None:
            return False
        select_row(self.table, edit.id)
        self.table.setFocus()
        self.status.emit(label)
        return True

    def reverse_interaction(self) -> bool:
        interaction_id = current_id(self.table)
        if interaction_id is None:
            return False
        row = self.model.rows()[self.model.row_of(interaction_id)]
        source, target = row.values[InteractionsModel.FROM], row.values[InteractionsModel.TO]
        return self.update_interaction(interaction_id, from_team_id=target, to_team_id=source)

    def remove_interaction(self) -> bool:
        document = self._document
        interaction_id = current_id(self.table)
        if document is None or interaction_id is None:
            return False
        row = self.model.row_of(interaction_id)
        label = self._label(interaction_id, self.tr("Remove interaction {source} → {target}"))
        edit = attempt(
            document, lambda: document.plan.interactions.delete(interaction_id, label), self.message
        )
        if edit is None:
            return False
        rows = self.model.rows()
        if rows:
            select_row(self.table, rows[min(row, len(rows) - 1)].id)
        self.status.emit(self.tr("{what}: done. Edit ▸ Undo brings it back.").format(what=label))
        return True
