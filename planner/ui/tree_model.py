"""The index arithmetic of a two-level tree (parents with children), shared by item models."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex

# The invisible root, as the default parent in the overrides below (one shared, never-valid
# index rather than a new one per call).
ROOT = QModelIndex()

# A child index's internal id is its parent's row + 1; a top-level index's is 0. Plain numbers,
# not pointers to Python objects, so indexes stay valid however the rows are rebuilt.
_TOP = 0

# Flags combined once: combining Qt's flags goes through Python's enum machinery (about 1.5 µs
# an operation), and a view asks for every row's flags as it lays out and paints.
TOP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
CHILD_FLAGS = TOP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


class TwoLevelModel(QAbstractItemModel):
    """Top-level rows, each with child rows, in ``COLUMNS`` columns; children have none."""

    COLUMNS = 1

    def top_count(self) -> int:
        raise NotImplementedError

    def child_count(self, top_row: int) -> int:
        raise NotImplementedError

    @staticmethod
    def is_top(index: AnyIndex) -> bool:
        return index.isValid() and index.internalId() == _TOP

    @staticmethod
    def top_row_of(index: AnyIndex) -> int:
        """The row of the index's top-level item: its own row, or its parent's."""
        return index.row() if index.internalId() == _TOP else index.internalId() - 1

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        if not parent.isValid():
            return self.top_count()
        if parent.internalId() == _TOP and parent.column() == 0:
            return self.child_count(parent.row())
        return 0

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return self.COLUMNS

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return TOP_FLAGS if index.internalId() == _TOP else CHILD_FLAGS
