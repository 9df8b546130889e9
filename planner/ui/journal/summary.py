"""Who earned credit across the notes shown: tallies by team, stage and kind of touch, and
a stacked bar per team."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from planner.domain.values import TouchKind
from planner.services.journal import Journal, JournalFilter, journal
from planner.services.plan import Changes
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.journal.chart import CHART_TEAMS, CreditChart
from planner.ui.journal.choices import ChoiceLists, read_choices
from planner.ui.journal.labels import deleted_team, note_count, points, points_tooltip, touch_name
from planner.ui.journal.models import CreditTableModel, credit_rows
from planner.ui.texts import format_number
from planner.ui.widgets import (
    PAGE_MARGIN,
    SECTION_SPACING,
    Figure,
    Heading,
    Hint,
    read_only_table,
    scroll_page,
)

Tally = Sequence[tuple[Any, str, float, int]]  # (key, name, points, notes)


@dataclass(frozen=True)
class Tallies:
    teams: Tally
    stages: Tally
    touches: Tally
    chart: list[tuple[str, dict[TouchKind, float]]]


def tallies(shown: Journal, choices: ChoiceLists) -> Tallies:
    """The summary's figures as rows, each with how many notes gave that team (stage, touch)
    any credit: 80 points from one note reads differently from 80 points from eight."""
    # Teams outside the choices (just renamed) still get a name.
    team_names = shown.notes.every_team_name() | choices.team_names()
    stage_names = choices.stage_names()
    summary = shown.summary
    counts = shown.counts
    teams = [
        (key, team_names.get(key, deleted_team()), value, counts.by_team[key])
        for key, value in summary.by_team.items()
    ]
    stages = [
        (key, stage_names.get(key, "?"), value, counts.by_stage[key])
        for key, value in summary.by_stage.items()
    ]
    touches = [
        (key, touch_name(key), value, counts.by_touch[key])
        for key, value in summary.by_touch.items()
    ]
    ranked = sorted(teams, key=lambda row: (-row[2], row[1].casefold()))
    chart = [
        (name, summary.by_team_and_touch.get(key, {}) if isinstance(key, uuid.UUID) else {})
        for key, name, _, _ in ranked
    ]
    return Tallies(teams, stages, touches, chart)


class CreditSummaryPanel(QWidget):
    """The credit summary of the notes a filter lets through.

    The journal page feeds it with ``show_journal`` (the table's own notes); elsewhere,
    ``set_document`` and ``set_filter`` make it read the plan itself.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._filter: JournalFilter | None = None
        self._stale = False
        self._pending: tuple[Journal, ChoiceLists] | None = None  # to show when next shown

        content = QWidget()
        self.caption = Hint()
        self.notes_figure = Figure(self.tr("Notes"))
        self.unattributed_figure = Figure(self.tr("Unattributed"))
        self.deleted_figure = Figure(self.tr("To deleted teams"))
        figures = QHBoxLayout()
        figures.setSpacing(12)
        for figure in (self.notes_figure, self.unattributed_figure, self.deleted_figure):
            figures.addWidget(figure)
        figures.addStretch(1)
        self.unattributed_figure.setToolTip(
            self.tr("Credit no team earned, or nobody could tell who did")
        )
        self.deleted_figure.setToolTip(self.tr("Credit given to teams deleted since"))

        self.chart = CreditChart()
        self.chart_note = Hint()
        self.team_model = CreditTableModel(self.tr("Team"), self)
        self.stage_model = CreditTableModel(self.tr("Stage"), self)
        self.touch_model = CreditTableModel(self.tr("Kind of touch"), self)
        tables = QHBoxLayout()
        tables.setSpacing(SECTION_SPACING)
        self.tables = []
        for title, model, name in (
            (self.tr("By team"), self.team_model, "creditByTeam"),
            (self.tr("By stage"), self.stage_model, "creditByStage"),
            (self.tr("By kind of touch"), self.touch_model, "creditByTouch"),
        ):
            view = read_only_table(model)
            view.setObjectName(name)
            view.setToolTip(points_tooltip())
            column = QVBoxLayout()
            column.addWidget(Heading(title))
            column.addWidget(view)
            column.addStretch(1)
            tables.addLayout(column, 1)
            self.tables.append(view)

        self.empty = Hint(
            self.tr("No notes in this period match the filters, so there is no credit to sum up.")
        )
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(figures)
        details.addSpacing(SECTION_SPACING)
        details.addWidget(Heading(self.tr("Credit by team and kind of touch")))
        details.addWidget(self.chart_note)
        details.addWidget(self.chart)
        details.addSpacing(SECTION_SPACING)
        details.addLayout(tables)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN // 2, PAGE_MARGIN, PAGE_MARGIN)
        layout.addWidget(self.caption)
        layout.addWidget(self.empty)
        layout.addWidget(self.details)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_page(content, self))
        self.show_journal(Journal(), ChoiceLists())

    # ---- standalone use -------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed)
        self.refresh()

    def set_filter(self, where: JournalFilter | None) -> None:
        self._filter = where
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("attribution_note", "contribution", "team", "stage", "customer"):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        elif self._pending is not None:
            self._sum_up()
        super().showEvent(event)

    def refresh(self) -> None:
        document = self._document
        if document is None:
            self.show_journal(Journal(), ChoiceLists())
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.show_journal(journal(document.plan, self._filter), read_choices(document))

    # ---- showing --------------------------------------------------------------------------

    def show_journal(self, shown: Journal, choices: ChoiceLists) -> None:
        """Sum up ``shown`` (the notes a filter let through); while the panel is hidden (the
        journal opens on its notes), when it is next shown: its tables fit their columns to
        every row."""
        self._pending = (shown, choices)
        if self.isVisible():
            self._sum_up()

    def _sum_up(self) -> None:
        assert self._pending is not None
        (shown, choices), self._pending = self._pending, None
        summary = shown.summary
        rows = tallies(shown, choices)
        self.team_model.set_rows(credit_rows(rows.teams))
        self.stage_model.set_rows(credit_rows(rows.stages))
        self.touch_model.set_rows(credit_rows(rows.touches))
        # A bar per team reads up to a few dozen teams; the table below lists every one.
        self.chart.show_rows(rows.chart[:CHART_TEAMS])
        self.chart_note.setVisible(len(rows.chart) > CHART_TEAMS)
        self.chart_note.setText(
            self.tr(
                "The {shown} of {count} teams with most credit; all are in the table below."
            ).format(shown=CHART_TEAMS, count=len(rows.chart))
        )
        self.notes_figure.set_value(format_number(summary.notes))
        self.unattributed_figure.set_value(points(summary.unattributed))
        self.deleted_figure.set_value(points(summary.deleted_teams))
        self.caption.setText(
            self.tr(
                "{notes} shown. Each note shares 100 points of credit; a team's points are its "
                "shares added up over the notes."
            ).format(notes=note_count(summary.notes))
        )
        self.caption.setVisible(bool(shown.notes))
        self.empty.setVisible(not shown.notes)
        self.details.setVisible(bool(shown.notes))
