"""Undo commands: each user edit is one QUndoCommand holding a plain Edit (ids and values)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from planner.domain.validation import ValidationError
from planner.services.edits import Edit
from planner.services.plan import EditError, Plan, ReadOnlyError

log = logging.getLogger(__name__)


class EditCommand(QUndoCommand):
    """Applies an edit on redo and reverts it on undo.

    An exception must not escape redo()/undo(): PySide6 would print it and leave the command
    on the stack as if it had worked, so a later undo would revert something never applied.
    A failed step marks the command obsolete instead (QUndoStack then drops it) and reports
    the reason through ``report``.
    """

    def __init__(
        self,
        plan: Plan,
        edit: Edit,
        report: Callable[[str], None],
        parent: QUndoCommand | None = None,
    ) -> None:
        label = edit.label or QCoreApplication.translate("EditCommand", "Edit")
        super().__init__(label, parent)
        self.edit = edit
        self._plan = plan
        self._report = report

    def redo(self) -> None:
        self._run(self._plan.apply, QCoreApplication.translate("EditCommand", "Could not {0}: {1}"))

    def undo(self) -> None:
        self._run(
            self._plan.revert, QCoreApplication.translate("EditCommand", "Could not undo {0}: {1}")
        )

    def _run(self, step: Callable[[Edit], Edit], template: str) -> None:
        try:
            step(self.edit)
        except (EditError, ValidationError, ReadOnlyError) as error:
            self._fail(template, str(error))
        except Exception as error:  # anything else too: see the class docstring
            log.exception("edit %r failed", self.text())
            self._fail(template, f"{error.__class__.__name__}: {error}")

    def _fail(self, template: str, reason: str) -> None:
        self.setObsolete(True)
        label = self.text()
        self._report(template.format(_lower_first(label), reason))


def _lower_first(text: str) -> str:
    # "Rename team 'X'" reads as "Could not rename team 'X': …"
    return text[:1].lower() + text[1:]
