"""What the plan remembers between edits is never older than the plan file."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from planner.services.base import NotFoundError
from planner.services.plan import Plan
from planner.store.models import Team


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


def _team_names(plan: Plan, calls: list[str]) -> tuple[str, ...]:
    def read() -> tuple[str, ...]:
        calls.append("read")
        with plan.session() as session:
            return tuple(session.scalars(select(Team.name).order_by(Team.name)))

    return plan.remember("team names", read)


def test_a_read_model_outlives_edits_to_tables_it_did_not_read(sample_plan: Plan) -> None:
    calls: list[str] = []
    names = _team_names(sample_plan, calls)
    result = sample_plan.key_results.list()[0]

    sample_plan.apply(sample_plan.check_ins.create(result.id, date(2026, 11, 2), 3))
    assert _team_names(sample_plan, calls) == names
    assert calls == ["read"]  # a check-in leaves the teams as they were

    team = sample_plan.teams.list()[0]
    rename = sample_plan.apply(sample_plan.teams.update(team.id, name="Aardvark squad"))
    assert _team_names(sample_plan, calls)[0] == "Aardvark squad"
    sample_plan.revert(rename)
    assert _team_names(sample_plan, calls) == names
    assert calls == ["read"] * 3


def test_a_model_built_on_a_kept_one_is_dropped_with_it(sample_plan: Plan) -> None:
    calls: list[str] = []

    def count() -> int:
        calls.append("count")
        return len(_team_names(sample_plan, []))

    before = sample_plan.remember("team count", count)
    _team_names(sample_plan, [])  # kept: the count above reads no table itself now
    sample_plan.apply(sample_plan.people.create("Someone new"))
    assert sample_plan.remember("team count", count) == before
    sample_plan.apply(sample_plan.teams.create(sample_plan.stages.list()[0].id, "Extra team"))
    assert sample_plan.remember("team count", count) == before + 1
    assert calls == ["count", "count"]


def test_what_reads_text_sql_is_dropped_by_any_edit(sample_plan: Plan) -> None:
    calls: list[str] = []

    def count() -> int:
        calls.append("count")
        with sample_plan.session() as session:
            return int(session.execute(text("SELECT count(*) FROM person")).scalar_one())

    before = sample_plan.remember("people", count)
    result = sample_plan.key_results.list()[0]
    sample_plan.apply(sample_plan.check_ins.create(result.id, date(2026, 11, 2), 3))
    assert sample_plan.remember("people", count) == before
    assert calls == ["count", "count"]  # its tables are unknown, so it was read again


def test_what_read_no_table_is_dropped_by_any_edit(sample_plan: Plan) -> None:
    """A value made from something other than the plan file (here a captured list) cannot
    say which edits change it."""
    source = ["first"]
    assert sample_plan.remember("captured", lambda: tuple(source)) == ("first",)
    source.append("second")
    sample_plan.apply(sample_plan.people.create("Someone new"))
    assert sample_plan.remember("captured", lambda: tuple(source)) == ("first", "second")
