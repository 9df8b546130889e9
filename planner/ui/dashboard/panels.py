"""The dashboard's chart panels: a titled frame around a matplotlib canvas.

matplotlib is imported by :meth:`FigurePanel.ensure_canvas`, called only when the dashboard is
first shown; importing this module never loads it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from planner.report.figures import Style
from planner.ui.figure_style import style_for
from planner.ui.widgets import Heading, Hint

Draw = Callable[[Any, Style], Any]  # (figure, style) → the figure, drawn


class ChartPanel(QFrame):
    """A titled panel: a heading (with room for controls at its right) above a body."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
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


class FigurePanel(ChartPanel):
    """A panel drawing one figure builder of :mod:`planner.report.figures` on a canvas."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, object_name, parent)
        self.canvas: Any = None  # FigureCanvasQTAgg, made by ensure_canvas
        self._draw: Draw | None = None

    def ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from planner.report.figures import register_fonts

        register_fonts()
        # A panel squeezed small (a dock opened beside it) is drawn without the layout, then
        # laid out again at its next size; matplotlib's warning about it is noise on stderr.
        warnings.filterwarnings(
            "ignore", message="constrained_layout not applied", category=UserWarning
        )
        # The screen's dpi, so a matplotlib point is a Qt point and the figures' text matches
        # the widgets' around them.
        figure = Figure(dpi=self.logicalDpiX(), layout="constrained")
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumSize(200, 150)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.body.addWidget(self.canvas, 1)
        # Shown now, not when the layout gets round to it, so laying the panel out at once
        # gives the canvas its size before anything is drawn on it.
        self.canvas.show()
        if self._draw is not None:
            self.redraw()

    def plot(self, draw: Draw) -> None:
        self._draw = draw
        self.redraw()

    def redraw(self) -> None:
        if self.canvas is None or self._draw is None:
            return
        figure = self.canvas.figure
        figure.clear()
        self._draw(figure, style_for(self))
        # Idle: the resize that follows a first show draws once, not twice.
        self.canvas.draw_idle()

    def texts(self) -> list[str]:
        """Every text on the figure (for tests and accessibility checks)."""
        if self.canvas is None:
            return []
        from matplotlib.text import Text

        return [t.get_text() for t in self.canvas.figure.findobj(Text) if t.get_text()]
