"""Undo commands: each user edit is one QUndoCommand holding a plain Edit (ids and values)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.domain.validation import ValidationError
from planner.services.edits import Edit
from planner.services.plan import EditError, Plan, ReadOnlyError
from planner.ui.texts import as_written

log = logging.getLogger(__name__)


class EditCommand(QUndoCommand):
    """Applies an edit on redo and reverts it on undo.

    An exception must not escape redo()/undo(): PySide6 would print it and leave the command
    on the stack as if it had worked, so a later undo would revert something never applied.
    A failed step is reported through ``report`` instead, and the history kept true to the
    plan: an edit that could not be applied at all is marked obsolete (QUndoStack drops it);
    an undo or redo that failed (a full disk) leaves the edit where it was, so the history is
    moved back a step as soon as the stack is done (``stack``), without running the edit
    again, and the person can try again later.
    """

    def __init__(
        self,
        plan: Plan,
        edit: Edit,
        report: Callable[[str], None],
        parent: QUndoCommand | None = None,
        stack: QUndoStack | None = None,
    ) -> None:
        label = edit.label or QCoreApplication.translate("EditCommand", "Edit")
        # Before the line break, text(): the label as said in messages; after it, the Edit
        # menu's "Undo …" action, where an "&" in a name ("R&D") would mark a shortcut key.
        super().__init__(f"{label}\n{as_written(label)}", parent)
        self.edit = edit
        self._plan = plan
        self._report = report
        self._stack = stack
        self._applied_once = False
        self._pass = False  # the next step only moves the history back: the plan is there

    def redo(self) -> None:
        if self._pass:
            self._pass = False
            return
        template = QCoreApplication.translate("EditCommand", "Could not {0}: {1}")
        passing = self._run(self._plan.apply, template)
        if passing is None:
            self._applied_once = True
        elif passing and self._applied_once:
            self._step_back(undo=True)
        else:
            self.setObsolete(True)  # never applied, or never will be: nothing to keep

    def undo(self) -> None:
        if self._pass:
            self._pass = False
            return
        template = QCoreApplication.translate("EditCommand", "Could not undo {0}: {1}")
        passing = self._run(self._plan.revert, template)
        if passing:
            self._step_back(undo=False)
        elif passing is not None:
            self.setObsolete(True)  # cannot be undone (its rows are gone): drop it

    def _run(self, step: Callable[[Edit], Edit], template: str) -> bool | None:
        """None when ``step`` worked; else (reported) whether the failure may pass."""
        try:
            step(self.edit)
        except EditError as error:
            self._fail(template, str(error))
            return error.passing
        except (ValidationError, ReadOnlyError) as error:
            self._fail(template, str(error))
            return False
        except Exception as error:  # anything else too: see the class docstring
            log.exception("edit %r failed", self.text())
            self._fail(template, f"{error.__class__.__name__}: {error}")
            return False
        return None

    def _step_back(self, undo: bool) -> None:
        """Put the history back where it was before this failed step, as soon as QUndoStack
        has moved past it (it cannot be moved from inside a step): ``undo`` says how."""
        stack = self._stack
        if stack is None:
            self.setObsolete(True)
            return
        self._pass = True

        # indexChanged ends the stack's step, before anything else can happen to it.
        def back(_index: int) -> None:
            stack.indexChanged.disconnect(back)
            if undo:
                stack.undo()
            else:
                stack.redo()

        stack.indexChanged.connect(back)

    def _fail(self, template: str, reason: str) -> None:
        label = self.text()
        self._report(template.format(_lower_first(label), reason))


def _lower_first(text: str) -> str:
    # "Rename team 'X'" reads as "Could not rename team 'X': …"
    return text[:1].lower() + text[1:]
