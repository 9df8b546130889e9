"""Let a page's own action win a key the main window also uses (New Plan's Ctrl+N,
Duplicate Team's Ctrl+D)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


class KeyClaim(QObject):
    """Claims the shortcuts of ``actions`` while the focus is inside ``widget``.

    Two actions with one key in reach are an ambiguous shortcut, and Qt runs neither. Every key
    press first sends a ShortcutOverride event up from the focus widget; accepting it here keeps
    the key from the shortcut map, and the action runs at that moment, as a shortcut would.
    The key press that follows is swallowed when it comes up here (a combo box takes it for
    type-ahead first, harmlessly). Elsewhere in the window the key keeps its window-wide
    meaning.
    """

    def __init__(self, widget: QWidget, actions: Sequence[QAction]) -> None:
        super().__init__(widget)
        self._actions = list(actions)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent):
            return False
        action = self._claimed(event)
        if action is None:
            return False
        event.accept()
        # A disabled action still claims its key: Ctrl+D with no note chosen must not
        # duplicate the team last shown, which the person is not looking at.
        if kind == QEvent.Type.ShortcutOverride and action.isEnabled():
            action.trigger()
        return True

    def _claimed(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for action in self._actions:
            for shortcut in action.shortcuts():
                if shortcut.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                    return action
        return None
