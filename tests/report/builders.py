"""Plans shaped for printing tests: crowded teams, very long titles, empty teams."""

from __future__ import annotations

import uuid

from sqlalchemy import update

from planner.domain.values import KeyResultKind
from planner.services.plan import Plan
from planner.store.models import Objective


def add_team(plan: Plan, name: str, stage: str = "Activation") -> uuid.UUID:
    stage_id = next(s.id for s in plan.stages.list() if s.name == stage)
    return plan.apply(plan.teams.create(stage_id, name, f"Mission of {name}.")).id


def add_okrs(
    plan: Plan, period_id: uuid.UUID, team_id: uuid.UUID, objectives: int, key_results: int
) -> list[tuple[str, str]]:
    """Objectives with key results titled "Key result NN.K …"; returns (title, unit) per key
    result, units unique so a test can find each key result's detail line."""
    made = []
    for o in range(1, objectives + 1):
        objective = plan.apply(
            plan.objectives.create(period_id, f"Objective {o:02d} of the crowded team", team_id)
        )
        for k in range(1, key_results + 1):
            title = f"Key result {o:02d}.{k} moves the needle"
            unit = f"u{o:02d}x{k}"
            plan.apply(
                plan.key_results.create(objective.id, title, KeyResultKind.INCREASE, 0, 10, unit)
            )
            made.append((title, unit))
    return made


def set_objective_title(plan: Plan, objective_id: uuid.UUID, title: str) -> None:
    """Write a title past the editor's 200-character limit, as an imported plan may hold."""
    with plan.writing() as session:
        session.execute(update(Objective).where(Objective.id == objective_id).values(title=title))
