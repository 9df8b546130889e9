"""The note editor: one customer outcome, its story, and which teams earned it in what share."""

from __future__ import annotations

import uuid
from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.domain.validation import ValidationError
from planner.services.attribution import ContributionInput
from planner.services.base import NotFoundError
from planner.services.edits import Batch
from planner.services.journal import JournalEntry
from planner.services.plan import Plan
from planner.ui.actions import make_action
from planner.ui.document import PlanDocument
from planner.ui.journal import customers
from planner.ui.journal.choices import ChoiceLists
from planner.ui.journal.contributions import read_percent
from planner.ui.journal.labels import status_style
from planner.ui.journal.note_form import NoteForm, NoteState, entry_state, new_state
from planner.ui.widgets import Heading, Hint, commit_cell_being_edited, scroll_page


class NoteEditor(QWidget):
    """Edits one note (or a new one) and saves it as one undoable step.

    ``saved(id)`` follows a successful save. Nothing is stored while any value is wrong: the
    reason shows in the editor, naming the field, and that field takes the focus.
    """

    saved = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._note_id: uuid.UUID | None = None
        self._kept_from: uuid.UUID | None = None
        self._new = False
        self._loaded: NoteState | None = None

        self.heading = Heading(self.tr("Note"))
        self.state_hint = Hint()
        self.state_hint.setWordWrap(False)
        self.form = NoteForm(self)
        self.form.edited.connect(self._show_state)
        self.form.new_customer_button.clicked.connect(self.add_customer)
        self.form.date_edit.installEventFilter(self)
        self.message = QLabel(self)
        self.message.setObjectName("noteMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

        local = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.save_action = make_action(
            self,
            self.tr("&Save Note"),
            self.tr("Save this note"),
            self.save,
            QKeySequence(QKeySequence.StandardKey.Save),
            local,
        )
        self.save_action.setShortcuts(
            [
                QKeySequence(QKeySequence.StandardKey.Save),
                QKeySequence("Ctrl+Return"),
                QKeySequence("Ctrl+Enter"),
            ]
        )
        self.revert_action = make_action(
            self,
            self.tr("&Revert"),
            self.tr("Forget the changes made since the last save"),
            self.revert,
        )
        self.addActions([self.save_action, self.revert_action])
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveNote")
        self.save_button.setToolTip(self.tr("Save this note (Ctrl+S or Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.setToolTip(self.revert_action.toolTip())
        self.revert_button.clicked.connect(self.revert)

        title_row = QHBoxLayout()
        title_row.addWidget(self.heading)
        title_row.addStretch(1)
        title_row.addWidget(self.state_hint)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(12, 4, 12, 4)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        fields = QWidget()
        layout = QVBoxLayout(fields)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addLayout(title_row)
        layout.addWidget(self.form)
        layout.addStretch(1)
        # The fields scroll in a short window; the reason for a refusal and the buttons stay
        # in sight below them.
        form_page = QWidget()
        page_layout = QVBoxLayout(form_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(scroll_page(fields), 1)
        self.message.setContentsMargins(12, 6, 12, 0)
        page_layout.addWidget(self.message)
        page_layout.addLayout(buttons)

        self.empty_hint = Hint(
            self.tr("Select a note to read or edit it, or press Ctrl+N to record a new outcome.")
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(form_page)
        self.stack.addWidget(self.empty_hint)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        QWidget.setTabOrder(self.form.credit.unattributed_edit, self.revert_button)
        QWidget.setTabOrder(self.revert_button, self.save_button)
        self._show_mode()

    # ---- the document ---------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        """Edit notes of ``document``; what its combo boxes offer comes from
        :meth:`set_choices` (the page reads the choices once for its filters and the editor)."""
        self._document = document
        self._note_id, self._new, self._loaded, self._kept_from = None, False, None, None
        self.form.set_choices(document, ChoiceLists())
        self._show_mode()

    def set_choices(self, choices: ChoiceLists) -> None:
        self.form.set_choices(self._document, choices)

    # ---- what it shows --------------------------------------------------------------------

    @property
    def note_id(self) -> uuid.UUID | None:
        """The note on show (for a new note: its id once saved); None when none is."""
        return self._note_id

    @property
    def is_new(self) -> bool:
        return self._new

    def show_entry(self, entry: JournalEntry | None) -> None:
        """Show a saved note (None: nothing); unsaved changes are dropped, so save first."""
        self._new, self._kept_from = False, None
        self._note_id = entry.id if entry is not None else None
        if entry is None:
            self._loaded = None
        else:
            self._apply(entry_state(entry))
        self._show_mode()

    def start_new(self, customer_id: uuid.UUID | None = None) -> None:
        """A new note: today, the customer given (else the first), onboarding completed."""
        document = self._document
        if document is None:
            return
        if customer_id is None:
            offered = self.form.customer_combo.values()
            customer_id = offered[0] if offered else None
        self._new, self._note_id, self._kept_from = True, None, None
        self._apply(new_state(document.today(), customer_id))
        self._show_mode()
        if self.isVisible():
            self.form.outcome_edit.setFocus()

    def rebase(self, entry: JournalEntry) -> None:
        """The note on show changed in the plan (an undo, say) while it held unsaved typing:
        show its new version, keeping only the fields the person changed. Saving then stores
        the typing on top of what the plan now holds, not over an undo."""
        if self._loaded is None:
            self.show_entry(entry)
            return
        if entry_state(entry) == self._loaded:
            return  # another part of the plan changed: the typing stays as it is, cursor too
        typed, before = self.form.state(), self._loaded
        self._apply(entry_state(entry))
        now = self._loaded
        assert now is not None
        merged = {
            name: getattr(typed if getattr(typed, name) != getattr(before, name) else now, name)
            for name in (field.name for field in fields(NoteState))
        }
        held = {part.id for part in now.contributions}
        # Credit typed before the change keeps its rows, those the plan lost as new rows.
        merged["contributions"] = tuple(
            part if part.id is None or part.id in held else replace(part, id=None)
            for part in merged["contributions"]
        )
        self.form.apply(NoteState(**merged))
        self._show_mode()

    def keep_as_new(self) -> None:
        """The note on show left the plan (an undo, say) while it held unsaved changes: keep
        what was typed, as a new note, rather than lose it or save it to a note gone. Should
        the note come back (a redo), :meth:`resume` edits it again."""
        self._kept_from = self._note_id
        self._new, self._note_id = True, None
        self._show_mode()
        self._say(
            self.tr(
                "This note is no longer in the plan (undone or deleted). What you typed is "
                "kept as a new note: save it to keep it, or Revert."
            )
        )

    @property
    def kept_from(self) -> uuid.UUID | None:
        """The note whose unsaved changes are kept as a new note (:meth:`keep_as_new`)."""
        return self._kept_from

    def resume(self) -> None:
        """The note kept as new is back in the plan: edit it again, with what was typed."""
        self._new, self._note_id, self._kept_from = False, self._kept_from, None
        self.message.hide()
        self._show_mode()

    def _apply(self, state: NoteState) -> None:
        self.form.apply(state)
        # What the widgets made of it (the date's exact text, say) is the clean state.
        self._loaded = self.form.state()
        self.message.hide()

    def is_dirty(self) -> bool:
        return self._loaded is not None and self.form.state() != self._loaded

    def _show_mode(self) -> None:
        self.stack.setCurrentIndex(0 if self._loaded is not None else 1)
        self.heading.setText(self.tr("New note") if self._new else self.tr("Note"))
        # A read-only plan is read, not edited: the fields stay legible but take no input.
        self.form.setEnabled(self._writable())
        self._show_state()

    def _writable(self) -> bool:
        return self._document is not None and not self._document.read_only

    def _show_state(self) -> None:
        dirty = self.is_dirty()
        self.save_action.setEnabled(self._writable() and (dirty or self._new))
        self.save_button.setEnabled(self.save_action.isEnabled())
        self.revert_action.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if self._new:
            hint = self.tr("Not saved yet")
        elif dirty:
            hint = self.tr("Changed; saved when you move on")
        else:
            hint = self.tr("Saved")
        self.state_hint.setText(hint)
        self.state_hint.setToolTip(
            self.tr("Ctrl+S saves now; moving to another note or page saves too")
        )

    # ---- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the note as one undoable edit; False (and the reason shown) if refused."""
        document = self._document
        if document is None or self._loaded is None:
            return False
        # A share still being typed in its cell counts (Ctrl+S or Ctrl+Enter from the cell).
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            commit_cell_being_edited(focus)
        if not self.is_dirty() and not self._new:
            return True
        try:
            edit = self._build_edit(document)
        except (ValidationError, NotFoundError) as error:
            self._refuse(error)
            return False
        previous = self._note_id, self._new, self._loaded
        if self._new:
            self._note_id = edit.edits[0].id  # type: ignore[union-attr]
        # Clean before the push: the page shows the plan's version of the note while it runs.
        self._new, self._loaded = False, self.form.state()
        if not document.push(edit):
            self._note_id, self._new, self._loaded = previous
            self._show_state()
            return False
        self._kept_from = None
        self.message.hide()
        self._show_mode()
        self.saved.emit(self._note_id)
        return True

    def revert(self) -> None:
        if self._kept_from is not None:  # dropping what was typed on a note now gone
            self.show_entry(None)
            return
        if self._loaded is not None:
            self._apply(self._loaded)
            self._show_state()

    def _build_edit(self, document: PlanDocument) -> Batch:
        state = self.form.state()
        on_date = self.form.read_date()
        if state.customer_id is None:
            raise ValidationError("Customer", "is required; choose one or add a new customer")
        parts = []
        for row, draft in enumerate(state.contributions, start=1):
            if draft.team_id is None and draft.id is None:
                raise ValidationError(f"Team in row {row}", "choose the team that earned it")
            share = read_percent(draft.share, f"Share in row {row}")
            parts.append(
                (draft.id, ContributionInput(draft.team_id, draft.touch, share, draft.note))
            )
        fields: dict[str, Any] = {
            "on_date": on_date,
            "customer_id": state.customer_id,
            "outcome_category": state.category,
            "outcome": state.outcome,
            "story": state.story,
            "evidence": state.evidence,
            "key_result_id": state.key_result_id,
            "confidence": state.confidence,
            "unattributed_share": read_percent(state.unattributed, "Unattributed share"),
        }
        notes = document.plan.notes
        if self._new:
            return notes.create(contributions=[part for _, part in parts], **fields)
        assert self._note_id is not None
        return notes.revise(self._note_id, parts, **fields)

    def _refuse(self, error: ValidationError | NotFoundError) -> None:
        self._say(self.tr("Not saved. {reason}").format(reason=error))
        target = self.form.widget_for(getattr(error, "field", ""))
        if target is not None and self.isVisible():
            target.setFocus()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(status_style(self, ok=False, bold=True))
        self.message.show()

    # ---- customers and dates --------------------------------------------------------------

    def add_customer(self) -> None:
        """Open the customer directory; a customer added there is chosen for this note."""
        if self._document is None:
            return
        created = customers.open_customers_dialog(self, self._document)
        if created is not None and self._loaded is not None:
            self.form.customer_combo.set_value(created)
            self._show_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QDateEdit silently puts back the last good date when the focus leaves a date it cannot
        # read; say so, or the person believes their date was taken.
        if watched is self.form.date_edit and event.type() == QEvent.Type.FocusOut:
            try:
                self.form.read_date()
            except ValidationError as error:
                self.message.setText(
                    self.tr("{reason}; the date was put back.").format(reason=error)
                )
                self.message.show()
        return super().eventFilter(watched, event)


def copy_of(plan: Plan, entry: JournalEntry) -> Batch:
    """A new note like ``entry``. Credit to a deleted team cannot be given again: the copy
    leaves it unattributed."""
    kept = [s for s in entry.shares if s.team_id is not None]
    lost = sum(s.share for s in entry.shares if s.team_id is None)
    return plan.notes.create(
        entry.on_date,
        entry.customer_id,
        entry.outcome_category,
        entry.outcome,
        [ContributionInput(s.team_id, s.touch, s.share, s.note) for s in kept],
        story=entry.story,
        evidence=entry.evidence,
        key_result_id=entry.key_result_id,
        confidence=entry.confidence,
        unattributed_share=entry.unattributed_share + lost,
    )
