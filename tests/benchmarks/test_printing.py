"""Printing every team sheet of the 200-team plan (`planner print … --layout sheets`).

Default run: against printing one team's sheet (the fixed cost of starting, opening and laying
out), which shows the cost per page. With OKR_BENCH_FULL=1 and LibreOffice installed
(``soffice``): against LibreOffice converting the plan's flat CSV export to PDF.
Aim: ≤ 0.6× LibreOffice. Recorded, never asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.conftest import (
    TEAMS,
    compare,
    full_only,
    planner_command,
    run_child,
    soffice,
)

pytestmark = [pytest.mark.slow, pytest.mark.print]


def pages(child: Any) -> int:
    # "Wrote OUT (N pages)"
    return int(child.stdout.rsplit("(", 1)[1].split()[0])


def test_print_all_team_sheets(benchmark: Any, plan_200: Path, tmp_path: Path) -> None:
    out, one = tmp_path / "sheets.pdf", tmp_path / "one.pdf"
    runs: list[Any] = []
    compare(
        benchmark,
        lambda: runs.append(
            run_child(planner_command("print", plan_200, out, "--layout", "sheets"))
        ),
        lambda: run_child(
            planner_command("print", plan_200, one, "--layout", "sheets", "--team", "Team 0001")
        ),
    )
    measured = benchmark.extra_info["measured_s"]
    fixed = benchmark.extra_info["baseline_s"]
    benchmark.extra_info.update(
        {
            "pages": pages(runs[-1]),
            "ms_per_team": round(1000 * (measured - fixed) / (TEAMS - 1), 1),
            "peak_rss_mb": round(runs[-1].max_rss_kb / 1024, 1),
        }
    )
    assert out.stat().st_size > 0


@full_only
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_print_against_libreoffice(benchmark: Any, plan_200: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "plan.csv"
    run_child(planner_command("export", plan_200, sheet))
    office = soffice()
    assert office is not None
    profile = tmp_path / "lo-profile"  # its own profile: no first-start dialogs, no locks
    out = tmp_path / "sheets.pdf"
    compare(
        benchmark,
        lambda: run_child(planner_command("print", plan_200, out, "--layout", "sheets")),
        lambda: run_child(
            [
                office,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp_path / "lo",
                sheet,
            ]
        ),
        aim="ratio <= 0.6",
    )
    assert (tmp_path / "lo" / "plan.pdf").exists()
    benchmark.extra_info["python"] = sys.version.split()[0]
