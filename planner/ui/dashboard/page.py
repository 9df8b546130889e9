"""The dashboard: progress by stage and team, key-result trends, credit and the skills grid.

Four panels in a 2×2 grid, each a chart painted from the values
:mod:`planner.report.dashboard_data` reads (print draws the same values as vector figures).
While hidden the page only notes that it is out of date.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QStyle, QVBoxLayout, QWidget

from planner.domain.progress import format_progress
from planner.domain.text import plural
from planner.domain.values import TouchKind
from planner.report import dashboard_data as data
from planner.report.figures import CreditRows, Trends
from planner.services.plan import Changes
from planner.ui.credit_chart import CreditChart
from planner.ui.dashboard.panels import ChartPanel
from planner.ui.dashboard.progress_chart import ProgressChart
from planner.ui.dashboard.skills_chart import SkillsChart
from planner.ui.dashboard.trends_chart import TrendsChart
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.journal.labels import touch_name
from planner.ui.texts import format_number
from planner.ui.widgets import PAGE_MARGIN, Heading, Hint, scroll_page

# The tables each panel shows (a change of period redraws them all): a check-in redraws the
# progress and the trends, not the credit and the skills (reading each chart's values costs
# tens of milliseconds on a large plan).
PANEL_TABLES = {
    "progress": frozenset({"team", "stage", "period", "objective", "key_result", "check_in"}),
    "trends": frozenset({"team", "period", "objective", "key_result", "check_in"}),
    "credit": frozenset({"team", "period", "attribution_note", "contribution"}),
    "skills": frozenset({"team", "stage", "membership", "discipline", "person"}),
}
ALL_PANELS = frozenset(PANEL_TABLES)
DEBOUNCE_MS = 120
ALL_TEAMS = "all"
# Each chart panel's least size, in the text's average characters and lines: below it the
# page scrolls. The team filter shows this many characters before eliding a name.
PANEL_MIN_CHARACTERS = 48
PANEL_MIN_LINES = 13
FILTER_CHARACTERS = 22
# Chart rows are at least this many text lines apart, or their labels run into each other.
ROW_PITCH_LINES = 1.3


class DashboardPage(QWidget):
    """Charts of the period on show; refreshed (debounced) on changes while visible.

    ``team_activated(team id)``: the person clicked a team's bar in the progress chart.
    """

    team_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._document: PlanDocument | None = None
        self._pending: set[str] = set(ALL_PANELS)  # panels to draw when next shown or due
        self._shown_once = False
        self._progress_rows: list[uuid.UUID | None] = []  # team per row of the progress chart
        self._team_names: dict[uuid.UUID, str] = {}
        # The last trends read and what they were read from: a resize that changes how many
        # charts fit draws them again without reading every key result's history again.
        self._trends: tuple[object, tuple[Any, ...], Trends] | None = None

        self.title = Heading(self.tr("Dashboard"), level=1)
        self.hint = Hint()

        self.progress_panel = ChartPanel(
            self.tr("Progress by stage and team"), "progressPanel", ProgressChart()
        )
        self.trends_panel = ChartPanel(self.tr("Key-result trends"), "trendsPanel", TrendsChart())
        self.credit_panel = ChartPanel(self.tr("Attribution credit"), "creditPanel", CreditChart())
        self.skills_panel = ChartPanel(self.tr("Skills by team"), "skillsPanel", SkillsChart())
        self.progress_panel.chart.clicked.connect(self._on_progress_clicked)
        self.team_filter = QComboBox()
        self.team_filter.setObjectName("dashboardTeamFilter")
        self.team_filter.setAccessibleName(self.tr("Key results of"))
        # As wide as its longest choice up to a point: beyond, a long team name is elided
        # rather than squeezing the panel's title and caption.
        self.team_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.team_filter.setMinimumContentsLength(FILTER_CHARACTERS)
        self.team_filter.setToolTip(
            self.tr(
                "Whose key results to draw. All teams: those furthest behind their steady pace"
                " come first."
            )
        )
        self.team_filter.currentIndexChanged.connect(self._draw_trends)
        self.trends_panel.header.addWidget(
            self.team_filter, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )

        # Below the panels' least size (a small window, large type) the page scrolls rather
        # than squeeze four charts past legibility.
        self.panels = panels = _Panels()
        panels.setObjectName("dashboardPanels")
        for panel in self.chart_panels:
            panel.setMinimumSize(
                self.fontMetrics().averageCharWidth() * PANEL_MIN_CHARACTERS,
                self.fontMetrics().height() * PANEL_MIN_LINES,
            )
        self.grid = QGridLayout(panels)
        self.grid.setContentsMargins(PAGE_MARGIN, 0, PAGE_MARGIN, PAGE_MARGIN // 2)
        self.grid.setSpacing(12)
        self._columns = 0
        self._arrange(2)

        top = QVBoxLayout()
        top.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN // 2, PAGE_MARGIN, 8)
        top.setSpacing(2)
        top.addWidget(self.title)
        top.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        # The scroll area sizes a layout with wrapping text by its preferred height for the
        # width; one level down, it sees the panels' least size instead (_Panels).
        content = QWidget()
        around = QVBoxLayout(content)
        around.setContentsMargins(0, 0, 0, 0)
        around.addWidget(panels)
        layout.addWidget(scroll_page(content), 1)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAutoFillBackground(True)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        # A new size fits another number of rows (the charts repaint at any size themselves).
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(DEBOUNCE_MS)
        self._resize_timer.timeout.connect(self._fit_to_size)
        # The rows the progress, skills and trends charts fit, as last drawn.
        self._fitted: dict[str, int] = {}
        self.hint.setText(self.tr("Open a plan to see its dashboard."))

    @property
    def chart_panels(self) -> tuple[ChartPanel, ...]:
        return (self.progress_panel, self.trends_panel, self.credit_panel, self.skills_panel)

    # ---- the document ---------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(
            self._document, document, self._on_changed, self._on_period_changed
        )
        self._trends = None  # nothing of a closed plan is kept
        self._team_names = {}
        self._fill_team_filter()
        self.schedule_refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("team"):
            self._fill_team_filter()
        panels = {name for name, tables in PANEL_TABLES.items() if changes.touches(*tables)}
        if panels:
            self.schedule_refresh(panels)

    def _on_period_changed(self, _period_id: object) -> None:
        self.schedule_refresh()

    def schedule_refresh(self, panels: set[str] | frozenset[str] = ALL_PANELS) -> None:
        """Redraw ``panels`` soon if visible (many changes in a row cost one refresh), else
        when next shown."""
        self._pending |= panels
        if self.isVisible():
            self._timer.start()

    # ---- showing --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # The charts' sizes decide how many rows fit: lay them out now (the page, then
            # each panel), so the first values read are for the size shown.
            for widget in (self, *self.chart_panels):
                layout = widget.layout()
                if layout is not None:
                    layout.activate()
            # The window around it may still settle (a dock being laid out beside it): fit
            # the charts again once it has, as after any resize.
            self._resize_timer.start()
        if self._pending:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The app switches between light and dark live: repaint in the new colours.
        if event.type() == QEvent.Type.PaletteChange and self._shown_once:
            self.schedule_refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Two columns of panels where two fit side by side, else one under the other; with
        # room kept for a vertical scroll bar, lest it push out a horizontal one too.
        margins = self.grid.contentsMargins()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        room = event.size().width() - margins.left() - margins.right() - self.grid.spacing()
        self._arrange(2 if room - bar >= 2 * self.progress_panel.minimumWidth() else 1)
        if self._shown_once and self.isVisible():
            self._resize_timer.start()

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for index, panel in enumerate(self.chart_panels):
            self.grid.addWidget(panel, index // columns, index % columns)
        rows = -(-len(self.chart_panels) // columns)
        for line in range(len(self.chart_panels)):
            self.grid.setRowStretch(line, 1 if line < rows else 0)
            self.grid.setColumnStretch(line, 1 if line < columns else 0)
        # The least size is the panels' own: left to the layout, wrapped captions measured at
        # their narrowest would make it scroll at sizes the panels fit.
        margins, spacing = self.grid.contentsMargins(), self.grid.spacing()
        least = self.progress_panel.minimumSize()
        self.panels.setMinimumSize(
            columns * least.width() + (columns - 1) * spacing + margins.left() + margins.right(),
            rows * least.height() + (rows - 1) * spacing + margins.top() + margins.bottom(),
        )

    def _fit_to_size(self) -> None:
        """After a resize: the charts whose number of rows changes get their rows again
        (every chart repaints itself at the new size)."""
        if not self.isVisible():
            return
        for name, fitting, draw in (
            ("progress", self._rows_fitting(self.progress_panel), self._draw_progress),
            ("skills", self._skills_rows(), self._draw_skills),
            ("trends", self._trend_rows(), self._draw_trends),
            ("credit", self._credit_rows(), self._draw_credit),
        ):
            if self._fitted.get(name) != fitting:
                draw()

    def _rows_fitting(
        self, panel: ChartPanel, reserved_lines: float = 2.0, pitch_lines: float = ROW_PITCH_LINES
    ) -> int:
        """How many chart rows fit the panel's chart ``pitch_lines`` of text apart, keeping
        ``reserved_lines`` of text height for axes, legends and notes (at least 4)."""
        line = self.fontMetrics().height()
        return max(4, int((panel.chart.height() - reserved_lines * line) // (pitch_lines * line)))

    def _trend_rows(self) -> int:
        """Rows of small trend charts that fit (1-3): each needs its two-line title, a plot
        and its dates, about six and a half lines of text."""
        height = self.trends_panel.chart.height()
        return max(1, min(3, int(height // (6.5 * self.fontMetrics().height()))))

    def _credit_rows(self) -> int:
        # The legend takes up to two lines above the bars and the axis two below; the bars
        # carry their numbers, so they need more room than the progress bars.
        return self._rows_fitting(self.credit_panel, reserved_lines=5.0, pitch_lines=1.7)

    def _skills_rows(self) -> int:
        # The discipline names above the grid are slanted, and a note is under it.
        return self._rows_fitting(self.skills_panel, reserved_lines=6.0)

    # ---- drawing --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._timer.stop()
        if not self.isVisible():
            return  # the pending panels are drawn when the page is shown
        pending, self._pending = self._pending, set()
        document = self._document
        period = document.period() if document is not None else None
        if document is None:
            self.hint.setText(self.tr("Open a plan to see its dashboard."))
        elif period is None:
            self.hint.setText(self.tr("The plan has no periods yet: add one to see progress."))
        else:
            self.hint.setText(
                self.tr("{period} · {start} to {end} · as of {today}").format(
                    period=period.name,
                    start=period.start_date.isoformat(),
                    end=period.end_date.isoformat(),
                    today=document.today().isoformat(),
                )
            )
        # The progress chart also reads the team names the others use: it comes first.
        for name, draw in (
            ("progress", self._draw_progress),
            ("trends", self._draw_trends),
            ("credit", self._draw_credit),
            ("skills", self._draw_skills),
        ):
            if name in pending:
                draw()

    def _draw_progress(self) -> None:
        document = self._document
        if document is None:
            self._progress_rows = []
            self.progress_panel.chart.set_stages([], self.tr("No plan open"))
            return
        coverage = data.coverage(document.plan)
        self._team_names = {team_id: name for team_id, name, _ in coverage.teams}
        fitting = self._rows_fitting(self.progress_panel)
        # Every stage has its row; the teams get the rest, those furthest behind first.
        limit = min(max(fitting - len(coverage.stages), 3), data.CHART_TEAMS)
        stages = data.stage_progress(coverage, document.progress(), limit)
        rows: list[uuid.UUID | None] = []
        by_stage: dict[uuid.UUID, list[uuid.UUID]] = {}
        # The chart's rows, so a click on a bar finds its team: only the teams it shows.
        shown = data.shown_teams(coverage, document.progress(), limit)
        for team_id, _name, stage_id in coverage.teams:
            if team_id in shown:
                by_stage.setdefault(stage_id, []).append(team_id)
        for stage_id, _name in coverage.stages:
            rows.append(None)
            rows.extend(by_stage.get(stage_id, []))
        self._progress_rows = rows
        self._fitted["progress"] = fitting
        period = document.period()
        progress = document.progress()
        caption = self.tr("Whole plan {value} · {period}").format(
            value=format_progress(progress.plan if progress is not None else None),
            period=period.name if period is not None else self.tr("no period"),
        )
        if len(shown) < len(coverage.teams):
            caption += " · " + self.tr("the {shown} of {count} teams furthest behind").format(
                shown=len(shown), count=len(coverage.teams)
            )
        self.progress_panel.set_caption(caption)
        self.progress_panel.chart.set_stages(stages, self.tr("No teams yet"))

    def _draw_trends(self) -> None:
        if not self._shown_once:
            return
        document = self._document
        period = document.period() if document is not None else None
        if document is None or period is None:
            self.trends_panel.set_caption("")
            self.trends_panel.chart.set_trends(None, 0, None, self.tr("No period to show"))
            return
        choice = self.team_filter.currentData()
        everyone = choice in (None, ALL_TEAMS)
        team_id = None if everyone or choice == "plan" else uuid.UUID(choice)
        trees = document.okr_trees()
        # Every change to the plan replaces the trees (never changes them): the same object
        # means nothing was edited since.
        source = (period, choice, document.today(), self._team_names)
        if self._trends is not None and self._trends[0] is trees and self._trends[1] == source:
            trends = self._trends[2]
        else:
            trends = data.trends(
                document.plan,
                period,
                trees,
                self._team_names,
                document.today(),
                team_id=team_id,
                everyone=everyone,
            )
            self._trends = (trees, source, trends)
        drawn = sum(1 for kr in trends.key_results if kr.points)
        self.trends_panel.set_caption(
            self.tr("{drawn} of {count} key results have check-ins · dotted: steady pace").format(
                drawn=drawn, count=len(trends.key_results)
            )
        )
        empty = (
            self.tr("No key results yet") if not trends.key_results else self.tr("No check-ins yet")
        )
        width = self.trends_panel.width()
        columns = 2 if width < 900 else 3
        rows = self._trend_rows()
        self._fitted["trends"] = rows
        self.trends_panel.chart.set_trends(
            trends, rows * columns, columns if drawn > 2 else None, empty
        )

    def _draw_credit(self) -> None:
        if not self._shown_once:
            return
        document = self._document
        period = document.period() if document is not None else None
        if document is None or period is None:
            self.credit_panel.set_caption("")
            self._show_credit([], self.tr("No period to show"))
            return
        fitting = self._credit_rows()
        self._fitted["credit"] = fitting
        limit = min(fitting, data.CREDIT_TEAMS)
        rows = data.credit_rows(document.plan, period, self._team_names, limit)
        caption = self.tr("Credit from notes dated in {period}, by kind of touch").format(
            period=period.name
        )
        credited = data.credited_teams(document.plan, period)
        if len(rows) < credited:
            caption += " · " + self.tr("the {shown} of {count} teams with most credit").format(
                shown=len(rows), count=credited
            )
        self.credit_panel.set_caption(caption)
        self._show_credit(rows, self.tr("No notes in {period}").format(period=period.name))

    def _show_credit(self, rows: CreditRows, empty_text: str) -> None:
        self.credit_panel.chart.set_rows(
            rows,
            touch_names={kind: touch_name(kind) for kind in TouchKind},
            number=lambda value: format_number(round(value, 1)),
            axis_label=self.tr("Credit (percentage points)"),
            empty_text=empty_text,
        )

    def _draw_skills(self) -> None:
        document = self._document
        if document is None:
            self.skills_panel.chart.set_grid(None, self.tr("No plan open"))
            return
        coverage = data.coverage(document.plan)
        fitting = self._skills_rows()
        self._fitted["skills"] = fitting
        every_team = data.skills_grid(coverage)
        missing = data.missing_skills(every_team)  # over all teams, shown or not
        grid = data.gaps_first(every_team, min(fitting, data.CHART_TEAMS))
        caption = self.tr("Head-count per discipline · {missing} missing").format(
            missing=plural(missing, self.tr("required discipline"), self.tr("required disciplines"))
        )
        if len(grid.teams) < len(coverage.teams):
            caption += " · " + self.tr("{shown} of {count} teams, gaps first").format(
                shown=len(grid.teams), count=len(coverage.teams)
            )
        self.skills_panel.set_caption(caption)
        self.skills_panel.chart.set_grid(grid, self.tr("No teams yet"))

    # ---- the team filter and clicks -------------------------------------------------------

    def _fill_team_filter(self) -> None:
        combo = self.team_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All teams"), ALL_TEAMS)
        combo.addItem(self.tr("Plan-level objectives"), "plan")
        document = self._document
        if document is not None:
            for team in document.plan.teams.list():
                combo.addItem(team.name, str(team.id))  # strings: findData compares them
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def show_team(self, team_id: uuid.UUID | None) -> None:
        """Show ``team_id``'s key results in the trends panel (None: every team's)."""
        index = self.team_filter.findData(str(team_id) if team_id is not None else ALL_TEAMS)
        self.team_filter.setCurrentIndex(max(index, 0))

    def _on_progress_clicked(self, row: object) -> None:
        if isinstance(row, int) and 0 <= row < len(self._progress_rows):
            team_id = self._progress_rows[row]
            if team_id is not None:
                self.team_activated.emit(team_id)


class _Panels(QWidget):
    """The grid of chart panels: as tall as the room it is given, down to its least size.

    Its captions wrap, which would make the layout around it ask for its preferred height at
    every width (and the page scroll though the panels fit)."""

    def hasHeightForWidth(self) -> bool:
        return False
