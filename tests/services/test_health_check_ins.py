"""After check-ins, the health report made from the window's refreshed roll-up (which makes
only the changed key results' facts again) equals a report read from scratch."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.services.edits import Edit
from planner.services.health import health_report
from planner.services.rollup import period_progress, refresh_key_results
from tests.plans import SAMPLE_DAY, open_copy, read_afresh

# Three weeks on, key results left alone are stale: check-ins add and take away findings.
TODAY = SAMPLE_DAY + timedelta(days=21)


@settings(max_examples=7, deadline=None)  # each opens the plan afresh after every step
@given(data=st.data())
def test_the_report_after_check_ins_and_undos_matches_a_fresh_read(
    data: st.DataObject, sample_file: Path, tmp_path_factory: Any
) -> None:
    plan = open_copy(sample_file, tmp_path_factory.mktemp("health"))
    try:
        period = plan.periods.containing(SAMPLE_DAY)
        assert period is not None
        results = [kr.id for kr in plan.key_results.in_period(period.id)]
        held = period_progress(plan, period.id, TODAY)
        health_report(plan, period.id, TODAY, held)
        applied: list[tuple[Edit, Any]] = []
        for _ in range(data.draw(st.integers(3, 10), label="steps")):
            if applied and data.draw(st.booleans(), label="undo"):
                edit, result_id = applied.pop()
                plan.revert(edit)
            else:
                result_id = data.draw(st.sampled_from(results), label="key result")
                day = TODAY - timedelta(days=data.draw(st.integers(0, 40), label="days ago"))
                value = data.draw(st.sampled_from(["0", "1", "0.5", "40"]), label="value")
                created = plan.apply(plan.check_ins.create(result_id, day, value, confidence=6))
                applied.append((created, result_id))
            held = refresh_key_results(plan, held, [result_id])
            fresh = read_afresh(plan.path, lambda read: health_report(read, period.id, TODAY))
            assert health_report(plan, period.id, TODAY, held) == fresh
    finally:
        plan.close()
