"""Roll-ups on the sample plan follow the progress rules at every level."""

from __future__ import annotations

import math
import sqlite3
import uuid
from datetime import date, timedelta

import pytest

from planner.domain.progress import format_progress, grade
from planner.domain.validation import ValidationError
from planner.domain.values import KeyResultKind
from planner.services.edits import Batch
from planner.services.plan import Plan
from planner.services.rollup import period_progress, refresh_key_results
from tests.plans import SAMPLE_DAY

TIME_TO_DEMO = "Reduce time from sign-up to live demo from 24 h to 1 h"


def current_period(plan: Plan):  # type: ignore[no-untyped-def]
    period = plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    return period


def test_a_6_hour_check_in_on_time_to_demo_shows_78_percent(sample_plan: Plan) -> None:
    result = next(kr for kr in sample_plan.key_results.list() if kr.title == TIME_TO_DEMO)
    sample_plan.apply(sample_plan.check_ins.create(result.id, SAMPLE_DAY, "6", confidence=7))
    summary = period_progress(sample_plan, current_period(sample_plan).id, SAMPLE_DAY)
    status = summary.key_results[result.id]
    assert status.progress.percent == 78
    assert status.current == 6
    assert status.confidence == 7
    assert grade(status.progress.clamped) == 0.8


def test_objective_team_stage_and_plan_roll_up_by_the_rules(sample_plan: Plan) -> None:
    period = current_period(sample_plan)
    summary = period_progress(sample_plan, period.id, SAMPLE_DAY)
    objectives = sample_plan.objectives.list(period_id=period.id)

    onboarding = next(o for o in objectives if o.title == "Improve the onboarding experience")
    results = sample_plan.key_results.list(objective_id=onboarding.id)
    # Three key results of weight 1: time to demo 24→10 of 24→1, share 20→38 of 20→60,
    # the tour milestone not done.
    expected = ((10 - 24) / (1 - 24) + (38 - 20) / (60 - 20) + 0) / 3
    assert len(results) == 3
    assert math.isclose(summary.objectives[onboarding.id] or 0, expected)

    first_hour = next(t for t in sample_plan.teams.list() if t.name == "First Hour")
    integrations = next(t for t in sample_plan.teams.list() if t.name == "Integrations")
    assert summary.team(first_hour.id) == summary.objectives[onboarding.id]
    stage_mean = (summary.team(first_hour.id) + summary.team(integrations.id)) / 2  # type: ignore[operator]
    assert math.isclose(summary.stage(first_hour.stage_id) or 0, stage_mean)

    # The plan rolls up every objective of the period, the company objective included.
    everything = [summary.objectives[o.id] for o in objectives]
    assert math.isclose(summary.plan or 0, sum(everything) / len(everything))  # type: ignore[arg-type]


def test_an_objective_without_key_results_has_no_progress_and_is_skipped(
    sample_plan: Plan,
) -> None:
    period = current_period(sample_plan)
    before = period_progress(sample_plan, period.id, SAMPLE_DAY)
    reach = next(t for t in sample_plan.teams.list() if t.name == "Reach")
    empty = sample_plan.apply(sample_plan.objectives.create(period.id, "Draft", team_id=reach.id))
    after = period_progress(sample_plan, period.id, SAMPLE_DAY)
    assert after.objectives[empty.id] is None
    assert format_progress(after.objectives[empty.id]) == "—"
    assert after.team(reach.id) == before.team(reach.id)
    assert after.plan == before.plan


def test_a_period_with_no_objectives_shows_no_progress(sample_plan: Plan) -> None:
    following = next(p for p in sample_plan.periods.list() if p.name == "2027 Q1")
    summary = period_progress(sample_plan, following.id, date(2027, 1, 15))
    assert summary.plan is None
    assert format_progress(summary.plan) == "—"
    assert summary.teams == {}


