"""Picking a person to add to a team, or naming someone new to the plan."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QLocale, QObject, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QListView, QWidget

from planner.services.edits import Batch
from planner.services.plan import Plan
from planner.services.records import PersonRecord
from planner.ui.tree_model import ROOT, AnyIndex

from .texts import percent

# The most directory lines a picker keeps (a large plan has 14,000 people).
MAX_KEPT_LINES = 50_000


class _ChoicesModel(QAbstractListModel):
    """The combo's items as one list: filled in one step, however many people the plan has
    (adding thousands of items one by one takes seconds)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[str, uuid.UUID]] = []

    def set_items(self, items: list[tuple[str, uuid.UUID]]) -> None:
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text, person_id = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.UserRole:
            return person_id
        return None


class PersonPicker(QComboBox):
    """An editable combo of the people not yet in the team, each with the time they have
    left ("Ana Costa — Data, 50 % free"); typing filters it, and a name no one has is a new
    person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(24)
        # Sized by that length, and its list's rows by the first one: measuring every item
        # (14,000 people in a large plan) took a third of a second each time the team changed.
        # (Qt 6 keeps only the policy that leaves room for an icon: some 20 px more.)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.line_edit().setPlaceholderText(
            self.tr("Add a person: pick from the directory or type a new name")
        )
        self.setToolTip(self.tr("Pick a person to add, or type the name of someone new"))
        self._choices = _ChoicesModel(self)
        self.setModel(self._choices)
        popup = self.view()
        if isinstance(popup, QListView):
            popup.setUniformItemSizes(True)
        completer = QCompleter(self._choices, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self._names: dict[str, uuid.UUID] = {}
        self._lines: dict[tuple[str, str | None, float], str] = {}
        self._locale = ""

    def line_edit(self) -> QLineEdit:
        line = self.lineEdit()
        assert line is not None  # the combo is editable
        return line

    def set_people(
        self,
        people: Sequence[PersonRecord],
        allocations: Mapping[uuid.UUID, float],
        disciplines: Mapping[uuid.UUID, str],
    ) -> None:
        """List ``people`` (those not in the team); what was typed stays."""
        typed = self.currentText()
        self.blockSignals(True)
        self._names = {person.name.casefold(): person.id for person in people}
        # Each person's line is made once and kept: the team page lists the whole directory
        # again on every change of team, and formatting thousands of percentages in the
        # app's locale (QLocale()) was a tenth of a team switch.
        locale = QLocale().name()
        if locale != self._locale or len(self._lines) > MAX_KEPT_LINES:
            self._lines.clear()
            self._locale = locale
        fully_allocated = self.tr("fully allocated")
        free_text = self.tr("{free} free")
        items = []
        for person in people:
            free = 100.0 - allocations.get(person.id, 0.0)
            home = disciplines.get(person.discipline_id) if person.discipline_id else None
            key = (person.name, home, free)
            text = self._lines.get(key)
            if text is None:
                room = free_text.format(free=percent(free)) if free > 0 else fully_allocated
                text = f"{person.name} — {home}, {room}" if home else f"{person.name} — {room}"
                self._lines[key] = text
            items.append((text, person.id))
        self._choices.set_items(items)
        self.setCurrentIndex(-1)
        self.setEditText(typed)
        self.blockSignals(False)

    def picked(self) -> uuid.UUID | None:
        """The listed person the field names (an item, or exactly their name); None: someone
        not listed, who may be new to the plan or already in the team."""
        text = self.currentText().strip()
        found = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if found >= 0:
            value = self.itemData(found)
            return value if isinstance(value, uuid.UUID) else None
        return self._names.get(text.casefold())


def new_member(plan: Plan, team_id: uuid.UUID, name: str, label: str) -> Batch:
    """A new person and their membership of the team at 100 %, as one undoable step."""
    return replace(plan.memberships.create_with_new_person(team_id, name), label=label)
