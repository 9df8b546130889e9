"""Inline editors of the OKR tree: one per column, each committing one undoable update.

Title of an objective: title, commitment and (team objectives) the company objective it
aligns to. Title of a key result: its title. Owner: a person from the directory. Start →
target of a key result: type, start, target, unit, direction (thresholds) and weight, edited
together because they are validated together (a milestone has no start; an increase needs
one above its target...).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from planner.domain.values import Commitment, KeyResultKind, ThresholdDirection
from planner.services.okr_tree import KeyResultNode, ObjectiveNode
from planner.services.records import KeyResultRecord, ObjectiveRecord
from planner.ui.okr import formatting as fmt
from planner.ui.okr.editor_model import OkrEditorModel
from planner.ui.okr.fields import DecimalEdit, chosen_id, fill_people, select_id
from planner.ui.texts import number_for_editing
from planner.ui.widgets import RoomyDelegate

AnyIndex = QModelIndex | QPersistentModelIndex
Choices = Sequence[tuple[uuid.UUID, str]]


def _row(parent: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    # It covers the cells beside its own: paint a background so their text does not show.
    parent.setAutoFillBackground(True)
    return layout


def _combo(items: Sequence[tuple[Any, str]], parent: QWidget, tip: str) -> QComboBox:
    combo = QComboBox(parent)
    for value, text in items:
        combo.addItem(text, value)
    combo.setToolTip(tip)
    return combo


class _CompositeEditor(QWidget):
    """Several fields in one cell. Tab and Shift+Tab go from field to field; past the last
    (or before the first) they leave the cell as Tab does from a one-field editor: the
    changes are committed and the next editable cell opens (``leave(forward)``)."""

    leave = Signal(bool)

    def fields(self) -> list[QWidget]:
        return [
            child
            for child in self.findChildren(QWidget)
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isVisibleTo(self)
        ]

    def focusNextPrevChild(self, forward: bool) -> bool:
        fields = self.fields()
        focused = QApplication.focusWidget()
        if focused in fields:
            wanted = fields.index(focused) + (1 if forward else -1)
            if 0 <= wanted < len(fields):
                reason = (
                    Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                )
                fields[wanted].setFocus(reason)
                return True
        self.leave.emit(forward)
        return True


class ObjectiveEditor(_CompositeEditor):
    """Title, commitment and alignment of an objective, side by side."""

    def __init__(self, alignments: Choices | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("objectiveEditor")
        layout = _row(self)
        self.title = QLineEdit(self)
        self.title.setObjectName("titleEdit")
        self.title.setToolTip(self.tr("The objective: qualitative, inspiring, one sentence"))
        self.commitment = _combo(
            [(c.value, text) for c, text in fmt.commitment_choices()],
            self,
            self.tr("Committed: expected to be met in full. Aspirational: a stretch."),
        )
        self.commitment.setObjectName("commitmentCombo")
        layout.addWidget(self.title, 1)
        layout.addWidget(self.commitment)
        self.aligned: QComboBox | None = None
        if alignments is not None:  # plan-level objectives align to nothing
            self.aligned = _combo(
                [("", self.tr("Not aligned"))] + [(str(i), t) for i, t in alignments],
                self,
                self.tr("The company objective this one contributes to"),
            )
            self.aligned.setObjectName("alignedCombo")
            self.aligned.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 18))
            layout.addWidget(self.aligned)
        self.setFocusProxy(self.title)

    def set_record(self, record: ObjectiveRecord) -> None:
        self.title.setText(record.title)
        self.title.selectAll()
        self.commitment.setCurrentIndex(self.commitment.findData(record.commitment.value))
        if self.aligned is not None:
            select_id(self.aligned, record.parent_id)

    def changes(self, record: ObjectiveRecord) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        if self.title.text() != record.title:
            changes["title"] = self.title.text()
        commitment = Commitment(self.commitment.currentData())
        if commitment is not record.commitment:
            changes["commitment"] = commitment
        if self.aligned is not None and chosen_id(self.aligned) != record.parent_id:
            changes["parent_id"] = chosen_id(self.aligned)
        return changes


class MeasureEditor(_CompositeEditor):
    """Type, start → target, unit, direction and weight of a key result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("measureEditor")
        layout = _row(self)
        self.kind = _combo(
            [(k.value, fmt.kind_name(k)) for k in KeyResultKind],
            self,
            self.tr(
                "Increase or decrease: a number moves from start to target. Threshold: stay "
                "at most or at least at a value. Milestone: done or not."
            ),
        )
        self.kind.setObjectName("kindCombo")
        self.direction = _combo(
            [(d.value, fmt.direction_name(d)) for d in ThresholdDirection],
            self,
            self.tr("Which side of the target the value must stay on"),
        )
        self.direction.setObjectName("directionCombo")
        self.start = DecimalEdit(self)
        self.start.setObjectName("startEdit")
        self.start.setToolTip(self.tr("Where the number stood when the period began"))
        self.arrow = QLabel("→", self)
        self.target = DecimalEdit(self)
        self.target.setObjectName("targetEdit")
        self.target.setToolTip(self.tr("Where it should be at the end of the period"))
        self.unit = QLineEdit(self)
        self.unit.setObjectName("unitEdit")
        self.unit.setPlaceholderText(self.tr("unit"))
        self.unit.setToolTip(self.tr("Unit, e.g. h, %, € or sign-ups"))
        self.unit.setMaximumWidth(self.fontMetrics().horizontalAdvance("sign-ups__"))
        self.weight_label = QLabel(self.tr("Weight"), self)
        self.weight = DecimalEdit(self)
        self.weight.setObjectName("weightEdit")
        # Compact number fields: the editor covers the figures beside its cell while open.
        for number in (self.start, self.target):
            number.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000000,000"))
        self.weight.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000"))
        self.weight.setMaximumWidth(self.fontMetrics().horizontalAdvance("00000,0"))
        self.weight.setToolTip(self.tr("How much it counts in its objective's progress (1: usual)"))
        fields: tuple[QWidget, ...] = (self.kind, self.direction, self.start, self.arrow)
        for widget in (*fields, self.target, self.unit, self.weight_label, self.weight):
            layout.addWidget(widget)
        layout.addStretch(1)  # spare room after the fields, not between them
        self.kind.currentIndexChanged.connect(self._show_fields)
        self.setFocusProxy(self.target)

    def set_record(self, record: KeyResultRecord) -> None:
        self.kind.setCurrentIndex(self.kind.findData(record.kind.value))
        direction = record.direction or ThresholdDirection.AT_LEAST
        self.direction.setCurrentIndex(self.direction.findData(direction.value))
        self.start.setText(number_for_editing(record.start_value))
        self.target.setText(number_for_editing(record.target_value))
        self.unit.setText(record.unit)
        self.weight.setText(number_for_editing(record.weight))
        self._show_fields()
        self.target.selectAll()

    def _show_fields(self) -> None:
        kind = KeyResultKind(self.kind.currentData())
        metric = kind in (KeyResultKind.INCREASE, KeyResultKind.DECREASE)
        self.start.setVisible(metric)
        self.arrow.setVisible(metric)
        self.target.setVisible(kind is not KeyResultKind.MILESTONE)
        self.unit.setVisible(kind is not KeyResultKind.MILESTONE)
        self.direction.setVisible(kind is KeyResultKind.THRESHOLD)
        self.setFocusProxy(self.target if self.target.isVisibleTo(self) else self.kind)

    def changes(self, record: KeyResultRecord) -> dict[str, Any]:
        """What differs from ``record``; numbers stay as typed (the editor reads them with the
        locale, so a refusal names the field the person typed in)."""
        changes: dict[str, Any] = {}
        kind = KeyResultKind(self.kind.currentData())
        if kind is not record.kind:
            changes["kind"] = kind
        if kind is KeyResultKind.THRESHOLD:
            direction = ThresholdDirection(self.direction.currentData())
            if direction is not record.direction:
                changes["direction"] = direction
        fields = (
            ("start_value", self.start, record.start_value),
            ("target_value", self.target, record.target_value),
            ("weight", self.weight, record.weight),
        )
        for key, edit, value in fields:
            shown = edit.isVisibleTo(self) or key == "weight"
            typed = edit.text().strip() != number_for_editing(value) or "kind" in changes
            if shown and typed:
                changes[key] = edit.text()
        if self.unit.text() != record.unit:
            changes["unit"] = self.unit.text()
        return changes


