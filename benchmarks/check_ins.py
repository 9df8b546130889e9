"""Check-ins through the window on any plan, with the health dock closed and open.

Works on a copy of PLAN (made with SQLite's backup API in a temporary folder; PLAN itself is
only read). Shows the copy in a 1280x800 window (offscreen when there is no display) with
the first team's page on show, then checks in on that team's first key result 20 times with
the health dock closed and 20 times with it open, each time until the window has processed
what the change posted and painted. Prints the median and the slowest of each:

    QT_QPA_PLATFORM=offscreen python benchmarks/check_ins.py PLAN

The pytest benchmark (tests/benchmarks/test_check_in.py) does the same on a generated
200-team plan against a bare insert; this script is for the 2,000-team plan, or any other.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from script_support import open_plan, plan_argument, plan_window, set_up_like_the_app, settle

CHECK_INS = 20


def main(plan_path: str) -> int:
    set_up_like_the_app()
    from planner.store.backup import backup_plan
    from planner.store.planfile import PlanFileError, inspect_plan_file
    from planner.ui.app import application

    try:
        inspect_plan_file(Path(plan_path))  # a plan at all? (an older one is upgraded below)
    except PlanFileError as error:
        print(f"check_ins.py: {error}", file=sys.stderr)
        return 1
    app = application()
    with tempfile.TemporaryDirectory() as folder:
        copy = backup_plan(Path(plan_path), Path(folder) / "check-ins.okrplan")
        plan = open_plan(str(copy), "check_ins.py")  # upgrades a copy of an older plan
        if plan is None:
            return 1
        with plan_window(plan, folder) as window:
            return _time_check_ins(app, window)


def _time_check_ins(app: Any, window: Any) -> int:
    """Check in on the first team's first key result, dock closed then open; print both."""
    document = window.document
    trees = document.okr_trees()
    team_id = next(
        (team for team, tree in trees.items() if team is not None and tree.objectives), None
    )
    if team_id is None:
        print("check_ins.py: the plan has no team with a key result", file=sys.stderr)
        return 1
    result = trees[team_id].objectives[0].key_results[0].record
    window.show_team(team_id)
    settle(app)
    values = iter(range(1_000_000))

    def check_in() -> float:
        started = time.perf_counter()
        value = float(next(values))
        document.push(document.plan.check_ins.create(result.id, document.today(), value, 7))
        settle(app)
        return 1000 * (time.perf_counter() - started)

    for dock in ("closed", "open"):
        if dock == "open":
            window.health_dock.show()
            settle(app)
        check_in()  # the first after a change of view reads what the views show
        times = [check_in() for _ in range(CHECK_INS)]
        print(
            f"health dock {dock:<7}median {statistics.median(times):7.1f} ms, "
            f"slowest {max(times):7.1f} ms ({CHECK_INS} check-ins)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    code = main(plan_argument(sys.argv, "check_ins.py"))
    os._exit(code)  # as the app exits: nothing is left to write
