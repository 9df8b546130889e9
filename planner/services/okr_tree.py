"""The OKR tree of a team (or of the plan level) for one period, with every figure a row shows."""

from __future__ import annotations

import uuid
from collections import defaultdict
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


def okr_trees(
    plan: Plan, period_id: uuid.UUID, today: date | None = None
) -> dict[uuid.UUID | None, OkrTree]:
    """Every team's tree for the period, and the plan level's under ``PLAN_LEVEL``, from one
    roll-up of the period: printing 200 team sheets costs about as much as printing one."""
    summary = period_progress(plan, period_id, today)
    objectives = plan.objectives.list(period_id=period_id)
    titles = {o.id: o.title for o in objectives if o.team_id is None}
    by_objective: dict[uuid.UUID, list[KeyResultRecord]] = defaultdict(list)
    for record in plan.key_results.list():
        if record.id in summary.key_results:
            by_objective[record.objective_id].append(record)
    with plan.session() as session:
        names = {row.id: row.name for row in session.execute(select(Person.id, Person.name))}

    def owner(person_id: uuid.UUID | None) -> str:
        return names.get(person_id, "") if person_id else ""

    by_team: dict[uuid.UUID | None, list[ObjectiveNode]] = defaultdict(list)
    for objective in objectives:
        results = tuple(
            KeyResultNode(
                record,
                summary.key_results[record.id],
                owner(record.owner_id),
                summary.on_track(summary.key_results[record.id].progress.clamped),
            )
            for record in by_objective[objective.id]
        )
        value = summary.objectives.get(objective.id)
        by_team[objective.team_id].append(
            ObjectiveNode(
                record=objective,
                progress=value,
                owner=owner(objective.owner_id),
                aligned_to=titles.get(objective.parent_id, "") if objective.parent_id else "",
                on_track=summary.on_track(value),
                key_results=results,
            )
        )
    trees: dict[uuid.UUID | None, OkrTree] = {
        team.id: OkrTree(
            period_id, team.id, summary.team(team.id), summary, tuple(by_team[team.id])
        )
        for team in plan.teams.list()
    }
    trees[PLAN_LEVEL] = OkrTree(
        period_id, PLAN_LEVEL, summary.plan, summary, tuple(by_team[PLAN_LEVEL])
    )
    return trees


def okr_tree(
    plan: Plan, period_id: uuid.UUID, team_id: uuid.UUID | None, today: date | None = None
) -> OkrTree:
    """The tree of one team (or of the plan level, ``PLAN_LEVEL``) for the period."""
    trees = okr_trees(plan, period_id, today)
    if team_id not in trees:
        raise LookupError(f"no team with id {team_id}")
    return trees[team_id]
