"""Merging two copies of the sample plan edited apart."""

from __future__ import annotations

import shutil
import uuid
from datetime import date
from pathlib import Path

import pytest

from planner.io import merge
from planner.io.merge import MergeError, Side, analyse_merge, merge_edit
from planner.services.edits import Create
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


def _merge(mine: Plan, theirs: Plan, choose=None):  # type: ignore[no-untyped-def]
    """Analyse and apply their copy's merge into ``mine``; returns the analysis and the edit."""
    theirs_path = theirs.path
    theirs.close()
    analysis = analyse_merge(mine, theirs_path)
    return analysis, mine.apply(merge_edit(mine, analysis, choose))


def _with_id(edit, row_id: str):  # type: ignore[no-untyped-def]
    return Create(edit.table, {**edit.values, "id": uuid.UUID(row_id)}, edit.label)


@pytest.mark.parametrize("child_first", [True, False])
def test_a_new_objective_aligned_to_their_new_company_objective_is_added(
    two_laptops,  # type: ignore[no-untyped-def]
    child_first: bool,
) -> None:
    # Rows are read in id order: the child's id sorting before its parent's left it out.
    mine, theirs = two_laptops
    low, high = "10000000-0000-4000-8000-000000000000", "f0000000-0000-4000-8000-000000000000"
    period, team = theirs.periods.list()[0], _team(theirs, "Reach")
    parent = theirs.apply(
        _with_id(
            theirs.objectives.create(period.id, "Win freelancers"), high if child_first else low
        )
    )
    child = theirs.apply(
        _with_id(
            theirs.objectives.create(
                period.id, "Double referrals", team_id=team.id, parent_id=parent.id
            ),
            low if child_first else high,
        )
    )
    result = theirs.apply(
        theirs.key_results.create(child.id, "Referral sign-ups", "increase", 0, 100)
    )
    moved = key_result(theirs, TIME_TO_DEMO)  # and an existing key result moved under it
    theirs.apply(theirs.key_results.update(moved.id, objective_id=child.id))
    analysis, _ = _merge(mine, theirs)
    assert analysis.notes == []
    assert mine.objectives.get(child.id).parent_id == parent.id
    assert mine.key_results.get(result.id).objective_id == child.id
    assert mine.key_results.get(moved.id).objective_id == child.id


