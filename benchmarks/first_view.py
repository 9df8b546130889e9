"""Time to the first view: open a plan in the window and paint the overview, then exit.

What a person waits for when the app opens a plan, without the other views the smoke run
also visits. Compare it with the bare window (``baseline_window.py``) side by side:

    QT_QPA_PLATFORM=offscreen python benchmarks/first_view.py PLAN
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path


def main(plan_path: str) -> int:
    started = time.perf_counter()
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from planner.cli import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)
    from planner.services.plan import Plan
    from planner.store.lock import LockedError
    from planner.store.planfile import PlanFileError
    from planner.ui.app import application
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import Settings

    try:
        plan = Plan.open(Path(plan_path))
    except (PlanFileError, LockedError) as error:
        print(f"first_view.py: {error}", file=sys.stderr)
        return 1
    app = application()
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(Settings.at(Path(folder) / "first-view.ini"))
        window.resize(1280, 800)
        window.adopt(plan)
        window.show()
        for _ in range(4):  # layout requests, then the paint
            app.processEvents()
        window.grab()
        window.close()  # closes the plan and releases its lock
        app.processEvents()
    print(f"first view {1000 * (time.perf_counter() - started):10.1f} ms", flush=True)
    return 0


def plan_argument(argv: list[str]) -> str:
    """The one argument, a plan file that exists; else a one-line message and exit 2."""
    if len(argv) != 2:
        sys.exit("usage: python benchmarks/first_view.py PLAN")
    if not Path(argv[1]).is_file():
        sys.exit(f"first_view.py: {argv[1]}: no such plan file")
    return argv[1]


if __name__ == "__main__":
    code = main(plan_argument(sys.argv))
    os._exit(code)  # as the app exits: nothing is left to write
