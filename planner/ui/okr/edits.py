"""Pushing an edit through the document while keeping its refusal for an inline message."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from planner.domain.validation import ValidationError
from planner.services.base import NotFoundError
from planner.services.edits import Edit, is_empty
from planner.ui.document import PlanDocument
from planner.ui.okr.formatting import status_colour

AnyEdit = TypeVar("AnyEdit", bound=Edit)


def attempt(document: PlanDocument, build: Callable[[], AnyEdit]) -> tuple[AnyEdit | None, str]:
    """Build an edit with a service call and push it as one undoable step.

    Returns (the applied edit, "") or (None, the reason it was refused). A value the rules
    refuse is the caller's to show inline, so it does not also go to ``document.error`` (the
    window would show it a second time, in a box). An edit that changes nothing is not pushed
    (None, ""): the undo stack would otherwise fill with steps that undo nothing.
    """
    if document.read_only:
        return None, document.tr("This plan is open read-only; nothing can be changed.")
    try:
        edit = build()
    except (ValidationError, NotFoundError) as error:
        document.refused_inline.emit(str(error))
        return None, str(error)
    if is_empty(edit):
        return None, ""
    messages: list[str] = []
    # A refusal by the plan file itself (rare) still reaches the window as well.
    document.error.connect(messages.append)
    try:
        pushed = document.push(edit)
    finally:
        document.error.disconnect(messages.append)
    return (edit, "") if pushed else (None, messages[-1] if messages else "")


def unused_title(base: str, taken: Sequence[str]) -> str:
    """``base``, or ``base 2``, ``base 3`` … whichever no sibling has (case ignored)."""
    lowered = {title.casefold() for title in taken}
    title, number = base, 1
    while title.casefold() in lowered:
        number += 1
        title = f"{base} {number}"
    return title


class MessageLabel(QLabel):
    """Why the last change was not made, in words, where the person was typing.

    Hidden while there is nothing to say, so it costs no room.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("okrMessage")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def show_message(self, text: str) -> None:
        if text:
            # Red with a thin bar to its left: noticed without shouting like a message box.
            # Taken from the palette now, so it reads on the theme in use (light or dark).
            colour = status_colour(False, self.palette()).name()
            self.setStyleSheet(
                f"#okrMessage {{ color: {colour}; border-left: 3px solid {colour};"
                " padding: 2px 0 2px 6px; }"
            )
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")
