"""Carrying unfinished objectives to the next period."""

from __future__ import annotations

import pytest

from planner.domain.validation import ValidationError
from planner.services.carry_over import CarryMode, carry_over, unfinished_objectives
from planner.services.okr_tree import okr_trees
from planner.services.plan import Plan
from planner.services.rollup import period_progress
from tests.plans import SAMPLE_DAY


def periods(plan: Plan):  # type: ignore[no-untyped-def]
    current = plan.periods.containing(SAMPLE_DAY)
    following = next(p for p in plan.periods.list() if p.name == "2027 Q1")
    assert current is not None
    return current, following


def daily_habit(plan: Plan):  # type: ignore[no-untyped-def]
    """A team objective the sample aligns to a company objective."""
    return next(o for o in plan.objectives.list() if o.title == "Make tracking a daily habit")


def daily_habit_and_its_company_objective(plan: Plan):  # type: ignore[no-untyped-def]
    habit = daily_habit(plan)
    return habit, plan.objectives.get(habit.parent_id)


def test_every_sample_objective_is_unfinished(sample_plan: Plan) -> None:
    current, _ = periods(sample_plan)
    assert len(unfinished_objectives(sample_plan, current.id, SAMPLE_DAY)) == 7


def test_moving_takes_key_results_and_check_ins_along_and_undoes(sample_plan: Plan) -> None:
    current, following = periods(sample_plan)
    onboarding = next(
        o for o in sample_plan.objectives.list() if o.title == "Improve the onboarding experience"
    )
    results = sample_plan.key_results.list(objective_id=onboarding.id)
    checkins = sample_plan.check_ins.count()
    edit = sample_plan.apply(
        carry_over(sample_plan, [onboarding.id], following.id, CarryMode.MOVE, SAMPLE_DAY)
    )
    assert edit.label == "Move objective to 2027 Q1"
    assert sample_plan.objectives.get(onboarding.id).period_id == following.id
    assert sample_plan.key_results.list(objective_id=onboarding.id) == results
    assert sample_plan.check_ins.count() == checkins
    sample_plan.revert(edit)
    assert sample_plan.objectives.get(onboarding.id).period_id == current.id


def test_a_moved_objective_leaves_its_old_quarters_alignment_behind(sample_plan: Plan) -> None:
    current, following = periods(sample_plan)
    habit = daily_habit(sample_plan)
    assert habit.parent_id is not None, "the sample aligns it to a company objective"
    edit = sample_plan.apply(
        carry_over(sample_plan, [habit.id], following.id, CarryMode.MOVE, SAMPLE_DAY)
    )
    assert sample_plan.objectives.get(habit.id).parent_id is None
    sample_plan.revert(edit)
    assert sample_plan.objectives.get(habit.id).parent_id == habit.parent_id


def test_moving_a_company_objective_with_its_aligned_ones_keeps_them_aligned(
    sample_plan: Plan,
) -> None:
    current, following = periods(sample_plan)
    habit, company = daily_habit_and_its_company_objective(sample_plan)
    aligned = [o for o in sample_plan.objectives.list() if o.parent_id == company.id]
    moved = [company.id, habit.id]
    sample_plan.apply(carry_over(sample_plan, moved, following.id, CarryMode.MOVE, SAMPLE_DAY))
    assert sample_plan.objectives.get(habit.id).parent_id == company.id  # moved together
    for objective in aligned:
        if objective.id not in moved:  # stayed in the old quarter: its company objective left
            assert sample_plan.objectives.get(objective.id).parent_id is None
    trees = okr_trees(sample_plan, following.id, SAMPLE_DAY)
    shown = [
        node for tree in trees.values() for node in tree.objectives if node.record.id == habit.id
    ]
    assert [node.aligned_to for node in shown] == [company.title]


def test_moving_next_to_the_company_objective_it_aligns_to_keeps_the_alignment(
    sample_plan: Plan,
) -> None:
    current, following = periods(sample_plan)
    habit, company = daily_habit_and_its_company_objective(sample_plan)
    # Plans may hold alignments across quarters (made before moves cleared them).
    sample_plan.apply(carry_over(sample_plan, [company.id], following.id, CarryMode.MOVE))
    sample_plan.apply(sample_plan.objectives.update(habit.id, parent_id=company.id))
    sample_plan.apply(carry_over(sample_plan, [habit.id], following.id, CarryMode.MOVE))
    assert sample_plan.objectives.get(habit.id).parent_id == company.id
    sample_plan.apply(carry_over(sample_plan, [company.id], current.id, CarryMode.MOVE))
    assert sample_plan.objectives.get(habit.id).parent_id is None, "now a quarter apart"


