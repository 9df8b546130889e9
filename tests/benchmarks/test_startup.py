"""Start-up: `planner PLAN --smoke` on the 200-team plan against a bare PySide6 window.

Aim: within 1.5× of the bare-window baseline (never beyond 2×). Recorded, never asserted.
Both run as child processes, offscreen; the smoke run's peak memory is recorded too.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.conftest import (
    BASELINE_WINDOW,
    Child,
    compare,
    planner_command,
    run_child,
    smoke_steps,
)

pytestmark = [pytest.mark.slow, pytest.mark.gui]


def test_smoke_start_up_against_a_bare_window(benchmark: Any, plan_200: Path) -> None:
    runs: list[Child] = []
    bare: list[Child] = []
    compare(
        benchmark,
        lambda: runs.append(run_child(planner_command(plan_200, "--smoke"))),
        lambda: bare.append(run_child([sys.executable, BASELINE_WINDOW])),
        aim="ratio <= 1.5 (never beyond 2)",
    )
    steps = smoke_steps(runs[-1].stdout)
    assert "open plan" in steps and "close window" in steps  # every view was built and painted
    benchmark.extra_info.update(
        {
            "smoke_peak_rss_mb": round(max(r.max_rss_kb for r in runs) / 1024, 1),
            "baseline_peak_rss_mb": round(max(b.max_rss_kb for b in bare) / 1024, 1),
            "smoke_steps_ms": steps,
        }
    )
