"""Progress of a period, rolled up key result → objective → team → stage → plan.

Computed in a handful of queries for the whole period, so every view (navigator, board, tree)
reads the same numbers; after a check-in only the key result's own chain is recomputed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Connection, ScalarSelect, Select, bindparam, select
from sqlalchemy.orm import aliased

from planner.domain import progress as rules
from planner.services.plan import Plan
from planner.store.models import CheckIn, KeyResult, Objective, Team

AnySelect = Select[*tuple[Any, ...]]

# Ids per IN list: a statement takes only so many parameters (SQLite: 32,766 at most).
_IN_SLICE = 500


@dataclass(frozen=True)
class KeyResultStatus:
    progress: rules.Progress
    current: float | None
    confidence: int | None
    last_check_in: date | None


@dataclass(frozen=True)
class Shape:
    """Who rolls up into whom in one period, so a check-in can refresh just its own chain."""

    weights: dict[uuid.UUID, float] = field(default_factory=dict)
    result_objective: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    objective_results: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)
    objective_team: dict[uuid.UUID, uuid.UUID | None] = field(default_factory=dict)
    team_objectives: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)
    team_stage: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    stage_objectives: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)


@dataclass(frozen=True)
class PeriodProgress:
    """Every roll-up of one period; a missing id or None means "no progress" (shown as —)."""

    period_id: uuid.UUID
    elapsed: float
    key_results: dict[uuid.UUID, KeyResultStatus] = field(default_factory=dict)
    objectives: dict[uuid.UUID, float | None] = field(default_factory=dict)
    teams: dict[uuid.UUID, float | None] = field(default_factory=dict)
    stages: dict[uuid.UUID, float | None] = field(default_factory=dict)
    plan: float | None = None
    shape: Shape = field(default_factory=Shape, repr=False, compare=False)

    def team(self, team_id: uuid.UUID) -> float | None:
        return self.teams.get(team_id)

    def stage(self, stage_id: uuid.UUID) -> float | None:
        return self.stages.get(stage_id)

    def on_track(self, value: float | None) -> bool | None:
        return rules.on_track(value, self.elapsed)


def period_progress(plan: Plan, period_id: uuid.UUID, today: date | None = None) -> PeriodProgress:
    """Every roll-up of the period, computed from scratch in a handful of queries."""
    today = today or date.today()
    shape = Shape()
    period = plan.periods.get(period_id)  # NotFoundError, a LookupError, when there is none
    elapsed = rules.elapsed_share(period.start_date, period.end_date, today)
    with plan.rows() as connection:
        shape.team_stage.update(connection.execute(select(Team.id, Team.stage_id)).all())
        for objective_id, team_id in connection.execute(
            select(Objective.id, Objective.team_id).where(Objective.period_id == period_id)
        ):
            shape.objective_team[objective_id] = team_id
            shape.objective_results[objective_id] = []
            if team_id is not None:
                shape.team_objectives.setdefault(team_id, []).append(objective_id)
                stage = shape.team_stage[team_id]
                shape.stage_objectives.setdefault(stage, []).append(objective_id)
        statuses = _statuses(connection, _period_results(period_id), _period_check_ins(period_id))
    for result_id, objective_id, weight, _status in statuses:
        shape.weights[result_id] = weight
        shape.result_objective[result_id] = objective_id
        shape.objective_results[objective_id].append(result_id)
    progress = PeriodProgress(
        period_id=period_id,
        elapsed=elapsed,
        key_results={result_id: status for result_id, _, _, status in statuses},
        shape=shape,
    )
    return _roll_up(progress, shape.objective_team, shape.team_objectives, shape.stage_objectives)


def refresh_key_results(
    plan: Plan, progress: PeriodProgress, result_ids: Iterable[uuid.UUID]
) -> PeriodProgress:
    """The roll-ups after check-ins on ``result_ids``: only their own chain (objective, team,
    stage, plan) is recomputed, so a check-in updates every view within a frame.

    Only for changes to check-ins: a key result, objective or team added, moved or deleted
    changes the shape, and needs :func:`period_progress`.
    """
    shape = progress.shape
    wanted = [r for r in result_ids if r in shape.result_objective]
    if not wanted:
        return progress
    with plan.rows() as connection:
        results, check_ins = _refresh_queries()
        statuses = _statuses(
            connection,
            results,
            check_ins,
            {"period_id": progress.period_id, "result_ids": wanted},
        )
    key_results = dict(progress.key_results)
    key_results.update((result_id, status) for result_id, _, _, status in statuses)
    objectives = {shape.result_objective[r] for r in wanted}
    teams = {shape.objective_team[o] for o in objectives} - {None}
    stages = {shape.team_stage[t] for t in teams if t is not None}
    updated = PeriodProgress(
        period_id=progress.period_id,
        elapsed=progress.elapsed,
        key_results=key_results,
        objectives=dict(progress.objectives),
        teams=dict(progress.teams),
        stages=dict(progress.stages),
        shape=shape,
    )
    return _roll_up(
        updated,
        {o: shape.objective_team[o] for o in objectives},
        {t: shape.team_objectives[t] for t in teams if t is not None},
        {s: shape.stage_objectives[s] for s in stages},
    )


def _roll_up(
    progress: PeriodProgress,
    objectives: dict[uuid.UUID, uuid.UUID | None],
    teams: dict[uuid.UUID, list[uuid.UUID]],
    stages: dict[uuid.UUID, list[uuid.UUID]],
) -> PeriodProgress:
    """Recompute the named objectives, teams and stages, then the plan, from key results."""
    shape = progress.shape
    for objective_id in objectives:
        progress.objectives[objective_id] = rules.objective_progress(
            (progress.key_results[r].progress, shape.weights[r])
            for r in shape.objective_results[objective_id]
        )
    for team_id, members in teams.items():
        progress.teams[team_id] = rules.mean_progress(progress.objectives[o] for o in members)
    for stage_id, members in stages.items():
        progress.stages[stage_id] = rules.mean_progress(progress.objectives[o] for o in members)
    # The plan's progress is the mean of all its objectives, plan-level ones included.
    plan_value = rules.mean_progress(progress.objectives.values())
    return replace(progress, plan=plan_value)


@cache
def _refresh_queries() -> tuple[AnySelect, AnySelect]:
    """The key results and latest check-ins of some of a period's key results, built once:
    after every check-in, building and keying these statements cost more than running them.
    Parameters: ``period_id`` and ``result_ids``."""
    chosen = KeyResult.id.in_(bindparam("result_ids", expanding=True))
    period_id: BindParameter[Any] = bindparam("period_id")
    return (
        _period_results(period_id).where(chosen),
        _period_check_ins(period_id).where(chosen),
    )


def _period_results(period_id: uuid.UUID | BindParameter[Any]) -> AnySelect:
    # _statuses unpacks these columns by place: keep their order in step with it.
    return (
        select(
            KeyResult.id,
            KeyResult.objective_id,
            KeyResult.kind,
            KeyResult.start_value,
            KeyResult.target_value,
            KeyResult.weight,
            KeyResult.direction,
        )
        .join(Objective, KeyResult.objective_id == Objective.id)
        .where(Objective.period_id == period_id)
    )


def _period_check_ins(period_id: uuid.UUID | BindParameter[Any]) -> AnySelect:
    # _statuses unpacks these columns by place: keep their order in step with it.
    return (
        select(CheckIn.key_result_id, CheckIn.on_date, CheckIn.value, CheckIn.confidence)
        .select_from(KeyResult)
        .join(Objective, KeyResult.objective_id == Objective.id)
        .join(CheckIn, CheckIn.id == _latest(KeyResult.id))
        .where(Objective.period_id == period_id)
    )


def _statuses(
    connection: Connection,
    results_query: AnySelect,
    latest_query: AnySelect,
    parameters: dict[str, Any] | None = None,
) -> list[tuple[uuid.UUID, uuid.UUID, float, KeyResultStatus]]:
    latest = {
        result_id: rules.CheckInPoint(on, value, confidence)
        for result_id, on, value, confidence in connection.execute(latest_query, parameters)
    }
    confidences = _latest_confidences(connection, latest)
    statuses = []
    # Rows unpacked by place, each id looked up once: this runs for every key result.
    for result_id, objective_id, kind, start, target, weight, direction in connection.execute(
        results_query, parameters
    ):
        point = latest.get(result_id)
        facts = rules.KeyResultFacts(
            kind=kind,
            start=start,
            target=target,
            weight=weight,
            direction=direction,
            # Progress depends only on the latest check-in, so only that one is loaded.
            checkins=(point,) if point is not None else (),
        )
        status = KeyResultStatus(
            progress=rules.key_result_progress(facts),
            current=rules.current_value(facts),
            confidence=confidences.get(result_id),
            last_check_in=point.on if point is not None else None,
        )
        statuses.append((result_id, objective_id, weight, status))
    return statuses


def _latest(key_result: Any, stated_confidence: bool = False) -> ScalarSelect[Any]:
    """The id of a key result's latest check-in (by date, then by when it was recorded); an
    index lookup per key result, much cheaper than ranking every check-in of the period."""
    inner = aliased(CheckIn)
    query = select(inner.id).where(inner.key_result_id == key_result)
    if stated_confidence:
        query = query.where(inner.confidence.is_not(None))
    return (
        query.order_by(inner.on_date.desc(), inner.recorded_at.desc(), inner.id.desc())
        .limit(1)
        .correlate(KeyResult)
        .scalar_subquery()
    )


def _latest_confidences(
    connection: Connection, latest: dict[uuid.UUID, rules.CheckInPoint]
) -> dict[uuid.UUID, int]:
    """Each key result's latest stated confidence: a check-in without one keeps the last."""
    confidences = {
        kr_id: point.confidence for kr_id, point in latest.items() if point.confidence is not None
    }
    unstated = [kr_id for kr_id, point in latest.items() if point.confidence is None]
    query = _stated_confidences_query()
    for start in range(0, len(unstated), _IN_SLICE):
        confidences.update(
            (result_id, int(confidence))
            for result_id, confidence in connection.execute(
                query, {"unstated": unstated[start : start + _IN_SLICE]}
            )
            if confidence is not None  # the query picks stated ones; this tells the checker
        )
    return confidences


@cache
def _stated_confidences_query() -> AnySelect:
    """The latest stated confidence of the key results in ``unstated``, built once: a
    check-in runs it, and building it (an aliased subquery) cost more than running it."""
    return (
        select(CheckIn.key_result_id, CheckIn.confidence)
        .select_from(KeyResult)
        .join(CheckIn, CheckIn.id == _latest(KeyResult.id, stated_confidence=True))
        .where(KeyResult.id.in_(bindparam("unstated", expanding=True)))
    )
