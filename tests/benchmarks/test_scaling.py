"""Scaling (opt-in, OKR_BENCH_FULL=1): a 2,000-team plan against the 200-team one.

Both are opened with `planner PLAN --smoke` (the plan opens, the navigator and board models
fill, every main view paints). Per step and in total, the cost per team of the large plan
divided by that of the small one should stay ≤ 1: the cost grows no faster than the plan.
The fixed start-up cost (the bare-window baseline) is taken off the totals first.
Generating the 2,000-team plan takes about a minute. Recorded, never asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.conftest import (
    BASELINE_WINDOW,
    TEAMS,
    compare,
    full_only,
    generate,
    planner_command,
    run_child,
    smoke_steps,
)

pytestmark = [full_only, pytest.mark.slow, pytest.mark.gui]

LARGE = 2000


def test_large_plan_cost_grows_no_faster_than_the_plan(
    benchmark: Any, plan_200: Path, tmp_path: Path
) -> None:
    large = generate(tmp_path, LARGE)
    fixed = run_child([sys.executable, BASELINE_WINDOW]).seconds
    small_runs: list[Any] = []
    large_runs: list[Any] = []
    compare(
        benchmark,
        lambda: large_runs.append(run_child(planner_command(large, "--smoke"))),
        lambda: small_runs.append(run_child(planner_command(plan_200, "--smoke"))),
    )
    factor = LARGE / TEAMS
    big, small = benchmark.extra_info["measured_s"], benchmark.extra_info["baseline_s"]
    small_steps = smoke_steps(small_runs[-1].stdout)
    large_steps = smoke_steps(large_runs[-1].stdout)
    per_team = {
        step.split(" (")[0]: round(large_steps[step] / (small_steps[other] * factor), 3)
        for step in large_steps
        for other in small_steps
        if step.split(" (")[0] == other.split(" (")[0] and small_steps[other] > 0
    }
    benchmark.extra_info.update(
        {
            "fixed_start_up_s": round(fixed, 3),
            "per_team_cost_ratio_total": round((big - fixed) / ((small - fixed) * factor), 3),
            "per_team_cost_ratio_by_step": per_team,
            "large_steps_ms": large_steps,
            "small_steps_ms": small_steps,
            "large_peak_rss_mb": round(large_runs[-1].max_rss_kb / 1024, 1),
            "small_peak_rss_mb": round(small_runs[-1].max_rss_kb / 1024, 1),
            "aim": "per_team_cost_ratio_total <= 1",
        }
    )
