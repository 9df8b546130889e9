"""Skills coverage: which team has which skills, stage by stage, and where required ones miss."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.services.plan import Changes
from planner.services.topology import skills_coverage
from planner.ui.board.coverage_model import (
    FTE,
    HEADCOUNT,
    STAGE,
    TEAM,
    CoverageModel,
    CoverageSortProxy,
    coverage_rows,
)
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.widgets import PAGE_MARGIN, Heading, Hint, LazyPage, RoomyDelegate, row_height

__all__ = ["FTE", "HEADCOUNT", "STAGE", "TEAM", "CoverageModel", "CoveragePage"]

_SHOWN_TABLES = ("team", "stage", "discipline", "membership")
NAME_MIN_WIDTH = 150


class CoveragePage(LazyPage):
    """The skills matrix with its head-count / FTE switch.

    ``team_activated(team id)``: the person double-clicked a team's row or pressed Enter on it.
    """

    team_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coveragePage")
        self._document: PlanDocument | None = None
        self._stale = False

        self.title = Heading(self.tr("Skills coverage"), level=1)
        self.hint = Hint(
            self.tr(
                "Who brings which skills to each team, stage by stage. * marks a required "
                "discipline; “missing” marks a team without it. Click a column to rank each "
                "stage's teams by it."
            )
        )

        self.headcount_button = QRadioButton(self.tr("&Head-count"))
        self.headcount_button.setToolTip(
            self.tr("Show people per discipline, with their full-time equivalent")
        )
        self.fte_button = QRadioButton(self.tr("&FTE"))
        self.fte_button.setToolTip(
            self.tr("Show full-time equivalents: a person at 50 % counts as 0.5")
        )
        self.headcount_button.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.headcount_button)
        self.mode_group.addButton(self.fte_button)
        self.mode_group.buttonToggled.connect(self._on_mode_toggled)
        self.modes = QWidget()
        modes = QHBoxLayout(self.modes)
        modes.setContentsMargins(0, 0, 0, 0)
        modes.setSpacing(12)
        modes.addWidget(QLabel(self.tr("Show:")))
        modes.addWidget(self.headcount_button)
        modes.addWidget(self.fte_button)
        modes.addStretch(1)

        self.model = CoverageModel(self)
        self.proxy = CoverageSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setObjectName("coverageTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(RoomyDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(row_height(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        header.setHighlightSections(False)
        # Unsorted at first (the plan's own order); a third click on a header returns to it.
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._on_activated)
        self.table.installEventFilter(self)
        self.model.modelReset.connect(self._fit_columns)

        self.empty = Hint()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(6)
        layout.addWidget(self.modes)
        layout.addSpacing(6)
        layout.addWidget(self.stack, 1)
        self._show_empty(self.tr("Open a plan to see its skills coverage."))

    # ---- the document ---------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed)
        self._stale = False
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*_SHOWN_TABLES):
            self.refresh()

    def refresh(self) -> None:
        document = self._document
        if document is None:
            self.model.set_rows((), [])
            self._show_empty(self.tr("Open a plan to see its skills coverage."))
            return
        if self.hidden_for_now():
            return
        selected = self.selected_id()
        column = max(self.table.currentIndex().column(), 0)  # the discipline looked at
        coverage = skills_coverage(document.plan)
        self.model.set_rows(coverage.disciplines, coverage_rows(coverage))
        if not coverage.stages:
            self._show_empty(self.tr("This plan has no stages yet: add one in the navigator."))
        elif not coverage.disciplines:
            self._show_empty(
                self.tr(
                    "No disciplines yet. Add the skills your teams need (Product, Engineering, "
                    "Design …) to see who covers which."
                )
            )
        elif not coverage.teams:
            self._show_empty(
                self.tr("No teams yet. Add teams in the navigator to see their skills here.")
            )
        else:
            self.stack.setCurrentWidget(self.table)
            self.modes.show()
        self.select(selected, column)

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self.modes.hide()  # nothing to count

    def _fit_columns(self) -> None:
        # The first column fits the longest name (with room to breathe); the disciplines
        # share the rest evenly, so the matrix reads as a grid of equals.
        header = self.table.horizontalHeader()
        if self.model.columnCount() == 0:
            return
        header.setSectionResizeMode(CoverageModel.NAME, QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnToContents(CoverageModel.NAME)
        width = max(header.sectionSize(CoverageModel.NAME) + 24, NAME_MIN_WIDTH)
        header.resizeSection(CoverageModel.NAME, width)

    # ---- mode, selection, opening ---------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        """HEADCOUNT ("2 · 1.5 FTE", sorted by people) or FTE ("1.5 FTE", sorted by FTE)."""
        button = self.fte_button if mode == FTE else self.headcount_button
        button.setChecked(True)

    def _on_mode_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked:
            self.model.set_mode(FTE if button is self.fte_button else HEADCOUNT)

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return index.data(CoverageModel.IdRole) if index.isValid() else None

    def select(self, row_id: uuid.UUID | None, column: int = 0) -> None:
        """Make the row of ``row_id`` current, at ``column`` while the row has it."""
        if row_id is None:
            return
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(CoverageModel.IdRole) == row_id:
                if column < self.proxy.columnCount():
                    index = index.siblingAtColumn(column)
                self.table.setCurrentIndex(index)
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter opens the team on every platform (macOS tables would try to edit instead).
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_activated(self.table.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.data(CoverageModel.KindRole) == TEAM:
            self.team_activated.emit(index.data(CoverageModel.IdRole))
