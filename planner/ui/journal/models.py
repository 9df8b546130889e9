"""Thin, read-only table models of the journal: notes, credit tallies, a key result's notes.

They show the rows they are given (built by the functions below from service data) and never
read the plan themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt

from planner.services.journal import JournalEntry, NoteList
from planner.ui.journal.labels import (
    CONFIDENCE_RANK,
    confidence_name,
    deleted_team,
    note_count,
    outcome_name,
    percent,
    points,
)
from planner.ui.table_models import TableModel, TableRow, column_title, reorder_rows, row_data
from planner.ui.texts import format_date
from planner.ui.tree_model import ROOT, AnyIndex

_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class NotesTableModel(QAbstractTableModel):
    """The journal's notes. ``ValueRole`` holds sort keys (dates as ordinals, confidence as its
    rank), so sorting on them orders dates by time and confidence low → high.

    A row's texts are made when the row is first shown: a journal may hold tens of thousands
    of notes with a screenful in sight. Sorting takes its keys from the notes' fields, never
    from their rows' texts. Like ``TableModel`` it sorts itself, with one Python sort.
    """

    IdRole = TableModel.IdRole
    ValueRole = TableModel.ValueRole
    # The outcome and the teams come early: they are what a reader scans for, and they stay
    # in sight when the table shares the page with the editor.
    DATE, CUSTOMER, OUTCOME, TEAMS, CATEGORY, CONFIDENCE, KEY_RESULT = range(7)
    # Long free texts: the cell may be cut, the tooltip shows all of it.
    _TIPPED = frozenset({CUSTOMER, OUTCOME, TEAMS, KEY_RESULT})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notes = NoteList()
        self._order: list[int] = []  # the notes' places in ``_notes``, as shown
        self._rows: dict[int, TableRow] = {}  # the rows made so far, by place in ``_notes``
        self._titles = self.headers()
        self._deleted_team = deleted_team()
        self._sort_by: tuple[int, Qt.SortOrder] | None = None

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

    def set_notes(self, notes: NoteList) -> None:
        self.beginResetModel()
        self._notes = notes
        self._rows = {}
        self._titles = self.headers()
        self._deleted_team = deleted_team()
        self._order = self._sorted(list(range(len(notes))))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column``'s sort keys; rows that tie keep their order."""
        self._sort_by = (column, order)
        if not self._order:
            return
        before = self._order
        after = self._sorted(before)
        row_of = {place: row for row, place in enumerate(after)}

        def reorder() -> None:
            self._order = after

        reorder_rows(self, {old: row_of[place] for old, place in enumerate(before)}, reorder)

    def _sorted(self, order: list[int]) -> list[int]:
        if self._sort_by is None or not 0 <= self._sort_by[0] < len(self._titles):
            return order
        column, direction = self._sort_by
        keys = self._sort_keys(column)
        # Stable both ways: with reverse=True, rows that tie still keep their order.
        descending = direction == Qt.SortOrder.DescendingOrder
        return sorted(order, key=keys.__getitem__, reverse=descending)

    def _sort_keys(self, column: int) -> list[Any]:
        """Every note's key in ``column``, made once for each value the column holds."""
        notes = self._notes
        if column == self.TEAMS:
            values = [_teams_text(names, self._deleted_team) for names in notes.team_names()]
            key: Callable[[Any], Any] = str.casefold
        else:
            field, key = _SORT_KEYS[column]
            values = notes.field(field)
        keys = {value: key(value) for value in set(values)}
        return [keys[value] for value in values]

    def _row(self, place: int) -> TableRow:
        row = self._rows.get(place)
        if row is None:
            row = self._rows[place] = note_row(self._notes[place], self._deleted_team)
        return row

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._row(self._order[index.row()])
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column in self._TIPPED:
            return row.cells[column] or None
        return row_data(row, column, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
            return _LEFT
        return column_title(self._titles, section, orientation, role)

    def row_of(self, note_id: uuid.UUID | None) -> int:
        """The row showing ``note_id``; -1 when it is not shown."""
        place = self._notes.index_of(note_id)
        return self._order.index(place) if place >= 0 else -1


# Each column but the teams: the field of the note it shows, and how it sorts.
_SORT_KEYS: dict[int, tuple[str, Callable[[Any], Any]]] = {
    NotesTableModel.DATE: ("on_date", date.toordinal),
    NotesTableModel.CUSTOMER: ("customer", str.casefold),
    NotesTableModel.OUTCOME: ("outcome", str.casefold),
    NotesTableModel.CATEGORY: ("outcome_category", lambda kind: outcome_name(kind).casefold()),
    NotesTableModel.CONFIDENCE: ("confidence", CONFIDENCE_RANK.__getitem__),
    NotesTableModel.KEY_RESULT: ("key_result", str.casefold),
}


def note_row(entry: JournalEntry, deleted_team: str) -> TableRow:
    """A note's texts in the table's columns, and their sort keys."""
    teams = _teams_text((share.team_name for share in entry.shares), deleted_team)
    cells = (
        format_date(entry.on_date),
        entry.customer,
        entry.outcome,
        teams,
        outcome_name(entry.outcome_category),
        confidence_name(entry.confidence),
        entry.key_result,
    )
    keys = {column: key(getattr(entry, field)) for column, (field, key) in _SORT_KEYS.items()}
    keys[NotesTableModel.TEAMS] = teams.casefold()
    return TableRow(entry.id, cells, tuple(keys[column] for column in range(len(cells))))


def _teams_text(names: Iterable[str], deleted_team: str) -> str:
    """The teams a note credits, each once, in the order of its shares."""
    return ", ".join(dict.fromkeys(name or deleted_team for name in names))


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
