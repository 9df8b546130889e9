"""Attribution credit: a bar per team, stacked by kind of touch, with a legend and numbers."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QWidget

from planner.domain.values import TouchKind
from planner.report.figures import DARK_FILLS, TOUCH_COLORS, CreditRows
from planner.ui.chart import Chart, Painting
from planner.ui.chart_scale import nice_ticks

# A pattern per kind of touch as well as a colour, for readers who cannot tell the colours
# apart (the same kinds are patterned as in print's hatched chart).
PATTERNS = {
    TouchKind.PRODUCT_UX: Qt.BrushStyle.NoBrush,
    TouchKind.CUSTOMER_SUPPORT: Qt.BrushStyle.BDiagPattern,
    TouchKind.SALES: Qt.BrushStyle.Dense6Pattern,
    TouchKind.EDUCATION_CONTENT: Qt.BrushStyle.DiagCrossPattern,
    TouchKind.MARKETING: Qt.BrushStyle.FDiagPattern,
    TouchKind.OTHER: Qt.BrushStyle.HorPattern,
}
OUTLINE = "#1a1a1a"
BAR_SHARE = 0.62  # of a row's height
MOST_PITCH_LINES = 2.2
TICK_SPACING = 70  # pixels, at least, between the axis's numbers


class CreditChart(Chart):
    """Credit per team as horizontal bars stacked by kind of touch, first row at the top.

    Each segment has its points written on it where they fit and each bar its total beside
    it, so the chart reads without telling the colours apart; the patterns say it again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: CreditRows = ()
        self._touch_names: Mapping[TouchKind, str] = {}
        self._number: Callable[[float], str] = lambda value: f"{value:g}"
        self._axis_label = ""
        self.empty_text = ""

    def set_rows(
        self,
        rows: CreditRows,
        *,
        touch_names: Mapping[TouchKind, str],
        number: Callable[[float], str],
        axis_label: str,
        empty_text: str,
    ) -> None:
        self._rows = tuple(rows)
        self._touch_names = touch_names
        self._number = number
        self._axis_label = axis_label
        self.empty_text = empty_text
        self.changed()

    def paint_chart(self, painting: Painting, rect: QRectF) -> None:
        rows = self._rows
        if not rows:
            painting.empty(rect, self.empty_text)
            return
        metrics = painting.metrics()
        line = metrics.height()
        kinds = [kind for kind in TouchKind if any(kind in touches for _, touches in rows)]
        legend_height = self._paint_legend(painting, kinds, rect)
        label_width = min(
            max(metrics.horizontalAdvance(name) for name, _ in rows) + 10, rect.width() * 0.35
        )
        widest = max(sum(touches.values()) for _, touches in rows) or 1.0
        bold = QFont(painting.font)
        bold.setBold(True)
        total_width = painting.metrics(bold).horizontalAdvance(self._number(widest)) + 10
        left = rect.left() + label_width
        width = max(rect.right() - total_width - left, 10.0)
        # The widest bar fills the room; the round numbers under it go no further.
        scale = width / widest
        ticks = [t for t in nice_ticks(widest, max(2, int(width // TICK_SPACING))) if t <= widest]
        top = rect.top() + legend_height + 4
        axis_height = 2 * line + 8
        pitch = min((rect.bottom() - axis_height - top) / len(rows), MOST_PITCH_LINES * line)
        bottom = top + pitch * len(rows)
        self._paint_axis(painting, ticks, left, scale, top, bottom)
        for index, (name, touches) in enumerate(rows):
            y = top + index * pitch
            painting.text(
                QRectF(rect.left(), y, label_width - 8, pitch),
                name,
                flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            )
            bar_height = pitch * BAR_SHARE
            bar_top = y + (pitch - bar_height) / 2
            start = left
            for kind in kinds:
                value = touches.get(kind, 0.0)
                if value <= 0:
                    continue
                segment = QRectF(start, bar_top, value * scale, bar_height)
                self._paint_segment(painting, kind, segment, value, name)
                start = segment.right()
            painting.text(
                QRectF(start + 4, y, total_width, pitch),
                self._number(sum(touches.values())),
                font=bold,
                elide=False,
            )
        painting.text(
            QRectF(left, bottom + line + 6, width, line),
            self._axis_label,
            flags=Qt.AlignmentFlag.AlignCenter,
        )

    def _paint_legend(self, painting: Painting, kinds: list[TouchKind], rect: QRectF) -> float:
        """A swatch and a name per kind of touch, up to three a line; returns its height."""
        line = painting.metrics().height()
        columns = min(len(kinds), 3 if rect.width() >= 420 else 2)
        column_width = rect.width() / max(columns, 1)
        swatch_width = 2.0 * line
        for index, kind in enumerate(kinds):
            row, column = divmod(index, columns)
            x = rect.left() + column * column_width
            y = rect.top() + row * (line + 4)
            swatch = QRectF(x, y + 2, swatch_width, line - 4)
            _fill(painting, kind, swatch)
            painting.text(
                QRectF(swatch.right() + 6, y, column_width - swatch_width - 12, line),
                self._touch_names.get(kind, kind.value),
            )
        return math.ceil(len(kinds) / max(columns, 1)) * (line + 4)

    def _paint_axis(
        self,
        painting: Painting,
        ticks: list[float],
        left: float,
        scale: float,
        top: float,
        bottom: float,
    ) -> None:
        painter = painting.painter
        metrics = painting.metrics()
        for tick in ticks:
            x = left + tick * scale
            painter.setPen(QPen(QColor(painting.colours.grid), 0.8))  # text() leaves the ink's
            painter.drawLine(QLineF(x, top, x, bottom))
            label = self._number(tick)
            width = metrics.horizontalAdvance(label) + 4
            painting.text(
                QRectF(x - width / 2, bottom + 4, width, metrics.height()),
                label,
                flags=Qt.AlignmentFlag.AlignCenter,
                elide=False,
            )

    def _paint_segment(
        self, painting: Painting, kind: TouchKind, segment: QRectF, value: float, team: str
    ) -> None:
        _fill(painting, kind, segment)
        name = self._touch_names.get(kind, kind.value)
        number = self._number(value)
        painting.region(segment, f"{team} · {name}: {number}")
        metrics = painting.metrics()
        needed = metrics.horizontalAdvance(number) + 8
        if segment.width() < needed:
            return  # the number would spill over its neighbours; the total still says it
        patterned = PATTERNS[kind] != Qt.BrushStyle.NoBrush
        colour = "#ffffff" if kind in DARK_FILLS and not patterned else OUTLINE
        if patterned:
            # Over a pattern, dark on a small white box keeps the number legible.
            box = QRectF(0, 0, needed - 2, metrics.height())
            box.moveCenter(segment.center())
            painter = painting.painter
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ffffff"))
            painter.drawRoundedRect(box, 2, 2)
        painting.text(
            segment, number, flags=Qt.AlignmentFlag.AlignCenter, colour=colour, elide=False
        )


def _fill(painting: Painting, kind: TouchKind, rect: QRectF) -> None:
    """``rect`` in the kind's colour and pattern, outlined."""
    painter = painting.painter
    painter.setPen(QPen(QColor(OUTLINE), 0.6))
    painter.setBrush(QColor(TOUCH_COLORS[kind]))
    painter.drawRect(rect)
    pattern = PATTERNS[kind]
    if pattern != Qt.BrushStyle.NoBrush:
        ink = QColor("#ffffff" if kind in DARK_FILLS else OUTLINE)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(ink, pattern))
        painter.drawRect(rect)
