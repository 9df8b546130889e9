"""The fields of a note, and the note as they hold it (:class:`NoteState`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.validation import ValidationError
from planner.domain.values import Confidence, OutcomeCategory
from planner.services.journal import JournalEntry
from planner.ui.document import PlanDocument
from planner.ui.journal.choices import (
    ChoiceLists,
    KeyResultChoice,
    ValueCombo,
    key_result_choices,
    key_result_title,
)
from planner.ui.journal.contributions import ContributionDraft
from planner.ui.journal.credit_editor import CreditEditor
from planner.ui.journal.labels import confidence_name, outcome_name
from planner.ui.texts import number_for_editing
from planner.ui.widgets import Heading, Hint


@dataclass(frozen=True)
class NoteState:
    """Everything the form shows, as typed: equal states mean nothing was changed."""

    date_text: str
    customer_id: uuid.UUID | None
    category: OutcomeCategory
    outcome: str
    story: str
    evidence: str
    key_result_id: uuid.UUID | None
    confidence: Confidence
    contributions: tuple[ContributionDraft, ...]
    unattributed: str


def date_format() -> str:
    """The locale's short date format, with four-digit years (is "03/04/05" 1905 or 2005?)."""
    text = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return text if "yyyy" in text else text.replace("yy", "yyyy")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def entry_state(entry: JournalEntry) -> NoteState:
    return NoteState(
        QLocale().toString(_qdate(entry.on_date), date_format()),
        entry.customer_id,
        entry.outcome_category,
        entry.outcome,
        entry.story,
        entry.evidence,
        entry.key_result_id,
        entry.confidence,
        tuple(
            ContributionDraft(s.id, s.team_id, s.touch, number_for_editing(s.share), s.note)
            for s in entry.shares
        ),
        number_for_editing(entry.unattributed_share) if entry.unattributed_share else "",
    )


def new_state(today: date, customer_id: uuid.UUID | None) -> NoteState:
    """A new note: today, the customer given, onboarding completed, no credit given yet."""
    return NoteState(
        QLocale().toString(_qdate(today), date_format()),
        customer_id,
        OutcomeCategory.ONBOARDING_COMPLETED,
        "",
        "",
        "",
        None,
        Confidence.MEDIUM,
        (),
        "",
    )


