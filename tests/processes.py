"""Running a snippet of Python in a fresh interpreter, as the app would start: what a test
cannot check in its own process (which modules a start imports, a crash)."""

from __future__ import annotations

import os
import subprocess
import sys


def run_code(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``code`` run by this Python with Qt offscreen; its output captured as text."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