class OkrDelegate(RoomyDelegate):
    """Creates the inline editor of a cell and hands its changes to the model as one dict."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people: Callable[[], Choices] = tuple
        self._alignments: Choices | None = None

    def set_choices(self, people: Callable[[], Choices], alignments: Choices | None) -> None:
        """Where to read the people directory (when an owner is first edited: a large plan has
        thousands of people, and a check-in refreshes the tree), and the company objectives
        to align to (None: the tree is the plan level's own, whose objectives align to
        nothing)."""
        self._people = people
        self._alignments = None if alignments is None else tuple(alignments)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        node = index.data(OkrEditorModel.NodeRole)
        column = index.column()
        if column == OkrEditorModel.TITLE and isinstance(node, ObjectiveNode):
            editor: QWidget = ObjectiveEditor(self._alignments, parent)
        elif column == OkrEditorModel.TITLE:
            editor = QLineEdit(parent)
            editor.setObjectName("titleEdit")
        elif column == OkrEditorModel.OWNER:
            editor = QComboBox(parent)
            editor.setObjectName("ownerCombo")
            fill_people(editor, self._people(), self.tr("No owner"))
        elif column == OkrEditorModel.MEASURE and isinstance(node, KeyResultNode):
            editor = MeasureEditor(parent)
        else:  # not editable (see the model's flags); Qt's default, for completeness
            return super().createEditor(parent, option, index)
        if isinstance(editor, _CompositeEditor):
            editor.leave.connect(lambda forward, e=editor: self._leave(e, forward))
        return editor

    def _leave(self, editor: QWidget, forward: bool) -> None:
        hint = QAbstractItemDelegate.EndEditHint
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint.EditNextItem if forward else hint.EditPreviousItem)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        node = index.data(OkrEditorModel.NodeRole)
        if node is None:
            return
        if isinstance(editor, ObjectiveEditor | MeasureEditor):
            editor.set_record(node.record)
        elif isinstance(editor, QLineEdit):
            editor.setText(node.record.title)
            editor.selectAll()
        elif isinstance(editor, QComboBox):
            select_id(editor, node.record.owner_id)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        node = index.data(OkrEditorModel.NodeRole)
        if node is None:
            return
        changes: dict[str, Any]
        if isinstance(editor, ObjectiveEditor | MeasureEditor):
            changes = editor.changes(node.record)
        elif isinstance(editor, QLineEdit):
            changes = {"title": editor.text()} if editor.text() != node.record.title else {}
        elif isinstance(editor, QComboBox):
            owner = chosen_id(editor)
            changes = {"owner_id": owner} if owner != node.record.owner_id else {}
        else:
            return
        if changes:
            model.setData(index, changes, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        # A composite editor may need more room than its cell: it grows to the right over the
        # figures beside it and, at the right edge, back to the left, always covering whole
        # cells (a half-covered name beside it would read as a glitch).
        rect = QRect(option.rect)
        hint = editor.sizeHint()
        rect.setWidth(max(rect.width(), hint.width()))
        height = max(rect.height(), hint.height())
        rect.setTop(option.rect.center().y() - height // 2)
        rect.setHeight(height)
        parent = editor.parentWidget()
        if parent is not None and rect.right() > parent.width():
            rect.moveRight(parent.width() - 1)
        view = option.widget
        if isinstance(view, QTreeView) and rect.left() < option.rect.left():
            header = view.header()
            starts = [header.sectionViewportPosition(c) for c in range(header.count())]
            rect.setLeft(max([x for x in starts if x <= rect.left()], default=rect.left()))
        rect.moveLeft(max(rect.left(), 0))
        editor.setGeometry(rect)
