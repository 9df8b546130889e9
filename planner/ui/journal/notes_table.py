"""The journal's list of notes: sortable, and keeping its selection however often it refreshes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.values import Confidence, OutcomeCategory
from planner.services.journal import NoteList
from planner.ui.journal.labels import confidence_name, note_count, outcome_name
from planner.ui.journal.models import NotesTableModel
from planner.ui.texts import format_date
from planner.ui.widgets import Hint, RoomyDelegate, row_height

# Starting widths of the free-text columns; the short ones fit their contents. Outcome and
# teams come first (see the model) so they stay in sight; the rest scrolls sideways.
_WIDTHS = {
    NotesTableModel.CUSTOMER: 130,
    NotesTableModel.OUTCOME: 180,
    NotesTableModel.TEAMS: 160,
    NotesTableModel.KEY_RESULT: 260,
}


class NotesTable(QWidget):
    """The notes a filter let through, newest first unless sorted otherwise.

    ``current_changed(id)`` follows the person moving to another note (never the table's own
    restoring of the selection after a refresh).
    """

    current_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._syncing = False
        self.model = NotesTableModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("journalNotes")
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.setModel(self.model)
        self.view.setItemDelegate(RoomyDelegate(self.view))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(NotesTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(row_height(self.view))
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        self._fit_short_columns()
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

        self.no_notes = Hint()
        self.no_notes.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_notes.setContentsMargins(24, 24, 24, 24)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.no_notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_short_columns()

    def _fit_short_columns(self) -> None:
        """Size the date, category and confidence columns to the widest text they can hold.

        Those texts come from short fixed lists, so measuring the lists is enough; sizing to
        contents would measure every row of a journal with thousands of notes.
        """
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        header_metrics = header.fontMetrics()
        padding = 2 * self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        for column, texts in (
            (NotesTableModel.DATE, [format_date(date(2000, month, 28)) for month in range(1, 13)]),
            (NotesTableModel.CATEGORY, [outcome_name(category) for category in OutcomeCategory]),
            (NotesTableModel.CONFIDENCE, [confidence_name(level) for level in Confidence]),
        ):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(
                max(metrics.horizontalAdvance(text) for text in texts),
                header_metrics.horizontalAdvance(title) + 12,  # and the sort arrow
            )
            header.resizeSection(column, widest + padding)

    def set_entries(self, notes: NoteList, keep: uuid.UUID | None, narrowed: bool = False) -> None:
        """Show ``notes`` with ``keep`` selected (when it is among them); ``narrowed`` says
        filters other than the period hide notes, for the empty state's words."""
        self.model.set_notes(notes)
        self.select(keep)
        self.stack.setCurrentIndex(0 if notes else 1)
        self.no_notes.setText(
            self.tr("No notes match these filters. Clear the search or choose “All …” above.")
            if narrowed
            else self.tr(
                "No attribution notes in this period yet. Press Ctrl+N to record which teams "
                "earned a customer's success."
            )
        )

    def count_text(self, narrowed: bool) -> str:
        notes = note_count(self.model.rowCount())
        return self.tr("{notes} match").format(notes=notes) if narrowed else notes

    def row_count(self) -> int:
        return self.model.rowCount()

    def selected_id(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return index.data(NotesTableModel.IdRole) if index.isValid() else None

    def shown_ids(self) -> list[uuid.UUID]:
        """The notes in the order shown."""
        return [
            self.model.index(row, 0).data(NotesTableModel.IdRole)
            for row in range(self.model.rowCount())
        ]

    def select(self, note_id: uuid.UUID | None) -> None:
        """Select ``note_id``'s row (nothing when it is not shown) without ``current_changed``."""
        with self._moving():
            row = self.model.row_of(note_id)
            selection = self.view.selectionModel()
            if row < 0:
                selection.clear()
                return
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)

    def select_row(self, row: int) -> None:
        """Move to the row at ``row`` (clamped), as the person would: ``current_changed`` too."""
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    @contextmanager
    def _moving(self) -> Iterator[None]:
        syncing, self._syncing = self._syncing, True
        try:
            yield
        finally:
            self._syncing = syncing

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing:
            self.current_changed.emit(
                current.data(NotesTableModel.IdRole) if current.isValid() else None
            )
