"""Attribution credit: a bar per team, stacked by kind of touch, with a legend and numbers.

One chart for the screen: the dashboard's credit panel and the journal's summary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from planner.domain.values import TouchKind
from planner.report.figures import DARK_FILLS, TOUCH_COLORS, CreditRows
from planner.ui.chart import BAR_SHARE, LABEL_GAP, Chart, LegendEntry, Painting
from planner.ui.chart_scale import nice_ticks

# A pattern per kind of touch as well as a colour, for readers who cannot tell the colours
# apart (print has the colours and numbers only: PDF renderers would rasterise patterns).
PATTERNS = {
    TouchKind.PRODUCT_UX: Qt.BrushStyle.NoBrush,
    TouchKind.CUSTOMER_SUPPORT: Qt.BrushStyle.BDiagPattern,
    TouchKind.SALES: Qt.BrushStyle.Dense6Pattern,
    TouchKind.EDUCATION_CONTENT: Qt.BrushStyle.DiagCrossPattern,
    TouchKind.MARKETING: Qt.BrushStyle.FDiagPattern,
    TouchKind.OTHER: Qt.BrushStyle.HorPattern,
}
DARK_INK = "#1a1a1a"  # numbers and patterns on the light fills
MOST_PITCH_LINES = 2.2


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
        line = painting.line
        kinds = [kind for kind in TouchKind if any(kind in touches for _, touches in rows)]
        legend = [
            LegendEntry(self._touch_names.get(kind, kind.value), partial(_fill, painting, kind))
            for kind in kinds
        ]
        legend_height = painting.legend(legend, rect, 2.0 * line, centre=False)
        label_width = painting.name_column([name for name, _ in rows], rect, 0.35)
        totals = [sum(v for v in touches.values() if v > 0) for _, touches in rows]
        widest = max(max(totals), 0.0) or 1.0
        bold = painting.bold
        total_width = painting.width_of(self._number(widest), bold) + LABEL_GAP + 4
        left = rect.left() + label_width
        width = max(rect.right() - total_width - left, 10.0)
        # The widest bar fills the room; round numbers under it, as many as fit apart.
        scale = width / widest
        spacing = max(painting.width_of(self._number(widest)) + 3 * LABEL_GAP, 5 * line)
        ticks = [t for t in nice_ticks(widest, max(2, int(width // spacing))) if t <= widest]
        top = rect.top() + legend_height + 4
        axis_height = 2 * line + 8
        pitch = max(
            min((rect.bottom() - axis_height - top) / len(rows), MOST_PITCH_LINES * line), 1.0
        )
        bottom = top + pitch * len(rows)
        painting.axis(
            [(left + tick * scale, self._number(tick)) for tick in ticks],
            (top, bottom),
            bottom + 4,
            rect,
        )
        for index, ((name, touches), total) in enumerate(zip(rows, totals, strict=True)):
            row = QRectF(rect.left(), top + index * pitch, rect.width(), pitch)
            painting.row_name(row, name, label_width)
            bar_height = pitch * BAR_SHARE
            bar_top = row.top() + (pitch - bar_height) / 2
            start = left
            for kind in kinds:
                value = touches.get(kind, 0.0)
                if value <= 0:
                    continue
                segment = QRectF(start, bar_top, value * scale, bar_height)
                self._paint_segment(painting, kind, segment, value, name)
                start = segment.right()
            painting.text(
                QRectF(start + 4, row.top(), total_width, pitch),
                self._number(total),
                font=bold,
                elide=False,
            )
        painting.text(
            QRectF(left, bottom + line + 6, width, line),
            self._axis_label,
            flags=Qt.AlignmentFlag.AlignCenter,
        )

    def _paint_segment(
        self, painting: Painting, kind: TouchKind, segment: QRectF, value: float, team: str
    ) -> None:
        _fill(painting, kind, segment)
        name = self._touch_names.get(kind, kind.value)
        number = self._number(value)
        painting.region(segment, f"{team} · {name}: {number}")
        line = painting.line
        needed = painting.width_of(number) + LABEL_GAP
        if segment.width() < needed or segment.height() < line * 0.9:
            return  # the number would spill over its neighbours; the total still says it
        patterned = PATTERNS[kind] != Qt.BrushStyle.NoBrush
        colour = "#ffffff" if kind in DARK_FILLS and not patterned else DARK_INK
        if patterned:
            # Over a pattern, dark on a small white box keeps the number legible.
            box = QRectF(0, 0, needed - 2, line)
            box.moveCenter(segment.center())
            painter = painting.painter
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ffffff"))
            painter.drawRoundedRect(box, 2, 2)
        painting.text(
            segment, number, flags=Qt.AlignmentFlag.AlignCenter, colour=colour, elide=False
        )


def _fill(painting: Painting, kind: TouchKind, rect: QRectF) -> None:
    """``rect`` in the kind's colour and pattern, outlined in the ink (which shows on a
    dark background too)."""
    painter = painting.painter
    painting.pen(painting.colours.ink, 0.6)
    painter.setBrush(QColor(TOUCH_COLORS[kind]))
    painter.drawRect(rect)
    pattern = PATTERNS[kind]
    if pattern != Qt.BrushStyle.NoBrush:
        ink = QColor("#ffffff" if kind in DARK_FILLS else DARK_INK)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(ink, pattern))
        painter.drawRect(rect)
