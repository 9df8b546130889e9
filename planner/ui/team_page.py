"""A team at a glance: who is in it, what it is for, and its OKRs in the period on show."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.domain.progress import format_progress
from planner.services.base import NotFoundError
from planner.services.plan import Changes
from planner.services.records import TeamRecord
from planner.ui.document import PlanDocument
from planner.ui.navigator_model import swatch
from planner.ui.okr_tree import OkrTreeView
from planner.ui.table_models import MembersTableModel, TableRow
from planner.ui.texts import format_number, topology_name
from planner.ui.widgets import (
    PAGE_MARGIN,
    SECTION_SPACING,
    Figure,
    Heading,
    Hint,
    fit_height,
    read_only_table,
    scroll_page,
)

SWATCH_SIZE = 18


class TeamPage(QWidget):
    """Name, stage, type, mission, persona, members and the team's objectives with their key
    results and progress. Read-only for now; it follows the document's changes and period."""

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

        self.mission = _wrapped_label()
        self.persona = _wrapped_label()
        about = QFormLayout()
        about.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        about.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        about.addRow(self.tr("Mission:"), self.mission)
        about.addRow(self.tr("Persona:"), self.persona)

        self.members_model = MembersTableModel(self)
        self.members_table = read_only_table(self.members_model)
        self.members_table.setObjectName("teamMembers")
        self.no_members = Hint(self.tr("No members yet."))

        self.objectives_heading = Heading(self.tr("Objectives"))
        self.objectives = OkrTreeView()
        self.objectives.setObjectName("teamObjectives")
        self.no_objectives = Hint()

        layout = QVBoxLayout(content)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        layout.setSpacing(6)
        layout.addLayout(title_row)
        layout.addWidget(self.subtitle)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addLayout(figures)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addLayout(about)
        layout.addSpacing(SECTION_SPACING)
        layout.addWidget(Heading(self.tr("Members")))
        layout.addWidget(self.members_table)
        layout.addWidget(self.no_members)
        layout.addSpacing(SECTION_SPACING)
        layout.addWidget(self.objectives_heading)
        layout.addWidget(self.objectives)
        layout.addWidget(self.no_objectives)
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_page(content, self))

    @property
    def team_id(self) -> uuid.UUID | None:
        return self._team_id

    def set_document(self, document: PlanDocument | None) -> None:
        if self._document is not None:
            self._document.changed.disconnect(self._on_changed)
            self._document.period_changed.disconnect(self.refresh)
        self._document = document
        self._team_id = None
        if document is not None:
            document.changed.connect(self._on_changed)
            document.period_changed.connect(self.refresh)

    def show_team(self, team_id: uuid.UUID) -> None:
        self._team_id = team_id
        self.refresh()

    def _on_changed(self, _changes: Changes) -> None:
        if self._team_id is not None:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        document = self._document
        if document is None or self._team_id is None:
            return
        if not self.isVisible():
            # Hidden behind another page: read the plan again only when shown.
            self._stale = True
            return
        self._stale = False
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
        self.mission.setText(team.mission or self.tr("No mission written yet."))
        self.persona.setText(team.persona or self.tr("No persona described yet."))
        self._show_members(document, team)
        self._show_objectives(document, team)

    def _paint_swatch(self, team: TeamRecord) -> None:
        # The same round swatch as in the navigator, larger.
        self.swatch.setVisible(bool(team.color))
        if team.color:
            self.swatch.setPixmap(swatch(team.color, SWATCH_SIZE).pixmap(SWATCH_SIZE))

    def _show_members(self, document: PlanDocument, team: TeamRecord) -> None:
        plan = document.plan
        people = {person.id: person.name for person in plan.people.list()}
        disciplines = {discipline.id: discipline.name for discipline in plan.disciplines.list()}
        rows = []
        for membership in plan.memberships.list(team_id=team.id):
            person = people.get(membership.person_id, "")
            discipline = (
                disciplines.get(membership.discipline_id, "") if (membership.discipline_id) else ""
            )
            allocation = format_number(membership.allocation, "%")
            rows.append(
                TableRow(
                    membership.id,
                    (person, discipline, allocation),
                    (person, discipline, membership.allocation),
                )
            )
        rows.sort(key=lambda row: row.cells[0].casefold())
        self.members_model.set_rows(rows)
        self.members_table.setVisible(bool(rows))
        self.no_members.setVisible(not rows)
        full_time = sum(row.values[2] for row in rows) / 100
        self.members_figure.set_value(str(len(rows)))
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
        self.objectives.set_rows(objectives)
        fit_height(self.objectives, self.objectives.shown_rows())
        self.objectives.setVisible(bool(objectives))
        self.objectives_figure.set_value(str(len(objectives)))
        self.objectives_heading.setText(
            self.tr("Objectives in {period}").format(period=period.name)
            if period
            else self.tr("Objectives")
        )
        self.no_objectives.setText(
            self.tr("No objectives for {period} yet.").format(period=period.name)
            if period
            else self.tr("The plan has no periods yet.")
        )
        self.no_objectives.setVisible(not objectives)


def _wrapped_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
