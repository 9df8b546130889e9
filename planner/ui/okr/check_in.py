"""Checking in on a key result: its value today (or done / not yet), confidence and a note."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.progress import (
    CheckInPoint,
    KeyResultFacts,
    ProgressError,
    key_result_progress,
)
from planner.domain.validation import ValidationError, validate_measured
from planner.domain.values import KeyResultKind
from planner.services.edits import Create
from planner.services.okr_tree import KeyResultNode
from planner.services.records import KeyResultRecord
from planner.ui.document import PlanDocument
from planner.ui.okr import formatting as fmt
from planner.ui.okr import modal
from planner.ui.okr.edits import MessageLabel, attempt
from planner.ui.okr.fields import ConfidenceSpin, DecimalEdit, date_edit, to_date
from planner.ui.texts import format_date
from planner.ui.widgets import Hint, scaled_font


def find_key_result(document: PlanDocument, key_result_id: uuid.UUID) -> KeyResultNode | None:
    """The key result's node in the period on show (None when it belongs to another)."""
    for tree in document.okr_trees().values():
        for objective in tree.objectives:
            for result in objective.key_results:
                if result.record.id == key_result_id:
                    return result
    return None


class CheckInDialog(QDialog):
    """Asks for a check-in and records it (one undoable step) when the person accepts.

    Refused values (not a number, a confidence above 10…) are explained in the dialog, which
    stays open with what was typed; nothing is stored. ``created`` holds the applied edit.
    """

    def __init__(
        self, document: PlanDocument, key_result_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkInDialog")
        self.setWindowTitle(self.tr("Check In"))
        self._document = document
        self.record: KeyResultRecord = document.plan.key_results.get(key_result_id)
        self.node = find_key_result(document, key_result_id)
        self.created: Create | None = None
        record = self.record

        title = QLabel(record.title)
        title.setFont(scaled_font(self, 1.1, bold=True))
        title.setWordWrap(True)
        self.context = Hint(self._context_text())

        self.value = DecimalEdit()
        self.value.setObjectName("checkInValue")
        self.value.setToolTip(self.tr("The value measured now, e.g. 12.5 (or 12,5)"))
        self.done_choice = QRadioButton(self.tr("Done"))
        self.not_yet_choice = QRadioButton(self.tr("Not yet"))
        # A value is measured, so never dated after today: a typo such as 2062 would have
        # stood as the latest check-in, hiding every later one.
        self.on_date = date_edit(document.today())
        self.on_date.setObjectName("checkInDate")
        self.on_date.setToolTip(self.tr("The day the value was measured (today or before)"))
        self.confidence = ConfidenceSpin()
        self.confidence.setObjectName("checkInConfidence")
        self.confidence.set_confidence(self.node.status.confidence if self.node else None)
        self.note = QLineEdit()
        self.note.setObjectName("checkInNote")
        self.note.setPlaceholderText(self.tr("What moved it, or what is in the way (optional)"))
        self.preview = Hint()
        self.preview.setObjectName("checkInPreview")
        self.message = MessageLabel(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Value:"), self._value_row())
        form.addRow(self.tr("&Date:"), self.on_date)
        form.addRow(self.tr("&Confidence:"), self.confidence)
        form.addRow(self.tr("&Note:"), self.note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Check In"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.context)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.value.textChanged.connect(self._update_preview)
        self.done_choice.toggled.connect(self._update_preview)
        self._update_preview()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

    def _value_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.record.kind is KeyResultKind.MILESTONE:
            self._choice = QButtonGroup(row)
            for button in (self.done_choice, self.not_yet_choice):
                self._choice.addButton(button)
                layout.addWidget(button)
            layout.addStretch(1)
            current = self.node.status.current if self.node else None
            (
                self.done_choice if current is not None and current >= 1 else self.not_yet_choice
            ).setChecked(True)
            self.value.hide()
        else:
            layout.addWidget(self.value, 1)
            if self.record.unit:
                layout.addWidget(QLabel(self.record.unit))
            self.done_choice.hide()
            self.not_yet_choice.hide()
        # The "Value" label's shortcut (Alt+V) goes to the field inside the row.
        milestone = self.record.kind is KeyResultKind.MILESTONE
        row.setFocusProxy(self.done_choice if milestone else self.value)
        return row

    def _context_text(self) -> str:
        record, node = self.record, self.node
        parts = []
        if record.kind is KeyResultKind.MILESTONE:
            parts.append(self.tr("Milestone"))
        elif record.kind is KeyResultKind.THRESHOLD:
            parts.append(self.tr("Target: {target}").format(target=fmt.measure_text(record)))
        else:
            parts.append(
                self.tr("From {start} to {target}").format(
                    start=fmt.value_text(record, record.start_value),
                    target=fmt.value_text(record, record.target_value),
                )
            )
        if node is not None and node.status.last_check_in is not None:
            parts.append(
                self.tr("latest: {value} ({progress}) on {date}").format(
                    value=fmt.value_text(record, node.status.current),
                    progress=fmt.progress_text(node.status.progress),
                    date=format_date(node.status.last_check_in),
                )
            )
        else:
            parts.append(self.tr("no check-in yet"))
        return " · ".join(parts)

    def value_text(self) -> str:
        if self.record.kind is KeyResultKind.MILESTONE:
            return "1" if self.done_choice.isChecked() else "0"
        return self.value.text()

    def _value(self) -> float:
        return fmt.parse_decimal(self.value_text(), self.tr("Value"))

    def _update_preview(self) -> None:
        record = self.record
        try:
            point = CheckInPoint(to_date(self.on_date.date()), self._value())
            progress = key_result_progress(
                KeyResultFacts(
                    record.kind,
                    record.start_value,
                    record.target_value,
                    record.weight,
                    record.direction,
                    (point,),
                )
            )
        except (ValidationError, ProgressError):
            self.preview.setText(" ")
            return
        self.preview.setText(
            self.tr("Progress with this value: {progress}").format(
                progress=fmt.progress_text(progress)
            )
        )

    def accept(self) -> None:
        plan = self._document.plan
        record = self.record
        day = to_date(self.on_date.date())
        confidence = self.confidence.confidence()
        note = self.note.text()
        today = self._document.today()

        def build() -> Create:
            validate_measured(day, today)
            return plan.check_ins.create(record.id, day, self._value(), confidence, note)

        edit, message = attempt(self._document, build)
        if edit is None:
            self.message.show_message(message)
            return
        self.created = edit
        super().accept()


def open_check_in(
    parent: QWidget | None, document: PlanDocument, key_result_id: uuid.UUID
) -> Create | None:
    """Ask for a check-in on the key result; the applied edit, or None when cancelled."""
    dialog = CheckInDialog(document, key_result_id, parent)
    try:
        modal.run_dialog(dialog)
        return dialog.created
    finally:
        dialog.deleteLater()
