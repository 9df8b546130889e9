"""The navigator's item model: funnel stages, each with its teams, and their progress."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from planner.domain.progress import format_progress
from planner.domain.text import plural
from planner.ui.tree_model import CHILD_FLAGS, TOP_FLAGS, AnyIndex, TwoLevelModel

STAGE = "stage"
TEAM = "team"

_EDITABLE_TOP = TOP_FLAGS | Qt.ItemFlag.ItemIsEditable  # names are renamed in place
_EDITABLE_CHILD = CHILD_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True)
class TeamRow:
    id: uuid.UUID
    name: str
    progress: float | None
    color: str | None = None


@dataclass(frozen=True)
class StageRow:
    id: uuid.UUID
    name: str
    progress: float | None
    teams: tuple[TeamRow, ...] = ()


class NavigatorModel(TwoLevelModel):
    """Stages → teams, two columns: name and progress in the period on show.

    Thin: it shows the rows it is given. Editing a name does not change the model; it emits
    ``rename_requested(kind, id, name)`` and the rows come back renamed once the plan changed.
    """

    NAME = 0
    PROGRESS = 1
    COLUMNS = 2

    KindRole = Qt.ItemDataRole.UserRole + 1  # "stage" or "team"
    IdRole = Qt.ItemDataRole.UserRole + 2  # uuid.UUID
    ProgressRole = Qt.ItemDataRole.UserRole + 3  # float | None, the raw fraction

    rename_requested = Signal(str, object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stages: tuple[StageRow, ...] = ()
        self._editable = True
        self._progress_title = self.tr("Progress")
        self._progress_tooltip = ""

    # ---- filling --------------------------------------------------------------------------

    def set_rows(self, stages: list[StageRow] | tuple[StageRow, ...]) -> None:
        self.beginResetModel()
        self._stages = tuple(stages)
        self.endResetModel()

    def update_rows(self, stages: list[StageRow] | tuple[StageRow, ...]) -> None:
        """Take new rows: in place (dataChanged) when only names or progress changed,
        a reset when stages or teams were added, removed or moved."""
        stages = tuple(stages)
        if _shape(stages) != _shape(self._stages):
            self.set_rows(stages)
            return
        old, self._stages = self._stages, stages
        last = self.COLUMNS - 1
        for row, (before, after) in enumerate(zip(old, stages, strict=True)):
            if (before.name, before.progress) != (after.name, after.progress):
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            parent = self.index(row, 0)
            for team_row, (was, now) in enumerate(zip(before.teams, after.teams, strict=True)):
                if was != now:
                    self.dataChanged.emit(
                        self.index(team_row, 0, parent), self.index(team_row, last, parent)
                    )

    def update_progress(
        self,
        stage_progress: Callable[[uuid.UUID], float | None],
        team_progress: Callable[[uuid.UUID], float | None],
    ) -> None:
        """New progress figures for the rows shown, whose names and order stay (a check-in
        changes nothing else): only the rows whose figure changed are made again and
        announced, not every team of a large plan."""
        stages = list(self._stages)
        changed: list[tuple[int, int | None]] = []  # (stage row, team row or None)
        for row, stage in enumerate(stages):
            teams: list[TeamRow] | None = None
            for team_row, team in enumerate(stage.teams):
                value = team_progress(team.id)
                if value != team.progress:
                    teams = teams if teams is not None else list(stage.teams)
                    teams[team_row] = TeamRow(team.id, team.name, value, team.color)
                    changed.append((row, team_row))
            value = stage_progress(stage.id)
            if value != stage.progress:
                changed.append((row, None))
            if teams is not None or value != stage.progress:
                new_teams = tuple(teams) if teams is not None else stage.teams
                stages[row] = StageRow(stage.id, stage.name, value, new_teams)
        self._stages = tuple(stages)
        last = self.COLUMNS - 1
        for stage_row, child in changed:  # whole rows, as update_rows announces them
            if child is None:
                self.dataChanged.emit(self.index(stage_row, 0), self.index(stage_row, last))
            else:
                parent = self.index(stage_row, 0)
                self.dataChanged.emit(self.index(child, 0, parent), self.index(child, last, parent))

    def rows(self) -> tuple[StageRow, ...]:
        return self._stages

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def set_progress_title(self, title: str, tooltip: str = "") -> None:
        self._progress_tooltip = tooltip
        if title == self._progress_title:
            return  # a new title lays the header out and repaints every row shown
        self._progress_title = title
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.PROGRESS, self.PROGRESS)

    def index_of(self, kind: str, row_id: uuid.UUID) -> QModelIndex:
        for stage_row, stage in enumerate(self._stages):
            if kind == STAGE and stage.id == row_id:
                return self.index(stage_row, 0)
            if kind == TEAM:
                for team_row, team in enumerate(stage.teams):
                    if team.id == row_id:
                        return self.index(team_row, 0, self.index(stage_row, 0))
        return QModelIndex()

    def row_at(self, index: AnyIndex) -> StageRow | TeamRow | None:
        if not index.isValid():
            return None
        if self.is_top(index):
            return self._stages[index.row()]
        return self._stages[self.top_row_of(index)].teams[index.row()]

    # ---- QAbstractItemModel ---------------------------------------------------------------

    def top_count(self) -> int:
        return len(self._stages)

    def child_count(self, top_row: int) -> int:
        return len(self._stages[top_row].teams)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if index.isValid() and self._editable and index.column() == self.NAME:
            return _EDITABLE_TOP if self.is_top(index) else _EDITABLE_CHILD
        return super().flags(index)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index)
        if item is None:
            return None
        kind = STAGE if isinstance(item, StageRow) else TEAM
        column = index.column()
        if role == self.KindRole:
            return kind
        if role == self.IdRole:
            return item.id
        if role == self.ProgressRole:
            return item.progress
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return item.name if column == self.NAME else format_progress(item.progress)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.PROGRESS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            if isinstance(item, TeamRow) and item.color:
                return swatch(item.color)
            return None
        if role == Qt.ItemDataRole.FontRole and kind == STAGE:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.row_at(index)
        if item is None or role != Qt.ItemDataRole.EditRole or index.column() != self.NAME:
            return False
        name = str(value)
        if name == item.name:
            return False
        kind = STAGE if isinstance(item, StageRow) else TEAM
        self.rename_requested.emit(kind, item.id, name)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Stage / team") if section == self.NAME else self._progress_title
        if role == Qt.ItemDataRole.ToolTipRole and section == self.PROGRESS:
            return self._progress_tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and section == self.PROGRESS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _tooltip(self, item: StageRow | TeamRow) -> str:
        progress = format_progress(item.progress)
        if isinstance(item, StageRow):
            return self.tr("Stage {name}: {teams}, progress {progress}").format(
                name=item.name,
                teams=plural(len(item.teams), self.tr("team"), self.tr("teams")),
                progress=progress,
            )
        return self.tr("Team {name}: progress {progress}").format(name=item.name, progress=progress)


SWATCH_SIZE = 12
_swatches: dict[tuple[str, int], QIcon] = {}


def swatch(color: str, size: int = SWATCH_SIZE) -> QIcon:
    """A round icon in a team's colour (one per colour and size, made on first use)."""
    icon = _swatches.get((color, size))
    if icon is None:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.end()
        icon = QIcon(pixmap)
        # The colour names the team: keep it on a selected row too, where Qt would tint it.
        icon.addPixmap(pixmap, QIcon.Mode.Selected)
        _swatches[(color, size)] = icon
    return icon


def _shape(stages: tuple[StageRow, ...]) -> list[tuple[uuid.UUID, tuple[uuid.UUID, ...]]]:
    return [(stage.id, tuple(team.id for team in stage.teams)) for stage in stages]
