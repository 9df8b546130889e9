"""The open plan as the app sees it: the plan, its undo stack and the period on show."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from planner.domain.validation import ValidationError
from planner.services.base import NotFoundError
from planner.services.edits import Edit
from planner.services.okr_tree import (
    OkrTree,
    OkrTrees,
    checked_in_results,
    okr_trees,
    refresh_trees,
)
from planner.services.plan import AnyEdit, Changes, Plan
from planner.services.records import PeriodRecord
from planner.services.rollup import PeriodProgress
from planner.ui.commands import EditCommand


def follow_changes(
    old: PlanDocument | None,
    new: PlanDocument | None,
    on_changed: Callable[[Changes], None],
    on_period_changed: Callable[..., None] | None = None,  # a slot may ignore the period
) -> PlanDocument | None:
    """Stop following ``old``'s changes (and change of period) and follow ``new``'s; returns
    ``new``, for a view's ``set_document`` to keep."""
    if old is not None:
        old.changed.disconnect(on_changed)
        if on_period_changed is not None:
            old.period_changed.disconnect(on_period_changed)
    if new is not None:
        new.changed.connect(on_changed)
        if on_period_changed is not None:
            new.period_changed.connect(on_period_changed)
    return new


class PlanDocument(QObject):
    """Owns an open :class:`Plan` and its :class:`QUndoStack`; every view listens here.

    ``changed`` carries the plan's :class:`Changes` after every applied or reverted edit.
    ``error`` carries a message for the person when an edit is refused (nothing changed).
    ``refused_inline`` carries the reason a view gave beside a field, when the rules refused
    what was typed there (nothing changed either).
    ``period_changed`` carries the id of the period the views show (None: the plan has none).

    The plan file is saved by every edit, so the undo stack's clean state does not mean
    "saved"; it is only history.
    """

    changed = Signal(object)
    error = Signal(str)
    refused_inline = Signal(str)
    period_changed = Signal(object)

    def __init__(
        self,
        plan: Plan,
        parent: QObject | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.undo_stack = QUndoStack(self)
        self._today = today
        self._trees: OkrTrees | None = None
        self._trees_period: uuid.UUID | None = None
        self._failures = 0
        self._closed = False
        self._period_id = self.default_period_id()
        self._unsubscribe = plan.subscribe(self._on_plan_changed)

    # ---- the plan -------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.plan.read_only

    @property
    def name(self) -> str:
        try:
            return self.plan.info.current().name
        except LookupError:
            return self.plan.path.stem

    @property
    def closed(self) -> bool:
        return self._closed

    def today(self) -> date:
        return self._today()

    # ---- the period on show ---------------------------------------------------------------

    @property
    def period_id(self) -> uuid.UUID | None:
        return self._period_id

    def period(self) -> PeriodRecord | None:
        if self._period_id is None:
            return None
        try:
            return self.plan.periods.get(self._period_id)
        except NotFoundError:
            return None

    def set_period(self, period_id: uuid.UUID | None) -> None:
        if period_id == self._period_id:
            return
        self._period_id = period_id
        self._trees = None
        self.period_changed.emit(period_id)

    def default_period_id(self) -> uuid.UUID | None:
        """The period running today, else the latest that has started, else the first to come
        (the service's rule, shared with 'planner check'); None without periods."""
        current = self.plan.periods.current(self._today())
        return current.id if current is not None else None

    def okr_trees(self) -> OkrTrees:
        """Every team's OKR tree in the period on show (the plan level's under PLAN_LEVEL).

        Read once per change or period and shared by every view, so moving from team to team
        costs no query.
        """
        if self._period_id is None:
            return OkrTrees()
        if self._trees is None or self._trees_period != self._period_id:
            try:
                self._trees = okr_trees(self.plan, self._period_id, self._today())
            except LookupError:  # the period went away; _on_plan_changed picks another
                return OkrTrees()
            self._trees_period = self._period_id
        return self._trees

    def okr_tree(self, team_id: uuid.UUID | None) -> OkrTree | None:
        """One team's tree (PLAN_LEVEL: the plan-level objectives), None without a period."""
        return self.okr_trees().get(team_id)

    def progress(self) -> PeriodProgress | None:
        """Every roll-up of the period on show (the same one the trees were built from)."""
        return self.okr_trees().summary

    def _trees_after(self, changes: Changes) -> OkrTrees | None:
        """The trees after ``changes``: check-ins alone are folded into the trees already
        read (a few milliseconds on a large plan); anything else reads them again when next
        asked."""
        if self._trees is None or changes.edit is None or changes.tables != {"check_in"}:
            return None
        touched = checked_in_results(self.plan, changes.edit)
        if touched is None:
            return None
        try:
            return refresh_trees(self.plan, self._trees, touched)
        except LookupError:
            return None

    # ---- editing --------------------------------------------------------------------------

    def push(self, edit: Edit) -> bool:
        """Apply ``edit`` as one undoable step; False (and ``error`` emitted) when refused."""
        if self.read_only:
            self.report(self.tr("This plan is open read-only; nothing can be changed."))
            return False
        failures = self._failures
        self.undo_stack.push(EditCommand(self.plan, edit, self.report, stack=self.undo_stack))
        return self._failures == failures

    def attempt(self, build: Callable[[], AnyEdit]) -> AnyEdit | None:
        """Build an edit with a service call and push it.

        Returns the applied edit (a Create carries the new id), or None when the service
        refused the values or the plan refused the edit; the reason went to ``error``.
        """
        if self.read_only:
            self.report(self.tr("This plan is open read-only; nothing can be changed."))
            return None
        try:
            edit = build()
        except (ValidationError, NotFoundError) as error:
            self.report(str(error))
            return None
        return edit if self.push(edit) else None

    def report(self, message: str) -> None:
        self._failures += 1
        self.error.emit(message)

    # ---- lifetime -------------------------------------------------------------------------

    def close(self) -> None:
        """Forget the history and close the plan (releasing its lock); safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._unsubscribe()
        self.undo_stack.clear()
        self.plan.close()

    def _on_plan_changed(self, changes: Changes) -> None:
        self._trees = self._trees_after(changes)
        if changes.touches("period") and self.period() is None:
            self.set_period(self.default_period_id())
        self.changed.emit(changes)
