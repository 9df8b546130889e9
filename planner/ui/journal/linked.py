"""The attribution notes behind one key result, for its history panel."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from planner.services.base import NotFoundError
from planner.services.journal import notes_for_key_result
from planner.services.plan import Changes
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.journal.models import LinkedNotesModel, linked_rows
from planner.ui.widgets import Hint, read_only_table

_SHOWN_TABLES = ("attribution_note", "contribution", "customer", "key_result", "objective")


class LinkedNotesList(QWidget):
    """Date, customer, outcome and the credit this key result's team earned, newest first.

    ``note_activated(id)`` asks to open a note (double-click or Enter), e.g. in the journal
    page's ``show_note``.
    """

    note_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._key_result_id: uuid.UUID | None = None
        self.model = LinkedNotesModel(self)
        self.view = read_only_table(self.model)
        self.view.setObjectName("linkedNotes")
        # The outcome is the long text; the date and figures fit their contents.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(LinkedNotesModel.DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LinkedNotesModel.OUTCOME, QHeaderView.ResizeMode.Stretch)
        self.view.setToolTip(
            self.tr(
                "Customer outcomes recorded against this key result; Credit is the share its "
                "team earned (for a plan-level key result, all credit given to teams)"
            )
        )
        self.view.activated.connect(self._on_activated)
        self.empty = Hint(self.tr("No attribution notes are linked to this key result yet."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        self.refresh()

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed)
        self._key_result_id = None
        self.refresh()

    def set_key_result(self, key_result_id: uuid.UUID | None) -> None:
        self._key_result_id = key_result_id
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self._key_result_id is not None and changes.touches(*_SHOWN_TABLES):
            self.refresh()

    def refresh(self) -> None:
        document, kr_id = self._document, self._key_result_id
        rows = []
        if document is not None and kr_id is not None:
            team_id = None
            try:
                key_result = document.plan.key_results.get(kr_id)
                team_id = document.plan.objectives.get(key_result.objective_id).team_id
            except NotFoundError:
                pass  # deleted: no notes can point at it any more either
            rows = linked_rows(notes_for_key_result(document.plan, kr_id), team_id)
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.note_activated.emit(index.data(LinkedNotesModel.IdRole))
