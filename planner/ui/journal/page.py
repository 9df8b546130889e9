"""The attribution journal page: filters, the notes that match, the note editor, the summary."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.services.journal import Journal, JournalEntry, NoteList, find_note, journal
from planner.services.plan import Changes
from planner.ui.actions import make_action
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.journal import customers
from planner.ui.journal.choices import ChoiceLists, read_choices
from planner.ui.journal.editor import NoteEditor, copy_of
from planner.ui.journal.filter_bar import JournalFilterBar
from planner.ui.journal.key_claim import KeyClaim
from planner.ui.journal.notes_table import NotesTable
from planner.ui.journal.summary import CreditSummaryPanel
from planner.ui.widgets import Heading, Hint

# A note's team and stage come through its key result's objective; the period on show
# bounds the notes listed.
_NOTE_TABLES = (
    "attribution_note",
    "contribution",
    "customer",
    "team",
    "stage",
    "key_result",
    "objective",
    "period",
)
_CHOICE_TABLES = ("customer", "team", "stage", "period", "objective", "key_result")
NOTES_TAB, SUMMARY_TAB = range(2)
MARGIN = 16  # a work surface: room for the table rather than for white space


class JournalPage(QWidget):
    """Attribution notes: who earned each customer's success, note by note and summed up.

    ``status(text)`` carries short feedback for the status bar. ``show_note(id)`` opens a note
    (e.g. from a key result's linked notes), lifting filters that hide it.
    """

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalPage")
        self._document: PlanDocument | None = None
        self._shown = NoteList()  # the notes the table shows
        self._choices = ChoiceLists()
        self._choices_stale = False  # the plan changed what the filters and editor offer
        self._follow_period = False  # the period on show changed: the filter follows it
        self._stale = False
        self._deferring = False  # inside the table's selection change: refresh after it
        self._refresh_pending = False
        self._sized = False

        self.filters = JournalFilterBar(self)
        self.filters.changed.connect(self.refresh)
        self.notes = NotesTable(self)
        self.notes.current_changed.connect(self._on_current_changed)
        self._create_actions()
        self.notes.view.addAction(self.delete_action)
        self.count = Hint()
        self.editor = NoteEditor(self)
        self.editor.saved.connect(self._on_saved)
        self.summary = CreditSummaryPanel(self)

        tools = QHBoxLayout()
        tools.setSpacing(4)
        for action in (self.new_action, self.duplicate_action, self.delete_action):
            tools.addWidget(_tool_button(action, self))
        tools.addStretch(1)
        tools.addWidget(self.count)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 6, 0, 0)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.notes, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, self.tr("Notes"))
        self.tabs.addTab(self.summary, self.tr("Credit Summary"))
        self.tabs.setTabToolTip(NOTES_TAB, self.tr("The notes that match, and the note editor"))
        self.tabs.setTabToolTip(
            SUMMARY_TAB, self.tr("Credit by team, stage and kind of touch over the notes shown")
        )

        header_row = QHBoxLayout()
        header_row.addWidget(Heading(self.tr("Attribution journal"), level=1))
        header_row.addStretch(1)
        header_row.addWidget(_tool_button(self.customers_action, self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN // 2)
        layout.setSpacing(6)
        layout.addLayout(header_row)
        layout.addWidget(
            Hint(
                self.tr(
                    "Which teams earned each customer's success, as you judged it, note by note."
                )
            )
        )
        layout.addWidget(self.filters)
        layout.addWidget(self.tabs, 1)
        self.set_document(None)

    # ---- actions --------------------------------------------------------------------------

    def _create_actions(self) -> None:
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.new_action = make_action(
            self,
            self.tr("&New Note"),
            self.tr("Record which teams earned a customer's success"),
            self.new_note,
            QKeySequence(QKeySequence.StandardKey.New),
            local,
        )
        self.duplicate_action = make_action(
            self,
            self.tr("D&uplicate Note"),
            self.tr("Copy the selected note, with its credit, to record a similar outcome"),
            self.duplicate_note,
            QKeySequence("Ctrl+D"),
            local,
        )
        self.delete_action = make_action(
            self,
            self.tr("&Delete Note"),
            self.tr("Delete the selected note (Undo brings it back)"),
            self.delete_note,
            QKeySequence(QKeySequence.StandardKey.Delete),
            Qt.ShortcutContext.WidgetShortcut,  # on the table only: Delete in a field edits text
        )
        self.find_action = make_action(
            self,
            self.tr("&Find Notes"),
            self.tr("Search the notes"),
            self.focus_search,
            QKeySequence(QKeySequence.StandardKey.Find),
            local,
        )
        self.customers_action = make_action(
            self,
            self.tr("&Customers…"),
            self.tr("Add, edit and delete the customers notes are about"),
            self.edit_customers,
        )
        self.addActions([self.new_action, self.duplicate_action, self.find_action])
        # New Plan (Ctrl+N) and Duplicate Team (Ctrl+D, for the team chosen in the navigator)
        # are window-wide keys too: on this page they mean a new note and a duplicate note.
        self._key_claim = KeyClaim(self, [self.new_action, self.duplicate_action])

    def edit_actions(self) -> list[QAction]:
        """The page's actions, for a menu of the main window."""
        return [
            self.new_action,
            self.duplicate_action,
            self.delete_action,
            self.find_action,
            self.customers_action,
        ]

    # ---- the document ---------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self.keep_note()  # closing the plan is leaving the note too
        self._document = follow_changes(
            self._document, document, self._on_changed, self._on_period_changed
        )
        self.editor.set_document(document)
        self.filters.set_document(document)
        self._choices_stale = self._follow_period = True
        self._reload_choices()
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*_CHOICE_TABLES):
            self._choices_stale = True
            self._reload_choices()
        if changes.touches(*_NOTE_TABLES):
            self.refresh()

    def _on_period_changed(self, _period_id: object) -> None:
        # The key results on offer are the period's, and the period filter follows it.
        self._choices_stale = self._follow_period = True
        self._reload_choices()
        self.refresh()

    def _reload_choices(self) -> None:
        """Read what the filters and the editor offer, unless the page is hidden: then when it
        is next shown (a large plan has thousands of key results to list)."""
        document = self._document
        if not self._choices_stale or (document is not None and not self.isVisible()):
            return
        self._choices_stale = False
        self._choices = read_choices(document) if document is not None else ChoiceLists()
        self.filters.set_choices(self._choices)
        self.editor.set_choices(self._choices)
        if self._follow_period:
            self._follow_period = False
            self.filters.follow_period()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:
            # The table gets a little more than half: the editor's form needs no more.
            self._sized = True
            width = max(self.splitter.width(), 2)
            self.splitter.setSizes([width * 56 // 100, width - width * 56 // 100])
        if self._choices_stale:
            self._reload_choices()
            self._stale = True
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def keep_note(self) -> bool:
        """Store the note being written, if it has unsaved changes; False if refused (said)."""
        document = self._document
        if document is None or document.closed or not self.editor.is_dirty():
            return True
        return self.editor.save()

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page is leaving the note: keep what was typed, as moving to another does.
        self.keep_note()
        super().hideEvent(event)

    # ---- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the notes the filters let through; the selection and the editor stay put."""
        document = self._document
        if self._deferring:
            if not self._refresh_pending:
                self._refresh_pending = True
                QTimer.singleShot(0, self._run_pending_refresh)
            return
        if document is not None and not self.isVisible():
            self._stale = True  # hidden behind another page: read the plan when shown
            return
        self._stale = False
        where = self.filters.current()
        shown = journal(document.plan, where) if document is not None else Journal()
        self._shown = shown.notes
        narrowed = self.filters.is_narrowed()
        self.notes.set_entries(shown.notes, self.editor.note_id, narrowed)
        self.summary.show_journal(shown, self._choices)
        self.count.setText(self.notes.count_text(narrowed))
        self._sync_editor()
        self._update_actions()

    def _run_pending_refresh(self) -> None:
        self._refresh_pending = False
        self.refresh()

    def _sync_editor(self) -> None:
        """Show the plan's version of the note in the editor, unless it holds unsaved work."""
        editor = self.editor
        if editor.kept_from is not None and self._lookup(editor.kept_from) is not None:
            editor.resume()  # the note kept as new came back (a redo): edit it again
            return
        if editor.is_new or editor.note_id is None:
            return
        entry = self._lookup(editor.note_id)
        if editor.is_dirty():
            if entry is None:  # gone under the typing: keep the typing
                editor.keep_as_new()
            else:  # changed under the typing: its new version, with what was typed
                editor.rebase(entry)
            return
        editor.show_entry(entry)

    def _lookup(self, note_id: uuid.UUID | None) -> JournalEntry | None:
        if note_id is None:
            return None
        index = self._shown.index_of(note_id)
        if index >= 0:
            return self._shown[index]
        if self._document is not None:
            # Hidden by the filters (edited so it no longer matches, say): still editable.
            return find_note(self._document.plan, note_id)
        return None

    # ---- moving between notes -------------------------------------------------------------

    def _on_current_changed(self, note_id: uuid.UUID | None) -> None:
        if note_id is None or note_id == self.editor.note_id:
            self._update_actions()
            return
        if not self._leave_note():
            # Not saved (the editor says why): back to that note once the click is over.
            QTimer.singleShot(0, lambda: self.notes.select(self.editor.note_id))
            return
        self.editor.show_entry(self._lookup(note_id))
        self._update_actions()

    def _leave_note(self) -> bool:
        """Save the editor's changes before it shows something else; False if refused.

        Autosave rather than a question: moving on from a note means "done with it", as in the
        rest of the app, where each edit is saved as it is made. A question on every click
        gets answered without reading, and losing typed text is worse. Only input that cannot
        be stored keeps the person on the note, with the reason shown.
        """
        if not self.editor.is_dirty():
            return True
        # The save changes the plan while the table is still handling the click: the table
        # is refreshed after it, not under it.
        deferring, self._deferring = self._deferring, True
        try:
            return self.editor.save()
        finally:
            self._deferring = deferring

    def _on_saved(self, note_id: uuid.UUID) -> None:
        entry = self._lookup(note_id)
        if entry is not None:
            self.status.emit(self.tr("Saved the note on {name}.").format(name=entry.customer))

    def _update_actions(self) -> None:
        writable = self._document is not None and not self._document.read_only
        has_selection = self.notes.selected_id() is not None
        self.new_action.setEnabled(writable)
        self.duplicate_action.setEnabled(writable and has_selection)
        self.delete_action.setEnabled(writable and has_selection)
        self.customers_action.setEnabled(self._document is not None)
        self.find_action.setEnabled(self._document is not None)

    # ---- commands -------------------------------------------------------------------------

    def show_note(self, note_id: uuid.UUID) -> None:
        """Open a note in the editor, lifting the filters if they hide it."""
        if not self._leave_note():
            return
        self.tabs.setCurrentIndex(NOTES_TAB)
        if self._shown.index_of(note_id) < 0 or self._stale:
            self.filters.reset()
            self.filters.period_combo.setCurrentIndex(0)  # "All time"
            self.refresh()
        self.editor.show_entry(self._lookup(note_id))
        self.notes.select(note_id)
        self._update_actions()

    def new_note(self) -> None:
        if self._document is None or not self._leave_note():
            return
        self.tabs.setCurrentIndex(NOTES_TAB)
        self.notes.select(None)
        # A customer picked in the filters is the likely one; otherwise the first.
        self.editor.start_new(self.filters.customer_combo.value())
        self._update_actions()

    def duplicate_note(self) -> None:
        document = self._document
        note_id = self.notes.selected_id()
        if document is None or note_id is None or not self._leave_note():
            return
        # Read afresh: leaving the note may have just saved it, and the table's rows are
        # refreshed only after this.
        entry = find_note(document.plan, note_id)
        if entry is None:
            return
        edit = document.attempt(lambda: copy_of(document.plan, entry))
        if edit is None:
            return
        self.show_note(edit.edits[0].id)  # type: ignore[union-attr]
        self.status.emit(self.tr("Copied the note: change what differs, then save."))
        self.editor.form.customer_combo.setFocus()

    def delete_note(self) -> None:
        document = self._document
        note_id = self.notes.selected_id()
        if document is None or note_id is None:
            return
        row = self.notes.current_row()
        entry = self._lookup(note_id)
        if self.editor.note_id == note_id:
            self.editor.show_entry(None)  # its unsaved changes go with it
        if document.attempt(lambda: document.plan.notes.delete(note_id)) is None:
            self.editor.show_entry(entry)
            return
        self.notes.select_row(row)  # the next note, as in any list
        name = entry.customer if entry is not None else ""
        self.status.emit(
            self.tr("Deleted the note on {name}; Undo brings it back.").format(name=name)
        )
        self._update_actions()

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def edit_customers(self) -> None:
        if self._document is not None:
            customers.open_customers_dialog(self, self._document)


def _tool_button(action: QAction, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button
