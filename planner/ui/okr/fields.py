"""Input fields the OKR editors share: numbers, confidence, people and dates."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDateEdit, QLineEdit, QSpinBox, QWidget

from planner.domain.validation import MAX_CONFIDENCE

NOT_STATED = -1
# Typed confidences above 10 are let through to the service, which refuses them with a clear
# message; a spin box that silently swallowed the keystroke would leave the person guessing.
_TYPED_LIMIT = 99


class DecimalEdit(QLineEdit):
    """A number as typed, in the person's locale ("12,5" or "12.5"); no validator, so a typo
    is refused with the service's message instead of a key that does nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000000,00"))


class ConfidenceSpin(QSpinBox):
    """Confidence 0–10 (arrows stop there), or "not stated"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NOT_STATED, _TYPED_LIMIT)
        self.setSpecialValueText(self.tr("Not stated"))
        self.setSuffix(self.tr(" / 10"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.setToolTip(
            self.tr(
                "How sure the owner is of reaching the target: 0 (no chance) to 10 (certain)."
                " Not a measurement: it does not change progress."
            )
        )

    def confidence(self) -> int | None:
        value = self.value()
        return None if value == NOT_STATED else value

    def set_confidence(self, value: int | None) -> None:
        self.setValue(NOT_STATED if value is None else value)

    def stepBy(self, steps: int) -> None:
        wanted = min(max(self.value() + steps, NOT_STATED), MAX_CONFIDENCE)
        self.setValue(wanted)
        self.selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        value = self.value()
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if value > NOT_STATED:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if value < MAX_CONFIDENCE:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags


def fill_people(combo: QComboBox, people: Sequence[tuple[uuid.UUID, str]], none_text: str) -> None:
    """The people directory in ``combo``, "no owner" first; ids kept as text (findData cannot
    compare UUIDs)."""
    combo.clear()
    combo.addItem(none_text, "")
    for person_id, name in people:
        combo.addItem(name, str(person_id))


def select_id(combo: QComboBox, row_id: uuid.UUID | None) -> None:
    row = combo.findData(str(row_id) if row_id is not None else "")
    combo.setCurrentIndex(max(row, 0))


def chosen_id(combo: QComboBox) -> uuid.UUID | None:
    data: Any = combo.currentData()
    return uuid.UUID(data) if data else None


def date_edit(day: date, parent: QWidget | None = None) -> QDateEdit:
    """A date field showing ``day``. No latest date is set on it: a maximum makes Qt refuse
    each typed digit that would pass it in the month still shown, so "28 Nov" typed on
    3 December became the 2nd; a day too late is refused when stored, in words."""
    edit = QDateEdit(to_qdate(day), parent)
    edit.setCalendarPopup(True)
    # Day, short month and year: unambiguous in every locale (as texts.format_date).
    edit.setDisplayFormat("d MMM yyyy")
    return edit


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())
