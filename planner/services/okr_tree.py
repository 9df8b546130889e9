"""The OKR tree of a team (or of the plan level) for one period, with every figure a row shows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from planner.domain import progress as rules
from planner.services.plan import Plan
from planner.services.records import KeyResultRecord, ObjectiveRecord
from planner.services.rollup import KeyResultStatus, PeriodProgress, period_progress
from planner.store.models import Person

# Asked for the plan level rather than a team.
PLAN_LEVEL = None


@dataclass(frozen=True)
class KeyResultNode:
    record: KeyResultRecord
    status: KeyResultStatus
    owner: str
    on_track: bool | None

    @property
    def grade(self) -> float:
        return rules.grade(self.status.progress.clamped)

    @property
    def band(self) -> rules.GradeBand:
        return rules.grade_band(self.status.progress.clamped)


@dataclass(frozen=True)
class ObjectiveNode:
    record: ObjectiveRecord
    progress: float | None
    owner: str
    aligned_to: str  # the parent objective's title, or ""
    on_track: bool | None
    key_results: tuple[KeyResultNode, ...]

    @property
    def grade(self) -> float | None:
        return None if self.progress is None else rules.grade(self.progress)

    @property
    def band(self) -> rules.GradeBand | None:
        return None if self.progress is None else rules.grade_band(self.progress)

    @property
    def confidence(self) -> int | None:
        """The lowest latest confidence among its key results: the objective is as sure as its
        least sure key result."""
        values = [
            kr.status.confidence for kr in self.key_results if kr.status.confidence is not None
        ]
        return min(values) if values else None


@dataclass(frozen=True)
class OkrTree:
    period_id: uuid.UUID
    team_id: uuid.UUID | None
    progress: float | None  # the team's (or, at plan level, the plan's) roll-up
    summary: PeriodProgress
    objectives: tuple[ObjectiveNode, ...]


def okr_tree(
    plan: Plan, period_id: uuid.UUID, team_id: uuid.UUID | None, today: date | None = None
) -> OkrTree:
    summary = period_progress(plan, period_id, today)
    objectives = plan.objectives.list(period_id=period_id, team_id=team_id)
    titles = {o.id: o.title for o in plan.objectives.list(period_id=period_id, team_id=None)}
    with plan.session() as session:
        names = {row.id: row.name for row in session.execute(select(Person.id, Person.name))}
    nodes = []
    for objective in objectives:
        results = []
        for record in plan.key_results.list(objective_id=objective.id):
            status = summary.key_results[record.id]
            results.append(
                KeyResultNode(
                    record,
                    status,
                    names.get(record.owner_id, "") if record.owner_id else "",
                    summary.on_track(status.progress.clamped),
                )
            )
        value = summary.objectives.get(objective.id)
        nodes.append(
            ObjectiveNode(
                record=objective,
                progress=value,
                owner=names.get(objective.owner_id, "") if objective.owner_id else "",
                aligned_to=titles.get(objective.parent_id, "") if objective.parent_id else "",
                on_track=summary.on_track(value),
                key_results=tuple(results),
            )
        )
    overall = summary.plan if team_id is None else summary.team(team_id)
    return OkrTree(period_id, team_id, overall, summary, tuple(nodes))
