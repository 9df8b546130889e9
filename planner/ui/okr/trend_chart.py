"""A key result's trend over its period: check-ins against start, target and the expected pace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QLineF, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from planner.domain.values import KeyResultKind, ThresholdDirection
from planner.ui.chart import Chart, Painting
from planner.ui.chart_scale import date_ticks, nice_range
from planner.ui.texts import format_number

CHECK_INS = "#2F6BD0"
EXPECTED = "#8C8C8C"
TARGET = "#3F9B63"
START = "#6F6F6F"
TODAY = "#D9A23A"
MILESTONE_RANGE = (-0.15, 1.15)
SIGNS = {ThresholdDirection.AT_MOST: "≤ ", ThresholdDirection.AT_LEAST: "≥ "}


@dataclass(frozen=True)
class TrendData:
    """What the chart draws, as plain values (the history widget reads them from the plan)."""

    kind: KeyResultKind
    unit: str
    start: float | None
    target: float | None
    direction: ThresholdDirection | None
    period_start: date
    period_end: date
    today: date
    points: tuple[tuple[date, float], ...]


@dataclass(frozen=True)
class _Line:
    """A line of the chart and its legend entry."""

    label: str
    colour: str
    style: Qt.PenStyle
    width: float


class TrendChart(Chart):
    """The chart of one key result; ``set_data(None)`` empties it.

    Today and the reference lines (start, target, the steady pace from start to target) are
    drawn behind the check-ins; a legend under the plot names them, the check-ins first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.setMinimumSize(320, 220)
        self._data: TrendData | None = None

    def set_data(self, data: TrendData | None) -> None:
        self._data = data
        self.changed()

    def value_label(self, value: float) -> str:
        """A value as the axis writes it: in the locale, with the unit ("12,5 h")."""
        data = self._data
        if data is not None and data.kind is KeyResultKind.MILESTONE:
            return self.tr("Done") if value >= 1 else self.tr("Not yet")
        unit = data.unit if data is not None else ""
        return format_number(value, unit)

    def paint_chart(self, painting: Painting, rect: QRectF) -> None:
        data = self._data
        if data is None:
            painting.empty(rect, self.tr("Select a key result to see its trend."))
            return
        rect = rect.adjusted(6, 8, -10, -4)
        metrics = painting.metrics()
        line = metrics.height()
        lines = self._lines(data)
        legend_height = self._paint_legend(painting, list(lines.values()), rect)
        low, high, ticks = self._value_range(data)
        width = max(metrics.horizontalAdvance(self.value_label(t)) for t in ticks) + 8
        plot = QRectF(
            rect.left() + width,
            rect.top() + line / 2,
            rect.width() - width,
            rect.height() - legend_height - 2.5 * line - 8,
        )
        first = min([data.period_start, *(day for day, _ in data.points)])
        last = max([data.period_end, *(day for day, _ in data.points)])
        span = max((last - first).days, 1)

        def x(day: date) -> float:
            return plot.left() + plot.width() * (day - first).days / span

        def y(value: float) -> float:
            return plot.bottom() - plot.height() * (value - low) / (high - low)

        painter = painting.painter
        c = painting.colours
        grid = QPen(QColor(c.grid), 0.6)
        for tick in ticks:
            painter.setPen(grid)
            painter.drawLine(QLineF(plot.left(), y(tick), plot.right(), y(tick)))
            painting.text(
                QRectF(rect.left(), y(tick) - line / 2, width - 6, line),
                self.value_label(tick),
                flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                elide=False,
            )
        for day in date_ticks(first, last, max(2, int(plot.width() // 90))):
            label = QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")
            label_width = metrics.horizontalAdvance(label) + 4
            painting.text(
                # Half a line down: clear of the lowest value's label beside the axis.
                QRectF(x(day) - label_width / 2, plot.bottom() + line / 2 + 2, label_width, line),
                label,
                flags=Qt.AlignmentFlag.AlignCenter,
                elide=False,
            )
        painter.setPen(QPen(QColor(c.grid), 0.8))
        painter.drawLine(QLineF(plot.bottomLeft(), plot.bottomRight()))

        if "today" in lines and first <= data.today <= last:
            _pen(painting, lines["today"])
            painter.drawLine(QLineF(x(data.today), plot.top(), x(data.today), plot.bottom()))
        if "start" in lines and data.start is not None and data.target is not None:
            _pen(painting, lines["start"])
            painter.drawLine(QLineF(plot.left(), y(data.start), plot.right(), y(data.start)))
            _pen(painting, lines["pace"])
            painter.drawLine(
                QLineF(x(data.period_start), y(data.start), x(data.period_end), y(data.target))
            )
        if "target" in lines:
            target = self._target(data)
            _pen(painting, lines["target"])
            painter.drawLine(QLineF(plot.left(), y(target), plot.right(), y(target)))
        if not data.points:
            message = self.tr("No check-ins yet")
            box = QRectF(0, 0, metrics.horizontalAdvance(message) + 16, line + 8)
            box.moveCenter(plot.center())
            painter.setPen(QPen(QColor(c.grid), 0.8))
            painter.setBrush(QColor(c.background))
            painter.drawRoundedRect(box, 4, 4)  # over the reference lines, legible
            painting.text(box, message, flags=Qt.AlignmentFlag.AlignCenter, elide=False)
            return
        points = [QPointF(x(day), y(value)) for day, value in data.points]
        if data.kind is KeyResultKind.MILESTONE:  # a step: done from the day it was done
            steps = [points[0]]
            for point in points[1:]:
                steps += [QPointF(point.x(), steps[-1].y()), point]
            polyline = steps
        else:
            polyline = points
        _pen(painting, lines["check_ins"])
        painter.drawPolyline(QPolygonF(polyline))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CHECK_INS))
        for point, (day, value) in zip(points, data.points, strict=True):
            painter.drawEllipse(point, 3.5, 3.5)
            painting.region(
                QRectF(point.x() - 6, point.y() - 6, 12, 12),
                f"{QLocale().toString(QDate(day.year, day.month, day.day), 'd MMM yyyy')}: "
                f"{self.value_label(value)}",
            )

    def _lines(self, data: TrendData) -> dict[str, _Line]:
        """The lines drawn, in the legend's order (the check-ins first: what a person came
        to see)."""
        milestone = data.kind is KeyResultKind.MILESTONE
        metric = data.kind in (KeyResultKind.INCREASE, KeyResultKind.DECREASE)
        lines: dict[str, _Line] = {}
        if data.points:
            lines["check_ins"] = _Line(self.tr("Check-ins"), CHECK_INS, Qt.PenStyle.SolidLine, 2)
        if data.target is not None or milestone:
            if milestone:
                label = self.tr("Target: done")
            else:
                value = format_number(self._target(data), data.unit)
                if data.direction is not None:
                    value = SIGNS[data.direction] + value
                label = self.tr("Target {v}").format(v=value)
            lines["target"] = _Line(label, TARGET, Qt.PenStyle.DashLine, 1.3)
        if metric and data.start is not None and data.target is not None:
            start = self.tr("Start {v}").format(v=format_number(data.start, data.unit))
            lines["start"] = _Line(start, START, Qt.PenStyle.DashLine, 1)
            lines["pace"] = _Line(self.tr("Expected pace"), EXPECTED, Qt.PenStyle.DotLine, 1.6)
        if data.period_start <= data.today <= data.period_end:
            lines["today"] = _Line(self.tr("Today"), TODAY, Qt.PenStyle.SolidLine, 1.2)
        return lines

    @staticmethod
    def _target(data: TrendData) -> float:
        return 1.0 if data.kind is KeyResultKind.MILESTONE else float(data.target or 0)

    def _value_range(self, data: TrendData) -> tuple[float, float, list[float]]:
        """The value axis: its lowest and highest values and its ticks."""
        if data.kind is KeyResultKind.MILESTONE:
            return (*MILESTONE_RANGE, [0.0, 1.0])
        values = [v for _, v in data.points] + [
            v for v in (data.start, data.target) if v is not None
        ]
        if not values:
            return 0.0, 1.0, [0.0, 1.0]
        low, high = min(values), max(values)
        pad = (high - low) * 0.12 or abs(high) * 0.1 or 1.0
        # Room around the values, but no negative axis for values that cannot be negative.
        bottom = max(low - pad, 0.0) if low >= 0 else low - pad
        ticks = nice_range(bottom, high + pad, 5)
        return ticks[0], ticks[-1], ticks

    def _paint_legend(self, painting: Painting, lines: list[_Line], rect: QRectF) -> float:
        """The legend under the plot, as many entries a row as fit; returns its height."""
        metrics = painting.metrics()
        line = metrics.height()
        key = 2.2 * line
        widths = [key + 6 + metrics.horizontalAdvance(entry.label) + 18 for entry in lines]
        rows: list[list[int]] = [[]]
        used = 0.0
        for index, width in enumerate(widths):
            if rows[-1] and used + width > rect.width():
                rows.append([])
                used = 0.0
            rows[-1].append(index)
            used += width
        top = rect.bottom() - len(rows) * (line + 4)
        for number, row in enumerate(rows):
            x = rect.left() + (rect.width() - sum(widths[i] for i in row)) / 2
            y = top + number * (line + 4)
            for index in row:
                entry = lines[index]
                _pen(painting, entry)
                painting.painter.drawLine(QLineF(x, y + line / 2, x + key, y + line / 2))
                painting.text(
                    QRectF(x + key + 6, y, widths[index] - key - 6, line), entry.label, elide=False
                )
                x += widths[index]
        return len(rows) * (line + 4) + 4


def _pen(painting: Painting, line: _Line) -> None:
    painting.painter.setPen(QPen(QColor(line.colour), line.width, line.style))
