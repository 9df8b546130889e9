"""A team at a glance: who is in it, what it is for, and its OKRs in the period on show."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.domain.progress import format_progress
from planner.services.base import NotFoundError
from planner.services.plan import Changes
from planner.services.records import TeamRecord
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.navigator_model import swatch
from planner.ui.okr.editor import OkrEditor
from planner.ui.okr.history import KeyResultHistory
from planner.ui.team_editing.details import TeamDetailsEditor
from planner.ui.team_editing.interactions import InteractionsPanel
from planner.ui.team_editing.members import MembersPanel
from planner.ui.texts import format_number, topology_name
from planner.ui.widgets import (
    PAGE_MARGIN,
    SECTION_SPACING,
    Figure,
    Heading,
    Hint,
    LazyPage,
    scroll_page,
)

SWATCH_SIZE = 18
OKR_EDITOR_HEIGHT = 340


class TeamPage(LazyPage):
    """A team: its details (editable), members, the teams it works with, and its objectives
    with their key results and progress in the period on show."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._team_id: uuid.UUID | None = None
        self._stale = False

        content = QWidget()
        self.swatch = QLabel()
        self.swatch.setFixedSize(SWATCH_SIZE, SWATCH_SIZE)
        self.title = Heading(level=1)
        self.title.setObjectName("teamTitle")
        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        title_row.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.title, 1)
        self.subtitle = Hint()

        self.progress_figure = Figure(self.tr("Progress"))
        self.members_figure = Figure(self.tr("Members"))
        self.objectives_figure = Figure(self.tr("Objectives"))
        figures = QHBoxLayout()
        figures.setSpacing(12)
        for figure in (self.progress_figure, self.members_figure, self.objectives_figure):
            figures.addWidget(figure)
        figures.addStretch(1)

        self.details = TeamDetailsEditor()
        self.members = MembersPanel()
        self.members.setObjectName("teamMembers")
        self.interactions = InteractionsPanel()
        for panel in (self.members, self.interactions):
            panel.status.connect(self.status)

        self.objectives_heading = Heading(self.tr("Objectives"))
        self.objectives = OkrEditor()
        self.objectives.setObjectName("teamObjectives")
        # Tall enough for a team's few objectives without a second scroll bar on the page.
        self.objectives.setMinimumHeight(OKR_EDITOR_HEIGHT)
        self.objectives.status.connect(self.status)
        self.history = KeyResultHistory()
        self.objectives.key_result_selected.connect(self.history.set_key_result)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        layout.setSpacing(6)
        layout.addLayout(title_row)
        layout.addWidget(self.subtitle)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addLayout(figures)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addWidget(self.details)
        layout.addSpacing(SECTION_SPACING)
        layout.addWidget(Heading(self.tr("Members")))
        layout.addWidget(self.members)
        layout.addSpacing(SECTION_SPACING)
        layout.addWidget(Heading(self.tr("Works with")))
        layout.addWidget(self.interactions)
        layout.addSpacing(SECTION_SPACING)
        layout.addWidget(self.objectives_heading)
        layout.addWidget(self.objectives)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addWidget(self.history)
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll = scroll_page(content, self)
        outer.addWidget(self._scroll)

    def reveal(self, widget: QWidget, area: QRect | None = None) -> None:
        """Scroll the page so ``widget`` (``area`` of it, in its own coordinates) is in
        sight: a finding chosen in the health panel may name a row far down the page."""
        content = self._scroll.widget()
        if content is None:
            return
        layout = content.layout()
        if layout is not None:
            layout.activate()  # just shown: place the sections before measuring where they are
        rect = area if area is not None else widget.rect()
        centre = widget.mapTo(content, rect.center())
        self._scroll.ensureVisible(centre.x(), centre.y(), 0, rect.height() // 2 + PAGE_MARGIN)

    @property
    def team_id(self) -> uuid.UUID | None:
        return self._team_id

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed, self.refresh)
        self._team_id = None
        for panel in (self.details, self.members, self.interactions, self.objectives, self.history):
            panel.set_document(document)

    def show_team(self, team_id: uuid.UUID) -> None:
        if team_id == self._team_id:
            # Already on show (selecting it in the navigator comes back here): its panels
            # follow every change by themselves, and a re-read would cost a large plan ~0.1 s.
            return
        self._team_id = team_id
        for panel in (self.details, self.members, self.interactions):
            panel.set_team(team_id)
        self.objectives.set_owner(team_id)
        self.history.set_key_result(None)
        self.refresh()

    def _on_changed(self, _changes: Changes) -> None:
        if self._team_id is not None:
            self.refresh()

    def refresh(self) -> None:
        document = self._document
        if document is None or self._team_id is None:
            return
        if self.hidden_for_now():
            return
        plan = document.plan
        try:
            team = plan.teams.get(self._team_id)
            stage = plan.stages.get(team.stage_id)
        except NotFoundError:
            # Deleted while on show (an undo of its creation, say): say so rather than go blank.
            self.title.setText(self.tr("This team is no longer in the plan"))
            self.subtitle.setText(self.tr("Undo brings it back if it was just deleted."))
            return
        self.title.setText(team.name)
        self._paint_swatch(team)
        self.subtitle.setText(
            self.tr("{stage} stage · {type}").format(
                stage=stage.name, type=topology_name(team.topology)
            )
        )
        self._show_members(document, team)
        self._show_objectives(document, team)

    def _paint_swatch(self, team: TeamRecord) -> None:
        # The same round swatch as in the navigator, larger.
        self.swatch.setVisible(bool(team.color))
        if team.color:
            self.swatch.setPixmap(swatch(team.color, SWATCH_SIZE).pixmap(SWATCH_SIZE))

    def _show_members(self, document: PlanDocument, team: TeamRecord) -> None:
        memberships = document.plan.memberships.list(team_id=team.id)
        full_time = sum(membership.allocation for membership in memberships) / 100
        self.members_figure.set_value(str(len(memberships)))
        self.members_figure.caption.setText(
            self.tr("Members · {fte} full-time").format(fte=format_number(round(full_time, 1)))
        )

    def _show_objectives(self, document: PlanDocument, team: TeamRecord) -> None:
        period = document.period()
        tree = document.okr_tree(team.id)
        objectives = tree.objectives if tree else ()
        self.progress_figure.set_value(format_progress(tree.progress if tree else None))
        self.progress_figure.caption.setText(
            self.tr("Progress in {period}").format(period=period.name)
            if period
            else self.tr("Progress")
        )
        self.objectives_figure.set_value(str(len(objectives)))
        self.objectives_heading.setText(
            self.tr("Objectives in {period}").format(period=period.name)
            if period
            else self.tr("Objectives")
        )
