"""Regression test for the PySide6 6.12.0 void-method fault.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` every time a
wrapped C++ method that returns ``void`` is called. After a few thousand such
calls the refcount of ``None`` reaches zero and CPython aborts the process
("Fatal Python error: none_dealloc"). The app makes such calls constantly
(painting, layout, label updates), so that release is excluded in
pyproject.toml. This test guards against it coming back.

The calls run in a child process so that an abort fails this test instead of
killing the whole pytest session.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# ~51,000 void calls in all: far beyond the few thousand that abort 6.12.0.
STRESS_ROUNDS = 17_000

CHILD_SCRIPT = textwrap.dedent(
    """
    import sys

    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication, QLabel

    rounds = int(sys.argv[1])

    app = QApplication([])
    label = QLabel()
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    color = QColor(10, 20, 30)
    rect = QRect(0, 0, 8, 8)

    void_calls = {
        "QLabel.setText": lambda i: label.setText("x"),
        "QPainter.fillRect": lambda i: painter.fillRect(rect, color),
        "QWidget.resize": lambda i: label.resize(10 + i % 7, 10),
    }

    # 1. A short, measured window per method: the refcount of None must not
    #    drift. (On Python 3.12+ None is immortal and this is trivially true.)
    leaks = []
    for name, call in void_calls.items():
        for i in range(20):
            call(i)
        before = sys.getrefcount(None)
        for i in range(200):
            call(i)
        after = sys.getrefcount(None)
        if after < before:
            leaks.append(f"{name}: refcount(None) {before} -> {after} over 200 calls")
    if leaks:
        painter.end()
        print("None refcount dropped by void calls:", *leaks, sep="\\n  ")
        sys.exit(3)

    # 2. Many calls: a leaking build aborts the process here.
    for i in range(rounds):
        label.setText("x")
        painter.fillRect(rect, color)
        label.resize(10 + i % 7, 10)

    painter.end()
    print("ok")
    """
)


def test_void_method_calls_keep_none_refcount() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD_SCRIPT, str(STRESS_ROUNDS)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = (result.stdout + result.stderr).strip()
    last_lines = "\n".join(output.splitlines()[-15:])
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), (
        "PySide6 void-method fault: calling C++ methods that return nothing "
        "(QLabel.setText, QPainter.fillRect, QWidget.resize) leaked references to "
        "None or aborted the process, as PySide6-Essentials 6.12.0 does on Python "
        "3.11. Pin PySide6 to a release without this bug.\n"
        f"child exit code: {result.returncode}\n"
        f"child output (last lines):\n{last_lines}"
    )
