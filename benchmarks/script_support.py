"""What the measuring scripts beside this file share: the process set up as the app's, and
the plan they are given, checked."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Any


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
