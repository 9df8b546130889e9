"""The main window: navigator, workspace, period picker, menus, and the open plan's lifetime."""

from __future__ import annotations

import platform
import uuid
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

import planner
from planner.services.plan import Changes, Plan
from planner.ui import dialogs, opening, preferences
from planner.ui.document import PlanDocument
from planner.ui.empty_page import EmptyPage
from planner.ui.health_panel import HealthPanel
from planner.ui.navigator import Navigator
from planner.ui.navigator_model import TEAM
from planner.ui.overview_page import OverviewPage
from planner.ui.period_picker import PeriodPicker
from planner.ui.plan_actions import PlanActions
from planner.ui.settings import Settings
from planner.ui.team_editing.team_actions import TeamActions
from planner.ui.widgets import commit_cell_being_edited
from planner.ui.window_actions import WindowActions

if TYPE_CHECKING:
    from planner.ui.board import BoardPage
    from planner.ui.coverage_page import CoveragePage
    from planner.ui.dashboard import DashboardPage
    from planner.ui.journal.page import JournalPage
    from planner.ui.plan_okrs_page import PlanOkrsPage
    from planner.ui.team_page import TeamPage

P = TypeVar("P", bound=QWidget)

DEFAULT_SIZE = (1280, 800)
STATUS_TIMEOUT_MS = 10_000


