"""The OKR tree read model shows what each row of the tree editor needs."""

from __future__ import annotations

from planner.domain.progress import GradeBand
from planner.services.okr_tree import PLAN_LEVEL, okr_tree, okr_trees
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
    assert tree.progress == tree.summary.plan


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
