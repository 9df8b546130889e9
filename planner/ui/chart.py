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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from planner.report.figures import Colours
from planner.ui.figure_style import style_for

TEXT_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
BAR_SHARE = 0.62  # of a row's height: bars with air between them
LABEL_GAP = 8  # between a row's name and its bar, and between an axis's labels


def scaled_font(font: QFont, factor: float, bold: bool = False) -> QFont:
    """``font`` ``factor`` times as large (in points, or in pixels for a font set in
    pixels, whose point size is -1)."""
    result = QFont(font)
    if result.pointSizeF() > 0:
        result.setPointSizeF(result.pointSizeF() * factor)
    elif result.pixelSize() > 0:
        result.setPixelSize(max(1, round(result.pixelSize() * factor)))
    result.setBold(bold or result.bold())
    return result


@dataclass
class Region:
    """A part of the chart with a tooltip and, when clicked, a value to report."""

    rect: QRectF
    tooltip: str
    value: object = None


@dataclass
class LegendEntry:
    """A legend's entry: its text, and how to paint its key into a rectangle."""

    label: str
    paint_key: Callable[[QRectF], None]


@dataclass
class Painting:
    """One paint of a chart: the painter, the chart's colours and fonts, what was drawn."""

    painter: QPainter
    colours: Colours
    font: QFont  # the chart's text, a touch smaller than the widgets' around it
    texts: list[str] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)

    @property
    def bold(self) -> QFont:
        return scaled_font(self.font, 1.0, bold=True)

    @property
    def line(self) -> float:
        """The height of a line of the chart's text."""
        return self.metrics().height()

    def metrics(self, font: QFont | None = None) -> QFontMetricsF:
        return QFontMetricsF(font or self.font)

    def width_of(self, text: str, font: QFont | None = None) -> float:
        return self.metrics(font).horizontalAdvance(text)

    def pen(
        self, colour: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine
    ) -> None:
        self.painter.setPen(QPen(QColor(colour), width, style))

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
        self.text(
            rect,
            text,
            flags=CENTRE | Qt.TextFlag.TextWordWrap,
            colour=self.colours.muted,
            font=scaled_font(self.font, 1.2),
            elide=False,
        )

    def name_column(self, names: Iterable[str], rect: QRectF, share: float) -> float:
        """How wide a column of row names is: the widest name, at most ``share`` of
        ``rect``'s width (longer names are shortened, their tooltip whole)."""
        widest = max((self.width_of(name) for name in names), default=0.0)
        return min(widest + LABEL_GAP + 2, rect.width() * share)

    def row_name(self, rect: QRectF, name: str, width: float) -> None:
        """A row's name right-aligned in the ``width`` at the left of ``rect``."""
        self.text(
            QRectF(rect.left(), rect.top(), width - LABEL_GAP, rect.height()), name, flags=RIGHT
        )

    def axis(
        self,
        ticks: Sequence[tuple[float, str]],
        lines: tuple[float, float] | None,
        labels_top: float,
        within: QRectF,
        colour: str | None = None,
    ) -> None:
        """An axis along x: a grid line from ``lines`` (top, bottom) at each tick's x, and
        under it the tick's label, centred on it but kept inside ``within``. A label that
        would touch the one before it is left out (a narrow chart shows every other)."""
        line = self.line
        right_edge = within.left() - LABEL_GAP
        for x, label in ticks:
            if lines is not None:
                self.pen(self.colours.grid, 0.8)
                self.painter.drawLine(QLineF(x, lines[0], x, lines[1]))
            width = self.width_of(label) + 2
            left = min(max(x - width / 2, within.left()), within.right() - width)
            if left < right_edge + LABEL_GAP:
                continue
            self.text(
                QRectF(left, labels_top, width, line),
                label,
                flags=CENTRE,
                colour=colour,
                elide=False,
            )
            right_edge = left + width

    def legend(
        self,
        entries: Sequence[LegendEntry],
        rect: QRectF,
        key_width: float,
        centre: bool,
        bottom: bool = False,
    ) -> float:
        """The entries in rows across ``rect`` from its top (or up to its bottom), as many a
        row as fit; returns the height they take."""
        line = self.line
        widths = [key_width + 6 + self.width_of(entry.label) + 2 * LABEL_GAP for entry in entries]
        rows: list[list[int]] = []
        used = 0.0
        for index, width in enumerate(widths):
            if not rows or used + width > rect.width():
                rows.append([])
                used = 0.0
            rows[-1].append(index)
            used += width
        pitch = line + 4
        first = rect.bottom() - len(rows) * pitch if bottom else rect.top()
        for number, row in enumerate(rows):
            spare = rect.width() - sum(widths[i] for i in row)
            x = rect.left() + (max(spare, 0.0) / 2 if centre else 0.0)
            y = first + number * pitch
            for index in row:
                entry = entries[index]
                entry.paint_key(QRectF(x, y + 2, key_width, line - 4))
                label_width = min(widths[index], rect.right() - x) - key_width - 6
                self.text(QRectF(x + key_width + 6, y, label_width, line), entry.label)
                x += widths[index]
        return len(rows) * pitch


class Chart(QWidget):
    """A chart painted from plain values; subclasses implement :meth:`paint_chart`.

    ``clicked(value)``: a region with a value was clicked (e.g. a team's bar).
    """

    clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Small, so the dashboard never holds the window (or a dock beside it) large.
        self.setMinimumSize(120, 80)
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
        painting = Painting(painter, colours, scaled_font(self.font(), 0.9))
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

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # Qt's default handles a double click as a second press: one click, one signal.
        event.accept()