class MainWindow(QMainWindow):
    """One window showing one plan (or, with none open, a page to start from)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._document: PlanDocument | None = None
        self.setObjectName("mainWindow")
        self.undo_group = QUndoGroup(self)

        self.navigator = Navigator()
        self.navigator.selected.connect(self._on_navigator_selected)
        self.navigator.status.connect(self._show_status)
        self.navigator_dock = QDockWidget(self.tr("Navigator"), self)
        self.navigator_dock.setObjectName("navigatorDock")
        self.navigator_dock.setWidget(self.navigator)
        self.navigator_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator_dock)

        # The workspace: one page at a time. The start page and the overview (the first view
        # of a plan) are built now; every other page when first shown (see _add_page).
        self.workspace = QStackedWidget(self)
        self.workspace.setObjectName("workspace")
        self._built: list[QWidget] = []
        self.empty_page = EmptyPage()
        self.workspace.addWidget(self.empty_page)
        self.overview_page = self._add_page(OverviewPage())
        self._workshop: QWidget | None = None
        self.setCentralWidget(self.workspace)
        self.empty_page.new_requested.connect(self.new_plan)
        self.empty_page.open_requested.connect(self.open_plan)
        self.empty_page.sample_requested.connect(lambda: self.open_sample())
        self.empty_page.recent_requested.connect(self.open_recent)

        self.health_panel = HealthPanel()
        self.health_panel.navigate.connect(self._navigate_to)
        self.health_dock = QDockWidget(self.tr("Health"), self)
        self.health_dock.setObjectName("healthDock")
        self.health_dock.setWidget(self.health_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.health_dock)
        self.health_dock.hide()  # shown on demand: the report is a question, not a banner

        self.team_actions = TeamActions(self)
        self.team_actions.status.connect(self._show_status)
        self.team_actions.team_created.connect(self.show_team)
        self.plan_actions = PlanActions(self, self._team_on_show)
        self.plan_actions.status.connect(self._show_status)

        self.period_picker = PeriodPicker()
        self.read_only_badge = QLabel(self.tr("Read-only"))
        self.read_only_badge.setObjectName("readOnlyBadge")
        # A pill that stands out in the status bar: every edit is off while it shows.
        self.read_only_badge.setStyleSheet(
            "#readOnlyBadge { background: #F3D98B; color: #3D3100; border-radius: 8px;"
            " padding: 1px 10px; font-weight: bold; }"
        )
        self.read_only_badge.setToolTip(
            self.tr("Another window is editing this plan, or it was opened read-only")
        )
        self.statusBar().addPermanentWidget(self.read_only_badge)

        self.commands = WindowActions(self)
        self.commands.build_menus(self)
        self.commands.build_toolbar(self)
        self.set_document(None)

    # ---- the open plan --------------------------------------------------------------------

    @property
    def document(self) -> PlanDocument | None:
        return self._document

    def set_document(self, document: PlanDocument | None) -> None:
        """Show ``document`` (None: the start page); a previous document is closed."""
        if self._workshop is not None:  # it shows the plan going away: it ends first
            self._workshop.close()
        previous = self._document
        if previous is not None:
            previous.changed.disconnect(self._on_changed)
            previous.error.disconnect(self._show_refusal)
            self.undo_group.removeStack(previous.undo_stack)
        self._document = document
        # Every view and action set follows the open plan; each has set_document.
        views: list[Any] = [
            self.navigator,
            *self._built,
            self.period_picker,
            self.health_panel,
            self.team_actions,
            self.plan_actions,
        ]
        for view in views:
            view.set_document(document)
        if previous is not None:
            previous.close()
            previous.deleteLater()
        if document is not None:
            document.setParent(self)
            document.changed.connect(self._on_changed)
            document.error.connect(self._show_refusal)
            self.undo_group.addStack(document.undo_stack)
            self.undo_group.setActiveStack(document.undo_stack)
        self.empty_page.set_recent(self.settings.recent_files)
        has_plan = document is not None
        for action in self.commands.plan_actions():
            action.setEnabled(has_plan)
        for action in self.commands.period_actions:
            action.setVisible(has_plan)
        self.read_only_badge.setVisible(document is not None and document.read_only)
        self._update_title()
        if has_plan:
            self.show_overview()
        else:
            self.workspace.setCurrentWidget(self.empty_page)

    def adopt(self, plan: Plan) -> PlanDocument:
        """Show an open plan in this window and remember it as the last and a recent plan."""
        document = PlanDocument(plan)
        self.set_document(document)
        self.settings.add_recent_file(plan.path)
        self.settings.last_plan = plan.path
        if plan.file.backup is not None:
            self._show_status(
                self.tr(
                    "This plan was upgraded to the current version. The original was kept as "
                    "“{name}”."
                ).format(name=plan.file.backup.name),
                timeout=0,
            )
        return document

    def open_path(self, path: Path, read_only: bool = False) -> bool:
        """Open the plan at ``path`` in this window; False (after telling why) if it cannot."""
        current = self._document
        if current is not None and current.plan.path.resolve() == Path(path).resolve():
            return True  # already open here; opening it again would find it locked by us
        if not self.keep_typing():
            return False
        plan = opening.open_plan(self, Path(path), read_only)
        if plan is None:
            return False
        self.adopt(plan)
        return True

    def new_plan(self) -> None:
        if not self.keep_typing():
            return
        path = dialogs.ask_save_path(self, self.tr("New Plan"), self._start_folder())
        if path is None:
            return
        plan = opening.new_plan(self, path)
        if plan is not None:
            self.adopt(plan)

    def open_plan(self) -> None:
        path = dialogs.ask_open_path(self, self.tr("Open Plan"), self._start_folder())
        if path is not None:
            self.open_path(path)

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            self.settings.remove_recent_file(path)
            self.empty_page.set_recent(self.settings.recent_files)
            dialogs.show_error(
                self,
                self.tr("Plan not found"),
                self.tr("{path} no longer exists; it was removed from the recent plans.").format(
                    path=path
                ),
            )
            return
        self.open_path(path)

    def open_sample(self, read_only: bool = False) -> None:
        if not self.keep_typing():
            return
        plan = opening.sample_plan(self, read_only)
        if plan is not None:
            self.adopt(plan)

    def save_copy(self) -> None:
        document = self._document
        if document is None:
            return
        suggestion = document.plan.path.with_name(
            self.tr("{name} copy").format(name=document.plan.path.stem) + planner.PLAN_SUFFIX
        )
        if not self.keep_typing(closing=False):
            return
        target = dialogs.ask_save_path(self, self.tr("Save a Copy As"), suggestion)
        if target is not None and opening.save_copy(self, document.plan, target):
            self._show_status(self.tr("Saved a copy as {path}").format(path=target))

    def close_plan(self) -> None:
        if self.keep_typing():
            self.set_document(None)

    def keep_typing(self, closing: bool = True) -> bool:
        """Store what is being typed (a field, a cell still being edited, an unsaved journal
        note) as if the person had left it, before the plan is ``closing`` or copied.

        False when the plan refused some of it (the refusal is shown) and the person chose
        to stay with the plan rather than lose it (or, not closing, to copy without it)."""
        document = self._document
        if document is None or document.closed:
            return True
        refusals: list[str] = []

        def refused(message: str) -> None:
            refusals.append(message)

        document.error.connect(refused)
        document.refused_inline.connect(refused)
        try:
            focus = QApplication.focusWidget()
            if focus is not None and self.isAncestorOf(focus):
                commit_cell_being_edited(focus)
                focus.clearFocus()  # a field stores what it holds when it loses the focus
                # Item models hand edits to their views through queued calls: deliver them.
                QApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
            journal = self.__dict__.get("journal_page")
            if journal is not None and not journal.keep_note() and not refusals:
                refusals.append(self.tr("The note being written in the journal was refused."))
        finally:
            document.error.disconnect(refused)
            document.refused_inline.disconnect(refused)
        if not refusals:
            return True
        if closing:
            title = self.tr("Close the plan")
            question = self.tr("Close the plan anyway and lose it?")
        else:
            title = self.tr("Save a Copy")
            question = self.tr("Go on without it?")
        reason = self.tr("Some of what you typed could not be saved:")
        return dialogs.ask_yes_no(self, title, f"{reason}\n\n{refusals[0]}\n\n{question}")

    def _start_folder(self) -> Path:
        if self._document is not None:
            return self._document.plan.path.parent
        recent = self.settings.recent_files
        return recent[0].parent if recent else Path.home()

    # ---- what the workspace shows ---------------------------------------------------------

    def show_overview(self) -> None:
        self.navigator.select("", None)
        self.workspace.setCurrentWidget(self.overview_page)

    def show_team(self, team_id: uuid.UUID) -> None:
        self.team_page.show_team(team_id)
        self.team_actions.set_team(team_id)
        self.workspace.setCurrentWidget(self.team_page)
        if self.navigator.current() != (TEAM, team_id):
            self.navigator.select(TEAM, team_id)

    def show_board(self) -> None:
        self.workspace.setCurrentWidget(self.board_page)
        self.board_page.setFocus()

    def show_coverage(self) -> None:
        self.workspace.setCurrentWidget(self.coverage_page)

    def show_plan_okrs(self) -> None:
        self.workspace.setCurrentWidget(self.plan_okrs_page)

    def show_journal(self) -> None:
        self.workspace.setCurrentWidget(self.journal_page)

    def show_dashboard(self) -> None:
        self.workspace.setCurrentWidget(self.dashboard_page)

    def start_workshop(self) -> None:
        """Full-screen workshop mode; leaving it comes back to the team it ended on."""
        if self._document is None or self._workshop is not None:
            return
        from planner.ui.workshop import open_workshop

        on_show = self._team_on_show()
        window = open_workshop(self._document, on_show[0] if on_show else None, self)
        self._workshop = window
        window.closed.connect(lambda: self._end_workshop(window))

    def _end_workshop(self, window: Any) -> None:
        self._workshop = None
        if window.team_id is not None and self._document is not None:
            self.show_team(window.team_id)
        window.deleteLater()
        self.activateWindow()

    def with_document(self, action: Callable[[QWidget, PlanDocument], object]) -> None:
        if self._document is not None:
            action(self, self._document)

    # ---- pages built when first shown ------------------------------------------------------
    # Building every page and importing its modules took a large plan's start-up a few hundred
    # milliseconds before its first view; a page is now made the first time it is asked for.

    @cached_property
    def team_page(self) -> TeamPage:
        from planner.ui.team_page import TeamPage

        return self._add_page(TeamPage(), status=self._show_status)

    @cached_property
    def board_page(self) -> BoardPage:
        from planner.ui.board import BoardPage

        return self._add_page(BoardPage(), team_activated=self.show_team)

    @cached_property
    def coverage_page(self) -> CoveragePage:
        from planner.ui.coverage_page import CoveragePage

        return self._add_page(CoveragePage(), team_activated=self.show_team)

    @cached_property
    def plan_okrs_page(self) -> PlanOkrsPage:
        from planner.ui.plan_okrs_page import PlanOkrsPage

        return self._add_page(PlanOkrsPage(), status=self._show_status)

    @cached_property
    def journal_page(self) -> JournalPage:
        from planner.ui.journal.page import JournalPage

        return self._add_page(JournalPage(), status=self._show_status)

    @cached_property
    def dashboard_page(self) -> DashboardPage:
        from planner.ui.dashboard import DashboardPage

        return self._add_page(DashboardPage(), team_activated=self.show_team)

    def _add_page(self, page: P, **signals: Callable[..., object]) -> P:
        """Put a new page in the workspace, showing the open plan like every other page, with
        its ``signals`` (by name) connected to their slots."""
        for name, slot in signals.items():
            getattr(page, name).connect(slot)
        self.workspace.addWidget(page)
        self._built.append(page)
        if self._document is not None:
            page.set_document(self._document)  # type: ignore[attr-defined]
        return page

    def _page_on_show(self, name: str) -> QWidget | None:
        """Page ``name`` if it is the one on show (never building it to find out)."""
        page = self.__dict__.get(name)
        return page if page is not None and self.workspace.currentWidget() is page else None

    def _team_on_show(self) -> tuple[uuid.UUID, str] | None:
        """The team whose page is showing, for "print only this team"."""
        page = self._page_on_show("team_page")
        if page is None or self.team_page.team_id is None:
            return None
        return self.team_page.team_id, self.team_page.title.text()

    def _on_navigator_selected(self, kind: str, row_id: uuid.UUID | None) -> None:
        if self._document is None:
            return
        if kind == TEAM and row_id is not None:
            self.show_team(row_id)
        else:
            self.team_actions.set_team(None)
            # A stage has no page of its own: leaving a team for a stage shows the overview of
            # every stage. Any other page stays, since a navigator that gains focus selects
            # its first stage by itself, and that must not pull the person off the board.
            if self._page_on_show("team_page") is not None:
                self.workspace.setCurrentWidget(self.overview_page)

    def _navigate_to(self, kind: str, row_id: uuid.UUID | None) -> None:
        """Go to what a health finding names: a team's page, the board for a stage, the
        people, the objective or key result chosen in its team's OKRs (or the plan's), the
        note open in the journal, an interaction on the page of the team it starts from."""
        document = self._document
        if document is None or row_id is None:
            return
        plan = document.plan
        try:
            if kind == "team":
                self.show_team(row_id)
            elif kind == "stage":
                self.show_board()
            elif kind == "person":
                self.plan_actions.people_action.trigger()
            elif kind in ("objective", "key result"):
                self._show_okr(plan, kind, row_id)
            elif kind == "note":
                self.show_journal()
                self.journal_page.show_note(row_id)
            elif kind == "interaction":
                self.show_team(plan.interactions.get(row_id).from_team_id)
                self.team_page.reveal(self.team_page.interactions)
        except LookupError:  # gone since the report was made; the next report drops it
            self._show_status(self.tr("That is no longer in the plan."))

    def _show_okr(self, plan: Plan, kind: str, row_id: uuid.UUID) -> None:
        from planner.ui.okr.editor_model import KEY_RESULT, OBJECTIVE

        is_result = kind == "key result"
        objective = plan.objectives.get(
            plan.key_results.get(row_id).objective_id if is_result else row_id
        )
        if objective.team_id is not None:
            self.show_team(objective.team_id)
            editor = self.team_page.objectives
        else:
            self.show_plan_okrs()
            editor = self.plan_okrs_page.editor
        editor.select(KEY_RESULT if is_result else OBJECTIVE, row_id)
        editor.view.setFocus()
        if objective.team_id is not None:
            view = editor.view
            self.team_page.reveal(view.viewport(), view.visualRect(view.currentIndex()))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("plan_info"):
            self._update_title()

    def _show_refusal(self, message: str) -> None:
        self._show_status(message)
        dialogs.show_error(self, self.tr("Change not made"), message)

    def _show_status(self, message: str, timeout: int = STATUS_TIMEOUT_MS) -> None:
        self.statusBar().showMessage(message, timeout)

    def _update_title(self) -> None:
        document = self._document
        if document is None:
            self.setWindowTitle(self.tr("OKR Planner"))
        elif document.read_only:
            # "[read-only]" before the app name: platforms append the display name to a title
            # that does not already end with it, which would repeat it.
            self.setWindowTitle(
                self.tr("{plan} [read-only] — OKR Planner").format(plan=document.name)
            )
        else:
            self.setWindowTitle(self.tr("{plan} — OKR Planner").format(plan=document.name))

    def show_about(self) -> None:
        text = self.tr(
            "<h3>OKR Planner {version}</h3>"
            "<p>Plan the teams of your customer funnel and their objectives and key results, "
            "period by period.</p>"
            "<p>Qt {qt} · PySide6 {pyside} · Python {python}</p>"
        ).format(
            version=planner.__version__,
            qt=qVersion(),
            pyside=pyside_version,
            python=platform.python_version(),
        )
        dialogs.show_about(self, self.tr("About OKR Planner"), text)

    def show_preferences(self) -> None:
        # Looked up on the module when called, so tests can replace the window.
        preferences.show_preferences(self, self.settings)

    # ---- window state ---------------------------------------------------------------------

    def restore_window_state(self) -> None:
        if not self.restoreGeometry(self.settings.window_geometry):
            self._fit_default_size()
        self.restoreState(self.settings.window_state)

    def _fit_default_size(self) -> None:
        """The default size, within the screen's free area (a small screen, or a large one
        scaled 150 %), centred on it: the status bar and the navigator's buttons in sight."""
        width, height = DEFAULT_SIZE
        screen = self.screen()
        if screen is None:
            self.resize(width, height)
            return
        free = screen.availableGeometry()
        self.resize(min(width, int(free.width() * 0.95)), min(height, int(free.height() * 0.92)))
        frame = self.frameGeometry()
        frame.moveCenter(free.center())
        self.move(frame.topLeft())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        if not self.keep_typing():
            event.ignore()
            return
        # Closing releases the plan's lock, so another window can edit it at once.
        self.set_document(None)
        event.accept()
