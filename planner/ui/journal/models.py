"""Thin, read-only table models of the journal: notes, credit tallies, a key result's notes.

They show the rows they are given (built by the functions below from service data) and never
read the plan themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt

from planner.services.journal import JournalEntry
from planner.ui.journal.labels import (
    CONFIDENCE_RANK,
    confidence_name,
    note_count,
    outcome_name,
    percent,
    points,
)
from planner.ui.table_models import TableModel, TableRow
from planner.ui.texts import format_date
from planner.ui.tree_model import AnyIndex


class NotesTableModel(TableModel):
    """The journal's notes. ``ValueRole`` holds sort keys (dates as ordinals, confidence as its
    rank), so sorting on them orders dates by time and confidence low → high."""

    # The outcome and the teams come early: they are what a reader scans for, and they stay
    # in sight when the table shares the page with the editor.
    DATE, CUSTOMER, OUTCOME, TEAMS, CATEGORY, CONFIDENCE, KEY_RESULT = range(7)
    # Long free texts: the cell may be cut, the tooltip shows all of it.
    _TIPPED = frozenset({CUSTOMER, OUTCOME, TEAMS, KEY_RESULT})

    def headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("Customer"),
            self.tr("Outcome"),
            self.tr("Teams"),
            self.tr("Category"),
            self.tr("Confidence"),
            self.tr("Key result"),
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            if index.column() in self._TIPPED:
                return self.rows()[index.row()].cells[index.column()] or None
            return None
        return super().data(index, role)

    def row_of(self, note_id: uuid.UUID | None) -> int:
        """The row showing ``note_id``; -1 when it is not shown."""
        for row, item in enumerate(self.rows()):
            if item.id == note_id:
                return row
        return -1


def note_rows(entries: Iterable[JournalEntry], deleted_team: str) -> list[TableRow]:
    rows = []
    for entry in entries:
        teams = ", ".join(dict.fromkeys(s.team_name or deleted_team for s in entry.shares))
        category = outcome_name(entry.outcome_category)
        cells = (
            format_date(entry.on_date),
            entry.customer,
            entry.outcome,
            teams,
            category,
            confidence_name(entry.confidence),
            entry.key_result,
        )
        keys = (
            entry.on_date.toordinal(),
            entry.customer.casefold(),
            entry.outcome.casefold(),
            teams.casefold(),
            category.casefold(),
            CONFIDENCE_RANK[entry.confidence],
            entry.key_result.casefold(),
        )
        rows.append(TableRow(entry.id, cells, keys))
    return rows


class CreditTableModel(TableModel):
    """One credit tally: a name (team, stage or kind of touch), its points and how many notes
    gave it credit. ``ValueRole`` holds the raw name, points and count."""

    NAME, POINTS, NOTES = range(3)
    NUMERIC = frozenset({POINTS, NOTES})

    def __init__(self, name_header: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name_header = name_header

    def headers(self) -> list[str]:
        return [self._name_header, self.tr("Credit"), self.tr("Notes")]


def credit_rows(tally: Iterable[tuple[Any, str, float, int]]) -> list[TableRow]:
    """Rows from (key, name, points, notes), the most credited first, then by name.

    The key becomes the row's id when it is a uuid (teams, stages); kinds of touch get a
    stable id derived from their value so item views can track them too.
    """
    rows = []
    for key, name, value, count in tally:
        row_id = key if isinstance(key, uuid.UUID) else uuid.uuid5(uuid.NAMESPACE_OID, str(key))
        rows.append(
            TableRow(row_id, (name, points(value), note_count(count)), (name, value, count))
        )
    rows.sort(key=lambda row: (-row.values[1], row.values[0].casefold()))
    return rows


class LinkedNotesModel(TableModel):
    """Notes linked to one key result: date, customer, outcome, and the credit the key result's
    team earned in each (all attributed credit for a plan-level key result)."""

    DATE, CUSTOMER, OUTCOME, CREDIT = range(4)
    NUMERIC = frozenset({CREDIT})

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Customer"), self.tr("Outcome"), self.tr("Credit")]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            if index.column() == self.OUTCOME:
                return self.rows()[index.row()].cells[self.OUTCOME] or None
            return None
        return super().data(index, role)


def linked_rows(entries: Iterable[JournalEntry], team_id: uuid.UUID | None) -> list[TableRow]:
    rows = []
    for entry in entries:
        if team_id is None:
            credit = sum(share.share for share in entry.shares)
        else:
            credit = sum(share.share for share in entry.shares if share.team_id == team_id)
        cells = (format_date(entry.on_date), entry.customer, entry.outcome, percent(credit))
        rows.append(
            TableRow(entry.id, cells, (entry.on_date, entry.customer, entry.outcome, credit))
        )
    rows.sort(key=lambda row: row.values[0], reverse=True)
    return rows
