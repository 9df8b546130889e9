"""The plan overview: where the plan stands in the period on show, stage by stage."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from planner.domain.progress import format_progress
from planner.services.okr_tree import PLAN_LEVEL
from planner.services.plan import Changes
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.okr_tree import OkrTreeView
from planner.ui.progress_delegate import ProgressDelegate
from planner.ui.table_models import StagesTableModel, TableRow
from planner.ui.texts import elapsed_text, period_dates
from planner.ui.widgets import (
    PAGE_MARGIN,
    SECTION_SPACING,
    Figure,
    Heading,
    Hint,
    LazyPage,
    fit_height,
    read_only_table,
    scroll_page,
)


class OverviewPage(LazyPage):
    """Plan name, the period with its elapsed share, plan progress, stages and the plan-level
    (company) objectives. Read-only; it follows the document's changes and period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._stale = False

        content = QWidget()
        self.title = Heading(level=1)
        self.title.setObjectName("overviewTitle")
        self.description = Hint()
        self.period_line = Hint()

        self.progress_figure = Figure(self.tr("Plan progress"))
        self.elapsed_figure = Figure(self.tr("Period elapsed"))
        self.stages_figure = Figure(self.tr("Stages"))
        self.teams_figure = Figure(self.tr("Teams"))
        figures = QHBoxLayout()
        figures.setSpacing(12)
        for figure in (
            self.progress_figure,
            self.elapsed_figure,
            self.stages_figure,
            self.teams_figure,
        ):
            figures.addWidget(figure)
        figures.addStretch(1)

        self.stages_model = StagesTableModel(self)
        self.stages_table = read_only_table(self.stages_model)
        self.stages_table.setObjectName("overviewStages")
        self.stages_table.setItemDelegateForColumn(
            StagesTableModel.PROGRESS,
            ProgressDelegate(StagesTableModel.ValueRole, self.stages_table),
        )
        self.no_stages = Hint(self.tr("This plan has no stages yet: add one in the navigator."))
        self.no_teams = Hint(
            self.tr(
                "No teams yet. Select a stage in the navigator and choose Add Team: each team "
                "works on one stage of the funnel."
            )
        )

        self.objectives_heading = Heading(self.tr("Plan objectives"))
        self.objectives = OkrTreeView()
        self.objectives.setObjectName("overviewObjectives")
        self.no_objectives = Hint()

        layout = QVBoxLayout(content)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addWidget(self.period_line)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addLayout(figures)
        layout.addSpacing(SECTION_SPACING)
        layout.addWidget(Heading(self.tr("Stages")))
        layout.addWidget(self.stages_table)
        layout.addWidget(self.no_stages)
        layout.addWidget(self.no_teams)
        layout.addSpacing(SECTION_SPACING)
        layout.addWidget(self.objectives_heading)
        layout.addWidget(self.objectives)
        layout.addWidget(self.no_objectives)
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_page(content, self))

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed, self.refresh)
        self.refresh()

    def _on_changed(self, _changes: Changes) -> None:
        # Nearly every table feeds this page (names, counts, progress); re-read it all.
        self.refresh()

    def refresh(self) -> None:
        document = self._document
        if document is None:
            return
        if self.hidden_for_now():
            return
        plan = document.plan
        info_name = document.name
        self.title.setText(info_name)
        try:
            description = plan.info.current().description
        except LookupError:
            description = ""
        self.description.setText(description)
        self.description.setVisible(bool(description))

        period = document.period()
        progress = document.progress()
        if period is None:
            self.period_line.setText(
                self.tr("This plan has no periods yet, so there is no progress to show.")
            )
        else:
            self.period_line.setText(
                self.tr("{period} · {dates}").format(period=period.name, dates=period_dates(period))
            )
        self.progress_figure.set_value(format_progress(progress.plan if progress else None))
        self.elapsed_figure.set_value(
            format_progress(progress.elapsed if progress else None),
            elapsed_text(progress.elapsed) if progress else "",
        )

        stages = plan.stages.list()
        teams = plan.teams.list()
        per_stage = Counter(team.stage_id for team in teams)
        self.stages_figure.set_value(str(len(stages)))
        self.teams_figure.set_value(str(len(teams)))
        rows = []
        for stage in stages:
            value = progress.stage(stage.id) if progress else None
            count = per_stage[stage.id]
            cells = (stage.name, str(count), format_progress(value))
            rows.append(TableRow(stage.id, cells, (stage.name, count, value)))
        self.stages_model.set_rows(rows)
        self.stages_table.setVisible(bool(stages))
        self.no_stages.setVisible(not stages)
        self.no_teams.setVisible(bool(stages) and not teams)

        tree = document.okr_tree(PLAN_LEVEL)
        objectives = tree.objectives if tree else ()
        self.objectives.set_rows(objectives)
        fit_height(self.objectives, self.objectives.shown_rows())
        self.objectives.setVisible(bool(objectives))
        self.objectives_heading.setText(
            self.tr("Plan objectives in {period}").format(period=period.name)
            if period
            else self.tr("Plan objectives")
        )
        self.no_objectives.setText(
            self.tr("No plan-level objectives in {period} yet.").format(period=period.name)
            if period
            else ""
        )
        self.no_objectives.setVisible(not objectives)
