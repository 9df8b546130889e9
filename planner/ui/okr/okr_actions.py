"""The OKR editor's actions and what they do: add, edit, check in, delete, move, carry over.

Keyed actions work while the tree has the focus (``Qt.WidgetShortcut``): Delete or Insert
typed into an inline editor, or into another view, mean something else there.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from planner.domain.text import plural
from planner.domain.values import KeyResultKind
from planner.services.okr_tree import KeyResultNode, ObjectiveNode
from planner.ui.actions import make_action
from planner.ui.okr import modal
from planner.ui.okr.carry_over import open_carry_over
from planner.ui.okr.check_in import open_check_in
from planner.ui.okr.editor_model import KEY_RESULT, OBJECTIVE, OkrEditorModel
from planner.ui.okr.edits import unused_title
from planner.ui.okr.periods import open_periods

if TYPE_CHECKING:
    from planner.ui.okr.editor import OkrEditor

_LOCAL = Qt.ShortcutContext.WidgetShortcut
# A new key result starts as a measurable increase the person then reshapes in place.
NEW_START, NEW_TARGET = 0.0, 100.0


class OkrActions(QObject):
    def __init__(self, editor: OkrEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        tr = self.tr
        self.add_objective_action = make_action(
            self,
            tr("Add &Objective"),
            tr("Add an objective to this team's period"),
            self.add_objective,
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Insert),
            _LOCAL,
        )
        self.add_key_result_action = make_action(
            self,
            tr("Add &Key Result"),
            tr("Add a key result to the selected objective"),
            self.add_key_result,
            QKeySequence(Qt.Key.Key_Insert),
            _LOCAL,
        )
        self.edit_action = make_action(
            self,
            tr("&Edit"),
            tr("Edit the selected cell in place (Enter or F2; Tab goes on to the next)"),
            lambda: editor.start_editing(),
            QKeySequence(Qt.Key.Key_F2),
            _LOCAL,
        )
        # F2 first: it is what menus show; Enter works too, as a leader editing a sheet expects.
        self.edit_action.setShortcuts(
            [
                QKeySequence(Qt.Key.Key_F2),
                QKeySequence(Qt.Key.Key_Return),
                QKeySequence(Qt.Key.Key_Enter),
            ]
        )
        self.check_in_action = make_action(
            self,
            tr("Check &In…"),
            tr("Record the selected key result's current value and confidence"),
            self.check_in,
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_K),
            _LOCAL,
        )
        self.delete_action = make_action(
            self,
            tr("&Delete"),
            tr("Delete the selected objective or key result (Undo brings it back)"),
            self.delete,
            QKeySequence(Qt.Key.Key_Delete),
            _LOCAL,
        )
        self.move_up_action = make_action(
            self,
            tr("Move &Up"),
            tr("Move the selected row above the one before it"),
            lambda: editor.move_by(-1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Up),
            _LOCAL,
        )
        self.move_down_action = make_action(
            self,
            tr("Move Do&wn"),
            tr("Move the selected row below the one after it"),
            lambda: editor.move_by(+1),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Down),
            _LOCAL,
        )
        self.carry_over_action = make_action(
            self,
            tr("&Carry Over Unfinished Objectives…"),
            tr("Move or copy this period's unfinished objectives into another period"),
            self.carry_over,
        )
        self.periods_action = make_action(
            self, tr("Edit &Periods…"), tr("Add, rename, re-date or delete periods"), self.periods
        )

    def keyed(self) -> list[QAction]:
        return [
            self.add_objective_action,
            self.add_key_result_action,
            self.edit_action,
            self.check_in_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
        ]

    def menu_groups(self) -> list[list[QAction]]:
        return [
            [self.add_objective_action, self.add_key_result_action],
            [self.edit_action, self.check_in_action, self.delete_action],
            [self.move_up_action, self.move_down_action],
            [self.carry_over_action, self.periods_action],
        ]

    def update(self) -> None:
        editor = self._editor
        document = editor.document
        editable = document is not None and not document.read_only
        ready = editable and editor.has_owner
        has_period = document is not None and document.period_id is not None
        kind, row_id = editor.current()
        self.add_objective_action.setEnabled(ready and has_period)
        self.add_key_result_action.setEnabled(ready and self._objective_id() is not None)
        self.edit_action.setEnabled(ready and row_id is not None)
        self.check_in_action.setEnabled(ready and kind == KEY_RESULT)
        self.delete_action.setEnabled(ready and row_id is not None)
        siblings = editor.model.siblings(kind, row_id) if row_id is not None else []
        place = siblings.index(row_id) if row_id in siblings else -1
        self.move_up_action.setEnabled(ready and place > 0)
        self.move_down_action.setEnabled(ready and 0 <= place < len(siblings) - 1)
        self.carry_over_action.setEnabled(editable and has_period)
        self.periods_action.setEnabled(document is not None)

    def _objective_id(self) -> uuid.UUID | None:
        """The selected objective, or the objective of the selected key result."""
        index = self._editor.view.currentIndex()
        if not index.isValid():
            return None
        if index.parent().isValid():
            index = index.parent()
        row_id: uuid.UUID = index.data(OkrEditorModel.IdRole)
        return row_id

    # ---- what they do ---------------------------------------------------------------------

    def add_objective(self) -> uuid.UUID | None:
        editor = self._editor
        document = editor.document
        if document is None or document.period_id is None:
            return None
        period_id = document.period_id
        taken = [o.record.title for o in editor.model.rows()]
        title = unused_title(self.tr("New objective"), taken)
        owner = editor.owner
        edit = editor.apply(
            lambda: document.plan.objectives.create(period_id, title, team_id=owner)
        )
        if edit is None:
            return None
        editor.select(OBJECTIVE, edit.id)
        editor.start_editing(OkrEditorModel.TITLE)
        return edit.id

    def add_key_result(self) -> uuid.UUID | None:
        editor = self._editor
        document = editor.document
        objective_id = self._objective_id()
        if document is None:
            return None
        if objective_id is None:
            editor.message.show_message(self.tr("Select the objective the key result is for."))
            return None
        objective = next(o for o in editor.model.rows() if o.record.id == objective_id)
        title = unused_title(
            self.tr("New key result"), [k.record.title for k in objective.key_results]
        )
        edit = editor.apply(
            lambda: document.plan.key_results.create(
                objective_id, title, KeyResultKind.INCREASE, NEW_START, NEW_TARGET
            )
        )
        if edit is None:
            return None
        editor.select(KEY_RESULT, edit.id)
        editor.start_editing(OkrEditorModel.TITLE)
        return edit.id

    def check_in(self) -> bool:
        editor = self._editor
        kind, row_id = editor.current()
        if editor.document is None or kind != KEY_RESULT or row_id is None:
            return False
        return open_check_in(editor, editor.document, row_id) is not None

    def delete(self) -> bool:
        editor = self._editor
        document = editor.document
        node = editor.current_node()
        if document is None or node is None:
            return False
        plan = document.plan
        results = node.key_results if isinstance(node, ObjectiveNode) else (node,)
        check_ins = sum(plan.check_ins.count(key_result_id=k.record.id) for k in results)
        if check_ins and not modal.confirm(
            editor,
            self.tr("Delete With Check-ins"),
            self.tr(
                "'{title}' has {check_ins}, which go with it. Delete it? "
                "(Edit ▸ Undo brings everything back.)"
            ).format(
                title=node.record.title,
                check_ins=plural(check_ins, self.tr("check-in"), self.tr("check-ins")),
            ),
        ):
            return False
        kind = OBJECTIVE if isinstance(node, ObjectiveNode) else KEY_RESULT
        service = plan.objectives if kind == OBJECTIVE else plan.key_results
        after = _neighbour(editor, node)
        edit = editor.apply(lambda: service.delete(node.record.id))
        if edit is None:
            return False
        editor.select(*after)
        editor.status.emit(self.tr("{what}: done. Undo brings it back.").format(what=edit.label))
        return True

    def carry_over(self) -> bool:
        document = self._editor.document
        return document is not None and open_carry_over(self._editor, document) is not None

    def periods(self) -> None:
        if self._editor.document is not None:
            open_periods(self._editor, self._editor.document)


def _neighbour(
    editor: OkrEditor, node: ObjectiveNode | KeyResultNode
) -> tuple[str, uuid.UUID | None]:
    """What to select once ``node`` is gone: the next sibling, else the one before, else (for
    a key result) its objective."""
    kind = OBJECTIVE if isinstance(node, ObjectiveNode) else KEY_RESULT
    siblings = editor.model.siblings(kind, node.record.id)
    place = siblings.index(node.record.id)
    others = siblings[place + 1 : place + 2] or siblings[max(place - 1, 0) : place]
    if others:
        return kind, others[0]
    if isinstance(node, KeyResultNode):
        return OBJECTIVE, node.record.objective_id
    return "", None
