"""The dashboard's chart panels: a titled frame around a matplotlib canvas or an SVG drawing.

matplotlib is imported by :meth:`FigurePanel.ensure_canvas`, called only when the dashboard is
first shown; importing this module never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFontInfo, QPainter, QPaintEvent, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from planner.report.figures import Colours, Style
from planner.ui.widgets import Heading, Hint

Draw = Callable[[Any, Style], Any]  # (figure, style) → the figure, drawn


def _mix(a: QColor, b: QColor, share: float) -> str:
    """``a`` moved ``share`` of the way to ``b``, as "#rrggbb"."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    ).name()


def style_for(widget: QWidget) -> Style:
    """The figures' colours and text size from the widget's palette and font."""
    palette = widget.palette()
    base = palette.color(QPalette.ColorRole.Base)
    ink = palette.color(QPalette.ColorRole.WindowText)
    dark = base.lightnessF() < 0.5
    colours = Colours(
        background=base.name(),
        ink=ink.name(),
        muted=_mix(ink, base, 0.4),
        grid=_mix(base, ink, 0.2),
        track=_mix(base, ink, 0.1),
        heat="#5B8FE6" if dark else "#2F6BD0",
    )
    return Style(colours=colours, font_size=QFontInfo(widget.font()).pointSizeF())


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
        # The screen's dpi, so a matplotlib point is a Qt point and the figures' text matches
        # the widgets' around them.
        figure = Figure(dpi=self.logicalDpiX(), layout="constrained")
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumSize(200, 150)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.body.addWidget(self.canvas, 1)
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


class SvgView(QWidget):
    """An SVG drawing (the print chart) on a light card, fitted to the widget; or a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(200, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.renderer: QSvgRenderer | None = None
        self.message = ""

    def set_svg(self, svg: bytes | None, message: str = "") -> None:
        self.renderer = QSvgRenderer(QByteArray(svg), self) if svg else None
        self.message = message
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect())
        if self.renderer is None:
            colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
            painter.setPen(colour)
            font = self.font()
            font.setPointSizeF(font.pointSizeF() * 1.1)
            painter.setFont(font)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.message)
            return
        box = self.renderer.viewBoxF()
        if box.width() <= 0 or box.height() <= 0:
            return
        scale = min(area.width() / box.width(), area.height() / box.height())
        width, height = box.width() * scale, box.height() * scale
        target = QRectF(area.x(), area.y(), width, height)
        # The print chart is drawn for white paper: on a dark palette it sits on its own card.
        card = target.adjusted(-6, -6, 6, 6).intersected(area)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(card, 6, 6)
        self.renderer.render(painter, target)


class SvgPanel(ChartPanel):
    """A panel showing an SVG chart made for print (the credit chart), regenerated to fit."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, object_name, parent)
        self.view = SvgView(self)
        self.body.addWidget(self.view, 1)
