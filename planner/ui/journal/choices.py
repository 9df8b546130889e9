"""What the journal's combo boxes offer (customers, teams, key results), and a combo box that
holds Python values (ids, enum members) rather than Qt variants."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from planner.services.base import NotFoundError
from planner.services.plan import Plan
from planner.services.records import StageRecord, TeamRecord
from planner.ui.document import PlanDocument
from planner.ui.tree_model import ROOT, AnyIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("journal", text)


class _Items(QAbstractListModel):
    """A combo's labels and tooltips as one list: filled in one step, where adding a large
    plan's thousands of key results one item at a time took a noticeable while."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._tips: Sequence[str] = ()

    def set_items(self, labels: list[str], tips: Sequence[str]) -> None:
        self.beginResetModel()
        self._labels = labels
        self._tips = tips
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._labels)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._labels[row]
        if role == Qt.ItemDataRole.ToolTipRole and row < len(self._tips):
            return self._tips[row] or None
        return None


class ValueCombo(QComboBox):
    """A combo box whose items stand for Python values, kept here rather than in item data:
    a uuid or an enum member comes back as itself, and None can be an item's value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[Any] = []
        self._items = _Items(self)
        self.setModel(self._items)

    def set_items(self, items: Sequence[tuple[Any, str]], tips: Sequence[str] = ()) -> None:
        """Replace the items, keeping the current value when it is still offered; ``tips`` are
        the items' tooltips, in order ("" for none)."""
        current = self.value()
        self.blockSignals(True)  # a refill is not the person choosing
        try:
            self._values = [value for value, _ in items]
            self._items.set_items([label for _, label in items], tips)
            self.set_value(current)
        finally:
            self.blockSignals(False)

    def values(self) -> list[Any]:
        return list(self._values)

    def value(self) -> Any:
        row = self.currentIndex()
        return self._values[row] if 0 <= row < len(self._values) else None

    def set_value(self, value: Any) -> bool:
        """Show the item for ``value``; False (and no item shown) when none stands for it."""
        row = self._values.index(value) if value in self._values else -1
        self.setCurrentIndex(row)
        return row >= 0


@dataclass(frozen=True)
class KeyResultChoice:
    id: uuid.UUID
    title: str
    where: str  # "Activation stage · First Hour", or "Plan level"


@dataclass(frozen=True)
class ChoiceLists:
    customers: tuple[tuple[uuid.UUID, str], ...] = ()
    teams: tuple[tuple[uuid.UUID, str], ...] = ()  # in funnel order
    stages: tuple[tuple[uuid.UUID, str], ...] = ()

    def team_names(self) -> dict[uuid.UUID, str]:
        return dict(self.teams)

    def stage_names(self) -> dict[uuid.UUID, str]:
        return dict(self.stages)


def read_choices(document: PlanDocument) -> ChoiceLists:
    """Customers by name, stages, and teams in funnel order.

    Read once per change of the plan; the journal's filters, its editor and the credit summary
    share them.
    """
    return document.plan.remember(read_choices, lambda: _read_choices(document.plan))


def _read_choices(plan: Plan) -> ChoiceLists:
    stages = plan.stages.list()
    return ChoiceLists(
        customers=tuple((c.id, c.name) for c in plan.customers.list()),
        teams=tuple((team.id, team.name) for team in _funnel_teams(plan, stages)),
        stages=tuple((stage.id, stage.name) for stage in stages),
    )


def _funnel_teams(plan: Plan, stages: list[StageRecord]) -> list[TeamRecord]:
    order = {stage.id: index for index, stage in enumerate(stages)}
    return sorted(plan.teams.list(), key=lambda t: (order.get(t.stage_id, 0), t.position))


def key_result_choices(document: PlanDocument) -> tuple[KeyResultChoice, ...]:
    """The key results of the period on show: plan level first, then team by team in funnel
    order, as the navigator lists them.

    Read once per change of the plan and period, and only when a note is first shown: a
    large plan has tens of thousands of key results, which the editor needs only then.
    """
    return document.plan.remember(
        (key_result_choices, document.period_id), lambda: _read_key_results(document)
    )


def _read_key_results(document: PlanDocument) -> tuple[KeyResultChoice, ...]:
    plan = document.plan
    if document.period_id is None:
        return ()
    stages = plan.stages.list()
    stage_names = {stage.id: stage.name for stage in stages}
    teams = _funnel_teams(plan, stages)
    team_info = {team.id: (team.name, stage_names.get(team.stage_id, "")) for team in teams}
    team_order = {team.id: index for index, team in enumerate(teams)}
    # Where each objective of the period stands, worked out once for all its key results.
    plan_level, team_level = _tr("Plan level"), _tr("{stage} stage · {team}")
    places: dict[uuid.UUID, tuple[int, int, str]] = {}
    for objective in plan.objectives.list(period_id=document.period_id):
        if objective.team_id is None:
            places[objective.id] = (-1, objective.position, plan_level)
        else:
            team, stage = team_info.get(objective.team_id, ("", ""))
            rank = team_order.get(objective.team_id, -1)
            where = team_level.format(stage=stage, team=team)
            places[objective.id] = (rank, objective.position, where)
    ranked: list[tuple[tuple[int, int, int], KeyResultChoice]] = []
    for record in plan.key_results.in_period(document.period_id):
        place = places.get(record.objective_id)
        if place is not None:
            rank, position, where = place
            choice = KeyResultChoice(record.id, record.title, where)
            ranked.append(((rank, position, record.position), choice))
    return tuple(choice for _, choice in sorted(ranked, key=lambda item: item[0]))


def key_result_title(document: PlanDocument | None, key_result_id: uuid.UUID) -> str:
    """The title of a key result outside the period on show (or a stand-in if it is gone)."""
    if document is not None:
        try:
            return document.plan.key_results.get(key_result_id).title
        except NotFoundError:
            pass
    return _tr("A key result no longer in the plan")
