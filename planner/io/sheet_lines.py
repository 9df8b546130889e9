"""One sheet row as typed values: the cells read as text, numbers and choices, or row errors.

Nothing here reads the plan; :mod:`planner.io.sheet_preview` resolves the names against it.
Numbers are read the way people type them in any locale (decimal commas, thousands separators,
``20 %``) with the domain's own :func:`~planner.domain.validation.parse_number`. A file that
shows no decimal separator (a workbook, a tab-separated file, with no figure like "2,5") cannot
tell "1,250" from 1.25 or 1250, so such a cell is refused rather than read one way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from planner.domain import validation as v
from planner.domain.values import KeyResultKind, ThresholdDirection
from planner.io.errors import RowError
from planner.io.sheet_reader import SheetRow
from planner.services.records import KeyResultRecord

# Kinds a row without a Type keeps: Start and Target cannot tell them from a metric.
_KEPT_KINDS = (KeyResultKind.THRESHOLD, KeyResultKind.MILESTONE)
# Fields the domain's key result rules name, as sheet columns.
_COLUMN_OF_FIELD = {"Start": "Start", "Target": "Target", "Direction": "Type"}
# Type cells that name a threshold and its direction at once ("threshold (at least)").
_DIRECTIONS = {
    "at most": ThresholdDirection.AT_MOST,
    "at least": ThresholdDirection.AT_LEAST,
}


@dataclass(frozen=True)
class KeyResultLine:
    """The typed cells of one row; ``None`` where a cell was empty (or its column absent)."""

    row: int
    team: str
    stage: str
    objective: str
    title: str
    start: float | None
    target: float | None
    current: float | None
    unit: str
    owner: str
    confidence: int | None
    period: str
    weight: float | None
    kind: KeyResultKind | None
    direction: ThresholdDirection | None


def read_line(row: SheetRow, decimal_separator: str | None) -> tuple[KeyResultLine, list[RowError]]:
    """The row's typed values and every problem found in its cells."""
    reader = _Reader(row, decimal_separator)
    kind, direction = reader.kind()
    line = KeyResultLine(
        row=row.number,
        team=reader.name("Team", required=False),
        stage=reader.name("Stage", required=False),
        objective=reader.name("Objective"),
        title=reader.name("Key result"),
        start=reader.number("Start"),
        target=reader.number("Target"),
        current=reader.number("Current"),
        unit=reader.text("Unit", 40),
        owner=reader.name("Owner", required=False),
        confidence=reader.confidence(),
        period=reader.name("Period", required=False),
        weight=reader.weight(),
        kind=kind,
        direction=direction,
    )
    return line, reader.errors


def key_result_values(
    line: KeyResultLine, existing: KeyResultRecord | None, errors: list[RowError]
) -> dict[str, Any] | None:
    """The key result's columns from the row: its kind (given, kept or inferred), start and
    target, threshold direction, unit and weight; ``None`` (with the reason in ``errors``)
    when they break a rule of the plan.

    Without a Type, a threshold or milestone the plan has stays one; otherwise Start above
    Target is a decrease, below an increase, and an empty Start with Target 1 a milestone. A
    threshold without a direction is "at most" unless Start < Target.
    """
    kind, direction = line.kind, line.direction
    start, target = line.start, line.target
    if kind is None:
        if existing is not None and existing.kind in _KEPT_KINDS:
            kind, direction = existing.kind, existing.direction
        elif start is not None and target is not None:
            kind = v.infer_kind(start, target)
        elif start is None and target == 1:
            kind = KeyResultKind.MILESTONE  # how exports write a milestone: "", 1
        else:
            column = "Start" if start is None else "Target"
            errors.append(
                RowError(
                    line.row,
                    column,
                    "is required for a metric key result (or set Type to threshold or milestone)",
                )
            )
            return None
    if kind is KeyResultKind.THRESHOLD and direction is None:
        # "Keep churn at most 2 %" is the common threshold: at most, unless the row shows
        # a climb from Start to Target.
        rising = start is not None and target is not None and start < target
        direction = ThresholdDirection.AT_LEAST if rising else ThresholdDirection.AT_MOST
    if kind is not KeyResultKind.THRESHOLD:
        direction = None
    if kind is KeyResultKind.MILESTONE:
        start = target = None
        if line.current not in (None, 0, 1):
            errors.append(RowError(line.row, "Current", "a milestone is 0 (not done) or 1 (done)"))
            return None
    try:
        v.validate_key_result_values(kind, start, target, direction)
    except v.ValidationError as error:
        column = _COLUMN_OF_FIELD.get(error.field, error.field)
        errors.append(RowError(line.row, column, error.message))
        return None
    if line.confidence is not None and line.current is None:
        errors.append(RowError(line.row, "Current", "is needed with a Confidence"))
        return None
    values: dict[str, Any] = {
        "kind": kind,
        "start_value": start,
        "target_value": target,
        "direction": direction,
        "unit": line.unit,
    }
    if line.weight is not None or existing is None:
        values["weight"] = line.weight if line.weight is not None else 1.0
    return values


