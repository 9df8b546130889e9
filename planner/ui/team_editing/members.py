"""A team's members, edited in place: discipline, allocation, adding and removing people."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.validation import parse_number
from planner.services.base import NotFoundError
from planner.services.edits import Create
from planner.services.topology import MemberRow, team_members
from planner.ui.actions import make_action
from planner.ui.texts import format_number
from planner.ui.widgets import Hint

from .base import EditableTableModel, MessageLine, Row, TeamPanel, attempt
from .picker import PersonPicker, new_member
from .texts import (
    is_over_allocated,
    over_allocation_warning,
    percent,
    teams_by_person,
    total_text,
)
from .views import ChoiceDelegate, current_id, editable_table, select_row

_SHOWN_TABLES = ("team", "membership", "person", "discipline")


class MembersModel(EditableTableModel):
    """A team's members: person, the discipline they bring, allocation, and their total over
    every team (flagged, with an icon and in words, above 100 %)."""

    PERSON, DISCIPLINE, ALLOCATION, TOTAL = range(4)
    NUMERIC = frozenset({ALLOCATION, TOTAL})
    EDITABLE = frozenset({DISCIPLINE, ALLOCATION})

    def headers(self) -> list[str]:
        return [
            self.tr("Person"),
            self.tr("Discipline"),
            self.tr("Allocation"),
            self.tr("In total"),
        ]

    def edit_value(self, row: Row, column: int) -> Any:
        if column == self.ALLOCATION:
            return format_number(row.values[column])  # "62.5", not "62.5 %": ready to retype
        if column == self.DISCIPLINE:
            return row.values[column]
        return super().edit_value(row, column)


class MembersPanel(TeamPanel):
    """The members table of one team, with the people picker that adds to it.

    Enter or F2 edits a discipline or an allocation, Insert adds the person typed or picked
    below the table (a new name creates the person too, in the same undo step), Delete removes
    the selected member. ``status(text)`` carries short feedback for the status bar.
    """

    SHOWN_TABLES = _SHOWN_TABLES  # a change to these is read again

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team_name = ""
        self._exists = False
        self._disciplines: list[tuple[str, uuid.UUID | None]] = []
        self._allocations: Mapping[uuid.UUID, float] = {}

        self.model = MembersModel(self)
        # Queued: the edit runs after the inline editor has closed, so the rows it changes are
        # never replaced under an editor that is still committing.
        self.model.edit_requested.connect(self._on_edit, Qt.ConnectionType.QueuedConnection)
        self.table = editable_table(self.model)
        self.table.setObjectName("membersTable")
        self.table.setItemDelegateForColumn(
            MembersModel.DISCIPLINE, ChoiceDelegate(lambda: self._disciplines, self.table)
        )
        self.empty = Hint(
            self.tr("No members yet. Pick someone from the directory below, or type a new name.")
        )
        self.warning = MessageLine(self)
        self.warning.setObjectName("overAllocationWarning")
        self.message = MessageLine(self)

        self.person = PersonPicker(self)
        self.person.setObjectName("addPerson")
        self.person.line_edit().returnPressed.connect(self.add_member)

        self._create_actions()
        add_row = QHBoxLayout()
        add_row.addWidget(self.person, 1)
        for action in (self.add_action, self.remove_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            add_row.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addLayout(add_row)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.refresh()

    def _create_actions(self) -> None:
        self.add_action = make_action(
            self,
            self.tr("Add Member"),
            self.tr("Add the person picked or typed beside this button to the team"),
            self.add_member,
            QKeySequence(Qt.Key.Key_Insert),
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.remove_action = make_action(
            self,
            self.tr("Remove Member"),
            self.tr("Remove the selected person from this team (Undo brings them back)"),
            self.remove_member,
            QKeySequence.StandardKey.Delete,
            Qt.ShortcutContext.WidgetShortcut,
        )
        self.addAction(self.add_action)
        # On the table itself only: Delete in the person field or in a cell editor is theirs.
        self.table.addAction(self.remove_action)

    # ---- the document and the team --------------------------------------------------------

    def set_team(self, team_id: uuid.UUID | None) -> None:
        self._team_id = team_id
        self.message.clear()
        self.person.setEditText("")
        self.refresh()

    def refresh(self) -> None:
        document = self._document
        rows: list[Row] = []
        members: list[MemberRow] = []
        self._exists = False
        if document is not None and self._team_id is not None:
            plan = document.plan
            try:
                self._team_name = plan.teams.get(self._team_id).name
                members = team_members(plan, self._team_id)
                self._exists = True
            except NotFoundError:
                # Deleted while on show; kept, so undoing the delete shows it again.
                self._exists = False
            self._disciplines = [(self.tr("No discipline"), None)] + [
                (discipline.name, discipline.id) for discipline in plan.disciplines.list()
            ]
            self._allocations = plan.people.allocations()
            flagged = {m.person_id for m in members if is_over_allocated(m.person_total)}
            spread = (
                teams_by_person(
                    plan.memberships.list(), {t.id: t.name for t in plan.teams.list()}, flagged
                )
                if flagged
                else {}
            )
            rows = [self._row(member, spread) for member in members]
            inside = {member.person_id for member in members}
            self.person.set_people(
                [person for person in plan.people.list() if person.id not in inside],
                self._allocations,
                {d: name for name, d in self._disciplines if d is not None},
            )
        self.model.set_editable(document is not None and not document.read_only)
        self.model.update_rows(rows)
        self.table.fit_to_rows()
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows and self._team_id is not None and self._exists)
        over = [
            (m.person_name, m.person_total) for m in members if is_over_allocated(m.person_total)
        ]
        self.warning.show_warning(over_allocation_warning(over))
        self._update_actions()

    def _row(self, member: MemberRow, spread: dict[uuid.UUID, str]) -> Row:
        flagged = is_over_allocated(member.person_total)
        discipline = member.discipline_name or "—"
        return Row(
            member.membership_id,
            (
                member.person_name,
                discipline,
                percent(member.allocation),
                total_text(member.person_total),
            ),
            (member.person_name, member.discipline_id, member.allocation, member.person_total),
            tips=(
                "",
                self.tr("The discipline {name} brings to this team (Enter or F2 to change)").format(
                    name=member.person_name
                ),
                self.tr("Share of {name}'s time in this team (Enter or F2 to change)").format(
                    name=member.person_name
                ),
                self.tr("Allocated in: {teams}").format(teams=spread.get(member.person_id, ""))
                if flagged
                else "",
            ),
            flagged=frozenset({MembersModel.TOTAL}) if flagged else frozenset(),
        )

    def _update_actions(self) -> None:
        editable = self._document is not None and not self._document.read_only
        has_team = editable and self._team_id is not None and self._exists
        self.add_action.setEnabled(has_team)
        self.person.setEnabled(has_team)
        self.remove_action.setEnabled(has_team and current_id(self.table) is not None)

    # ---- editing --------------------------------------------------------------------------

    def _on_edit(self, membership_id: uuid.UUID, column: int, value: Any) -> None:
        if column == MembersModel.ALLOCATION:
            self.set_allocation(membership_id, value)
        elif column == MembersModel.DISCIPLINE:
            self.set_discipline(membership_id, value)

    def _member(self, membership_id: uuid.UUID) -> str:
        row = self.model.row_of(membership_id)
        return self.model.rows()[row].cells[MembersModel.PERSON] if row >= 0 else ""

    def set_allocation(self, membership_id: uuid.UUID, text: str | float) -> bool:
        """Set an allocation as typed ("60", "60 %", "62,5"); a refusal shows under the table."""
        document = self._document
        if document is None:
            return False
        plan = document.plan

        def build() -> Any:
            value = parse_number(text, self.tr("Allocation"), QLocale().decimalPoint())
            label = self.tr("Set {person}'s allocation in {team} to {value}").format(
                person=self._member(membership_id), team=self._team_name, value=percent(value)
            )
            return plan.memberships.update(membership_id, label, allocation=value)

        return attempt(document, build, self.message, self._member(membership_id)) is not None

    def set_discipline(self, membership_id: uuid.UUID, discipline_id: uuid.UUID | None) -> bool:
        document = self._document
        if document is None:
            return False
        name = next((n for n, d in self._disciplines if d == discipline_id), "")
        label = self.tr("Set {person}'s discipline in {team} to {discipline}").format(
            person=self._member(membership_id), team=self._team_name, discipline=name
        )
        edit = attempt(
            document,
            lambda: document.plan.memberships.update(
                membership_id, label, discipline_id=discipline_id
            ),
            self.message,
        )
        return edit is not None

    def add_member(self) -> bool:
        """Add the person picked or typed in the field; a new name creates the person too."""
        document, team_id = self._document, self._team_id
        if document is None or team_id is None:
            return False
        text = self.person.currentText().strip()
        if not text:
            # Insert (or the button) from elsewhere goes to the field, where the placeholder
            # says what to do; only an empty Enter in the field itself needs telling.
            if self.person.hasFocus():
                self.message.show_error(self.tr("Type a name or pick a person to add."))
            self.person.setFocus()
            return False
        plan = document.plan
        person_id = self.person.picked()
        if person_id is None and self._in_team(text):
            self.message.show_error(
                self.tr("{person} is already in {team}.").format(person=text, team=self._team_name)
            )
            return False
        if person_id is None:
            name = text
            label = self._adding(name)
            batch = attempt(document, lambda: new_member(plan, team_id, name, label), self.message)
            joined = batch.edits[1] if batch is not None else None
            membership_id = joined.id if isinstance(joined, Create) else None
        else:
            person = plan.people.get(person_id)
            name, label = person.name, self._adding(person.name)
            # Their home discipline, and what is left of their 100 % (all of it if nothing is).
            left = round(100.0 - self._allocations.get(person_id, 0.0), 2)
            share = left if left > 0 else 100.0
            create = attempt(
                document,
                lambda: replace(
                    plan.memberships.create(team_id, person_id, person.discipline_id, share),
                    label=label,
                ),
                self.message,
            )
            membership_id = create.id if create is not None else None
        if membership_id is None:
            return False
        self.person.setEditText("")
        select_row(self.table, membership_id, MembersModel.ALLOCATION)
        self.table.setFocus()
        self.status.emit(
            self.tr("Added {person} to {team}. Enter changes the allocation.").format(
                person=name, team=self._team_name
            )
        )
        return True

    def _in_team(self, name: str) -> bool:
        folded = name.casefold()
        return any(row.cells[MembersModel.PERSON].casefold() == folded for row in self.model.rows())

    def _adding(self, person: str) -> str:
        return self.tr("Add {person} to {team}").format(person=person, team=self._team_name)

    def remove_member(self) -> bool:
        document = self._document
        membership_id = current_id(self.table)
        if document is None or membership_id is None:
            return False
        row = self.model.row_of(membership_id)
        person = self._member(membership_id)
        label = self.tr("Remove {person} from {team}").format(person=person, team=self._team_name)
        edit = attempt(
            document, lambda: document.plan.memberships.delete(membership_id, label), self.message
        )
        if edit is None:
            return False
        rows = self.model.rows()
        if rows:
            select_row(self.table, rows[min(row, len(rows) - 1)].id)
        self.status.emit(
            self.tr("Removed {person} from {team}. Edit ▸ Undo brings them back.").format(
                person=person, team=self._team_name
            )
        )
        return True
