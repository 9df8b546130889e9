"""Importing a 3,200-row flat CSV (200 teams × 16 key results) into a fresh plan.

Baseline: ``csv.reader`` parsing the same file. The ratio says what reading the sheet, checking
every row and writing one undoable edit costs on top of parsing. Recorded, never asserted.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from planner.io import import_file
from planner.services.newplan import create_plan
from planner.services.plan import Plan
from tests.benchmarks.conftest import compare

TEAMS = 200
STAGES = ("Acquisition", "Activation", "Retention", "Referral", "Revenue")
HEADER = ["Team", "Stage", "Objective", "Key result", "Start", "Target", "Current", "Unit"]


def write_sheet(path: Path) -> int:
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for team in range(TEAMS):
            for objective in range(4):
                for result in range(4):
                    start = 10 + (team + result) % 50
                    writer.writerow(
                        [
                            f"Team {team + 1:04d}",
                            STAGES[team % len(STAGES)],
                            f"Objective {objective + 1} of team {team + 1}",
                            f"Key result {result + 1} of objective {objective + 1}",
                            start,
                            start * 2,
                            start + result,
                            "%",
                        ]
                    )
                    rows += 1
    return rows


def test_import_flat_csv(benchmark: Any, tmp_path: Path) -> None:
    sheet = tmp_path / "key-results.csv"
    assert write_sheet(sheet) == 3200
    plans: list[Plan] = []

    def fresh() -> None:
        for plan in plans:
            plan.close()
        plans[:] = [create_plan(tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}.okrplan")]

    def parse() -> None:
        with sheet.open(newline="", encoding="utf-8") as file:
            assert sum(1 for _ in csv.reader(file)) == 3201

    try:
        compare(benchmark, lambda: import_file(plans[0], sheet), parse, setup=fresh)
        summary_plan = plans[0]
        assert summary_plan.key_results.count() == 3200
        assert len(summary_plan.teams.list()) == TEAMS
    finally:
        for plan in plans:
            plan.close()