class NoteForm(QWidget):
    """Date, customer, outcome, story, evidence, key result, confidence and the credit.

    ``edited`` follows every change the person makes (not the ones made by ``apply``).
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._key_results: tuple[KeyResultChoice, ...] = ()  # what the key result combo offers
        self._applying = False

        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("noteDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_format())
        self.date_edit.setToolTip(self.tr("When the outcome happened, as you write dates"))
        self.confidence_combo = _combo(
            "noteConfidence", self.tr("How sure you are of the split of credit"), fit=True
        )
        self.confidence_combo.set_items([(c, confidence_name(c)) for c in Confidence])
        self.customer_combo = _combo("noteCustomer", self.tr("Whose success this is"))
        self.customer_combo.setPlaceholderText(self.tr("No customers yet"))
        self.new_customer_button = QToolButton(self)
        self.new_customer_button.setText(self.tr("New Customer…"))
        self.new_customer_button.setToolTip(self.tr("Open the customer directory to add one"))
        self.category_combo = _combo("noteCategory", self.tr("What kind of success"), fit=True)
        self.category_combo.set_items([(c, outcome_name(c)) for c in OutcomeCategory])
        self.outcome_edit = QLineEdit(self)
        self.outcome_edit.setObjectName("noteOutcome")
        self.outcome_edit.setPlaceholderText(self.tr("What happened, in one line"))
        self.outcome_edit.setToolTip(self.tr("e.g. “Onboarded all 14 designers within a day”"))
        self.story_edit = _text_box(
            "noteStory", self.tr("How it happened: who did what, in the customer's words"), 4
        )
        self.evidence_edit = _text_box(
            "noteEvidence", self.tr("What shows it: a call log, usage data, an email"), 2
        )
        self.key_result_combo = _combo(
            "noteKeyResult", self.tr("The key result of the period this outcome moved (optional)")
        )
        self.key_result_combo.currentIndexChanged.connect(self._show_key_result_stage)
        self.key_result_stage = Hint()
        self.credit = CreditEditor(self)

        for combo in (
            self.customer_combo,
            self.category_combo,
            self.key_result_combo,
            self.confidence_combo,
        ):
            combo.activated.connect(lambda _row: self._on_edited())
        self.date_edit.dateChanged.connect(lambda _day: self._on_edited())
        self.outcome_edit.textEdited.connect(lambda _text: self._on_edited())
        self.story_edit.textChanged.connect(self._on_edited)
        self.evidence_edit.textChanged.connect(self._on_edited)
        self.credit.changed.connect(self._on_edited)
        self._lay_out()

    def _lay_out(self) -> None:
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addSpacing(12)
        date_row.addWidget(_buddy(self.tr("Co&nfidence:"), self.confidence_combo))
        date_row.addWidget(self.confidence_combo)
        date_row.addStretch(1)
        customer_row = QHBoxLayout()
        customer_row.addWidget(self.customer_combo, 1)
        customer_row.addWidget(self.new_customer_button)
        # The kind above the words: both are the outcome, and the words need the width.
        outcome_row = QVBoxLayout()
        outcome_row.setSpacing(4)
        outcome_row.addWidget(self.category_combo, 0, Qt.AlignmentFlag.AlignLeft)
        outcome_row.addWidget(self.outcome_edit)
        key_result = QVBoxLayout()
        key_result.setSpacing(2)
        key_result.addWidget(self.key_result_combo)
        key_result.addWidget(self.key_result_stage)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_buddy(self.tr("&Date:"), self.date_edit), date_row)
        form.addRow(_buddy(self.tr("C&ustomer:"), self.customer_combo), customer_row)
        form.addRow(_buddy(self.tr("&Outcome:"), self.category_combo), outcome_row)
        form.addRow(self.tr("S&tory:"), self.story_edit)
        form.addRow(self.tr("&Evidence:"), self.evidence_edit)
        form.addRow(_buddy(self.tr("&Key result:"), self.key_result_combo), key_result)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(Heading(self.tr("Who earned it")))
        layout.addWidget(
            Hint(self.tr("Share 100 % of the credit among the teams and kinds of touch."))
        )
        layout.addWidget(self.credit)
        # Keyboard first: Tab walks the form top to bottom, then into the credit rows.
        order = [
            self.date_edit,
            self.confidence_combo,
            self.customer_combo,
            self.new_customer_button,
            self.category_combo,
            self.outcome_edit,
            self.story_edit,
            self.evidence_edit,
            self.key_result_combo,
            *self.credit.tab_order(),
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ---- choices --------------------------------------------------------------------------

    def set_choices(self, document: PlanDocument | None, choices: ChoiceLists) -> None:
        """Refill the combo boxes, keeping what they show.

        The key results are offered once a note is shown (``apply``), not before: a large plan
        has thousands, and the form is out of sight until then.
        """
        self._document = document
        current = self.key_result_combo.value()
        self.customer_combo.set_items(choices.customers)
        self.credit.set_teams(choices.teams)
        if self.key_result_combo.count():
            self._fill_key_results(current)

    def _fill_key_results(self, current: uuid.UUID | None) -> None:
        document = self._document
        known = self._key_results = key_result_choices(document) if document is not None else ()
        items: list[tuple[uuid.UUID | None, str]] = [(None, self.tr("No key result"))]
        items += [(kr.id, kr.title) for kr in known]
        tips = ["", *(f"{kr.title}\n{kr.where}" for kr in known)]
        if current is not None and all(kr.id != current for kr in known):
            # Linked to a key result of another period: keep the link rather than drop it.
            title = key_result_title(self._document, current)
            items.append((current, self.tr("{title} (another period)").format(title=title)))
        self.key_result_combo.set_items(items, tips)
        self.key_result_combo.set_value(current)
        self._show_key_result_stage()

    def _show_key_result_stage(self) -> None:
        chosen = self.key_result_combo.value()
        where = next((kr.where for kr in self._key_results if kr.id == chosen), "")
        self.key_result_stage.setText(where)
        self.key_result_stage.setVisible(bool(where))
        self.key_result_combo.setToolTip(self.key_result_combo.currentText())

    # ---- the note -------------------------------------------------------------------------

    def state(self) -> NoteState:
        return NoteState(
            self.date_edit.text(),
            self.customer_combo.value(),
            self.category_combo.value(),
            self.outcome_edit.text(),
            self.story_edit.toPlainText(),
            self.evidence_edit.toPlainText(),
            self.key_result_combo.value(),
            self.confidence_combo.value(),
            tuple(self.credit.drafts()),
            self.credit.unattributed_text(),
        )

    def apply(self, state: NoteState) -> None:
        """Show ``state``; not an edit, so ``edited`` stays quiet."""
        self._applying = True
        try:
            self.date_edit.setDate(QLocale().toDate(state.date_text, date_format()))
            self.customer_combo.set_value(state.customer_id)
            self.category_combo.set_value(state.category)
            self.outcome_edit.setText(state.outcome)
            self.story_edit.setPlainText(state.story)
            self.evidence_edit.setPlainText(state.evidence)
            self._fill_key_results(state.key_result_id)
            self.confidence_combo.set_value(state.confidence)
            self.credit.set_credit(list(state.contributions), state.unattributed)
        finally:
            self._applying = False

    def read_date(self) -> date:
        """The date typed, or a ValidationError saying how to type one."""
        text = self.date_edit.text()
        locale = QLocale()
        shown = self.date_edit.displayFormat()
        # People type "5 1 2026" where the field shows "05 01 2026": both read the same.
        for layout in dict.fromkeys((shown, shown.replace("dd", "d").replace("MM", "M"))):
            parsed = locale.toDate(text, layout)
            if parsed.isValid():
                return date(parsed.year(), parsed.month(), parsed.day())
        example = locale.toString(QDate(2025, 3, 31), shown)
        raise ValidationError("Date", f"'{text}' is not a date; type it like {example}")

    def widget_for(self, field: str) -> QWidget | None:
        """The input a refusal's field name points at, to put the focus there."""
        if field.startswith(("Share", "Team", "Touch")):
            return self.credit.view
        if field == "Unattributed share":
            return self.credit.unattributed_edit
        return {
            "Date": self.date_edit,
            "Customer": self.customer_combo,
            "Outcome": self.outcome_edit,
            "Story": self.story_edit,
            "Evidence": self.evidence_edit,
            "Key result": self.key_result_combo,
        }.get(field)

    def _on_edited(self) -> None:
        if not self._applying:
            self.edited.emit()


def _combo(name: str, tip: str, fit: bool = False) -> ValueCombo:
    combo = ValueCombo()
    combo.setObjectName(name)
    combo.setToolTip(tip)
    if fit:  # a closed vocabulary: wide enough for its longest name
        combo.setSizeAdjustPolicy(ValueCombo.SizeAdjustPolicy.AdjustToContents)
    else:  # names and titles: long ones must not widen the editor beyond its pane
        combo.setSizeAdjustPolicy(ValueCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
    return combo


def _text_box(name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # keyboard first: Tab moves on, as in every other field
    height = box.fontMetrics().lineSpacing() * lines + 2 * box.frameWidth() + 10
    box.setFixedHeight(height)
    return box


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label
