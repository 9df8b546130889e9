"""Members of many teams read at once give what asking team by team gives."""

from __future__ import annotations

import pytest

from planner.services import topology
from planner.services.plan import Plan
from planner.services.topology import team_members, team_members_many


def test_every_team_gets_the_members_asking_one_by_one_gives(sample_plan: Plan) -> None:
    teams = [team.id for team in sample_plan.teams.list()]
    many = team_members_many(sample_plan, teams)
    assert list(many) == teams
    for team_id in teams:
        assert many[team_id] == team_members(sample_plan, team_id)
    assert any(many.values())


def test_totals_count_teams_that_were_not_asked_for(sample_plan: Plan) -> None:
    reach = next(t for t in sample_plan.teams.list() if t.name == "Reach")
    members = {row.person_name: row for row in team_members_many(sample_plan, [reach.id])[reach.id]}
    assert members["Priya Nair"].allocation == 50
    assert members["Priya Nair"].person_total == 110


def test_a_team_without_members_and_no_teams_at_all(sample_plan: Plan) -> None:
    stage = sample_plan.stages.list()[0]
    sample_plan.apply(sample_plan.teams.create(stage.id, "Newcomers"))
    newcomers = next(t for t in sample_plan.teams.list() if t.name == "Newcomers")
    assert team_members_many(sample_plan, [newcomers.id]) == {newcomers.id: []}
    assert team_members_many(sample_plan, []) == {}


def test_long_lists_of_teams_are_read_in_parts(
    sample_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    teams = [team.id for team in sample_plan.teams.list()]
    whole = team_members_many(sample_plan, teams)
    monkeypatch.setattr(topology, "_IDS_PER_QUERY", 2)
    assert team_members_many(sample_plan, teams) == whole
