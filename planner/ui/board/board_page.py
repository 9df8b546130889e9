"""The funnel board: the plan's stages left to right, each team a card in its stage's column."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.services.plan import Changes
from planner.services.topology import StageColumn, board
from planner.ui.actions import make_action
from planner.ui.board.card_model import CardListModel
from planner.ui.board.column import CardListView, StageColumnWidget
from planner.ui.board.moves import move_target
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.widgets import PAGE_MARGIN, Heading, Hint, LazyPage

# Tables whose changes show on a card or a column header (the period's name and dates too;
# choosing another period comes separately).
_SHOWN_TABLES = (
    "period",
    "team",
    "membership",
    "stage",
    "discipline",
    "objective",
    "key_result",
    "check_in",
)
COLUMN_SPACING = 12


class BoardPage(LazyPage):
    """Stages as columns of team cards; drag or Ctrl+arrows move teams (one undoable edit).

    ``team_activated(team id)``: the person double-clicked a card or pressed Enter on it.
    """

    team_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardPage")
        self._document: PlanDocument | None = None
        self._selected: uuid.UUID | None = None
        self._stale = False
        self._syncing = False
        self._columns: list[StageColumnWidget] = []

        self._create_actions()
        self.title = Heading(self.tr("Funnel board"), level=1)
        self.hint = Hint(
            self.tr(
                "Drag a card to move a team to another stage, or select it and press {left} or "
                "{right}. Double-click a card or press Enter to open its team."
            ).format(
                left=self.move_left_action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
                right=self.move_right_action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
            )
        )

        self.row = QWidget()
        self.row.setObjectName("boardRow")
        self.row_layout = QHBoxLayout(self.row)
        self.row_layout.setContentsMargins(PAGE_MARGIN, 0, PAGE_MARGIN, PAGE_MARGIN // 2)
        self.row_layout.setSpacing(COLUMN_SPACING)
        # Stretch 0: the columns take the width first (up to their maximum), the rest stays
        # empty at the right instead of spreading a short funnel thin.
        self.row_layout.addStretch(0)
        # Columns share the width; too many for the window scroll sideways, each column
        # scrolling its own cards vertically.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.row)
        self.scroll_area.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.row.setBackgroundRole(QPalette.ColorRole.Base)

        self.empty = Hint()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.scroll_area)
        self.stack.addWidget(self.empty)

        top = QVBoxLayout()
        top.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, 12)
        top.setSpacing(6)
        top.addWidget(self.title)
        top.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self._show_empty(self.tr("Open a plan to see its funnel board."))
        self._update_actions()

    # ---- actions --------------------------------------------------------------------------

    def _create_actions(self) -> None:
        # Only while the board has the focus: Ctrl+arrows mean something else elsewhere.
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.open_action = make_action(
            self,
            self.tr("&Open Team"),
            self.tr("Open the selected team's page (double-click or Enter does it too)"),
            self.open_selected,
        )
        self.move_left_action = make_action(
            self,
            self.tr("Move to &Previous Stage"),
            self.tr("Move the selected team to the stage before"),
            lambda: self.move_selected(stage_step=-1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Left),
            local,
        )
        self.move_right_action = make_action(
            self,
            self.tr("Move to &Next Stage"),
            self.tr("Move the selected team to the stage after"),
            lambda: self.move_selected(stage_step=+1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Right),
            local,
        )
        self.move_up_action = make_action(
            self,
            self.tr("Move &Up"),
            self.tr("Move the selected team up within its stage"),
            lambda: self.move_selected(row_step=-1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Up),
            local,
        )
        self.move_down_action = make_action(
            self,
            self.tr("Move &Down"),
            self.tr("Move the selected team down within its stage"),
            lambda: self.move_selected(row_step=+1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Down),
            local,
        )
        self._moves = [
            (self.move_left_action, -1, 0),
            (self.move_right_action, +1, 0),
            (self.move_up_action, 0, -1),
            (self.move_down_action, 0, +1),
        ]
        self.addActions(self.edit_actions())

    def edit_actions(self) -> list[QAction]:
        """The moves, for the lead to put in a menu (they act while the board has focus)."""
        return [
            self.move_left_action,
            self.move_right_action,
            self.move_up_action,
            self.move_down_action,
        ]

    def _update_actions(self) -> None:
        document = self._document
        editable = document is not None and not document.read_only
        place = self._place()
        self.open_action.setEnabled(place is not None)
        for action, stage_step, row_step in self._moves:
            action.setEnabled(
                editable
                and place is not None
                and move_target(self._sizes(), *place, stage_step, row_step) is not None
            )

    def _sizes(self) -> list[int]:
        return [column.model.rowCount() for column in self._columns]

    # ---- the document ---------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed, self.refresh)
        self._selected = None
        self._stale = False
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*_SHOWN_TABLES):
            self.refresh()

    def refresh(self) -> None:
        document = self._document
        if document is None:
            self._set_columns([], None, editable=False)
            self._show_empty(self.tr("Open a plan to see its funnel board."))
            return
        if self.hidden_for_now():
            return
        # Progress comes from the document's roll-up: computed once per change and shared
        # with the navigator, so both show the same numbers and a big plan does not roll its
        # period up twice.
        columns = board(
            document.plan, document.period_id, document.today(), progress=document.progress()
        )
        period = document.period()
        self._set_columns(columns, period.name if period else None, not document.read_only)
        if not columns:
            self._show_empty(
                self.tr(
                    "This plan has no stages yet. Add the stages of your funnel in the "
                    "navigator; each becomes a column here."
                )
            )
        else:
            self.stack.setCurrentWidget(self.scroll_area)
            self.hint.show()

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self.hint.hide()  # how to move cards means nothing without cards

    def _set_columns(
        self, columns: list[StageColumn], period_name: str | None, editable: bool
    ) -> None:
        had_focus = any(column.view.hasFocus() for column in self._columns)
        self._syncing = True
        try:
            if [c.stage_id for c in self._columns] != [c.id for c in columns]:
                self._rebuild(columns)
            for widget, column in zip(self._columns, columns, strict=True):
                widget.model.set_editable(editable)
                widget.view.setDragEnabled(editable)
                widget.set_column(column, period_name, editable)
        finally:
            self._syncing = False
        if not any(c.model.row_of(self._selected) >= 0 for c in self._columns):
            self._selected = None
        self.select_team(self._selected, focus=had_focus)

    def _rebuild(self, columns: list[StageColumn]) -> None:
        for widget in self._columns:
            self.row_layout.removeWidget(widget)
            widget.deleteLater()
        self._columns = []
        for position, column in enumerate(columns):
            widget = StageColumnWidget(column.id, self.row)
            view = widget.view
            # Queued: the drop event is still running in the view when the model asks for the
            # move; the plan's change resets the model only once the drop has returned.
            widget.model.move_requested.connect(
                self._on_move_requested, Qt.ConnectionType.QueuedConnection
            )
            view.activated.connect(self._on_activated)
            view.selectionModel().currentChanged.connect(
                lambda current, _previous, w=widget: self._on_current_changed(w, current)
            )
            view.step_requested.connect(lambda step, w=widget: self._step_column(w, step))
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda point, v=view: self._show_context_menu(v, point)
            )
            self.row_layout.insertWidget(position, widget, 1)
            self._columns.append(widget)

    # ---- selection ------------------------------------------------------------------------

    def columns(self) -> list[StageColumnWidget]:
        return list(self._columns)

    def current_team(self) -> uuid.UUID | None:
        return self._selected

    def select_team(self, team_id: uuid.UUID | None, focus: bool = False) -> None:
        """Select the card of ``team_id`` (None: no card) and scroll it into sight."""
        self._syncing = True
        try:
            self._selected = None
            for column in self._columns:
                row = column.model.row_of(team_id)
                if row < 0:
                    column.view.selectionModel().clear()
                    continue
                index = column.model.index(row)
                column.view.setCurrentIndex(index)
                column.view.scrollTo(index)
                self.scroll_area.ensureWidgetVisible(column, 0, 0)
                self._selected = team_id
                if focus:
                    column.view.setFocus()
        finally:
            self._syncing = False
        self._update_actions()

    def _on_current_changed(self, column: StageColumnWidget, current: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self.select_team(current.data(CardListModel.IdRole))

    def _place(self) -> tuple[int, int] | None:
        """(column, row) of the selected card, None when no card is selected."""
        for position, column in enumerate(self._columns):
            row = column.model.row_of(self._selected)
            if row >= 0:
                return position, row
        return None

    def _step_column(self, source: StageColumnWidget, step: int) -> None:
        # Left/Right go to the nearest column that has cards, at about the same height.
        start = self._columns.index(source)
        row = max(source.view.currentIndex().row(), 0)
        position = start + step
        while 0 <= position < len(self._columns):
            target = self._columns[position]
            rows = target.model.rowCount()
            if rows:
                self.select_team(target.model.rows()[min(row, rows - 1)].id, focus=True)
                return
            position += step

    # ---- opening and moving ---------------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        team_id = index.data(CardListModel.IdRole)
        if team_id is not None:
            self.team_activated.emit(team_id)

    def open_selected(self) -> None:
        if self._selected is not None:
            self.team_activated.emit(self._selected)

    def move_selected(self, stage_step: int = 0, row_step: int = 0) -> None:
        """Move the selected card to the neighbouring stage or up or down its own stage."""
        place = self._place()
        if place is None or self._selected is None:
            return
        target = move_target(self._sizes(), *place, stage_step, row_step)
        if target is not None:
            column, index = target
            self.move_team(self._selected, self._columns[column].stage_id, index)

    def move_team(self, team_id: uuid.UUID, stage_id: uuid.UUID, index: int) -> bool:
        """Move a team to ``index`` among the other teams of ``stage_id``: one undoable edit.

        False when refused (the reason went to the document's ``error``) or when it would not
        move at all (then nothing is pushed, so Undo is not spent on a no-op).
        """
        document = self._document
        if document is None:
            return False
        for column in self._columns:
            if column.stage_id == stage_id and column.model.row_of(team_id) == index:
                return False
        plan = document.plan
        self._selected = team_id  # the moved card stays selected wherever it lands
        return document.attempt(lambda: plan.teams.move(team_id, stage_id, index)) is not None

    def _on_move_requested(self, team_id: uuid.UUID, stage_id: uuid.UUID, index: int) -> None:
        if self.move_team(team_id, stage_id, index):
            self.select_team(team_id, focus=True)

    def _show_context_menu(self, view: CardListView, point: QPoint) -> None:
        index = view.indexAt(point)
        if not index.isValid():
            return
        self.select_team(index.data(CardListModel.IdRole), focus=True)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addSeparator()
        menu.addActions(self.edit_actions())
        menu.exec(view.viewport().mapToGlobal(point))
