"""The editable OKR tree of one team (or of the plan level) in the document's period."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.progress import format_progress
from planner.services.okr_tree import PLAN_LEVEL, KeyResultNode, ObjectiveNode
from planner.services.plan import Changes
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.okr import modal
from planner.ui.okr.editor_model import KEY_RESULT, OBJECTIVE, OkrEditorModel
from planner.ui.okr.edits import AnyEdit, MessageLabel, attempt
from planner.ui.okr.formatting import parse_decimal, parse_optional, progress_parts
from planner.ui.okr.okr_actions import OkrActions
from planner.ui.okr.raw_progress import RawProgressDelegate
from planner.ui.okr.row_editors import OkrDelegate
from planner.ui.texts import elapsed_text
from planner.ui.widgets import FittedColumns, Hint

# Tables whose changes the tree shows: its rows, their figures, owners' names, the period.
_SHOWN_TABLES = ("objective", "key_result", "check_in", "period", "person", "team")
_UNSET: Any = object()
M = OkrEditorModel
Move = QAbstractItemView.CursorAction


class OkrTreeView(QTreeView):
    """Keyboard navigation for editing: Left/Right go from cell to cell of the selected row
    (Left in the first column still collapses, as in any tree); Tab from an open editor goes
    on to the next editable cell."""

    def moveCursor(self, action: Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        if current.isValid() and action in (Move.MoveLeft, Move.MoveRight):
            column = current.column() + (1 if action == Move.MoveRight else -1)
            if action == Move.MoveLeft and current.column() == 0:
                return super().moveCursor(action, modifiers)
            return current.siblingAtColumn(min(max(column, 0), M.COLUMNS - 1))
        if current.isValid() and action in (Move.MoveNext, Move.MovePrevious):
            return self._next_editable(current, action == Move.MoveNext)
        return super().moveCursor(action, modifiers)

    def _next_editable(self, current: QModelIndex, forward: bool) -> QModelIndex:
        step = 1 if forward else -1
        row, column = current.siblingAtColumn(0), current.column() + step
        while row.isValid():
            while 0 <= column < M.COLUMNS:
                cell = row.siblingAtColumn(column)
                if cell.flags() & Qt.ItemFlag.ItemIsEditable:
                    return cell
                column += step
            row = self.indexBelow(row) if forward else self.indexAbove(row)
            column = 0 if forward else M.COLUMNS - 1
        return QModelIndex()


class OkrEditor(QWidget):
    """Objectives and key results with every figure a leader grades them by, edited in place.

    Signals: ``current_changed(kind, id)`` (kind "objective", "key_result" or ""),
    ``key_result_selected(id or None)`` for a :class:`KeyResultHistory` beside it, and
    ``status(text)`` for the status bar. Every change is one undoable step of the document.
    """

    current_changed = Signal(str, object)
    key_result_selected = Signal(object)
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._owner: uuid.UUID | None = _UNSET
        self._stale = False
        self._current: tuple[str, uuid.UUID | None] = ("", None)
        self._collapsed: set[uuid.UUID] = set()
        self._fitted = False  # the figure columns fitted to all rows once (see _fit_columns)

        self.summary = Hint()
        self.summary.setObjectName("okrSummary")
        self.model = OkrEditorModel(self)
        # Queued: the update runs after the inline editor has closed, so neither a refusal nor
        # the refreshed rows can reach an editor that is still committing.
        self.model.edit_requested.connect(self.update_item, Qt.ConnectionType.QueuedConnection)
        self.model.move_requested.connect(self.move_to)
        self.view = OkrTreeView(self)
        self.view.setObjectName("okrTree")
        self.view.setModel(self.model)
        self.delegate = OkrDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.progress_delegate = RawProgressDelegate(
            M.ProgressRole, M.ClampedTextRole, M.RawTextRole, self.view
        )
        self.view.setItemDelegateForColumn(M.PROGRESS, self.progress_delegate)
        self._columns = FittedColumns(self.view)
        self._setup_view()
        self.message = MessageLabel(self)
        self.empty_hint = Hint()
        self.commands = OkrActions(self)
        self.view.addActions(self.commands.keyed())

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        commands = self.commands
        shown = (
            commands.add_objective_action,
            commands.add_key_result_action,
            commands.check_in_action,
            commands.delete_action,
        )
        for action in shown:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.empty_hint)
        layout.addLayout(buttons)
        self.commands.update()

    def _setup_view(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        view.setAlternatingRowColors(True)
        view.setUniformRowHeights(True)
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDropIndicatorShown(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        header = view.header()
        header.setStretchLastSection(False)
        # Sized to their contents after each refresh (_fit_columns), not by the header on
        # every change of every cell: that measured each cell several times per check-in.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(M.TITLE, QHeaderView.ResizeMode.Stretch)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._show_context_menu)
        view.selectionModel().currentChanged.connect(self._on_current_changed)
        view.expanded.connect(lambda index: self._collapsed.discard(index.data(M.IdRole)))
        view.collapsed.connect(lambda index: self._collapsed.add(index.data(M.IdRole)))

    # ---- the document and the owner -------------------------------------------------------

    @property
    def document(self) -> PlanDocument | None:
        return self._document

    @property
    def owner(self) -> uuid.UUID | None:
        return None if self._owner is _UNSET else self._owner

    @property
    def has_owner(self) -> bool:
        """Whether set_owner() was called (the plan level's owner is None, PLAN_LEVEL)."""
        return self._owner is not _UNSET

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(
            self._document, document, self._on_changed, self._on_period_changed
        )
        self._owner = _UNSET
        self._collapsed.clear()
        self.message.clear_message()
        self.model.set_editable(document is not None and not document.read_only)
        self.refresh()

    def set_owner(self, team_id: uuid.UUID | None) -> None:
        """Show a team's objectives, or with ``PLAN_LEVEL`` (None) the company objectives."""
        if team_id != self._owner:
            self._collapsed.clear()
            self.message.clear_message()
        self._owner = team_id
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*_SHOWN_TABLES):
            self.refresh()

    def _on_period_changed(self, _period_id: object) -> None:
        self.message.clear_message()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        document = self._document
        if document is None or self._owner is _UNSET:
            self.model.set_rows((), 0.0)
            self.delegate.set_choices(tuple, None)  # lets go of a closed plan
            self.commands.update()
            return
        if not self.isVisible():
            self._stale = True  # hidden behind another page: read again only when shown
            return
        self._stale = False
        tree = document.okr_tree(self._owner)
        objectives = tree.objectives if tree is not None else ()
        summary = document.progress()
        elapsed = summary.elapsed if tree is not None and summary is not None else 0.0
        team_level = self._owner is not PLAN_LEVEL
        plan = document.plan
        company = document.okr_tree(PLAN_LEVEL) if team_level else None
        alignments = [(o.record.id, o.record.title) for o in company.objectives] if company else []
        self.delegate.set_choices(
            lambda: [(person.id, person.name) for person in plan.people.list()],
            alignments if team_level else None,
        )
        strip_changed = self.progress_delegate.set_raw_texts(
            progress_parts(kr.status.progress)[1]
            for objective in objectives
            for kr in objective.key_results
        )
        remembered = self._current
        reset = self.model.set_rows(objectives, elapsed, team_level)
        if reset:
            for row, objective in enumerate(objectives):
                expand = objective.record.id not in self._collapsed
                self.view.setExpanded(self.model.index(row, 0), expand)
            self.select(*remembered)
        # The bracketed strip is every progress cell's: when it changes, so do all of them.
        self._fit_columns(reset or not self._fitted, {M.PROGRESS} if strip_changed else set())
        self.view.viewport().update()
        self._show_summary(document, tree.progress if tree is not None else None, elapsed)
        self.commands.update()

    def _fit_columns(self, reset: bool, refit: Collection[int] = ()) -> None:
        """Size the figure columns to their widest cells after a reset (another team, rows
        added, removed or moved, a font change), and ``refit`` columns likewise. After an
        update in place (a check-in, a rename), widen a column for the rows it changed, never
        narrowing it (:class:`FittedColumns`): measuring is the slow part of a refresh."""
        model = self.model
        changed = None if reset else model.changed_rows()
        for column in range(model.COLUMNS):
            if column == model.TITLE:
                continue  # it stretches
            if changed is None or column in refit:
                self._columns.fit(column, model.looks(column))
            elif changed:
                self._columns.widen(column, model.looks(column, changed))
        self._fitted = True

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self._fitted:
            self._fit_columns(reset=True)

    def _show_summary(self, document: PlanDocument, progress: float | None, elapsed: float) -> None:
        period = document.period()
        if period is None:
            self.summary.setText(self.tr("The plan has no periods yet."))
            self.empty_hint.setText(self.tr("Add a period (Edit Periods…) to plan objectives."))
            self.empty_hint.setVisible(True)
            return
        template = (
            self.tr("{period} · {elapsed} · plan progress {progress} (all objectives)")
            if self._owner is PLAN_LEVEL
            else self.tr("{period} · {elapsed} · team progress {progress}")
        )
        self.summary.setText(
            template.format(
                period=period.name,
                elapsed=elapsed_text(elapsed),
                progress=format_progress(progress),
            )
        )
        self.empty_hint.setText(
            self.tr("No objectives for {period} yet. Ctrl+Insert adds one.").format(
                period=period.name
            )
        )
        self.empty_hint.setVisible(not self.model.rows())

    # ---- selection ------------------------------------------------------------------------

    def current(self) -> tuple[str, uuid.UUID | None]:
        return self._current

    def current_node(self) -> ObjectiveNode | KeyResultNode | None:
        return self.model.node(self.view.currentIndex())

    def select(self, kind: str, row_id: uuid.UUID | None, column: int = M.TITLE) -> None:
        index = self.model.index_of(kind, row_id, column) if row_id else QModelIndex()
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:
            self.view.selectionModel().clear()
            self._set_current("", None)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._set_current(current.data(M.KindRole), current.data(M.IdRole))
        else:
            self._set_current("", None)

    def _set_current(self, kind: str, row_id: uuid.UUID | None) -> None:
        if (kind, row_id) == self._current:
            return
        self._current = (kind, row_id)
        self.commands.update()
        self.current_changed.emit(kind, row_id)
        self.key_result_selected.emit(row_id if kind == KEY_RESULT else None)

    def start_editing(self, column: int | None = None) -> None:
        """Open the inline editor of the current cell (or of ``column`` in its row)."""
        index = self.view.currentIndex()
        if column is not None:
            index = index.siblingAtColumn(column)
        if index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsEditable:
            index = index.siblingAtColumn(M.TITLE)  # e.g. Enter on a figure: edit the title
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.view.setFocus()
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    # ---- editing --------------------------------------------------------------------------

    def apply(self, build: Callable[[], AnyEdit]) -> AnyEdit | None:
        """Push a service's edit as one undoable step; a refusal shows under the tree."""
        document = self._document
        if document is None:
            return None
        edit, message = attempt(document, build)
        if edit is not None or not message:
            self.message.clear_message()
        if message:
            self.message.show_message(message)
        return edit

    def update_item(self, kind: str, row_id: uuid.UUID, changes: Mapping[str, Any]) -> bool:
        """Update one objective or key result from what the person entered (numbers as typed,
        read with their locale); False when refused (the reason shows under the tree)."""
        document = self._document
        if document is None:
            return False
        plan = document.plan
        if kind == OBJECTIVE:
            return self.apply(lambda: plan.objectives.update(row_id, **changes)) is not None
        return self.apply(lambda: plan.key_results.update(row_id, **_typed(changes))) is not None

    def move_to(self, kind: str, row_id: uuid.UUID, index: int) -> bool:
        """Move an objective or key result to ``index`` among its siblings (one step)."""
        document = self._document
        siblings = self.model.siblings(kind, row_id)
        if document is None or row_id not in siblings or not 0 <= index < len(siblings):
            return False
        siblings.remove(row_id)
        siblings.insert(index, row_id)
        service = document.plan.objectives if kind == OBJECTIVE else document.plan.key_results
        edit = self.apply(lambda: service.reorder(siblings))
        if edit is not None:
            self.select(kind, row_id)
        return edit is not None

    def move_by(self, step: int) -> bool:
        kind, row_id = self._current
        if row_id is None:
            return False
        siblings = self.model.siblings(kind, row_id)
        return self.move_to(kind, row_id, siblings.index(row_id) + step)

    # ---- menu -----------------------------------------------------------------------------

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for number, group in enumerate(self.commands.menu_groups()):
            if number:
                menu.addSeparator()
            menu.addActions(group)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        try:
            modal.run_menu(menu, self.view.viewport().mapToGlobal(position))
        finally:
            menu.deleteLater()

    def edit_actions(self) -> list[QAction]:
        """Every action, in menu order, for an Edit menu or a toolbar."""
        return [action for group in self.commands.menu_groups() for action in group]


def _typed(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Key-result changes with numbers read as the person's locale writes them."""
    fields = {"start_value": "Start", "target_value": "Target", "weight": "Weight"}
    values = dict(changes)
    for key, field in fields.items():
        raw = values.get(key)
        if isinstance(raw, str):
            values[key] = (
                parse_decimal(raw, field) if key == "weight" else parse_optional(raw, field)
            )
    return values
