"""Moving around a plan: from team to team, and back to views already shown once.

Opens PLAN read-only in a 1280x800 window (offscreen when there is no display), shows every
main view once (their first showing is the start-up benchmark's business), then:

* shows 20 teams one after the other, as a leader going down the navigator does;
* comes back 10 times to each view from the overview.

Each time until the window has processed what the change posted and painted. Prints the
median and the slowest of each:

    QT_QPA_PLATFORM=offscreen python benchmarks/switch_views.py PLAN
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

from script_support import open_plan, plan_argument, plan_window, set_up_like_the_app, settle

TEAMS = 20
RETURNS = 10


def main(plan_path: str) -> int:
    set_up_like_the_app()
    from planner.ui.app import application

    plan = open_plan(plan_path, "switch_views.py", read_only=True)
    if plan is None:
        return 1
    if len(plan.teams.list()) < TEAMS + 1:
        print(f"switch_views.py: the plan needs at least {TEAMS + 1} teams", file=sys.stderr)
        plan.close()
        return 1
    app = application()
    with tempfile.TemporaryDirectory() as folder, plan_window(plan, folder) as window:
        teams = [team for stage in window.navigator.model.rows() for team in stage.teams]
        views: dict[str, Callable[[], None]] = {
            "team page": lambda: window.show_team(teams[0].id),
            "funnel board": window.show_board,
            "skills coverage": window.show_coverage,
            "company OKRs": window.show_plan_okrs,
            "attribution journal": window.show_journal,
            "dashboard": window.show_dashboard,
        }
        for show in views.values():
            show()
            settle(app)

        def report(name: str, times: list[float]) -> None:
            print(
                f"{name:<28}median {statistics.median(times):6.1f} ms, "
                f"slowest {max(times):6.1f} ms ({len(times)} times)",
                flush=True,
            )

        window.show_team(teams[0].id)
        settle(app)
        times = []
        for team in teams[1 : TEAMS + 1]:
            started = time.perf_counter()
            window.show_team(team.id)
            settle(app)
            times.append(1000 * (time.perf_counter() - started))
        report("team to team", times)
        for name, show in views.items():
            times = []
            for _ in range(RETURNS):
                window.show_overview()
                settle(app)
                started = time.perf_counter()
                show()
                settle(app)
                times.append(1000 * (time.perf_counter() - started))
            report(f"back to {name}", times)
    return 0


if __name__ == "__main__":
    code = main(plan_argument(sys.argv, "switch_views.py"))
    os._exit(code)  # as the app exits: nothing is left to write
