"""The contributions of one note as the editor holds them: who earned what share, by what touch.

Nothing here touches the plan: the rows are a draft the note editor saves as one edit.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from planner.domain.attribution import WHOLE
from planner.domain.validation import ValidationError, parse_number
from planner.domain.values import TouchKind
from planner.ui.journal.choices import ValueCombo
from planner.ui.journal.labels import deleted_team, percent, touch_name
from planner.ui.tree_model import ROOT, AnyIndex
from planner.ui.widgets import RoomyDelegate

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class ContributionDraft:
    """One row as typed: ``id`` is None for a row not saved yet, ``share`` the text typed."""

    id: uuid.UUID | None
    team_id: uuid.UUID | None
    touch: TouchKind
    share: str
    note: str = ""


def read_percent(text: str, field: str) -> float:
    """A share as the person's locale writes it ("12,5", "20 %"); empty reads as 0."""
    if not text.strip():
        return 0.0
    return parse_number(text, field, QLocale().decimalPoint())


class ContributionsModel(QAbstractTableModel):
    """The draft rows, editable in place. ``ValueRole`` carries a cell's value (team id, kind
    of touch, share text, note) for the combo delegate; ``edited`` follows every change."""

    TEAM, TOUCH, SHARE, NOTE = range(4)
    ValueRole = Qt.ItemDataRole.UserRole + 2
    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ContributionDraft] = []
        self._teams: list[tuple[uuid.UUID, str]] = []

    # ---- the rows -------------------------------------------------------------------------

    def set_teams(self, teams: Sequence[tuple[uuid.UUID, str]]) -> None:
        """The teams a share can go to, as (id, label), in the order the combo lists them."""
        self._teams = list(teams)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.TEAM), self.index(len(self._rows) - 1, 0))

    def set_drafts(self, drafts: list[ContributionDraft]) -> None:
        self.beginResetModel()
        self._rows = list(drafts)
        self.endResetModel()

    def drafts(self) -> list[ContributionDraft]:
        return list(self._rows)

    def add(self, draft: ContributionDraft) -> int:
        row = len(self._rows)
        self.beginInsertRows(ROOT, row, row)
        self._rows.append(draft)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(ROOT, row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.edited.emit()

    def choices(self, column: int) -> list[tuple[Any, str]]:
        if column == self.TEAM:
            return list(self._teams)
        if column == self.TOUCH:
            return [(touch, touch_name(touch)) for touch in TouchKind]
        return []

    def team_label(self, team_id: uuid.UUID | None) -> str:
        if team_id is None:
            return ""
        return next((label for key, label in self._teams if key == team_id), deleted_team())

    # ---- the model ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else 4

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        draft = self._rows[index.row()]
        column = index.column()
        if role == self.ValueRole:
            return (draft.team_id, draft.touch, draft.share, draft.note)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(draft, column)
        if role == Qt.ItemDataRole.EditRole:
            return draft.share if column == self.SHARE else self._display(draft, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(draft, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SHARE:
            return _RIGHT
        return None

    def _display(self, draft: ContributionDraft, column: int) -> str:
        if column == self.TEAM:
            if draft.team_id is None:
                return deleted_team() if draft.id is not None else self.tr("Choose a team…")
            return self.team_label(draft.team_id)
        if column == self.TOUCH:
            return touch_name(draft.touch)
        if column == self.SHARE:
            try:
                return percent(read_percent(draft.share, "Share"))
            except ValidationError:
                return draft.share  # shown as typed; the total line says what is wrong
        return draft.note

    def _tooltip(self, draft: ContributionDraft, column: int) -> str | None:
        tips = {
            self.TEAM: self.tr("The team that earned this share (F2 or double-click to choose)"),
            self.TOUCH: self.tr("How the team touched the customer: support, UX, sales…"),
            self.SHARE: self.tr("Percent of the credit for this outcome, 0 to 100"),
            self.NOTE: draft.note or self.tr("A few words on what the team did"),
        }
        return tips.get(column)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, self.ValueRole):
            return False
        draft = self._rows[index.row()]
        column = index.column()
        if column == self.TEAM:
            if not isinstance(value, uuid.UUID):
                return False
            changed = replace(draft, team_id=value)
        elif column == self.TOUCH:
            if not isinstance(value, TouchKind):
                return False
            changed = replace(draft, touch=value)
        elif column == self.SHARE:
            changed = replace(draft, share=str(value).strip())
        else:
            changed = replace(draft, note=str(value))
        if changed == draft:
            return True
        self._rows[index.row()] = changed
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 4:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Team"), self.tr("Touch"), self.tr("Share"), self.tr("Note")][section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if section == self.SHARE:
                return _RIGHT
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


class ChoiceDelegate(RoomyDelegate):
    """A combo box over the model's ``choices(column)``; picking an item commits it at once."""

    def __init__(self, value_role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._role = value_role

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = ValueCombo(parent)
        model = index.model()
        if isinstance(model, ContributionsModel):
            combo.set_items(model.choices(index.column()))
        combo.activated.connect(lambda _row: self._commit(combo))
        return combo

    def _commit(self, combo: ValueCombo) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, ValueCombo) and not editor.set_value(index.data(self._role)):
            editor.setCurrentIndex(0 if editor.count() else -1)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, ValueCombo) and editor.currentIndex() >= 0:
            model.setData(index, editor.value(), self._role)


@dataclass(frozen=True)
class CreditTotal:
    """The live total under the table; ``problem`` says what keeps it from being whole."""

    shares: float
    unattributed: float
    problem: str = ""

    @property
    def total(self) -> float:
        return self.shares + self.unattributed

    @property
    def whole(self) -> bool:
        return not self.problem and math.isclose(self.total, WHOLE, abs_tol=0.01)

    @property
    def remainder(self) -> float:
        return WHOLE - self.total


def credit_total(drafts: list[ContributionDraft], unattributed: str) -> CreditTotal:
    """Add up what was typed; an unreadable share is named (with its row) instead of summed."""
    shares = 0.0
    for row, draft in enumerate(drafts, start=1):
        try:
            shares += read_percent(draft.share, f"Share in row {row}")
        except ValidationError as error:
            return CreditTotal(shares, 0.0, str(error))
    try:
        rest = read_percent(unattributed, "Unattributed share")
    except ValidationError as error:
        return CreditTotal(shares, 0.0, str(error))
    return CreditTotal(shares, rest)
