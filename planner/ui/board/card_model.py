"""One board column's item model: the team cards of a stage, and dragging them as data."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from planner.domain.progress import format_progress
from planner.services.topology import TeamCard
from planner.ui.texts import topology_name
from planner.ui.tree_model import ROOT, AnyIndex

# A private format: a card dropped on another app (or another app's data dropped here) means
# nothing, so neither side accepts the other's drags.
MIME_TYPE = "application/x-okr-planner-team"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Board", text)


def people_text(count: int) -> str:
    return _tr("1 person") if count == 1 else _tr("{count} people").format(count=count)


def card_subtitle(card: TeamCard) -> str:
    return _tr("{type} · {people}").format(
        type=topology_name(card.topology), people=people_text(card.headcount)
    )


def missing_text(card: TeamCard) -> str:
    return _tr("Missing: {names}").format(names=", ".join(card.missing))


def card_text(card: TeamCard) -> str:
    """Everything a card says, line by line: what screen readers and tests read."""
    lines = [card.name, card_subtitle(card)]
    if card.disciplines:
        lines.append(_tr("Skills: {names}").format(names=", ".join(card.disciplines)))
    if card.missing:
        lines.append(missing_text(card))
    lines.append(_tr("Progress {value}").format(value=format_progress(card.progress)))
    return "\n".join(lines)


def encode_team(team_id: uuid.UUID) -> QMimeData:
    data = QMimeData()
    data.setData(MIME_TYPE, QByteArray(str(team_id).encode("ascii")))
    return data


def decode_team(data: QMimeData | None) -> uuid.UUID | None:
    if data is None or not data.hasFormat(MIME_TYPE):
        return None
    try:
        return uuid.UUID(bytes(data.data(MIME_TYPE).data()).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return None


class CardListModel(QAbstractListModel):
    """The cards of one stage, top to bottom, as the service built them.

    Thin: a drop does not change the rows. It emits ``move_requested(team id, stage id,
    index)`` (index among the stage's *other* teams, as ``plan.teams.move`` counts) and the
    rows come back moved once the plan changed.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1  # uuid.UUID of the team
    CardRole = Qt.ItemDataRole.UserRole + 2  # the TeamCard itself, for the delegate
    ProgressRole = Qt.ItemDataRole.UserRole + 3  # float | None, the raw fraction

    move_requested = Signal(object, object, int)

    def __init__(self, stage_id: uuid.UUID, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self._cards: tuple[TeamCard, ...] = ()
        self._editable = True

    # ---- filling --------------------------------------------------------------------------

    def set_rows(self, cards: Sequence[TeamCard]) -> None:
        self.beginResetModel()
        self._cards = tuple(cards)
        self.endResetModel()

    def update_rows(self, cards: Sequence[TeamCard]) -> None:
        """Take new cards: in place (dataChanged) when the same teams are in the same order, so
        the view keeps its scroll position and selection; a reset otherwise."""
        cards = tuple(cards)
        if [card.id for card in cards] != [card.id for card in self._cards]:
            self.set_rows(cards)
            return
        old, self._cards = self._cards, cards
        for row, (before, after) in enumerate(zip(old, cards, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(row), self.index(row))

    def rows(self) -> tuple[TeamCard, ...]:
        return self._cards

    def row_of(self, team_id: uuid.UUID | None) -> int:
        for row, card in enumerate(self._cards):
            if card.id == team_id:
                return row
        return -1

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    # ---- QAbstractItemModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return card_text(card)
        if role == self.IdRole:
            return card.id
        if role == self.CardRole:
            return card
        if role == self.ProgressRole:
            return card.progress
        if role == Qt.ItemDataRole.ToolTipRole:
            hint = (
                _tr("Double-click or press Enter to open the team; drag the card to move it.")
                if self._editable
                else _tr("Double-click or press Enter to open the team.")
            )
            return f"{card_text(card)}\n\n{hint}"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # The column itself takes drops (between or below cards); cards never do, so a
            # drop always lands between two cards instead of "on" one.
            return Qt.ItemFlag.ItemIsDropEnabled if self._editable else Qt.ItemFlag.NoItemFlags
        flags = super().flags(index) | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # ---- drag and drop --------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if not rows:
            return QMimeData()  # nothing to carry: no drop accepts it
        return encode_team(self._cards[rows[0]].id)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return (
            self._editable
            and action in (Qt.DropAction.MoveAction, Qt.DropAction.IgnoreAction)
            and decode_team(data) is not None
        )

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        team_id = decode_team(data)
        if team_id is None:
            return False
        if parent.isValid():
            row = parent.row()  # dropped on a card: in its place, pushing it down
        if not 0 <= row <= len(self._cards):
            row = len(self._cards)  # on the empty space below the cards: at the end
        own = self.row_of(team_id)
        # plan.teams.move counts places among the stage's other teams: a card moved down its
        # own column leaves a gap above the drop point.
        index = row - 1 if 0 <= own < row else row
        self.move_requested.emit(team_id, self.stage_id, index)
        return True

    # removeRows is deliberately not implemented (the base refuses): after a move between
    # columns the source view asks its model to remove the dragged card, and only the plan's
    # change may do that.