class _Reader:
    def __init__(self, row: SheetRow, decimal_separator: str | None) -> None:
        self.row = row
        self.decimal_separator = decimal_separator
        self.errors: list[RowError] = []

    def _fail(self, column: str, error: v.ValidationError) -> None:
        self.errors.append(RowError(self.row.number, column, error.message))

    def name(self, column: str, required: bool = True) -> str:
        text = self.row.text(column)
        if not text and not required:
            return ""
        try:
            return v.require_text(text, column)
        except v.ValidationError as error:
            self._fail(column, error)
            return ""

    def text(self, column: str, limit: int) -> str:
        try:
            return v.optional_text(self.row.text(column), column, limit)
        except v.ValidationError as error:
            self._fail(column, error)
            return ""

    def number(self, column: str) -> float | None:
        value = self.row.values.get(column, "")
        if value == "":
            return None
        if isinstance(value, str) and self.decimal_separator is None:
            readings = v.separator_readings(value)
            if readings is not None:
                self._refuse_ambiguous(column, value, *readings)
                return None
        try:
            return v.parse_number(value, column, self.decimal_separator)
        except v.ValidationError as error:
            self._fail(column, error)
            return None

    def _refuse_ambiguous(self, column: str, text: str, grouped: float, decimal: float) -> None:
        # Picking either reading could be off by a factor of a thousand, without a word.
        message = (
            f"'{text}' is {grouped:g} or {decimal:g}: nothing in the file shows which separator "
            f"marks decimals; write {grouped:g} or {decimal:g}"
        )
        self.errors.append(RowError(self.row.number, column, message))

    def weight(self) -> float | None:
        weight = self.number("Weight")
        if weight is None:
            return None
        try:
            return v.validate_weight(weight)
        except v.ValidationError as error:
            self._fail("Weight", error)
            return None

    def confidence(self) -> int | None:
        value = self.number("Confidence")
        if value is None:
            return None
        if not value.is_integer():
            message = f"'{self.row.text('Confidence')}' is not a whole number from 0 to 10"
            self.errors.append(RowError(self.row.number, "Confidence", message))
            return None
        try:
            return v.validate_confidence(int(value))
        except v.ValidationError as error:
            self._fail("Confidence", error)
            return None

    def kind(self) -> tuple[KeyResultKind | None, ThresholdDirection | None]:
        text = self.row.text("Type")
        if not text:
            return None, None
        words = " ".join(re.sub(r"[()_\-/]", " ", text.casefold()).split())
        for phrase, direction in _DIRECTIONS.items():
            if words in (phrase, f"threshold {phrase}"):
                return KeyResultKind.THRESHOLD, direction
        try:
            return v.parse_choice(KeyResultKind, text, "Type"), None
        except v.ValidationError as error:
            self._fail("Type", error)
            return None, None