def test_a_new_check_in_moves_every_roll_up(sample_plan: Plan) -> None:
    period = current_period(sample_plan)
    before = period_progress(sample_plan, period.id, SAMPLE_DAY)
    tour = next(
        kr for kr in sample_plan.key_results.list() if kr.title.startswith("Ship the guided")
    )
    sample_plan.apply(sample_plan.check_ins.create(tour.id, SAMPLE_DAY, 1))
    after = period_progress(sample_plan, period.id, SAMPLE_DAY)
    objective = sample_plan.objectives.get(tour.objective_id)
    team = sample_plan.teams.get(objective.team_id)  # type: ignore[arg-type]
    assert math.isclose(
        (after.objectives[objective.id] or 0) - (before.objectives[objective.id] or 0), 1 / 3
    )
    assert (after.team(team.id) or 0) > (before.team(team.id) or 0)
    assert (after.stage(team.stage_id) or 0) > (before.stage(team.stage_id) or 0)
    assert (after.plan or 0) > (before.plan or 0)


def test_refreshing_after_check_ins_matches_a_full_recompute(sample_plan: Plan) -> None:
    period = current_period(sample_plan)
    before = period_progress(sample_plan, period.id, SAMPLE_DAY)
    results = sample_plan.key_results.list()
    touched = [results[0].id, results[3].id]
    for result_id in touched:
        sample_plan.apply(sample_plan.check_ins.create(result_id, SAMPLE_DAY, 55, confidence=3))
    kept = dict(before.key_results)
    refreshed = refresh_key_results(sample_plan, before, touched)
    full = period_progress(sample_plan, period.id, SAMPLE_DAY)
    assert refreshed == full
    assert refreshed != before
    # A new dict, the old one as it was: the health report tells what changed by comparing
    # them, status by status.
    assert refreshed.key_results is not before.key_results
    assert before.key_results == kept
    assert all(before.key_results[r] is refreshed.key_results[r] for r in kept if r not in touched)
    assert refresh_key_results(sample_plan, full, [uuid.uuid4()]) is full


def test_a_check_in_without_confidence_keeps_the_last_stated_one(sample_plan: Plan) -> None:
    """For every key result, however many: these need three statements' worth of lookups."""
    period = current_period(sample_plan)
    objective = sample_plan.objectives.list(period_id=period.id)[0]
    results = [
        sample_plan.key_results.create(objective.id, f"Result {n}", "increase", 0, 10)
        for n in range(1_100)
    ]
    sample_plan.apply(Batch(tuple(results)))
    earlier = SAMPLE_DAY - timedelta(days=7)
    check_ins = [
        edit
        for n, result in enumerate(results)
        for edit in (
            sample_plan.check_ins.create(result.id, earlier, 2, confidence=n % 10 + 1),
            sample_plan.check_ins.create(result.id, SAMPLE_DAY, 4),  # no confidence said
        )
    ]
    sample_plan.apply(Batch(tuple(check_ins)))
    summary = period_progress(sample_plan, period.id, SAMPLE_DAY)
    for n, result in enumerate(results):
        status = summary.key_results[result.id]
        assert (status.current, status.confidence) == (4, n % 10 + 1)


def test_a_check_in_too_large_to_count_is_refused_and_a_kept_one_still_reads(
    sample_plan: Plan,
) -> None:
    result = next(kr for kr in sample_plan.key_results.list() if kr.kind == KeyResultKind.INCREASE)
    sample_plan.apply(sample_plan.key_results.update(result.id, start_value=0, target_value=0.01))
    with pytest.raises(ValidationError, match="'1e307' is too large"):
        sample_plan.check_ins.create(result.id, SAMPLE_DAY, "1e307")
    # An older version took any finite number: such a plan still opens and rolls up.
    sample_plan.apply(sample_plan.check_ins.create(result.id, SAMPLE_DAY, "5"))
    with sqlite3.connect(sample_plan.path) as connection:
        connection.execute("UPDATE check_in SET value = 1e307 WHERE value = 5")
    reopened = Plan.open(sample_plan.path, read_only=True)
    try:
        summary = period_progress(reopened, current_period(reopened).id, SAMPLE_DAY)
    finally:
        reopened.close()
    assert summary.key_results[result.id].progress.clamped == 1.0
