"""Time to the first view: open a plan in the window and paint the overview, then exit.

What a person waits for when the app opens a plan, without the other views the smoke run
also visits. Compare it with the bare window (``baseline_window.py``) side by side:

    QT_QPA_PLATFORM=offscreen python benchmarks/first_view.py PLAN
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

from script_support import open_plan, plan_argument, plan_window, set_up_like_the_app, settle


def main(plan_path: str) -> int:
    started = time.perf_counter()
    set_up_like_the_app()
    from planner.ui.app import application

    plan = open_plan(plan_path, "first_view.py")
    if plan is None:
        return 1
    app = application()
    with tempfile.TemporaryDirectory() as folder, plan_window(plan, folder) as window:
        settle(app)
        window.grab()
    print(f"first view {1000 * (time.perf_counter() - started):10.1f} ms", flush=True)
    return 0


if __name__ == "__main__":
    code = main(plan_argument(sys.argv, "first_view.py"))
    os._exit(code)  # as the app exits: nothing is left to write
