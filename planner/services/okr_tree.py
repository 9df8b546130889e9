"""The OKR tree of a team (or of the plan level) for one period, with every figure a row shows."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from planner.domain import progress as rules
from planner.services.edits import Batch, Create, Delete, Edit, Update
from planner.services.plan import Plan
from planner.services.records import KeyResultRecord, ObjectiveRecord
from planner.services.rollup import (
    KeyResultStatus,
    PeriodProgress,
    period_progress,
    refresh_key_results,
)
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
    objectives: tuple[ObjectiveNode, ...]


class OkrTrees(dict[uuid.UUID | None, OkrTree]):
    """Every team's tree for a period, and the plan level's under ``PLAN_LEVEL``, with the
    period's roll-up they were made from (``summary``; None and no trees: no period)."""

    def __init__(
        self,
        summary: PeriodProgress | None = None,
        trees: Mapping[uuid.UUID | None, OkrTree] | None = None,
    ) -> None:
        super().__init__(trees or {})
        self.summary = summary

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, OkrTrees) and self.summary == other.summary and super().__eq__(other)
        )

    def __ne__(self, other: object) -> bool:
        return not self == other  # a dict's own != would ignore the summary

    __hash__ = None  # as a dict's


def okr_trees(plan: Plan, period_id: uuid.UUID, today: date | None = None) -> OkrTrees:
    """Every team's tree for the period, and the plan level's under ``PLAN_LEVEL``, from one
    roll-up of the period: printing 200 team sheets costs about as much as printing one."""
    summary = period_progress(plan, period_id, today)
    objectives = plan.objectives.list(period_id=period_id)
    titles = {o.id: o.title for o in objectives if o.team_id is None}
    by_objective: dict[uuid.UUID, list[KeyResultRecord]] = defaultdict(list)
    for record in plan.key_results.in_period(period_id):
        by_objective[record.objective_id].append(record)
    with plan.session() as session:
        names: dict[uuid.UUID, str] = dict(session.execute(select(Person.id, Person.name)).all())

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
    trees = OkrTrees(summary)
    for team in plan.teams.list():
        trees[team.id] = OkrTree(period_id, team.id, summary.team(team.id), tuple(by_team[team.id]))
    trees[PLAN_LEVEL] = OkrTree(period_id, PLAN_LEVEL, summary.plan, tuple(by_team[PLAN_LEVEL]))
    return trees


def checked_in_results(plan: Plan, edit: Edit) -> set[uuid.UUID] | None:
    """The key results whose check-ins ``edit`` adds, changes or removes; None when the edit
    touches anything but check-ins (then the trees must be read again)."""
    found: set[uuid.UUID] = set()
    for step in edit.edits if isinstance(edit, Batch) else (edit,):
        if isinstance(step, Batch):
            inner = checked_in_results(plan, step)
            if inner is None:
                return None
            found |= inner
            continue
        if step.table != "check_in":
            return None
        if isinstance(step, Create):
            found.add(step.values["key_result_id"])
        elif isinstance(step, Update):
            for values in (step.before, step.after):
                if "key_result_id" in values:
                    found.add(values["key_result_id"])
            try:
                found.add(plan.check_ins.get(step.id).key_result_id)
            except LookupError:
                return None
        elif isinstance(step, Delete) and step.snapshot is not None:
            found.update(
                values["key_result_id"]
                for table, values in step.snapshot.rows
                if table == "check_in"
            )
        else:
            return None
    return found


def refresh_trees(plan: Plan, trees: OkrTrees, result_ids: Iterable[uuid.UUID]) -> OkrTrees:
    """The trees after check-ins on ``result_ids`` (see :func:`checked_in_results`): only
    those key results' chains are read again and only their teams' trees (and the plan
    level's, whose roll-up is the plan's) made again; every other tree is the same object, so
    a check-in reaches every view within a frame, however large the plan."""
    summary = trees.summary
    if summary is None:
        return trees
    result_ids = set(result_ids)  # read twice below
    refreshed = refresh_key_results(plan, summary, result_ids)
    if refreshed is summary:
        return trees
    shape = refreshed.shape
    changed = {r for r in result_ids if r in shape.result_objective}
    owners = {shape.objective_team[shape.result_objective[r]] for r in changed}
    result = OkrTrees(refreshed, trees)
    for team_id in owners | {PLAN_LEVEL}:
        tree = trees.get(team_id)
        if tree is None:
            continue
        objectives = tree.objectives
        if team_id in owners:
            objectives = tuple(_refreshed(node, refreshed) for node in objectives)
        progress = refreshed.plan if team_id is PLAN_LEVEL else refreshed.team(team_id)
        result[team_id] = OkrTree(tree.period_id, team_id, progress, objectives)
    return result


def _refreshed(node: ObjectiveNode, summary: PeriodProgress) -> ObjectiveNode:
    results = tuple(
        replace(
            kr,
            status=summary.key_results[kr.record.id],
            on_track=summary.on_track(summary.key_results[kr.record.id].progress.clamped),
        )
        for kr in node.key_results
    )
    value = summary.objectives.get(node.record.id)
    return replace(node, progress=value, on_track=summary.on_track(value), key_results=results)


def okr_tree(
    plan: Plan, period_id: uuid.UUID, team_id: uuid.UUID | None, today: date | None = None
) -> OkrTree:
    """The tree of one team (or of the plan level, ``PLAN_LEVEL``) for the period."""
    trees = okr_trees(plan, period_id, today)
    if team_id not in trees:
        raise LookupError(f"no team with id {team_id}")
    return trees[team_id]