def test_their_rename_frees_the_old_name_for_their_new_team(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    reach = _team(theirs, "Reach")
    theirs.apply(theirs.teams.update(reach.id, name="Reach Paid"))
    new = theirs.apply(
        _with_id(
            theirs.teams.create(reach.stage_id, "Reach"), "00000000-0000-4000-8000-000000000001"
        )
    )
    analysis, _ = _merge(mine, theirs)
    assert analysis.notes == []
    assert (mine.teams.get(reach.id).name, mine.teams.get(new.id).name) == ("Reach Paid", "Reach")


def test_what_was_deleted_here_and_left_alone_there_stays_deleted(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    habit = _team(mine, "Daily Habit")
    theirs.apply(theirs.stages.update(theirs.stages.list()[0].id, description="Edited there"))
    objectives_before = {o.id for o in mine.objectives.list() if o.team_id == habit.id}
    mine.apply(mine.teams.delete(habit.id))
    note = next(n for n in mine.notes.list() if len(mine.contributions.list(note_id=n.id)) > 2)
    shares = mine.contributions.list(note_id=note.id)
    dropped = shares[-1]
    mine.apply(mine.contributions.delete(dropped.id))
    first = shares[0]
    mine.apply(mine.contributions.update(first.id, share=first.share + dropped.share))
    before = contents(mine)
    analysis, _ = _merge(mine, theirs)
    assert "their team 'Daily Habit' is left out: it was deleted here" in analysis.notes
    assert analysis.conflicts == []
    assert habit.id not in {t.id for t in mine.teams.list()}
    assert not objectives_before & {o.id for o in mine.objectives.list()}
    assert dropped.id not in {c.id for c in mine.contributions.list(note_id=note.id)}
    after = contents(mine)
    assert after["stage"] != before["stage"]  # their edit came in
    assert {k: v for k, v in after.items() if k != "stage"} == {
        k: v for k, v in before.items() if k != "stage"
    }


def test_merging_their_copy_again_brings_nothing_it_already_brought(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    theirs_path = theirs.path
    reach = _team(theirs, "Reach")
    for plan in (mine, theirs):  # the same name on both sides: theirs comes in renamed
        plan.apply(plan.teams.create(reach.stage_id, "Growth"))
    theirs.apply(theirs.teams.update(reach.id, mission="Monday's mission"))
    first, _ = _merge(mine, theirs)
    assert (len(first.added), len(first.taken), len(first.conflicts)) == (1, 1, 0)
    again = analyse_merge(mine, theirs_path)
    assert (again.added, again.taken, again.conflicts, again.notes) == ([], [], [], [])


def test_a_copy_holding_rows_merged_from_a_third_brings_them_here(
    two_laptops,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    # Their copy took a third laptop's rename and new team, both made before this plan and
    # their copy last agreed on a row (changed alike on both, later): both still come here.
    mine, theirs = two_laptops
    third_path = tmp_path / "third.okrplan"
    shutil.copyfile(theirs.path, third_path)
    third = Plan.open(third_path)
    reach = _team(third, "Reach")
    third.apply(third.teams.update(reach.id, name="Reach Paid"))
    added = third.apply(third.teams.create(reach.stage_id, "Partnerships"))
    third.close()
    first = _team(mine, "First Hour")
    for plan in (mine, theirs):
        plan.apply(plan.teams.update(first.id, mission="Agreed in the room"))
    theirs.apply(merge_edit(theirs, analyse_merge(theirs, third_path)))
    with mine.session() as session:
        ours = plan_contents(session, include_bookkeeping=True)
    with theirs.session() as session:
        other = plan_contents(session, include_bookkeeping=True)
    # The row agreed on, stamped alike in both, as when one copy was made from the other.
    stamp = next(row for row in other["team"] if row["id"] == first.id)["updated_at"]
    next(row for row in ours["team"] if row["id"] == first.id)["updated_at"] = stamp
    analysis = merge._compare(ours, other, merge.MergeAnalysis(theirs.path))
    assert [(t, v["id"]) for t, v in analysis.added] == [("team", added.id)]
    assert [(t, i, after) for t, i, _, after in analysis.taken] == [
        ("team", reach.id, {"name": "Reach Paid"})
    ]


def test_a_plan_that_is_not_a_copy_of_this_one_is_refused(
    sample_plan: Plan, tmp_path: Path
) -> None:
    other = Plan.create(tmp_path / "other.okrplan")
    other.close()
    before = contents(sample_plan)
    with pytest.raises(MergeError) as refused:
        analyse_merge(sample_plan, other.path)
    assert str(refused.value) == (
        f"{other.path}: it is not a copy of this plan, so there is nothing to match its rows "
        "with (to add its teams and OKRs, export it as a CSV or XLSX sheet and import that)"
    )
    assert contents(sample_plan) == before


def test_a_conflict_names_the_rows_each_side_refers_to(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    demo = key_result(mine, TIME_TO_DEMO)
    here = mine.objectives.get(demo.objective_id)
    there = next(o for o in theirs.objectives.list() if o.id != here.id and o.team_id)
    mine.apply(mine.key_results.update(demo.id, title="Demo within the hour"))
    theirs.apply(theirs.key_results.update(demo.id, objective_id=there.id))
    theirs_path = theirs.path
    theirs.close()
    [conflict] = analyse_merge(mine, theirs_path).conflicts
    assert (
        f"objective: mine objective '{here.title}', theirs objective '{there.title}'"
    ) in conflict.describe()
    assert "UUID(" not in conflict.describe()


def test_a_new_person_added_on_both_sides_is_one_person(two_laptops) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = two_laptops
    reach = _team(mine, "Reach")
    for plan, email in ((mine, "zoe@tally.example"), (theirs, "")):
        plan.apply(plan.memberships.create_with_new_person(reach.id, "Zoe Park", email))
    theirs_zoe = next(p for p in theirs.people.list() if p.name == "Zoe Park")
    demo = key_result(theirs, TIME_TO_DEMO)
    theirs.apply(theirs.key_results.update(demo.id, owner_id=theirs_zoe.id))
    analysis, _ = _merge(mine, theirs)
    assert "their person 'Zoe Park' is taken to be the one here of that name" in analysis.notes
    [zoe] = [p for p in mine.people.list() if p.name == "Zoe Park"]
    assert zoe.email == "zoe@tally.example"
    members = [m for m in mine.memberships.list() if m.team_id == reach.id]
    assert [m.person_id for m in members].count(zoe.id) == 1
    assert mine.key_results.get(demo.id).owner_id == zoe.id
