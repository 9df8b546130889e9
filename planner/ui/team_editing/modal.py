"""The team editing widgets' modal questions, in one replaceable place.

As in :mod:`planner.ui.dialogs`: a modal ``exec()`` would hang a test, so callers look these
functions up on the module when they call them (``modal.choose_color(...)``), and tests
replace them with ``monkeypatch.setattr(modal, "choose_color", fake)``. Yes/no questions and
picking a stage use :mod:`planner.ui.dialogs`, the app's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialog, QWidget

from .interaction_dialog import InteractionChoice, InteractionDialog, TeamChoice


def choose_color(parent: QWidget | None, title: str, initial: str | None) -> str | None:
    """A colour as "#RRGGBB", or None when the person cancels."""
    color = QColorDialog.getColor(QColor(initial or "#3A7BD5"), parent, title)
    return color.name().upper() if color.isValid() else None


def ask_interaction(
    parent: QWidget | None, this_team: str, teams: Sequence[TeamChoice]
) -> InteractionChoice | None:
    """The interaction to add between ``this_team`` and one of ``teams``; None: cancelled."""
    dialog = InteractionDialog(this_team, teams, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()
