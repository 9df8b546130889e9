"""File ▸ Merge Plan…: bring in a copy of this plan drafted elsewhere, choosing per conflict.

Modal steps go through :func:`ask_merge_path` and :func:`run_dialog`, which tests replace.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.text import plural
from planner.io.merge import Conflict, MergeAnalysis, MergeError, Side, analyse_merge, merge_edit
from planner.io.summary import count_of
from planner.ui import dialogs
from planner.ui.document import PlanDocument
from planner.ui.texts import format_number
from planner.ui.widgets import Heading, Hint


def _tr(text: str) -> str:
    return QCoreApplication.translate("merge", text)


def ask_merge_path(parent: QWidget | None, start: Path) -> Path | None:
    filters = f"{dialogs.plan_file_filter()};;{_tr('All files (*)')}"
    chosen, _ = QFileDialog.getOpenFileName(parent, _tr("Merge Plan"), str(start), filters)
    return Path(chosen) if chosen else None


def run_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_value(value: Any) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, datetime | date):
        return (
            value.isoformat(sep=" ", timespec="minutes")
            if isinstance(value, datetime)
            else value.isoformat()
        )
    if isinstance(value, uuid.UUID):
        return _tr("another row")
    return str(getattr(value, "value", value))


def shown(conflict: Conflict, column: str, value: Any, side: int) -> str:
    """One side's value in a conflict: a referenced row by its name, else as stored."""
    if column in conflict.named:
        return conflict.named[column][side]
    return show_value(value)


def field_name(column: str) -> str:
    name = column.removesuffix("_id").replace("_", " ")
    return name[:1].upper() + name[1:]


