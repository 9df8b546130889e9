"""The toolbar's period picker: which period every page shows progress for."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from planner.services.plan import Changes
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.texts import period_dates


class PeriodPicker(QComboBox):
    """Lists the plan's periods (oldest first) and sets the document's period on choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._filling = False
        self.setObjectName("periodPicker")
        self.setToolTip(self.tr("The period whose objectives and progress every page shows"))
        self.setStatusTip(self.toolTip())
        # As wide as a usual period name ("2026 Q4 (now)", "FY2027 H1"): a long one is cut
        # short here, shown in full in the list and the tooltip, and never pushes the
        # toolbar's other buttons out of sight.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.currentIndexChanged.connect(self._on_index_changed)
        self.set_document(None)

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(
            self._document, document, self._on_changed, self._show_period
        )
        self.reload()

    def reload(self) -> None:
        document = self._document
        self._filling = True
        try:
            self.clear()
            if document is not None:
                today = document.today()
                for period in document.plan.periods.list():
                    running = period.start_date <= today <= period.end_date
                    text = (
                        self.tr("{name} (now)").format(name=period.name)
                        if running
                        else (period.name)
                    )
                    # As text: findData() cannot compare Python objects such as UUIDs.
                    self.addItem(text, str(period.id))
                    self.setItemData(
                        self.count() - 1, period_dates(period), Qt.ItemDataRole.ToolTipRole
                    )
        finally:
            self._filling = False
        self.setEnabled(self.count() > 0)
        if self.count() == 0:
            self.setPlaceholderText(self.tr("No periods"))
        self._show_period(document.period_id if document else None)

    def period_ids(self) -> list[uuid.UUID]:
        return [uuid.UUID(self.itemData(row)) for row in range(self.count())]

    def _show_period(self, period_id: uuid.UUID | None) -> None:
        row = self.findData(str(period_id)) if period_id is not None else -1
        if row != self.currentIndex():
            self._filling = True
            try:
                self.setCurrentIndex(row)
            finally:
                self._filling = False

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("period"):
            self.reload()

    def _on_index_changed(self, row: int) -> None:
        if self._filling or self._document is None or row < 0:
            return
        self._document.set_period(uuid.UUID(self.itemData(row)))
