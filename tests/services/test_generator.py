"""The large-plan generator: the promised sizes, the same organisation for the same N."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.io import export_plan, import_file
from planner.services.generator import create_large_plan
from planner.services.plan import Plan
from planner.services.rollup import period_progress
from tests.plans import SAMPLE_DAY


def shape(plan: Plan) -> tuple[object, ...]:
    return (
        [t.name for t in plan.teams.list()],
        sorted(kr.title for kr in plan.key_results.list()),
        sorted(c.value for c in plan.check_ins.list()),
        sorted(c.share for c in plan.contributions.list()),
    )


def test_a_generated_plan_has_the_promised_sizes_and_is_repeatable(tmp_path: Path) -> None:
    first = create_large_plan(tmp_path / "a.okrplan", 6, today=SAMPLE_DAY)
    second = create_large_plan(tmp_path / "b.okrplan", 6, today=SAMPLE_DAY)
    try:
        assert len(first.teams.list()) == 6
        assert first.objectives.count() == 6 * 4 + 1  # and one company objective
        assert first.key_results.count() == 6 * 4 * 4
        assert first.check_ins.count() == 6 * 4 * 4 * 12
        assert first.notes.count() == 6 * 25
        assert shape(first) == shape(second)
        period = first.periods.current(SAMPLE_DAY)
        assert period is not None
        summary = period_progress(first, period.id, SAMPLE_DAY)
        assert all(summary.team(t.id) is not None for t in first.teams.list())
    finally:
        first.close()
        second.close()


def test_zero_teams_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one team"):
        create_large_plan(tmp_path / "none.okrplan", 0)
    assert not (tmp_path / "none.okrplan").exists()


def test_a_generated_plan_takes_its_own_flat_sheet_back(tmp_path: Path) -> None:
    # Key results differ in title within each objective, as the importer asks of a sheet.
    plan = create_large_plan(tmp_path / "big.okrplan", 20, today=SAMPLE_DAY)
    try:
        titles = [(kr.objective_id, kr.title) for kr in plan.key_results.list()]
        assert len(set(titles)) == len(titles)
        sheet = tmp_path / "big.csv"
        export_plan(plan, sheet)
        before = plan.check_ins.count()
        import_file(plan, sheet)
        assert plan.key_results.count() == len(titles)  # matched, not added again
        assert plan.check_ins.count() >= before
    finally:
        plan.close()
