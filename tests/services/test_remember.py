"""What the plan remembers between edits is never older than the plan file."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from planner.services.base import NotFoundError
from planner.services.plan import Plan


def test_lists_and_rows_show_every_edit_and_its_undo(sample_plan: Plan) -> None:
    team = sample_plan.teams.list()[0]
    members = [m for m in sample_plan.memberships.list() if m.team_id == team.id]
    people = sample_plan.people.list()
    assert members and sample_plan.teams.get(team.id).name == team.name

    rename = sample_plan.apply(sample_plan.teams.update(team.id, name="Renamed"))
    assert sample_plan.teams.get(team.id).name == "Renamed"
    assert "Renamed" in [t.name for t in sample_plan.teams.list()]

    # Deleting the team takes its memberships with it (a cascade the edit reports).
    delete = sample_plan.apply(sample_plan.teams.delete(team.id))
    with pytest.raises(NotFoundError):
        sample_plan.teams.get(team.id)
    assert all(m.team_id != team.id for m in sample_plan.memberships.list())
    assert sample_plan.people.list() == people  # untouched tables are still right

    sample_plan.revert(delete)
    sample_plan.revert(rename)
    assert sample_plan.teams.get(team.id).name == team.name
    assert [m for m in sample_plan.memberships.list() if m.team_id == team.id] == members


def test_a_write_outside_an_edit_forgets_everything(sample_plan: Plan) -> None:
    stage = sample_plan.stages.list()[0]
    with sample_plan.writing() as session:
        session.execute(
            text("UPDATE stage SET name = 'Written' WHERE id = :id"), {"id": stage.id.hex}
        )
    assert sample_plan.stages.get(stage.id).name == "Written"
    assert sample_plan.stages.list()[0].name == "Written"


def test_callers_get_their_own_lists(sample_plan: Plan) -> None:
    first = sample_plan.people.list()
    first.clear()
    assert sample_plan.people.list()
