"""The skills coverage matrix's models: teams and stage totals × disciplines, and the sort that
keeps stages together. (Here, beside the board, with the other topology views' models; the
page itself is :mod:`planner.ui.coverage_page`.)"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPainter, QPalette, QPen, QPixmap

from planner.services.topology import Coverage, CoverageCell
from planner.ui.texts import format_number
from planner.ui.tree_model import ROOT, AnyIndex

_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
TEAM = "team"
STAGE = "stage"
HEADCOUNT = "headcount"
FTE = "fte"


@dataclass(frozen=True)
class CoverageRow:
    """A team's row, or its stage's total row (kind "stage"), with one cell per discipline."""

    kind: str
    id: uuid.UUID
    name: str
    stage_order: int
    cells: tuple[CoverageCell, ...]
    stage_name: str = ""
    team_count: int = 0  # on a stage's total row: how many teams it sums


def coverage_rows(coverage: Coverage) -> list[CoverageRow]:
    """Each stage's teams in plan order, then the stage's total row (also for a stage with no
    team yet: its zeros are the gap)."""
    rows: list[CoverageRow] = []
    ids = [discipline[0] for discipline in coverage.disciplines]
    for order, (stage_id, stage_name) in enumerate(coverage.stages):
        teams = [(t, name) for t, name, stage in coverage.teams if stage == stage_id]
        for team_id, team_name in teams:
            cells = tuple(coverage.cell(team_id, d) for d in ids)
            rows.append(CoverageRow(TEAM, team_id, team_name, order, cells, stage_name))
        totals = tuple(coverage.stage_total(stage_id, d) for d in ids)
        rows.append(CoverageRow(STAGE, stage_id, stage_name, order, totals, stage_name, len(teams)))
    return rows


# (background, hatch lines, text) of a gap cell, for light and for dark palettes.
_GAP_LIGHT = ("#F9DEDA", "#EBB3AC", "#8C1D18")  # dark red text on the pale hatch: above 7:1
_GAP_DARK = ("#3F1D1A", "#5A2823", "#FFB4AB")  # light red on the dark hatch: above 7:1
_hatches: dict[str, QBrush] = {}


def _dark_palette() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5


def gap_colours() -> tuple[str, str, str]:
    return _GAP_DARK if _dark_palette() else _GAP_LIGHT


def gap_brush() -> QBrush:
    """A red tint with diagonal hatching: a gap stands out in colour, in grey print, and to
    people who do not see red."""
    background, lines, _text = gap_colours()
    brush = _hatches.get(background)
    if brush is None:
        tile = QPixmap(8, 8)
        tile.fill(QColor(background))
        painter = QPainter(tile)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(lines), 1.4))
        painter.drawLine(0, 8, 8, 0)
        painter.drawLine(-4, 4, 4, -4)
        painter.drawLine(4, 12, 12, 4)
        painter.end()
        brush = _hatches[background] = QBrush(tile)
    return brush


class CoverageModel(QAbstractTableModel):
    """Rows of teams and stage totals × one column per discipline, after the name column.

    Thin: it shows the rows it is given. The mode (head-count or FTE) only changes how cells
    read and sort, so switching it is a dataChanged, not a reset.
    """

    NAME = 0

    IdRole = Qt.ItemDataRole.UserRole + 1  # uuid.UUID of the team or stage
    KindRole = Qt.ItemDataRole.UserRole + 2  # "team" or "stage" (a stage's total row)
    SortRole = Qt.ItemDataRole.UserRole + 3  # name (folded), head-count or FTE, by the mode
    GapRole = Qt.ItemDataRole.UserRole + 4  # True: a required discipline the team lacks
    StageOrderRole = Qt.ItemDataRole.UserRole + 5  # the stage's place in the funnel
    CellRole = Qt.ItemDataRole.UserRole + 6  # the raw CoverageCell

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._disciplines: tuple[tuple[uuid.UUID, str, bool], ...] = ()
        self._rows: tuple[CoverageRow, ...] = ()
        self._mode = HEADCOUNT

    # ---- filling --------------------------------------------------------------------------

    def set_rows(
        self, disciplines: tuple[tuple[uuid.UUID, str, bool], ...], rows: list[CoverageRow]
    ) -> None:
        self.beginResetModel()
        self._disciplines = tuple(disciplines)
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[CoverageRow, ...]:
        return self._rows

    def disciplines(self) -> tuple[tuple[uuid.UUID, str, bool], ...]:
        return self._disciplines

    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        if mode == self._mode:
            return
        self._mode = mode
        if self._rows and self._disciplines:
            last = self.index(len(self._rows) - 1, len(self._disciplines))
            self.dataChanged.emit(self.index(0, 1), last)

    # ---- QAbstractItemModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else 1 + len(self._disciplines)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == self.IdRole:
            return row.id
        if role == self.KindRole:
            return row.kind
        if role == self.StageOrderRole:
            return row.stage_order
        if role == Qt.ItemDataRole.FontRole and row.kind == STAGE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and row.kind == STAGE:
            # Translucent, so a total row is a shade darker on light and dark palettes alike.
            return QBrush(QColor(127, 127, 127, 40))
        if column == self.NAME:
            return self._name_data(row, role)
        if not 0 < column <= len(self._disciplines):
            return None
        return self._cell_data(row, self._disciplines[column - 1], row.cells[column - 1], role)

    def _name_data(self, row: CoverageRow, role: int) -> Any:
        if row.kind == TEAM:
            name = row.name
        elif row.team_count == 1:
            name = self.tr("{stage} total (1 team)").format(stage=row.name)
        else:
            name = self.tr("{stage} total ({count} teams)").format(
                stage=row.name, count=row.team_count
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == self.SortRole:
            return name.casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.kind == STAGE:
                return self.tr("All the teams of the {stage} stage together").format(stage=row.name)
            return self.tr(
                "{team}, a team of the {stage} stage. Double-click or press Enter to open it."
            ).format(team=row.name, stage=row.stage_name)
        return None

    def _cell_data(
        self,
        row: CoverageRow,
        discipline: tuple[uuid.UUID, str, bool],
        cell: CoverageCell,
        role: int,
    ) -> Any:
        _, name, required = discipline
        gap = row.kind == TEAM and required and cell.headcount == 0
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell_text(row, cell, gap)
        if role == self.SortRole:
            return cell.headcount if self._mode == HEADCOUNT else round(cell.fte, 4)
        if role == self.GapRole:
            return gap
        if role == self.CellRole:
            return cell
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRE
        if gap and role == Qt.ItemDataRole.BackgroundRole:
            return gap_brush()
        if gap and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(gap_colours()[2]))
        if gap and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if gap:
                return self.tr(
                    "{team} has nobody with {discipline} skills, a required discipline"
                ).format(team=row.name, discipline=name)
            who = row.name if row.kind == TEAM else self.tr("{stage} stage").format(stage=row.name)
            return self.tr("{who} · {discipline}: {people}, {fte} full-time").format(
                who=who,
                discipline=name,
                people=_people(cell.headcount),
                fte=format_number(round(cell.fte, 2)),
            )
        return None

    def _cell_text(self, row: CoverageRow, cell: CoverageCell, gap: bool) -> str:
        if gap:
            return self.tr("missing")
        fte = format_number(round(cell.fte, 2))
        if cell.headcount == 0:
            # A quiet blank for "not needed here"; totals say 0 so the row reads complete.
            return "" if row.kind == TEAM else "0"
        if self._mode == FTE:
            return self.tr("{fte} FTE").format(fte=fte)
        return self.tr("{count} · {fte} FTE").format(count=cell.headcount, fte=fte)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= len(self._disciplines):
            return None
        if section == self.NAME:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("Team")
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Click to sort the teams of each stage by name")
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return None
        _, name, required = self._disciplines[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("{discipline} *").format(discipline=name) if required else name
        if role == Qt.ItemDataRole.ToolTipRole:
            what = (
                self.tr("{discipline}: required, every team should have these skills")
                if required
                else self.tr("{discipline}: optional")
            ).format(discipline=name)
            return self.tr("{what}. Click to sort the teams of each stage by it.").format(what=what)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRE
        return None


class CoverageSortProxy(QSortFilterProxyModel):
    """Sorts the teams *within* each stage; stages stay in funnel order, totals last.

    A leader reads this matrix stage by stage ("does Activation have enough design?"), so a
    sort that mixed the stages, or split a total from its teams, would break the grouping
    the totals sum. Clicking "Data" therefore ranks each stage's teams by Data, in place.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(CoverageModel.SortRole)
        self.setDynamicSortFilter(True)

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        left_group = _group(left)
        right_group = _group(right)
        if left_group != right_group:
            # Qt sorts descending by asking lessThan(right, left); answering with the order
            # flipped keeps the groups in place whichever way the column sorts.
            if self.sortOrder() == Qt.SortOrder.DescendingOrder:
                return left_group > right_group
            return left_group < right_group
        return bool(super().lessThan(left, right))


def _group(index: QModelIndex | QPersistentModelIndex) -> tuple[int, int]:
    kind = index.data(CoverageModel.KindRole)
    return (int(index.data(CoverageModel.StageOrderRole) or 0), 1 if kind == STAGE else 0)


def _people(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("CoverageModel", "1 person")
    return QCoreApplication.translate("CoverageModel", "{count} people").format(count=count)