class MergeDialog(QDialog):
    """What merging will add and take, the notes, and one choice per conflict."""

    MINE, THEIRS = 0, 1

    def __init__(
        self, document: PlanDocument, analysis: MergeAnalysis, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.analysis = analysis
        self.setWindowTitle(self.tr("Merge {name}").format(name=analysis.other.name))
        self.resize(960, 600)
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(self.tr("Merging {name}").format(name=analysis.other.name)))
        self.summary = QLabel(self._summary(), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.notes = Hint("\n".join(f"• {note}" for note in analysis.notes), self)
        self.notes.setVisible(bool(analysis.notes))
        layout.addWidget(self.notes)

        self.conflicts_heading = Heading(self.tr("Changed on both sides"), parent=self)
        layout.addWidget(self.conflicts_heading)
        self.table = self._conflict_table()
        layout.addWidget(self.table, 1)
        choices = QHBoxLayout()
        self.all_mine = QPushButton(self.tr("All &mine"), self)
        self.all_mine.setToolTip(self.tr("Keep this plan's value in every conflict"))
        self.all_mine.clicked.connect(lambda: self.choose_all(Side.MINE))
        self.all_theirs = QPushButton(self.tr("All &theirs"), self)
        self.all_theirs.setToolTip(self.tr("Take the other plan's value in every conflict"))
        self.all_theirs.clicked.connect(lambda: self.choose_all(Side.THEIRS))
        choices.addWidget(self.all_mine)
        choices.addWidget(self.all_theirs)
        choices.addStretch(1)
        layout.addLayout(choices)
        for widget in (self.conflicts_heading, self.table, self.all_mine, self.all_theirs):
            widget.setVisible(bool(analysis.conflicts))

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = buttons.addButton(
            self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setToolTip(self.tr("Merge as one step you can undo"))
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        something = analysis.anything
        self.merge_button.setEnabled(something and not document.read_only)
        if document.read_only:
            self.message.setText(self.tr("This plan is open read-only; nothing can be merged."))
        elif not something:
            self.message.setText(self.tr("Nothing to merge: the plans hold the same."))
        else:
            self.message.setText(
                self.tr("Merge makes all of it one step; Edit ▸ Undo takes it all back.")
            )

    def _summary(self) -> str:
        counts = self.analysis.counts()
        added = ", ".join(count_of(table, n) for table, n in sorted(counts.items()))
        lines = [
            self.tr("Adds: {added}").format(added=added or self.tr("nothing")),
            self.tr("Takes {changes} made only in {name}").format(
                changes=plural(len(self.analysis.taken), self.tr("change"), self.tr("changes")),
                name=self.analysis.other.name,
            ),
            self.tr("Conflicts to settle: {count}").format(count=len(self.analysis.conflicts)),
        ]
        return "\n".join(lines)

    def _conflict_table(self) -> QTableWidget:
        """One line per field changed on both sides; a conflict's row name and its choice
        span its fields, so each value stays beside its field however long it wraps."""
        headers = [self.tr("What"), self.tr("Field"), self.tr("Mine"), self.tr("Theirs")]
        headers.append(self.tr("Keep"))
        lines = sum(max(1, len(conflict.fields)) for conflict in self.analysis.conflicts)
        table = QTableWidget(lines, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.setToolTip(self.tr("Choose, for each row changed on both sides, which value stays"))
        self.combos: list[QComboBox] = []
        row = 0
        for conflict in self.analysis.conflicts:
            span = max(1, len(conflict.fields))
            self._set_text(table, row, 0, conflict.label)
            for line, (name, mine, theirs) in enumerate(conflict.fields):
                self._set_text(table, row + line, 1, field_name(name))
                self._set_text(table, row + line, 2, shown(conflict, name, mine, 0))
                self._set_text(table, row + line, 3, shown(conflict, name, theirs, 1))
            combo = QComboBox(table)
            combo.addItems([self.tr("Mine"), self.tr("Theirs")])
            combo.setToolTip(
                self.tr("Which value this plan keeps for {what}").format(what=conflict.label)
            )
            combo.setAccessibleName(self.tr("Keep for {what}").format(what=conflict.label))
            holder = QWidget(table)  # the combo keeps its height beside several lines
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(2, 2, 2, 2)
            holder_layout.addWidget(combo, 0, Qt.AlignmentFlag.AlignTop)
            table.setCellWidget(row, 4, holder)
            if span > 1:
                table.setSpan(row, 0, span, 1)
                table.setSpan(row, 4, span, 1)
            self.combos.append(combo)
            row += span
        # The row, the values and the rows they name share the width and wrap (an
        # objective's title can be long); the field names and the choice keep theirs.
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    @staticmethod
    def _set_text(table: QTableWidget, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        table.setItem(row, column, item)

    def choose_all(self, side: Side) -> None:
        for combo in self.combos:
            combo.setCurrentIndex(self.THEIRS if side is Side.THEIRS else self.MINE)

    def choice(self, conflict: Conflict) -> Side:
        index = self.analysis.conflicts.index(conflict)
        return Side.THEIRS if self.combos[index].currentIndex() == self.THEIRS else Side.MINE

    def apply(self) -> None:
        if not self.merge_button.isEnabled():
            return
        refusals: list[str] = []
        self.document.error.connect(refusals.append)
        try:
            edit = merge_edit(self.document.plan, self.analysis, self.choice)
            applied = bool(edit.edits) and self.document.push(edit)
        finally:
            self.document.error.disconnect(refusals.append)
        if applied:
            self.accept()
            return
        reason = refusals[-1] if refusals else self.tr("nothing to change")
        self.message.setText(self.tr("Nothing was merged: {reason}").format(reason=reason))
        self.merge_button.setEnabled(False)


def open_merge(parent: QWidget | None, document: PlanDocument) -> bool:
    """File ▸ Merge Plan…: pick the other plan, review, merge as one undoable step.

    Returns True when something was merged.
    """
    other = ask_merge_path(parent, document.plan.path.parent)
    if other is None:
        return False
    try:
        analysis = analyse_merge(document.plan, other)
    except MergeError as error:
        dialogs.show_error(
            parent,
            _tr("Merge Plan"),
            _tr("{name} cannot be merged: {error}. Nothing was changed.").format(
                name=other.name, error=error
            ),
        )
        return False
    dialog = MergeDialog(document, analysis, parent)
    try:
        return run_dialog(dialog) and dialog.result() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
