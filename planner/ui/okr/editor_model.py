"""The editable OKR tree's item model: objectives → key results over the service's nodes.

A thin model: it shows :class:`ObjectiveNode` / :class:`KeyResultNode` and turns edits and
drops into requests (signals) that the editor widget carries out through the document. It
never reads or writes the plan itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from planner.domain.progress import format_progress
from planner.services.okr_tree import KeyResultNode, ObjectiveNode
from planner.ui.navigator_model import swatch
from planner.ui.okr import formatting as fmt
from planner.ui.progress_delegate import BAND_COLOURS
from planner.ui.texts import format_date
from planner.ui.tree_model import ROOT, AnyIndex, TwoLevelModel
from planner.ui.widgets import CellLook

OBJECTIVE = "objective"
KEY_RESULT = "key_result"
MIME_TYPE = "application/x-okr-planner-okr-row"
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)

Node = ObjectiveNode | KeyResultNode


def _tr(text: str) -> str:
    return QCoreApplication.translate("OkrEditorModel", text)


class OkrEditorModel(TwoLevelModel):
    """Objectives with their key results in eight columns.

    ``edit_requested(kind, id, changes)`` asks for an update of one row (``changes`` maps
    service field names to what the person entered, numbers still as typed).
    ``move_requested(kind, id, index)`` asks to move a row to ``index`` among its siblings.
    """

    TITLE, OWNER, MEASURE, CURRENT, PROGRESS, GRADE, CONFIDENCE, ON_TRACK = range(8)
    COLUMNS = 8
    NUMERIC = frozenset({MEASURE, CURRENT, PROGRESS, GRADE, CONFIDENCE})

    KindRole = Qt.ItemDataRole.UserRole + 1  # OBJECTIVE or KEY_RESULT
    IdRole = Qt.ItemDataRole.UserRole + 2
    ProgressRole = Qt.ItemDataRole.UserRole + 3  # raw fraction: 1.2 is an over-achieved 120 %
    NodeRole = Qt.ItemDataRole.UserRole + 4  # the service's node (record and figures)
    ClampedTextRole = Qt.ItemDataRole.UserRole + 5  # "100 %"
    RawTextRole = Qt.ItemDataRole.UserRole + 6  # "(120 %)" outside 0–100 %, else ""

    edit_requested = Signal(str, object, object)
    move_requested = Signal(str, object, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._objectives: tuple[ObjectiveNode, ...] = ()
        # The ids shown, row by row; None when the next rows must reset the model.
        self._shape: list[tuple[uuid.UUID, tuple[uuid.UUID, ...]]] | None = None
        self._changed: list[Node] | None = None  # see changed_rows()
        self._elapsed = 0.0
        self._editable = False
        self._team_level = True

    # ---- rows -----------------------------------------------------------------------------

    def set_rows(
        self, objectives: Iterable[ObjectiveNode], elapsed: float, team_level: bool = True
    ) -> bool:
        """Show ``objectives``; True when the model was reset (rows added, removed or moved).

        Rows whose ids and order are unchanged are updated in place: an open editor, the
        current item and the scroll position survive a check-in or a rename elsewhere.
        """
        objectives = tuple(objectives)
        shape = [(o.record.id, tuple(k.record.id for k in o.key_results)) for o in objectives]
        # Tooltips read the time elapsed and the level: when they change, every row does.
        everything = (elapsed, team_level) != (self._elapsed, self._team_level)
        self._elapsed = elapsed
        self._team_level = team_level
        if shape == self._shape:
            before, self._objectives = self._objectives, objectives
            self._changed = []
            # Only the rows whose figures changed: a check-in changes one key result and its
            # objective, and every row said to change is measured and painted again.
            last = self.COLUMNS - 1
            for row, (old, new) in enumerate(zip(before, objectives, strict=True)):
                if old == new and not everything:
                    continue
                self._changed.append(new)
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
                changed = [
                    child
                    for child, (was, now) in enumerate(
                        zip(old.key_results, new.key_results, strict=True)
                    )
                    if was != now or everything
                ]
                if changed:
                    self._changed.extend(new.key_results[child] for child in changed)
                    parent = self.index(row, 0)
                    self.dataChanged.emit(
                        self.index(changed[0], 0, parent), self.index(changed[-1], last, parent)
                    )
            return False
        self.beginResetModel()
        self._objectives = objectives
        self._shape = shape
        self._changed = None
        self.endResetModel()
        return True

    def changed_rows(self) -> list[Node] | None:
        """The rows the last :meth:`set_rows` updated in place; None after a reset (all)."""
        return self._changed

    def rows(self) -> tuple[ObjectiveNode, ...]:
        return self._objectives

    def set_editable(self, editable: bool) -> None:
        if editable != self._editable:
            self._shape = None  # every row's flags change: the next rows reset the model
        self._editable = editable

    def node(self, index: AnyIndex) -> Node | None:
        if not index.isValid():
            return None
        if self.is_top(index):
            return self._objectives[index.row()]
        return self._objectives[self.top_row_of(index)].key_results[index.row()]

    def index_of(self, kind: str, row_id: uuid.UUID | None, column: int = 0) -> QModelIndex:
        for row, objective in enumerate(self._objectives):
            if kind == OBJECTIVE and objective.record.id == row_id:
                return self.index(row, column)
            if kind == KEY_RESULT:
                for child, result in enumerate(objective.key_results):
                    if result.record.id == row_id:
                        return self.index(child, column, self.index(row, 0))
        return QModelIndex()

    def siblings(self, kind: str, row_id: uuid.UUID) -> list[uuid.UUID]:
        """The ids of the row's siblings (itself included), in order."""
        if kind == OBJECTIVE:
            return [o.record.id for o in self._objectives]
        for objective in self._objectives:
            ids = [k.record.id for k in objective.key_results]
            if row_id in ids:
                return ids
        return []

    # ---- QAbstractItemModel ---------------------------------------------------------------

    def top_count(self) -> int:
        return len(self._objectives)

    def child_count(self, top_row: int) -> int:
        return len(self._objectives[top_row].key_results)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # The root takes dropped objectives.
            return Qt.ItemFlag.ItemIsDropEnabled if self._editable else Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        if not self._editable:
            return flags
        flags |= Qt.ItemFlag.ItemIsDragEnabled
        node = self.node(index)
        if isinstance(node, ObjectiveNode):
            flags |= Qt.ItemFlag.ItemIsDropEnabled  # its key results are dropped into it
        if self._is_editable(node, index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _is_editable(self, node: Node | None, column: int) -> bool:
        if column in (self.TITLE, self.OWNER):
            return True
        return column == self.MEASURE and isinstance(node, KeyResultNode)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == self.KindRole:
            return OBJECTIVE if isinstance(node, ObjectiveNode) else KEY_RESULT
        if role == self.IdRole:
            return node.record.id
        if role == self.NodeRole:
            return node
        if role == self.ProgressRole:
            return _raw_progress(node) if column == self.PROGRESS else None
        if role in (self.ClampedTextRole, self.RawTextRole):
            return self._progress_part(node, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(node, column)
        if role == Qt.ItemDataRole.EditRole:
            return node.record.title if column == self.TITLE else self._text(node, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in self.NUMERIC:
                return _RIGHT
            return _CENTER if column == self.ON_TRACK else None
        if role == Qt.ItemDataRole.FontRole and self._is_bold(node, column):
            return self._bold_font()
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ON_TRACK:
            if node.on_track is None:
                return None
            return fmt.status_colour(node.on_track)
        if role == Qt.ItemDataRole.DecorationRole and self._has_swatch(node, column):
            assert node.band is not None
            return swatch(BAND_COLOURS[node.band].name())
        return None

    def _is_bold(self, node: Node, column: int) -> bool:
        # Objectives stand out; a thin ✓ is too faint to scan.
        return isinstance(node, ObjectiveNode) or column == self.ON_TRACK

    def _bold_font(self) -> QFont:
        font = QFont()
        font.setBold(True)
        return font

    def _has_swatch(self, node: Node, column: int) -> bool:
        return column == self.GRADE and bool(node.band)

    def looks(self, column: int, only: Iterable[Node] | None = None) -> Iterator[CellLook]:
        """Every row's cell in ``column`` (or only those of the rows ``only``) as it is drawn:
        text, font, swatch or none; each objective's before its key results'. What a column
        is fitted to (:class:`FittedColumns`), without a call per cell and role."""
        bold = self._bold_font()
        wanted = None if only is None else {id(node) for node in only}
        for row, objective in enumerate(self._objectives):
            nodes: tuple[Node, ...] = (objective, *objective.key_results)
            for child, node in enumerate(nodes, start=-1):
                if wanted is not None and id(node) not in wanted:
                    continue
                yield (
                    self._text(node, column),
                    bold if self._is_bold(node, column) else None,
                    self._has_swatch(node, column),
                    partial(self._cell, row, child, column),
                )

    def _cell(self, row: int, child: int, column: int) -> QModelIndex:
        """The index of an objective's cell (``child`` -1) or of its key result's."""
        if child < 0:
            return self.index(row, column)
        return self.index(child, column, self.index(row, 0))

    def _text(self, node: Node, column: int) -> str:
        if column == self.TITLE:
            return fmt.title_text(node)
        if column == self.OWNER:
            return node.owner
        if column == self.PROGRESS:
            return self._progress_part(node, self.ClampedTextRole) + (
                f" {raw}" if (raw := self._progress_part(node, self.RawTextRole)) else ""
            )
        if column == self.GRADE:
            return fmt.grade_text(node.grade)
        if column == self.CONFIDENCE:
            return fmt.confidence_text(node)
        if column == self.ON_TRACK:
            return fmt.on_track_text(node.on_track)
        if isinstance(node, KeyResultNode):
            if column == self.MEASURE:
                return fmt.measure_text(node.record)
            if column == self.CURRENT:
                return fmt.value_text(node.record, node.status.current)
        return ""

    def _progress_part(self, node: Node, role: int) -> str:
        if isinstance(node, ObjectiveNode):
            # Objectives roll up clamped progress: never outside 0–100 %.
            return format_progress(node.progress) if role == self.ClampedTextRole else ""
        clamped, raw = fmt.progress_parts(node.status.progress)
        return clamped if role == self.ClampedTextRole else raw

    def _tooltip(self, node: Node, column: int) -> str:
        if column == self.TITLE:
            return fmt.title_tooltip(node, self._team_level)
        if column == self.PROGRESS:
            return fmt.progress_tooltip(node)
        if column == self.GRADE:
            if node.grade is None or node.band is None:
                return self.tr("No grade yet: nothing measured.")
            return self.tr("Grade {grade}, {band}").format(
                grade=fmt.grade_text(node.grade), band=fmt.band_name(node.band)
            )
        if column == self.CONFIDENCE and isinstance(node, ObjectiveNode):
            return self.tr("The lowest latest confidence among its key results")
        if column == self.CURRENT and isinstance(node, KeyResultNode):
            day = node.status.last_check_in
            return (
                self.tr("Latest check-in: {date}").format(date=format_date(day))
                if day
                else self.tr("No check-in yet")
            )
        if column == self.ON_TRACK:
            value = node.progress if isinstance(node, ObjectiveNode) else _raw_progress(node)
            return fmt.on_track_tooltip(value, node.on_track, self._elapsed)
        return self._text(node, column)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or not self._editable:
            return False
        changes = dict(value) if isinstance(value, Mapping) else {"title": str(value)}
        if not changes:
            return False
        kind = OBJECTIVE if isinstance(node, ObjectiveNode) else KEY_RESULT
        self.edit_requested.emit(kind, node.record.id, changes)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt.column_headers()[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return fmt.column_headers()[section][1]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMERIC:
            return _RIGHT
        return None

    # ---- drag and drop: reordering within the same parent ---------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        node = self.node(indexes[0]) if indexes else None
        if node is not None:
            kind = OBJECTIVE if isinstance(node, ObjectiveNode) else KEY_RESULT
            data.setData(MIME_TYPE, QByteArray(f"{kind}:{node.record.id}".encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        target = self._drop_target(data, row, parent)
        if target is None or action != Qt.DropAction.MoveAction:
            return False
        kind, row_id, index = target
        self.move_requested.emit(kind, row_id, index)
        return True

    def _drop_target(
        self, data: QMimeData, row: int, parent: AnyIndex = ROOT
    ) -> tuple[str, uuid.UUID, int] | None:
        """(kind, id, new index among its siblings) for a drop, or None when it would leave
        its parent: a key result stays with its objective."""
        if not self._editable or not data.hasFormat(MIME_TYPE):
            return None
        kind, _, text = bytes(data.data(MIME_TYPE).data()).decode().partition(":")
        try:
            row_id = uuid.UUID(text)
        except ValueError:
            return None
        siblings = self.siblings(kind, row_id)
        if row_id not in siblings:
            return None
        if kind == OBJECTIVE:
            if parent.isValid() and not self.is_top(parent):
                return None
            if parent.isValid():  # dropped onto an objective: take its place
                row = parent.row()
        else:
            if not parent.isValid():
                return None
            if not self.is_top(parent):  # dropped onto a key result: take its place
                row, parent = parent.row(), parent.parent()
            node = self.node(parent)
            if not isinstance(node, ObjectiveNode) or row_id not in {
                k.record.id for k in node.key_results
            }:
                return None
        old = siblings.index(row_id)
        new = len(siblings) if row < 0 else row
        if new > old:
            new -= 1  # the row leaves its old place first
        new = min(new, len(siblings) - 1)
        return (kind, row_id, new) if new != old else None


def _raw_progress(node: Node) -> float | None:
    if isinstance(node, ObjectiveNode):
        return node.progress
    return node.status.progress.raw
