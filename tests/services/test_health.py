"""The health report's OKR facts: each key result's latest check-in, and which milestones are
done, read from the period's roll-up (the one the window already holds, or a fresh one)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.domain.okr_health import CHECK_IN_RULES, OKR_RULES, OUTLINE_RULES
from planner.services import health
from planner.services.health import health_report, okr_facts
from planner.services.plan import Plan
from planner.services.rollup import period_progress
from tests.plans import SAMPLE_DAY, read_afresh

TOUR = "Ship the guided first-timer tour"


def test_a_milestone_is_finished_only_when_its_latest_check_in_says_done(
    sample_plan: Plan,
) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    tour = next(kr for kr in sample_plan.key_results.list() if kr.title == TOUR)

    def facts_of_tour():  # type: ignore[no-untyped-def]
        facts = okr_facts(sample_plan, period.id, SAMPLE_DAY)
        return next(kr for kr in facts.key_results if kr.id == tour.id)

    before = facts_of_tour()
    assert not before.finished
    assert before.last_check_in == period.start_date + timedelta(days=44)

    done_on = SAMPLE_DAY - timedelta(days=1)
    sample_plan.apply(sample_plan.check_ins.create(tour.id, done_on, "1", confidence=9))
    assert facts_of_tour().finished
    assert facts_of_tour().last_check_in == done_on

    # Reopened later: a newer check-in of 0 means there is work left again.
    sample_plan.apply(sample_plan.check_ins.create(tour.id, SAMPLE_DAY, "0", confidence=5))
    assert not facts_of_tour().finished
    assert facts_of_tour().last_check_in == SAMPLE_DAY


def test_the_report_is_the_same_with_the_windows_roll_up_or_without(sample_plan: Plan) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    # Three weeks on, every key result is due a check-in: the OKR rules have work to do.
    today = SAMPLE_DAY + timedelta(days=21)
    held = period_progress(sample_plan, period.id, today)
    with_roll_up = health_report(sample_plan, period.id, today, held)
    assert with_roll_up == health_report(sample_plan, period.id, today)
    stale = [finding for finding in with_roll_up if finding.rule == "stale-check-in"]
    assert len(stale) >= len(held.key_results) - 2 > 0


def test_a_roll_up_of_another_period_is_not_used(sample_plan: Plan) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    later = date(2099, 1, 1)
    other = sample_plan.apply(sample_plan.periods.create("Far away", later, later.replace(month=3)))
    held = period_progress(sample_plan, other.id, SAMPLE_DAY)
    assert okr_facts(sample_plan, period.id, SAMPLE_DAY, held) == okr_facts(
        sample_plan, period.id, SAMPLE_DAY
    )


def test_done_then_undone_on_the_same_day_is_not_finished(sample_plan: Plan) -> None:
    # The latest check-in of the day decides, as it decides the progress the window shows.
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    tour = next(kr for kr in sample_plan.key_results.list() if kr.title == TOUR)
    sample_plan.apply(sample_plan.check_ins.create(tour.id, SAMPLE_DAY, "1", confidence=9))
    sample_plan.apply(sample_plan.check_ins.create(tour.id, SAMPLE_DAY, "0", confidence=4))
    facts = okr_facts(sample_plan, period.id, SAMPLE_DAY)
    assert not next(kr for kr in facts.key_results if kr.id == tour.id).finished


def test_the_roll_up_given_is_used_not_read_again(
    sample_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    held = period_progress(sample_plan, period.id, SAMPLE_DAY)

    def read_again(*_args: object) -> None:
        raise AssertionError("the period's roll-up was read again")

    monkeypatch.setattr(health, "period_progress", read_again)
    assert health_report(sample_plan, period.id, SAMPLE_DAY, held)


def test_a_check_in_judges_only_the_check_in_rules_again(
    sample_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    today = SAMPLE_DAY + timedelta(days=21)
    judged: list[tuple[object, ...]] = []
    check_okrs = health.check_okrs

    def counting(facts, rules=OKR_RULES):  # type: ignore[no-untyped-def]
        judged.append(tuple(rules))
        return check_okrs(facts, rules)

    monkeypatch.setattr(health, "check_okrs", counting)
    first = health_report(sample_plan, period.id, today)
    assert judged == [OUTLINE_RULES, CHECK_IN_RULES]
    result = next(kr for kr in sample_plan.key_results.list() if kr.title == TOUR)
    sample_plan.apply(sample_plan.check_ins.create(result.id, today, "1", confidence=9))
    judged.clear()
    after = health_report(sample_plan, period.id, today)
    assert judged == [CHECK_IN_RULES]
    assert len(after) == len(first) - 1  # the tour is done: no longer stale
    assert after == read_afresh(
        sample_plan.path, lambda fresh: health_report(fresh, period.id, today)
    )
    # A change to the outline judges it again.
    sample_plan.apply(sample_plan.key_results.update(result.id, title="Tour shipped"))
    judged.clear()
    health_report(sample_plan, period.id, today)
    assert judged == [OUTLINE_RULES, CHECK_IN_RULES]
