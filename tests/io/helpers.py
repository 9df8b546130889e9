"""Helpers shared by the import and export tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from planner.domain.values import KeyResultKind
from planner.services.plan import Plan
from planner.services.rollup import period_progress
from planner.store.rows import plan_contents

HEADER = "Team,Stage,Objective,Key result,Start,Target,Current,Unit"


def contents(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    """Every row of the plan (bookkeeping left out), to compare before and after."""
    with plan.session() as session:
        return plan_contents(session)


def without_time(document: dict[str, Any]) -> dict[str, Any]:
    """A JSON export without its one changing field."""
    return {key: value for key, value in document.items() if key != "exported_at"}


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def small_plan(plan: Plan, today: date) -> None:
    """Give a plan made by create_plan one team, objective, key result and check-in."""
    stage = plan.stages.list()[0]
    period = plan.periods.current(today)
    assert period is not None
    team = plan.apply(plan.teams.create(stage.id, "Growth", mission="Bring people in."))
    objective = plan.apply(plan.objectives.create(period.id, "Win new users", team.id))
    result = plan.apply(
        plan.key_results.create(objective.id, "Raise sign-ups", "increase", 100, 200, "sign-ups")
    )
    plan.apply(plan.check_ins.create(result.id, today, 130, confidence=6, note="Good start"))


def okr_view(plan: Plan, period_name: str) -> list[tuple[Any, ...]]:
    """The key results of one period as the flat sheet sees them, sorted, names not ids."""
    period = next(p for p in plan.periods.list() if p.name == period_name)
    summary = period_progress(plan, period.id)
    stages = {stage.id: stage.name for stage in plan.stages.list()}
    teams = {team.id: (team.name, stages[team.stage_id]) for team in plan.teams.list()}
    people = {person.id: person.name for person in plan.people.list()}
    rows = []
    for objective in plan.objectives.list(period_id=period.id):
        team, stage = teams[objective.team_id] if objective.team_id else ("", "")
        for result in plan.key_results.list(objective_id=objective.id):
            status = summary.key_results[result.id]
            rows.append(
                (
                    team,
                    stage,
                    objective.title,
                    result.title,
                    result.kind,
                    None if result.kind is KeyResultKind.MILESTONE else result.start_value,
                    result.target_value,
                    result.direction,
                    result.unit,
                    result.weight,
                    people.get(result.owner_id, "") if result.owner_id else "",
                    status.current,
                    status.confidence,
                )
            )
    return sorted(rows, key=repr)
