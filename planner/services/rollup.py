"""Progress of a period, rolled up key result → objective → team → stage → plan.

Computed in a handful of queries for the whole period, so every view (navigator, board, tree)
reads the same numbers and a check-in refreshes them all at once.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ScalarSelect, select
from sqlalchemy.orm import Session, aliased

from planner.domain import progress as rules
from planner.services.plan import Plan
from planner.store.models import CheckIn, KeyResult, Objective, Period, Team


@dataclass(frozen=True)
class KeyResultStatus:
    progress: rules.Progress
    current: float | None
    confidence: int | None
    last_check_in: date | None


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

    def team(self, team_id: uuid.UUID) -> float | None:
        return self.teams.get(team_id)

    def stage(self, stage_id: uuid.UUID) -> float | None:
        return self.stages.get(stage_id)

    def on_track(self, value: float | None) -> bool | None:
        return rules.on_track(value, self.elapsed)


def period_progress(plan: Plan, period_id: uuid.UUID, today: date | None = None) -> PeriodProgress:
    today = today or date.today()
    with plan.session() as session:
        period = session.get(Period, period_id)
        if period is None:
            raise LookupError(f"no period with id {period_id}")
        objectives = session.execute(
            select(Objective.id, Objective.team_id).where(Objective.period_id == period_id)
        ).all()
        results = session.execute(
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
        ).all()
        latest = _latest_check_ins(session, period_id)
        confidences = _latest_confidences(session, latest)
        team_stage = {
            row.id: row.stage_id for row in session.execute(select(Team.id, Team.stage_id))
        }
        elapsed = rules.elapsed_share(period.start_date, period.end_date, today)

    summary = PeriodProgress(period_id=period_id, elapsed=elapsed)
    by_objective: dict[uuid.UUID, list[tuple[rules.Progress | None, float]]] = defaultdict(list)
    for result in results:
        facts = rules.KeyResultFacts(
            kind=result.kind,
            start=result.start_value,
            target=result.target_value,
            weight=result.weight,
            direction=result.direction,
            # Progress depends only on the latest check-in, so only that one is loaded.
            checkins=(latest[result.id],) if result.id in latest else (),
        )
        status = KeyResultStatus(
            progress=rules.key_result_progress(facts),
            current=rules.current_value(facts),
            confidence=confidences.get(result.id),
            last_check_in=latest[result.id].on if result.id in latest else None,
        )
        summary.key_results[result.id] = status
        by_objective[result.objective_id].append((status.progress, result.weight))

    per_team: dict[uuid.UUID, list[float | None]] = defaultdict(list)
    plan_values: list[float | None] = []
    for objective_id, team_id in objectives:
        achieved = rules.objective_progress(by_objective.get(objective_id, []))
        summary.objectives[objective_id] = achieved
        plan_values.append(achieved)
        if team_id is not None:
            per_team[team_id].append(achieved)
    per_stage: dict[uuid.UUID, list[float | None]] = defaultdict(list)
    for team_id, values in per_team.items():
        summary.teams[team_id] = rules.mean_progress(values)
        per_stage[team_stage[team_id]].extend(values)
    for stage_id, values in per_stage.items():
        summary.stages[stage_id] = rules.mean_progress(values)
    # The plan's progress is the mean of all its objectives, plan-level ones included.
    return PeriodProgress(
        period_id=summary.period_id,
        elapsed=summary.elapsed,
        key_results=summary.key_results,
        objectives=summary.objectives,
        teams=summary.teams,
        stages=summary.stages,
        plan=rules.mean_progress(plan_values),
    )


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


def _latest_check_ins(
    session: Session, period_id: uuid.UUID
) -> dict[uuid.UUID, rules.CheckInPoint]:
    query = (
        select(CheckIn.key_result_id, CheckIn.on_date, CheckIn.value, CheckIn.confidence)
        .select_from(KeyResult)
        .join(Objective, KeyResult.objective_id == Objective.id)
        .join(CheckIn, CheckIn.id == _latest(KeyResult.id))
        .where(Objective.period_id == period_id)
    )
    return {
        row.key_result_id: rules.CheckInPoint(row.on_date, row.value, row.confidence)
        for row in session.execute(query)
    }


def _latest_confidences(
    session: Session, latest: dict[uuid.UUID, rules.CheckInPoint]
) -> dict[uuid.UUID, int]:
    """Each key result's latest stated confidence: a check-in without one keeps the last."""
    confidences = {
        kr_id: point.confidence for kr_id, point in latest.items() if point.confidence is not None
    }
    unstated = [kr_id for kr_id, point in latest.items() if point.confidence is None]
    if unstated:
        query = (
            select(CheckIn.key_result_id, CheckIn.confidence)
            .select_from(KeyResult)
            .join(
                CheckIn,
                CheckIn.id == _latest(KeyResult.id, stated_confidence=True),
            )
            .where(KeyResult.id.in_(unstated))
        )
        confidences.update(
            (row.key_result_id, int(row.confidence)) for row in session.execute(query)
        )
    return confidences
