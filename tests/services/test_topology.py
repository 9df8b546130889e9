"""The board, members and coverage read models on the sample plan, and duplicating a team."""

from __future__ import annotations

import pytest

from planner.services.plan import Plan
from planner.services.topology import board, skills_coverage, team_members
from tests.plans import SAMPLE_DAY


def test_the_board_shows_stages_in_order_with_their_team_cards(sample_plan: Plan) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    columns = board(sample_plan, period.id, SAMPLE_DAY)
    assert [column.name for column in columns] == [
        "Acquisition",
        "Activation",
        "Retention",
        "Referral",
        "Revenue",
    ]
    activation = columns[1]
    assert [card.name for card in activation.teams] == ["First Hour", "Integrations"]
    habit = columns[2].teams[0]
    assert habit.name == "Daily Habit"
    assert habit.headcount == 4
    assert habit.missing == ("Data",)
    assert "Customer support" in habit.disciplines
    assert habit.progress is not None


def test_a_board_without_a_period_shows_no_progress(sample_plan: Plan) -> None:
    assert all(
        card.progress is None for column in board(sample_plan, None) for card in column.teams
    )


def test_members_show_each_persons_total_across_teams(sample_plan: Plan) -> None:
    reach = next(t for t in sample_plan.teams.list() if t.name == "Reach")
    members = {row.person_name: row for row in team_members(sample_plan, reach.id)}
    assert members["Priya Nair"].allocation == 50
    assert members["Priya Nair"].person_total == 110
    assert members["Priya Nair"].discipline_name == "Data"
    assert members["Lucas Martin"].person_total == 100


def test_each_persons_total_is_kept_until_a_membership_changes(sample_plan: Plan) -> None:
    people = {person.name: person.id for person in sample_plan.people.list()}
    totals = sample_plan.people.allocations()
    assert totals[people["Priya Nair"]] == 110
    assert sample_plan.people.allocations() is totals  # read once, shared
    with pytest.raises(TypeError):
        totals[people["Priya Nair"]] = 0  # type: ignore[index]  # nobody changes it
    sample_plan.apply(sample_plan.people.update(people["Priya Nair"], email="p@n.example"))
    assert sample_plan.people.allocations() is totals  # another table: still right
    priya = next(
        m
        for m in sample_plan.memberships.list(person_id=people["Priya Nair"])
        if m.allocation == 50
    )
    undo = sample_plan.apply(sample_plan.memberships.update(priya.id, allocation=20))
    assert sample_plan.people.allocations()[people["Priya Nair"]] == 80
    sample_plan.revert(undo)
    assert sample_plan.people.allocations()[people["Priya Nair"]] == 110


def test_coverage_counts_heads_and_fte_per_discipline_and_stage(sample_plan: Plan) -> None:
    coverage = skills_coverage(sample_plan)
    teams = {name: team_id for team_id, name, _ in coverage.teams}
    disciplines = {name: discipline_id for discipline_id, name, _ in coverage.disciplines}
    ux = coverage.cell(teams["Daily Habit"], disciplines["UX/UI design"])
    assert (ux.headcount, ux.fte) == (1, 0.4)
    assert coverage.cell(teams["Daily Habit"], disciplines["Data"]).headcount == 0
    activation = next(stage_id for stage_id, name in coverage.stages if name == "Activation")
    engineers = coverage.stage_total(activation, disciplines["Engineering"])
    assert (engineers.headcount, engineers.fte) == (4, 4.0)


def test_duplicating_a_team_copies_members_beside_it_and_undoes(sample_plan: Plan) -> None:
    reach = next(t for t in sample_plan.teams.list() if t.name == "Reach")
    edit = sample_plan.apply(sample_plan.teams.duplicate(reach.id))
    copy = next(t for t in sample_plan.teams.list() if t.name == "Reach (copy)")
    assert copy.stage_id == reach.stage_id and copy.mission == reach.mission
    original = sorted((m.person_name, m.allocation) for m in team_members(sample_plan, reach.id))
    copied = sorted((m.person_name, m.allocation) for m in team_members(sample_plan, copy.id))
    assert copied == original
    second = sample_plan.apply(sample_plan.teams.duplicate(reach.id))
    assert "Reach (copy 2)" in {t.name for t in sample_plan.teams.list()}
    sample_plan.revert(second)
    sample_plan.revert(edit)
    assert [t.name for t in sample_plan.teams.list(stage_id=reach.stage_id)] == ["Reach"]


def test_a_new_person_joins_a_team_in_one_step(sample_plan: Plan) -> None:
    reach = next(t for t in sample_plan.teams.list() if t.name == "Reach")
    edit = sample_plan.apply(sample_plan.memberships.create_with_new_person(reach.id, "Zoë Park"))
    assert "Zoë Park" in {m.person_name for m in team_members(sample_plan, reach.id)}
    sample_plan.revert(edit)
    assert "Zoë Park" not in {p.name for p in sample_plan.people.list()}
