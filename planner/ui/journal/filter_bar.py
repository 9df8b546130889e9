"""The journal's filters: period, team, stage, customer, kind of outcome and free text."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from planner.domain.values import OutcomeCategory
from planner.services.journal import JournalFilter
from planner.ui.document import PlanDocument
from planner.ui.journal.choices import ChoiceLists, ValueCombo
from planner.ui.journal.labels import outcome_name

# Long enough to let a word be typed, short enough to feel live.
SEARCH_DELAY_MS = 250
ALL_TIME = "all"


class JournalFilterBar(QWidget):
    """Combo boxes whose first item lifts the filter ("All teams"), and a search field.

    ``changed`` follows every choice at once and typing after a short pause. The period follows
    the document's period on show until the person picks another one here.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._periods: dict[uuid.UUID, tuple[date, date]] = {}
        self.period_combo = _filter_combo("journalPeriod", self.tr("Notes dated in this period"))
        self.team_combo = _filter_combo("journalTeam", self.tr("Notes giving this team credit"))
        self.stage_combo = _filter_combo(
            "journalStage",
            self.tr("Notes crediting a team of this stage or linked to its key results"),
        )
        self.customer_combo = _filter_combo("journalCustomer", self.tr("Notes about this customer"))
        self.outcome_combo = _filter_combo(
            "journalOutcome", self.tr("Notes on this kind of outcome")
        )
        self.outcome_combo.set_items(
            [(None, self.tr("All outcomes"))] + [(c, outcome_name(c)) for c in OutcomeCategory]
        )
        self.search = QLineEdit(self)
        self.search.setObjectName("journalSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search notes (Ctrl+F)"))
        self.search.setToolTip(
            self.tr("Find notes by customer, outcome, story, evidence, team or key result")
        )
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _text: self._debounce.start())

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for combo in (
            self.period_combo,
            self.team_combo,
            self.stage_combo,
            self.customer_combo,
            self.outcome_combo,
        ):
            combo.activated.connect(lambda _row: self.changed.emit())
            layout.addWidget(combo)
        layout.addWidget(self.search, 1)

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = document
        self.reset()

    def reset(self) -> None:
        """Every filter lifted, the period back to the document's."""
        for combo in (self.team_combo, self.stage_combo, self.customer_combo, self.outcome_combo):
            combo.setCurrentIndex(0)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.follow_period()

    def set_choices(self, choices: ChoiceLists) -> None:
        """Refill the combo boxes after the plan changed, keeping what is chosen."""
        document = self._document
        periods = document.plan.periods.list() if document is not None else []
        self._periods = {p.id: (p.start_date, p.end_date) for p in periods}
        self.period_combo.set_items(
            [(ALL_TIME, self.tr("All time"))] + [(p.id, p.name) for p in periods]
        )
        if self.period_combo.currentIndex() < 0:
            self.follow_period()
        self.team_combo.set_items([(None, self.tr("All teams")), *choices.teams])
        self.stage_combo.set_items([(None, self.tr("All stages")), *choices.stages])
        self.customer_combo.set_items([(None, self.tr("All customers")), *choices.customers])
        for combo in (self.team_combo, self.stage_combo, self.customer_combo):
            if combo.currentIndex() < 0:  # what was chosen was deleted: lift that filter
                combo.setCurrentIndex(0)

    def follow_period(self) -> None:
        period_id = self._document.period_id if self._document is not None else None
        if not self.period_combo.set_value(period_id or ALL_TIME):
            self.period_combo.set_value(ALL_TIME)

    def current(self) -> JournalFilter:
        start = end = None
        period = self.period_combo.value()
        if period in self._periods:
            start, end = self._periods[period]
        return JournalFilter(
            start=start,
            end=end,
            team_id=self.team_combo.value(),
            stage_id=self.stage_combo.value(),
            customer_id=self.customer_combo.value(),
            outcome=self.outcome_combo.value(),
            text=self.search.text(),
        )

    def is_narrowed(self) -> bool:
        """True when anything but the period hides notes."""
        where = self.current()
        return any(
            (where.team_id, where.stage_id, where.customer_id, where.outcome, where.text.strip())
        )

    def flush(self) -> None:
        """Apply typed text now rather than after the pause."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.changed.emit()


def _filter_combo(name: str, tip: str) -> ValueCombo:
    combo = ValueCombo()
    combo.setObjectName(name)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(ValueCombo.SizeAdjustPolicy.AdjustToContents)
    return combo
