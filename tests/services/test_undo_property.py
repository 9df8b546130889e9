"""Undo then redo of any sequence of edits restores the plan exactly (a property test).

Each example draws a random sequence of edits across every kind of entity from the current
state of a fresh copy of the sample plan, applies those the rules accept, then reverts them all
(the plan must be exactly as it started) and re-applies them all (exactly as it ended).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.validation import ValidationError
from planner.domain.values import (
    Commitment,
    InteractionMode,
    KeyResultKind,
    OutcomeCategory,
    TopologyType,
    TouchKind,
)
from planner.services.attribution import ContributionInput
from planner.services.carry_over import CarryMode, carry_over
from planner.services.edits import Edit
from planner.services.plan import Plan
from planner.store.rows import plan_contents
from tests.plans import open_copy

_names = itertools.count()


def fresh(prefix: str) -> str:
    return f"{prefix} {next(_names)}"


def contents(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    with plan.session() as session:
        return plan_contents(session)


def pick(data: st.DataObject, items: list[Any]) -> Any:
    return data.draw(st.sampled_from(items)) if items else None


def ids(service: Any) -> list[uuid.UUID]:
    return [row.id for row in service.list()]


Maker = Callable[[Plan, st.DataObject], Edit | None]


def add_stage(plan: Plan, data: st.DataObject) -> Edit | None:
    return plan.stages.create(fresh("Stage"))


def add_team(plan: Plan, data: st.DataObject) -> Edit | None:
    topology = data.draw(st.none() | st.sampled_from(list(TopologyType)))
    return plan.teams.create(pick(data, ids(plan.stages)), fresh("Team"), topology=topology)


def add_person_and_membership(plan: Plan, data: st.DataObject) -> Edit | None:
    return plan.people.create(fresh("Person"), discipline_id=pick(data, ids(plan.disciplines)))


def add_membership(plan: Plan, data: st.DataObject) -> Edit | None:
    allocation = data.draw(st.integers(min_value=1, max_value=100))
    return plan.memberships.create(
        pick(data, ids(plan.teams)),
        pick(data, ids(plan.people)),
        pick(data, ids(plan.disciplines)),
        allocation,
    )


def add_interaction(plan: Plan, data: st.DataObject) -> Edit | None:
    mode = data.draw(st.sampled_from(list(InteractionMode)))
    return plan.interactions.create(pick(data, ids(plan.teams)), pick(data, ids(plan.teams)), mode)


def add_period(plan: Plan, data: st.DataObject) -> Edit | None:
    start = date(2027, 1, 1) + timedelta(days=data.draw(st.integers(0, 900)))
    return plan.periods.create(fresh("Period"), start, start + timedelta(days=90))


def add_objective(plan: Plan, data: st.DataObject) -> Edit | None:
    plan_level = [o.id for o in plan.objectives.list() if o.team_id is None]
    return plan.objectives.create(
        pick(data, ids(plan.periods)),
        fresh("Objective"),
        team_id=data.draw(st.none() | st.sampled_from(ids(plan.teams) or [None])),
        parent_id=data.draw(st.none() | st.sampled_from(plan_level or [None])),
        commitment=data.draw(st.sampled_from(list(Commitment))),
        owner_id=pick(data, ids(plan.people)),
    )


def add_key_result(plan: Plan, data: st.DataObject) -> Edit | None:
    kind = data.draw(st.sampled_from([KeyResultKind.INCREASE, KeyResultKind.MILESTONE]))
    start = data.draw(st.integers(0, 50))
    return plan.key_results.create(
        pick(data, ids(plan.objectives)), fresh("Key result"), kind, start, start + 10, "%"
    )


def add_check_in(plan: Plan, data: st.DataObject) -> Edit | None:
    return plan.check_ins.create(
        pick(data, ids(plan.key_results)),
        date(2026, 10, 1) + timedelta(days=data.draw(st.integers(0, 80))),
        data.draw(st.floats(-100, 100, allow_nan=False)),
        data.draw(st.none() | st.integers(0, 10)),
    )


def add_note(plan: Plan, data: st.DataObject) -> Edit | None:
    teams = ids(plan.teams)
    share = data.draw(st.integers(0, 100))
    return plan.notes.create(
        date(2026, 11, 1),
        pick(data, ids(plan.customers)),
        data.draw(st.sampled_from(list(OutcomeCategory))),
        fresh("Outcome"),
        [ContributionInput(pick(data, teams), TouchKind.SALES, share)],
        unattributed_share=100 - share,
    )


def rename_any(plan: Plan, data: st.DataObject) -> Edit | None:
    service = data.draw(
        st.sampled_from([plan.stages, plan.teams, plan.people, plan.objectives, plan.customers])
    )
    row_id = pick(data, ids(service))
    key = "title" if service is plan.objectives else "name"
    return None if row_id is None else service.update(row_id, **{key: fresh("Renamed")})


def edit_values(plan: Plan, data: st.DataObject) -> Edit | None:
    choice = data.draw(st.integers(0, 2))
    if choice == 0 and (result := pick(data, plan.key_results.list())):
        return plan.key_results.update(result.id, weight=data.draw(st.integers(1, 5)))
    if choice == 1 and (member := pick(data, plan.memberships.list())):
        return plan.memberships.update(member.id, allocation=data.draw(st.integers(1, 100)))
    if team := pick(data, plan.teams.list()):
        return plan.teams.update(team.id, mission=fresh("Mission"), color="#123456")
    return None


def move_team(plan: Plan, data: st.DataObject) -> Edit | None:
    team = pick(data, ids(plan.teams))
    if team is None:
        return None
    return plan.teams.move(team, pick(data, ids(plan.stages)), data.draw(st.integers(0, 4)))


def duplicate_team(plan: Plan, data: st.DataObject) -> Edit | None:
    team = pick(data, ids(plan.teams))
    return None if team is None else plan.teams.duplicate(team)


def carry_objectives(plan: Plan, data: st.DataObject) -> Edit | None:
    objectives = plan.objectives.list()
    if not objectives:
        return None
    chosen = data.draw(st.lists(st.sampled_from(objectives), min_size=1, max_size=3, unique=True))
    period = pick(data, ids(plan.periods))
    mode = data.draw(st.sampled_from(list(CarryMode)))
    return carry_over(plan, [o.id for o in chosen], period, mode)


def reorder_stages(plan: Plan, data: st.DataObject) -> Edit | None:
    return plan.stages.reorder(data.draw(st.permutations(ids(plan.stages))))


def delete_any(plan: Plan, data: st.DataObject) -> Edit | None:
    service = data.draw(
        st.sampled_from(
            [
                plan.teams,
                plan.people,
                plan.objectives,
                plan.key_results,
                plan.check_ins,
                plan.memberships,
                plan.interactions,
                plan.notes,
                plan.disciplines,
                plan.customers,
                plan.periods,
            ]
        )
    )
    row_id = pick(data, ids(service))
    return None if row_id is None else service.delete(row_id)


def delete_stage(plan: Plan, data: st.DataObject) -> Edit | None:
    stages = ids(plan.stages)
    if len(stages) < 2:
        return None
    doomed = pick(data, stages)
    return plan.stages.delete(doomed, move_teams_to=pick(data, [s for s in stages if s != doomed]))


MAKERS: list[Maker] = [
    add_stage,
    add_team,
    add_person_and_membership,
    add_membership,
    add_interaction,
    add_period,
    add_objective,
    add_key_result,
    add_check_in,
    add_note,
    rename_any,
    edit_values,
    move_team,
    duplicate_team,
    carry_objectives,
    reorder_stages,
    delete_any,
    delete_any,  # twice: deletes cascade furthest, so they deserve more draws
    delete_stage,
]


@settings(max_examples=20)
@given(data=st.data())
def test_undo_all_then_redo_all_restores_each_state_exactly(
    data: st.DataObject, sample_file: Path, tmp_path_factory: Any
) -> None:
    plan = open_copy(sample_file, tmp_path_factory.mktemp("undo"))
    try:
        start = contents(plan)
        applied: list[Edit] = []
        for _ in range(data.draw(st.integers(1, 12), label="edits")):
            maker = data.draw(st.sampled_from(MAKERS))
            try:
                edit = maker(plan, data)
            except ValidationError:
                continue  # the rules refused it: nothing to undo
            if edit is not None:
                applied.append(plan.apply(edit))
        end = contents(plan)

        for edit in reversed(applied):
            plan.revert(edit)
        assert contents(plan) == start

        for edit in applied:
            plan.apply(edit)
        assert contents(plan) == end
    finally:
        plan.close()
