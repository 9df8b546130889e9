"""The base of the app's charts: a widget that paints plain values with QPainter.

The charts on screen (the dashboard's, a key result's trend) are painted directly, as the
board's and the navigator's bars are, rather than drawn by matplotlib into a canvas:
matplotlib took about a second to import and a few tenths of a second per chart and per
resize on a large plan, the slowest part of opening a plan. Paper keeps matplotlib's vector
figures (:mod:`planner.report.figures`); the charts share their data and colours with them.

A chart paints into whatever size its layout gives it. Every text goes through
:meth:`Painting.text`, which notes it, so :meth:`Chart.texts` tells what a person sees; every
region with more to say (a bar, a cell, a point) goes through :meth:`Painting.region`, which
gives it a tooltip and, for a chart that has them, a click.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from planner.report.figures import Colours
from planner.ui.figure_style import style_for

TEXT_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass
class Region:
    """A part of the chart with a tooltip and, when clicked, a value to report."""

    rect: QRectF
    tooltip: str
    value: object = None


@dataclass
class Painting:
    """One paint of a chart: the painter, the chart's colours and fonts, what was drawn."""

    painter: QPainter
    colours: Colours
    font: QFont  # the chart's text, a touch smaller than the widgets' around it
    texts: list[str] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)

    def metrics(self, font: QFont | None = None) -> QFontMetricsF:
        return QFontMetricsF(font or self.font)

    def text(
        self,
        rect: QRectF,
        text: str,
        *,
        flags: Qt.AlignmentFlag = TEXT_FLAGS,
        colour: str | None = None,
        font: QFont | None = None,
        elide: bool = True,
    ) -> None:
        """``text`` in ``rect``, shortened with "…" to its width (the full text is a tooltip
        there), in the ink colour unless told."""
        painter = self.painter
        used = font or self.font
        shown = text
        if elide:
            shown = QFontMetricsF(used).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            if shown != text:
                self.region(rect, text)
        painter.setFont(used)
        painter.setPen(QColor(colour or self.colours.ink))
        painter.drawText(rect, int(flags), shown)
        if shown:
            self.texts.append(shown)

    def region(self, rect: QRectF, tooltip: str, value: object = None) -> None:
        self.regions.append(Region(QRectF(rect), tooltip, value))

    def empty(self, rect: QRectF, text: str) -> None:
        """The empty state: ``text`` in the middle, muted."""
        font = QFont(self.font)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.text(
            rect,
            text,
            flags=Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            colour=self.colours.muted,
            font=font,
            elide=False,
        )


class Chart(QWidget):
    """A chart painted from plain values; subclasses implement :meth:`paint_chart`.

    ``clicked(value)``: a region with a value was clicked (e.g. a team's bar).
    """

    clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)
        self.setMouseTracking(True)
        self._regions: list[Region] = []
        self._painted_since_change = False

    def changed(self) -> None:
        """The values changed: paint again soon."""
        self._painted_since_change = False
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._painted_since_change = False
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    @property
    def regions(self) -> list[Region]:
        """The regions with tooltips (and clicks) at the chart's present size."""
        return self._paint_offscreen().regions

    # ---- painting -------------------------------------------------------------------------

    def paint_chart(self, painting: Painting, rect: QRectF) -> None:
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._regions = self._paint(painter).regions
            self._painted_since_change = True
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> Painting:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        colours = style_for(self).colours
        painter.fillRect(self.rect(), QColor(colours.background))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        painting = Painting(painter, colours, font)
        self.paint_chart(painting, QRectF(self.rect()))
        return painting

    def texts(self) -> list[str]:
        """Every text the chart shows at its present size, as shown (for tests and
        accessibility checks)."""
        return self._paint_offscreen().texts

    def _paint_offscreen(self) -> Painting:
        """The chart painted into an image of its size, to find out what it shows."""
        image = QImage(self.size().expandedTo(QSize(1, 1)), QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        try:
            return self._paint(painter)
        finally:
            painter.end()

    # ---- tooltips and clicks --------------------------------------------------------------

    def region_at(self, point: QPointF) -> Region | None:
        # The last region painted is on top: a segment's number over its bar. (A chart not
        # painted since its last change, as under a test's click, finds out now.)
        regions = self._regions if self._painted_since_change else self.regions
        for region in reversed(regions):
            if region.rect.contains(point):
                return region
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            region = self.region_at(QPointF(event.pos()))
            if region is not None and region.tooltip:
                QToolTip.showText(event.globalPos(), region.tooltip, self, region.rect.toRect())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        clickable = region is not None and region.value is not None
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and region and region.value is not None:
            self.clicked.emit(region.value)
            return
        super().mousePressEvent(event)
