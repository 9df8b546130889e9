"""Thin, read-only table models for the pages: they show the rows they are given."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QObject, Qt

from planner.ui.tree_model import ROOT, AnyIndex

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def column_title(
    titles: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """What a model's headerData gives for plain column titles: the title of ``section``
    across the top, nothing for anything else."""
    if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
        return None
    return titles[section] if 0 <= section < len(titles) else None


@dataclass(frozen=True)
class TableRow:
    """One row: the item's id, the texts shown, and the raw values behind them."""

    id: uuid.UUID
    cells: tuple[str, ...]
    values: tuple[Any, ...]


def row_data(row: TableRow, column: int, role: int) -> Any:
    """What a table row gives for the display, id and value roles; None for the others."""
    if role == Qt.ItemDataRole.DisplayRole:
        return row.cells[column]
    if role == TableModel.IdRole:
        return row.id
    if role == TableModel.ValueRole:
        return row.values[column]
    return None


def reorder_rows(
    model: QAbstractItemModel, moved_to: Mapping[int, int], reorder: Callable[[], None]
) -> None:
    """Reorder a flat model's rows: ``reorder()`` puts them in their new order, ``moved_to``
    maps each old row to its new one; the selection and the current row follow them."""
    model.layoutAboutToBeChanged.emit()
    reorder()
    kept = model.persistentIndexList()
    model.changePersistentIndexList(
        kept, [model.index(moved_to[index.row()], index.column()) for index in kept]
    )
    model.layoutChanged.emit()


class TableModel(QAbstractTableModel):
    """Columns are declared by subclasses: ``headers()`` and the ``NUMERIC`` (right-aligned).

    A view with sorting enabled sorts the model itself, on the rows' raw values: with
    thousands of rows that is one Python sort, where a sort proxy would ask ``data()`` for
    every comparison.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1  # uuid.UUID of the row's item
    ValueRole = Qt.ItemDataRole.UserRole + 2  # the raw value behind the cell's text

    NUMERIC: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[TableRow, ...] = ()
        self._headers: list[str] | None = None
        self._sort_by: tuple[int, Qt.SortOrder] | None = None

    def headers(self) -> list[str]:
        raise NotImplementedError

    def _header_texts(self) -> list[str]:
        # Views ask for the column count many thousands of times; translate the headers once
        # per reset rather than on every call.
        if self._headers is None:
            self._headers = self.headers()
        return self._headers

    def set_rows(self, rows: list[TableRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        if self._sort_by is not None:
            self._rows = tuple(self._rows[i] for i in self._sorted_order())
        self._headers = None
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column``'s raw values; rows that tie keep their order."""
        self._sort_by = (column, order)
        if not self._rows:
            return
        order_now = self._sorted_order()

        def reorder() -> None:
            self._rows = tuple(self._rows[i] for i in order_now)

        reorder_rows(self, {old: new for new, old in enumerate(order_now)}, reorder)

    def _sorted_order(self) -> list[int]:
        """The current rows' positions in sorted order (empty values last either way)."""
        assert self._sort_by is not None
        column, order = self._sort_by
        rows = self._rows
        if not 0 <= column < len(self._header_texts()):
            return list(range(len(rows)))
        present = [i for i in range(len(rows)) if rows[i].values[column] is not None]
        absent = [i for i in range(len(rows)) if rows[i].values[column] is None]
        # Stable both ways: with reverse=True, rows that tie still keep their order.
        present.sort(
            key=lambda i: rows[i].values[column], reverse=order == Qt.SortOrder.DescendingOrder
        )
        return present + absent

    def rows(self) -> tuple[TableRow, ...]:
        return self._rows

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._header_texts())

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return _RIGHT
        return row_data(self._rows[index.row()], column, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        headers = self._header_texts()
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if section in self.NUMERIC:
                return _RIGHT
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


class StagesTableModel(TableModel):
    """The plan overview's stages: name, number of teams, progress."""

    STAGE, TEAMS, PROGRESS = range(3)
    NUMERIC = frozenset({TEAMS, PROGRESS})

    def headers(self) -> list[str]:
        return [self.tr("Stage"), self.tr("Teams"), self.tr("Progress")]


class MembersTableModel(TableModel):
    """A team's members: person, the discipline they bring, and their allocation."""

    PERSON, DISCIPLINE, ALLOCATION = range(3)
    NUMERIC = frozenset({ALLOCATION})

    def headers(self) -> list[str]:
        return [self.tr("Person"), self.tr("Discipline"), self.tr("Allocation")]
