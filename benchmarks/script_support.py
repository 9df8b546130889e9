"""What the measuring scripts beside this file share: the process set up as the app's, and
the plan they are given, checked."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

WINDOW_SIZE = (1280, 800)


def set_up_like_the_app() -> None:
    """Offscreen without a display, and the app's garbage-collector thresholds."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from planner.cli import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)


def plan_argument(argv: list[str], script: str) -> str:
    """The one argument, a plan file that exists; else a one-line message and exit 2."""
    if len(argv) != 2:
        sys.exit(f"usage: python benchmarks/{script} PLAN")
    if not Path(argv[1]).is_file():
        sys.exit(f"{script}: {argv[1]}: no such plan file")
    return argv[1]


def open_plan(path: str, script: str, read_only: bool = False) -> Any:
    """The plan at ``path``, or None after saying on stderr why it cannot be opened."""
    from planner.services.plan import Plan
    from planner.store.lock import LockedError
    from planner.store.planfile import PlanFileError

    try:
        return Plan.open(Path(path), read_only=read_only)
    except (PlanFileError, LockedError) as error:
        print(f"{script}: {error}", file=sys.stderr)
        return None


def settle(app: Any) -> None:
    """Deliver what is pending: layout requests (each may post the next), then the paint."""
    for _ in range(4):
        app.processEvents()


@contextmanager
def plan_window(plan: Any, folder: str) -> Iterator[Any]:
    """The app's main window showing ``plan`` at 1280x800, its settings in ``folder``; closed
    afterwards, which closes the plan and releases its lock."""
    from planner.ui.app import application
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import Settings

    app = application()
    window = MainWindow(Settings.at(Path(folder) / "window.ini"))
    window.resize(*WINDOW_SIZE)
    window.adopt(plan)
    window.show()
    try:
        yield window
    finally:
        window.close()
        app.processEvents()
