"""The dashboard's chart panels: a titled frame, with a caption, around a chart."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from planner.ui.chart import Chart
from planner.ui.widgets import Heading, Hint

ChartType = TypeVar("ChartType", bound=Chart)


class ChartPanel(QFrame, Generic[ChartType]):
    """A titled panel: a heading and caption (with room for controls at their right) above
    its chart."""

    def __init__(
        self, title: str, object_name: str, chart: ChartType, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = Heading(title)
        self.caption = Hint()
        self.header = QHBoxLayout()
        self.header.setSpacing(8)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.caption)
        self.header.addLayout(titles, 1)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(self.header)
        layout.addLayout(self.body, 1)
        self.chart = chart
        chart.setAccessibleName(title)
        self.body.addWidget(chart, 1)

    def set_caption(self, text: str) -> None:
        """The line under the title, also the chart's description for screen readers."""
        self.caption.setText(text)
        self.chart.setAccessibleDescription(text)

    def texts(self) -> list[str]:
        """Every text the chart shows (for tests and accessibility checks)."""
        return self.chart.texts()
