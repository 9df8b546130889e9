"""The navigator: the funnel's stages and their teams, where the organisation is edited."""

from __future__ import annotations

import uuid
from collections import defaultdict

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.services.plan import Changes
from planner.ui.actions import make_action
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.navigator_edits import delete_stage, move_target, unused_name
from planner.ui.navigator_model import STAGE, TEAM, NavigatorModel, StageRow, TeamRow
from planner.ui.progress_delegate import (
    ProgressDelegate,
    fit_progress_column,
    progress_cell_width,
)
from planner.ui.team_editing.team_actions import delete_team
from planner.ui.widgets import Hint, RoomyDelegate

# Tables whose changes show in the navigator: names and order, and everything progress is
# computed from.
_SHOWN_TABLES = ("stage", "team", "period", "objective", "key_result", "check_in")


class Navigator(QWidget):
    """A tree of stages → teams with their progress, and the actions that edit them.

    ``selected(kind, id)`` tells which item is current: kind "stage" or "team", or "" with
    None when nothing is. ``status(text)`` carries short feedback for the status bar.
    """

    selected = Signal(str, object)
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._current: tuple[str, uuid.UUID | None] = ("", None)
        self._collapsed: set[uuid.UUID] = set()
        self._before_reset: tuple[str, uuid.UUID | None] = ("", None)

        self.model = NavigatorModel(self)
        # Queued: the rename runs after the inline editor has closed, so a refusal's message
        # box cannot take the focus from an editor that would then commit a second time.
        self.model.rename_requested.connect(self.rename_item, Qt.ConnectionType.QueuedConnection)

        self.view = QTreeView(self)
        self.view.setObjectName("navigatorTree")
        self.view.setModel(self.model)
        # Connected after setModel(): the view's own reset handler, connected there, forgets
        # expansion and the current item, so ours must run after it to put them back.
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_view)
        self.view.setItemDelegate(RoomyDelegate(self.view))
        self.view.setItemDelegateForColumn(
            NavigatorModel.PROGRESS, ProgressDelegate(NavigatorModel.ProgressRole, self.view)
        )
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NavigatorModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.model.headerDataChanged.connect(self._fit_progress_column)
        self._fit_progress_column()
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.expanded.connect(lambda index: self._collapsed.discard(self._id_of(index)))
        self.view.collapsed.connect(lambda index: self._collapsed.add(self._id_of(index)))

        self._create_actions()

        self.buttons = QWidget(self)
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(4, 2, 4, 4)
        for action in (self.add_stage_action, self.add_team_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(True)
            buttons.addWidget(button)
        buttons.addStretch(1)

        # With no plan open the tree would be a blank box; say what belongs here instead.
        self.no_plan = Hint(self.tr("Open a plan to see the stages of its funnel and its teams."))
        self.no_plan.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_plan.setContentsMargins(12, 12, 12, 12)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.no_plan)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        self._update_actions()

    # ---- actions --------------------------------------------------------------------------

    def _fit_progress_column(self, *_args: object) -> None:
        fit_progress_column(self.view, NavigatorModel.PROGRESS)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_progress_column()

    def _create_actions(self) -> None:
        # Keyed actions work only while the navigator has the focus: F2 or Del in another view
        # mean something else there.
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.add_stage_action = make_action(
            self,
            self.tr("Add &Stage"),
            self.tr("Add a stage at the end of the funnel"),
            self.add_stage,
        )
        self.add_team_action = make_action(
            self, self.tr("Add &Team"), self.tr("Add a team to the selected stage"), self.add_team
        )
        self.rename_action = make_action(
            self,
            self.tr("&Rename"),
            self.tr("Rename the selected stage or team"),
            self.rename,
            QKeySequence(Qt.Key.Key_F2),
            local,
        )
        self.delete_action = make_action(
            self,
            self.tr("&Delete"),
            self.tr("Delete the selected stage or team (Undo brings it back)"),
            self.delete,
            QKeySequence.StandardKey.Delete,
            local,
        )
        self.move_up_action = make_action(
            self,
            self.tr("Move Team &Up"),
            self.tr("Move the selected team up, or to the end of the stage before"),
            lambda: self.move_team(-1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Up),
            local,
        )
        self.move_down_action = make_action(
            self,
            self.tr("Move Team Do&wn"),
            self.tr("Move the selected team down, or to the start of the stage after"),
            lambda: self.move_team(+1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Down),
            local,
        )
        self.addActions(self.edit_actions())

    def edit_actions(self) -> list[QAction]:
        return [
            self.add_stage_action,
            self.add_team_action,
            self.rename_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
        ]

    def _update_actions(self) -> None:
        document = self._document
        editable = document is not None and not document.read_only
        kind, _ = self._current
        self.add_stage_action.setEnabled(editable)
        self.add_team_action.setEnabled(editable and bool(self.model.rows()))
        self.rename_action.setEnabled(editable and kind != "")
        self.delete_action.setEnabled(editable and kind != "")
        # The Edit menu shows these too: they say what they act on, wherever the focus is.
        if kind == TEAM:
            self.rename_action.setText(self.tr("&Rename Team"))
            self.delete_action.setText(self.tr("&Delete Team…"))
        elif kind == STAGE:
            self.rename_action.setText(self.tr("&Rename Stage"))
            self.delete_action.setText(self.tr("&Delete Stage"))
        else:
            self.rename_action.setText(self.tr("&Rename"))
            self.delete_action.setText(self.tr("&Delete"))
        team_id = self._current[1] if kind == TEAM else None
        for action, step in ((self.move_up_action, -1), (self.move_down_action, +1)):
            action.setEnabled(
                editable
                and team_id is not None
                and move_target(self.model.rows(), team_id, step) is not None
            )

    # ---- the document ---------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed, self.refresh)
        self._collapsed.clear()
        self._current = ("", None)
        self.model.set_editable(document is not None and not document.read_only)
        self.model.set_rows([])
        self.stack.setCurrentWidget(self.view if document is not None else self.no_plan)
        self.buttons.setVisible(document is not None and not document.read_only)
        self.refresh()

    def refresh(self) -> None:
        document = self._document
        if document is None:
            self.model.update_rows([])
            self.model.set_progress_title(self.tr("Progress"))
            self._update_actions()
            return
        plan = document.plan
        progress = document.progress()
        teams: dict[uuid.UUID, list[TeamRow]] = defaultdict(list)
        for team in plan.teams.list():
            value = progress.team(team.id) if progress else None
            teams[team.stage_id].append(TeamRow(team.id, team.name, value, team.color))
        rows = [
            StageRow(
                stage.id,
                stage.name,
                progress.stage(stage.id) if progress else None,
                tuple(teams[stage.id]),
            )
            for stage in plan.stages.list()
        ]
        self.model.update_rows(rows)
        period = document.period()
        if period is None:
            self.model.set_progress_title(self.tr("Progress"))
        else:
            # The period's name over the figures, or "Progress" where the name is wider than
            # them: the team names need the room, and the tooltip names the period.
            room = progress_cell_width(self.view)
            fits = self.view.header().fontMetrics().horizontalAdvance(period.name) <= room
            self.model.set_progress_title(
                period.name if fits else self.tr("Progress"),
                self.tr("Progress in {period}").format(period=period.name),
            )
        self._update_actions()

    def _on_changed(self, changes: Changes) -> None:
        progress = self._document.progress() if self._document is not None else None
        if changes.tables == {"check_in"} and progress is not None and self.model.rows():
            # Check-ins change the figures alone: the rows shown take the new ones.
            self.model.update_progress(progress.stage, progress.team)
        elif changes.touches(*_SHOWN_TABLES):
            self.refresh()

    # ---- selection ------------------------------------------------------------------------

    def current(self) -> tuple[str, uuid.UUID | None]:
        return self._current

    def select(self, kind: str, row_id: uuid.UUID | None) -> None:
        index = self.model.index_of(kind, row_id) if row_id is not None else QModelIndex()
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:
            self.view.selectionModel().clear()
            self._set_current("", None)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._set_current(
                current.data(NavigatorModel.KindRole), current.data(NavigatorModel.IdRole)
            )
        else:
            self._set_current("", None)

    def _set_current(self, kind: str, row_id: uuid.UUID | None) -> None:
        if (kind, row_id) == self._current:
            return
        self._current = (kind, row_id)
        self._update_actions()
        self.selected.emit(kind, row_id)

    def _remember_current(self) -> None:
        self._before_reset = self._current

    def _restore_view(self) -> None:
        # A reset forgets expansion and the current item; put both back by id.
        for row, stage in enumerate(self.model.rows()):
            self.view.setExpanded(self.model.index(row, 0), stage.id not in self._collapsed)
        self.select(*self._before_reset)

    def _id_of(self, index: QModelIndex) -> uuid.UUID:
        value: uuid.UUID = index.data(NavigatorModel.IdRole)
        return value

    # ---- editing --------------------------------------------------------------------------

    def add_stage(self) -> None:
        document = self._document
        if document is None:
            return
        name = unused_name(self.tr("New stage"), [stage.name for stage in self.model.rows()])
        edit = document.attempt(lambda: document.plan.stages.create(name))
        if edit is not None:
            self._start_renaming(STAGE, edit.id)

    def add_team(self) -> None:
        document = self._document
        if document is None:
            return
        stage_id = self._target_stage()
        if stage_id is None:
            document.report(self.tr("Add a stage first: every team belongs to a stage."))
            return
        taken = [team.name for team in document.plan.teams.list()]
        name = unused_name(self.tr("New team"), taken)
        edit = document.attempt(lambda: document.plan.teams.create(stage_id, name))
        if edit is not None:
            self._start_renaming(TEAM, edit.id)

    def rename(self) -> None:
        index = self.view.currentIndex().siblingAtColumn(NavigatorModel.NAME)
        if index.isValid() and self._document is not None and not self._document.read_only:
            self.view.edit(index)

    def rename_item(self, kind: str, row_id: uuid.UUID, name: str) -> bool:
        """Rename a stage or team as one undoable step; what the inline editor calls."""
        document = self._document
        if document is None:
            return False
        service = document.plan.stages if kind == STAGE else document.plan.teams
        return document.attempt(lambda: service.update(row_id, name=name)) is not None

    def delete(self) -> None:
        document = self._document
        kind, row_id = self._current
        if document is None or row_id is None:
            return
        if kind == TEAM:
            team = document.plan.teams.get(row_id)
            if delete_team(self, document, team):
                self.status.emit(
                    self.tr("Deleted {team}. Edit ▸ Undo brings it back.").format(team=team.name)
                )
            return
        edit = delete_stage(self, document, self.model.rows(), row_id)
        if edit is not None:
            self.status.emit(
                self.tr("{what}: done. Edit ▸ Undo brings it back.").format(what=edit.label)
            )

    def move_team(self, step: int) -> None:
        document = self._document
        kind, team_id = self._current
        if document is None or kind != TEAM or team_id is None:
            return
        target = move_target(self.model.rows(), team_id, step)
        if target is not None:
            stage_id, index = target
            document.attempt(lambda: document.plan.teams.move(team_id, stage_id, index))

    def _target_stage(self) -> uuid.UUID | None:
        kind, row_id = self._current
        if kind == STAGE:
            return row_id
        if kind == TEAM and row_id is not None:
            index = self.model.index_of(TEAM, row_id)
            stage_id: uuid.UUID = index.parent().data(NavigatorModel.IdRole)
            return stage_id
        rows = self.model.rows()
        return rows[0].id if rows else None

    def _start_renaming(self, kind: str, row_id: uuid.UUID) -> None:
        self.select(kind, row_id)
        index = self.model.index_of(kind, row_id)
        if index.isValid():
            self.view.setFocus()
            self.view.edit(index)

    def _show_context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addActions(self.edit_actions()[:2])
        menu.addSeparator()
        menu.addActions(self.edit_actions()[2:])
        menu.exec(self.view.viewport().mapToGlobal(position))
