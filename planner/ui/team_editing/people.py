"""The people directory: everyone in the plan, their home discipline and where their time goes."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.text import plural
from planner.services.plan import Changes
from planner.ui import dialogs
from planner.ui.actions import make_action
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.navigator_edits import unused_name
from planner.ui.widgets import Hint

from .base import EditableTableModel, MessageLine, Row, attempt
from .texts import is_over_allocated, over_allocation_warning, teams_by_person, total_text
from .views import ChoiceDelegate, current_id, editable_table, select_row

_SHOWN_TABLES = ("person", "membership", "discipline", "team")


class PeopleModel(EditableTableModel):
    """Everyone in the plan: name, email, home discipline, total allocation (flagged above
    100 %) and the teams they are in."""

    NAME, EMAIL, DISCIPLINE, TOTAL, TEAMS = range(5)
    NUMERIC = frozenset({TOTAL})
    EDITABLE = frozenset({NAME, EMAIL, DISCIPLINE})

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Email"),
            self.tr("Home discipline"),
            self.tr("Allocated"),
            self.tr("Teams"),
        ]

    def edit_value(self, row: Row, column: int) -> Any:
        if column == self.DISCIPLINE:
            return row.values[column]
        return super().edit_value(row, column)


class PeopleDirectoryDialog(QDialog):
    """A window (not modal) listing the plan's people, edited in place: Enter or F2 edits a
    cell, Insert adds a person, Delete removes one (asking first when they are in teams),
    Ctrl+F goes to the filter. ``status(text)`` carries feedback for the status bar."""

    status = Signal(str)

    def __init__(self, document: PlanDocument | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("People"))
        self.setObjectName("peopleDirectory")
        self._document: PlanDocument | None = None
        self._disciplines: list[tuple[str, uuid.UUID | None]] = []

        self.model = PeopleModel(self)
        self.model.edit_requested.connect(self._on_edit, Qt.ConnectionType.QueuedConnection)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # any column: name, email, discipline or team
        self.proxy.setSortRole(PeopleModel.SortRole)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter = QLineEdit(self)
        self.filter.setObjectName("peopleFilter")
        self.filter.setPlaceholderText(self.tr("Filter by name, email, discipline or team"))
        self.filter.setToolTip(self.tr("Show only the people matching these words (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.table = editable_table(self.model, fitted=False)
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PeopleModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(
            PeopleModel.DISCIPLINE, ChoiceDelegate(lambda: self._disciplines, self.table)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PeopleModel.NAME, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PeopleModel.TEAMS, header.ResizeMode.Stretch)
        self.summary = Hint()
        self.no_match = Hint()
        self.warning = MessageLine(self)
        self.message = MessageLine(self)

        self._create_actions()
        buttons = QHBoxLayout()
        for action in (self.add_action, self.delete_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.no_match)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.resize(self.fontMetrics().averageCharWidth() * 130, 560)
        self.set_document(document)

    def _create_actions(self) -> None:
        self.add_action = make_action(
            self,
            self.tr("Add Person"),
            self.tr("Add a person to the plan and type their name"),
            self.add_person,
            QKeySequence(Qt.Key.Key_Insert),
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.delete_action = make_action(
            self,
            self.tr("Delete Person"),
            self.tr(
                "Delete the selected person from the plan and their teams (Undo brings them back)"
            ),
            self.delete_person,
            QKeySequence.StandardKey.Delete,
            Qt.ShortcutContext.WidgetShortcut,
        )
        find = make_action(
            self,
            self.tr("Filter"),
            self.tr("Go to the filter"),
            self.filter.setFocus,
            QKeySequence.StandardKey.Find,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.addActions([self.add_action, find])
        self.table.addAction(self.delete_action)  # Delete in the filter deletes a character

    # ---- the document ---------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*_SHOWN_TABLES):
            self.refresh()

    def refresh(self) -> None:
        document = self._document
        rows: list[Row] = []
        over: list[tuple[str, float]] = []
        idle = 0
        if document is not None:
            plan = document.plan
            disciplines = plan.disciplines.list()
            self._disciplines = [(self.tr("No discipline"), None)] + [
                (discipline.name, discipline.id) for discipline in disciplines
            ]
            names = {discipline.id: discipline.name for discipline in disciplines}
            teams = {team.id: team.name for team in plan.teams.list()}
            spread = teams_by_person(plan.memberships.list(), teams)
            totals = plan.people.allocations()
            for person in plan.people.list():
                total = totals.get(person.id, 0.0)
                places = spread.get(person.id, "")
                home = names.get(person.discipline_id, "") if person.discipline_id else ""
                flagged = is_over_allocated(total)
                over += [(person.name, total)] if flagged else []
                idle += 0 if places else 1
                rows.append(
                    Row(
                        person.id,
                        (person.name, person.email, home or "—", total_text(total), places),
                        (person.name, person.email, person.discipline_id, total, places),
                        tips=("", "", "", places, places),
                        flagged=frozenset({PeopleModel.TOTAL}) if flagged else frozenset(),
                    )
                )
        self.model.set_editable(document is not None and not document.read_only)
        self.model.update_rows(rows)
        parts = [plural(len(rows), self.tr("person"), self.tr("people"))]
        if over:
            parts.append(self.tr("{count} over-allocated").format(count=len(over)))
        if idle:
            parts.append(self.tr("{count} in no team").format(count=idle))
        self.summary.setText(" · ".join(parts))
        self.warning.show_warning(over_allocation_warning(over))
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.proxy.setFilterFixedString(self.filter.text().strip())
        hidden = self.proxy.rowCount() == 0 and self.model.rowCount() > 0
        self.no_match.setText(
            self.tr("No one matches “{text}”.").format(text=self.filter.text().strip())
            if hidden
            else ""
        )
        self.no_match.setVisible(hidden)
        self._update_actions()

    def _update_actions(self) -> None:
        editable = self._document is not None and not self._document.read_only
        self.add_action.setEnabled(editable)
        self.delete_action.setEnabled(editable and current_id(self.table) is not None)

    # ---- editing --------------------------------------------------------------------------

    def _on_edit(self, person_id: uuid.UUID, column: int, value: Any) -> None:
        keys = {
            PeopleModel.NAME: "name",
            PeopleModel.EMAIL: "email",
            PeopleModel.DISCIPLINE: "discipline_id",
        }
        self.update_person(person_id, **{keys[column]: value})

    def update_person(self, person_id: uuid.UUID, **changes: Any) -> bool:
        document = self._document
        row = self.model.row_of(person_id)
        if document is None or row < 0:
            return False
        name = self.model.rows()[row].cells[PeopleModel.NAME]
        edit = attempt(
            document, lambda: document.plan.people.update(person_id, **changes), self.message, name
        )
        return edit is not None

    def add_person(self) -> uuid.UUID | None:
        """Add "New person" and start typing their name; returns the new person's id."""
        document = self._document
        if document is None:
            return None
        taken = [row.cells[PeopleModel.NAME] for row in self.model.rows()]
        name = unused_name(self.tr("New person"), taken)
        edit = attempt(document, lambda: document.plan.people.create(name), self.message)
        if edit is None:
            return None
        self.filter.clear()  # a filter could hide the new row
        if select_row(self.table, edit.id, PeopleModel.NAME):
            self.table.setFocus()
            self.table.edit(self.table.currentIndex())
        self.status.emit(self.tr("Added {name}. Type their name.").format(name=name))
        return edit.id

    def delete_person(self) -> bool:
        """Delete the selected person; asks first when they are in teams or own OKRs."""
        document = self._document
        person_id = current_id(self.table)
        if document is None or person_id is None:
            return False
        plan = document.plan
        row = self.model.rows()[self.model.row_of(person_id)]
        name = row.cells[PeopleModel.NAME]
        teams = row.values[PeopleModel.TEAMS]
        owned = plan.objectives.count(owner_id=person_id) + plan.key_results.count(
            owner_id=person_id
        )
        if teams or owned:
            details = []
            if teams:
                details.append(self.tr("leave {teams}").format(teams=teams))
            if owned:
                details.append(
                    self.tr("will no longer own {count}").format(
                        count=plural(
                            owned,
                            self.tr("objective or key result"),
                            self.tr("objectives or key results"),
                        )
                    )
                )
            question = self.tr(
                "Delete {name}? They {details}. Edit ▸ Undo brings it all back."
            ).format(name=name, details=self.tr(" and ").join(details))
            if not dialogs.ask_yes_no(self, self.tr("Delete Person"), question):
                return False
        edit = attempt(document, lambda: plan.people.delete(person_id), self.message)
        if edit is None:
            return False
        self.status.emit(self.tr("Deleted {name}. Edit ▸ Undo brings them back.").format(name=name))
        return True
