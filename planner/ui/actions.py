"""Creating actions the same way everywhere: text, tooltip, status tip, shortcut, slot."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


def make_action(
    parent: QObject,
    text: str,
    tip: str,
    slot: Callable[[], object] | None = None,
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QAction:
    """An action whose tooltip and status tip explain it (every action has both)."""
    action = QAction(text, parent)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    if shortcut is not None:
        sequence = shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)
        action.setShortcut(sequence)
        action.setShortcutContext(context)
        if not sequence.isEmpty():
            # The tooltip names the shortcut, as menus do, for toolbar and button users.
            text_key = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({text_key})")
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    return action
