"""Objectives with their key results and progress, as pages show them (read-only).

The rows come from the service's read model (:mod:`planner.services.okr_tree`); this module
only decides how each figure reads.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from planner.domain.progress import format_progress
from planner.domain.values import Commitment, KeyResultKind, ThresholdDirection
from planner.services.okr_tree import KeyResultNode, ObjectiveNode
from planner.ui.progress_delegate import ProgressDelegate
from planner.ui.texts import commitment_name, format_number
from planner.ui.tree_model import AnyIndex, TwoLevelModel
from planner.ui.widgets import RoomyDelegate

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class OkrTreeModel(TwoLevelModel):
    """Objectives → key results in six columns."""

    TITLE, OWNER, NOW, TARGET, CONFIDENCE, PROGRESS = range(6)
    COLUMNS = 6
    NUMERIC = frozenset({NOW, TARGET, CONFIDENCE, PROGRESS})

    KindRole = Qt.ItemDataRole.UserRole + 1  # "objective" or "key_result"
    IdRole = Qt.ItemDataRole.UserRole + 2
    ProgressRole = Qt.ItemDataRole.UserRole + 3  # raw fraction: 1.2 is an over-achieved 120 %

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._objectives: tuple[ObjectiveNode, ...] = ()

    def set_rows(self, objectives: tuple[ObjectiveNode, ...] | list[ObjectiveNode]) -> None:
        self.beginResetModel()
        self._objectives = tuple(objectives)
        self.endResetModel()

    def rows(self) -> tuple[ObjectiveNode, ...]:
        return self._objectives

    def top_count(self) -> int:
        return len(self._objectives)

    def child_count(self, top_row: int) -> int:
        return len(self._objectives[top_row].key_results)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if self.is_top(index):
            item: ObjectiveNode | KeyResultNode = self._objectives[index.row()]
        else:
            item = self._objectives[self.top_row_of(index)].key_results[index.row()]
        if role == self.KindRole:
            return "objective" if isinstance(item, ObjectiveNode) else "key_result"
        if role == self.IdRole:
            return item.record.id
        if role == self.ProgressRole:
            return _progress(item)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and isinstance(item, ObjectiveNode):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, item: ObjectiveNode | KeyResultNode, column: int) -> str:
        if column == self.TITLE:
            commitment = item.record.commitment if isinstance(item, ObjectiveNode) else None
            if commitment is Commitment.ASPIRATIONAL:
                return f"{item.record.title} ({commitment_name(commitment).lower()})"
            return item.record.title
        if column == self.OWNER:
            return item.owner
        if column == self.PROGRESS:
            return format_progress(_progress(item))
        if column == self.CONFIDENCE:
            confidence = (
                item.confidence if isinstance(item, ObjectiveNode) else item.status.confidence
            )
            return "" if confidence is None else self.tr("{value}/10").format(value=confidence)
        if isinstance(item, KeyResultNode):
            return _now_text(item) if column == self.NOW else _target_text(item)
        return ""

    def _tooltip(self, item: ObjectiveNode | KeyResultNode) -> str:
        if isinstance(item, ObjectiveNode) and item.aligned_to:
            return self.tr("{title}\nAligned to: {parent}").format(
                title=item.record.title, parent=item.aligned_to
            )
        return item.record.title

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            titles = [
                self.tr("Objective / key result"),
                self.tr("Owner"),
                self.tr("Now"),
                self.tr("Target"),
                self.tr("Confidence"),
                self.tr("Progress"),
            ]
            return titles[section] if 0 <= section < len(titles) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMERIC:
            return _RIGHT
        return None


class OkrTreeView(QTreeView):
    """A read-only tree of objectives and key results, expanded, the title column stretched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.okr_model = OkrTreeModel(self)
        self.setModel(self.okr_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setItemDelegate(RoomyDelegate(self))
        self.setItemDelegateForColumn(
            OkrTreeModel.PROGRESS, ProgressDelegate(OkrTreeModel.ProgressRole, self)
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OkrTreeModel.TITLE, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: tuple[ObjectiveNode, ...] | list[ObjectiveNode]) -> None:
        self.okr_model.set_rows(rows)
        self.expandAll()

    def shown_rows(self) -> int:
        """Objectives and key results together: the rows an expanded tree shows."""
        return sum(1 + len(node.key_results) for node in self.okr_model.rows())


def _progress(item: ObjectiveNode | KeyResultNode) -> float | None:
    if isinstance(item, ObjectiveNode):
        return item.progress
    return item.status.progress.raw


def _tr(text: str) -> str:
    return QCoreApplication.translate("okr_tree", text)


def _now_text(node: KeyResultNode) -> str:
    record, current = node.record, node.status.current
    if record.kind is KeyResultKind.MILESTONE:
        return _tr("Done") if current is not None and current >= 1 else _tr("Not yet")
    return "—" if current is None else format_number(current, record.unit)


def _target_text(node: KeyResultNode) -> str:
    record = node.record
    if record.kind is KeyResultKind.MILESTONE:
        return _tr("Done")
    if record.target_value is None:
        return "—"
    target = format_number(record.target_value, record.unit)
    if record.direction is ThresholdDirection.AT_MOST:
        return f"≤ {target}"
    if record.direction is ThresholdDirection.AT_LEAST:
        return f"≥ {target}"
    return target
