"""The start-up baseline: what any PySide6 + SQLAlchemy desktop app pays before its own work.

Imports sqlalchemy.orm, shows a bare QWidget (offscreen when there is no display), processes
events once, grabs it (one paint) and exits. ``planner PLAN --smoke`` is compared with this.

    QT_QPA_PLATFORM=offscreen python benchmarks/baseline_window.py
"""

from __future__ import annotations

import os
import sys
import time


def main() -> int:
    started = time.perf_counter()
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import sqlalchemy.orm  # noqa: F401  (the app imports it before its window)
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.grab()
    window.close()
    app.processEvents()
    print(f"bare window {1000 * (time.perf_counter() - started):10.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
