"""The company's own objectives: plan-level OKRs that team objectives align to."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from planner.services.okr_tree import PLAN_LEVEL
from planner.ui.document import PlanDocument
from planner.ui.okr.editor import OkrEditor
from planner.ui.okr.history import KeyResultHistory
from planner.ui.widgets import PAGE_MARGIN, Heading, Hint, scroll_page


class PlanOkrsPage(QWidget):
    """The plan-level OKR tree with the selected key result's history and trend below."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = Heading(self.tr("Company objectives"), level=1)
        self.hint = Hint(
            self.tr(
                "Objectives for the whole plan. Team objectives align to these; their "
                "progress is the mean of every objective in the period."
            )
        )
        self.editor = OkrEditor()
        self.editor.status.connect(self.status)
        self.history = KeyResultHistory()
        self.editor.key_result_selected.connect(self.history.set_key_result)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        # A splitter, so the person chooses how much goes to the tree and to the trend, and
        # the page asks little of the window's height.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.history)
        # Company objectives are few: the check-ins and the trend get the larger share.
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        # Scrolls on a small window rather than forcing the window to grow.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_page(content, self))

    def set_document(self, document: PlanDocument | None) -> None:
        self.editor.set_document(document)
        self.history.set_document(document)
        self.editor.set_owner(PLAN_LEVEL)
        self.history.set_key_result(None)
