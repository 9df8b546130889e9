"""Merging two copies of the sample plan edited apart."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from planner.io import merge
from planner.io.merge import MergeError, Side, analyse_merge, merge_edit
from planner.services.plan import Plan
from planner.store.rows import plan_contents
from tests.plans import SAMPLE_DAY

TIME_TO_DEMO = "Reduce time from sign-up to live demo from 24 h to 1 h"


def contents(plan: Plan) -> dict[str, list[dict[str, object]]]:
    with plan.session() as session:
        return plan_contents(session)


@pytest.fixture
def two_laptops(sample_file: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Two copies of one plan: 'mine' and 'theirs', each edited on its own laptop."""
    mine_path, theirs_path = tmp_path / "mine.okrplan", tmp_path / "theirs.okrplan"
    shutil.copyfile(sample_file, mine_path)
    shutil.copyfile(sample_file, theirs_path)
    mine, theirs = Plan.open(mine_path), Plan.open(theirs_path)
    yield mine, theirs
    mine.close()
    theirs.close()


def key_result(plan: Plan, title: str):  # type: ignore[no-untyped-def]
    return next(kr for kr in plan.key_results.list() if kr.title == title)


def test_two_copies_edited_apart_merge_and_report_the_conflict(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    stage = next(s for s in theirs.stages.list() if s.name == "Referral")
    theirs.apply(theirs.teams.create(stage.id, "Partnerships", mission="Resellers"))
    demo = key_result(mine, TIME_TO_DEMO)
    mine.apply(mine.key_results.update(demo.id, target_value=2))
    theirs.apply(theirs.key_results.update(demo.id, target_value=0.5, unit="hours"))
    mine.apply(mine.check_ins.create(demo.id, SAMPLE_DAY, 8, confidence=7))
    theirs.apply(theirs.check_ins.create(demo.id, date(2026, 11, 20), 7, confidence=8))
    share = key_result(
        theirs, "Increase the share of new users who track today's hours from 20 % to 60 %"
    )
    theirs.apply(theirs.key_results.update(share.id, weight=2))  # only they touched this one
    before_checkins = mine.check_ins.count()
    theirs_path = theirs.path
    theirs.close()

    analysis = analyse_merge(mine, theirs_path)
    assert [(t, v["name"]) for t, v in analysis.added if t == "team"] == [("team", "Partnerships")]
    assert [len(analysis.conflicts), analysis.conflicts[0].row_id] == [1, demo.id]
    conflict = analysis.conflicts[0]
    assert ("target_value", 2.0, 0.5) in conflict.fields
    assert "was changed on both sides" in conflict.describe()
    assert [(table, after) for table, _, _, after in analysis.taken] == [
        ("key_result", {"weight": 2.0})
    ]

    # Dry run: nothing changed yet.
    assert mine.teams.count() == 6
    edit = mine.apply(merge_edit(mine, analysis))  # conflicts left for later
    assert "Partnerships" in {t.name for t in mine.teams.list()}
    assert mine.check_ins.count() == before_checkins + 1
    assert mine.key_results.get(share.id).weight == 2
    assert mine.key_results.get(demo.id).target_value == 2  # mine kept, conflict reported
    mine.revert(edit)
    assert mine.teams.count() == 6

    mine.apply(merge_edit(mine, analysis, lambda _conflict: Side.THEIRS))
    merged = mine.key_results.get(demo.id)
    assert (merged.target_value, merged.unit) == (0.5, "hours")


def test_same_names_added_on_both_sides_are_kept_apart(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    for plan in (mine, theirs):
        stage = plan.stages.list()[0]
        plan.apply(plan.teams.create(stage.id, "Growth"))
    theirs_path = theirs.path
    theirs.close()
    analysis = analyse_merge(mine, theirs_path)
    assert any("added as 'Growth (theirs)'" in note for note in analysis.notes)
    mine.apply(merge_edit(mine, analysis))
    assert {"Growth", "Growth (theirs)"} <= {t.name for t in mine.teams.list()}


def _team(plan: Plan, name: str):  # type: ignore[no-untyped-def]
    return next(t for t in plan.teams.list() if t.name == name)


def test_their_rename_to_a_name_this_plan_gave_another_team_is_taken_under_a_free_name(
    two_laptops,  # type: ignore[no-untyped-def]
) -> None:
    mine, theirs = two_laptops
    mine.apply(mine.teams.create(mine.stages.list()[0].id, "Growth"))
    reach = _team(theirs, "Reach")
    theirs.apply(theirs.teams.update(reach.id, name="Growth"))
    theirs_path = theirs.path
    theirs.close()
    analysis = analyse_merge(mine, theirs_path)
    assert [after for _, _, _, after in analysis.taken] == [{"name": "Growth (theirs)"}]
    assert analysis.notes == [
        "their rename of team 'Reach' to 'Growth' is taken as 'Growth (theirs)': "
        "this plan already has one called 'Growth'"
    ]
    mine.apply(merge_edit(mine, analysis))  # refused by the plan before: the name was taken
    assert mine.teams.get(reach.id).name == "Growth (theirs)"
    assert "Growth" in {t.name for t in mine.teams.list()}


def test_keeping_their_side_of_a_conflict_never_duplicates_a_name(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    reach = _team(mine, "Reach")
    mine.apply(mine.teams.create(mine.stages.list()[0].id, "Growth"))
    mine.apply(mine.teams.update(reach.id, name="Reach out"))
    theirs.apply(theirs.teams.update(reach.id, name="Growth"))
    theirs_path = theirs.path
    theirs.close()
    analysis = analyse_merge(mine, theirs_path)
    assert [c.fields for c in analysis.conflicts] == [(("name", "Reach out", "Growth (theirs)"),)]
    mine.apply(merge_edit(mine, analysis, lambda _conflict: Side.THEIRS))
    assert mine.teams.get(reach.id).name == "Growth (theirs)"


def test_a_name_their_kept_side_of_a_conflict_takes_is_not_given_to_another_row(
    two_laptops,  # type: ignore[no-untyped-def]
) -> None:
    mine, theirs = two_laptops
    first, reach = _team(theirs, "First Hour"), _team(theirs, "Reach")
    mine.apply(mine.teams.update(reach.id, mission="Ours"))
    theirs.apply(theirs.teams.update(first.id, name="Elsewhere"))
    theirs.apply(theirs.teams.update(reach.id, name="First Hour", mission="Theirs"))
    added = theirs.apply(theirs.teams.create(theirs.stages.list()[0].id, "First Hour (theirs)"))
    with mine.session() as session:
        ours = plan_contents(session, include_bookkeeping=True)
    with theirs.session() as session:
        other = plan_contents(session, include_bookkeeping=True)
    # Rows come in the order of their random ids; the clash needs Reach's conflict first.
    other["team"].sort(key=lambda row: row["id"] != reach.id)
    analysis = merge._compare(ours, other, merge.MergeAnalysis(theirs.path))
    assert [c.fields for c in analysis.conflicts if c.row_id == reach.id][0][0] == (
        "name",
        "Reach",
        "First Hour (theirs)",
    )
    assert [(table, values["id"], values["name"]) for table, values in analysis.added] == [
        ("team", added.id, "First Hour (theirs) (theirs)")
    ]
    mine.apply(merge_edit(mine, analysis, lambda _conflict: Side.THEIRS))
    names = [t.name for t in mine.teams.list()]
    assert len(set(names)) == len(names)


def test_a_membership_change_left_out_names_the_person_and_team(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    reach, first = _team(theirs, "Reach"), _team(theirs, "First Hour")
    in_first = {m.person_id for m in theirs.memberships.list() if m.team_id == first.id}
    moved = next(
        m
        for m in theirs.memberships.list()
        if m.team_id == reach.id and m.person_id not in in_first
    )
    person = theirs.people.get(moved.person_id)
    mine.apply(mine.memberships.create(first.id, person.id, None, 10))  # here, they joined too
    theirs.apply(theirs.memberships.update(moved.id, team_id=first.id, allocation=30))
    theirs_path = theirs.path
    theirs.close()
    analysis = analyse_merge(mine, theirs_path)
    assert (
        f"their change to {person.name}'s membership of team 'Reach' (team, allocation) "
        "would duplicate one here, so it is left out"
    ) in analysis.notes
    mine.apply(merge_edit(mine, analysis))


def test_names_swapped_on_their_side_merge(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    reach, first = _team(theirs, "Reach"), _team(theirs, "First Hour")
    theirs.apply(theirs.teams.update(reach.id, name="Swap"))
    theirs.apply(theirs.teams.update(first.id, name="Reach"))
    theirs.apply(theirs.teams.update(reach.id, name="First Hour"))
    theirs_path = theirs.path
    theirs.close()
    mine.apply(merge_edit(mine, analyse_merge(mine, theirs_path)))
    names = {t.id: t.name for t in mine.teams.list()}
    assert len(set(names.values())) == len(names)
    # The first of the two renames taken finds the other's name still in use here, so it
    # takes a free one (which is first depends on the rows' order); the second goes through.
    assert {names[reach.id], names[first.id]} in (
        {"First Hour (theirs)", "Reach"},
        {"First Hour", "Reach (theirs)"},
    )


def test_merging_identical_copies_changes_nothing(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    theirs_path = theirs.path
    theirs.close()
    before = contents(mine)
    analysis = analyse_merge(mine, theirs_path)
    assert (analysis.added, analysis.taken, analysis.conflicts) == ([], [], [])
    mine.apply(merge_edit(mine, analysis))
    assert contents(mine) == before


def test_merging_a_file_that_is_not_a_plan_is_refused(sample_plan: Plan, tmp_path: Path) -> None:
    junk = tmp_path / "junk.okrplan"
    junk.write_text("not a plan")
    with pytest.raises(MergeError, match="not an OKR plan"):
        analyse_merge(sample_plan, junk)
    with pytest.raises(MergeError, match="the plan itself"):
        analyse_merge(sample_plan, sample_plan.path)
