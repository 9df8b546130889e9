"""The OKR tree read model shows what each row of the tree editor needs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from planner.domain.progress import GradeBand
from planner.services.edits import Batch, Edit
from planner.services.okr_tree import (
    PLAN_LEVEL,
    OkrTrees,
    checked_in_results,
    okr_tree,
    okr_trees,
    refresh_trees,
)
from planner.services.plan import Plan
from tests.plans import SAMPLE_DAY


def test_a_team_tree_has_objectives_with_key_results_and_their_figures(sample_plan: Plan) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    team = next(t for t in sample_plan.teams.list() if t.name == "First Hour")
    tree = okr_tree(sample_plan, period.id, team.id, SAMPLE_DAY)
    assert [node.record.title for node in tree.objectives] == ["Improve the onboarding experience"]
    onboarding = tree.objectives[0]
    assert onboarding.owner == "Amara Okafor"
    assert onboarding.aligned_to.startswith("Become the time tracker")
    demo, share, tour = onboarding.key_results
    assert demo.status.progress.percent == 61  # 24 h → 10 h of 24 h → 1 h
    assert (demo.grade, demo.band) == (0.6, GradeBand.YELLOW)
    assert demo.owner == "Jonas Weber"
    assert share.status.current == 38
    assert tour.status.progress.percent == 0 and tour.band is GradeBand.RED
    assert onboarding.confidence == 6  # the least sure key result
    assert tree.progress == onboarding.progress


def test_the_plan_level_tree_holds_the_company_objective(sample_plan: Plan) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    tree = okr_tree(sample_plan, period.id, PLAN_LEVEL, SAMPLE_DAY)
    assert [node.record.title for node in tree.objectives] == [
        "Become the time tracker freelancers trust from their first day"
    ]
    summary = okr_trees(sample_plan, period.id, SAMPLE_DAY).summary
    assert summary is not None and tree.progress == summary.plan


def test_all_trees_at_once_cover_every_team_and_the_plan_level(sample_plan: Plan) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    stage = sample_plan.stages.list()[0]
    idle = sample_plan.apply(sample_plan.teams.create(stage.id, "Idle"))
    trees = okr_trees(sample_plan, period.id, SAMPLE_DAY)
    assert set(trees) == {t.id for t in sample_plan.teams.list()} | {PLAN_LEVEL}
    assert trees[idle.id].objectives == () and trees[idle.id].progress is None
    total = sum(len(tree.objectives) for tree in trees.values())
    assert total == sample_plan.objectives.count(period_id=period.id)


def test_trees_refreshed_after_check_ins_equal_trees_read_again(sample_plan: Plan) -> None:
    """Adding, changing, deleting and undoing check-ins (alone and batched), the incremental
    refresh gives exactly the trees a full read gives."""
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    trees = okr_trees(sample_plan, period.id, SAMPLE_DAY)
    results = [
        kr.record for tree in trees.values() for o in tree.objectives for kr in o.key_results
    ]
    metric = next(r for r in results if r.kind.name in ("INCREASE", "DECREASE"))
    other = next(
        r for r in results if r.id != metric.id and r.kind.name in ("INCREASE", "DECREASE")
    )
    check_ins = sample_plan.check_ins
    added = check_ins.create(metric.id, SAMPLE_DAY, metric.target_value, 9)
    steps: list[Edit] = [
        added,
        check_ins.create(other.id, SAMPLE_DAY, other.start_value, 3),
    ]
    for step in steps:
        sample_plan.apply(step)
        trees = _refreshed(sample_plan, trees, step)
        assert trees == okr_trees(sample_plan, period.id, SAMPLE_DAY)
    changes = [
        check_ins.update(added.id, value=metric.start_value),
        check_ins.update(added.id, on_date=period.start_date, confidence=2),
        Batch(
            (
                check_ins.create(metric.id, SAMPLE_DAY, metric.target_value),
                check_ins.create(other.id, SAMPLE_DAY, other.target_value),
            )
        ),
        check_ins.delete(added.id),
    ]
    for step in changes:
        sample_plan.apply(step)
        trees = _refreshed(sample_plan, trees, step)
        assert trees == okr_trees(sample_plan, period.id, SAMPLE_DAY)
    for step in reversed(steps + changes):
        sample_plan.revert(step)
        trees = _refreshed(sample_plan, trees, step)
        assert trees == okr_trees(sample_plan, period.id, SAMPLE_DAY)


def test_an_edit_beyond_check_ins_asks_for_a_full_read(sample_plan: Plan) -> None:
    team = sample_plan.teams.list()[0]
    assert checked_in_results(sample_plan, sample_plan.teams.update(team.id, name="X")) is None


def _refreshed(plan: Plan, trees: Any, step: Edit) -> Any:
    touched = checked_in_results(plan, step)
    assert touched is not None
    return refresh_trees(plan, trees, touched)


def test_trees_differ_when_their_roll_ups_differ(sample_plan: Plan) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    trees = okr_trees(sample_plan, period.id, SAMPLE_DAY)
    later = okr_trees(sample_plan, period.id, SAMPLE_DAY + timedelta(days=30)).summary
    assert later != trees.summary
    other = OkrTrees(later, trees)  # the same trees with another day's roll-up
    assert dict(other) == dict(trees)
    assert not other == trees  # noqa: SIM201 - both operators, each on its own
    assert other != trees
    assert trees == okr_trees(sample_plan, period.id, SAMPLE_DAY)
