"""Credit per team, stacked by kind of touch: a matplotlib chart in the summary panel.

matplotlib takes about a second to import, so it is loaded when the chart is first shown,
never when the journal is imported or the page is built; only ``Figure`` and the Qt canvas are
used (pyplot would keep global figures alive behind the app's back).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from planner.domain.values import TouchKind
from planner.ui.figure_style import style_for
from planner.ui.journal.labels import touch_name
from planner.ui.texts import format_number
from planner.ui.widgets import Hint

BAR_INCHES = 0.36
FRAME_INCHES = 1.0
ChartRows = Sequence[tuple[str, dict[TouchKind, float]]]


class CreditChart(QWidget):
    """One horizontal bar per team, stacked by kind of touch, with a legend and values.

    ``set_rows`` may be called at any time; the drawing (and matplotlib's import) waits until
    the chart is on screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, dict[TouchKind, float]]] = []
        self._drawn: list[tuple[str, dict[TouchKind, float]]] | None = None
        self.canvas: Any = None  # FigureCanvasQTAgg, made on first show
        self.figure: Any = None
        self.empty = Hint(self.tr("No team has credit in the notes shown."))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.empty)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rows(self, rows: ChartRows) -> None:
        self._rows = [(name, dict(touches)) for name, touches in rows]
        if self.isVisible():
            self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draw()

    def _draw(self) -> None:
        rows = self._rows
        self.empty.setVisible(not rows)
        if self.canvas is not None:
            self.canvas.setVisible(bool(rows))
            if not rows:
                self.setMinimumHeight(0)
        if not rows or rows == self._drawn:
            return
        if self.canvas is None:
            self._make_canvas()
        self._drawn = [(name, dict(touches)) for name, touches in rows]
        self._plot(rows)
        height = int(self._inches(len(rows)) * self.figure.dpi)
        self.canvas.setFixedHeight(height)
        # Said on the chart itself too: the page around it grows to the new height at once,
        # rather than squeezing the canvas drawn during the show.
        self.setMinimumHeight(height)
        self.updateGeometry()
        self.canvas.draw_idle()

    def _make_canvas(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from planner.report.figures import register_fonts

        register_fonts()
        self.figure = Figure(layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("creditChart")
        self.canvas.setParent(self)
        self._layout.addWidget(self.canvas)

    @staticmethod
    def _inches(rows: int) -> float:
        return FRAME_INCHES + BAR_INCHES * max(rows, 1)

    def _plot(self, rows: ChartRows) -> None:
        from planner.report.figures import credit_by_touch

        credit_by_touch(
            rows,
            style_for(self),
            self.figure,
            touch_names={kind: touch_name(kind) for kind in TouchKind},
            number=lambda value: format_number(round(value, 1)),
            axis_label=self.tr("Credit (percentage points)"),
            hatched=True,
        )