def test_copying_starts_where_the_old_one_got_to_and_keeps_its_history(sample_plan: Plan) -> None:
    current, following = periods(sample_plan)
    ids = unfinished_objectives(sample_plan, current.id, SAMPLE_DAY)
    before = period_progress(sample_plan, current.id, SAMPLE_DAY)
    sample_plan.apply(carry_over(sample_plan, ids, following.id, CarryMode.COPY, SAMPLE_DAY))
    copies = sample_plan.objectives.list(period_id=following.id)
    assert sorted(o.title for o in copies) == sorted(
        sample_plan.objectives.get(i).title for i in ids
    )
    onboarding = next(o for o in copies if o.title == "Improve the onboarding experience")
    demo = next(
        kr
        for kr in sample_plan.key_results.list(objective_id=onboarding.id)
        if kr.title.startswith("Reduce time")
    )
    assert (demo.start_value, demo.target_value) == (10, 1)  # 24 h → 10 h so far
    # The old period is untouched: same progress, same check-ins.
    assert period_progress(sample_plan, current.id, SAMPLE_DAY).objectives == before.objectives
    after = period_progress(sample_plan, following.id, SAMPLE_DAY)
    assert all(after.objectives[o.id] == 0 for o in copies)


def test_carrying_nothing_or_into_the_same_period_is_refused(sample_plan: Plan) -> None:
    current, following = periods(sample_plan)
    with pytest.raises(ValidationError, match="choose at least one"):
        carry_over(sample_plan, [], following.id, CarryMode.MOVE)
    objective = sample_plan.objectives.list(period_id=current.id)[0]
    with pytest.raises(ValidationError, match="already in 2026 Q4"):
        carry_over(sample_plan, [objective.id], current.id, CarryMode.COPY)


def test_each_quarter_lists_only_its_own_key_results_as_objectives_move(
    sample_plan: Plan,
) -> None:
    current, following = periods(sample_plan)
    onboarding = next(
        o for o in sample_plan.objectives.list() if o.title == "Improve the onboarding experience"
    )
    moving = {kr.id for kr in sample_plan.key_results.list(objective_id=onboarding.id)}
    before = {kr.id for kr in sample_plan.key_results.in_period(current.id)}
    assert moving and moving <= before
    assert not moving & {kr.id for kr in sample_plan.key_results.in_period(following.id)}

    edit = sample_plan.apply(
        carry_over(sample_plan, [onboarding.id], following.id, CarryMode.MOVE, SAMPLE_DAY)
    )
    assert {kr.id for kr in sample_plan.key_results.in_period(current.id)} == before - moving
    assert moving <= {kr.id for kr in sample_plan.key_results.in_period(following.id)}
    trees = okr_trees(sample_plan, following.id, SAMPLE_DAY)
    shown = {
        kr.record.id for tree in trees.values() for o in tree.objectives for kr in o.key_results
    }
    assert moving <= shown

    sample_plan.revert(edit)
    assert {kr.id for kr in sample_plan.key_results.in_period(current.id)} == before


def test_copying_a_company_objective_with_its_aligned_ones_keeps_them_aligned(
    sample_plan: Plan,
) -> None:
    current, following = periods(sample_plan)
    habit, company = daily_habit_and_its_company_objective(sample_plan)
    # The team objective first: its parent's copy must exist before it is aligned to it.
    copied = [habit.id, company.id]
    sample_plan.apply(carry_over(sample_plan, copied, following.id, CarryMode.COPY, SAMPLE_DAY))
    copies = {o.title: o for o in sample_plan.objectives.list(period_id=following.id)}
    assert copies[habit.title].parent_id == copies[company.title].id
    assert sample_plan.objectives.get(habit.id).parent_id == company.id  # the original too


@pytest.mark.parametrize(
    ("kind", "start", "target", "now"), [("increase", 0, 10, 12), ("decrease", 50, 20, 15)]
)
def test_a_copy_of_a_metric_past_its_target_starts_afresh(
    sample_plan: Plan, kind: str, start: float, target: float, now: float
) -> None:
    current, following = periods(sample_plan)
    objective = sample_plan.apply(sample_plan.objectives.create(current.id, "Grow paying teams"))
    result = sample_plan.apply(
        sample_plan.key_results.create(objective.id, "Paying teams", kind, start, target)
    )
    sample_plan.apply(sample_plan.check_ins.create(result.id, SAMPLE_DAY, now))
    sample_plan.apply(
        carry_over(sample_plan, [objective.id], following.id, CarryMode.COPY, SAMPLE_DAY)
    )
    copy = next(o for o in sample_plan.objectives.list(period_id=following.id))
    [carried] = sample_plan.key_results.list(objective_id=copy.id)
    assert (carried.start_value, carried.target_value) == (start, target)
    sample_plan.apply(sample_plan.key_results.update(carried.id, title="Paying teams, again"))
