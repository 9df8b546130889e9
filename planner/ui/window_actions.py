"""The main window's own actions (files, views, periods, help), its menu bar and toolbar.

The pages and panels bring their own actions (the navigator's, the team's, the plan's); here
they are only placed in the menus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QWidget

from planner.ui.actions import make_action
from planner.ui.recent_menu import RecentMenu

if TYPE_CHECKING:
    from planner.ui.document import PlanDocument
    from planner.ui.main_window import MainWindow


class WindowActions(QObject):
    """Every action of the main window itself, created for ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.period_actions: list[QAction] = []
        self._create_actions(window)

    def plan_actions(self) -> list[QAction]:
        """The actions that need an open plan (off while none is open)."""
        return [
            self.save_copy_action,
            self.close_action,
            self.overview_action,
            self.board_action,
            self.coverage_action,
            self.plan_okrs_action,
            self.journal_action,
            self.dashboard_action,
            self.workshop_action,
            self.periods_action,
            self.carry_over_action,
        ]

    def _create_actions(self, window: MainWindow) -> None:
        key = QKeySequence.StandardKey
        self.new_action = make_action(
            window,
            self.tr("&New Plan…"),
            self.tr("Create a new plan file"),
            window.new_plan,
            key.New,
        )
        self.open_action = make_action(
            window, self.tr("&Open Plan…"), self.tr("Open a plan file"), window.open_plan, key.Open
        )
        self.sample_action = make_action(
            window,
            self.tr("Open the &Sample Plan"),
            self.tr("Open the sample plan of a small product organisation"),
            window.open_sample,
        )
        self.save_copy_action = make_action(
            window,
            self.tr("Save a &Copy As…"),
            self.tr("Write a copy of this plan to another file; you keep working in this one"),
            window.save_copy,
            key.SaveAs,
        )
        self.close_action = make_action(
            window, self.tr("&Close Plan"), self.tr("Close this plan"), window.close_plan, key.Close
        )
        # Every binding the platform has, not just the first (Ctrl+W and Ctrl+F4; for Redo
        # Ctrl+Y and Ctrl+Shift+Z).
        self.close_action.setShortcuts(key.Close)
        quit_keys = QKeySequence(key.Quit)
        self.quit_action = make_action(
            window,
            self.tr("&Quit"),
            self.tr("Quit OKR Planner"),
            window.close,
            quit_keys if not quit_keys.isEmpty() else QKeySequence("Ctrl+Q"),
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = window.undo_group.createUndoAction(window, self.tr("Undo"))
        self.undo_action.setShortcuts(key.Undo)
        self.undo_action.setStatusTip(self.tr("Undo the last change"))
        self.redo_action = window.undo_group.createRedoAction(window, self.tr("Redo"))
        self.redo_action.setShortcuts(key.Redo)
        self.redo_action.setStatusTip(self.tr("Redo the change just undone"))
        self.preferences_action = make_action(
            window,
            self.tr("&Preferences…"),
            self.tr("Choose how OKR Planner looks: the system's, a light or a dark theme"),
            window.show_preferences,
            key.Preferences,
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.overview_action = make_action(
            window,
            self.tr("Plan &Overview"),
            self.tr("Show where the whole plan stands in the chosen period"),
            window.show_overview,
        )
        self.overview_action.setShortcut(QKeySequence("Ctrl+0"))
        self.board_action = make_action(
            window,
            self.tr("&Funnel Board"),
            self.tr("Stages as columns with their team cards; drag a card to move a team"),
            window.show_board,
            QKeySequence("Ctrl+1"),
        )
        self.coverage_action = make_action(
            window,
            self.tr("Skills &Coverage"),
            self.tr("Teams by disciplines: who covers which skill, and where skills are missing"),
            window.show_coverage,
            QKeySequence("Ctrl+2"),
        )
        self.plan_okrs_action = make_action(
            window,
            self.tr("Company &OKRs"),
            self.tr("The plan-level objectives team objectives align to, with check-ins"),
            window.show_plan_okrs,
            QKeySequence("Ctrl+4"),
        )
        self.journal_action = make_action(
            window,
            self.tr("Attribution &Journal"),
            self.tr("Notes on which teams earned a customer's success, and the credit summary"),
            window.show_journal,
            QKeySequence("Ctrl+J"),
        )
        self.dashboard_action = make_action(
            window,
            self.tr("&Dashboard"),
            self.tr("Charts: progress by stage and team, key-result trends, credit, skills"),
            window.show_dashboard,
            QKeySequence("Ctrl+5"),
        )
        self.workshop_action = make_action(
            window,
            self.tr("&Workshop Mode"),
            self.tr("Full screen, large type, team by team, with a timer; Esc leaves"),
            window.start_workshop,
            QKeySequence(Qt.Key.Key_F11),
        )
        self.carry_over_action = make_action(
            window,
            self.tr("&Carry Over Unfinished Objectives…"),
            self.tr("Move or copy unfinished objectives to the next period, keeping history"),
            lambda: window.with_document(_open_carry_over),
        )
        self.periods_action = make_action(
            window,
            self.tr("P&eriods…"),
            self.tr("Add the next quarter, rename periods or change their dates"),
            lambda: window.with_document(_open_periods),
        )
        self.health_action = window.health_dock.toggleViewAction()
        self.health_action.setText(self.tr("&Health"))
        self.health_action.setShortcut(QKeySequence("Ctrl+3"))
        self.health_action.setToolTip(self.tr("Show the plan's health findings (Ctrl+3)"))
        self.health_action.setStatusTip(self.tr("Show the plan's health findings"))
        self.navigator_action = window.navigator_dock.toggleViewAction()
        self.navigator_action.setText(self.tr("&Navigator"))
        self.navigator_action.setToolTip(self.tr("Show or hide the navigator"))
        self.navigator_action.setStatusTip(self.tr("Show or hide the navigator"))
        self.about_action = make_action(
            window,
            self.tr("&About OKR Planner"),
            self.tr("Show the versions of OKR Planner, Qt and Python"),
            window.show_about,
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def build_menus(self, window: MainWindow) -> None:
        """The menu bar: File, Edit, View, Plan, Team, Help."""
        bar = window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = RecentMenu(window.settings, file_menu)
        self.recent_menu.open_requested.connect(window.open_recent)
        self.recent_menu.cleared.connect(lambda: window.empty_page.set_recent([]))
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.sample_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_copy_action)
        file_menu.addSeparator()
        file_menu.addActions(window.plan_actions.exchange_actions())
        file_menu.addSeparator()
        file_menu.addActions(window.plan_actions.paper_actions())
        file_menu.addSeparator()
        file_menu.addActions([self.close_action, self.quit_action])

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        navigator_actions = window.navigator.edit_actions()
        edit_menu.addActions(navigator_actions[:2])
        edit_menu.addSeparator()
        edit_menu.addActions(navigator_actions[2:])
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions(
            [
                self.overview_action,
                self.board_action,
                self.coverage_action,
                self.plan_okrs_action,
                self.journal_action,
                self.dashboard_action,
            ]
        )
        view_menu.addSeparator()
        view_menu.addActions([self.navigator_action, self.health_action])
        view_menu.addSeparator()
        view_menu.addAction(self.workshop_action)

        plan_menu = bar.addMenu(self.tr("&Plan"))
        plan_menu.addActions(window.plan_actions.directory_actions())
        plan_menu.addSeparator()
        plan_menu.addActions([self.periods_action, self.carry_over_action])
        team_menu = bar.addMenu(self.tr("&Team"))
        team_menu.addActions(window.team_actions.actions())

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def build_toolbar(self, window: MainWindow) -> None:
        """The views most used, and the period picker."""
        toolbar = QToolBar(self.tr("Main toolbar"), window)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.overview_action, self.board_action, self.coverage_action])
        toolbar.addSeparator()
        label = QLabel(self.tr("Period:"))
        label.setBuddy(window.period_picker)
        label.setContentsMargins(6, 0, 6, 0)
        # Widgets in a toolbar are shown and hidden through their actions.
        self.period_actions = [toolbar.addWidget(label), toolbar.addWidget(window.period_picker)]
        window.addToolBar(toolbar)


# The dialogs are imported when first asked for: opening a plan needs neither.
def _open_carry_over(parent: QWidget, document: PlanDocument) -> object:
    from planner.ui.okr.carry_over import open_carry_over

    return open_carry_over(parent, document)


def _open_periods(parent: QWidget, document: PlanDocument) -> None:
    from planner.ui.okr.periods import open_periods

    open_periods(parent, document)
