"""Carrying unfinished objectives into the next period, moved or copied, keeping history."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.domain.validation import ValidationError
from planner.domain.values import KeyResultKind
from planner.services.edits import Batch, Edit, Update
from planner.services.plan import Plan
from planner.services.rollup import period_progress
from planner.store.models import KeyResult, Objective


class CarryMode(StrEnum):
    MOVE = "move"  # the objective and its check-ins now belong to the new period
    COPY = "copy"  # a fresh copy starts where the old one got to; the old keeps its history


def unfinished_objectives(
    plan: Plan, period_id: uuid.UUID, today: date | None = None
) -> list[uuid.UUID]:
    """Objectives of the period not fully achieved (or not measured at all)."""
    summary = period_progress(plan, period_id, today)
    return [
        objective.id
        for objective in plan.objectives.list(period_id=period_id)
        if (summary.objectives.get(objective.id) or 0.0) < 1.0
    ]


def copied_before(
    plan: Plan, objective_ids: Sequence[uuid.UUID], to_period_id: uuid.UUID
) -> list[uuid.UUID]:
    """Those of ``objective_ids`` that ``to_period_id`` already holds a copy of: an objective
    of the same team with the same title (copying twice gives two of each)."""
    there = {
        (objective.team_id, objective.title.casefold())
        for objective in plan.objectives.list(period_id=to_period_id)
    }
    chosen = (plan.objectives.get(objective_id) for objective_id in objective_ids)
    return [o.id for o in chosen if (o.team_id, o.title.casefold()) in there]


def carry_over(
    plan: Plan,
    objective_ids: Sequence[uuid.UUID],
    to_period_id: uuid.UUID,
    mode: CarryMode,
    today: date | None = None,
) -> Batch:
    if not objective_ids:
        raise ValidationError("Objectives", "choose at least one objective to carry over")
    target = plan.periods.get(to_period_id)
    objectives = [plan.objectives.get(objective_id) for objective_id in objective_ids]
    if any(objective.period_id == to_period_id for objective in objectives):
        raise ValidationError("Period", f"those objectives are already in {target.name}")
    edits: list[Edit] = []
    moving = {objective.id for objective in objectives}
    # Plan-level objectives first, so a team objective's copy can align to its parent's copy.
    objectives.sort(key=lambda objective: objective.team_id is not None)
    copies: dict[uuid.UUID, uuid.UUID] = {}  # original objective -> its copy
    with plan.session() as session:
        next_position: dict[uuid.UUID | None, int] = {}
        for objective in objectives:
            if objective.team_id not in next_position:
                highest = session.scalar(
                    select(func.max(Objective.position)).where(
                        Objective.period_id == to_period_id, Objective.team_id == objective.team_id
                    )
                )
                next_position[objective.team_id] = -1 if highest is None else int(highest)
            next_position[objective.team_id] += 1
            position = next_position[objective.team_id]
            if mode is CarryMode.MOVE:
                before = {"period_id": objective.period_id, "position": objective.position}
                after: dict[str, object] = {"period_id": to_period_id, "position": position}
                if (
                    objective.parent_id is not None
                    and objective.parent_id not in moving
                    and plan.objectives.get(objective.parent_id).period_id != to_period_id
                ):
                    # Aligned to a plan-level objective of the old period: as a copy does, it
                    # leaves that alignment behind, and the leader re-aligns it (the health
                    # panel says so) rather than keep a link no view of the period shows.
                    before["parent_id"], after["parent_id"] = objective.parent_id, None
                edits.append(Update("objective", objective.id, before, after))
            else:
                edits.extend(_copy(plan, objective.id, to_period_id, position, today, copies))
        if mode is CarryMode.MOVE:
            edits.extend(_left_behind(session, moving, to_period_id))
    verb = "Move" if mode is CarryMode.MOVE else "Copy"
    count = len(objectives)
    noun = "objective" if count == 1 else f"{count} objectives"
    return Batch(tuple(edits), f"{verb} {noun} to {target.name}")


def _left_behind(session: Session, moving: set[uuid.UUID], to_period_id: uuid.UUID) -> list[Edit]:
    """Objectives staying in another period, aligned to a plan-level objective that moves
    away: their alignment goes too, as a moved objective's does."""
    staying = session.execute(
        select(Objective.id, Objective.parent_id).where(
            Objective.parent_id.in_(moving),
            Objective.id.not_in(moving),
            Objective.period_id != to_period_id,
        )
    ).all()
    return [
        Update("objective", row_id, {"parent_id": parent_id}, {"parent_id": None})
        for row_id, parent_id in staying
    ]


def _copy(
    plan: Plan,
    objective_id: uuid.UUID,
    to_period_id: uuid.UUID,
    position: int,
    today: date | None,
    copies: dict[uuid.UUID, uuid.UUID],
) -> list[Edit]:
    """Edits making a copy of the objective and its key results in ``to_period_id``;
    ``copies`` (original -> copy, of the objectives copied before it) gains this one."""
    source = plan.objectives.get(objective_id)
    summary = period_progress(plan, source.period_id, today)
    copy = plan.objectives._build_create(
        {
            "period_id": to_period_id,
            "title": source.title,
            "team_id": source.team_id,
            # Aligned to the copy of its parent when that is copied too; otherwise the parent
            # is a plan-level objective of the old period, and the leader re-aligns.
            "parent_id": copies.get(source.parent_id) if source.parent_id else None,
            "commitment": source.commitment,
            "owner_id": source.owner_id,
            "description": source.description,
            "position": position,
        },
        trusted=True,
    )
    copies[objective_id] = copy.id
    edits: list[Edit] = [copy]
    with plan.session() as session:
        results = session.scalars(
            select(KeyResult)
            .where(KeyResult.objective_id == objective_id)
            .order_by(KeyResult.position)
        ).all()
    for result in results:
        status = summary.key_results.get(result.id)
        current = status.current if status is not None else None
        start = result.start_value
        if current is not None and _short_of_target(result, current):
            start = current  # the new period starts where the old one got to
        edits.append(
            plan.key_results._build_create(
                {
                    "objective_id": copy.id,
                    "title": result.title,
                    "kind": result.kind,
                    "unit": result.unit,
                    "start_value": start,
                    "target_value": result.target_value,
                    "direction": result.direction,
                    "weight": result.weight,
                    "owner_id": result.owner_id,
                    "position": result.position,
                },
                trusted=True,
            )
        )
    return edits


def _short_of_target(result: KeyResult, current: float) -> bool:
    """Whether a metric key result's ``current`` value has yet to reach its target: only
    then can a copy start from it (one past its target would run the wrong way)."""
    if result.target_value is None:
        return False
    if result.kind is KeyResultKind.INCREASE:
        return current < result.target_value
    if result.kind is KeyResultKind.DECREASE:
        return current > result.target_value
    return False
