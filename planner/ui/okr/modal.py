"""Every modal step of the OKR editors, in one replaceable place.

A dialog's or a menu's ``exec()`` runs a nested event loop that a test would never leave.
Callers look these functions up on the module when they call them (``modal.run_dialog(...)``,
never ``from modal import run_dialog``), so tests replace each one with
``monkeypatch.setattr(modal, "run_dialog", fake)``.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from planner.ui import dialogs


def run_dialog(dialog: QDialog) -> int:
    """Show ``dialog`` modally; its QDialog.DialogCode once the person closes it."""
    return dialog.exec()


def run_menu(menu: QMenu, position: QPoint) -> None:
    """Pop ``menu`` up at ``position`` (global coordinates) until the person chooses."""
    menu.exec(position)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    # The app's own yes/no question, looked up at call time so its replacement in tests
    # (planner.ui.dialogs.ask_yes_no) answers here too.
    return dialogs.ask_yes_no(parent, title, text)
