"""Scrolling a large plan: each long list of the window jumped through in 20 steps.

Opens PLAN read-only in a 1280x800 window (offscreen when there is no display), then for the
navigator, the funnel board's columns, the skills coverage, the journal's notes and the health
findings, moves each list's scroll bar from top to bottom in 20 jumps, processing events and
painting the window after each. Prints the milliseconds per jump, and first the cost of one
paint of the window alone, to take off:

    QT_QPA_PLATFORM=offscreen python benchmarks/scroll_views.py PLAN
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

from script_support import open_plan, plan_argument, plan_window, set_up_like_the_app, settle

STEPS = 20
LISTS_PER_VIEW = 3  # the board has a list per stage; three are enough to see the cost


def main(plan_path: str) -> int:
    set_up_like_the_app()
    from PySide6.QtWidgets import QAbstractScrollArea, QWidget

    from planner.ui.app import application

    plan = open_plan(plan_path, "scroll_views.py", read_only=True)
    if plan is None:
        return 1
    app = application()
    with tempfile.TemporaryDirectory() as folder, plan_window(plan, folder) as window:
        settle(app)
        started = time.perf_counter()
        for _ in range(STEPS):
            app.processEvents()
            window.grab()
        one_paint = 1000 * (time.perf_counter() - started) / STEPS
        print(f"{'one paint of the window':<28}{one_paint:8.1f} ms")

        def scroll(name: str, view: QWidget) -> None:
            areas = [
                area
                for area in view.findChildren(QAbstractScrollArea)
                if area.isVisible() and area.verticalScrollBar().maximum() > 0
            ][:LISTS_PER_VIEW]
            jumps = 0
            started = time.perf_counter()
            for area in areas:
                bar = area.verticalScrollBar()
                for step in range(STEPS):
                    bar.setValue(bar.maximum() * step // (STEPS - 1))
                    app.processEvents()
                    window.grab()
                    jumps += 1
            per_jump = 1000 * (time.perf_counter() - started) / max(jumps, 1)
            print(f"{name:<28}{per_jump:8.1f} ms per jump ({len(areas)} lists)", flush=True)

        scroll("navigator", window.navigator)
        for name, show, view in (
            ("funnel board", window.show_board, window.board_page),
            ("skills coverage", window.show_coverage, window.coverage_page),
            ("attribution journal", window.show_journal, window.journal_page),
            ("health findings", window.health_dock.show, window.health_panel),
        ):
            show()
            settle(app)
            scroll(name, view)
    return 0


if __name__ == "__main__":
    code = main(plan_argument(sys.argv, "scroll_views.py"))
    os._exit(code)  # as the app exits: nothing is left to write
